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

impl ActiveModel {
    /// An answer with its nine scores; the respondent details are left unset (empty).
    pub fn scored(unit_id: i32, service_id: Option<i32>, source: &str, at: DateTimeUtc, s: [i32; 9]) -> ActiveModel {
        use sea_orm::Set;
        ActiveModel {
            unit_id: Set(unit_id),
            service_id: Set(service_id),
            source: Set(source.into()),
            submitted_at: Set(at),
            u1: Set(s[0]),
            u2: Set(s[1]),
            u3: Set(s[2]),
            u4: Set(s[3]),
            u5: Set(s[4]),
            u6: Set(s[5]),
            u7: Set(s[6]),
            u8: Set(s[7]),
            u9: Set(s[8]),
            suggestion: Set(String::new()),
            ..Default::default()
        }
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
