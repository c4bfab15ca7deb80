//! The rules for what people type as contact details and addresses, one place each, used
//! by the server's checks and by the browser alike.

/// An e-mail address as the portal keeps it: trimmed, lower case.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

pub fn is_valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c == '<' || c == '>' || c == ',')
        && email.len() <= 254
}

/// A unit or service name in an address: lower-case letters, digits and inner hyphens.
pub fn is_valid_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug.len() <= 80
        && slug.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
}

/// A phone number: 8 to 15 digits, with spaces, `+`, `-`, `.` and brackets allowed.
pub fn valid_phone(p: &str) -> bool {
    let digits = p.chars().filter(|c| c.is_ascii_digit()).count();
    (8..=15).contains(&digits) && p.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_rules() {
        assert_eq!(normalize_email(" Budi@Contoh.ID "), "budi@contoh.id");
        assert!(is_valid_email("budi@contoh.id"));
        assert!(!is_valid_email("budi@contoh") && !is_valid_email("budi contoh.id") && !is_valid_email("@contoh.id"));
        assert!(is_valid_slug("disdukcapil-balikpapan") && !is_valid_slug("-x") && !is_valid_slug("Besar"));
        assert!(valid_phone("+62 812-3456-7890") && !valid_phone("12ab") && !valid_phone("1234"));
    }
}
