//! What a new password must be: at least 12 characters, not one of the common or leaked
//! passwords (nor the demo's, which is public), and hard to guess by the zxcvbn estimator,
//! which knows names, dates, dictionary words, keyboard patterns and common substitutions.
//! The person's own name and address count as known words.
use crate::forms::{FieldErrors, Problem};

pub const MIN_PASSWORD_CHARS: usize = 12;
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// Passwords people in Indonesia choose often that the estimator's (English) lists miss;
/// compared after lower-casing and dropping digits and punctuation.
const COMMON_STEMS: &[&str] = &[
    "bismillah", "indonesia", "merdeka", "sayang", "sayangku", "rahasia", "katasandi", "sandi", "jakarta",
    "bandung", "surabaya", "balikpapan", "samarinda", "kalimantan", "garuda", "pancasila", "alhamdulillah",
    "allahuakbar", "cinta", "cintaku", "kangen", "mamah", "papah", "ibuku", "bapakku", "rindu", "pemda", "dinas",
    "pemerintah", "pegawai", "layanan", "pelayanan", "admin", "administrator", "petugas", "operator", "dukcapil",
    "disdukcapil", "kependudukan", "password", "passw", "qwerty", "asdfgh", "zxcvbn", "abcdef", "abc", "",
];

/// Checks a new password for `field`; `known` are words a guesser of this account would try
/// first (the person's name, e-mail address, the portal's name).
pub fn check_new(errors: &mut FieldErrors, field: &str, password: &str, known: &[&str]) {
    let chars = password.chars().count();
    if chars == 0 {
        errors.add(field, Problem::Required);
        return;
    }
    if chars < MIN_PASSWORD_CHARS {
        errors.add(field, Problem::TooShort { min: MIN_PASSWORD_CHARS });
        return;
    }
    if chars > MAX_PASSWORD_CHARS {
        errors.add(field, Problem::TooLong { max: MAX_PASSWORD_CHARS, got: chars });
        return;
    }
    if is_common(password) {
        errors.add(field, Problem::CommonPassword);
        return;
    }
    // Each part of a name or address counts on its own ("Siti", "aminah", "contoh").
    let lowered: Vec<String> = known.iter().map(|w| w.to_lowercase()).collect();
    let mut words: Vec<&str> =
        lowered.iter().flat_map(|w| std::iter::once(w.as_str()).chain(w.split([' ', '@', '.', '-', '_']))).filter(|w| w.len() >= 3).collect();
    words.extend(["layanan", "portal", "lapor", "pengaduan", "konsultasi"]);
    // The estimator's cost grows with length; past 100 characters a password is long enough.
    let judged: String = password.chars().take(100).collect();
    let score: u8 = zxcvbn::zxcvbn(&judged, &words).score().into();
    if score < 3 || mostly_known(&judged, &words) {
        errors.add(field, Problem::WeakPassword);
    }
}

/// The person's own words with digits and signs around them ("sitiaminah1990"): what is
/// left once their name and address are taken out is fewer than four letters.
fn mostly_known(password: &str, words: &[&str]) -> bool {
    let mut rest = password.to_lowercase();
    let mut longest_first: Vec<&str> = words.to_vec();
    longest_first.sort_by_key(|w| std::cmp::Reverse(w.len()));
    for w in longest_first {
        rest = rest.replace(w, "");
    }
    rest.chars().filter(|c| c.is_alphabetic()).count() < 4
}

/// One of the common stems with digits and punctuation around it ("Bismillah123!",
/// "jakarta2026"), or the demo password, which is printed in the README.
fn is_common(password: &str) -> bool {
    let lower = password.to_lowercase();
    let letters_of = |s: &str| -> String { s.chars().filter(|c| c.is_alphabetic()).collect() };
    let letters = letters_of(&lower);
    // The demo's password with other digits or signs ("layanan-demo-2027") is the demo's too.
    lower.contains(crate::auth::DEMO_PASSWORD) || letters == letters_of(crate::auth::DEMO_PASSWORD) || COMMON_STEMS.contains(&letters.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem(pw: &str, known: &[&str]) -> Option<Problem> {
        let mut e = FieldErrors::default();
        check_new(&mut e, "password", pw, known);
        e.get("password").cloned()
    }

    #[test]
    fn short_common_demo_and_guessable_passwords_are_refused() {
        assert_eq!(problem("", &[]), Some(Problem::Required));
        assert_eq!(problem("abc-def-ghi", &[]), Some(Problem::TooShort { min: 12 }));
        assert_eq!(problem("Bismillah123!", &[]), Some(Problem::CommonPassword));
        assert_eq!(problem("indonesia2026", &[]), Some(Problem::CommonPassword));
        assert_eq!(problem("layanan-demo-2026", &[]), Some(Problem::CommonPassword), "the demo's password is public");
        assert_eq!(problem("Layanan-Demo-2026!", &[]), Some(Problem::CommonPassword));
        assert_eq!(problem("password1234", &[]), Some(Problem::CommonPassword));
        assert_eq!(problem("qwertyuiop123", &[]), Some(Problem::WeakPassword));
        assert_eq!(problem("sitiaminah1990", &["Siti Aminah", "siti.aminah@contoh.go.id"]), Some(Problem::WeakPassword), "one's own name and birth year");
        assert_eq!(problem(&"x".repeat(1025), &[]), Some(Problem::TooLong { max: 1024, got: 1025 }));
    }

    #[test]
    fn long_unrelated_words_pass() {
        assert_eq!(problem("kopi tubruk hujan sore jembatan", &[]), None);
        assert_eq!(problem("Rambutan-Kuda-Lampu-9", &[]), None);
        assert_eq!(problem(&"lembar jendela biru ".repeat(20), &[]), None, "a very long one is judged quickly and passes");
    }
}
