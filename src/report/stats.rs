//! `--stats`: how many findings each rule produced, and how much of the documents referat
//! understood — items, votes, tables and signatures recognised, and the vote-like sentences
//! it could not read. A clean run over documents referat did not understand is not a clean
//! bill of health; these figures show the difference.

use super::Diagnostic;
use crate::catalogue::Lang;
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
    /// The same in Danish, for `--stats` in Danish (the JSON contract has the English).
    #[serde(skip)]
    pub not_checked_da: Vec<String>,
}

impl FileCoverage {
    pub fn of(path: &str, m: &Minutes, roster_matched: bool) -> FileCoverage {
        let (mut not_checked, mut not_checked_da) = (Vec::new(), Vec::new());
        if m.headings_lost() {
            not_checked.push(
                "no item headings: the text was checked as one item (table of contents, \
                 numbering and decisions per item not checked)"
                    .to_string(),
            );
            not_checked_da.push(
                "ingen punktoverskrifter: teksten er kontrolleret som ét punkt \
                 (indholdsfortegnelse, nummerering og beslutninger pr. punkt er ikke \
                 kontrolleret)"
                    .to_string(),
            );
        }
        if attendance_unchecked(m, roster_matched) {
            let (votes, lines) = m.votes_and_attendance_lines();
            if votes > 0 {
                not_checked.push(format!(
                    "{} not checked against attendance: no participant list",
                    counted(votes, "vote", "votes")
                ));
                not_checked_da.push(format!(
                    "{} er ikke kontrolleret mod fremmødet: ingen deltagerliste",
                    counted(votes, "afstemning", "afstemninger")
                ));
            }
            if lines > 0 {
                not_checked.push(format!(
                    "{} not checked against the participant list: none found",
                    counted(lines, "attendance line", "attendance lines")
                ));
                not_checked_da.push(format!(
                    "{} er ikke kontrolleret mod deltagerlisten: ingen fundet",
                    counted(lines, "fremmødelinje", "fremmødelinjer")
                ));
            }
        }
        let unread = m.unrecognised.iter().filter(|u| u.kind == "vote").count();
        if unread > 0 {
            not_checked.push(format!(
                "{} could not be read",
                counted(unread, "vote-like sentence", "vote-like sentences")
            ));
            not_checked_da.push(format!(
                "{} kunne ikke læses",
                counted(
                    unread,
                    "sætning, der ligner en afstemning,",
                    "sætninger, der ligner afstemninger,"
                )
            ));
        }
        FileCoverage {
            path: path.to_string(),
            layout: m.layout.profile.clone(),
            heading_style: m.layout.heading_style.clone(),
            confidence: m.layout.confidence,
            items: m.items.iter().filter(|i| !i.implicit).count(),
            participants: m.participants.len(),
            not_checked,
            not_checked_da,
        }
    }
}

/// "1 vote", "2 votes".
fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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

    /// A plain-text table, in English.
    pub fn render(&self) -> String {
        self.render_in(Lang::En)
    }

    /// A plain-text table in `lang`.
    pub fn render_in(&self, lang: Lang) -> String {
        let da = lang == Lang::Da;
        let t = |en: &'static str, dansk: &'static str| if da { dansk } else { en };
        let mut out = format!("{}\n", t("Findings per rule:", "Fund pr. regel:"));
        if self.rules.is_empty() {
            out.push_str(t("  (none)\n", "  (ingen)\n"));
        }
        for (rule, n) in &self.rules {
            out.push_str(&format!("  {n:>6}  {rule}\n"));
        }
        let c = &self.coverage;
        out.push_str(t("Recognised:\n", "Genkendt:\n"));
        for (n, what) in [
            (c.files, t("files", "filer")),
            (c.items, t("agenda items", "dagsordenspunkter")),
            (c.votes, t("votes", "afstemninger")),
            (c.tables, t("tables", "tabeller")),
            (c.signatures, t("signatures", "underskrifter")),
            (
                c.rosters_matched,
                t(
                    "files matched to a roster",
                    "filer med en medlemsliste fra referat.toml",
                ),
            ),
        ] {
            out.push_str(&format!("  {n:>6}  {what}\n"));
        }
        out.push_str(t("Not recognised:\n", "Ikke genkendt:\n"));
        for (n, what) in [
            (
                c.unrecognised_votes,
                t(
                    "vote-like sentences (see parse/unrecognised-vote)",
                    "sætninger, der ligner afstemninger (se parse/unrecognised-vote)",
                ),
            ),
            (
                c.files_without_headings,
                t(
                    "files without item headings (read as one item)",
                    "filer uden punktoverskrifter (læst som ét punkt)",
                ),
            ),
            (
                c.unchecked_votes,
                t(
                    "votes not checked against attendance (no participant list)",
                    "afstemninger ikke kontrolleret mod fremmødet (ingen deltagerliste)",
                ),
            ),
        ] {
            out.push_str(&format!("  {n:>6}  {what}\n"));
        }
        if !self.files.is_empty() {
            out.push_str(t("Per file:\n", "Pr. fil:\n"));
        }
        for f in &self.files {
            let layout = f
                .layout
                .as_deref()
                .unwrap_or(t("no known layout", "intet kendt layout"));
            let headings = f.heading_style.as_deref().unwrap_or(t("none", "ingen"));
            out.push_str(&if da {
                format!(
                    "  {}: {layout} (overskrifter: {headings}, sikkerhed {}), {}, {}\n",
                    f.path,
                    format!("{:.2}", f.confidence).replace('.', ","),
                    counted(f.items, "punkt", "punkter"),
                    counted(f.participants, "deltager", "deltagere"),
                )
            } else {
                format!(
                    "  {}: {layout} (headings: {headings}, confidence {:.2}), {}, {}\n",
                    f.path,
                    f.confidence,
                    counted(f.items, "item", "items"),
                    counted(f.participants, "participant", "participants"),
                )
            });
            let notes = if da && f.not_checked_da.len() == f.not_checked.len() {
                &f.not_checked_da
            } else {
                &f.not_checked
            };
            for n in notes {
                out.push_str(&format!(
                    "      {} {n}\n",
                    t("not checked:", "ikke kontrolleret:")
                ));
            }
        }
        if c.suppressed > 0 {
            out.push_str(&format!(
                "{}\n  {:>6}  {}\n",
                t("Suppressed:", "Undertrykt:"),
                c.suppressed,
                t(
                    "findings allowed in referat.toml",
                    "fund tilladt i referat.toml"
                )
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stats(items: usize, participants: usize) -> Stats {
        let mut s = Stats::new(&[], Coverage::default());
        s.files.push(FileCoverage {
            path: "a.txt".into(),
            layout: Some("firstagenda".into()),
            heading_style: None,
            confidence: 0.5,
            items,
            participants,
            not_checked: vec!["1 vote not checked".into()],
            not_checked_da: vec!["1 afstemning er ikke kontrolleret".into()],
        });
        s
    }

    #[test]
    fn stats_render_in_both_languages_with_plurals() {
        let one = stats(1, 1);
        let en = one.render_in(Lang::En);
        assert!(
            en.starts_with("Findings per rule:\n  (none)\nRecognised:\n"),
            "{en}"
        );
        assert!(
            en.contains(
                "  a.txt: firstagenda (headings: none, confidence 0.50), 1 item, 1 participant\n"
            ),
            "{en}"
        );
        assert!(
            en.contains("      not checked: 1 vote not checked\n"),
            "{en}"
        );
        assert_eq!(en, one.render());
        let da = one.render_in(Lang::Da);
        assert!(
            da.starts_with("Fund pr. regel:\n  (ingen)\nGenkendt:\n"),
            "{da}"
        );
        assert!(
            da.contains(
                "  a.txt: firstagenda (overskrifter: ingen, sikkerhed 0,50), 1 punkt, 1 deltager\n"
            ),
            "{da}"
        );
        assert!(
            da.contains("      ikke kontrolleret: 1 afstemning er ikke kontrolleret\n"),
            "{da}"
        );
        let two = stats(2, 0);
        assert!(two.render_in(Lang::En).contains("2 items, 0 participants"));
        assert!(two.render_in(Lang::Da).contains("2 punkter, 0 deltagere"));
    }
}
