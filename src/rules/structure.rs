//! `structure/*`: the table of contents against the agenda items, item numbering, the body
//! named in decision headings, and items without a decision.
//!
//! TOC entries mostly carry no item number, so entries and items are aligned by title, in
//! order (a longest-common-subsequence alignment). Titles are compared case-insensitively
//! after squashing whitespace, stripping a leading "N. " and trailing punctuation; one title
//! being a prefix of the other is a match, because PDF exports truncate long TOC lines
//! (Aarhus: "…med ti 17") and wrap item titles.

use super::{Context, Finding, Sink};
use crate::lexicon::lexicon;
use crate::model::{Item, Minutes, SectionKind, Span, TocEntry};
use std::collections::HashMap;

pub fn check(ctx: &Context, sink: &mut Sink) {
    let m = ctx.minutes;
    toc(m, sink);
    numbering(m, sink);
    decision_body(m, sink);
    no_decision(m, sink);
}

/// Title for comparison: lower-case, single spaces, no leading "N. ", no trailing punctuation.
pub fn title_key(t: &str) -> String {
    let lower = t.to_lowercase();
    let mut squashed = String::with_capacity(lower.len());
    for word in lower.split_whitespace() {
        if !squashed.is_empty() {
            squashed.push(' ');
        }
        squashed.push_str(word);
    }
    let digits = squashed.bytes().take_while(u8::is_ascii_digit).count();
    let start = if digits > 0 && squashed[digits..].starts_with(". ") {
        digits + 2
    } else {
        0
    };
    let end = squashed
        .trim_end_matches(|c: char| c.is_ascii_punctuation() || c == '…' || c.is_whitespace())
        .len()
        .max(start);
    squashed.truncate(end);
    squashed.drain(..start);
    squashed
}

/// Whitespace does not count at all: a PDF export wraps "2030-fremskrivning" as
/// "2030- fremskrivning" (Aarhus item 7).
fn compact(t: &str) -> String {
    let mut key = title_key(t);
    key.retain(|c| !c.is_whitespace());
    key
}

/// A TOC entry or item reduced to what matching compares, computed once per document.
struct Key {
    number: Option<u32>,
    title: String,
    closed: bool,
}

impl Key {
    fn entry(e: &TocEntry) -> Key {
        Key {
            number: e.number,
            title: compact(&e.title),
            closed: e.closed,
        }
    }
    fn item(i: &Item) -> Key {
        Key {
            number: i.number,
            title: compact(&i.title),
            closed: i.closed,
        }
    }
}

fn titles_match(a: &Key, b: &Key) -> bool {
    if a.title == b.title {
        return true;
    }
    if a.closed && b.closed && (a.title.len() <= 7 || b.title.len() <= 7) {
        return true; // "Lukket" vs "Lukket: Mundtlige meddelelser"
    }
    // A truncated TOC line or a wrapped item title: prefix at a reasonable length.
    let (short, long) = if a.title.len() <= b.title.len() {
        (&a.title, &b.title)
    } else {
        (&b.title, &a.title)
    };
    short.len() >= 10 && long.starts_with(short.as_str())
}

/// Does a TOC entry (its number, when it writes one) match an item?
fn entry_matches(entry: &Key, item: &Key) -> bool {
    match entry.number {
        Some(n) if Some(n) != item.number => false,
        _ => titles_match(entry, item),
    }
}

/// Largest middle part aligned with the quadratic LCS; beyond it (a pathological document
/// with thousands of out-of-place entries) a greedy in-order match keeps the run linear.
const LCS_CELLS: usize = 4_000_000;

/// Align TOC entries with items: the common prefix and suffix in order, then an LCS on
/// `entry_matches` over what is left. Returns matched index pairs in order.
fn align(toc: &[Key], items: &[Key]) -> Vec<(usize, usize)> {
    let mut start = 0;
    while start < toc.len() && start < items.len() && entry_matches(&toc[start], &items[start]) {
        start += 1;
    }
    let mut end = 0;
    while end < toc.len() - start
        && end < items.len() - start
        && entry_matches(&toc[toc.len() - 1 - end], &items[items.len() - 1 - end])
    {
        end += 1;
    }
    let mut out: Vec<(usize, usize)> = (0..start).map(|i| (i, i)).collect();
    let (toc_mid, items_mid) = (
        &toc[start..toc.len() - end],
        &items[start..items.len() - end],
    );
    let middle = if toc_mid.len() * items_mid.len() <= LCS_CELLS {
        lcs(toc_mid, items_mid)
    } else {
        greedy(toc_mid, items_mid)
    };
    out.extend(middle.into_iter().map(|(e, i)| (e + start, i + start)));
    out.extend(
        (0..end)
            .rev()
            .map(|k| (toc.len() - 1 - k, items.len() - 1 - k)),
    );
    out
}

fn lcs(toc: &[Key], items: &[Key]) -> Vec<(usize, usize)> {
    let (n, k) = (toc.len(), items.len());
    let mut dp = vec![vec![0u32; k + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..k).rev() {
            dp[i][j] = if entry_matches(&toc[i], &items[j]) {
                dp[i + 1][j + 1] + 1
            } else {
                dp[i + 1][j].max(dp[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < k {
        if entry_matches(&toc[i], &items[j]) && dp[i][j] == dp[i + 1][j + 1] + 1 {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if dp[i + 1][j] >= dp[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

fn greedy(toc: &[Key], items: &[Key]) -> Vec<(usize, usize)> {
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < toc.len() && j < items.len() {
        if entry_matches(&toc[i], &items[j]) {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if items
            .get(j + 1)
            .is_some_and(|next| entry_matches(&toc[i], next))
        {
            j += 1; // an item the TOC leaves out
        } else {
            i += 1; // an entry with no item here
        }
    }
    out
}

fn toc(m: &Minutes, sink: &mut Sink) {
    // Without item headings there is nothing to hold the TOC against (parse/no-headings says so).
    if m.toc.is_empty() || m.items.is_empty() || m.headings_lost() {
        return;
    }
    // The usual case: every entry is its item, word for word. Equal titles have equal keys,
    // so the alignment below would pair them all and find nothing.
    let verbatim = m.toc.len() == m.items.len()
        && m.toc
            .iter()
            .zip(&m.items)
            .all(|(e, i)| e.title == i.title && e.number.is_none_or(|n| Some(n) == i.number));
    if verbatim {
        return;
    }
    let toc_keys: Vec<Key> = m.toc.iter().map(Key::entry).collect();
    let item_keys: Vec<Key> = m.items.iter().map(Key::item).collect();
    let pairs = align(&toc_keys, &item_keys);
    let mut entry_done = vec![false; m.toc.len()];
    let mut item_done = vec![false; m.items.len()];
    for &(e, i) in &pairs {
        entry_done[e] = true;
        item_done[i] = true;
    }
    // Out of order: an unmatched entry whose title matches an unmatched item elsewhere.
    #[allow(clippy::needless_range_loop)] // both flags vectors are updated in the loop
    for e in 0..m.toc.len() {
        if entry_done[e] {
            continue;
        }
        if let Some(i) = (0..m.items.len())
            .find(|&i| !item_done[i] && entry_matches(&toc_keys[e], &item_keys[i]))
        {
            entry_done[e] = true;
            item_done[i] = true;
            let (entry, item) = (&m.toc[e], &m.items[i]);
            sink.push(
                Finding::new("structure/toc-order", entry.span)
                    .arg("title", &entry.title)
                    .arg("number", item.label())
                    .primary(
                        "her i indholdsfortegnelsen",
                        "here in the table of contents",
                    )
                    .label(
                        item.title_span,
                        format!("punkt {} står et andet sted", item.label()),
                        format!("item {} is elsewhere", item.label()),
                    )
                    .item(item.number),
            );
        }
    }
    // Between two anchors, one leftover entry and one leftover item: a different title.
    let mut prev = (0usize, 0usize);
    let mut gaps = Vec::new();
    for &(e, i) in pairs
        .iter()
        .chain(std::iter::once(&(m.toc.len(), m.items.len())))
    {
        let es: Vec<usize> = (prev.0..e).filter(|&x| !entry_done[x]).collect();
        let is: Vec<usize> = (prev.1..i).filter(|&x| !item_done[x]).collect();
        gaps.push((es, is));
        prev = (e + 1, i + 1);
    }
    for (es, is) in gaps {
        for (&e, &i) in es.iter().zip(&is) {
            let (entry, item) = (&m.toc[e], &m.items[i]);
            entry_done[e] = true;
            item_done[i] = true;
            sink.push(
                Finding::new("structure/toc-title-mismatch", entry.title_span)
                    .arg("toc", &entry.title)
                    .arg("number", item.label())
                    .arg("title", &item.title)
                    .primary(
                        "titlen i indholdsfortegnelsen",
                        "the title in the table of contents",
                    )
                    .label(
                        item.title_span,
                        format!("punkt {}s titel", item.label()),
                        format!("item {}'s title", item.label()),
                    )
                    .item(item.number),
            );
        }
    }
    let last_entry = m.toc.last().map(|e| e.span);
    for (e, entry) in m.toc.iter().enumerate() {
        if entry_done[e] {
            continue;
        }
        let mut f = Finding::new("structure/toc-extra-entry", entry.span)
            .arg("title", &entry.title)
            .primary("intet punkt med denne titel", "no item with this title");
        if let Some(first) = m.items.first() {
            f = f.label(
                first.title_span.cover(m.items.last().unwrap().title_span),
                "punkterne",
                "the items",
            );
        }
        sink.push(f);
    }
    for (i, item) in m.items.iter().enumerate() {
        if item_done[i] {
            continue;
        }
        let mut f = Finding::new("structure/toc-missing-item", item.title_span)
            .arg("number", item.label())
            .arg("title", &item.title)
            .primary(
                "mangler i indholdsfortegnelsen",
                "missing from the table of contents",
            )
            .item(item.number);
        if let (Some(first), Some(last)) = (m.toc.first(), last_entry) {
            f = f.label(
                first.span.cover(last),
                "indholdsfortegnelsen",
                "the table of contents",
            );
        }
        sink.push(f);
    }
}

fn numbering(m: &Minutes, sink: &mut Sink) {
    let mut first_with: HashMap<(u32, Option<&str>), &Item> = HashMap::new();
    let numbered: Vec<(&Item, u32, Span)> = m
        .items
        .iter()
        .filter_map(|i| Some((i, i.number?, i.number_span?)))
        .collect();
    for (k, &(item, number, number_span)) in numbered.iter().enumerate() {
        // The first item with the number is the one to point back to.
        let key = (number, item.number_suffix.as_deref());
        let prev = *first_with.entry(key).or_insert(item);
        if !std::ptr::eq(prev, item) {
            sink.push(
                Finding::new("structure/duplicate-item-number", number_span)
                    .arg("number", item.label())
                    .primary(
                        "andet punkt med dette nummer",
                        "second item with this number",
                    )
                    .label(
                        prev.number_span.unwrap_or(number_span),
                        "første punkt med nummeret",
                        "first item with the number",
                    )
                    .item(item.number),
            );
            continue;
        }
        if k == 0 {
            continue; // a start other than 1 is the body's running numbering, not a gap
        }
        let (prev, prev_number, prev_span) = numbered[k - 1];
        if number > prev_number + 1 || number < prev_number {
            sink.push(
                Finding::new("structure/item-number-gap", number_span)
                    .arg("number", item.label())
                    .arg("previous", prev.label())
                    .primary(
                        format!("efter punkt {}", prev.label()),
                        format!("after item {}", prev.label()),
                    )
                    .label(prev_span, "forrige punkt", "the previous item")
                    .item(item.number),
            );
        }
    }
}

/// Body name for comparison: lower-case words, without a trailing period of office
/// ("Beskæftigelses- og Integrationsudvalget 2022-2025").
fn body_key(s: &str) -> String {
    // One string, not one per word: asked for every decision heading.
    let mut key = String::with_capacity(s.len());
    for w in s
        .split_whitespace()
        .filter(|w| !w.chars().next().is_some_and(|c| c.is_ascii_digit()))
    {
        if !key.is_empty() {
            key.push(' ');
        }
        if w.is_ascii() {
            key.extend(w.chars().map(|c| c.to_ascii_lowercase()));
        } else {
            key.push_str(&w.to_lowercase());
        }
    }
    key
}

/// Is `named` (in a decision heading) the body whose minutes these are? A near-identical
/// spelling counts (it is reported by `structure/decision-body-mismatch`, and its date is
/// still this meeting's decision date).
pub fn same_body(named: &str, body: &str) -> bool {
    if named == body {
        return true;
    }
    let (a, b) = (body_key(named), body_key(body));
    a == b || similar_body(&a, &b)
}

fn similar_body(a: &str, b: &str) -> bool {
    !a.is_empty() && strsim::normalized_levenshtein(a, b) >= 0.85
}

/// A decision heading naming a body that is spelled almost like this one: a misspelling of
/// the body's own name (000 item 8: "Arbejdsmarkedets- og Socialudvalget"). A clearly
/// different body (Økonomiudvalget, Byrådet) is an earlier or later treatment: no finding.
fn decision_body(m: &Minutes, sink: &mut Sink) {
    let Some(body) = m.meeting.body.as_ref() else {
        return;
    };
    let own = body_key(&body.text);
    for item in &m.items {
        for s in &item.sections {
            let Some(named) = &s.body_name else { continue };
            // Most decisions name the body exactly as the title does.
            if named.text == body.text {
                continue;
            }
            let key = body_key(&named.text);
            if key == own || key.is_empty() {
                continue;
            }
            if !similar_body(&key, &own) {
                continue;
            }
            sink.push(
                Finding::new("structure/decision-body-mismatch", named.span)
                    .arg("named", &named.text)
                    .arg("body", &body.text)
                    .primary("udvalget i beslutningen", "the body in the decision")
                    .label(
                        body.span,
                        "udvalget i referatets overskrift",
                        "the body in the title",
                    )
                    .item(item.number),
            );
        }
    }
}

fn starts_with_any(t: &str, words: &[String]) -> bool {
    let t = title_key(t);
    words.iter().any(|w| {
        let w = w.to_lowercase();
        t.starts_with(&w) && !t[w.len()..].starts_with(char::is_alphanumeric)
    })
}

/// An open item without a Beslutning. Closed items, communications (a "Meddelelse" section or
/// a title like "Meddelelser", "Orientering", "Eventuelt") and the signature sheet are exempt.
fn no_decision(m: &Minutes, sink: &mut Sink) {
    let words = &lexicon().structure;
    let sheet = &lexicon().signatures.headings;
    // An agenda (dagsorden) is published before the meeting: it has no decisions yet.
    if m.meeting
        .kind
        .as_deref()
        .is_some_and(|k| words.agenda_kinds.iter().any(|a| a.eq_ignore_ascii_case(k)))
    {
        return;
    }
    for item in &m.items {
        if item.closed || item.implicit || item.decision().is_some() {
            continue;
        }
        if starts_with_any(&item.title, &words.no_decision_titles)
            || starts_with_any(&item.title, sheet)
        {
            continue;
        }
        let communication = item.sections.iter().any(|s| {
            s.kind == SectionKind::Other
                && words
                    .no_decision_sections
                    .iter()
                    .any(|w| s.heading.text.trim().eq_ignore_ascii_case(w))
        });
        if communication {
            continue;
        }
        sink.push(
            Finding::new("structure/no-decision", item.title_span)
                .arg("number", item.label())
                .primary(
                    "ingen Beslutning under dette punkt",
                    "no Beslutning under this item",
                )
                .label(
                    item.number_span.unwrap_or(item.title_span),
                    format!("punkt {}", item.label()),
                    format!("item {}", item.label()),
                )
                .item(item.number),
        );
    }
}
