//! Links the portal puts in mail, feeds and answers to other apps: every one is made from
//! the configured public address here.

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

#[cfg(test)]
mod tests {
    #[test]
    fn one_slash_between_base_and_path() {
        assert_eq!(super::url("https://layanan.test/", "/lacak/X"), "https://layanan.test/lacak/X");
        assert_eq!(super::url("https://layanan.test", "/lacak/X"), "https://layanan.test/lacak/X");
    }
}
