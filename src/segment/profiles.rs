//! Which layout profile a document fits: the heading style its items were found by, and the
//! marker texts of each profile found on its pages. Reported as [`Layout`]; it decides
//! nothing else (a pinned profile restricts the heading styles before segmentation).

use super::candidates::Candidate;
use super::styles::Layouts;
use super::Outline;
use crate::model::Layout;
use aho_corasick::AhoCorasick;

/// Layout furniture is in the header and the first item: markers are looked for up to 1 KB
/// past the header's end, in at most the first 8 KB.
const PAST_HEADER: usize = 1_024;
const MAX_WINDOW: usize = 8_192;

fn markers(layouts: &Layouts) -> &(AhoCorasick, Vec<usize>) {
    layouts.markers.get_or_init(|| {
        let mut words = Vec::new();
        let mut owner = Vec::new();
        for (p, profile) in layouts.profiles.iter().enumerate() {
            for m in &profile.markers {
                words.push(m.as_str());
                owner.push(p);
            }
        }
        let automaton = aho_corasick::AhoCorasickBuilder::new()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&words)
            .expect("markers build an automaton");
        (automaton, owner)
    })
}

pub fn recognise(
    doc: &str,
    layouts: &Layouts,
    outline: &Outline,
    heading_style: Option<String>,
    cands: &[Candidate],
    chosen: &[usize],
) -> Layout {
    let (automaton, owner) = markers(layouts);
    // The header holds the furniture; a document without one is looked at from the top.
    let header_end = outline
        .items
        .first()
        .filter(|i| !i.implicit)
        .map(|i| i.start)
        .unwrap_or(doc.len());
    let end = header_end
        .saturating_add(PAST_HEADER)
        .min(MAX_WINDOW)
        .min(doc.len());
    let window = &doc.as_bytes()[..end];
    let mut seen = vec![false; owner.len()];
    for m in automaton.find_iter(window) {
        seen[m.pattern().as_usize()] = true;
    }
    let mut found = vec![0usize; layouts.profiles.len()];
    for (k, &p) in owner.iter().enumerate() {
        found[p] += usize::from(seen[k]);
    }
    let mut best: Option<(f32, usize, f32)> = None;
    for (p, profile) in layouts.profiles.iter().enumerate() {
        let marker_share = found[p] as f32 / profile.markers.len().max(1) as f32;
        let style_fits = match &heading_style {
            Some(s) => profile.headings.iter().any(|h| h == s),
            None => profile.headings.is_empty(),
        };
        let score = marker_share + if style_fits && found[p] > 0 { 0.5 } else { 0.0 };
        if best.is_none_or(|(b, _, _)| score > b) {
            best = Some((score, p, marker_share));
        }
    }
    // How sure the reading is: the share of items whose heading the text confirmed, and
    // how much of the profile's furniture was there.
    let confirmed = if chosen.is_empty() {
        if outline.items.iter().any(|i| i.implicit) {
            0.0
        } else {
            0.5
        }
    } else {
        chosen.iter().filter(|&&c| cands[c].supported).count() as f32 / chosen.len() as f32
    };
    let (profile, marker_share) = match best {
        Some((score, p, share)) if score >= 0.5 => (Some(layouts.profiles[p].id.clone()), share),
        _ => (None, 0.0),
    };
    Layout {
        profile,
        heading_style,
        confidence: ((confirmed * 0.6 + marker_share * 0.4) * 100.0).round() / 100.0,
        pinned: false,
    }
}
