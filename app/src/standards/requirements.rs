//! The requirements component (persyaratan) holds two kinds of thing: documents the
//! citizen brings, and conditions the citizen must meet (an age, a residence, being the
//! applicant in person). Only documents belong in "what to bring".
//!
//! The component stays one legal text. The editor has a box for each kind, and the text is
//! written with [`CONDITIONS_HEADING`] between them, so that the public page reads as two
//! lists and the kinds can be read back. A text without that line is all documents, which
//! is what every standard written before the split held.

/// The line that opens the documents when conditions follow.
pub const DOCUMENTS_HEADING: &str = "**Dokumen yang dibawa:**";
/// The line that opens the conditions.
pub const CONDITIONS_HEADING: &str = "**Syarat yang harus dipenuhi:**";

/// The requirements of a service, by kind, each as Markdown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Requirements {
    pub documents: String,
    pub conditions: String,
}

impl Requirements {
    /// Reads a stored component text.
    pub fn split(text: &str) -> Requirements {
        let lines: Vec<&str> = text.lines().collect();
        let (docs, conds) = match lines.iter().position(|l| l.trim() == CONDITIONS_HEADING) {
            Some(at) => (&lines[..at], &lines[at + 1..]),
            None => (&lines[..], &[][..]),
        };
        let docs: Vec<&str> = docs.iter().copied().filter(|l| l.trim() != DOCUMENTS_HEADING).collect();
        Requirements { documents: docs.join("\n").trim().to_string(), conditions: conds.join("\n").trim().to_string() }
    }

    /// The component text for the two boxes of the editor.
    pub fn compose(&self) -> String {
        let docs = self.documents.trim();
        let conds = self.conditions.trim();
        match (docs.is_empty(), conds.is_empty()) {
            (_, true) => docs.to_string(),
            (true, false) => format!("{CONDITIONS_HEADING}\n\n{conds}"),
            (false, false) => format!("{DOCUMENTS_HEADING}\n\n{docs}\n\n{CONDITIONS_HEADING}\n\n{conds}"),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.documents.trim().is_empty() && self.conditions.trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_text_written_before_the_split_is_all_documents() {
        let r = Requirements::split("1. Kartu Keluarga\n2. KTP-el");
        assert_eq!(r.documents, "1. Kartu Keluarga\n2. KTP-el");
        assert_eq!(r.conditions, "");
    }

    #[test]
    fn a_condition_is_not_a_document() {
        let text = Requirements { documents: "1. Kartu Keluarga".into(), conditions: "- Berusia 17 tahun atau sudah/pernah menikah".into() }.compose();
        assert_eq!(text, "**Dokumen yang dibawa:**\n\n1. Kartu Keluarga\n\n**Syarat yang harus dipenuhi:**\n\n- Berusia 17 tahun atau sudah/pernah menikah");
        let back = Requirements::split(&text);
        assert_eq!(back.documents, "1. Kartu Keluarga");
        assert_eq!(back.conditions, "- Berusia 17 tahun atau sudah/pernah menikah");
        let only = Requirements { documents: String::new(), conditions: "- Warga kabupaten".into() };
        assert_eq!(Requirements::split(&only.compose()), only);
        assert_eq!(Requirements::split(&Requirements { documents: "- KTP".into(), conditions: String::new() }.compose()).documents, "- KTP");
    }

    proptest! {
        #[test]
        fn what_the_editor_writes_reads_back_the_same(
            docs in proptest::collection::vec("[a-zA-Z0-9][a-zA-Z0-9 ./-]{0,29}", 0..5),
            conds in proptest::collection::vec("[a-zA-Z0-9][a-zA-Z0-9 ./-]{0,29}", 0..5),
        ) {
            let list = |items: &[String]| items.iter().map(|i| format!("- {}", i.trim())).collect::<Vec<_>>().join("\n");
            let r = Requirements { documents: list(&docs), conditions: list(&conds) };
            prop_assert_eq!(Requirements::split(&r.compose()), r);
        }
    }
}
