//! `--stats`: how many findings each rule produced, and how much of the documents referat
//! understood — items, votes, tables and signatures recognised, and the vote-like sentences
//! it could not read. A clean run over documents referat did not understand is not a clean
//! bill of health; these figures show the difference.

use super::Diagnostic;
use crate::model::Minutes;
use serde::Serialize;
use std::collections::BTreeMap;

/// What was recognised across the run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Coverage {
    pub files: usize,
    pub items: usize,
    pub votes: usize,
    pub tables: usize,
    pub signatures: usize,
    /// Sentences that look like a vote ("stemte", "undlod at stemme") but were not recognised.
    pub unrecognised_votes: usize,
    /// Files whose body matched a roster in referat.toml.
    pub rosters_matched: usize,
    /// Findings silenced by `[[allow]]` entries.
    pub suppressed: usize,
}

impl Coverage {
    pub fn add_minutes(&mut self, m: &Minutes, roster_matched: bool) {
        self.files += 1;
        self.items += m.items.len();
        self.votes += m.items.iter().map(|i| i.votes.len()).sum::<usize>();
        self.tables += m.items.iter().map(|i| i.tables.len()).sum::<usize>();
        self.signatures += m.signatures.len();
        self.unrecognised_votes += m.unrecognised.iter().filter(|u| u.kind == "vote").count();
        self.rosters_matched += usize::from(roster_matched);
    }
    pub fn merge(&mut self, o: &Coverage) {
        self.files += o.files;
        self.items += o.items;
        self.votes += o.votes;
        self.tables += o.tables;
        self.signatures += o.signatures;
        self.unrecognised_votes += o.unrecognised_votes;
        self.rosters_matched += o.rosters_matched;
        self.suppressed += o.suppressed;
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    /// Findings per rule id (after selection and suppression), sorted by id.
    pub rules: BTreeMap<String, usize>,
    pub coverage: Coverage,
}

impl Stats {
    pub fn new(diagnostics: &[Diagnostic], coverage: Coverage) -> Stats {
        let mut stats = Stats {
            rules: BTreeMap::new(),
            coverage,
        };
        stats.count(diagnostics);
        stats
    }

    /// Count more findings (a run counts them file by file, as it writes them).
    pub fn count(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            match self.rules.get_mut(&d.rule) {
                Some(n) => *n += 1,
                None => {
                    self.rules.insert(d.rule.clone(), 1);
                }
            }
        }
    }

    /// A plain-text table.
    pub fn render(&self) -> String {
        let mut out = String::from("Findings per rule:\n");
        if self.rules.is_empty() {
            out.push_str("  (none)\n");
        }
        for (rule, n) in &self.rules {
            out.push_str(&format!("  {n:>6}  {rule}\n"));
        }
        let c = &self.coverage;
        out.push_str("Recognised:\n");
        for (n, what) in [
            (c.files, "files"),
            (c.items, "agenda items"),
            (c.votes, "votes"),
            (c.tables, "tables"),
            (c.signatures, "signatures"),
            (c.rosters_matched, "files matched to a roster"),
        ] {
            out.push_str(&format!("  {n:>6}  {what}\n"));
        }
        out.push_str(&format!(
            "Not recognised:\n  {:>6}  vote-like sentences (see parse/unrecognised-vote)\n",
            c.unrecognised_votes
        ));
        if c.suppressed > 0 {
            out.push_str(&format!(
                "Suppressed:\n  {:>6}  findings allowed in referat.toml\n",
                c.suppressed
            ));
        }
        out
    }
}
