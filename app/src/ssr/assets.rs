//! The built stylesheet, script and WebAssembly, by the names the build gave them. A
//! release build names each by its content (`layanan.<hash>.css`), so a browser keeps them
//! for a year and fetches a new build's files at once; a development build's plain names
//! (`layanan.css`) are checked again after an hour. Found once, when the server starts.
use std::path::Path;

/// Addresses of the built files, e.g. `/pkg/layanan.Xy3.css`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assets {
    pub css: String,
    pub js: String,
    pub wasm: String,
}

impl Assets {
    /// The files of the site Leptos is configured with.
    pub fn of(options: &leptos::prelude::LeptosOptions) -> Assets {
        let dir = std::path::Path::new(&*options.site_root).join(&*options.site_pkg_dir);
        Assets::find(&dir, &options.site_pkg_dir, &options.output_name)
    }

    /// The files in `pkg_dir` (served at `/{pkg}`) of the build named `output`; the plain
    /// names when the directory holds no hashed ones (a development build, or none yet).
    pub fn find(pkg_dir: &Path, pkg: &str, output: &str) -> Assets {
        let names: Vec<String> = std::fs::read_dir(pkg_dir)
            .map(|d| d.filter_map(|e| e.ok()).filter_map(|e| e.file_name().into_string().ok()).collect())
            .unwrap_or_default();
        let pick = |ext: &str| {
            let mut found: Vec<&String> =
                names.iter().filter(|n| n.ends_with(&format!(".{ext}")) && hashed_name(n) && n.starts_with(&format!("{output}."))).collect();
            // Several builds in one directory should not happen (the build empties it); if
            // they do, any choice is stable.
            found.sort();
            found.first().map(|n| format!("/{pkg}/{n}"))
        };
        let plain = Assets::plain(pkg, output);
        Assets { css: pick("css").unwrap_or(plain.css), js: pick("js").unwrap_or(plain.js), wasm: pick("wasm").unwrap_or(plain.wasm) }
    }

    /// The plain names of a build named `output` (a development build's).
    pub fn plain(pkg: &str, output: &str) -> Assets {
        Assets { css: format!("/{pkg}/{output}.css"), js: format!("/{pkg}/{output}.js"), wasm: format!("/{pkg}/{output}.wasm") }
    }
}

/// Whether a file name carries its content's hash (`name.<hash>.ext`, with any `.br` or `.gz`
/// after it): such a file never changes, and may be kept for ever.
pub fn hashed_name(name: &str) -> bool {
    let name = name.trim_end_matches(".br").trim_end_matches(".gz");
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() == 3
        && parts[1].len() >= 8
        && parts[1].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_release_builds_hashed_names_are_found_and_plain_names_are_the_fallback() {
        let dir = std::env::temp_dir().join(format!("layanan-assets-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        assert_eq!(
            Assets::find(&dir, "pkg", "layanan"),
            Assets { css: "/pkg/layanan.css".into(), js: "/pkg/layanan.js".into(), wasm: "/pkg/layanan.wasm".into() }
        );
        for f in ["layanan.AbCdEf12_-xY.css", "layanan.AbCdEf12_-xY.css.br", "layanan.Qr5tUv78wXyZ.js", "layanan.Qr5tUv78wXyZ.js.gz", "layanan.Zz9Yy8Xx7Ww6.wasm", "layanan.d.ts"] {
            std::fs::write(dir.join(f), b"x").unwrap();
        }
        assert_eq!(
            Assets::find(&dir, "pkg", "layanan"),
            Assets {
                css: "/pkg/layanan.AbCdEf12_-xY.css".into(),
                js: "/pkg/layanan.Qr5tUv78wXyZ.js".into(),
                wasm: "/pkg/layanan.Zz9Yy8Xx7Ww6.wasm".into()
            }
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn only_content_named_files_are_kept_for_ever() {
        assert!(hashed_name("layanan.AbCdEf12_-xY.wasm"));
        assert!(hashed_name("layanan.AbCdEf12_-xY.wasm.br"));
        assert!(!hashed_name("layanan.wasm"));
        assert!(!hashed_name("layanan.wasm.gz"));
        assert!(!hashed_name("layanan.d.ts"));
        assert!(!hashed_name("layanan_bg.wasm.d.ts"));
    }
}
