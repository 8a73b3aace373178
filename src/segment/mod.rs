//! Segmentation: the structure of a document, whatever system produced it. Between the lines
//! and the construct parsers: heading candidates of every style of `rules/layouts.toml` are
//! found in one pass ([`candidates`]), the item sequence is chosen by consistency ([`chain`]),
//! and the document is cut into regions — header (with its labelled fields: participant
//! lists, absence fields, the table of contents), items, signature sheet. Each construct
//! parser reads its region; none looks for headings on its own.
//!
//! A document with no recognisable heading is one item: a single-item web page under its
//! title line, or else the whole text after the header, so that nothing checkable is lost.

pub mod candidates;
pub mod chain;
pub mod labels;
pub mod profiles;
pub mod styles;

use crate::lexicon::Lexicon;
use crate::model::{Layout, Span};
use crate::parse::lines::{starts_with_word, Line};
use crate::parse::sections;
use candidates::Candidate;
use labels::{LabelHit, LabelKind};
use std::ops::Range;
use styles::Layouts;

/// The regions of one document. Line indices are into the lines the outline was made from.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    pub layout: Layout,
    /// The lines before the first item: title, meeting fields, participant lists, absence
    /// fields, table of contents.
    pub header: Range<usize>,
    /// The labels found in the header, in order.
    pub labels: Vec<LabelHit>,
    pub toc: Option<TocRegion>,
    pub items: Vec<ItemRegion>,
    /// From the signature sheet's heading to the next item or the end.
    pub signatures: Option<Range<usize>>,
}

/// The table of contents: from its label (which may sit inside a line) to the end of the
/// header or the next participant or absence field.
#[derive(Debug, Clone)]
pub struct TocRegion {
    pub lines: Range<usize>,
    /// Where the entries start: after the label.
    pub start: usize,
}

/// One agenda item.
#[derive(Debug, Clone)]
pub struct ItemRegion {
    /// The item's lines: from its first line (the heading, or the title above it) to the
    /// line before the next item's.
    pub lines: Range<usize>,
    /// Byte offset where the item starts (inside the first line when the heading is glued).
    pub start: usize,
    /// Byte offset where the next item starts (or the end of the document).
    pub end: usize,
    /// The heading's line.
    pub heading_line: usize,
    pub number: Option<u32>,
    pub number_span: Option<Span>,
    pub suffix: Option<String>,
    /// The title: its line and byte offset; `None` for an implicit item.
    pub title: Option<(usize, usize)>,
    /// The title stands above the heading line ("Spørgetid" over "Sag nr. 129"): it is
    /// that one line.
    pub title_above: bool,
    pub closed: bool,
    /// No heading: the text, or a block opened by a status line, read as one item.
    pub implicit: bool,
}

/// Cut `lines` (of `doc`) into regions. `pinned` is a profile id from referat.toml: only its
/// heading styles are looked for.
pub fn segment(
    doc: &str,
    lines: &[Line],
    lex: &Lexicon,
    layouts: &Layouts,
    pinned: Option<&str>,
) -> Outline {
    let pinned_profile = pinned.and_then(|id| layouts.profile(id));
    let styles: Option<Vec<usize>> = pinned_profile.map(|p| {
        p.headings
            .iter()
            .filter_map(|h| layouts.style_index(h))
            .collect()
    });
    let mut cands = candidates::find(doc, lines, lex, layouts, styles.as_deref(), &lex.header.toc);
    // The labels before the first heading the text confirms: the header's, read once.
    let confirmed = cands
        .iter()
        .find(|c| c.supported)
        .map(|c| c.line)
        .unwrap_or(lines.len());
    let early = labels::scan(&lines[..confirmed], lex);
    drop_toc_entries(lines, &early, confirmed, &mut cands);
    let mut chosen = chain::choose(&cands);
    // A numbered participant list ("Deltagerne var:" / "1. Overborgmester …") is a chain of
    // its own: leave its lines out and choose again.
    let first = chosen
        .first()
        .map(|&c| cands[c].first_line)
        .unwrap_or(lines.len());
    let labels_before = |end: usize| -> Vec<LabelHit> {
        if end <= confirmed {
            early.iter().filter(|h| h.line < end).copied().collect()
        } else {
            labels::scan(&lines[..end], lex)
        }
    };
    let header_labels = labels_before(first);
    let listed = numbered_lists(lines, &cands, &header_labels);
    if !listed.is_empty() {
        let mut k = 0;
        cands.retain(|_| {
            k += 1;
            !listed.contains(&(k - 1))
        });
        chosen = chain::choose(&cands);
    }

    let mut items: Vec<ItemRegion> = chosen.iter().map(|&c| region(lines, &cands[c])).collect();
    let mut heading_style = chosen
        .first()
        .map(|&c| layouts.styles[cands[c].style].id.clone());
    if items.is_empty() {
        items = status_blocks(lines, lex);
    }
    if items.is_empty() {
        if let Some(title_line) = single_item_title(lines, lex, layouts) {
            items.push(titled_item(lines, title_line));
            heading_style = Some("title".to_string());
        }
    }
    let header_end = match items.first() {
        Some(first) => first.lines.start,
        None => implicit_start(lines, lex),
    };
    if items.is_empty() {
        items.push(implicit_item(lines, header_end, doc.len()));
    }
    // Each item runs to the next one's first line.
    for k in 0..items.len() {
        let next = items.get(k + 1).map(|n| (n.lines.start, n.start));
        let (end_line, end) = next.unwrap_or((lines.len(), doc.len()));
        // Text glued before the next heading ("Godkendt.Punkt 2: …") is ours up to it.
        let shares_line = next.is_some_and(|(l, start)| {
            lines[l].text[..start - lines[l].offset]
                .chars()
                .any(char::is_alphabetic)
        });
        items[k].lines.end = (end_line + usize::from(shares_line)).max(items[k].lines.start + 1);
        items[k].end = end;
    }

    let labels = if header_end == first {
        header_labels
    } else {
        labels_before(header_end)
    };
    let mut toc = toc_region(lines, &labels, header_end);
    if toc.is_none() && outline_is_implicit(&items) {
        // No headings: a table of contents run into a PDF page's paragraph may stand after
        // the header fields ("2 Indholdsfortegnelse 1. … 2. …").
        toc = toc_region(lines, &labels::scan(lines, lex), lines.len());
    }
    let signatures = signature_region(lines, lex, &items, toc.as_ref());
    let mut outline = Outline {
        layout: Layout::default(),
        header: 0..header_end,
        labels,
        toc,
        items,
        signatures,
    };
    outline.layout = profiles::recognise(doc, layouts, &outline, heading_style, &cands, &chosen);
    if let Some(p) = pinned_profile {
        outline.layout.profile = Some(p.id.clone());
        outline.layout.pinned = true;
    }
    outline
}

fn outline_is_implicit(items: &[ItemRegion]) -> bool {
    items.iter().all(|i| i.implicit)
}

fn region(lines: &[Line], c: &Candidate) -> ItemRegion {
    let title = match (c.title, c.title_line) {
        (Some(t), _) => Some((c.line, t.offset)),
        (None, Some(l)) => Some((l, usize::MAX)),
        (None, None) => None,
    };
    ItemRegion {
        lines: c.first_line..c.first_line + 1,
        start: if c.first_line < c.line {
            lines[c.first_line].span().offset
        } else {
            c.offset
        },
        end: 0,
        heading_line: c.line,
        number: Some(c.number),
        number_span: Some(c.number_span),
        suffix: c.suffix.clone(),
        title,
        title_above: c.title_line.is_some_and(|l| l < c.line),
        closed: c.closed,
        implicit: false,
    }
}

/// Lines of a table of contents read as headings too ("10" / "Revisionsberetninger …"): the
/// candidates after a TOC label and before the first heading the text confirms are its
/// entries, not items.
fn drop_toc_entries(
    lines: &[Line],
    hits: &[LabelHit],
    confirmed: usize,
    cands: &mut Vec<Candidate>,
) {
    let Some(toc) = hits
        .iter()
        .find(|h| h.kind == LabelKind::Toc)
        .map(|h| h.line)
    else {
        return;
    };
    // The entries run from the label with increasing numbers, a few lines apart (wrapped
    // titles, page numbers); a number that does not increase, or text between, is the
    // body starting: its headings are not entries even when nothing confirms them yet.
    let mut last: Option<(u32, usize)> = None;
    let mut run_end = toc;
    for c in cands.iter().filter(|c| c.line > toc && c.line < confirmed) {
        let since = last.map_or(toc, |(_, line)| line);
        let between = lines[since + 1..c.first_line.max(since + 1)]
            .iter()
            .filter(|l| !l.is_blank())
            .count();
        let increases = last.is_none_or(|(n, _)| c.number > n);
        if !increases || between > MAX_LINES_BETWEEN_ENTRIES {
            break;
        }
        last = Some((c.number, c.line));
        run_end = c.line;
    }
    cands.retain(|c| c.line <= toc || c.line > run_end || c.supported);
}

/// Lines a table of contents holds between two entries: a wrapped title, a page number, a
/// case number, a closed marker.
const MAX_LINES_BETWEEN_ENTRIES: usize = 4;

/// The candidates of a numbered list right under a participant or absence label.
fn numbered_lists(lines: &[Line], cands: &[Candidate], hits: &[LabelHit]) -> Vec<usize> {
    let mut out = Vec::new();
    for h in hits.iter().filter(|h| {
        matches!(
            h.kind,
            LabelKind::Participants | LabelKind::Afbud | LabelKind::Absent
        ) && h.line_start
    }) {
        let value = &lines[h.line].text[h.value_start - lines[h.line].offset..];
        if !value.trim().is_empty() {
            continue;
        }
        let Some(mut k) = cands.iter().position(|c| c.line > h.line) else {
            continue;
        };
        let mut expected = 1;
        let mut last_line = h.line;
        while k < cands.len()
            && cands[k].number == expected
            && lines[last_line + 1..cands[k].line]
                .iter()
                .all(|l| l.is_blank())
        {
            out.push(k);
            last_line = cands[k].line;
            expected += 1;
            k += 1;
        }
    }
    out
}

/// A single-item page (one agenda item per web page): its title is the line right before
/// the first section heading or case-number line, with at most two lines of page furniture
/// ("Se alle bilag") between them — or, for a profile that says so, the line before its
/// marker ("Prompt resultater" on a monrad.app page).
fn single_item_title(lines: &[Line], lex: &Lexicon, layouts: &Layouts) -> Option<usize> {
    let furniture = |t: &str| {
        lex.segment.ui_lines.iter().any(|w| w == t) || !t.chars().any(char::is_alphabetic)
    };
    for p in &layouts.profiles {
        let Some(marker) = &p.title_before else {
            continue;
        };
        if let Some(at) = lines.iter().take(400).position(|l| l.trimmed() == marker) {
            let title = (0..at).rev().find(|&k| {
                !lines[k].is_blank() && !candidates::is_case_line(lines[k].trimmed(), lex)
            })?;
            return title_candidate(&lines[title], lex).then_some(title);
        }
    }
    let mut prev: Vec<usize> = Vec::new();
    for (i, line) in lines.iter().enumerate().take(400) {
        if line.is_blank() {
            continue;
        }
        let t = line.trimmed();
        let confirms = !furniture(t)
            && (sections::heading(line, lex).is_some() || candidates::is_case_line(t, lex));
        if confirms {
            // The nearest line above that is not furniture.
            let title = prev
                .iter()
                .rev()
                .take(3)
                .copied()
                .find(|&k| !furniture(lines[k].trimmed()))?;
            return title_candidate(&lines[title], lex).then_some(title);
        }
        prev.push(i);
    }
    None
}

/// A line that can be an item's title standing alone: a capitalised phrase that is no
/// header field ("Mødested: …"), no document title ("Referat …", "Byrådet 15. maj 2026")
/// and no sentence.
fn title_candidate(line: &Line, lex: &Lexicon) -> bool {
    let t = line.trimmed();
    let words = t.split_whitespace().count();
    let dated = words <= 6 && !crate::parse::dates::find_dates(t, 0, &lex.calendar).is_empty();
    words >= 1
        && t.len() <= 200
        && t.chars().next().is_some_and(char::is_uppercase)
        && !t.ends_with(':')
        && !t.contains(": ")
        && !dated
        && !lex
            .header
            .document_kinds
            .iter()
            .any(|k| starts_with_word(t, k).is_some())
        && !(t.ends_with('.') && words > 8)
}

fn titled_item(lines: &[Line], title_line: usize) -> ItemRegion {
    let l = &lines[title_line];
    let at = l.span().offset;
    ItemRegion {
        lines: title_line..title_line + 1,
        start: at,
        end: 0,
        heading_line: title_line,
        number: None,
        number_span: None,
        suffix: None,
        title: Some((title_line, at)),
        title_above: false,
        closed: false,
        implicit: false,
    }
}

/// Items that print no heading but open with their access status on a line of its own
/// ("Åben", "Lukket") followed by a section heading ("Indstilling", "Beslutning"): each such
/// line starts an item. Two at least, so that a single item page keeps its title.
fn status_blocks(lines: &[Line], lex: &Lexicon) -> Vec<ItemRegion> {
    let next_text = |from: usize| (from..lines.len()).find(|&k| !lines[k].is_blank());
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            lex.header
                .open_closed
                .iter()
                .any(|w| w == lines[i].trimmed())
        })
        .filter(|&i| next_text(i + 1).is_some_and(|k| sections::heading(&lines[k], lex).is_some()))
        .collect();
    if starts.len() < 2 {
        return Vec::new();
    }
    starts
        .into_iter()
        .map(|i| {
            let closed = lex.header.closed.iter().any(|w| w == lines[i].trimmed());
            ItemRegion {
                closed,
                ..implicit_item(lines, i, 0)
            }
        })
        .collect()
}

/// Where the text of a document without headings starts: at its first section heading,
/// else after the paragraph of its last header label.
fn implicit_start(lines: &[Line], lex: &Lexicon) -> usize {
    if let Some(i) = lines
        .iter()
        .position(|l| sections::heading(l, lex).is_some())
    {
        return i;
    }
    let hits = labels::scan(lines, lex);
    let Some(last) = hits
        .iter()
        .filter(|h| h.kind != LabelKind::Toc)
        .map(|h| h.line)
        .max()
    else {
        return 0;
    };
    (last + 1..lines.len())
        .find(|&k| lines[k].is_blank())
        .unwrap_or(lines.len())
}

fn implicit_item(lines: &[Line], from: usize, doc_len: usize) -> ItemRegion {
    let from = from.min(lines.len().saturating_sub(1));
    let start = lines.get(from).map(|l| l.offset).unwrap_or(doc_len);
    ItemRegion {
        lines: from..lines.len(),
        start,
        end: doc_len,
        heading_line: from,
        number: None,
        number_span: None,
        suffix: None,
        title: None,
        title_above: false,
        closed: false,
        implicit: true,
    }
}

/// The table of contents: its label in the header, to the next participant or absence
/// field at the start of a line, or the header's end.
fn toc_region(lines: &[Line], labels: &[LabelHit], header_end: usize) -> Option<TocRegion> {
    let at = labels.iter().position(|h| h.kind == LabelKind::Toc)?;
    let label = labels[at];
    let end = labels[at + 1..]
        .iter()
        .find(|h| {
            h.line_start
                && h.line > label.line
                && matches!(
                    h.kind,
                    LabelKind::Participants
                        | LabelKind::Afbud
                        | LabelKind::Absent
                        | LabelKind::Officials
                )
        })
        .map(|h| h.line)
        .unwrap_or(header_end)
        .max(label.line + 1)
        .min(lines.len());
    // A table of contents run into the label's line (a PDF page as one paragraph) ends
    // with that paragraph.
    let line = &lines[label.line];
    let run_in = !line.text[label.value_start - line.offset..]
        .trim()
        .is_empty();
    let end = if run_in {
        (label.line + 1..end)
            .find(|&k| lines[k].is_blank())
            .unwrap_or(end)
    } else {
        end
    };
    Some(TocRegion {
        lines: label.line..end,
        start: label.value_start,
    })
}

/// The signature sheet: its heading (a line of its own or starting one, not a TOC entry)
/// to the next item or the end.
fn signature_region(
    lines: &[Line],
    lex: &Lexicon,
    items: &[ItemRegion],
    toc: Option<&TocRegion>,
) -> Option<Range<usize>> {
    // Most lines part from every heading at their first byte.
    let first = crate::fold::FirstBytes::new(lex.signatures.headings.iter().map(String::as_str));
    let start = lines.iter().enumerate().position(|(i, l)| {
        let t = l.trimmed();
        first.may_start(t)
            && lex
                .signatures
                .headings
                .iter()
                .any(|w| starts_with_word(t, w).is_some())
            && !t.contains("..")
            && !toc.is_some_and(|r| r.lines.contains(&i))
    })?;
    let end = items
        .iter()
        .map(|it| it.lines.start)
        .find(|&s| s > start)
        .unwrap_or(lines.len());
    Some(start..end)
}
