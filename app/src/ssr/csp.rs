//! The browser's content security policy, in one place. Every answer carries `BASE` (no
//! framing, no `<base>`, forms post only here, no plugins); a page adds where its scripts
//! may come from: the portal's own files and the inline scripts carrying this response's
//! nonce (Leptos's hydration script and data), `wasm-unsafe-eval` for the WebAssembly, and
//! nothing from another site. No page has inline event handlers or inline styles.

/// What every answer's policy says.
pub const BASE: &str = "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

/// A page's whole policy, for the nonce of its response.
pub fn page(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; font-src 'self'; {BASE}"
    )
}

/// Sets the page policy on this response (the shell calls it while rendering).
pub fn set_for_page() {
    use leptos::prelude::use_context;
    let (Some(nonce), Some(res)) = (leptos::nonce::use_nonce(), use_context::<leptos_axum::ResponseOptions>()) else { return };
    if let Ok(v) = http::HeaderValue::from_str(&page(&nonce.to_string())) {
        res.insert_header(http::header::CONTENT_SECURITY_POLICY, v);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn scripts_by_nonce_and_from_the_portal_only() {
        let p = super::page("abc123");
        assert!(p.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"), "{p}");
        assert!(!p.contains("unsafe-inline") && !p.contains("*"), "{p}");
        assert!(p.ends_with(super::BASE));
    }
}
