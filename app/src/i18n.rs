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

impl Lang {
    pub fn t(self, id: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Id => id,
            Lang::En => en,
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

/// Determines the language when the app starts: the cookie on the server, the `<html lang>`
/// attribute the server wrote in the browser, so hydration renders the same text.
pub fn detect_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .map(|parts| Lang::from_headers(&parts.headers))
            .unwrap_or_default()
    }
    #[cfg(all(not(feature = "ssr"), feature = "hydrate"))]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|l| Lang::parse(&l))
            .unwrap_or_default()
    }
    #[cfg(all(not(feature = "ssr"), not(feature = "hydrate")))]
    {
        Lang::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_header_is_read() {
        assert_eq!(Lang::from_cookie_header("a=1; bahasa=en; b=2"), Lang::En);
        assert_eq!(Lang::from_cookie_header("bahasa=xx"), Lang::Id);
        assert_eq!(Lang::from_cookie_header(""), Lang::Id);
    }
}
