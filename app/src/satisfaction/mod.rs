//! The citizen satisfaction survey and index (SKM/IKM, PermenPANRB 14/2017): the nine
//! elements with the regulation's questions and answers, the index computed exactly by its
//! formula, and its grade. The survey link goes out once a report is resolved or a visit is
//! served; the answers are anonymous.
pub mod api;
pub mod pages;
pub mod routes;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// How long a survey link stays valid.
pub const LINK_DAYS: i64 = 30;
pub const SUGGESTION_MAX: usize = 2000;

/// One of the nine elements (unsur) of the regulation, in its order U1–U9.
pub struct Element {
    pub code: &'static str,
    pub name: (&'static str, &'static str),
    pub question: (&'static str, &'static str),
    /// The answers for 1, 2, 3 and 4.
    pub answers: [(&'static str, &'static str); 4],
}

impl Element {
    pub fn name(&self, lang: Lang) -> &'static str {
        lang.t(self.name.0, self.name.1)
    }
    pub fn question(&self, lang: Lang) -> &'static str {
        lang.t(self.question.0, self.question.1)
    }
    pub fn answer(&self, lang: Lang, score: usize) -> &'static str {
        let (id, en) = self.answers[score.clamp(1, 4) - 1];
        lang.t(id, en)
    }
}

pub const ELEMENTS: [Element; 9] = [
    Element {
        code: "u1",
        name: ("Persyaratan", "Requirements"),
        question: (
            "Bagaimana pendapat Saudara tentang kesesuaian persyaratan pelayanan dengan jenis pelayanannya?",
            "How well did the service's requirements fit the kind of service?",
        ),
        answers: [("Tidak sesuai", "Not fitting"), ("Kurang sesuai", "Barely fitting"), ("Sesuai", "Fitting"), ("Sangat sesuai", "Very fitting")],
    },
    Element {
        code: "u2",
        name: ("Sistem, mekanisme, dan prosedur", "Procedure"),
        question: (
            "Bagaimana pemahaman Saudara tentang kemudahan prosedur pelayanan di unit ini?",
            "How easy was the procedure of this unit's service?",
        ),
        answers: [("Tidak mudah", "Not easy"), ("Kurang mudah", "Barely easy"), ("Mudah", "Easy"), ("Sangat mudah", "Very easy")],
    },
    Element {
        code: "u3",
        name: ("Waktu penyelesaian", "Time to complete"),
        question: (
            "Bagaimana pendapat Saudara tentang kecepatan waktu dalam memberikan pelayanan?",
            "How fast was the service given?",
        ),
        answers: [("Tidak cepat", "Not fast"), ("Kurang cepat", "Barely fast"), ("Cepat", "Fast"), ("Sangat cepat", "Very fast")],
    },
    Element {
        code: "u4",
        name: ("Biaya/tarif", "Cost or fee"),
        question: (
            "Bagaimana pendapat Saudara tentang kewajaran biaya/tarif dalam pelayanan?",
            "How fair was the cost or fee of the service?",
        ),
        answers: [("Sangat mahal", "Very expensive"), ("Cukup mahal", "Fairly expensive"), ("Murah", "Cheap"), ("Gratis", "Free")],
    },
    Element {
        code: "u5",
        name: ("Produk spesifikasi jenis pelayanan", "Service product"),
        question: (
            "Bagaimana pendapat Saudara tentang kesesuaian produk pelayanan antara yang tercantum dalam standar pelayanan dengan hasil yang diberikan?",
            "How well did what you received match the product listed in the service standard?",
        ),
        answers: [("Tidak sesuai", "Not matching"), ("Kurang sesuai", "Barely matching"), ("Sesuai", "Matching"), ("Sangat sesuai", "Fully matching")],
    },
    Element {
        code: "u6",
        name: ("Kompetensi pelaksana", "Staff competence"),
        question: (
            "Bagaimana pendapat Saudara tentang kompetensi/kemampuan petugas dalam pelayanan?",
            "How competent were the staff who served you?",
        ),
        answers: [("Tidak kompeten", "Not competent"), ("Kurang kompeten", "Barely competent"), ("Kompeten", "Competent"), ("Sangat kompeten", "Very competent")],
    },
    Element {
        code: "u7",
        name: ("Perilaku pelaksana", "Staff behaviour"),
        question: (
            "Bagaimana pendapat Saudara tentang perilaku petugas dalam pelayanan terkait kesopanan dan keramahan?",
            "How polite and friendly were the staff?",
        ),
        answers: [
            ("Tidak sopan dan ramah", "Not polite or friendly"),
            ("Kurang sopan dan ramah", "Barely polite and friendly"),
            ("Sopan dan ramah", "Polite and friendly"),
            ("Sangat sopan dan ramah", "Very polite and friendly"),
        ],
    },
    Element {
        code: "u8",
        name: ("Penanganan pengaduan, saran, dan masukan", "Complaint handling"),
        question: (
            "Bagaimana pendapat Saudara tentang penanganan pengaduan pengguna layanan?",
            "How were service users' complaints handled?",
        ),
        answers: [
            ("Tidak ada", "There is no way to complain"),
            ("Ada tetapi tidak berfungsi", "There is one, but it does not work"),
            ("Berfungsi kurang maksimal", "It works, but not well"),
            ("Dikelola dengan baik", "It is well handled"),
        ],
    },
    Element {
        code: "u9",
        name: ("Sarana dan prasarana", "Facilities"),
        question: (
            "Bagaimana pendapat Saudara tentang kualitas sarana dan prasarana?",
            "What was the quality of the facilities?",
        ),
        answers: [("Buruk", "Poor"), ("Cukup", "Adequate"), ("Baik", "Good"), ("Sangat baik", "Very good")],
    },
];

/// Respondent details the regulation asks for; all optional.
pub const GENDERS: [(&str, &str, &str); 2] = [("L", "Laki-laki", "Male"), ("P", "Perempuan", "Female")];
pub const EDUCATIONS: [(&str, &str, &str); 7] = [
    ("SD", "SD ke bawah", "Primary school or less"),
    ("SMP", "SMP", "Junior high school"),
    ("SMA", "SMA", "Senior high school"),
    ("D", "D1/D2/D3/D4", "Diploma"),
    ("S1", "S1", "Bachelor's degree"),
    ("S2", "S2", "Master's degree"),
    ("S3", "S3", "Doctorate"),
];
pub const OCCUPATIONS: [(&str, &str, &str); 6] = [
    ("PNS", "PNS", "Civil servant"),
    ("TNI", "TNI", "Armed forces"),
    ("POLRI", "POLRI", "Police"),
    ("SWASTA", "Pegawai swasta", "Private employee"),
    ("WIRAUSAHA", "Wirausaha", "Self-employed"),
    ("LAINNYA", "Lainnya", "Other"),
];

/// The grade of the converted index (mutu pelayanan).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Grade {
    A,
    B,
    C,
    D,
}

impl Grade {
    /// From the converted index in hundredths (8831 = 88.31), already rounded to two
    /// decimals, against the regulation's table: A 88.31–100.00, B 76.61–88.30,
    /// C 65.00–76.60, D 25.00–64.99.
    pub fn of_hundredths(converted: i64) -> Grade {
        match converted {
            8831.. => Grade::A,
            7661.. => Grade::B,
            6500.. => Grade::C,
            _ => Grade::D,
        }
    }
    pub fn letter(self) -> &'static str {
        match self {
            Grade::A => "A",
            Grade::B => "B",
            Grade::C => "C",
            Grade::D => "D",
        }
    }
    /// The regulation's quality label (kinerja unit pelayanan).
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Grade::A => lang.t("Sangat baik", "Very good"),
            Grade::B => lang.t("Baik", "Good"),
            Grade::C => lang.t("Kurang baik", "Fair"),
            Grade::D => lang.t("Tidak baik", "Poor"),
        }
    }
}

/// `num / den` rounded half up, for non-negative numbers.
fn round_div(num: i64, den: i64) -> i64 {
    (2 * num + den) / (2 * den)
}

/// The index of a set of questionnaires, computed exactly from integer sums.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Index {
    pub respondents: i64,
    /// Sum of each element's scores.
    pub sums: [i64; 9],
}

impl Index {
    pub fn new(respondents: i64, sums: [i64; 9]) -> Option<Index> {
        (respondents > 0).then_some(Index { respondents, sums })
    }

    /// NRR of one element (sum / respondents), in thousandths, rounded half up.
    pub fn nrr_thousandths(&self, element: usize) -> i64 {
        round_div(self.sums[element] * 1000, self.respondents)
    }

    /// NRR of one element in hundredths, rounded half up.
    pub fn nrr_hundredths(&self, element: usize) -> i64 {
        round_div(self.sums[element] * 100, self.respondents)
    }

    /// IKM = Σ NRR × 1/9 (1 to 4), in thousandths, rounded half up. Exact: Σ NRR = Σ sums / n.
    pub fn ikm_thousandths(&self) -> i64 {
        round_div(self.sums.iter().sum::<i64>() * 1000, 9 * self.respondents)
    }

    /// The converted index IKM × 25 (25 to 100) in hundredths, rounded half up once, from
    /// the exact value: 25 × Σ sums / (9 n).
    pub fn converted_hundredths(&self) -> i64 {
        round_div(self.sums.iter().sum::<i64>() * 2500, 9 * self.respondents)
    }

    pub fn grade(&self) -> Grade {
        Grade::of_hundredths(self.converted_hundredths())
    }
}

/// A fixed-point number as text: `fmt_fixed(8831, 2, Lang::Id)` = "88,31".
pub fn fmt_fixed(value: i64, decimals: u32, lang: Lang) -> String {
    if decimals == 0 {
        return value.to_string();
    }
    let scale = 10i64.pow(decimals);
    let sign = if value < 0 { "-" } else { "" };
    let v = value.abs();
    let sep = match lang {
        Lang::Id => ",",
        Lang::En => ".",
    };
    format!("{sign}{}{sep}{:0width$}", v / scale, v % scale, width = decimals as usize)
}

/// What a survey link leads to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SurveyState {
    Open { unit_name: String, service_name: Option<String>, visit: bool, expires: String },
    /// Already filled in (the link works once).
    Used,
    /// Reached from a report's page before the report was resolved.
    NotYet,
    Expired,
    Unknown,
}

/// The index of one unit (or all units) over one period, for pages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IndexView {
    pub respondents: i64,
    /// Converted index, e.g. "88,31".
    pub converted: String,
    /// IKM on the 1–4 scale, e.g. "3,532".
    pub ikm: String,
    pub grade: Grade,
    /// Element code, name, NRR ("3,25").
    pub elements: Vec<(String, String, String)>,
}

impl IndexView {
    pub fn of(index: &Index, lang: Lang) -> IndexView {
        IndexView {
            respondents: index.respondents,
            converted: fmt_fixed(index.converted_hundredths(), 2, lang),
            ikm: fmt_fixed(index.ikm_thousandths(), 3, lang),
            grade: index.grade(),
            elements: ELEMENTS
                .iter()
                .enumerate()
                .map(|(i, e)| (e.code.to_string(), e.name(lang).to_string(), fmt_fixed(index.nrr_hundredths(i), 2, lang)))
                .collect(),
        }
    }
}

/// A unit's public results: the period, and the index (None without answers).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicResults {
    pub unit_name: String,
    pub unit_slug: String,
    pub period: crate::common::period::PeriodView,
    pub index: Option<IndexView>,
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Index {
        /// The index of questionnaires given whole (the database adds them up in the portal).
        fn from_answers(answers: &[[i32; 9]]) -> Option<Index> {
            let mut sums = [0i64; 9];
            for a in answers {
                for (s, v) in sums.iter_mut().zip(a) {
                    *s += i64::from(*v);
                }
            }
            Index::new(answers.len() as i64, sums)
        }
    }

    fn all(score: i32, n: usize) -> Vec<[i32; 9]> {
        vec![[score; 9]; n]
    }

    #[test]
    fn uniform_answers() {
        // Everyone answers 4 to everything: NRR 4, IKM 4, converted 100.
        let i = Index::from_answers(&all(4, 3)).unwrap();
        assert_eq!((i.ikm_thousandths(), i.converted_hundredths(), i.grade()), (4000, 10000, Grade::A));
        // All 3: 75.00, C (below 76.61). All 2: 50.00, D. All 1: 25.00, D.
        let i = Index::from_answers(&all(3, 5)).unwrap();
        assert_eq!((i.converted_hundredths(), i.grade()), (7500, Grade::C));
        assert_eq!(Index::from_answers(&all(2, 1)).unwrap().converted_hundredths(), 5000);
        assert_eq!(Index::from_answers(&all(1, 1)).unwrap().converted_hundredths(), 2500);
        assert_eq!(Index::from_answers(&[]), None);
    }

    #[test]
    fn a_worked_example() {
        // Four questionnaires, by hand:
        //   U1: 4+3+3+4 = 14 → NRR 3.50     U6: 4+4+3+4 = 15 → 3.75
        //   U2: 3+3+2+3 = 11 → 2.75         U7: 4+4+4+4 = 16 → 4.00
        //   U3: 2+3+2+3 = 10 → 2.50         U8: 3+2+3+3 = 11 → 2.75
        //   U4: 4+4+4+4 = 16 → 4.00         U9: 3+3+3+2 = 11 → 2.75
        //   U5: 3+3+4+3 = 13 → 3.25
        // Σ NRR = 29.25; IKM = 29.25 / 9 = 3.25; converted = 81.25 → B (baik).
        let answers = [
            [4, 3, 2, 4, 3, 4, 4, 3, 3],
            [3, 3, 3, 4, 3, 4, 4, 2, 3],
            [3, 2, 2, 4, 4, 3, 4, 3, 3],
            [4, 3, 3, 4, 3, 4, 4, 3, 2],
        ];
        let i = Index::from_answers(&answers).unwrap();
        assert_eq!(i.sums, [14, 11, 10, 16, 13, 15, 16, 11, 11]);
        let nrr: Vec<i64> = (0..9).map(|e| i.nrr_thousandths(e)).collect();
        assert_eq!(nrr, [3500, 2750, 2500, 4000, 3250, 3750, 4000, 2750, 2750]);
        assert_eq!(i.ikm_thousandths(), 3250);
        assert_eq!(i.converted_hundredths(), 8125);
        assert_eq!(i.grade(), Grade::B);
        let v = IndexView::of(&i, Lang::Id);
        assert_eq!((v.converted.as_str(), v.ikm.as_str()), ("81,25", "3,250"));
        assert_eq!(v.elements[0], ("u1".into(), "Persyaratan".into(), "3,50".into()));
    }

    #[test]
    fn thirds_are_rounded_once_from_the_exact_value() {
        // One questionnaire scoring 31 in all: IKM 31/9 = 3.4444…, converted 86.111… → 86.11 B.
        let i = Index::new(1, [4, 4, 4, 4, 3, 3, 3, 3, 3]).unwrap();
        assert_eq!((i.ikm_thousandths(), i.converted_hundredths(), i.grade()), (3444, 8611, Grade::B));
        // Three respondents, NRR 10/3 = 3.333… for one element: shown 3.333, and the
        // converted index uses the exact thirds, not the rounded NRRs.
        let i = Index::new(3, [10, 9, 9, 9, 9, 9, 9, 9, 9]).unwrap();
        assert_eq!(i.nrr_thousandths(0), 3333);
        // 25 × 82 / 27 = 75.925… → 75.93.
        assert_eq!(i.converted_hundredths(), 7593);
    }

    #[test]
    fn grade_boundaries() {
        // The table itself, on two-decimal values.
        for (v, g) in [
            (10000, Grade::A),
            (8831, Grade::A),
            (8830, Grade::B),
            (7661, Grade::B),
            (7660, Grade::C),
            (6500, Grade::C),
            (6499, Grade::D),
            (2500, Grade::D),
        ] {
            assert_eq!(Grade::of_hundredths(v), g, "{v}");
        }
        // Sums that land on each side of each boundary, by hand (converted = 2500·S / 9n,
        // S the sum of all answers of n questionnaires):
        //   n = 24, S = 763: 1 907 500 / 216 = 8831.02 → 88.31 A
        //   n = 19, S = 604: 1 510 000 / 171 = 8830.41 → 88.30 B
        //   n = 19, S = 524: 1 310 000 / 171 = 7660.82 → 76.61 B
        //   n = 26, S = 717: 1 792 500 / 234 = 7660.26 → 76.60 C
        //   n =  5, S = 117:   292 500 /  45 = 6500.00 → 65.00 C
        //   n = 38, S = 889: 2 222 500 / 342 = 6498.54 → 64.99 D
        let spread = |n: i64, total: i64| {
            let mut sums = [total / 9; 9];
            for s in sums.iter_mut().take((total % 9) as usize) {
                *s += 1;
            }
            Index::new(n, sums).unwrap()
        };
        for (n, s, hundredths, g) in [
            (24, 763, 8831, Grade::A),
            (19, 604, 8830, Grade::B),
            (19, 524, 7661, Grade::B),
            (26, 717, 7660, Grade::C),
            (5, 117, 6500, Grade::C),
            (38, 889, 6499, Grade::D),
        ] {
            let i = spread(n, s);
            assert_eq!((i.converted_hundredths(), i.grade()), (hundredths, g), "n={n} S={s}");
        }
        // Half a hundredth rounds up.
        assert_eq!(round_div(15321, 2), 7661);
        assert_eq!(round_div(15319, 2), 7660);
    }

    #[test]
    fn numbers_in_both_languages() {
        assert_eq!(fmt_fixed(8831, 2, Lang::Id), "88,31");
        assert_eq!(fmt_fixed(8831, 2, Lang::En), "88.31");
        assert_eq!(fmt_fixed(3050, 3, Lang::Id), "3,050");
        assert_eq!(fmt_fixed(705, 2, Lang::En), "7.05");
    }
}
