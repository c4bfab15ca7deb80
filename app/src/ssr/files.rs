//! Attachments on disk: the type is read from the content (JPEG, PNG, PDF), everything but
//! the picture or the document itself is removed (EXIF with its GPS position, XMP, comments,
//! camera makers' segments and trailers, PDF author and producer), and the bytes are stored
//! once under their SHA-256.
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    /// Not a JPEG, PNG or PDF, whatever its name says.
    UnsupportedType,
    /// The image structure could not be read, so its metadata cannot be removed.
    Unreadable,
    Empty,
}

/// The MIME type by the first bytes.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else {
        None
    }
}

/// Checks the type and returns (type, cleaned bytes).
pub fn clean(bytes: &[u8]) -> Result<(&'static str, Vec<u8>), FileProblem> {
    if bytes.is_empty() {
        return Err(FileProblem::Empty);
    }
    let mime = sniff(bytes).ok_or(FileProblem::UnsupportedType)?;
    let cleaned = match mime {
        "image/jpeg" => strip_jpeg(bytes).ok_or(FileProblem::Unreadable)?,
        "image/png" => strip_png(bytes).ok_or(FileProblem::Unreadable)?,
        _ => strip_pdf(bytes).ok_or(FileProblem::Unreadable)?,
    };
    Ok((mime, cleaned))
}

/// Keeps only what draws the picture: the frame, tables and scans, plus a bare JFIF header
/// and Adobe's colour marker. Every other segment goes (EXIF and XMP with the position,
/// ICC and MPF with the phone's second images, IPTC, comments, makers' segments), and so
/// does anything after the end of the image (vendor trailers carry their own EXIF).
fn strip_jpeg(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&b[..2]);
    let mut i = 2;
    loop {
        if i + 1 >= b.len() || b[i] != 0xFF {
            return None;
        }
        let marker = b[i + 1];
        if marker == 0xFF {
            i += 1; // fill byte
            continue;
        }
        if marker == 0xD9 {
            out.extend_from_slice(&b[i..i + 2]);
            return Some(out);
        }
        if (0xD0..=0xD7).contains(&marker) || marker == 0x01 {
            out.extend_from_slice(&b[i..i + 2]);
            i += 2;
            continue;
        }
        if i + 3 >= b.len() {
            return None;
        }
        let len = usize::from(b[i + 2]) << 8 | usize::from(b[i + 3]);
        let end = i + 2 + len;
        if len < 2 || end > b.len() {
            return None;
        }
        let payload = &b[i + 4..end];
        match marker {
            // Frame headers, Huffman and arithmetic tables, quantisation tables, restart
            // interval, number of lines.
            0xC0..=0xCF | 0xDB | 0xDC | 0xDD => out.extend_from_slice(&b[i..end]),
            // JFIF: version, density, and no thumbnail.
            0xE0 if payload.starts_with(b"JFIF\0") && payload.len() >= 12 => {
                out.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x10]);
                out.extend_from_slice(&payload[..12]);
                out.extend_from_slice(&[0, 0]);
            }
            // Adobe's marker says how the colours are coded; without it CMYK scans come out wrong.
            0xEE if payload.starts_with(b"Adobe") => out.extend_from_slice(&b[i..end]),
            0xDA => {
                // Start of scan: the header, then coded data up to the next marker that is
                // not a stuffed byte or a restart.
                out.extend_from_slice(&b[i..end]);
                let mut j = end;
                while j + 1 < b.len() && !(b[j] == 0xFF && b[j + 1] != 0x00 && !(0xD0..=0xD7).contains(&b[j + 1]) && b[j + 1] != 0xFF) {
                    j += 1;
                }
                if j + 1 >= b.len() {
                    return None;
                }
                out.extend_from_slice(&b[end..j]);
                i = j;
                continue;
            }
            _ => {}
        }
        i = end;
    }
}

/// Keeps the chunks that draw the image (and APNG's frames); drops the rest: eXIf, the
/// text chunks where XMP lives, the time, the colour profile with its maker's name, and
/// anything after the end.
fn strip_png(b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    out.extend_from_slice(&b[..8]);
    let mut i = 8;
    while i < b.len() {
        if i + 8 > b.len() {
            return None;
        }
        let len = u32::from_be_bytes(b[i..i + 4].try_into().ok()?) as usize;
        let kind = &b[i + 4..i + 8];
        let end = i.checked_add(12)?.checked_add(len)?;
        if end > b.len() {
            return None;
        }
        const DRAWING: [&[u8; 4]; 14] = [
            b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"sBIT", b"bKGD", b"pHYs", b"acTL", b"fcTL", b"fdAT",
        ];
        if DRAWING.iter().any(|k| *k == kind) {
            out.extend_from_slice(&b[i..end]);
        }
        i = end;
        if kind == b"IEND" {
            return Some(out);
        }
    }
    None
}

/// Removes the document information (author, creator, producer, title, dates) and every
/// XMP metadata stream and application data from a PDF, and writes it anew (which also
/// drops earlier revisions kept by incremental saving).
fn strip_pdf(b: &[u8]) -> Option<Vec<u8>> {
    use lopdf::Object;
    let mut doc = lopdf::Document::load_mem(b).ok()?;
    if doc.is_encrypted() {
        return None;
    }
    doc.trailer.remove(b"Info");
    let mut metadata_streams = Vec::new();
    for (id, object) in doc.objects.iter_mut() {
        let dict = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => {
                if s.dict.get(b"Type").and_then(|t| t.as_name()).is_ok_and(|n| n == b"Metadata") {
                    metadata_streams.push(*id);
                }
                &mut s.dict
            }
            _ => continue,
        };
        dict.remove(b"Metadata");
        dict.remove(b"PieceInfo");
    }
    for id in metadata_streams {
        doc.objects.remove(&id);
    }
    doc.prune_objects();
    let mut out = Vec::with_capacity(b.len());
    doc.save_to(&mut out).ok()?;
    Some(out)
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

pub fn path_of(dir: &Path, hash: &str) -> PathBuf {
    dir.join(&hash[..2]).join(hash)
}

/// Writes the bytes under their hash (once; a second copy is not written).
pub fn store(dir: &Path, bytes: &[u8]) -> std::io::Result<String> {
    let hash = sha256_hex(bytes);
    let path = path_of(dir, &hash);
    if !path.exists() {
        std::fs::create_dir_all(path.parent().unwrap_or(dir))?;
        let tmp = path.with_extension(format!("tmp{}", std::process::id()));
        std::fs::write(&tmp, bytes)?;
        std::fs::rename(&tmp, &path)?;
    }
    Ok(hash)
}

/// True for a well-formed hash (guards the file path built from it).
pub fn is_hash(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jpeg_with_exif() -> Vec<u8> {
        let mut v = vec![0xFF, 0xD8];
        // APP0 JFIF
        v.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F', 0x00, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
        // APP1 Exif with a fake GPS payload
        let exif = b"Exif\0\0GPS-LAT-1.2345";
        v.extend_from_slice(&[0xFF, 0xE1, 0x00, (exif.len() + 2) as u8]);
        v.extend_from_slice(exif);
        // SOS with two bytes of "scan", then EOI
        v.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02, 0x12, 0x34, 0xFF, 0xD9]);
        v
    }

    #[test]
    fn jpeg_loses_exif_keeps_image() {
        let (mime, out) = clean(&jpeg_with_exif()).unwrap();
        assert_eq!(mime, "image/jpeg");
        assert!(!out.windows(3).any(|w| w == b"GPS"));
        assert!(out.windows(4).any(|w| w == b"JFIF"));
        assert!(out.ends_with(&[0x12, 0x34, 0xFF, 0xD9]));
    }

    fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut v = vec![0xFF, marker];
        v.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
        v.extend_from_slice(payload);
        v
    }

    /// A progressive phone photo: every kind of segment that can name a person or a place,
    /// two scans with a table between them, and a maker's trailer after the end.
    #[test]
    fn jpeg_keeps_only_what_draws_the_picture() {
        let mut v = vec![0xFF, 0xD8];
        v.extend(segment(0xE0, b"JFIF\0\x01\x02\x00\x00\x01\x00\x01\x02\x02THUMB"));
        v.extend(segment(0xE1, b"Exif\0\0GPS-SITI"));
        v.extend(segment(0xE2, b"MPF\0SITI-second-image"));
        v.extend(segment(0xE2, b"ICC_PROFILE\0SITI"));
        v.extend(segment(0xEC, b"Ducky SITI"));
        v.extend(segment(0xED, b"Photoshop 3.0 SITI"));
        v.extend(segment(0xFE, b"taken by SITI"));
        v.extend(segment(0xDB, &[0u8; 65]));
        v.extend(segment(0xC2, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
        v.extend(segment(0xC4, &[0u8; 17]));
        v.extend(segment(0xDA, &[1, 1, 0, 0, 0x3F, 0]));
        v.extend_from_slice(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]); // stuffed byte and a restart
        v.extend(segment(0xC4, &[1u8; 17]));
        v.extend(segment(0xDA, &[1, 1, 0, 0, 0x3F, 0]));
        v.extend_from_slice(&[0x78, 0xFF, 0xFF, 0xD9]);
        v.extend_from_slice(b"\xFF\xD8\xFF\xE1\x00\x10Exif\0\0SITI GPS trailer");
        let (mime, out) = clean(&v).unwrap();
        assert_eq!(mime, "image/jpeg");
        assert!(!out.windows(4).any(|w| w == b"SITI"), "nothing of the person is left");
        assert!(!out.windows(5).any(|w| w == b"THUMB"), "no thumbnail in the JFIF header");
        assert!(out.windows(4).any(|w| w == b"JFIF"));
        assert!(out.windows(7).any(|w| w == [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]), "the first scan whole");
        assert!(out.windows(2).filter(|w| *w == [0xFF, 0xC4]).count() == 2, "both tables");
        assert!(out.ends_with(&[0x78, 0xFF, 0xFF, 0xD9]), "ends where the image ends");
    }

    #[test]
    fn pdf_loses_author_and_xmp() {
        use lopdf::{dictionary, Document, Object, Stream};
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let content = doc.add_object(Stream::new(dictionary! {}, b"BT /F1 12 Tf (Keluhan) Tj ET".to_vec()));
        let page = doc.add_object(dictionary! { "Type" => "Page", "Parent" => pages_id, "Contents" => content });
        doc.objects.insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }));
        let xmp = doc.add_object(Stream::new(
            dictionary! { "Type" => "Metadata", "Subtype" => "XML" },
            b"<x:xmpmeta><dc:creator>Siti Aminah</dc:creator></x:xmpmeta>".to_vec(),
        ));
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id, "Metadata" => xmp });
        let info = doc.add_object(dictionary! {
            "Author" => Object::string_literal("Siti Aminah"),
            "Creator" => Object::string_literal("Microsoft Word - KTP_Siti"),
        });
        doc.trailer.set("Root", catalog);
        doc.trailer.set("Info", info);
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes).unwrap();
        assert!(bytes.windows(4).any(|w| w == b"Siti"), "the sample carries the name");

        let (mime, out) = clean(&bytes).unwrap();
        assert_eq!(mime, "application/pdf");
        assert!(!out.windows(4).any(|w| w == b"Siti"), "no author, creator or XMP left");
        let back = Document::load_mem(&out).unwrap();
        assert_eq!(back.get_pages().len(), 1, "the document itself is kept");
        assert!(out.windows(7).any(|w| w == b"Keluhan"));
    }

    #[test]
    fn a_broken_pdf_is_refused_not_stored_as_sent() {
        assert_eq!(clean(b"%PDF-1.7\n...not a document"), Err(FileProblem::Unreadable));
    }

    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut v = (data.len() as u32).to_be_bytes().to_vec();
        v.extend_from_slice(kind);
        v.extend_from_slice(data);
        v.extend_from_slice(&[0, 0, 0, 0]);
        v
    }

    #[test]
    fn png_loses_text_and_exif_chunks() {
        let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
        v.extend(chunk(b"IHDR", &[0; 13]));
        v.extend(chunk(b"eXIf", b"GPS"));
        v.extend(chunk(b"iTXt", b"XML:com.adobe.xmp GPS"));
        v.extend(chunk(b"tIME", b"GPS"));
        v.extend(chunk(b"iCCP", b"GPS profile"));
        v.extend(chunk(b"IDAT", &[1, 2, 3]));
        v.extend(chunk(b"IEND", &[]));
        let (mime, out) = clean(&v).unwrap();
        assert_eq!(mime, "image/png");
        assert!(!out.windows(3).any(|w| w == b"GPS"));
        assert!(out.windows(4).any(|w| w == b"IDAT"));
    }

    #[test]
    fn type_comes_from_content_not_name() {
        assert_eq!(clean(b"MZ\x90\x00 not a picture"), Err(FileProblem::UnsupportedType));
        assert_eq!(clean(b""), Err(FileProblem::Empty));
        assert_eq!(clean(&[0xFF, 0xD8, 0xFF, 0xE0, 0x00]), Err(FileProblem::Unreadable));
    }

    #[test]
    fn stores_once_under_hash() {
        let dir = std::env::temp_dir().join(format!("layanan-files-{}", std::process::id()));
        let a = store(&dir, b"%PDF-1.4 same").unwrap();
        let b = store(&dir, b"%PDF-1.4 same").unwrap();
        assert_eq!(a, b);
        assert!(is_hash(&a));
        assert_eq!(std::fs::read(path_of(&dir, &a)).unwrap(), b"%PDF-1.4 same");
        let _ = std::fs::remove_dir_all(dir);
    }
}

/// Deletes stored files that no attachment refers to and that are older than `min_age`
/// (files of forms that were never sent; a form being filled in is younger than a day).
/// `is_referenced` answers for one hash. Returns how many files were removed.
pub async fn sweep_unreferenced<F, Fut>(dir: &Path, min_age: std::time::Duration, is_referenced: F) -> std::io::Result<usize>
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let mut removed = 0;
    let Ok(prefixes) = std::fs::read_dir(dir) else { return Ok(0) };
    for prefix in prefixes.flatten() {
        let Ok(files) = std::fs::read_dir(prefix.path()) else { continue };
        for f in files.flatten() {
            let name = f.file_name().to_string_lossy().into_owned();
            let old_enough = f
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age >= min_age);
            if is_hash(&name) && old_enough && !is_referenced(name).await {
                std::fs::remove_file(f.path())?;
                removed += 1;
            }
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod sweep_tests {
    use super::*;

    #[tokio::test]
    async fn only_old_unreferenced_files_go() {
        let dir = std::env::temp_dir().join(format!("layanan-sweep-{}", std::process::id()));
        let kept = store(&dir, b"%PDF-1.4 kept").unwrap();
        let orphan = store(&dir, b"%PDF-1.4 orphan").unwrap();
        // Nothing is old enough yet.
        let n = sweep_unreferenced(&dir, std::time::Duration::from_secs(3600), |_| async { false }).await.unwrap();
        assert_eq!(n, 0);
        let k = kept.clone();
        let n = sweep_unreferenced(&dir, std::time::Duration::ZERO, move |h| {
            let k = k.clone();
            async move { h == k }
        })
        .await
        .unwrap();
        assert_eq!(n, 1);
        assert!(path_of(&dir, &kept).exists());
        assert!(!path_of(&dir, &orphan).exists());
        let _ = std::fs::remove_dir_all(dir);
    }
}
