//! The model of one set of minutes. Plain serde structs; every value a finding can point at
//! carries a [`Span`] into the decoded text of the [`crate::source::Source`].

use serde::{Deserialize, Serialize};
use thin_vec::ThinVec;

/// A unit name ("kr.", "mio. kr.", "%"): shared, not copied, by the many figures that carry
/// it (every number cell of a column gets the column's unit).
pub type Unit = std::sync::Arc<str>;

/// A byte range into the decoded source text.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    pub offset: usize,
    pub length: usize,
}

impl Span {
    pub fn new(offset: usize, length: usize) -> Self {
        Span { offset, length }
    }
    pub fn end(&self) -> usize {
        self.offset + self.length
    }
    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        let start = self.offset.min(other.offset);
        let end = self.end().max(other.end());
        Span::new(start, end - start)
    }
}

/// A piece of text as found in the document (normalised: line breaks inside a wrapped value
/// become single spaces), with the span of the original.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    pub text: String,
    pub span: Span,
}

impl Text {
    pub fn new(text: impl Into<String>, span: Span) -> Self {
        Text {
            text: text.into(),
            span,
        }
    }
}

/// A calendar date as written ("15-04-2026", "onsdag den 15. april 2026"). The numbers are
/// kept even when they do not form a valid date, so that `date/*` rules can report it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateRef {
    pub written: String,
    pub day: u32,
    pub month: u32,
    pub year: i32,
    /// The weekday as written in front of the date, lower-cased ("onsdag"), if any.
    pub weekday: Option<Text>,
    pub span: Span,
}

/// A span of years as written: "2026-2029", "2023-26", "2026–2026".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearRange {
    pub written: String,
    pub from: i32,
    /// The end year, with a two-digit end ("2023-26") completed from the start's century.
    pub to: i32,
    pub span: Span,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Minutes {
    /// How the document was read: the layout profile recognised and how sure the reading is.
    #[serde(default)]
    pub layout: Layout,
    pub meeting: Meeting,
    pub participants: Vec<Participant>,
    pub toc: Vec<TocEntry>,
    pub items: Vec<Item>,
    pub signatures: Vec<Signature>,
    /// Every other date found in the running text ("onsdag den 15. april 2026", "29-02-2025").
    #[serde(default)]
    pub dates: Vec<DateRef>,
    /// Year ranges in the running text ("budgetbidrag 2026-2029", "Beskæftigelsesplan 2023-26").
    #[serde(default)]
    pub year_ranges: Vec<YearRange>,
    /// Parts of the text that look like something referat should understand but did not
    /// (a sentence that says "stemte" but is no recognised tally). Reported as `parse/*`.
    #[serde(default)]
    pub unrecognised: Vec<Unrecognised>,
}

/// The layout a document was read as (see `rules/layouts.toml`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Layout {
    /// The profile that fits best ("firstagenda", "web-module", "pdf-transcript", …), or
    /// `None` when no profile fits.
    pub profile: Option<String>,
    /// The heading style the items were found by ("punkt-colon", "number-dot", …); `None`
    /// when no item heading was found.
    pub heading_style: Option<String>,
    /// How sure the reading is, 0–1: how much of what the profile expects was found.
    pub confidence: f32,
    /// Pinned by `[[overrides]] layout = "…"` in referat.toml rather than recognised.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pinned: bool,
}

impl Minutes {
    /// No item heading was recognised: the text was read as one implicit item.
    pub fn headings_lost(&self) -> bool {
        self.items.iter().all(|i| i.implicit)
    }

    /// Anything referat read beyond the bare text: a header, participants, a table of
    /// contents, items, or votes, attendance or tables in the text.
    pub fn anything_recognised(&self) -> bool {
        self.meeting.title.is_some()
            || self.meeting.date.is_some()
            || !self.participants.is_empty()
            || !self.toc.is_empty()
            || self.items.iter().any(|i| {
                !i.implicit
                    || !i.votes.is_empty()
                    || !i.tables.is_empty()
                    || !i.attendance.absences.is_empty()
                    || !i.attendance.substitutions.is_empty()
                    || !i.sections.is_empty()
            })
    }

    /// How many votes and per-item attendance lines (absences, substitutions) the document
    /// records: what only a participant list can check (not the votes of other bodies'
    /// decisions quoted in an item).
    pub fn votes_and_attendance_lines(&self) -> (usize, usize) {
        self.items.iter().fold((0, 0), |(votes, lines), i| {
            (
                votes + i.votes.iter().filter(|v| v.body.is_none()).count(),
                lines
                    + i.attendance.absences.iter().filter(|a| !a.carried).count()
                    + i.attendance.substitutions.len(),
            )
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// The heading line, e.g. "REFERAT Arbejdsmarkeds- og Socialudvalget d. 15-04-2026".
    pub title: Option<Text>,
    /// Kind of document from the title ("REFERAT", "BESLUTNINGSPROTOKOL", "DAGSORDEN").
    pub kind: Option<String>,
    /// The body (udvalg, råd, byråd) whose minutes these are.
    pub body: Option<Text>,
    /// The date in the title line.
    pub title_date: Option<DateRef>,
    /// The `Mødedato` line's date, with its weekday.
    pub date: Option<DateRef>,
    pub time: Option<Text>,
    pub place: Option<Text>,
    /// The span of the `Mødedeltagere` line(s), when present.
    pub participants_span: Option<Span>,
}

/// Someone listed at meeting level: in a participant list ("Mødedeltagere", "Deltagere:",
/// "Medlemmer", "Til stede:", a participant table) or a header absence field ("Afbud:",
/// "Fraværende med afbud", "Ikke til stede:").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub name: String,
    /// Party letter, or the party as written ("Enhedslisten", "Uden for parti").
    pub party: Option<String>,
    /// Sent apologies for the whole meeting ("(Afbud)", "- Afbud", an "Afbud:" field).
    pub afbud: bool,
    /// What the list says of the person for the whole meeting.
    #[serde(default)]
    pub status: ParticipantStatus,
    /// A title or role written with the name ("Formand", "Borgmester", "1. næstformand",
    /// "etnisk repræsentant").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// For a substitute: the member replaced ("Stedfortræder for X", "Suppleant for X").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub substitute_for: Option<Text>,
    /// Not a member: an official (kommunaldirektør, direktør, referent, observatør) listed
    /// with the members. Officials never count towards a tally.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub official: bool,
    pub span: Span,
}

impl Participant {
    /// Not at the meeting at all, as the list says: afbud or absent.
    pub fn away(&self) -> bool {
        self.afbud
            || matches!(
                self.status,
                ParticipantStatus::Afbud | ParticipantStatus::Absent
            )
    }

    /// At the meeting, as the list says (present or substituting).
    pub fn is_present(&self) -> bool {
        matches!(
            self.status,
            ParticipantStatus::Present | ParticipantStatus::Substitute
        )
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParticipantStatus {
    #[default]
    Present,
    /// Sent apologies ("Afbud", "Fraværende med afbud").
    Afbud,
    /// Absent ("Fraværende", "Fraværende uden afbud", "Ikke til stede").
    Absent,
    /// Sat in for a member ("Stedfortræder for X", "Suppleant for X").
    Substitute,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TocEntry {
    /// The number written in the entry ("2. Godkendelse af dagsorden"), if any.
    pub number: Option<u32>,
    pub title: String,
    pub page: Option<u32>,
    /// A "Lukket" (closed) entry.
    pub closed: bool,
    pub span: Span,
    pub title_span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// The item number as written in its heading ("Punkt 12:", "183.", "Pkt. 42", "Nr.178"),
    /// `None` when the document gives none (a single-item web page, a document whose
    /// headings were lost).
    pub number: Option<u32>,
    pub number_span: Option<Span>,
    /// A letter written after the number: "12a".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_suffix: Option<String>,
    /// The title as written after the number (wrapped lines joined).
    pub title: String,
    pub title_span: Span,
    /// The journal number (sagsnummer) line, e.g. "26/3977" or "25-1-85.10.00-P07".
    pub case_no: Option<Text>,
    /// "Lukket": a closed item.
    pub closed: bool,
    pub sections: Vec<Section>,
    pub attendance: Attendance,
    pub votes: Vec<Vote>,
    pub tables: Vec<Table>,
    pub amounts: Vec<Amount>,
    /// The whole item, from its heading to the next item.
    pub span: Span,
    /// No heading was recognised: the item is the document's text read as one item (or one
    /// of the blocks a status line "Åben"/"Lukket" opens), so that its votes, attendance,
    /// tables and amounts are still checked.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub implicit: bool,
}

impl Item {
    /// How the item is named in a message: its number as written ("12", "12a"), else its
    /// title, else "–".
    pub fn label(&self) -> String {
        match (self.number, &self.number_suffix) {
            (Some(n), Some(s)) => format!("{n}{s}"),
            (Some(n), None) => n.to_string(),
            (None, _) if !self.title.is_empty() => format!("«{}»", self.title),
            (None, _) => "–".to_string(),
        }
    }

    /// The decision section (Beslutning), if any.
    pub fn decision(&self) -> Option<&Section> {
        self.sections
            .iter()
            .find(|s| s.kind == SectionKind::Beslutning)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    Baggrund,
    Resume,
    Indstilling,
    Beslutning,
    Sagsfremstilling,
    SagensIndhold,
    Okonomi,
    Bilag,
    /// Any other recognised heading (kept by its written name).
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub kind: SectionKind,
    /// The heading as written ("Beslutning Arbejdsmarkeds- og Socialudvalget den 15-04-2026").
    pub heading: Text,
    /// For "Beslutning <udvalg> den DD-MM-YYYY": the body named.
    pub body_name: Option<Text>,
    /// For "Beslutning <udvalg> den DD-MM-YYYY": the date.
    pub date: Option<DateRef>,
    /// The section's text (after the heading line, up to the next heading).
    pub text: String,
    /// Span of `text`.
    pub body: Span,
}

/// Who was not there, or was there instead of whom, for one item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendance {
    pub absences: Vec<Absence>,
    pub substitutions: Vec<Substitution>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AbsenceKind {
    /// "Afbud": sent apologies.
    Afbud,
    /// "Fraværende": absent.
    Fravaerende,
    /// "forlod mødet": left during the meeting — or arrived late, or was away only from the
    /// other items the sentence names: present for part of the meeting.
    ForlodMoedet,
    /// "deltog ikke i (sagens) behandling(en)".
    DeltogIkke,
    /// "inhabil": disqualified for this item.
    Inhabil,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Absence {
    pub name: String,
    pub party: Option<String>,
    pub kind: AbsenceKind,
    /// The name as written.
    pub span: Span,
    /// The whole attendance line or sentence the name was found in.
    pub line: Span,
    /// The items it covers when the sentence names them ("forlod mødet efter punkt 8":
    /// from 9); empty for the item it is written in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ItemRange>,
    /// Carried here from the item it is written in, whose sentence names this item.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub carried: bool,
}

/// Agenda item numbers `from..=to`; an open end runs to the first or last item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemRange {
    pub from: Option<u32>,
    pub to: Option<u32>,
}

impl ItemRange {
    pub fn contains(&self, n: u32) -> bool {
        self.from.is_none_or(|f| f <= n) && self.to.is_none_or(|t| n <= t)
    }
}

impl Absence {
    /// Whether the absence holds at item number `n` (an item without a number: where it
    /// is written, it holds).
    pub fn holds_at(&self, n: Option<u32>) -> bool {
        match n {
            Some(n) if !self.items.is_empty() => self.items.iter().any(|r| r.contains(n)),
            _ => true,
        }
    }
}

/// "X deltog i stedet for Y": a substitute (stedfortræder) X sat in for member Y.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Substitution {
    pub substitute: Text,
    pub replaced: Text,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// vedtaget, godkendt, tiltrådt, anbefalet, …
    Adopted,
    /// faldt, forkastet, ikke godkendt, …
    Rejected,
}

/// One vote recorded in a decision.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vote {
    /// What was voted on ("ændringsforslaget", "indstillingspunkt 3"), as written.
    pub motion: Option<Text>,
    /// The outcome as written ("faldt", "vedtaget"), if written.
    pub outcome: Option<Text>,
    pub outcome_kind: Option<OutcomeKind>,
    #[serde(rename = "for")]
    pub for_: TallySide,
    pub against: TallySide,
    pub abstain: TallySide,
    /// "Alle stemte for", "enstemmigt".
    pub unanimous: bool,
    /// The span of the unanimity words ("Alle stemte for", "Enstemmigt"), when written.
    #[serde(default)]
    pub unanimous_span: Option<Span>,
    /// Positions that are not a side of the tally: "X tog forbehold", "X ønskede sin stemme
    /// ført til protokols".
    #[serde(default)]
    pub positions: ThinVec<Position>,
    /// The sentence(s) the vote was read from.
    pub span: Span,
    /// The body whose decision this is, when the item quotes another body's decision
    /// ("Social og Sundhed, 6. januar 2020, pkt. 123:"): its members voted, not this
    /// meeting's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Text>,
}

impl Vote {
    /// A tally that records how (nearly) everybody voted: a for side with a number, and an
    /// against or abstain side — as opposed to one member's position ("X stemte imod").
    pub fn is_full_tally(&self) -> bool {
        self.for_.total().is_some()
            && (self.against.total().is_some() || self.abstain.total().is_some())
    }
    /// All votes cast, when every recorded side can be counted.
    pub fn total(&self) -> Option<u32> {
        let sides = [&self.for_, &self.against, &self.abstain];
        if sides.iter().any(|s| !s.is_empty() && s.total().is_none()) {
            return None;
        }
        let recorded: Vec<u32> = sides.iter().filter_map(|s| s.total()).collect();
        (!recorded.is_empty()).then(|| recorded.iter().sum())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PositionKind {
    /// "tog forbehold": reserved their position (e.g. for the council meeting).
    Reservation,
    /// "ønskede sin stemme ført til protokols".
    Protocol,
    /// "kunne ikke tiltræde indstillingen": did not support it (a position, no vote against).
    Dissent,
}

/// A member's or a party's position recorded next to a vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    pub kind: PositionKind,
    /// Who (names or party groups), as written.
    pub who: Vec<Text>,
    pub span: Span,
}

/// One side of a tally: a total, per-party counts and/or named voters. Its lists are
/// [`ThinVec`]s (one pointer, no allocation while empty) because a vote carries three sides
/// and most lists are empty: 128 → 64 bytes a side, which keeps a 10 MB document's peak
/// memory under 5× its size (issue 8).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TallySide {
    pub count: Option<u32>,
    pub count_span: Option<Span>,
    pub parties: ThinVec<PartyCount>,
    pub names: ThinVec<String>,
    pub name_spans: ThinVec<Span>,
    /// For each name, the party written with it ("Victoria Velasquez (EL)"), if any.
    #[serde(default)]
    pub name_parties: ThinVec<Option<String>>,
}

impl TallySide {
    /// The number of votes this side records: the written total, else the sum of party
    /// counts, else the number of names. `None` when nothing is recorded.
    pub fn total(&self) -> Option<u32> {
        if let Some(c) = self.count {
            return Some(c);
        }
        if !self.parties.is_empty() && self.parties.iter().all(|p| p.count.is_some()) {
            return Some(self.parties.iter().filter_map(|p| p.count).sum());
        }
        if !self.names.is_empty() {
            return Some(self.names.len() as u32);
        }
        None
    }
    pub fn is_empty(&self) -> bool {
        self.count.is_none() && self.parties.is_empty() && self.names.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyCount {
    pub party: String,
    pub count: Option<u32>,
    pub span: Span,
    /// A remark written with the count: "1 RV (ved en fejl)".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A table as exported in tab-separated lines.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// "Tabel 1: …" line before the table.
    pub caption: Option<Text>,
    pub header: Vec<Cell>,
    pub rows: Vec<Row>,
    /// The "I alt"/"Total"/"Hovedtotal" row, if any (not included in `rows`).
    pub total_row: Option<Row>,
    /// Unit read from the caption or the header corner ("mio. kr.").
    pub unit: Option<Unit>,
    /// The text says totals may not add up because of rounding.
    pub rounding_note: Option<Span>,
    /// What each column holds, one entry per header cell.
    #[serde(default)]
    pub columns: Vec<Column>,
    pub span: Span,
}

impl Table {
    /// Every row that carries figures: the data rows, then the total row.
    pub fn all_rows(&self) -> impl Iterator<Item = &Row> {
        self.rows.iter().chain(self.total_row.iter())
    }
    /// The header text of column `j` ("" when the header is shorter).
    pub fn header_text(&self, j: usize) -> &str {
        self.header.get(j).map(|c| c.text.as_str()).unwrap_or("")
    }
}

/// What a column of a table holds, read from its header and its cells.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub kind: ColumnKind,
    /// The unit of its figures: from the header ("Udgift (kr.)"), else the table's unit.
    pub unit: Option<Unit>,
    /// Largest number of decimals written in the column (the precision it was rounded to).
    pub decimals: u32,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    /// Row labels (the first column), or any column with words in it.
    #[default]
    Label,
    /// Figures that may be added up.
    Number,
    /// Years ("År": 2026, 2027): labels, never summed.
    Year,
    /// Percentages: not additive.
    Percent,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub text: String,
    /// The cell read as a number, when it is one.
    pub value: Option<Number>,
    pub span: Span,
}

/// A number as written in Danish notation, with its written precision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Number {
    pub value: rust_decimal::Decimal,
    /// Decimals written (scale): decides the rounding interval ±½·10⁻ᵈ.
    pub decimals: u32,
    /// "kr.", "t. kr.", "mio. kr.", "mia. kr.", "%", …
    pub unit: Option<Unit>,
}

/// A money amount or count found in running text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    pub number: Number,
    pub span: Span,
    /// What the sentence says the amount is, when it names it ("egenfinansiering på …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<AmountRole>,
    /// For a part of a stated breakdown: the index (in the item's `amounts`) of its total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<usize>,
}

/// The role of an amount in a relation the text states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AmountRole {
    /// udgift(sbevilling)
    Expense,
    /// indtægt(sbevilling), tilskud
    Income,
    /// egenfinansiering = udgift − indtægt
    OwnFinancing,
    /// mer-/mindreforbrug, afvigelse: repeats a difference column of a table
    Deviation,
    /// "i alt 370"
    Total,
    /// one figure of "Fordelingen er 89 …, 252 … og 29 …"
    Part,
}

/// One row of the signature sheet (Underskriftsark / Godkendelsesark).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub name: Text,
    /// "Godkendt", "Afvist", …
    pub status: Option<Text>,
    pub date: Option<DateRef>,
}

/// Something referat recognised as meaningful but could not parse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unrecognised {
    /// What it looked like: "vote", "table", …
    pub kind: String,
    pub text: String,
    pub span: Span,
}
