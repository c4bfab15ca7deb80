//! Bahasa Indonesia first, English available. Each text is written in both languages where
//! it is used (`lang.t("…", "…")`), so no key can be missing.
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Id,
    En,
}

/// Name of the cookie that remembers the visitor's choice.
pub const LANG_COOKIE: &str = "bahasa";

/// The query parameter that names a page's language in its address (`?bahasa=en`).
pub const LANG_PARAM: &str = LANG_COOKIE;

impl Lang {
    pub fn t(self, id: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Id => id,
            Lang::En => en,
        }
    }

    /// `n` with its noun: Indonesian nouns do not change with the number; English ones do
    /// ("1 service", "2 services").
    pub fn count(self, n: impl Into<u64>, id: &str, one: &str, many: &str) -> String {
        let n = n.into();
        match self {
            Lang::Id => format!("{n} {id}"),
            Lang::En if n == 1 => format!("1 {one}"),
            Lang::En => format!("{n} {many}"),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Id => "id",
            Lang::En => "en",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "id" => Some(Lang::Id),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Reads the language from a `Cookie:` header value.
    pub fn from_cookie_header(header: &str) -> Lang {
        header
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(name, _)| *name == LANG_COOKIE)
            .and_then(|(_, value)| Lang::parse(value))
            .unwrap_or_default()
    }

    /// The language a request's cookie asks for (Bahasa Indonesia without one).
    #[cfg(feature = "ssr")]
    pub fn from_headers(headers: &http::HeaderMap) -> Self {
        headers
            .get(http::header::COOKIE)
            .and_then(|v| v.to_str().ok())
            .map(Lang::from_cookie_header)
            .unwrap_or_default()
    }
}

/// The language of the current request (server) or page (browser).
pub fn use_lang() -> Lang {
    leptos::prelude::use_context::<Lang>().unwrap_or_default()
}

/// Determines the language when a page is drawn: from the request's headers.
/// Pages are drawn on the server only; an island is given the language as a prop.
pub fn detect_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .map(|parts| Lang::from_headers(&parts.headers))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        Lang::default()
    }
}

// ---------------------------------------------------------------------------------------
// How a date and a time are written in every form of the portal: as Indonesians write
// them, day first (01-12-2026) and hours with a dot (08.00). Forms are prefilled this way and
// hinted with these examples; reading accepts every common way of typing them
// (`ssr::timefmt::parse_date` and `parse_time`).

pub const DATE_EXAMPLE: &str = "01-12-2026";
pub const TIME_EXAMPLE: &str = "08.00";

/// The hint beside a date box.
pub fn date_hint(lang: Lang) -> &'static str {
    lang.t(
        "Tanggal-bulan-tahun, misalnya 01-12-2026 (1/12/2026 atau 1 Desember 2026 juga dapat).",
        "Day-month-year, for example 01-12-2026 (1/12/2026 or 1 December 2026 work too).",
    )
}

/// The hint beside a time box.
pub fn time_hint(lang: Lang) -> &'static str {
    lang.t("Jam dan menit, misalnya 08.00 (8.00 atau 08:00 juga dapat).", "Hours and minutes, for example 08.00 (8.00 or 08:00 work too).")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_count_takes_the_noun_of_its_number() {
        assert_eq!(Lang::En.count(1u32, "layanan", "service", "services"), "1 service");
        assert_eq!(Lang::En.count(3u32, "layanan", "service", "services"), "3 services");
        assert_eq!(Lang::Id.count(1u32, "layanan", "service", "services"), "1 layanan");
    }

    #[test]
    fn cookie_header_is_read() {
        assert_eq!(Lang::from_cookie_header("a=1; bahasa=en; b=2"), Lang::En);
        assert_eq!(Lang::from_cookie_header("bahasa=xx"), Lang::Id);
        assert_eq!(Lang::from_cookie_header(""), Lang::Id);
    }
}

