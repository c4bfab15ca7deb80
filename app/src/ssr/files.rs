//! Attachments on disk: the type is read from the content (JPEG, PNG, PDF), image metadata
//! that can carry a location (EXIF, XMP, text chunks) is removed, and the bytes are stored
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
        _ => bytes.to_vec(),
    };
    Ok((mime, cleaned))
}

/// Drops APP1 (EXIF, XMP: where GPS positions live) and APP13 (IPTC) segments.
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
        if marker == 0xDA {
            // Start of scan: the compressed image runs to the end.
            out.extend_from_slice(&b[i..]);
            return Some(out);
        }
        if marker != 0xE1 && marker != 0xED {
            out.extend_from_slice(&b[i..end]);
        }
        i = end;
    }
}

/// Drops eXIf and the text chunks (tEXt, zTXt, iTXt: XMP lives there).
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
        if !matches!(kind, b"eXIf" | b"tEXt" | b"zTXt" | b"iTXt") {
            out.extend_from_slice(&b[i..end]);
        }
        i = end;
        if kind == b"IEND" {
            return Some(out);
        }
    }
    None
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
        v.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x07, b'J', b'F', b'I', b'F', 0x00]);
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
        assert_eq!(clean(b"%PDF-1.7\n...").unwrap().0, "application/pdf");
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
