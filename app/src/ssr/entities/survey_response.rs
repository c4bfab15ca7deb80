use sea_orm::entity::prelude::*;

/// One filled-in questionnaire: the nine elements (1–4) and optional respondent details.
/// Anonymous: nothing links it to the invitation, the report or the visit.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "survey_responses")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub unit_id: i32,
    pub service_id: Option<i32>,
    pub source: String,
    pub submitted_at: DateTimeUtc,
    pub u1: i32,
    pub u2: i32,
    pub u3: i32,
    pub u4: i32,
    pub u5: i32,
    pub u6: i32,
    pub u7: i32,
    pub u8: i32,
    pub u9: i32,
    pub age: Option<i32>,
    pub gender: Option<String>,
    pub education: Option<String>,
    pub occupation: Option<String>,
    pub suggestion: String,
}

impl Model {
    pub fn scores(&self) -> [i32; 9] {
        [self.u1, self.u2, self.u3, self.u4, self.u5, self.u6, self.u7, self.u8, self.u9]
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
