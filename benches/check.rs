//! `cargo bench`: parse + rules over (a) each corpus document and (b) a generated corpus.
//! Throughput is reported in bytes per second. The process-level figures (MB/s on all cores,
//! peak memory, the ripgrep floor, scaling) come from scripts/bench.sh.

mod generator;

use divan::counter::BytesCount;
use divan::Bencher;

fn main() {
    divan::main();
}

const CORPUS: &[&str] = &[
    "000_ff64f3bdf94122a9.txt",
    "001_719570b264c92903.txt",
    "002_fa38851bbef76ab8.txt",
    "003_58f7b9f224a18fef.txt",
    "004_1bd483bc556e3b0d.txt",
    "aarhus_byraad_2025-08-27_referat.txt",
];

#[divan::bench(args = CORPUS)]
fn corpus_document(bencher: Bencher, name: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(name);
    let text = std::fs::read_to_string(path).unwrap();
    bencher.counter(BytesCount::new(text.len())).bench(|| {
        referat::check_text(name, divan::black_box(&text))
            .findings
            .len()
    });
}

/// Documents of growing size: time must grow linearly.
#[divan::bench(args = [1_000, 100_000, 1_000_000, 10_000_000])]
fn generated_document(bencher: Bencher, size: usize) {
    let mut rng = fastrand::Rng::with_seed(7);
    let text = generator::document(&mut rng, size);
    bencher.counter(BytesCount::new(text.len())).bench(|| {
        referat::check_text("gen.txt", divan::black_box(&text))
            .findings
            .len()
    });
}
