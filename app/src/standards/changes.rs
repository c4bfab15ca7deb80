//! What changed between two versions of a component, as a citizen reads it: the text is
//! split into its items (numbered steps, bullets, lines), items are compared by their words
//! and not by their numbers (a step inserted above renumbers the rest without changing
//! them), a step that only moved is one "moved" item, and an edited item shows its text
//! before and now with the changed words marked.
use super::{ChangeKind, ItemChange, Piece};
use similar::{Algorithm, ChangeTag, DiffOp, TextDiff};

/// One line of a component as a reader sees it: its list marker apart, Markdown gone.
#[derive(Clone, Debug, PartialEq)]
struct Item {
    number: Option<u32>,
    bullet: bool,
    text: String,
}

fn items(text: &str) -> Vec<Item> {
    text.lines().filter_map(item).collect()
}

fn item(line: &str) -> Option<Item> {
    let line = line.trim();
    if line.is_empty() {
        return None;
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let after_digits = &line[digits..];
    let (number, bullet, rest) = if digits > 0
        && digits <= 3
        && (after_digits.starts_with(". ") || after_digits.starts_with(") "))
    {
        (line[..digits].parse().ok(), false, &after_digits[2..])
    } else if let Some(rest) = ["- ", "* ", "+ ", "• "].iter().find_map(|m| line.strip_prefix(m)) {
        (None, true, rest)
    } else {
        (None, false, line)
    };
    let text = plain(rest);
    (!text.is_empty()).then_some(Item { number, bullet, text })
}

/// The words of a line of Markdown, without its marks (`**`, links' addresses, headings' `#`).
fn plain(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Two items are one edited item, not a removal and an addition, when at least half of
/// the words of the longer one are in the other (spaces do not count as shared).
fn alike(a: &str, b: &str) -> bool {
    let words = |s: &str| s.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>();
    let (a, mut b) = (words(a), words(b));
    let longer = a.len().max(b.len());
    let shared = a
        .iter()
        .filter(|w| match b.iter().position(|x| x == *w) {
            Some(i) => {
                b.swap_remove(i);
                true
            }
            None => false,
        })
        .count();
    longer > 0 && shared * 2 >= longer
}

/// The old and new text of an edited item, each with its changed words marked.
fn word_pieces(before: &str, now: &str) -> (Vec<Piece>, Vec<Piece>) {
    let diff = TextDiff::configure().algorithm(Algorithm::Patience).diff_words(before, now);
    let (mut old, mut new) = (Vec::new(), Vec::new());
    let push = |list: &mut Vec<Piece>, changed: bool, text: &str| match list.last_mut() {
        Some(last) if last.changed == changed => last.text.push_str(text),
        _ => list.push(Piece { changed, text: text.to_string() }),
    };
    for change in diff.iter_all_changes() {
        match change.tag() {
            ChangeTag::Equal => {
                push(&mut old, false, change.value());
                push(&mut new, false, change.value());
            }
            ChangeTag::Delete => push(&mut old, !change.value().trim().is_empty(), change.value()),
            ChangeTag::Insert => push(&mut new, !change.value().trim().is_empty(), change.value()),
        }
    }
    (joined(old), joined(new))
}

/// Changed words with only spaces between them read as one marked stretch.
fn joined(pieces: Vec<Piece>) -> Vec<Piece> {
    let gap = |i: usize| {
        let p: &Piece = &pieces[i];
        !p.changed && p.text.trim().is_empty() && i > 0 && pieces[i - 1].changed && pieces.get(i + 1).is_some_and(|n| n.changed)
    };
    let mut out: Vec<Piece> = Vec::new();
    for (i, p) in pieces.iter().enumerate() {
        let changed = p.changed || gap(i);
        match out.last_mut() {
            Some(last) if last.changed == changed => last.text.push_str(&p.text),
            _ => out.push(Piece { changed, text: p.text.clone() }),
        }
    }
    out
}

fn whole(text: &str) -> Vec<Piece> {
    vec![Piece { changed: false, text: text.to_string() }]
}

/// The items of `after` in their order, with the removed items of `before` where they
/// stood; None when the two read the same.
pub fn compare(before: &str, after: &str) -> Option<Vec<ItemChange>> {
    let (old, new) = (items(before), items(after));
    let old_keys: Vec<&str> = old.iter().map(|i| i.text.as_str()).collect();
    let new_keys: Vec<&str> = new.iter().map(|i| i.text.as_str()).collect();
    if old_keys == new_keys {
        return None;
    }
    let ops = similar::capture_diff_slices(Algorithm::Patience, &old_keys, &new_keys);
    // Items only on one side; an old one whose words reappear elsewhere moved.
    let removed: Vec<usize> = ops.iter().flat_map(|op| op.old_range().into_iter().filter(move |_| !matches!(op, DiffOp::Equal { .. }))).collect();
    let added: Vec<usize> = ops.iter().flat_map(|op| op.new_range().into_iter().filter(move |_| !matches!(op, DiffOp::Equal { .. }))).collect();
    let mut moved_from: Vec<Option<usize>> = vec![None; new.len()];
    let mut moved_old = vec![false; old.len()];
    for &n in &added {
        if let Some(&o) = removed.iter().find(|&&o| !moved_old[o] && old[o].text == new[n].text) {
            moved_from[n] = Some(o);
            moved_old[o] = true;
        }
    }
    let entry = |change: ChangeKind, it: &Item, now: Vec<Piece>, before: Vec<Piece>| ItemChange {
        change,
        number: it.number,
        bullet: it.bullet,
        now,
        before,
    };
    let mut out = Vec::new();
    for op in &ops {
        match *op {
            DiffOp::Equal { new_index, len, .. } => {
                out.extend(new[new_index..new_index + len].iter().map(|it| entry(ChangeKind::Same, it, whole(&it.text), Vec::new())));
            }
            _ => {
                let olds: Vec<usize> = op.old_range().filter(|&o| !moved_old[o]).collect();
                let news: Vec<usize> = op.new_range().collect();
                let mut paired = vec![None; news.len()];
                let mut used = vec![false; olds.len()];
                for (k, &n) in news.iter().enumerate() {
                    if moved_from[n].is_some() {
                        continue;
                    }
                    if let Some(j) = (0..olds.len()).find(|&j| !used[j] && alike(&old[olds[j]].text, &new[n].text)) {
                        used[j] = true;
                        paired[k] = Some(olds[j]);
                    }
                }
                // Removed items first, where they stood, then this stretch of the new text.
                for (j, &o) in olds.iter().enumerate() {
                    if !used[j] {
                        out.push(entry(ChangeKind::Removed, &old[o], Vec::new(), whole(&old[o].text)));
                    }
                }
                for (k, &n) in news.iter().enumerate() {
                    let it = &new[n];
                    out.push(match (moved_from[n], paired[k]) {
                        (Some(o), _) => entry(ChangeKind::Moved { from: old[o].number }, it, whole(&it.text), Vec::new()),
                        (None, Some(o)) => {
                            let (before, now) = word_pieces(&old[o].text, &it.text);
                            entry(ChangeKind::Changed, it, now, before)
                        }
                        (None, None) => entry(ChangeKind::Added, it, whole(&it.text), Vec::new()),
                    });
                }
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(changes: &[ItemChange]) -> Vec<(ChangeKind, String)> {
        changes.iter().map(|c| (c.change, c.text())).collect()
    }

    #[test]
    fn a_step_inserted_renumbers_the_rest_without_changing_them() {
        let before = "1. Isi formulir\n2. Serahkan berkas\n3. Ambil akta";
        let after = "1. Isi formulir\n2. Bayar retribusi di bank\n3. Serahkan berkas\n4. Ambil akta";
        let c = compare(before, after).unwrap();
        assert_eq!(
            kinds(&c),
            vec![
                (ChangeKind::Same, "Isi formulir".into()),
                (ChangeKind::Added, "Bayar retribusi di bank".into()),
                (ChangeKind::Same, "Serahkan berkas".into()),
                (ChangeKind::Same, "Ambil akta".into()),
            ]
        );
        assert_eq!(c[3].number, Some(4), "the step keeps its new number");
    }

    #[test]
    fn a_moved_step_is_one_moved_item_not_a_removal_and_an_addition() {
        let before = "1. Isi formulir\n2. Petugas memeriksa berkas\n3. Bayar biaya\n4. Ambil akta";
        let after = "1. Isi formulir\n2. Bayar biaya\n3. Petugas memeriksa berkas\n4. Ambil akta";
        let c = compare(before, after).unwrap();
        assert!(c.iter().all(|i| !matches!(i.change, ChangeKind::Added | ChangeKind::Removed)), "{:?}", kinds(&c));
        let moved: Vec<_> = c.iter().filter(|i| matches!(i.change, ChangeKind::Moved { .. })).collect();
        assert_eq!(moved.len(), 1, "{:?}", kinds(&c));
        assert_eq!(c.len(), 4, "each step once: {:?}", kinds(&c));
        match moved[0].change {
            ChangeKind::Moved { from } => assert!(from == Some(2) || from == Some(3)),
            _ => unreachable!(),
        }
    }

    #[test]
    fn an_edited_line_shows_before_and_now_with_the_changed_words_marked() {
        let c = compare("7 (tujuh) hari kerja sejak berkas lengkap.", "3 (tiga) hari kerja sejak berkas lengkap.").unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].change, ChangeKind::Changed);
        let marked = |p: &[Piece]| p.iter().filter(|p| p.changed).map(|p| p.text.trim().to_string()).collect::<Vec<_>>().join(" ");
        assert_eq!(marked(&c[0].now), "3 (tiga)");
        assert_eq!(marked(&c[0].before), "7 (tujuh)");
        assert_eq!(c[0].before_text(), "7 (tujuh) hari kerja sejak berkas lengkap.");
    }

    #[test]
    fn markdown_marks_are_not_shown_and_do_not_count_as_words() {
        let c = compare("- **Gratis** untuk semua\n- Loket buka 08.00", "- Gratis untuk semua\n- Loket buka 07.30").unwrap();
        assert_eq!(kinds(&c)[0], (ChangeKind::Same, "Gratis untuk semua".into()));
        assert!(c[0].bullet);
        assert!(c.iter().all(|i| !i.text().contains("**") && !i.text().starts_with("- ")));
        assert_eq!(c[1].change, ChangeKind::Changed);
    }

    #[test]
    fn lines_sharing_a_few_small_words_are_not_one_edited_line() {
        let before = "1. Pemohon mengambil formulir di loket\n2. Pemohon mengisi formulir dan menyerahkan berkas";
        let after = "1. Pemohon datang ke loket pendaftaran dan mengambil nomor antrean";
        let c = compare(before, after).unwrap();
        assert!(c.iter().all(|i| i.change != ChangeKind::Changed), "{:?}", kinds(&c));
        assert_eq!(c.iter().filter(|i| i.change == ChangeKind::Removed).count(), 2);
    }

    #[test]
    fn changed_words_next_to_each_other_are_one_marked_stretch() {
        let c = compare("Buka pukul 08.00 sampai 12.00 setiap hari", "Buka pukul 07.30 sampai 14.00 setiap hari").unwrap();
        let marked: Vec<_> = c[0].now.iter().filter(|p| p.changed).map(|p| p.text.as_str()).collect();
        assert_eq!(marked, ["07.30", "14.00"]);
        let c = compare("7 (tujuh) hari kerja sejak berkas lengkap.", "3 (tiga) hari kerja sejak berkas lengkap.").unwrap();
        let marked: Vec<_> = c[0].now.iter().filter(|p| p.changed).map(|p| p.text.as_str()).collect();
        assert_eq!(marked, ["3 (tiga)"]);
    }

    #[test]
    fn unrelated_lines_are_a_removal_and_an_addition() {
        let c = compare("1. KTP\n2. Dua orang saksi kelahiran dengan fotokopi KTP", "1. KTP\n2. Surat keterangan lahir dari rumah sakit").unwrap();
        assert_eq!(
            kinds(&c)[1..],
            [(ChangeKind::Removed, "Dua orang saksi kelahiran dengan fotokopi KTP".into()), (ChangeKind::Added, "Surat keterangan lahir dari rumah sakit".into())]
        );
    }

    #[test]
    fn the_same_words_renumbered_or_reformatted_are_no_change() {
        assert!(compare("1. KTP\n2. KK", "1) KTP\n\n2) KK\n").is_none());
    }
}
