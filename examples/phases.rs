//! Where the time of `check` goes, phase by phase, over a folder of text files: a profiling
//! aid for issue 8 (perf's call graphs lose most of it to inlining).
//!
//!   cargo run --release --example phases -- DIR
use referat::lexicon::lexicon;
use referat::parse::{self, dates, items, lines, numbers, sections, signatures, tables, votes};
use referat::rules::{self, Context, Sink};
use referat::segment;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

#[path = "support/walk.rs"]
mod support;
use support::walk;

/// A rule family's entry point.
type Family = fn(&Context, &mut Sink);

fn main() {
    let dir = std::env::args().nth(1).expect("usage: phases DIR");
    let mut files = Vec::new();
    for entry in walk(std::path::Path::new(&dir)) {
        files.push(std::fs::read(&entry).unwrap());
    }
    let bytes: usize = files.iter().map(Vec::len).sum();
    let lex = lexicon();
    // Several rounds, each phase's fastest kept: the machine is shared and noisy.
    let rounds: usize = std::env::var("PHASES_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let mut best: BTreeMap<&str, Duration> = BTreeMap::new();
    let mut best_total = Duration::MAX;
    for _ in 0..rounds {
        let (t, total) = round(&files, lex);
        for (name, d) in t {
            let b = best.entry(name).or_insert(Duration::MAX);
            *b = (*b).min(d);
        }
        best_total = best_total.min(total);
    }
    println!(
        "{} files, {:.1} MB, {:.2} s (fastest of {rounds} rounds)",
        files.len(),
        bytes as f64 / 1e6,
        best_total.as_secs_f64()
    );
    for (name, d) in &best {
        println!(
            "{name:<16} {:8.1} ms  {:5.1} %",
            d.as_secs_f64() * 1e3,
            100.0 * d.as_secs_f64() / best_total.as_secs_f64()
        );
    }
}

/// One pass over every file, timing each phase.
fn round(
    files: &[Vec<u8>],
    lex: &referat::lexicon::Lexicon,
) -> (BTreeMap<&'static str, Duration>, Duration) {
    let mut t: BTreeMap<&str, Duration> = BTreeMap::new();
    let mut time = |name: &'static str, since: &mut Instant| {
        let now = Instant::now();
        *t.entry(name).or_default() += now - *since;
        *since = now;
    };
    let start = Instant::now();
    for raw in files {
        let mut at = Instant::now();
        let source = referat::source::from_bytes("x".into(), raw).unwrap();
        time("0 load", &mut at);
        let doc = &source.text;
        let all = lines::lines(doc, 0);
        time("1 lines", &mut at);
        let outline = segment::segment(doc, &all, lex, segment::styles::layouts(), None);
        time("2 segment", &mut at);
        let _ = parse::participants::parse(&all, &outline, lex);
        time("2 participants", &mut at);
        for region in &outline.items {
            let end_offset = region.end;
            let ls = &all[region.lines.clone()];
            let body_from = match region.title {
                Some((line, offset)) if !region.title_above => {
                    let k = line - region.lines.start;
                    let offset = if offset == usize::MAX {
                        ls[k].span().offset
                    } else {
                        offset
                    };
                    k + items::title_and_case(doc, &ls[k..], offset, lex).2
                }
                _ => region.heading_line - region.lines.start + 1,
            };
            let body = &ls[body_from.min(ls.len())..];
            time("3 title", &mut at);
            let secs = sections::parse(doc, body, lex, false);
            time("4 sections", &mut at);
            let _ = parse::attendance::parse(doc, body, &secs, lex, &Default::default());
            time("5 attendance", &mut at);
            let _ = votes::parse(doc, &secs, lex);
            time("6 votes", &mut at);
            let _ = tables::parse(doc, body, lex);
            time("7 tables", &mut at);
            let _ = body
                .first()
                .map(|l| numbers::amounts(&doc[l.offset..end_offset.max(l.offset)], l.offset, lex));
            time("8 amounts", &mut at);
        }
        if let Some(r) = &outline.signatures {
            let _ = signatures::parse(&all[r.clone()], lex);
        }
        time("9 signatures", &mut at);
        let _ = dates::find_dates(doc, 0, &lex.calendar);
        time("a dates", &mut at);
        let _ = dates::find_year_ranges(doc, 0);
        time("b year ranges", &mut at);
        let minutes = parse::parse_for_check(doc, lex);
        time("c whole parse", &mut at);
        let ctx = Context {
            minutes: &minutes,
            roster: None,
            tolerance: &Default::default(),
        };
        let mut sink = Sink::default();
        let families: [(&str, Family); 9] = [
            ("r parse", rules::parse::check),
            ("r structure", rules::structure::check),
            ("r vote", rules::vote::check),
            ("r table", rules::table::check),
            ("r amount", rules::amount::check),
            ("r attendance", rules::attendance::check),
            ("r name", rules::name::check),
            ("r date", rules::date::check),
            ("r roster", rules::roster::check),
        ];
        for (name, f) in families {
            f(&ctx, &mut sink);
            time(name, &mut at);
        }
        drop(minutes);
        drop(source);
        time("z drop", &mut at);
    }
    (t, start.elapsed())
}
