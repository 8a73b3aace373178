//! Writes a deterministic corpus of realistic, consistent minutes for benchmarks.
//!
//!     cargo run --release --example gen_corpus -- --seed 1 --size 500M --out /tmp/referat-corpus
//!     cargo run --release --example gen_corpus -- --seed 1 --single 10M --out /tmp/big.txt
//!
//! `--size` is the total; documents vary between 5 and 80 KB. `--single` writes one document
//! of that size (for the scaling benchmark).

#[path = "../benches/generator.rs"]
mod generator;

use std::path::PathBuf;

fn parse_size(s: &str) -> usize {
    let (num, mult) = match s.chars().last() {
        Some('K' | 'k') => (&s[..s.len() - 1], 1 << 10),
        Some('M' | 'm') => (&s[..s.len() - 1], 1 << 20),
        Some('G' | 'g') => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    num.parse::<usize>().expect("size like 500M") * mult
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let get = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let seed: u64 = get("--seed")
        .map(|s| s.parse().expect("--seed N"))
        .unwrap_or(1);
    let out = PathBuf::from(get("--out").expect("--out PATH"));
    let mut rng = fastrand::Rng::with_seed(seed);
    if let Some(single) = get("--single") {
        let doc = generator::document(&mut rng, parse_size(&single));
        std::fs::write(&out, doc).expect("write");
        return;
    }
    let total = parse_size(&get("--size").unwrap_or_else(|| "10M".into()));
    std::fs::create_dir_all(&out).expect("create --out folder");
    let (mut written, mut n) = (0usize, 0usize);
    while written < total {
        let target = rng.usize(5_000..80_000);
        let doc = generator::document(&mut rng, target);
        // 100 documents per folder, like a year of one municipality's committees.
        let dir = out.join(format!("{:04}", n / 100));
        std::fs::create_dir_all(&dir).expect("create folder");
        std::fs::write(dir.join(format!("{n:06}.txt")), &doc).expect("write");
        written += doc.len();
        n += 1;
    }
    eprintln!("wrote {n} documents, {written} bytes, to {}", out.display());
}
