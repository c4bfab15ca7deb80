//! Formatted text for service standards: Markdown (lists, steps, tables, links) rendered to
//! HTML and then cleaned, so no script or unsafe link ever reaches a page.
use pulldown_cmark::{html, Options, Parser};
use std::collections::HashMap;
use std::sync::{Arc, RwLock};

/// Rendering is a pure function of the source text, so results are kept by their source:
/// nothing ever needs invalidating, and published versions (which never change) are rendered
/// once per process. Bounded: emptied when it grows past `MAX_ENTRIES`.
#[derive(Default)]
pub struct Cache {
    rendered: RwLock<HashMap<String, Arc<str>>>,
}

const MAX_ENTRIES: usize = 4096;

impl Cache {
    pub fn render(&self, source: &str) -> Arc<str> {
        if let Some(hit) = self.rendered.read().ok().and_then(|m| m.get(source).cloned()) {
            return hit;
        }
        let html: Arc<str> = to_safe_html(source).into();
        if let Ok(mut map) = self.rendered.write() {
            if map.len() >= MAX_ENTRIES {
                map.clear();
            }
            map.insert(source.to_string(), html.clone());
        }
        html
    }
}

pub fn to_safe_html(source: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let parser = Parser::new_ext(source, options);
    let mut unsafe_html = String::with_capacity(source.len() * 2);
    html::push_html(&mut unsafe_html, parser);
    // No images: a picture from another server would tell that server who reads the page.
    ammonia::Builder::default()
        .rm_tags(["img"])
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .clean(&unsafe_html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::to_safe_html;

    #[test]
    fn no_image_from_another_server_reaches_a_page() {
        let html = to_safe_html("Lihat ![denah](https://pelacak.example/p.gif) dan <img src=\"https://pelacak.example/q.gif\">");
        assert!(!html.contains("<img") && !html.contains("pelacak.example"), "{html}");
        assert!(html.contains("Lihat"), "{html}");
    }

    #[test]
    fn the_cache_gives_the_same_html() {
        let cache = super::Cache::default();
        let a = cache.render("- satu\n- dua");
        let b = cache.render("- satu\n- dua");
        assert_eq!(&*a, to_safe_html("- satu\n- dua"));
        assert!(std::sync::Arc::ptr_eq(&a, &b));
    }

    #[test]
    fn lists_render_and_scripts_do_not() {
        let html = to_safe_html("1. KTP\n2. KK\n\n<script>alert(1)</script>\n[x](javascript:alert(1))");
        assert!(html.contains("<ol>"));
        assert!(html.contains("<li>KTP</li>"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("javascript:"));
    }
}
