//! QR codes as SVG: a booking's code for the counter's scanner, an authenticator app's
//! address for two-step sign-in.

/// `text` as a black-on-white QR code with its quiet zone, at least 180 px wide.
pub fn svg(text: &str) -> String {
    use qrcode::render::svg;
    match qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M) {
        Ok(qr) => qr
            .render::<svg::Color<'_>>()
            .min_dimensions(180, 180)
            .quiet_zone(true)
            .dark_color(svg::Color("#0b0c0c"))
            .light_color(svg::Color("#ffffff"))
            .build(),
        Err(_) => String::new(),
    }
}
