//! Links the portal puts in mail, feeds and answers to other apps: every one is made from
//! the configured public address here.

use crate::i18n::LANG_PARAM;

/// Settings the rules need from the running portal.
#[derive(Clone, Copy, Debug)]
pub struct Env<'a> {
    /// The public base address, e.g. `https://layanan.example.go.id` (a trailing `/` or not).
    pub public_url: &'a str,
}

impl Env<'_> {
    /// The public address of `path` (which starts with `/`).
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.public_url.trim_end_matches('/'))
    }
}

/// The public address of `path` under `base`, for code that holds the base address only.
pub fn url(base: &str, path: &str) -> String {
    Env { public_url: base }.url(path)
}

/// Pages that carry a person's data or a code that acts for them: never cached by a
/// browser or a proxy, never named to another site, and never indexed by a search engine.
pub fn private_path(path: &str) -> bool {
    const PREFIXES: [&str; 12] = [
        "/petugas", "/kelola", "/admin", "/loket", "/kinerja-saya", "/masuk", "/lacak/", "/janji/", "/konfirmasi/", "/survei/",
        "/lapor/", "/api/",
    ];
    PREFIXES.iter().any(|p| path.starts_with(p)) || path.ends_with(".csv") || path == "/akun" || path.starts_with("/akun/")
}

/// The language an address names, if it names one.
pub fn lang_of_query(query: Option<&str>) -> Option<crate::i18n::Lang> {
    query?
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(k, _)| *k == LANG_PARAM)
        .and_then(|(_, v)| crate::i18n::Lang::parse(v))
}

/// The address of page `path` in `lang`: Bahasa Indonesia, the portal's first language, is
/// the plain address; English adds `?bahasa=en`. Search engines get one address for each.
pub fn page_in(path: &str, lang: crate::i18n::Lang) -> String {
    match lang {
        crate::i18n::Lang::Id => path.to_string(),
        crate::i18n::Lang::En => format!("{path}?{LANG_PARAM}=en"),
    }
}

#[cfg(test)]
mod tests {
    use crate::i18n::Lang;

    #[test]
    fn each_language_has_its_address_and_private_pages_are_known() {
        assert_eq!(super::page_in("/layanan/a/b", Lang::Id), "/layanan/a/b");
        assert_eq!(super::page_in("/layanan/a/b", Lang::En), "/layanan/a/b?bahasa=en");
        assert_eq!(super::lang_of_query(Some("q=akta&bahasa=en")), Some(Lang::En));
        assert_eq!(super::lang_of_query(Some("bahasa=id")), Some(Lang::Id));
        assert_eq!(super::lang_of_query(Some("bahasa=xx")), None);
        assert_eq!(super::lang_of_query(None), None);
        assert!(super::private_path("/lacak/ABC") && super::private_path("/akun") && !super::private_path("/lacak"));
        assert!(!super::private_path("/layanan/a/b") && !super::private_path("/akunting"));
    }

    #[test]
    fn one_slash_between_base_and_path() {
        assert_eq!(super::url("https://layanan.test/", "/lacak/X"), "https://layanan.test/lacak/X");
        assert_eq!(super::url("https://layanan.test", "/lacak/X"), "https://layanan.test/lacak/X");
    }
}
