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
    /// Files in which no item heading was recognised (read as one item).
    #[serde(default)]
    pub files_without_headings: usize,
    /// Votes that could not be checked against attendance: no participant list.
    #[serde(default)]
    pub unchecked_votes: usize,
    /// Files whose body matched a roster in referat.toml.
    pub rosters_matched: usize,
    /// Findings silenced by `[[allow]]` entries.
    pub suppressed: usize,
}

impl Coverage {
    pub fn add_minutes(&mut self, m: &Minutes, roster_matched: bool) {
        self.files += 1;
        self.items += m.items.iter().filter(|i| !i.implicit).count();
        let (votes, _) = m.votes_and_attendance_lines();
        self.votes += votes;
        self.tables += m.items.iter().map(|i| i.tables.len()).sum::<usize>();
        self.signatures += m.signatures.len();
        self.unrecognised_votes += m.unrecognised.iter().filter(|u| u.kind == "vote").count();
        self.rosters_matched += usize::from(roster_matched);
        self.files_without_headings += usize::from(m.headings_lost());
        if attendance_unchecked(m, roster_matched) {
            self.unchecked_votes += votes;
        }
    }
    pub fn merge(&mut self, o: &Coverage) {
        self.files += o.files;
        self.items += o.items;
        self.votes += o.votes;
        self.tables += o.tables;
        self.signatures += o.signatures;
        self.unrecognised_votes += o.unrecognised_votes;
        self.rosters_matched += o.rosters_matched;
        self.files_without_headings += o.files_without_headings;
        self.unchecked_votes += o.unchecked_votes;
        self.suppressed += o.suppressed;
    }
}

/// Votes and attendance lines cannot be checked: there is no participant list, and no
/// roster stands in for one.
fn attendance_unchecked(m: &Minutes, roster_matched: bool) -> bool {
    m.participants.is_empty() && !roster_matched
}

/// How one file was read: the layout, what was found, and what could not be checked.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FileCoverage {
    pub path: String,
    /// The layout profile recognised (or pinned), `None` when none fits.
    pub layout: Option<String>,
    pub heading_style: Option<String>,
    pub confidence: f32,
    pub items: usize,
    pub participants: usize,
    /// What could not be checked, in words ("3 votes not checked against attendance: no
    /// participant list").
    pub not_checked: Vec<String>,
}

impl FileCoverage {
    pub fn of(path: &str, m: &Minutes, roster_matched: bool) -> FileCoverage {
        let mut not_checked = Vec::new();
        if m.headings_lost() {
            not_checked.push(
                "no item headings: the text was checked as one item (table of contents, \
                 numbering and decisions per item not checked)"
                    .to_string(),
            );
        }
        if attendance_unchecked(m, roster_matched) {
            let (votes, lines) = m.votes_and_attendance_lines();
            if votes > 0 {
                not_checked.push(format!(
                    "{votes} vote(s) not checked against attendance: no participant list"
                ));
            }
            if lines > 0 {
                not_checked.push(format!(
                    "{lines} attendance line(s) not checked against the participant list: none found"
                ));
            }
        }
        let unread = m.unrecognised.iter().filter(|u| u.kind == "vote").count();
        if unread > 0 {
            not_checked.push(format!("{unread} vote-like sentence(s) could not be read"));
        }
        FileCoverage {
            path: path.to_string(),
            layout: m.layout.profile.clone(),
            heading_style: m.layout.heading_style.clone(),
            confidence: m.layout.confidence,
            items: m.items.iter().filter(|i| !i.implicit).count(),
            participants: m.participants.len(),
            not_checked,
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Stats {
    /// Findings per rule id (after selection and suppression), sorted by id.
    pub rules: BTreeMap<String, usize>,
    pub coverage: Coverage,
    /// Per file, in report order: the layout read and what could not be checked.
    pub files: Vec<FileCoverage>,
}

impl Stats {
    pub fn new(diagnostics: &[Diagnostic], coverage: Coverage) -> Stats {
        let mut stats = Stats {
            rules: BTreeMap::new(),
            coverage,
            files: Vec::new(),
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
            "Not recognised:\n  {:>6}  vote-like sentences (see parse/unrecognised-vote)\n  {:>6}  files without item headings (read as one item)\n  {:>6}  votes not checked against attendance (no participant list)\n",
            c.unrecognised_votes, c.files_without_headings, c.unchecked_votes
        ));
        if !self.files.is_empty() {
            out.push_str("Per file:\n");
        }
        for f in &self.files {
            let layout = f.layout.as_deref().unwrap_or("no known layout");
            let headings = f.heading_style.as_deref().unwrap_or("none");
            out.push_str(&format!(
                "  {}: {layout} (headings: {headings}, confidence {:.2}), {} items, {} participants\n",
                f.path, f.confidence, f.items, f.participants
            ));
            for n in &f.not_checked {
                out.push_str(&format!("      not checked: {n}\n"));
            }
        }
        if c.suppressed > 0 {
            out.push_str(&format!(
                "Suppressed:\n  {:>6}  findings allowed in referat.toml\n",
                c.suppressed
            ));
        }
        out
    }
}
