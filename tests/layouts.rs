//! Layout corpus: invented documents in the layout of each family of ../shared/LAYOUTS.md
//! (F01–F20), each with the reading a careful reader would make (tests/layouts/*.toml).
//!
//! Every document is read with [`referat::check_text`] and compared with its expectation:
//! the items as a sequence (numbers, suffixes, titles), the participants as a set by name
//! (party, status, official when given; no unexpected member), the meeting body and date,
//! and lines that must not become items. All mismatches of all documents are collected and
//! printed with a per-document, per-family and total score before the test fails, so one
//! run shows how far the parser is from reading every layout.
//!
//! Run: `cargo test --release --test layouts -- --nocapture` to see the scores also when
//! everything matches.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use referat::model::{Item, Minutes, Participant, ParticipantStatus};
use referat::rules::Severity;
use serde::Deserialize;

/// One document's expectation (`tests/layouts/<stem>.toml`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    /// The family of LAYOUTS.md the document is written in ("F03").
    family: String,
    /// The meeting body; the body read must contain it (case and white space ignored).
    body: Option<String>,
    /// The meeting date, ISO ("2026-04-14").
    date: Option<String>,
    /// Text that must not start any item's title or heading line.
    #[serde(default)]
    not_items: Vec<String>,
    #[serde(default, rename = "item")]
    items: Vec<ExpItem>,
    #[serde(default, rename = "participant")]
    participants: Vec<ExpParticipant>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpItem {
    /// `None`: the item has no number (a single-item page).
    number: Option<u32>,
    suffix: Option<String>,
    /// The title read must equal it or start with it (white space collapsed).
    title: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpParticipant {
    name: String,
    party: Option<String>,
    status: Option<ParticipantStatus>,
    official: Option<bool>,
}

/// What is compared, in the order the scores are printed.
const ASPECTS: [&str; 5] = ["items", "participants", "body", "date", "not_items"];

/// Right / checked per aspect.
#[derive(Debug, Default, Clone)]
struct Score {
    right: [usize; 5],
    checked: [usize; 5],
}

impl Score {
    fn count(&mut self, aspect: usize, ok: bool) {
        self.checked[aspect] += 1;
        if ok {
            self.right[aspect] += 1;
        }
    }
    fn add(&mut self, other: &Score) {
        for i in 0..ASPECTS.len() {
            self.right[i] += other.right[i];
            self.checked[i] += other.checked[i];
        }
    }
    fn show(&self) -> String {
        let mut parts = Vec::new();
        for (i, name) in ASPECTS.iter().enumerate() {
            if self.checked[i] > 0 {
                parts.push(format!("{name} {}/{}", self.right[i], self.checked[i]));
            }
        }
        parts.join(", ")
    }
}

/// One mismatch: a category (for the summary) and what was expected and found.
struct Mismatch {
    category: &'static str,
    detail: String,
}

struct Report {
    score: Score,
    mismatches: Vec<Mismatch>,
    /// Extra items and participants (not part of the score, but mismatches).
    extras: usize,
}

impl Report {
    fn miss(&mut self, category: &'static str, detail: String) {
        self.mismatches.push(Mismatch { category, detail });
    }
}

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/layouts")
}

/// The stems of the files with extension `ext`, sorted.
fn stems(ext: &str) -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(dir())
        .expect("tests/layouts exists")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some(ext))
        .filter_map(|p| p.file_stem().and_then(|s| s.to_str()).map(str::to_string))
        .collect();
    out.sort();
    out
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn status_name(s: ParticipantStatus) -> &'static str {
    match s {
        ParticipantStatus::Present => "present",
        ParticipantStatus::Afbud => "afbud",
        ParticipantStatus::Absent => "absent",
        ParticipantStatus::Substitute => "substitute",
    }
}

fn item_key(number: Option<u32>, suffix: Option<&str>) -> String {
    match (number, suffix) {
        (Some(n), s) => format!("{n}{}", s.unwrap_or("")),
        (None, _) => "–".to_string(),
    }
}

fn show_item(i: &Item) -> String {
    format!(
        "{} «{}»",
        item_key(i.number, i.number_suffix.as_deref()),
        collapse(&i.title)
    )
}

/// The line of `text` that holds byte `offset`, trimmed.
fn line_at(text: &str, offset: usize) -> &str {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |p| p + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |p| offset + p);
    text[start..end].trim()
}

/// The layout profiles of rules/layouts.toml by id, with their family.
fn profile_families() -> BTreeMap<String, String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/layouts.toml");
    let mut out = BTreeMap::new();
    let Ok(text) = std::fs::read_to_string(path) else {
        return out;
    };
    let Ok(value) = text.parse::<toml::Table>() else {
        return out;
    };
    if let Some(profiles) = value.get("profile").and_then(|v| v.as_array()) {
        for p in profiles {
            if let (Some(id), Some(family)) = (
                p.get("id").and_then(|v| v.as_str()),
                p.get("family").and_then(|v| v.as_str()),
            ) {
                out.insert(id.to_string(), family.to_string());
            }
        }
    }
    out
}

/// Pair expected and found items by number (a longest common subsequence of the keys), so
/// that one missing item does not make every later one a mismatch.
fn align(expected: &[ExpItem], found: &[&Item]) -> Vec<(Option<usize>, Option<usize>)> {
    let ek: Vec<String> = expected
        .iter()
        .map(|e| item_key(e.number, e.suffix.as_deref()))
        .collect();
    let fk: Vec<String> = found
        .iter()
        .map(|f| item_key(f.number, f.number_suffix.as_deref()))
        .collect();
    let (n, m) = (ek.len(), fk.len());
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if ek[i] == fk[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n || j < m {
        if i < n && j < m && ek[i] == fk[j] {
            out.push((Some(i), Some(j)));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push((None, Some(j)));
            j += 1;
        } else {
            out.push((Some(i), None));
            i += 1;
        }
    }
    out
}

fn compare_items(exp: &Expect, found: &[&Item], r: &mut Report) {
    for (e, f) in align(&exp.items, found) {
        match (e.map(|i| &exp.items[i]), f.map(|j| found[j])) {
            (Some(e), Some(f)) => {
                let want = collapse(&e.title);
                let got = collapse(&f.title);
                let ok = got.starts_with(&want);
                r.score.count(0, ok);
                if !ok {
                    r.miss(
                        "item title",
                        format!(
                            "item {}: title «{got}», expected «{want}»",
                            item_key(e.number, e.suffix.as_deref())
                        ),
                    );
                }
            }
            (Some(e), None) => {
                r.score.count(0, false);
                r.miss(
                    "item missing",
                    format!(
                        "item {} «{}» not found",
                        item_key(e.number, e.suffix.as_deref()),
                        collapse(&e.title)
                    ),
                );
            }
            (None, Some(f)) => {
                r.extras += 1;
                r.miss("item extra", format!("extra item {}", show_item(f)));
            }
            (None, None) => unreachable!(),
        }
    }
    if exp.items.len() != found.len() {
        r.miss(
            "item count",
            format!("{} items found, {} expected", found.len(), exp.items.len()),
        );
    }
}

fn show_participant(p: &Participant) -> String {
    let mut s = p.name.clone();
    if let Some(party) = &p.party {
        let _ = write!(s, " ({party})");
    }
    let _ = write!(s, " [{}", status_name(p.status));
    if p.official {
        s.push_str(", official");
    }
    s.push(']');
    s
}

fn compare_participants(exp: &Expect, found: &[Participant], r: &mut Report) {
    let found_names: Vec<String> = found.iter().map(|p| collapse(&p.name)).collect();
    for e in &exp.participants {
        let want = collapse(&e.name);
        let same: Vec<&Participant> = found
            .iter()
            .zip(&found_names)
            .filter(|(_, n)| **n == want)
            .map(|(p, _)| p)
            .collect();
        if same.is_empty() {
            r.score.count(1, false);
            let nearest = found_names
                .iter()
                .map(|n| (strsim::normalized_levenshtein(n, &want), n))
                .filter(|(s, _)| *s >= 0.6)
                .max_by(|a, b| a.0.total_cmp(&b.0))
                .map(|(_, n)| format!(" (nearest found: «{n}»)"))
                .unwrap_or_default();
            r.miss(
                "participant missing",
                format!("participant «{want}» not found{nearest}"),
            );
            continue;
        }
        if same.len() > 1 {
            r.miss(
                "participant duplicate",
                format!(
                    "participant «{want}» listed {} times: {}",
                    same.len(),
                    same.iter()
                        .map(|p| show_participant(p))
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            );
        }
        // The entry that fits best: fewest wrong fields.
        let problems = |p: &Participant| {
            let mut out: Vec<(&'static str, String)> = Vec::new();
            if let Some(party) = &e.party {
                if p.party.as_deref() != Some(party.as_str()) {
                    out.push((
                        "participant party",
                        format!(
                            "party {}, expected {party}",
                            p.party.as_deref().unwrap_or("none")
                        ),
                    ));
                }
            }
            if let Some(status) = e.status {
                if p.status != status {
                    out.push((
                        "participant status",
                        format!(
                            "status {}, expected {}",
                            status_name(p.status),
                            status_name(status)
                        ),
                    ));
                }
            }
            if let Some(official) = e.official {
                if p.official != official {
                    out.push((
                        "participant official",
                        format!("official {}, expected {official}", p.official),
                    ));
                }
            }
            out
        };
        let best = same
            .iter()
            .map(|p| problems(p))
            .min_by_key(|v| v.len())
            .unwrap_or_default();
        r.score.count(1, best.is_empty());
        for (category, what) in best {
            r.miss(category, format!("participant «{want}»: {what}"));
        }
    }
    let expected: Vec<String> = exp.participants.iter().map(|e| collapse(&e.name)).collect();
    for (p, name) in found.iter().zip(&found_names) {
        if !p.official && !expected.contains(name) {
            r.extras += 1;
            r.miss(
                "participant extra",
                format!("extra participant {}", show_participant(p)),
            );
        }
    }
}

fn compare_meeting(exp: &Expect, minutes: &Minutes, r: &mut Report) {
    if let Some(body) = &exp.body {
        let want = collapse(body).to_lowercase();
        let got = minutes.meeting.body.as_ref().map(|b| collapse(&b.text));
        let ok = got
            .as_ref()
            .is_some_and(|g| g.to_lowercase().contains(&want));
        r.score.count(2, ok);
        if !ok {
            r.miss(
                "body",
                format!(
                    "body {}, expected «{body}»",
                    got.map_or("none".to_string(), |g| format!("«{g}»"))
                ),
            );
        }
    }
    if let Some(date) = &exp.date {
        // The Mødedato, else the date of the title line.
        let found = minutes
            .meeting
            .date
            .as_ref()
            .or(minutes.meeting.title_date.as_ref());
        let got = found.map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day));
        let ok = got.as_deref() == Some(date.as_str());
        r.score.count(3, ok);
        if !ok {
            r.miss(
                "date",
                format!(
                    "date {}, expected {date}",
                    got.unwrap_or_else(|| "none".to_string())
                ),
            );
        }
    }
}

fn compare_not_items(exp: &Expect, found: &[&Item], text: &str, r: &mut Report) {
    for neg in &exp.not_items {
        let neg = collapse(neg);
        let hit = found.iter().find(|i| {
            collapse(&i.title).starts_with(&neg)
                || collapse(line_at(text, i.span.offset)).starts_with(&neg)
        });
        r.score.count(4, hit.is_none());
        if let Some(i) = hit {
            r.miss(
                "not_item became an item",
                format!("«{neg}» was read as item {}", show_item(i)),
            );
        }
    }
}

fn load(stem: &str) -> (String, Expect) {
    let txt = dir().join(format!("{stem}.txt"));
    let toml_path = dir().join(format!("{stem}.toml"));
    let text = std::fs::read_to_string(&txt).unwrap_or_else(|e| panic!("{}: {e}", txt.display()));
    let spec = std::fs::read_to_string(&toml_path)
        .unwrap_or_else(|e| panic!("{}: {e}", toml_path.display()));
    let exp: Expect =
        toml::from_str(&spec).unwrap_or_else(|e| panic!("{}: {e}", toml_path.display()));
    (text, exp)
}

#[test]
fn layouts_are_read_as_expected() {
    let profiles = profile_families();
    let mut by_family: BTreeMap<String, Score> = BTreeMap::new();
    let mut total = Score::default();
    let mut categories: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut failures = String::new();
    let mut summary = String::new();
    let mut profile_right = 0;
    let mut documents = 0;
    let mut check_errors = 0;
    let mut gaps: Vec<String> = Vec::new();

    for stem in stems("txt") {
        let toml_path = dir().join(format!("{stem}.toml"));
        if !toml_path.exists() {
            continue; // reported by `every_document_has_an_expectation`
        }
        let (text, exp) = load(&stem);
        let file_name = format!("{stem}.txt");
        let checked = referat::check_text(&file_name, &text);
        let minutes = &checked.minutes;
        let source_text = &checked.source.text;
        let found: Vec<&Item> = minutes.items.iter().filter(|i| !i.implicit).collect();

        let mut r = Report {
            score: Score::default(),
            mismatches: Vec::new(),
            extras: 0,
        };
        compare_items(&exp, &found, &mut r);
        compare_participants(&exp, &minutes.participants, &mut r);
        compare_meeting(&exp, minutes, &mut r);
        compare_not_items(&exp, &found, source_text, &mut r);

        // Informational: the profile recognised, and findings of error severity (the
        // documents are written to be consistent, so an error there is a misreading).
        let profile = minutes.layout.profile.as_deref().unwrap_or("none");
        let profile_family = profiles.get(profile).map(String::as_str).unwrap_or("–");
        documents += 1;
        if profile_family == exp.family {
            profile_right += 1;
        }
        let errors: Vec<&str> = checked
            .findings
            .iter()
            .filter(|f| {
                referat::catalogue::head(f.rule).map(|h| h.severity) == Some(Severity::Error)
            })
            .map(|f| f.rule)
            .collect();
        check_errors += errors.len();
        for m in &r.mismatches {
            gaps.push(format!("{stem}: [{}] {}", m.category, m.detail));
        }
        for e in &errors {
            gaps.push(format!("{stem}: [check error] {e}"));
        }

        let _ = write!(
            summary,
            "{stem} [{}; profile {profile} ({profile_family})]: {}",
            exp.family,
            r.score.show()
        );
        if r.extras > 0 {
            let _ = write!(summary, ", {} extra", r.extras);
        }
        if !errors.is_empty() {
            let _ = write!(summary, "; check errors: {}", errors.join(", "));
        }
        summary.push('\n');

        if !r.mismatches.is_empty() {
            let _ = writeln!(failures, "{stem} ({}):", exp.family);
            for m in &r.mismatches {
                let _ = writeln!(failures, "  [{}] {}", m.category, m.detail);
                *categories.entry(m.category).or_default() += 1;
            }
        }
        by_family
            .entry(exp.family.clone())
            .or_default()
            .add(&r.score);
        total.add(&r.score);
    }

    let mut families = String::new();
    for (family, score) in &by_family {
        let _ = writeln!(families, "{family}: {}", score.show());
    }
    let mut cats = String::new();
    let mut sorted: Vec<_> = categories.iter().collect();
    sorted.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (category, n) in sorted {
        let _ = writeln!(cats, "{n:5}  {category}");
    }
    println!("== layout corpus: per document ==\n{summary}");
    println!("== per family ==\n{families}");
    println!(
        "== total ({documents} documents) ==\n{}\nprofile recognised as the document's family: {profile_right}/{documents}\nfindings of error severity: {check_errors}\n",
        total.show()
    );
    if !failures.is_empty() {
        println!("== mismatches by category ==\n{cats}\n{failures}");
    }
    // What the parser does not yet read is written down in known-gaps.list: a new mismatch
    // fails the test, and so does a gap that closed (take it out of the file, or run with
    // UPDATE_KNOWN_GAPS=1 to rewrite it).
    let path = dir().join("known-gaps.list");
    gaps.sort();
    if std::env::var_os("UPDATE_KNOWN_GAPS").is_some() {
        let mut text = String::from(KNOWN_GAPS_HEADER);
        for g in &gaps {
            text.push_str(g);
            text.push('\n');
        }
        std::fs::write(&path, text).expect("write known-gaps.list");
        return;
    }
    let known_text = std::fs::read_to_string(&path).unwrap_or_default();
    let known: Vec<&str> = known_text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .collect();
    let new: Vec<&String> = gaps
        .iter()
        .filter(|g| !known.contains(&g.as_str()))
        .collect();
    let closed: Vec<&&str> = known
        .iter()
        .filter(|k| !gaps.iter().any(|g| g == **k))
        .collect();
    let mut problems = String::new();
    for g in &new {
        let _ = writeln!(problems, "new mismatch: {g}");
    }
    for k in &closed {
        let _ = writeln!(problems, "closed (remove from known-gaps.list): {k}");
    }
    assert!(problems.is_empty(), "layout corpus:\n{problems}");
}

const KNOWN_GAPS_HEADER: &str = "\
# What referat does not yet read in the layout corpus, one mismatch a line (written by
# `UPDATE_KNOWN_GAPS=1 cargo test --release --test layouts`). tests/layouts.rs fails on a
# mismatch not listed here and on a listed one that no longer occurs.
";

#[test]
fn every_document_has_an_expectation_and_every_family_is_covered() {
    let txt = stems("txt");
    let toml = stems("toml");
    let mut problems = Vec::new();
    for s in &txt {
        if !toml.contains(s) {
            problems.push(format!("{s}.txt has no {s}.toml"));
        }
    }
    for s in &toml {
        if !txt.contains(s) {
            problems.push(format!("{s}.toml has no {s}.txt"));
        }
    }
    let mut covered = std::collections::BTreeSet::new();
    for s in txt.iter().filter(|s| toml.contains(s)) {
        let (text, exp) = load(s);
        let lines = text.lines().count();
        if !(30..=150).contains(&lines) {
            problems.push(format!("{s}.txt has {lines} lines (30–150 expected)"));
        }
        let family_ok = exp.family.len() == 3
            && exp.family.starts_with('F')
            && exp.family[1..]
                .parse::<u32>()
                .is_ok_and(|n| (1..=20).contains(&n));
        if !family_ok {
            problems.push(format!("{s}.toml: family «{}» is not F01–F20", exp.family));
        }
        if exp.items.is_empty() {
            problems.push(format!("{s}.toml expects no items"));
        }
        if let Some(date) = &exp.date {
            if date.len() != 10 || date.parse::<jiff::civil::Date>().is_err() {
                problems.push(format!("{s}.toml: date «{date}» is not an ISO date"));
            }
        }
        covered.insert(exp.family);
    }
    for n in 1..=20 {
        let family = format!("F{n:02}");
        if !covered.contains(&family) {
            problems.push(format!("family {family} has no document"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
