//! The rule registry. A rule reads the model (never the raw text) and pushes [`Finding`]s;
//! it knows nothing about output formats or languages beyond the label texts it supplies.
//! Each family lives in its own module; the catalogue (`rules/<family>/<name>.toml`) holds
//! every rule's metadata, messages and examples.

pub mod amount;
pub mod attendance;
pub mod date;
pub mod interval;
pub mod name;
pub mod parse;
pub mod presence;
pub mod roster;
pub mod selection;
pub mod structure;
pub mod table;
pub mod vote;

use crate::config::{Body, Tolerances};

/// A count and its noun, "1 stemme" or "2 stemmer": the singular for exactly 1, as the
/// catalogue's `{n|singular|plural}` (0 takes the plural in Danish and English alike).
pub(crate) fn counted(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}
use crate::model::{Minutes, Span};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// How bad a finding is (see DESIGN.md: error = the minutes contradict themselves;
/// warning = very likely a mistake with a legitimate reading; info = worth a look).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
    pub fn parse(s: &str) -> Option<Severity> {
        match s {
            "info" => Some(Severity::Info),
            "warning" | "warn" => Some(Severity::Warning),
            "error" => Some(Severity::Error),
            _ => None,
        }
    }
}

/// A text in both languages the tool speaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bilingual {
    pub da: String,
    pub en: String,
}

impl Bilingual {
    pub fn new(da: impl Into<String>, en: impl Into<String>) -> Self {
        Bilingual {
            da: da.into(),
            en: en.into(),
        }
    }
}

/// A secondary span with its explanation ("the tally", "the absence line").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub text: Bilingual,
}

impl Label {
    pub fn new(span: Span, da: impl Into<String>, en: impl Into<String>) -> Self {
        Label {
            span,
            text: Bilingual::new(da, en),
        }
    }
}

/// The most labels a finding keeps.
pub const MAX_LABELS: usize = 20;

/// What a rule found. The message is the catalogue's template for `rule`, filled with `args`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub rule: &'static str,
    /// The primary span: where the contradiction is most visible.
    pub span: Span,
    /// Text of the primary label; defaults to the message when `None`.
    pub primary_label: Option<Bilingual>,
    /// Values for the `{name}` placeholders of the catalogue's message and help.
    pub args: Vec<(&'static str, String)>,
    /// At most [`MAX_LABELS`]; the rest are only counted in `omitted_labels` (a column total
    /// over 100,000 rows would otherwise hold 100,000 labels).
    pub labels: Vec<Label>,
    pub omitted_labels: usize,
    /// Extra help appended to the catalogue's help (e.g. "the document says totals may not
    /// add up because of rounding").
    pub note: Option<Bilingual>,
    /// The agenda item the finding belongs to (for suppressions by item).
    pub item: Option<u32>,
}

impl Finding {
    pub fn new(rule: &'static str, span: Span) -> Self {
        Finding {
            rule,
            span,
            primary_label: None,
            args: Vec::new(),
            labels: Vec::new(),
            omitted_labels: 0,
            note: None,
            item: None,
        }
    }
    pub fn arg(mut self, name: &'static str, value: impl ToString) -> Self {
        self.args.push((name, value.to_string()));
        self
    }
    pub fn primary(mut self, da: impl Into<String>, en: impl Into<String>) -> Self {
        self.primary_label = Some(Bilingual::new(da, en));
        self
    }
    pub fn label(mut self, span: Span, da: impl Into<String>, en: impl Into<String>) -> Self {
        if self.labels.len() < MAX_LABELS {
            self.labels.push(Label::new(span, da, en));
        } else {
            self.omitted_labels += 1;
        }
        self
    }
    pub fn note(mut self, da: impl Into<String>, en: impl Into<String>) -> Self {
        self.note = Some(Bilingual::new(da, en));
        self
    }
    pub fn item(mut self, number: Option<u32>) -> Self {
        self.item = number;
        self
    }
}

/// What rules may read: the model, and the run's settings.
pub struct Context<'a> {
    pub minutes: &'a Minutes,
    /// The roster from referat.toml for the body these minutes are of, when one matches.
    /// Without it, rules infer the committee from the participant list.
    pub roster: Option<&'a Body>,
    /// Tolerances from referat.toml (`[tolerance."rule/id"]`), for rules that have one.
    pub tolerance: &'a Tolerances,
}

static NO_TOLERANCES: Tolerances = Tolerances(std::collections::BTreeMap::new());

impl<'a> Context<'a> {
    /// A context without configuration: no roster, default tolerances.
    pub fn new(minutes: &'a Minutes) -> Self {
        Context {
            minutes,
            roster: None,
            tolerance: &NO_TOLERANCES,
        }
    }
    /// The meeting day as (year, month, day), for roster validity dates.
    pub fn meeting_day(&self) -> Option<(i32, u32, u32)> {
        let m = &self.minutes.meeting;
        m.date
            .as_ref()
            .or(m.title_date.as_ref())
            .map(|d| (d.year, d.month, d.day))
    }
}

/// Findings one rule may report in one document; the rest are counted in one
/// `parse/too-many-findings`. Real minutes stay far below it; a generated or damaged
/// document with a million vote lines must not become gigabytes of report.
pub const MAX_FINDINGS_PER_RULE: usize = 1_000;

/// Collects findings. Rules call [`Sink::push`]; whether a rule is selected is decided later.
#[derive(Default)]
pub struct Sink {
    pub findings: Vec<Finding>,
    /// Findings pushed per rule, kept or not.
    pushed: HashMap<&'static str, usize>,
    /// Rules over the cap: where the first finding left out was, in order of appearance.
    over: Vec<(&'static str, Span)>,
}

impl Sink {
    pub fn push(&mut self, finding: Finding) {
        let pushed = self.pushed.entry(finding.rule).or_default();
        *pushed += 1;
        if *pushed <= MAX_FINDINGS_PER_RULE {
            self.findings.push(finding);
        } else if *pushed == MAX_FINDINGS_PER_RULE + 1 {
            self.over.push((finding.rule, finding.span));
        }
    }

    /// The findings, with one `parse/too-many-findings` per rule that went over the cap.
    fn finish(mut self) -> Vec<Finding> {
        for (rule, span) in std::mem::take(&mut self.over) {
            let omitted = self.pushed[rule] - MAX_FINDINGS_PER_RULE;
            self.findings.push(
                Finding::new("parse/too-many-findings", span)
                    .arg("rule", rule)
                    .arg("omitted", omitted)
                    .arg("limit", MAX_FINDINGS_PER_RULE),
            );
        }
        self.findings
    }
}

/// Every rule family's entry point, in a fixed order.
const FAMILIES: &[fn(&Context, &mut Sink)] = &[
    parse::check,
    structure::check,
    vote::check,
    table::check,
    amount::check,
    attendance::check,
    name::check,
    date::check,
    roster::check,
];

/// Run every family over one document.
pub fn run(ctx: &Context) -> Vec<Finding> {
    let mut sink = Sink::default();
    for family in FAMILIES {
        family(ctx, &mut sink);
    }
    sink.finish()
}
