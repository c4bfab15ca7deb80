//! QR codes: as SVG on pages (a booking's code for the counter's scanner, an authenticator
//! app's address for two-step sign-in), and as PNG in mail, where SVG is not shown.

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

/// `text` as a black-on-white QR code in a grey PNG, with its quiet zone, each module
/// `scale` pixels wide. None when the text does not fit a QR code.
pub fn png(text: &str, scale: u32) -> Option<Vec<u8>> {
    let qr = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M).ok()?;
    let modules = qr.width() as u32;
    let quiet = 4;
    let side = (modules + 2 * quiet) * scale;
    let colors = qr.to_colors();
    let mut pixels = vec![255u8; (side * side) as usize];
    for y in 0..modules {
        for x in 0..modules {
            if colors[(y * modules + x) as usize] == qrcode::Color::Dark {
                for dy in 0..scale {
                    let row = ((quiet + y) * scale + dy) * side;
                    let start = (row + (quiet + x) * scale) as usize;
                    pixels[start..start + scale as usize].fill(0);
                }
            }
        }
    }
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, side, side);
        encoder.set_color(png::ColorType::Grayscale);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::High);
        let mut writer = encoder.write_header().ok()?;
        writer.write_image_data(&pixels).ok()?;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_booking_code_makes_a_small_png_of_the_right_size() {
        let bytes = super::png("3WK1Q4GMH5S524F", 6).expect("a picture");
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
        let reader = decoder.read_info().unwrap();
        let info = reader.info();
        // Version 1 (21 modules) plus 4 quiet modules each side, 6 px each.
        assert_eq!((info.width, info.height), (29 * 6, 29 * 6));
        assert!(bytes.len() < 2_000, "{} bytes", bytes.len());
    }
}
