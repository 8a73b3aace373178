//! Inputs that once went wrong, kept so they stay right. Each runs the whole path a file
//! takes (bytes → source → parse → rules → report) as text, as detected and as HTML — the
//! way the fuzz target (fuzz/fuzz_targets/pipeline.rs) runs it — and every finding must point
//! into the text.
//!
//! - `fuzz-slow-*`: found by the fuzzer (libFuzzer "slow unit": over 10 s for one input) on the
//!   code before the linear-time fixes of issue 8 (unknown members, dates inside dates,
//!   duplicate item numbers, breakdowns); a fraction of a second now. Not timed here: the benchmark (scripts/bench.sh) times runs.
//! - `fuzz-span-inside-a-character.txt`: found by the fuzzer (a crash: a TOC entry wrapped
//!   over lines whose span started inside a character of mojibake text); spans of findings
//!   are now kept on characters.
//! - a long decision without line breaks: a breakdown rule compared every amount with every
//!   other, and line/column lookups recounted the 4 MB line for each finding (11 s).

use referat::catalogue::Lang;
use referat::source::{self, InputFormat, Limits};

fn run_everything(name: &str, bytes: &[u8]) -> usize {
    let mut checked_any = 0;
    for format in [None, Some(InputFormat::Text), Some(InputFormat::Html)] {
        let Ok(src) = source::from_bytes_as(name.into(), bytes, None, format, &Limits::default())
        else {
            continue;
        };
        let checked = referat::check_source(src);
        let text = &checked.source.text;
        for f in &checked.findings {
            assert!(f.span.end() <= text.len(), "{name} {format:?}: {}", f.rule);
            assert!(
                text.is_char_boundary(f.span.offset),
                "{name} {format:?}: {} at {} in {:?}",
                f.rule,
                f.span.offset,
                &text.as_bytes()
                    [f.span.offset.saturating_sub(60)..(f.span.offset + 20).min(text.len())]
            );
        }
        let diagnostics = referat::report::resolve(name, text, &checked.findings, Lang::En, &|r| {
            referat::catalogue::rule(r).map(|d| d.severity)
        });
        assert_eq!(diagnostics.len(), checked.findings.len());
        checked_any += 1;
    }
    checked_any
}

#[test]
fn a_span_inside_a_character_found_by_the_fuzzer() {
    let name = "fuzz-span-inside-a-character.txt";
    let bytes = std::fs::read(format!("tests/fixtures/regressions/{name}")).unwrap();
    assert!(run_everything(name, &bytes) > 0, "{name} was never read");
}

#[test]
fn slow_units_found_by_the_fuzzer() {
    for name in ["fuzz-slow-pdf-25-pages.pdf", "fuzz-slow-html.html"] {
        let bytes = std::fs::read(format!("tests/fixtures/regressions/{name}")).unwrap();
        assert!(run_everything(name, &bytes) > 0, "{name} was never read");
    }
}

#[test]
fn a_long_decision_line_full_of_amounts_and_votes() {
    let mut text =
        String::from("REFERAT Økonomiudvalget d. 15-04-2026\n\nPunkt 1: Test\n\nBeslutning\n");
    let words = [
        "For",
        "stemte",
        "Afbud",
        "I alt",
        "12.345",
        "kr.",
        "Onsdag",
        "d.",
        "15.",
        "april",
        "2026",
        "og",
        "A",
        "(3)",
        "imod",
        "fordelingen er",
        "undlod",
    ];
    let mut k = 7usize;
    while text.len() < 200_000 {
        k = (k * 31 + 17) % 1009;
        text.push_str(words[k % words.len()]);
        text.push(' ');
    }
    text.push('\n');
    assert_eq!(run_everything("long.txt", text.as_bytes()), 3);
}
