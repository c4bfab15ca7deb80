//! Reply templates of a unit.
use super::*;

pub async fn templates(db: &impl ConnectionTrait, unit_id: i32) -> Result<Vec<TemplateView>, AppError> {
    Ok(response_template::Entity::find()
        .filter(response_template::Column::UnitId.eq(unit_id))
        .order_by_asc(response_template::Column::Title)
        .all(db)
        .await?
        .into_iter()
        .map(|r| TemplateView { id: r.id, title: r.title, body: r.body })
        .collect())
}

pub async fn save_template(
    db: &impl ConnectionTrait,
    actor: &CurrentUser,
    unit_id: i32,
    title: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut errors = FieldErrors::default();
    errors.text("title", title, true, 100);
    errors.text("body", body, true, BODY_MAX);
    errors.into_result()?;
    let r = response_template::ActiveModel {
        unit_id: Set(unit_id),
        title: Set(title.trim().to_string()),
        body: Set(body.trim().to_string()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit::record(db, Some(actor.id), "template.create", "response_template", r.id, json!({ "unit": unit_id }), now).await?;
    Ok(())
}

pub async fn delete_template(db: &impl ConnectionTrait, actor: &CurrentUser, unit_id: i32, id: i32, now: DateTime<Utc>) -> Result<(), AppError> {
    let r = response_template::Entity::delete_many()
        .filter(response_template::Column::Id.eq(id))
        .filter(response_template::Column::UnitId.eq(unit_id))
        .exec(db)
        .await?;
    if r.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    audit::record(db, Some(actor.id), "template.delete", "response_template", id, json!({ "unit": unit_id }), now).await?;
    Ok(())
}
