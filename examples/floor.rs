//! The least any reading of minutes must do, as a yardstick for issue 8's "within 3× of
//! ripgrep": read each file, decode it (`source::from_bytes`: encoding, newlines) and split it
//! into lines. Nothing is parsed and nothing is checked, so `referat check` can never be
//! faster than this. Two passes that referat makes over parts of a text are timed over all of
//! it for comparison: folding the case, and searching the vote lexicon's phrases.
//!
//!   cargo run --release --example floor -- DIR     # then compare: rg -j1 -c '…' DIR
use referat::lexicon::lexicon;
use referat::parse::lines;
use std::time::{Duration, Instant};

#[path = "support/walk.rs"]
mod support;
use support::walk;

const STEPS: [&str; 5] = ["read", "decode", "lines", "fold case", "vote phrases"];

fn main() {
    let dir = std::env::args().nth(1).expect("usage: floor DIR");
    let paths = walk(std::path::Path::new(&dir));
    // The fastest of several rounds, step by step: the machine is shared and noisy.
    let mut best = [Duration::MAX; 5];
    let mut bytes = 0;
    for _ in 0..3 {
        let (t, b) = round(&paths);
        bytes = b;
        for (best, t) in best.iter_mut().zip(t) {
            *best = (*best).min(t);
        }
    }
    let mb = bytes as f64 / 1e6;
    println!("{} files, {mb:.1} MB (fastest of 3 rounds)", paths.len());
    let mut sum = 0.0;
    for (name, d) in STEPS.iter().zip(best) {
        let ms = d.as_secs_f64() * 1e3;
        sum += ms;
        println!(
            "  {name:<13} {ms:7.1} ms  {:7.0} MB/s   sum {sum:7.1} ms",
            mb / ms * 1e3
        );
    }
}

/// One pass over the files; the time of each step and the bytes read.
fn round(paths: &[std::path::PathBuf]) -> ([Duration; 5], usize) {
    let phrases = lexicon().votes.phrases();
    let mut t = [Duration::ZERO; 5];
    let (mut bytes, mut found) = (0, 0);
    for path in paths {
        let mut at = Instant::now();
        let mut lap = |k: usize| {
            t[k] += at.elapsed();
            at = Instant::now();
        };
        let raw = std::fs::read(path).unwrap();
        bytes += raw.len();
        lap(0);
        let source = referat::source::from_bytes(path.display().to_string(), &raw).unwrap();
        lap(1);
        found += lines::lines(&source.text, 0).len();
        lap(2);
        let lower = referat::fold::lower_same_len(&source.text);
        lap(3);
        found += phrases.hits(&lower).len();
        lap(4);
    }
    // Used, so that no step can be optimised away.
    assert!(found > 0 || bytes == 0);
    (t, bytes)
}
