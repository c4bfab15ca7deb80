//! Every CSV the portal hands out, written by the `csv` crate with one rule against
//! spreadsheet formulas: a text field that starts with `=`, `+`, `-`, `@`, a tab or a
//! carriage return gets a leading `'`, so a spreadsheet shows it instead of running it
//! (numbers such as `-5` stay numbers). Every field is quoted and lines end in CRLF, as
//! RFC 4180 and spreadsheet imports expect.
use crate::error::AppError;
use std::borrow::Cow;

/// The text a spreadsheet shows as typed, never as a formula.
pub fn neutralised(s: &str) -> Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) && s.parse::<f64>().is_err() {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// A CSV file being written: a header line, then rows.
pub struct Sheet {
    out: csv::Writer<Vec<u8>>,
}

impl Sheet {
    pub fn new<S: AsRef<str>>(header: impl IntoIterator<Item = S>) -> Result<Self, AppError> {
        let out = csv::WriterBuilder::new()
            .quote_style(csv::QuoteStyle::Always)
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        let mut sheet = Sheet { out };
        sheet.row(header)?;
        Ok(sheet)
    }

    pub fn row<S: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = S>) -> Result<(), AppError> {
        let cells: Vec<String> = cells.into_iter().map(|c| neutralised(c.as_ref()).into_owned()).collect();
        self.out.write_record(&cells).map_err(fault)
    }

    pub fn finish(self) -> Result<String, AppError> {
        let bytes = self.out.into_inner().map_err(|e| fault(e.into_error()))?;
        String::from_utf8(bytes).map_err(fault)
    }
}

fn fault(e: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %e, "writing a CSV failed");
    AppError::Internal
}

#[cfg(test)]
mod tests {
    use super::*;

    fn csv(rows: &[&[&str]]) -> String {
        let mut s = Sheet::new(rows[0].iter().copied()).unwrap();
        for r in &rows[1..] {
            s.row(r.iter().copied()).unwrap();
        }
        s.finish().unwrap()
    }

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        assert_eq!(neutralised("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(neutralised("+62 811"), "'+62 811");
        assert_eq!(neutralised("@cmd"), "'@cmd");
        assert_eq!(neutralised("\t=1+1"), "'\t=1+1");
        assert_eq!(neutralised("\r=1+1"), "'\r=1+1");
        assert_eq!(neutralised("-5"), "-5");
        assert_eq!(neutralised("Akta"), "Akta");
    }

    #[test]
    fn every_field_is_quoted_and_lines_end_in_crlf() {
        assert_eq!(
            csv(&[&["kode", "judul"], &["A-1", "say \"hi\""], &["B-2", "=1+1"], &["C-3", "two\nlines"]]),
            "\"kode\",\"judul\"\r\n\"A-1\",\"say \"\"hi\"\"\"\r\n\"B-2\",\"'=1+1\"\r\n\"C-3\",\"two\nlines\"\r\n"
        );
    }
}
