//! Formatted text for service standards: Markdown (lists, steps, tables, links) rendered to
//! HTML and then cleaned, so no script or unsafe link ever reaches a page.
use pulldown_cmark::{html, Options, Parser};

pub fn to_safe_html(source: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    let parser = Parser::new_ext(source, options);
    let mut unsafe_html = String::with_capacity(source.len() * 2);
    html::push_html(&mut unsafe_html, parser);
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .clean(&unsafe_html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::to_safe_html;

    #[test]
    fn lists_render_and_scripts_do_not() {
        let html = to_safe_html("1. KTP\n2. KK\n\n<script>alert(1)</script>\n[x](javascript:alert(1))");
        assert!(html.contains("<ol>"));
        assert!(html.contains("<li>KTP</li>"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("javascript:"));
    }
}
