//! The rules for what people type as contact details and addresses, one place each, used
//! by the server's checks and by the browser alike. `Email`, `Phone` and `Slug` are the
//! values that passed them: a function that takes one needs no check of its own.
use crate::error::Problem;

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

/// An e-mail address that passed the rule above, trimmed and in lower case.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// What a person typed, as an address; `InvalidEmail` when it is not one (an empty
    /// answer is the caller's to decide: `Required` or allowed).
    pub fn parse(typed: &str) -> Result<Self, Problem> {
        let e = normalize_email(typed);
        if is_valid_email(&e) {
            Ok(Email(e))
        } else {
            Err(Problem::InvalidEmail)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A phone number that passed the rule above, as typed (trimmed).
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Phone(String);

impl Phone {
    pub fn parse(typed: &str) -> Result<Self, Problem> {
        let p = typed.trim();
        if valid_phone(p) {
            Ok(Phone(p.to_string()))
        } else {
            Err(Problem::InvalidPhone)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number's digits in one national form, so that `0812…`, `+62 812…` and
    /// `62-812…` are found as one number.
    pub fn key(&self) -> String {
        let digits: String = self.0.chars().filter(|c| c.is_ascii_digit()).collect();
        match digits.strip_prefix("62") {
            Some(rest) => format!("0{rest}"),
            None => digits,
        }
    }
}

/// A unit's or a service's name in addresses, checked by the rule above.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl Slug {
    pub fn parse(typed: &str) -> Result<Self, Problem> {
        let s = typed.trim();
        if is_valid_slug(s) {
            Ok(Slug(s.to_string()))
        } else {
            Err(Problem::InvalidSlug)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

macro_rules! text_newtype {
    ($t:ident) => {
        impl TryFrom<String> for $t {
            type Error = String;
            fn try_from(s: String) -> Result<Self, String> {
                $t::parse(&s).map_err(|p| format!("not a valid {}: {p:?}", stringify!($t)))
            }
        }
        impl From<$t> for String {
            fn from(v: $t) -> String {
                v.0
            }
        }
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}
text_newtype!(Email);
text_newtype!(Phone);
text_newtype!(Slug);

/// An address as one may show it without giving it away: its first letter and its domain
/// (`s…@contoh.id`); nothing for a text that is no address.
pub fn address_hint(address: &str) -> Option<String> {
    address.split_once('@').map(|(local, domain)| format!("{}…@{domain}", local.chars().next().unwrap_or('*')))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_rules() {
        assert_eq!(normalize_email(" Budi@Contoh.ID "), "budi@contoh.id");
        assert!(is_valid_email("budi@contoh.id"));
        assert!(is_valid_email("petugas@disdukcapil.go.id"));
        assert!(!is_valid_email("budi@contoh") && !is_valid_email("budi contoh.id") && !is_valid_email("@contoh.id"));
        assert!(!is_valid_email("petugas") && !is_valid_email("a@b") && !is_valid_email("a b@c.id"));
        assert!(is_valid_slug("disdukcapil-balikpapan") && is_valid_slug("akta-kelahiran"));
        assert!(!is_valid_slug("-x") && !is_valid_slug("Besar") && !is_valid_slug("Akta Kelahiran"));
        assert!(valid_phone("+62 812-3456-7890") && !valid_phone("12ab") && !valid_phone("1234"));
        assert!(valid_phone("0812-3456-7890") && valid_phone("+62 812 3456 7890"));
        assert!(!valid_phone("12345") && !valid_phone("0812abc4567"));
    }

    #[test]
    fn checked_values_hold_only_what_passed() {
        assert_eq!(Email::parse(" Budi@Contoh.ID ").unwrap().as_str(), "budi@contoh.id");
        assert_eq!(Email::parse("budi@contoh"), Err(Problem::InvalidEmail));
        assert_eq!(Email::parse(""), Err(Problem::InvalidEmail));
        assert_eq!(Phone::parse(" +62 812-3456-7890 ").unwrap().as_str(), "+62 812-3456-7890");
        assert_eq!(Phone::parse("+62 812-3456-7890").unwrap().key(), Phone::parse("0812 3456 7890").unwrap().key());
        assert_eq!(Phone::parse("12ab"), Err(Problem::InvalidPhone));
        assert_eq!(Slug::parse("akta-kelahiran").unwrap().to_string(), "akta-kelahiran");
        assert_eq!(Slug::parse("Akta Kelahiran"), Err(Problem::InvalidSlug));
        // Stored or sent values are checked again when they are read.
        assert!(serde_json::from_str::<Email>("\"a b@c.id\"").is_err());
        assert_eq!(serde_json::to_string(&Email::parse("a@b.id").unwrap()).unwrap(), "\"a@b.id\"");
    }
}
