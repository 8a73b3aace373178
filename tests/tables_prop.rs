//! Property: tables of decimals with correctly rounded totals never give a `table/*` error;
//! one cell moved beyond the rounding tolerance always does.

use proptest::prelude::*;
use referat::rules::interval::danish;
use rust_decimal::{Decimal, RoundingStrategy};

/// (decimals, rows of true values per column) — true values carry three more decimals.
fn tables() -> impl Strategy<Value = (u32, Vec<Vec<i64>>)> {
    (0u32..=2, 1usize..=4, 2usize..=8).prop_flat_map(|(d, cols, rows)| {
        (
            Just(d),
            prop::collection::vec(prop::collection::vec(0i64..2_000_000_000, cols), rows),
        )
    })
}

fn round(v: Decimal, d: u32) -> Decimal {
    v.round_dp_with_strategy(d, RoundingStrategy::MidpointAwayFromZero)
}

fn document(d: u32, rows: &[Vec<Decimal>], total: &[Decimal]) -> String {
    let cols = total.len();
    let mut s = String::from(
        "REFERAT Økonomiudvalget d. 15-04-2026\n\nMødedeltagere Anna Hansen (A), Bo Jensen (V)\n\nPunkt 1: Budget\n\nSagsfremstilling\n\nTabel 1: Driftsbudget\n\nMio. kr.",
    );
    for c in 0..cols {
        s.push_str(&format!("\tRamme {}", c + 1));
    }
    s.push('\n');
    let fmt = |v: Decimal| {
        let mut v = v;
        v.rescale(d);
        danish(v)
    };
    for (r, row) in rows.iter().enumerate() {
        s.push_str(&format!("Område {}", r + 1));
        for v in row {
            s.push('\t');
            s.push_str(&fmt(*v));
        }
        s.push('\n');
    }
    s.push_str("I alt");
    for v in total {
        s.push('\t');
        s.push_str(&fmt(*v));
    }
    s.push_str("\n\nBeslutning\n\nGodkendt.\n");
    s
}

fn table_errors(text: &str) -> usize {
    referat::check_text("prop.txt", text)
        .findings
        .iter()
        .filter(|f| f.rule.starts_with("table/"))
        .count()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn rounded_tables_are_clean_and_perturbed_ones_are_not(
        (d, raw) in tables(),
        pick in any::<prop::sample::Index>(),
        up in any::<bool>(),
    ) {
        let cols = raw[0].len();
        let truth: Vec<Vec<Decimal>> = raw
            .iter()
            .map(|r| r.iter().map(|v| Decimal::new(*v, d + 3)).collect())
            .collect();
        let cells: Vec<Vec<Decimal>> =
            truth.iter().map(|r| r.iter().map(|v| round(*v, d)).collect()).collect();
        let total: Vec<Decimal> = (0..cols)
            .map(|c| round(truth.iter().map(|r| r[c]).sum(), d))
            .collect();
        let text = document(d, &cells, &total);
        prop_assert_eq!(table_errors(&text), 0, "{}", text);

        // Move one cell by more than the column's whole tolerance: (n + 1) half units.
        let n = cells.len();
        let k = pick.index(n * cols);
        let (r, c) = (k / cols, k % cols);
        let delta = Decimal::new(n as i64 + 2, d);
        let mut faulty = cells.clone();
        let step = if up || faulty[r][c] < delta { delta } else { -delta };
        faulty[r][c] += step;
        let text = document(d, &faulty, &total);
        prop_assert!(table_errors(&text) > 0, "{}", text);
    }

    #[test]
    fn amounts_never_panic(s in "\\PC{0,200}") {
        let _ = referat::parse::numbers::amounts(&s, 0, referat::lexicon::lexicon());
        let _ = referat::check_text("any.txt", &s);
    }
}
