//! Text → [`Minutes`]. Parsers are pure functions of the decoded text: they never print,
//! never panic, and never give up on the whole document because one part is odd.

pub mod attendance;
pub mod dates;
pub mod header;
pub mod item_refs;
pub mod items;
pub mod lines;
pub mod namelist;
pub mod numbers;
pub mod participants;
pub mod sections;
pub mod signatures;
pub mod tables;
pub mod toc;
pub mod votes;

use crate::lexicon::{lexicon, Lexicon};
use crate::model::{Item, Minutes, Span, Text};
use crate::segment;
use lines::{starts_with_word, Line};

/// Parse a whole document.
pub fn parse(doc: &str) -> Minutes {
    parse_with(doc, lexicon())
}

pub fn parse_with(doc: &str, lex: &Lexicon) -> Minutes {
    parse_with_options(doc, lex, Options::default())
}

/// Parse for checking: the rules read section texts through their spans, so the copies in
/// [`crate::model::Section::text`] (a second copy of the document) are left empty.
pub fn parse_for_check(doc: &str, lex: &Lexicon) -> Minutes {
    parse_with_options(
        doc,
        lex,
        Options {
            section_texts: false,
        },
    )
}

/// What a parse keeps beyond what the rules need.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// Copy each section's text into the model (`extract` shows it).
    pub section_texts: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            section_texts: true,
        }
    }
}

pub fn parse_with_options(doc: &str, lex: &Lexicon, options: Options) -> Minutes {
    parse_layout(doc, lex, options, None)
}

/// Parse with the layout profile `pinned` (an id of `rules/layouts.toml`, from
/// `[[overrides]] layout = "…"`), or the one recognised when `None`.
pub fn parse_layout(doc: &str, lex: &Lexicon, options: Options, pinned: Option<&str>) -> Minutes {
    let all = lines::lines(doc, 0);
    let outline = segment::segment(doc, &all, lex, segment::styles::layouts(), pinned);
    let mut minutes = Minutes {
        layout: outline.layout.clone(),
        meeting: header::parse(&header_lines(&all, &outline), lex),
        ..Minutes::default()
    };
    if let Some((participants, span)) = participants::parse(&all, &outline, lex) {
        minutes.participants = participants;
        minutes.meeting.participants_span = span;
    }
    if let Some(region) = &outline.toc {
        // The last entry may share its line with the first heading ("….... 28Punkt 1: …").
        let mut toc_lines = all[region.lines.clone()].to_vec();
        if let Some(first) = outline
            .items
            .first()
            .filter(|i| i.lines.start == region.lines.end)
        {
            let line = &all[first.lines.start];
            if first.start > line.offset {
                toc_lines.push(Line::new(
                    &line.text[..first.start - line.offset],
                    line.offset,
                ));
            }
        }
        minutes.toc = toc::parse(&toc_lines, region.start, lex);
    }
    let absence_after_heading = outline
        .layout
        .profile
        .as_deref()
        .and_then(|id| segment::styles::layouts().profile(id))
        .is_some_and(|p| p.absence_after_heading);
    let body_key = minutes
        .meeting
        .body
        .as_ref()
        .map(|b| attendance::body_key(&b.text));
    let context = attendance::Context {
        participants: &minutes.participants,
        body: body_key.as_deref(),
        absence_after_heading,
        date: minutes
            .meeting
            .date
            .as_ref()
            .map(|d| (d.year, d.month, d.day)),
    };
    let mut unrecognised = Vec::new();
    let items: Vec<Item> = outline
        .items
        .iter()
        .map(|region| item(doc, &all, region, lex, options, &context, &mut unrecognised))
        .collect();
    minutes.items = items;
    carry_ranged_absences(&mut minutes.items);
    minutes.unrecognised.extend(unrecognised);
    if let Some(range) = &outline.signatures {
        minutes.signatures = signatures::parse(&all[range.clone()], lex);
    }
    minutes.dates = dates::find_dates(doc, 0, &lex.calendar);
    minutes.year_ranges = dates::find_year_ranges(doc, 0);
    minutes
}

/// Most copies of absences carried between items: far above any meeting's (members ×
/// items), it keeps a document of endless "forlod mødet efter punkt 1" bounded.
const MAX_CARRIED: usize = 100_000;

/// An absence whose sentence names other items ("forlod mødet kl. 17.40 under behandling af
/// pkt. 5", written under item 1) is copied into each item it covers, marked `carried`, so
/// that every item's attendance says who was away from it.
fn carry_ranged_absences(items: &mut [Item]) {
    // Copied before the written ones change kind below: the copies keep the sentence's.
    let ranged: Vec<(usize, crate::model::Absence)> = items
        .iter()
        .enumerate()
        .flat_map(|(i, item)| {
            item.attendance
                .absences
                .iter()
                .filter(|a| !a.items.is_empty())
                .map(move |a| (i, a.clone()))
        })
        .collect();
    if ranged.is_empty() {
        return;
    }
    // Where it is written it does not hold ("deltog ikke under punkterne 12-15" under item
    // 1): there the member was present for part of the meeting.
    for item in items.iter_mut() {
        let n = item.number;
        for a in &mut item.attendance.absences {
            if !a.holds_at(n) {
                a.kind = crate::model::AbsenceKind::ForlodMoedet;
            }
        }
    }
    let mut by_number: std::collections::BTreeMap<u32, Vec<usize>> = Default::default();
    for (i, item) in items.iter().enumerate() {
        if let Some(n) = item.number {
            by_number.entry(n).or_default().push(i);
        }
    }
    let mut carried = 0;
    for (written_in, absence) in ranged {
        for r in &absence.items {
            let from = r.from.unwrap_or(0);
            let to = r.to.unwrap_or(u32::MAX);
            if from > to {
                continue;
            }
            for &j in by_number.range(from..=to).flat_map(|(_, v)| v) {
                let list = &mut items[j].attendance.absences;
                if j == written_in || list.iter().any(|a| a.name == absence.name) {
                    continue;
                }
                if carried == MAX_CARRIED {
                    return;
                }
                carried += 1;
                list.push(crate::model::Absence {
                    carried: true,
                    ..absence.clone()
                });
            }
        }
    }
}

/// The header lines the meeting fields are read from: the header without its table of
/// contents; the TOC label's line up to the label ("Mødested ByrådssalenIndholdsfortegnelse").
fn header_lines<'a>(all: &[Line<'a>], outline: &segment::Outline) -> Vec<Line<'a>> {
    let header = &all[outline.header.clone()];
    let Some(toc) = &outline.toc else {
        return header.to_vec();
    };
    let mut out: Vec<Line> = header[..toc.lines.start.min(header.len())].to_vec();
    let label_line = &all[toc.lines.start];
    let label_at = outline
        .labels
        .iter()
        .find(|h| h.kind == segment::labels::LabelKind::Toc)
        .map(|h| h.start)
        .unwrap_or(label_line.offset);
    if label_at > label_line.offset {
        out.push(Line::new(
            &label_line.text[..label_at - label_line.offset],
            label_line.offset,
        ));
    }
    out.extend_from_slice(&header[toc.lines.end.min(header.len())..]);
    out
}

fn item(
    doc: &str,
    all: &[Line],
    region: &segment::ItemRegion,
    lex: &Lexicon,
    options: Options,
    context: &attendance::Context,
    unrecognised: &mut Vec<crate::model::Unrecognised>,
) -> Item {
    let range = region.lines.start..region.lines.end.min(all.len());
    // A glued heading's line belongs to the previous item up to the heading; the next
    // item's glued heading may sit at the end of our last line. Copied only when a line is
    // cut: most items start and end on whole lines. A new `Line`, not a shorter `text`:
    // the line's trimmed stretch is worked out from its text.
    let mut lines = std::borrow::Cow::Borrowed(&all[range.clone()]);
    if let Some(first) = lines.first() {
        let skip = region.start.saturating_sub(first.offset);
        if skip > 0 && skip <= first.text.len() {
            let cut = Line::new(&first.text[skip..], region.start);
            lines.to_mut()[0] = cut;
        }
    }
    if let Some(last) = lines.last() {
        let end = last.offset + last.text.len();
        if end > region.end && region.end >= last.offset {
            let cut = Line::new(&last.text[..region.end - last.offset], last.offset);
            let k = lines.len() - 1;
            lines.to_mut()[k] = cut;
        }
    }
    let heading_at = region.heading_line.saturating_sub(range.start);
    let (title, case_no, body_from) = match region.title {
        None => (Text::new("", Span::new(region.start, 0)), None, 0),
        Some((line, _)) if region.title_above => {
            let l = &all[line];
            let title = Text::new(lines::squash(l.trimmed()), l.span());
            let (case_no, from) = items::case_after(&lines, heading_at + 1);
            (title, case_no, from)
        }
        Some((line, offset)) => {
            let at = line
                .saturating_sub(range.start)
                .min(lines.len().saturating_sub(1));
            let offset = if offset == usize::MAX {
                lines[at].span().offset
            } else {
                offset
            };
            let (title, case_no, from) = items::title_and_case(doc, &lines[at..], offset, lex);
            (title, case_no, from + at)
        }
    };
    let body = &lines[body_from.min(lines.len())..];
    let closed = region.closed
        || lex
            .header
            .closed
            .iter()
            .any(|w| starts_with_word(&title.text, w).is_some());
    let sections = sections::parse(doc, body, lex, options.section_texts);
    let attendance = attendance::parse(doc, body, &sections, lex, context);
    let body_span = body
        .first()
        .map(|l| Span::new(l.offset, region.end.saturating_sub(l.offset)))
        .unwrap_or_default();
    let (votes, not_understood) = votes::parse_item(doc, &sections, body_span, lex);
    unrecognised.extend(not_understood);
    let tables = tables::parse(doc, body, lex);
    let amounts = body
        .first()
        .map(|l| numbers::amounts(&doc[l.offset..region.end.max(l.offset)], l.offset, lex))
        .unwrap_or_default();
    Item {
        number: region.number,
        number_span: region.number_span,
        number_suffix: region.suffix.clone(),
        title: title.text,
        title_span: title.span,
        case_no,
        closed,
        sections,
        attendance,
        votes,
        tables,
        amounts,
        span: Span::new(region.start, region.end.saturating_sub(region.start)),
        implicit: region.implicit,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GLUED: &str = "REFERAT Økonomiudvalget d. 15-04-2026\n\n\
        Punkt 1: Budget\n\nBeslutning\n\nGodkendt.Punkt 2: Regnskab\n\n\
        Beslutning\n\nTaget til efterretning.\n";

    /// Text glued before the next heading ends the item it belongs to.
    #[test]
    fn text_before_a_glued_heading_stays_with_its_item() {
        let m = parse(GLUED);
        assert_eq!(m.items.len(), 2);
        let decision = m.items[0].decision().expect("item 1 has its decision");
        assert_eq!(decision.text, "Godkendt.");
        assert_eq!(
            &GLUED[decision.body.offset..decision.body.end()],
            "Godkendt."
        );
        assert_eq!(m.items[1].title, "Regnskab");
        assert_eq!(
            m.items[1].decision().unwrap().text,
            "Taget til efterretning."
        );
    }

    /// A page number glued before a heading ("28Punkt 1:") is no text of the item before it.
    #[test]
    fn a_glued_page_number_is_left_out() {
        let m = parse(&GLUED.replace("Godkendt.Punkt 2", "Godkendt.\n28Punkt 2"));
        assert_eq!(m.items[0].decision().unwrap().text, "Godkendt.");
        assert_eq!(m.items[1].title, "Regnskab");
    }
}
