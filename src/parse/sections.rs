//! Item sections: a line holding only a known heading (Baggrund, Indstilling, Beslutning, …)
//! starts a section that runs to the next heading. A decision heading may name the body and
//! the date: "Beslutning Arbejdsmarkeds- og Socialudvalget den 15-04-2026".

use super::dates;
use super::lines::{starts_with_word, Line};
use crate::lexicon::Lexicon;
use crate::model::{Section, SectionKind, Span, Text};

/// What a heading line says.
pub struct Heading {
    pub kind: SectionKind,
    pub body_name: Option<Text>,
    pub date: Option<crate::model::DateRef>,
}

/// Is this line a section heading?
pub fn heading(line: &Line, lex: &Lexicon) -> Option<Heading> {
    let t = line.trimmed();
    let w = &lex.sections;
    if !w.may_start_heading(t) {
        return None;
    }
    let t_nocolon = t.strip_suffix(':').unwrap_or(t);
    // A whole-line heading; prose lines are longer than any.
    if !w.longer_than_any_heading(t_nocolon) {
        for (words, kind) in w.headings() {
            if words.iter().any(|word| word == t_nocolon) {
                return Some(Heading {
                    kind,
                    body_name: None,
                    date: None,
                });
            }
        }
    }
    // "Beslutning <body> den <date>"
    for word in &w.beslutning {
        let Some(rest) = starts_with_word(t, word) else {
            continue;
        };
        if !rest.starts_with(' ') {
            continue;
        }
        for joiner in &w.decision_date_joiner {
            // The last " den " (the joiner with a space either side).
            let spaced = rest.rmatch_indices(joiner.as_str()).find(|&(q, _)| {
                rest[..q].ends_with(' ') && rest[q + joiner.len()..].starts_with(' ')
            });
            if let Some((q, _)) = spaced {
                let p = q - 1;
                let date_str = &rest[q + joiner.len() + 1..];
                let date_offset = line.offset_of(date_str);
                let Some(date) = dates::date_at(date_str, date_offset, &lex.calendar) else {
                    continue;
                };
                if date.written.len() != date_str.trim_end().len() {
                    continue;
                }
                let body = rest[..p].trim();
                let body_name = (!body.is_empty())
                    .then(|| Text::new(body, Span::new(line.offset_of(body), body.len())));
                return Some(Heading {
                    kind: SectionKind::Beslutning,
                    body_name,
                    date: Some(date),
                });
            }
        }
    }
    None
}

/// Split an item's body lines into sections. Lines before the first heading are not part
/// of any section.
/// `keep_text` copies each section's text into [`Section::text`] (for `extract`); checking
/// reads the text through the spans and leaves it empty, which saves a copy of the document.
pub fn parse(doc: &str, lines: &[Line], lex: &Lexicon, keep_text: bool) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    let mut open: Option<(Heading, Span, usize)> = None;
    let close = |open: Option<(Heading, Span, usize)>, end: usize, out: &mut Vec<Section>| {
        if let Some((h, heading_span, body_start)) = open {
            let body_text = doc[body_start..end.max(body_start)].trim_end();
            let lead = body_text.len() - body_text.trim_start().len();
            let text = body_text.trim_start();
            out.push(Section {
                kind: h.kind,
                heading: Text::new(&doc[heading_span.offset..heading_span.end()], heading_span),
                body_name: h.body_name,
                date: h.date,
                text: if keep_text {
                    text.to_string()
                } else {
                    String::new()
                },
                body: Span::new(body_start + lead, text.len()),
            });
        }
    };
    for line in lines {
        if let Some(h) = heading(line, lex) {
            close(open.take(), line.offset, &mut out);
            let body_start = (line.offset + line.text.len() + 1).min(doc.len());
            open = Some((h, line.span(), body_start));
        }
    }
    let end = lines.last().map(|l| l.offset + l.text.len()).unwrap_or(0);
    close(open.take(), end, &mut out);
    out
}
