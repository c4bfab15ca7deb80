//! Word search by index, for the home page's services and the public register. A word
//! matches any part of a text ("lahir" finds "kelahiran"), in any letter case; every word
//! of the query must match. Words of three letters or more are looked up in the trigram
//! indexes of the migration `search_index` (SQLite FTS5, PostgreSQL `pg_trgm`); shorter
//! words ("KK") cannot be, and are matched by comparing the text itself.
use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{Condition, DbBackend, Value};

/// A searchable set of texts and its index on each database.
#[derive(Clone, Copy, Debug)]
pub enum Index {
    /// A service's name, summaries and search words.
    Services,
    /// A report's published subject and description.
    Register,
}

impl Index {
    /// The FTS5 table (SQLite) and the row id it is joined on.
    fn fts(self) -> (&'static str, &'static str) {
        match self {
            Index::Services => ("service_search", r#""services"."id""#),
            Index::Register => ("ticket_search", r#""tickets"."id""#),
        }
    }

    /// The text as one lower-case expression: on PostgreSQL exactly the expression the
    /// trigram index holds, so the planner uses it.
    fn text(self) -> &'static str {
        match self {
            Index::Services => {
                r#"lower("services"."name" || ' ' || "services"."summary" || ' ' || "services"."keywords" || ' ' || "services"."summary_en" || ' ' || "services"."keywords_en")"#
            }
            Index::Register => r#"lower(coalesce("tickets"."public_subject", '') || ' ' || coalesce("tickets"."public_body", ''))"#,
        }
    }
}

/// The shortest word a trigram index can find.
pub const INDEXED_LETTERS: usize = 3;

/// The words of a query as searched: lower case, without the characters that steer a
/// pattern or a phrase, at most eight.
pub fn words(query: &str) -> Vec<String> {
    query
        .split_whitespace()
        .map(|w| w.to_lowercase().replace(['%', '_', '\\', '"'], ""))
        .filter(|w| !w.is_empty())
        .take(8)
        .collect()
}

/// The condition that `word` occurs in the texts of `index`.
pub fn matches(backend: DbBackend, index: Index, word: &str) -> SimpleExpr {
    let pattern = format!("%{word}%");
    // The value's placeholder as each database's query builder reads it.
    let value = if backend == DbBackend::Postgres { "$1" } else { "?" };
    if backend == DbBackend::Sqlite && word.chars().count() >= INDEXED_LETTERS {
        let (table, id) = index.fts();
        // One FTS5 phrase: with the trigram tokenizer, any text holding the word.
        let phrase = format!("\"{word}\"");
        return Expr::cust_with_values(format!("{id} IN (SELECT rowid FROM {table} WHERE {table} MATCH {value})"), [Value::from(phrase)]);
    }
    Expr::cust_with_values(format!("{} LIKE {value}", index.text()), [Value::from(pattern)])
}

/// The condition that every one of `words` occurs in the texts of `index`, for a list that
/// is read in the order of an index of its own and stops after a page (the register, newest
/// answer first). On SQLite the indexed words make one FTS5 query, and each row the order
/// brings is checked against its set of ids (`+` keeps SQLite from looking the rows up by
/// those ids instead, and then sorting every match: at a province's scale two common words
/// matched 3,333 reports, and that took 17 ms against 3 ms). Short words are compared as text.
pub fn matches_every(backend: DbBackend, index: Index, words: &[String]) -> Condition {
    let mut cond = Condition::all();
    let indexed = |w: &&String| backend == DbBackend::Sqlite && w.chars().count() >= INDEXED_LETTERS;
    let phrases: Vec<String> = words.iter().filter(indexed).map(|w| format!("\"{w}\"")).collect();
    if !phrases.is_empty() {
        let (table, id) = index.fts();
        cond = cond.add(Expr::cust_with_values(
            format!("+{id} IN (SELECT rowid FROM {table} WHERE {table} MATCH ?)"),
            [Value::from(phrases.join(" "))],
        ));
    }
    for w in words.iter().filter(|w| !indexed(w)) {
        cond = cond.add(matches(backend, index, w));
    }
    cond
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_database_gets_its_index_and_the_word_as_a_value() {
        use sea_orm::{EntityTrait, QueryFilter, QueryTrait};
        let sql = |b| crate::ssr::entities::service::Entity::find().filter(matches(b, Index::Services, "akta")).build(b).to_string();
        assert!(sql(DbBackend::Sqlite).ends_with(r#"WHERE "services"."id" IN (SELECT rowid FROM service_search WHERE service_search MATCH '"akta"')"#), "{}", sql(DbBackend::Sqlite));
        assert!(sql(DbBackend::Postgres).ends_with(r#""services"."keywords_en") LIKE '%akta%'"#), "{}", sql(DbBackend::Postgres));
        // Too short for a trigram: the text itself is compared.
        let short = crate::ssr::entities::service::Entity::find().filter(matches(DbBackend::Sqlite, Index::Services, "kk")).build(DbBackend::Sqlite).to_string();
        assert!(short.ends_with(r#""services"."keywords_en") LIKE '%kk%'"#), "{short}");
    }

    #[test]
    fn every_word_of_the_register_is_one_index_query_checked_in_the_lists_order() {
        use sea_orm::{EntityTrait, QueryFilter, QueryTrait};
        let words = words("antrean KK loket");
        let sql = |b| crate::ssr::entities::ticket::Entity::find().filter(matches_every(b, Index::Register, &words)).build(b).to_string();
        let sqlite = sql(DbBackend::Sqlite);
        assert!(
            sqlite.contains(r#"+"tickets"."id" IN (SELECT rowid FROM ticket_search WHERE ticket_search MATCH '"antrean" "loket"')"#),
            "{sqlite}"
        );
        assert!(sqlite.contains(r#"LIKE '%kk%'"#), "{sqlite}");
        let postgres = sql(DbBackend::Postgres);
        assert_eq!(postgres.matches(" LIKE ").count(), 3, "{postgres}");
    }

    #[test]
    fn words_are_lower_case_without_pattern_characters_and_at_most_eight() {
        assert_eq!(words("  Akta  KELAHIRAN 100%_\"x\" "), vec!["akta", "kelahiran", "100x"]);
        assert_eq!(words("% _ \"").len(), 0);
        assert_eq!(words("a b c d e f g h i j").len(), 8);
    }
}
