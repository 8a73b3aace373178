//! The table of contents (Indholdsfortegnelse), in every shape exports give it:
//! - one entry a line, with leader dots and a page number ("2. Godkendelse af dagsorden.....\t4",
//!   "Lukket.....\t3", "Bro mellem Dokk1 og Balticagade........... 16"), a title that wraps
//!   onto the next line being one entry;
//! - numbered lines without pages ("1. ØU/KB - Vurdering af inhabilitet"), the number alone on
//!   a line with the title on the next;
//! - a whole table of contents run into one line by a PDF transcript ("1 Meddelelser fra
//!   formanden 2 Forslag til …", "Sag nr. 74 Orientering … Sag nr. 75 …", "89. Til efterretning
//!   …...i 90. …"), page numbers interleaved when the TOC has a page column ("Pkt. Tekst Side");
//! - unnumbered titles, one paragraph each, under "Åben dagsorden" / "Lukket dagsorden" (the
//!   numbers lost in the transcript).
//!
//! Entry numbers are chosen as one increasing sequence over the whole region, as items are:
//! a number inside a title ("tillæg 2 til Kommuneplan 2013") does not continue it.

use super::lines::{page_furniture, squash, starts_with_word, Line};
use crate::lexicon::Lexicon;
use crate::model::{Span, TocEntry};

/// Read the entries of the region `lines`, from byte offset `start` (after the label).
pub fn parse(lines: &[Line], start: usize, lex: &Lexicon) -> Vec<TocEntry> {
    let lines: Vec<Line> = lines
        .iter()
        .filter_map(|l| {
            let end = l.offset + l.text.len();
            if end < start {
                None
            } else if l.offset >= start {
                Some(*l)
            } else {
                Some(Line::new(&l.text[start - l.offset..], start))
            }
        })
        .collect();
    // Page numbers are told from numbers in titles only where the TOC has a page column.
    let paged = lines.iter().any(|l| {
        let t = l.trimmed();
        t.contains("..") || t.contains("Tekst Side") || t == "Side"
    });
    let markers = choose(&find_markers(&lines, paged));
    let mut covered = vec![false; lines.len()];
    let mut out: Vec<TocEntry> = Vec::new();
    // Numbers whose titles the transcript moved after the next number ("Sag nr. 80 Sag nr.
    // 81 Budget … Overførsler …") wait for the title run that follows, and share it in order.
    let mut waiting: Vec<u32> = Vec::new();
    for (k, m) in markers.iter().enumerate() {
        let next = markers.get(k + 1);
        let (title, last_line) = marker_title(&lines, m, next, lex);
        for c in covered.iter_mut().take(last_line + 1).skip(m.line) {
            *c = true;
        }
        if title.is_none() && next.is_some() {
            waiting.push(m.number);
            continue;
        }
        let gap = next
            .map(|n| n.number.saturating_sub(m.number + 1))
            .unwrap_or(0) as usize;
        waiting.push(m.number);
        let numbers: Vec<Option<u32>> = waiting.drain(..).map(Some).collect();
        // Titles that ran together: the numbers lost between this and the next one, or a
        // last entry far longer than a title.
        let split = gap > 0 || numbers.len() > 1 || (next.is_none() && title_len(&title) > 150);
        push_entries(&mut out, &numbers, m.at, title, paged, split, lex);
    }
    // Lines no numbered entry took: one entry a line where it carries a page number, and
    // one a paragraph under a group heading ("Åben dagsorden").
    // Unnumbered paragraphs stand before the numbered entries (whose numbers the transcript
    // kept); after the last one they are the body's page headers.
    let unnumbered_end = markers.first().map(|m| m.line).unwrap_or(lines.len());
    let mut in_group = false;
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i].trimmed();
        if covered[i] || t.is_empty() {
            i += 1;
            continue;
        }
        if group_heading(t, lex).is_some() {
            in_group = true;
            i += 1;
            continue;
        }
        if page_furniture(t) {
            i += 1;
            continue;
        }
        if let Some(e) = paged_line(&lines[i], paged, lex) {
            out.push(e);
            i += 1;
            continue;
        }
        if in_group && i < unnumbered_end {
            // The paragraph: this and the following lines up to a blank one.
            let mut j = i;
            while j + 1 < lines.len()
                && !covered[j + 1]
                && !lines[j + 1].is_blank()
                && group_heading(lines[j + 1].trimmed(), lex).is_none()
                && !page_furniture(lines[j + 1].trimmed())
            {
                j += 1;
            }
            let at = lines[i].span().offset;
            let title = (at, joined(&lines[i..=j]));
            let split = title.1.len() > 150;
            push_entries(&mut out, &[None], at, Some(title), paged, split, lex);
            i = j + 1;
            continue;
        }
        i += 1;
    }
    out.sort_by_key(|e| e.span.offset);
    out
}

/// The lines' text as one line.
fn joined(lines: &[Line]) -> String {
    squash(
        &lines
            .iter()
            .map(|l| l.trimmed())
            .collect::<Vec<_>>()
            .join(" "),
    )
}

/// A number that starts an entry, found in a line.
#[derive(Debug, Clone, Copy)]
struct Marker {
    line: usize,
    /// Byte offset of the marker in the document.
    at: usize,
    /// Where the title after it starts.
    title_at: usize,
    number: u32,
    /// How much the marker's shape says it starts an entry ("Sag nr. 74", "3." more than "3").
    weight: f32,
}

/// Every place in the region where an entry could start.
fn find_markers(lines: &[Line], paged: bool) -> Vec<Marker> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let t = line.text;
        let b = t.as_bytes();
        let mut k = 0;
        while k < b.len() {
            if !b[k].is_ascii_digit() || (k > 0 && !boundary_before(&t[..k])) {
                k += 1;
                continue;
            }
            let digits = b[k..].iter().take_while(|c| c.is_ascii_digit()).count();
            let end = k + digits;
            let number: u32 = t[k..end].parse().unwrap_or(0);
            if digits > 4 || number == 0 {
                k = end;
                continue;
            }
            let word_before = word_before(&t[..k]);
            // "Sag nr. 74", "Pkt. 3", "Punkt 3" — "nr." only after "Sag" ("kommuneplantillæg
            // nr. 8" is a reference).
            let two_before = word_before_at(&t[..k], word_before.len());
            let lead_word = matches!(word_before, "Pkt." | "Punkt")
                || (matches!(word_before, "nr." | "nr") && matches!(two_before, "Sag" | "Saq"));
            let rest = &t[end..];
            // "3." / "3..." / "3" then the title.
            let dots = rest.len() - rest.trim_start_matches('.').len();
            let after = rest[dots..].trim_start_matches([' ', '\t', ':']);
            let spaced = after.len() < rest.len() - dots || dots > 0;
            // A title may start with a number ("13 20, Den selvejende …") where no page
            // numbers stand between the entries.
            let starts_title = after.chars().next().is_some_and(|c| {
                c.is_uppercase() || c == '"' || c == '“' || (!paged && c.is_ascii_digit())
            });
            let is_reference = matches!(
                word_before,
                "§" | "stk." | "kl." | "kl" | "den" | "d." | "af" | "pr." | "nr" | "tillæg"
            ) && !lead_word;
            // A lead word's entry may have lost its title ("Sag nr. 80 Sag nr. 81 …").
            let lost_title = after.is_empty() || after.starts_with("Sag nr");
            // The number alone on its line, the title on the next.
            let alone = t.trim() == &t[k..end] && digits <= 3;
            if spaced && starts_title && !is_reference && digits <= 3
                || lead_word && spaced && (starts_title || lost_title)
                || alone
            {
                let weight = if lead_word {
                    2.0
                } else if dots > 0 {
                    1.0
                } else {
                    0.5
                };
                let at = if lead_word {
                    let lead = t[..k].trim_end().len() - word_before.len();
                    let lead = if word_before.starts_with("nr") {
                        lead - two_before.len() - 1
                    } else {
                        lead
                    };
                    line.offset + lead
                } else {
                    line.offset + k
                };
                out.push(Marker {
                    line: i,
                    at,
                    title_at: line.offset + t.len() - after.len(),
                    number,
                    weight,
                });
            }
            k = end;
        }
    }
    out
}

fn boundary_before(before: &str) -> bool {
    before
        .chars()
        .next_back()
        .is_some_and(|c| c.is_whitespace() || c == '.' || c == '…')
}

/// The word before a position ("nr." in "Sag nr. 74").
fn word_before(before: &str) -> &str {
    before.trim_end().rsplit(' ').next().unwrap_or("")
}

/// The word before the word of length `len` that ends `before` ("Sag" in "Sag nr. ").
fn word_before_at(before: &str, len: usize) -> &str {
    let t = before.trim_end();
    word_before(&t[..t.len() - len])
}

/// The markers that make one increasing sequence (+1 steps preferred): numbers inside
/// titles and page numbers fall out.
fn choose(markers: &[Marker]) -> Vec<Marker> {
    use std::collections::HashMap;
    let mut ends: HashMap<u32, (f32, usize)> = HashMap::new();
    let mut total = vec![0f32; markers.len()];
    let mut prev = vec![None; markers.len()];
    for (i, m) in markers.iter().enumerate() {
        let mut here = m.weight;
        for gap in 1..=12.min(m.number) {
            if let Some(&(t, j)) = ends.get(&(m.number - gap)) {
                let step = if gap == 1 {
                    1.0
                } else {
                    -0.3 * (gap - 1) as f32
                };
                if t + step + m.weight > here {
                    here = t + step + m.weight;
                    prev[i] = Some(j);
                }
            }
        }
        total[i] = here;
        let slot = ends.entry(m.number).or_insert((f32::MIN, i));
        if here > slot.0 {
            *slot = (here, i);
        }
    }
    // The best sequence; of equals, the first (a body heading glued after the TOC repeats
    // its first number).
    let Some(end) = (0..markers.len())
        .rev()
        .max_by(|&a, &b| total[a].total_cmp(&total[b]))
    else {
        return Vec::new();
    };
    // One bare number is no table of contents.
    if total[end] < 1.0 {
        return Vec::new();
    }
    let mut chain = vec![end];
    while let Some(p) = prev[*chain.last().unwrap()] {
        chain.push(p);
    }
    chain.reverse();
    chain.into_iter().map(|i| markers[i]).collect()
}

/// The title after marker `m`: to the next marker on its line, else on over the following
/// lines while the entry has no page number yet and the next line starts no entry. Returns
/// (offset, title as written) and the last line it took.
fn marker_title(
    lines: &[Line],
    m: &Marker,
    next: Option<&Marker>,
    lex: &Lexicon,
) -> (Option<(usize, String)>, usize) {
    let mut parts: Vec<&str> = Vec::new();
    let mut i = m.line;
    let mut from = m.title_at;
    loop {
        let line = &lines[i];
        let line_end = line.offset + line.text.len();
        let stop = next
            .filter(|n| n.line == i)
            .map(|n| n.at)
            .unwrap_or(line_end);
        let piece = &line.text[from.min(stop).saturating_sub(line.offset)..stop - line.offset];
        let piece = piece.trim();
        if !piece.is_empty() {
            parts.push(piece);
        }
        if stop < line_end || ends_with_page(piece) {
            break;
        }
        // On to the next line: after a blank one only while the title is still empty.
        let mut j = i + 1;
        if parts.is_empty() {
            while j < lines.len() && lines[j].is_blank() && j <= i + 2 {
                j += 1;
            }
        }
        let Some(l) = lines.get(j) else { break };
        let t = l.trimmed();
        if t.is_empty()
            || next.is_some_and(|n| {
                n.line == j && n.at <= l.offset + (l.text.len() - l.trimmed_start().len())
            })
            || group_heading(t, lex).is_some()
            || page_furniture(t)
        {
            break;
        }
        i = j;
        from = l.offset;
    }
    let title = squash(&parts.join(" "));
    ((!title.is_empty()).then_some((m.title_at, title)), i)
}

fn ends_with_page(t: &str) -> bool {
    let t = t.trim_end();
    let stripped = t.trim_end_matches(|c: char| c.is_ascii_digit());
    (stripped.len() < t.len() && (stripped.ends_with('\t') || stripped.ends_with("..")))
        || t.ends_with("..")
}

fn title_len(title: &Option<(usize, String)>) -> usize {
    title.as_ref().map(|(_, t)| t.len()).unwrap_or(0)
}

/// Push the entries `numbers` with `title`. With `split`, the title is several titles run
/// together and is cut at the words that start titles: the numbers take the pieces in
/// order, the last number the rest; pieces beyond the numbers are entries without one.
fn push_entries(
    out: &mut Vec<TocEntry>,
    numbers: &[Option<u32>],
    start: usize,
    title: Option<(usize, String)>,
    paged: bool,
    split: bool,
    lex: &Lexicon,
) {
    let Some((at, raw)) = title else {
        for &n in numbers {
            out.push(entry(n, "", start, start, None, lex));
        }
        return;
    };
    let (text, page) = strip_page(&raw, paged);
    let pieces = if split { split_run(text) } else { vec![text] };
    let n = numbers.len().max(1);
    let mut titles: Vec<&str> = Vec::new();
    if pieces.len() > n && n > 1 {
        // The last number's title is what the others leave.
        titles.extend(&pieces[..n - 1]);
        let start = offset_in(text, pieces[n - 1]);
        titles.push(&text[start..]);
    } else {
        titles.extend(&pieces);
    }
    let end = at + raw.trim_end().len();
    for (k, piece) in titles.iter().enumerate() {
        let offset = at + offset_in(&raw, piece);
        let number = numbers.get(k).copied().flatten();
        let last = k + 1 == titles.len();
        let p = if last { page } else { None };
        let mut e = entry(
            number,
            piece,
            if k == 0 { start } else { offset },
            offset,
            p,
            lex,
        );
        if last {
            // The whole entry: from its number to its page.
            e.span = Span::new(e.span.offset, end.max(e.span.offset) - e.span.offset);
        }
        out.push(e);
    }
    for &number in numbers.iter().skip(titles.len()) {
        out.push(entry(number, "", end, end, None, lex));
    }
}

/// Offset of `part` in `whole` (a slice of it).
fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

/// An entry whose text starts at `start` (its number) and its title at `offset`.
fn entry(
    number: Option<u32>,
    title: &str,
    start: usize,
    offset: usize,
    page: Option<u32>,
    lex: &Lexicon,
) -> TocEntry {
    let closed = lex
        .header
        .closed
        .iter()
        .any(|w| starts_with_word(title, w).is_some());
    TocEntry {
        number,
        title: squash(title),
        page,
        closed,
        span: Span::new(start, offset + title.len() - start.min(offset)),
        title_span: Span::new(offset, title.len()),
    }
}

/// "Godkendelse af dagsorden.....\t4" → ("Godkendelse af dagsorden", Some(4)); a roman page
/// ("…...xv") goes too. A bare number at the end is a page only in a TOC with pages.
fn strip_page(t: &str, paged: bool) -> (&str, Option<u32>) {
    let t = t.trim_end();
    let without_digits = t.trim_end_matches(|c: char| c.is_ascii_digit());
    let digits = &t[without_digits.len()..];
    let mut page = None;
    let mut rest = t;
    if !digits.is_empty() && digits.len() <= 3 {
        let before = without_digits.chars().next_back();
        let leader = without_digits.trim_end().ends_with("..") || before == Some('\t');
        if leader || (paged && before == Some(' ')) {
            page = digits.parse().ok();
            rest = without_digits;
        }
    } else if let Some(p) = t.rfind("..") {
        let tail = &t[p..].trim_start_matches('.');
        if tail.len() <= 5 && tail.chars().all(|c| "ivxlc".contains(c)) {
            rest = &t[..p];
        }
    }
    (rest.trim_end_matches(['\t', ' ', '.', '…']), page)
}

/// Split a run of titles at words that start a title: a capitalised word after a word
/// that ends none (not a preposition or conjunction, which run on into a name: "på
/// Banevænget", "mellem Rebild Kommune"), or after a closing quotation mark.
fn split_run(t: &str) -> Vec<&str> {
    const RUN_ON: [&str; 20] = [
        "og", "i", "på", "af", "for", "til", "med", "fra", "om", "ved", "mellem", "under", "over",
        "efter", "vedr.", "samt", "eller", "-", "–", "den",
    ];
    let mut out = Vec::new();
    let mut piece_start = 0;
    let mut prev: Option<&str> = None;
    let mut words_in_piece = 0;
    for (pos, word) in word_positions(t) {
        let starts = word.chars().next().is_some_and(char::is_uppercase);
        if let (true, Some(p)) = (starts, prev) {
            let p_lower = p.chars().next().is_some_and(char::is_lowercase)
                && p.chars().count() > 1
                && !RUN_ON.contains(&p);
            let p_quote = p.ends_with('"') || p.ends_with('”') || p.ends_with(')');
            if (p_lower || p_quote) && words_in_piece >= 2 {
                out.push(t[piece_start..pos].trim());
                piece_start = pos;
                words_in_piece = 0;
            }
        }
        words_in_piece += 1;
        prev = Some(word);
    }
    out.push(t[piece_start..].trim());
    out.retain(|p| !p.is_empty());
    out
}

fn word_positions(t: &str) -> impl Iterator<Item = (usize, &str)> {
    t.split(' ')
        .scan(0usize, |pos, w| {
            let at = *pos;
            *pos += w.len() + 1;
            Some((at, w))
        })
        .filter(|(_, w)| !w.is_empty())
}

/// "Åben dagsorden", "Lukket dagsorden", "Til behandling – for åbne døre": a heading that
/// groups entries. Returns whether the group is closed.
fn group_heading(t: &str, lex: &Lexicon) -> Option<bool> {
    let t = t.trim_end_matches([' ', ':']);
    lex.header
        .toc_groups
        .iter()
        .any(|g| crate::lexicon::eq_fold(g, t))
        .then(|| {
            lex.header
                .closed
                .iter()
                .any(|w| starts_with_word(t, w).is_some())
        })
}

/// A line that is one entry by its page number or leader dots ("Lukket.....\t3").
fn paged_line(line: &Line, paged: bool, lex: &Lexicon) -> Option<TocEntry> {
    let t = line.trimmed();
    let (title, page) = strip_page(t, paged);
    if page.is_none() && !t.trim_end().ends_with("..") {
        return None;
    }
    if title.is_empty() {
        return None;
    }
    let offset = line.offset_of(title);
    let mut e = entry(None, title, offset, offset, page, lex);
    e.span = line.span();
    Some(e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicon;
    use crate::parse::lines::lines;

    fn toc(text: &str) -> Vec<(Option<u32>, String, Option<u32>)> {
        parse(&lines(text, 0), 0, lexicon())
            .into_iter()
            .map(|e| (e.number, e.title, e.page))
            .collect()
    }

    #[test]
    fn reads_entries_with_and_without_tabs() {
        let text = "Lukket.....\t3\n2. Godkendelse af dagsorden.....\t4\nBro mellem Dokk1 og Balticagade........... 16\nLokalplan 1221 – ved Kattrup, med ti 17\nLukket: Mundtlige meddelelser.....\t22";
        let entries = parse(&lines(text, 0), 0, lexicon());
        assert_eq!(entries.len(), 5, "{entries:?}");
        assert!(entries[0].closed);
        assert_eq!(
            (
                entries[1].number,
                entries[1].title.as_str(),
                entries[1].page
            ),
            (Some(2), "Godkendelse af dagsorden", Some(4))
        );
        assert_eq!(
            (entries[2].title.as_str(), entries[2].page),
            ("Bro mellem Dokk1 og Balticagade", Some(16))
        );
        assert_eq!(
            (entries[3].title.as_str(), entries[3].page),
            ("Lokalplan 1221 – ved Kattrup, med ti", Some(17))
        );
        assert!(entries[4].closed);
        assert_eq!(
            &text[entries[1].title_span.offset..entries[1].title_span.end()],
            "Godkendelse af dagsorden"
        );
    }

    #[test]
    fn a_whole_toc_on_one_line() {
        let got = toc("1 Meddelelser fra formanden 2 Forslag til tillæg 2 til Kommuneplan 2026, Klimaplan 3 Lokalplan 238.1 - tillæg 1 til lokalplan 238 4 Fjernvarmetarif 2027");
        let numbers: Vec<_> = got.iter().map(|e| e.0).collect();
        assert_eq!(numbers, [Some(1), Some(2), Some(3), Some(4)]);
        assert_eq!(
            got[1].1,
            "Forslag til tillæg 2 til Kommuneplan 2026, Klimaplan"
        );
        assert_eq!(got[3].1, "Fjernvarmetarif 2027");
    }

    #[test]
    fn case_numbers_run_together_and_pages_interleaved() {
        let got = toc("Sag nr. 74 Orientering om likviditet 2026 Sag nr. 75 Årsregnskab 2025 Sag nr. 76 Sag nr. 77 Budget");
        let numbers: Vec<_> = got.iter().map(|e| e.0).collect();
        assert_eq!(numbers, [Some(74), Some(75), Some(76), Some(77)]);
        assert_eq!(got[0].1, "Orientering om likviditet 2026");
        // Numbers whose titles were moved behind the next number take them in order.
        assert_eq!((got[2].1.as_str(), got[3].1.as_str()), ("Budget", ""));
        let got = toc("Pkt. Tekst Side 1 Godkendelse af dagsorden 2 2 Strategi for perioden 4 3 Arrangement 9");
        assert_eq!(
            got,
            [
                (Some(1), "Godkendelse af dagsorden".into(), Some(2)),
                (Some(2), "Strategi for perioden".into(), Some(4)),
                (Some(3), "Arrangement".into(), Some(9)),
            ]
        );
    }

    #[test]
    fn leaders_with_roman_pages_and_a_number_alone() {
        let got = toc("89. Til efterretning - Kvartalsrapport...i 90. Dallund Slot...ii");
        assert_eq!(got[0].1, "Til efterretning - Kvartalsrapport");
        assert_eq!(got[1].1, "Dallund Slot");
        let got = toc("9\n\nEtablering af en fælles koncern\n\n10\n\nRevisionsberetninger 2025\n");
        assert_eq!(got[1], (Some(10), "Revisionsberetninger 2025".into(), None));
    }

    #[test]
    fn unnumbered_titles_under_a_group_heading() {
        let got = toc("Økonomiudvalget\n\nden 10. juni 2026\n\nÅben dagsorden\n\nKommuneplan 2026. Endelig vedtagelse\n\nLokalplan 350 for et område og\nkommuneplantillæg 21 – Endelig vedtagelse\n\nSide 2 af 27\n");
        let titles: Vec<_> = got.iter().map(|e| e.1.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Kommuneplan 2026. Endelig vedtagelse",
                "Lokalplan 350 for et område og kommuneplantillæg 21 – Endelig vedtagelse"
            ]
        );
    }
}
