//! Tracking codes: 14 random Crockford base-32 characters (70 bits) and a Luhn mod 32 check
//! character, shown as three groups of five (`7KQ2M-X9PRT-4HC0B`). Reading is forgiving:
//! case, spaces and dashes do not matter, and O/I/L are read as 0/1/1.
use serde::{Deserialize, Serialize};
use std::fmt;

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const PAYLOAD: usize = 14;
pub const LEN: usize = PAYLOAD + 1;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TrackingCode(String);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeError {
    /// Not 15 characters once separators are removed, or a character outside the alphabet.
    Malformed,
    /// The check character does not match: a character was mistyped.
    Checksum,
}

fn value(c: u8) -> Option<u32> {
    let c = match c.to_ascii_uppercase() {
        b'O' => b'0',
        b'I' | b'L' => b'1',
        other => other,
    };
    ALPHABET.iter().position(|&a| a == c).map(|p| p as u32)
}

fn check_char(payload: &[u32]) -> u32 {
    let mut factor = 2;
    let mut sum = 0;
    for &v in payload.iter().rev() {
        let addend = factor * v;
        sum += addend / 32 + addend % 32;
        factor = if factor == 2 { 1 } else { 2 };
    }
    (32 - sum % 32) % 32
}

impl TrackingCode {
    /// A new code from 14 random values below 32.
    pub fn from_random(values: [u8; PAYLOAD]) -> TrackingCode {
        let payload: Vec<u32> = values.iter().map(|v| u32::from(*v % 32)).collect();
        let check = check_char(&payload);
        let s = payload.iter().chain(std::iter::once(&check)).map(|&v| ALPHABET[v as usize] as char).collect();
        TrackingCode(s)
    }

    #[cfg(feature = "ssr")]
    pub fn generate() -> TrackingCode {
        use rand::Rng;
        let mut rng = rand::rngs::OsRng;
        let mut values = [0u8; PAYLOAD];
        for v in values.iter_mut() {
            *v = rng.gen_range(0..32);
        }
        TrackingCode::from_random(values)
    }

    pub fn parse(input: &str) -> Result<TrackingCode, CodeError> {
        let mut values = Vec::with_capacity(LEN);
        for b in input.bytes() {
            if b == b'-' || b.is_ascii_whitespace() {
                continue;
            }
            values.push(value(b).ok_or(CodeError::Malformed)?);
        }
        if values.len() != LEN {
            return Err(CodeError::Malformed);
        }
        if check_char(&values[..PAYLOAD]) != values[PAYLOAD] {
            return Err(CodeError::Checksum);
        }
        Ok(TrackingCode(values.iter().map(|&v| ALPHABET[v as usize] as char).collect()))
    }

    /// As stored: 15 upper-case characters, no separators.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The start of a code as someone reads it out ("3WK1Q", "3wk1q-4gmh5"): at least one
    /// group of five, read as forgivingly as a whole code, in its stored form. `None` for
    /// anything else (so ordinary words are not taken for codes).
    pub fn prefix(input: &str) -> Option<String> {
        let mut out = String::new();
        for b in input.trim().bytes() {
            if b == b'-' || b.is_ascii_whitespace() {
                continue;
            }
            out.push(ALPHABET[value(b)? as usize] as char);
        }
        (5..LEN).contains(&out.len()).then_some(out)
    }
}

impl fmt::Display for TrackingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}-{}", &self.0[0..5], &self.0[5..10], &self.0[10..15])
    }
}

#[cfg(test)]
mod prefix_tests {
    use super::*;

    #[test]
    fn the_first_group_read_out_is_a_prefix() {
        assert_eq!(TrackingCode::prefix("3wk1q").as_deref(), Some("3WK1Q"));
        assert_eq!(TrackingCode::prefix(" 3WKIQ-4GMH5 ").as_deref(), Some("3WK1Q4GMH5"), "I read as 1");
        assert_eq!(TrackingCode::prefix("KTP"), None, "too short to be a code");
        assert_eq!(TrackingCode::prefix("surat keterangan"), None, "U is not in the alphabet");
        assert_eq!(TrackingCode::prefix("7KQ2M-X9PRT-4HC0B"), None, "a whole code is parsed as one");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(seed: u8) -> TrackingCode {
        let mut v = [0u8; PAYLOAD];
        for (i, x) in v.iter_mut().enumerate() {
            *x = (seed.wrapping_mul(31).wrapping_add(i as u8 * 7)) % 32;
        }
        TrackingCode::from_random(v)
    }

    #[test]
    fn round_trips_in_any_case_and_grouping() {
        for seed in 0..50 {
            let code = sample(seed);
            let shown = code.to_string();
            assert_eq!(shown.len(), 17);
            assert_eq!(TrackingCode::parse(&shown).unwrap(), code);
            assert_eq!(TrackingCode::parse(&shown.to_lowercase()).unwrap(), code);
            assert_eq!(TrackingCode::parse(&shown.replace('-', " ")).unwrap(), code);
        }
    }

    #[test]
    fn reads_look_alike_letters_as_digits() {
        let code = TrackingCode::from_random([0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1]);
        let typed = code.as_str().replacen('0', "o", 1).replacen('1', "l", 1);
        assert_eq!(TrackingCode::parse(&typed).unwrap(), code);
    }

    #[test]
    fn every_single_character_typo_is_caught() {
        for seed in 0..20 {
            let code = sample(seed);
            let bytes = code.as_str().as_bytes().to_vec();
            for pos in 0..LEN {
                for &replacement in ALPHABET.iter() {
                    if replacement == bytes[pos] {
                        continue;
                    }
                    let mut typo = bytes.clone();
                    typo[pos] = replacement;
                    let typo = String::from_utf8(typo).unwrap();
                    assert_eq!(TrackingCode::parse(&typo), Err(CodeError::Checksum), "{typo}");
                }
            }
        }
    }

    #[test]
    fn most_swaps_of_neighbours_are_caught() {
        let (mut caught, mut total) = (0, 0);
        for seed in 0..50 {
            let code = sample(seed);
            let b = code.as_str().as_bytes();
            for pos in 0..LEN - 1 {
                if b[pos] == b[pos + 1] {
                    continue;
                }
                let mut s = b.to_vec();
                s.swap(pos, pos + 1);
                total += 1;
                if TrackingCode::parse(std::str::from_utf8(&s).unwrap()).is_err() {
                    caught += 1;
                }
            }
        }
        assert!(caught * 100 >= total * 95, "{caught} of {total}");
    }

    #[test]
    fn refuses_wrong_length_and_strange_characters() {
        assert_eq!(TrackingCode::parse("ABC"), Err(CodeError::Malformed));
        assert_eq!(TrackingCode::parse("7KQ2M-X9PRT-4HC0U"), Err(CodeError::Malformed));
        assert_eq!(TrackingCode::parse(""), Err(CodeError::Malformed));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn generated_codes_differ_and_parse() {
        let a = TrackingCode::generate();
        let b = TrackingCode::generate();
        assert_ne!(a, b);
        assert_eq!(TrackingCode::parse(&a.to_string()).unwrap(), a);
    }
}
