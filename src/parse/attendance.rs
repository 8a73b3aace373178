//! Per-item attendance: who was away, who stood in for whom, who came late or left early.
//!
//! Minutes write it in three ways, all read here with the phrasings of `rules/lexicon.toml`
//! (`[attendance]`):
//! - a field: an opener at the start of a line, then the names on the same line or the next
//!   ones ("Afbud: Susanne Provstgaard (V).", "Fraværende:" / "Henrik Torning",
//!   "Fraværende med afbud:" / "Anette Holst, A, (ferie)", "Ikke til stede: X (C)"); the
//!   entries are read by [`super::namelist`], as the participant list is, so parties,
//!   titles, reasons and stand-ins ("X (V) - Y (V) mødte som stedfortræder", "Afbud fra X
//!   stedfortræder Y") are understood alike everywhere;
//! - prose, the names before the phrase ("X og Y var fraværende.", "X deltog ikke i sagens
//!   behandling.", "X havde meldt afbud, og Y deltog i stedet.", "X deltog i stedet for Y"),
//!   or after it ("Der er afbud fra X og Y.", "I stedet for Y deltog X");
//! - a bare line of names under the heading, where the layout puts its absence field there
//!   with the label lost.
//!
//! An item often quotes the decisions of the committees that treated the case before
//! ("Økonomiudvalget anbefaler indstillingen.", "Beslutning Plan-udvalget den …",
//! "Børn og Unge, 7. januar 2020, pkt. 133:"), each with its own absences: those are that
//! committee's, not this meeting's, and are left out.

use super::item_refs;
use super::lines::{starts_with_word, Line};
use super::namelist;
use super::sections;
use crate::lexicon::{AttendanceWords, Lexicon};
use crate::model::{
    Absence, AbsenceKind, Attendance, ItemRange, Participant, Section, SectionKind, Span,
    Substitution, Text,
};

/// What the item's attendance is read against.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The meeting's participant list (may be empty).
    pub participants: &'a [Participant],
    /// The meeting's body, when the header names it, folded by [`body_key`].
    pub body: Option<&'a str>,
    /// The layout writes the item's absent members, unlabelled, under the heading.
    pub absence_after_heading: bool,
    /// The meeting's date (year, month, day): a decision heading dated otherwise is an
    /// earlier treatment of the case.
    pub date: Option<(i32, u32, u32)>,
}

/// The attendance of an item's `lines`, whose `sections` were read by [`sections::parse`].
pub fn parse(
    doc: &str,
    lines: &[Line],
    sections: &[Section],
    lex: &Lexicon,
    ctx: &Context,
) -> Attendance {
    let words = &lex.attendance;
    let mut reader = Reader {
        lex,
        ctx,
        att: Attendance::default(),
        unpaired: Vec::new(),
    };
    let mut scope = Scope::new(ctx, sections);
    let mut headings = sections.iter().peekable();
    // One quick pass over the whole body for the prose phrases' anchor words: most lines
    // hold none, and only those that do are read.
    let mut prose_hits = prose_hits(doc, lines, words).peekable();
    let mut first_text_line = true;
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        let t = line.trimmed();
        i += 1;
        if t.is_empty() || t.len() > 600 {
            continue;
        }
        // The case number's line ("Sagsnr.: 18/24758") may stand above the absence field.
        let case_line = first_text_line && super::items::is_case_line(t, lex);
        let was_first = first_text_line && !case_line;
        first_text_line &= case_line;
        let line_end = line.offset + line.text.len();
        while headings
            .next_if(|h| h.heading.span.offset < line.offset)
            .is_some()
        {}
        if let Some(h) = headings.next_if(|h| h.heading.span.offset < line_end) {
            scope.enter_section(h, ctx);
            continue;
        }
        if was_first && ctx.absence_after_heading && scope.before_sections() {
            if let Some(read) = reader.unlabelled_absences(line) {
                reader.att.absences.extend(read);
                continue;
            }
        }
        scope.read_statement(t, lex);
        if scope.quoted {
            continue;
        }
        if let Some((opened, rest)) = opener(t, words) {
            // "Fravær | Anna Holm | |": a table's row.
            let rest = rest.trim_start_matches([':', ' ', '-', '–', '|']);
            let rest = rest.trim_end_matches(['|', ' ']).trim();
            if rest.is_empty() {
                // "Fraværende:" — the names follow on the next lines, blank lines between.
                while let Some(next) = next_entry_line(lines, i, words, lex) {
                    let l = &lines[next];
                    reader.field(l.trimmed(), l.span().offset, opened, l.span());
                    i = next + 1;
                }
            } else {
                reader.field(rest, line.offset_of(rest), opened, line.span());
            }
            continue;
        }
        while prose_hits.next_if(|&at| at < line.offset).is_some() {}
        if prose_hits.peek().is_some_and(|&at| at < line_end) {
            reader.prose(line);
        }
    }
    reader.pair_unpaired();
    dedupe(&mut reader.att.absences);
    reader.att
}

/// What an opener at the start of a line introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opened {
    Absent(AbsenceKind),
    Substitutes,
}

/// "Afbud …", "Fraværende …", "Stedfortræder: …" at the start of a line; the longest wins
/// ("Fraværende med afbud" over "Fraværende").
fn opener<'a>(t: &'a str, words: &AttendanceWords) -> Option<(Opened, &'a str)> {
    let lists = [
        (&words.afbud, Opened::Absent(AbsenceKind::Afbud)),
        (&words.absent, Opened::Absent(AbsenceKind::Fravaerende)),
        (&words.partial, Opened::Absent(AbsenceKind::ForlodMoedet)),
        (&words.substitute_openers, Opened::Substitutes),
    ];
    // Most lines start with no opener: one anchored search rules them out before the
    // lists are read for the longest.
    let openers = words
        .opener_automaton
        .get_or_init(|| crate::fold::LinePrefixes::new(lists.iter().flat_map(|(list, _)| *list)));
    if !openers.starts(t) {
        return None;
    }
    let mut best: Option<(Opened, &'a str)> = None;
    for (list, opened) in lists {
        for w in list {
            if let Some(rest) = starts_with_word(t, w) {
                if best.is_none_or(|(_, r)| rest.len() < r.len()) {
                    best = Some((opened, rest));
                }
            }
        }
    }
    // "Afbud" alone is a field; "Afbudsliste" or "Fraværende medlemmer skal …" is not.
    best.filter(|(_, rest)| {
        let rest = rest.trim_start();
        rest.is_empty() || rest.starts_with([':', '-', '–', '|']) || starts_like_a_name(rest)
    })
}

/// The first letter of a name (after any title): upper case.
fn starts_like_a_name(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_uppercase)
}

/// The next line of a field's names after line `from` (blank lines skipped): a line of
/// entries that starts no other field and no section.
fn next_entry_line(
    lines: &[Line],
    from: usize,
    words: &AttendanceWords,
    lex: &Lexicon,
) -> Option<usize> {
    let k = (from..lines.len()).find(|&k| !lines[k].is_blank())?;
    // More than one blank line ends the field.
    if k > from + 2 {
        return None;
    }
    let line = &lines[k];
    let t = line.trimmed();
    if t.len() > 300
        || opener(t, words).is_some()
        || sections::heading(line, lex).is_some()
        || has_prose_phrase(t, words)
        || !is_entry_line(t, words, lex)
    {
        return None;
    }
    Some(k)
}

/// A line that is only people: every piece of it reads as a name ("Anette Holst, A,
/// (ferie)", "• Mikkel Dencker (O)", "Maria Holm, Bo Dahl indkaldt").
pub fn is_entry_line(t: &str, words: &AttendanceWords, lex: &Lexicon) -> bool {
    let t = t.trim_end_matches('.');
    let pieces = namelist::split_list(t, lex);
    !pieces.is_empty()
        && pieces.iter().all(|&(a, z)| {
            let (piece, _) = strip_stand_in_verb(&t[a..z], words);
            !namelist::starts_with_outcome(piece.trim_start(), lex)
                && namelist::entry(piece, 0, lex).is_some()
        })
}

/// "Bo Dahl indkaldt" → ("Bo Dahl", true).
fn strip_stand_in_verb<'a>(piece: &'a str, words: &AttendanceWords) -> (&'a str, bool) {
    let p = piece.trim_end_matches(['.', ' ']);
    for verb in &words.stand_in_verbs {
        if let Some(head) = p.strip_suffix(verb.as_str()) {
            if head.ends_with(' ') {
                return (head.trim_end(), true);
            }
        }
    }
    (piece, false)
}

/// Where the item's text stands: in a section of this meeting, or in what another body said.
struct Scope<'a> {
    /// Where the item's last decision heading starts: earlier decision headings that name
    /// a body are earlier treatments of the case.
    last_decision: Option<usize>,
    /// The meeting's body as [`body_key`] folds it.
    our_key: Option<&'a str>,
    in_decision: bool,
    seen_section: bool,
    /// Inside a statement or decision of another body: its absences are its own.
    quoted: bool,
}

impl<'a> Scope<'a> {
    fn new(ctx: &Context<'a>, sections: &[Section]) -> Self {
        Scope {
            last_decision: sections
                .iter()
                .rfind(|s| s.kind == SectionKind::Beslutning)
                .map(|s| s.heading.span.offset),
            our_key: ctx.body,
            in_decision: false,
            seen_section: false,
            quoted: false,
        }
    }

    fn before_sections(&self) -> bool {
        !self.seen_section
    }

    fn enter_section(&mut self, h: &Section, ctx: &Context) {
        self.seen_section = true;
        self.in_decision = h.kind == SectionKind::Beslutning;
        let dated = h.date.as_ref().map(|d| (d.year, d.month, d.day));
        self.quoted = match (&h.body_name, &self.our_key) {
            // The meeting's own date: this meeting, however the body's name is spelt.
            (Some(_), _) if dated.is_some() && ctx.date.is_some() => dated != ctx.date,
            (Some(named), Some(ours)) => !same_body(&body_key(&named.text), ours),
            (Some(_), None) => self
                .last_decision
                .is_some_and(|last| h.heading.span.offset < last),
            (None, _) => false,
        };
    }

    /// A line that quotes another body: "Økonomiudvalget anbefaler indstillingen.",
    /// "Senior- og Omsorgsudvalget: X var fraværende.", "Børn og Unge, 7. januar 2020,
    /// pkt. 133:", "Udvalg: Magistraten", "19-08-2019 Magistraten". In this meeting's own
    /// decision a committee's statement is this meeting's unless the header names another
    /// body.
    fn read_statement(&mut self, t: &str, lex: &Lexicon) {
        if dated_body_header(t, lex) {
            self.quoted = true;
            return;
        }
        let Some(body) = labelled_step(t, &lex.attendance)
            .or_else(|| dated_step(t, lex))
            .or_else(|| statement_of_a_committee(t, &lex.attendance))
        else {
            return;
        };
        match self.our_key {
            Some(ours) if same_body(&body_key(body), ours) => self.quoted = false,
            Some(_) => self.quoted = true,
            None if !self.in_decision => self.quoted = true,
            None => {}
        }
    }
}

/// A body's name folded for comparison: "Økonomiudvalget (ØU)" and "i Økonomiudvalget" are
/// "økonomiudvalget".
pub fn body_key(s: &str) -> String {
    let s = s.split('(').next().unwrap_or(s).trim();
    let s = s.strip_prefix("i ").unwrap_or(s);
    crate::names::name_key(s)
}

/// Two bodies' keys name one body when either holds the other ("økonomiudvalget" and
/// "kommunalbestyrelsensøkonomiudvalget").
fn same_body(a: &str, b: &str) -> bool {
    !a.is_empty() && !b.is_empty() && (a.contains(b) || b.contains(a))
}

/// The committee whose statement the line starts with: capitalised words (joined by "-",
/// ",", "og") ending in a committee's word, then ":" or a verb in lower case.
fn statement_of_a_committee<'a>(t: &'a str, words: &AttendanceWords) -> Option<&'a str> {
    if !starts_like_a_name(t) {
        return None;
    }
    // Words by a byte loop: the line's first few words are short, and a search per word
    // would cost more than the words.
    for w in t.split_ascii_whitespace().take(8) {
        let bare = w.trim_end_matches([':', ',']);
        let committee = words.body_endings.iter().any(|e| {
            bare.len() >= e.len()
                && bare.is_char_boundary(bare.len() - e.len())
                && crate::lexicon::eq_fold(&bare[bare.len() - e.len()..], e)
        });
        let joins = bare == "og" || bare.ends_with('-') || starts_like_a_name(bare);
        if committee {
            let end = super::lines::offset_in(t, w) + w.len();
            let body = &t[..end];
            let after = &t[end..];
            let said = w.ends_with(':')
                || after
                    .strip_prefix(' ')
                    .and_then(|a| a.chars().next())
                    .is_some_and(char::is_lowercase);
            return said.then(|| body.trim_end_matches([':', ',']));
        }
        if !joins {
            return None;
        }
    }
    None
}

/// "Plan, Miljø og Teknik, 7. januar 2020, pkt. 207:": a body's name, a date and the
/// number of its case, as a heading over what that body decided.
fn dated_body_header(t: &str, lex: &Lexicon) -> bool {
    t.len() < 160
        && t.ends_with(':')
        && starts_like_a_name(t)
        && !crate::parse::dates::find_dates(t, 0, &lex.calendar).is_empty()
}

/// "Udvalg: Magistraten": the body of a step of the case's history.
fn labelled_step<'a>(t: &'a str, words: &AttendanceWords) -> Option<&'a str> {
    words.step_body_labels.iter().find_map(|label| {
        let body = starts_with_word(t, label)?.strip_prefix(':')?.trim();
        starts_like_a_name(body).then_some(body)
    })
}

/// "19-08-2019 Magistraten": a step of the case's history, a date and the body that
/// treated it; what follows is that body's.
fn dated_step<'a>(t: &'a str, lex: &Lexicon) -> Option<&'a str> {
    if t.len() > 100 || t.ends_with(['.', ':']) || !t.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let date = crate::parse::dates::find_dates(t, 0, &lex.calendar)
        .into_iter()
        .next()
        .filter(|d| d.span.offset == 0)?;
    let body = t[date.span.length..].trim();
    let words = body.split_whitespace().count();
    (starts_like_a_name(body) && (1..=6).contains(&words)).then_some(body)
}

/// A member read as away, at the item where it is written (see [`Absence::items`]).
fn absence(e: &namelist::Entry, kind: AbsenceKind, line: Span) -> Absence {
    Absence {
        name: e.name.clone(),
        party: e.party.clone(),
        kind,
        span: e.span,
        line,
        items: Vec::new(),
        carried: false,
    }
}

/// Reads names into the item's attendance.
struct Reader<'a> {
    lex: &'a Lexicon,
    ctx: &'a Context<'a>,
    att: Attendance,
    /// Substitutes named without their member ("Som stedfortræder deltog X").
    unpaired: Vec<Text>,
}

impl Reader<'_> {
    /// A field's names: `t` starts at byte `base` of the document; `line` is the field.
    fn field(&mut self, t: &str, base: usize, opened: Opened, line: Span) {
        let words = &self.lex.attendance;
        let t = t.trim_end_matches('.');
        let mut last_absent: Option<Text> = None;
        for (a, z) in namelist::split_list(t, self.lex) {
            let (piece, stands_in) = strip_stand_in_verb(&t[a..z], words);
            let Some(e) = namelist::entry(piece, base + a, self.lex) else {
                continue;
            };
            let person = Text::new(&e.name, e.span);
            match (opened, stands_in, &last_absent) {
                (Opened::Absent(_), true, Some(member)) => {
                    let member = member.clone();
                    self.substitution(person, member, line);
                    continue;
                }
                (Opened::Substitutes, _, _) | (_, true, None) => {
                    self.unpaired.push(person);
                    continue;
                }
                (Opened::Absent(kind), false, _) => {
                    self.att.absences.push(absence(&e, kind, line));
                }
            }
            if let Some(by) = &e.replaced_by {
                self.substitution(Text::new(&by.name, by.span), person.clone(), line);
            } else if let Some((member, span)) = &e.substitute_for {
                self.substitution(person.clone(), Text::new(member, *span), line);
            }
            last_absent = Some(person);
        }
    }

    fn substitution(&mut self, substitute: Text, replaced: Text, span: Span) {
        self.att.substitutions.push(Substitution {
            substitute,
            replaced,
            span,
        });
    }

    /// The line under the heading, where the layout writes its absence field unlabelled:
    /// names with their parties, each one a member of the participant list when there is
    /// one ("Lars Egedal (V), Hans Nissen (A)").
    fn unlabelled_absences(&self, line: &Line) -> Option<Vec<Absence>> {
        let t = line.trimmed().trim_end_matches('.');
        let base = line.offset_of(t);
        let mut out = Vec::new();
        for (a, z) in namelist::split_list(t, self.lex) {
            let e = namelist::entry(&t[a..z], base + a, self.lex)?;
            e.party.as_ref()?;
            let members = self.ctx.participants;
            if !members.is_empty()
                && !members
                    .iter()
                    .any(|p| crate::names::same_person(&p.name, &e.name))
            {
                return None;
            }
            out.push(absence(&e, AbsenceKind::Fravaerende, line.span()));
        }
        (!out.is_empty()).then_some(out)
    }

    /// Attendance recorded in the sentences of a line.
    fn prose(&mut self, line: &Line) {
        let words = &self.lex.attendance;
        let t = line.text;
        // Every phrase of the line in one search: which reading, where, how long.
        let line_hits: Vec<(Phrase, usize, usize, usize)> = prose_phrases(words)
            .find_overlapping_iter(t)
            .filter(|m| word_bounded(t, m.start(), m.end()))
            .map(|m| {
                let (phrase, k) = phrase_of(words, m.pattern().as_usize());
                (phrase, k, m.start(), m.end())
            })
            .collect();
        if line_hits.is_empty() {
            return;
        }
        for sentence in sentences(t) {
            let s = sentence.trim();
            let start = super::lines::offset_in(t, s);
            let s_off = line.offset + start;
            let span = Span::new(s_off, s.len());
            // The sentence's phrases, counted from its start.
            let hits: Vec<(Phrase, usize, usize, usize)> = line_hits
                .iter()
                .filter(|h| h.2 >= start && h.3 <= start + s.len())
                .map(|&(phrase, k, a, z)| (phrase, k, a - start, z - start))
                .collect();
            if hits.is_empty() {
                continue;
            }
            self.sentence(s, s_off, span, &hits);
        }
    }

    /// One sentence's attendance, from the phrases found in it.
    fn sentence(
        &mut self,
        s: &str,
        s_off: usize,
        span: Span,
        hits: &[(Phrase, usize, usize, usize)],
    ) {
        let words = &self.lex.attendance;
        let first = |p: Phrase| {
            hits.iter()
                .filter(|h| h.0 == p)
                .min_by_key(|h| (h.2, std::cmp::Reverse(h.3)))
                .copied()
        };
        // "X deltog i stedet for Y og Z deltog i stedet for W".
        if let Some((_, k, _, _)) = hits
            .iter()
            .filter(|h| h.0 == Phrase::Substitute)
            .min_by_key(|h| h.1)
            .copied()
        {
            self.substitutions(s, s_off, &words.substitute[k], span);
            return;
        }
        // "I stedet for Y deltog X" at the sentence's start.
        if let Some((_, _, 0, end)) = first(Phrase::SubstituteReversed) {
            self.reversed_substitution(s, s_off, end, span);
            return;
        }
        // "I stedet mødte X og Y.": substitutes, paired by order with the absent.
        if let Some((_, _, 0, end)) = first(Phrase::SubstitutesAfter) {
            let names = s[end..].trim_start_matches([':', ' ']);
            let at = s_off + (s.len() - names.len());
            self.field(names, at, Opened::Substitutes, span);
            return;
        }
        // The names after the phrase: "Der er afbud fra X og Y.".
        for (phrase, kind) in [
            (Phrase::AfbudBefore, AbsenceKind::Afbud),
            (Phrase::AbsentBefore, AbsenceKind::Fravaerende),
        ] {
            if let Some((_, _, start, end)) = first(phrase) {
                // At the sentence's start, or after a subject ("Medlemmerne var mødt, …").
                if start == 0 || phrase == Phrase::AbsentBefore {
                    let after = s[end..].trim_start_matches([':', ' ']);
                    let at = s_off + (s.len() - after.len());
                    let names = after.trim_end_matches('.');
                    let before = self.att.absences.len();
                    self.field(names, at, Opened::Absent(kind), span);
                    if self.att.absences.len() > before {
                        return;
                    }
                }
            }
        }
        // The names before the phrase: "X og Y var fraværende.", "X forlod mødet kl. …";
        // the first phrase whose subject is names ("X var inhabil og deltog ikke …").
        let mut before: Vec<(Phrase, AbsenceKind, usize, usize, usize)> = [
            (Phrase::NotParticipating, AbsenceKind::DeltogIkke),
            (Phrase::Left, AbsenceKind::ForlodMoedet),
            (Phrase::Arrived, AbsenceKind::ForlodMoedet),
            (Phrase::Inhabil, AbsenceKind::Inhabil),
            (Phrase::Prevented, AbsenceKind::Fravaerende),
        ]
        .into_iter()
        .filter_map(|(p, kind)| first(p).map(|(_, k, start, end)| (p, kind, k, start, end)))
        .collect();
        before.sort_by_key(|b| b.3);
        for (phrase, kind, k, start, end) in before {
            if start == 0 || s.as_bytes()[start - 1] != b' ' {
                continue;
            }
            let kind = match (phrase, words.prevented.get(k)) {
                (Phrase::Prevented, Some(p)) => prevented_kind(p),
                _ => kind,
            };
            let subject = s[..start - 1].trim_end_matches([',', ' ']);
            let first_new = self.att.absences.len();
            let read = self.subject(subject, s_off, kind, span);
            if !read.is_empty() {
                if let Some(items) = covered_items(phrase, &s[start..], words) {
                    for a in &mut self.att.absences[first_new..] {
                        a.items = items.clone();
                    }
                }
                self.stand_ins_after(s, s_off, end, &read, span);
                return;
            }
        }
    }

    /// The subject of an attendance sentence, when it is only names: "Rådmand Nicolaj Bang og
    /// Jesper Kjeldsen", "Signe Goldmann, F". The people read.
    fn subject(&mut self, subject: &str, s_off: usize, kind: AbsenceKind, span: Span) -> Vec<Text> {
        // "Godkendt Emil Holm var fraværende": the decision run into the sentence.
        let (subject, s_off) = match subject.split_once(' ') {
            Some((first, rest)) if namelist::starts_with_outcome(first, self.lex) => {
                (rest, s_off + first.len() + 1)
            }
            _ => (subject, s_off),
        };
        let pieces = namelist::split_list(subject, self.lex);
        let entries: Option<Vec<namelist::Entry>> = pieces
            .iter()
            .map(|&(a, z)| namelist::entry(&subject[a..z], s_off + a, self.lex))
            .collect();
        let Some(entries) = entries else {
            return Vec::new();
        };
        let mut read = Vec::new();
        for e in entries {
            read.push(Text::new(&e.name, e.span));
            self.att.absences.push(absence(&e, kind, span));
        }
        read
    }

    /// "…, og Y deltog i stedet.": substitutes for the members just read, in order.
    fn stand_ins_after(
        &mut self,
        s: &str,
        s_off: usize,
        from: usize,
        members: &[Text],
        span: Span,
    ) {
        let words = &self.lex.attendance;
        let rest = &s[from..];
        let lower = crate::fold::lower_same_len(rest);
        let Some(p) = words
            .substitute_after_absence
            .iter()
            .filter_map(|m| lower.find(m.as_str()))
            .min()
        else {
            return;
        };
        // The substitutes: after the last ", og " / ". " / ", " before the phrase.
        let head = rest[..p].trim_end();
        let cut = [", og ", " og ", ", ", ". "]
            .iter()
            .filter_map(|sep| head.rfind(sep).map(|q| q + sep.len()))
            .max()
            .unwrap_or(0);
        let names = &head[cut..];
        let base = s_off + from + cut;
        let subs: Vec<Text> = namelist::split_list(names, self.lex)
            .into_iter()
            .filter_map(|(a, z)| namelist::entry(&names[a..z], base + a, self.lex))
            .map(|e| Text::new(&e.name, e.span))
            .collect();
        if subs.len() == members.len() {
            for (sub, member) in subs.into_iter().zip(members) {
                self.substitution(sub, member.clone(), span);
            }
        }
    }

    /// "I stedet for Y deltog X": `from` is where Y starts.
    fn reversed_substitution(&mut self, s: &str, s_off: usize, from: usize, span: Span) {
        let rest = &s[from..];
        let Some(verb) = [" deltog ", " mødte ", " indtrådte "]
            .iter()
            .filter_map(|v| rest.find(v).map(|p| (p, v.len())))
            .min()
        else {
            return;
        };
        let member = rest[..verb.0].trim();
        let sub = rest[verb.0 + verb.1..].trim_end_matches('.').trim();
        let at = |part: &str| s_off + from + (part.as_ptr() as usize - rest.as_ptr() as usize);
        let (Some(m), Some(x)) = (
            namelist::entry(member, at(member), self.lex),
            namelist::entry(sub, at(sub), self.lex),
        ) else {
            return;
        };
        self.substitution(Text::new(&x.name, x.span), Text::new(&m.name, m.span), span);
    }

    /// "X deltog i stedet for Y og Z deltog i stedet for W." — each piece between the phrases
    /// holds the member replaced before it and the substitute after it.
    fn substitutions(&mut self, s: &str, s_off: usize, phrase: &str, span: Span) {
        let lower = crate::fold::lower_same_len(s);
        let cuts: Vec<usize> = lower.match_indices(phrase).map(|(p, _)| p).collect();
        let mut substitute = self.last_person(&s[..cuts[0]], s_off);
        for (k, &cut) in cuts.iter().enumerate() {
            let from = cut + phrase.len();
            let to = cuts.get(k + 1).copied().unwrap_or(s.len());
            let part = &s[from..to];
            // "Y og Z": Y is the member replaced, Z the next substitute.
            let (member, next) = if k + 1 < cuts.len() {
                match part.rfind(" og ").or_else(|| part.rfind(", ")) {
                    Some(p) => (&part[..p], Some(p)),
                    None => (part, None),
                }
            } else {
                (part, None)
            };
            let member_t = member.trim().trim_end_matches('.');
            let member_at = s_off + from + (member.len() - member.trim_start().len());
            let replaced = namelist::entry(member_t, member_at, self.lex);
            if let (Some(x), Some(y)) = (&substitute, replaced) {
                self.substitution(x.clone(), Text::new(&y.name, y.span), span);
            }
            substitute = next.and_then(|p| {
                let n = part[p..].trim_start_matches([' ', ',']);
                let n = n.strip_prefix("og ").unwrap_or(n);
                let at = s_off + from + (part.len() - n.len());
                namelist::entry(n.trim_end(), at, self.lex).map(|e| Text::new(&e.name, e.span))
            });
        }
    }

    /// The person a stretch of prose ends with: the whole stretch when it is a name
    /// ("Tom Vang Knudsen"), else the last name in it ("Der forelå anmodning om, at Karina
    /// Sønderfort (A) i henhold til § 15 blev …").
    fn last_person(&self, text: &str, base: usize) -> Option<Text> {
        let t = text.trim_end();
        if let Some(e) = namelist::entry(t, base, self.lex) {
            return Some(Text::new(&e.name, e.span));
        }
        // The last run of two or more capitalised words outside parentheses.
        let mut best = None;
        let mut run: Option<(usize, usize, usize)> = None; // start, end, words
        let mut depth = 0i32;
        let mut pos = 0;
        for w in t.split(' ') {
            let at = pos;
            pos += w.len() + 1;
            let opens = w.matches('(').count() as i32;
            let closes = w.matches(')').count() as i32;
            let inside = depth > 0 || w.starts_with('(');
            depth += opens - closes;
            let bare = w.trim_end_matches([',', '.']);
            let is_name_word = !inside
                && bare.chars().next().is_some_and(char::is_uppercase)
                && bare
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '.');
            if is_name_word {
                run = Some(match run {
                    Some((a, _, n)) => (a, at + bare.len(), n + 1),
                    None => (at, at + bare.len(), 1),
                });
                // A comma or full stop ends the name, but an initial's ("Maria N. Tranberg")
                // does not.
                let initial =
                    bare.chars().count() == 1 && w.len() == bare.len() + 1 && w.ends_with('.');
                if bare.len() != w.len() && !initial {
                    if let Some(r) = run.take().filter(|r| r.2 >= 2) {
                        best = Some(r);
                    }
                }
            } else if let Some(r) = run.take().filter(|r| r.2 >= 2) {
                best = Some(r);
            }
        }
        if let Some(r) = run.filter(|r| r.2 >= 2) {
            best = Some(r);
        }
        let (a, z, n) = best?;
        (n <= 6).then(|| Text::new(&t[a..z], Span::new(base + a, z - a)))
    }

    /// Substitutes named without their member, paired in order with the item's absences
    /// that have no substitute yet, when the numbers agree ("Afbud fra A, B. Som suppleanter
    /// er indkaldt X, Y.").
    fn pair_unpaired(&mut self) {
        if self.unpaired.is_empty() {
            return;
        }
        let open: Vec<Text> = self
            .att
            .absences
            .iter()
            .filter(|a| matches!(a.kind, AbsenceKind::Afbud | AbsenceKind::Fravaerende))
            .filter(|a| {
                !self
                    .att
                    .substitutions
                    .iter()
                    .any(|s| crate::names::same_person(&s.replaced.text, &a.name))
            })
            .map(|a| Text::new(&a.name, a.span))
            .collect();
        if open.len() != self.unpaired.len() {
            return;
        }
        let subs = std::mem::take(&mut self.unpaired);
        for (sub, member) in subs.into_iter().zip(open) {
            let span = sub.span;
            self.substitution(sub, member, span);
        }
    }
}

/// "havde meldt afbud", "havde lovligt forfald": afbud; "var fraværende", "udeblev uden
/// afbud": absent.
/// The items a sentence's absence covers, from the items it names: who left after item 8
/// is away from item 9 on, who arrived during item 2 was away before it, who did not take
/// part in items 12-15 was away at those.
fn covered_items(phrase: Phrase, rest: &str, words: &AttendanceWords) -> Option<Vec<ItemRange>> {
    use item_refs::Relation::*;
    let (relation, ranges) = item_refs::find(rest, words)?;
    let first = ranges.iter().filter_map(|r| r.from).min()?;
    let last = ranges.iter().filter_map(|r| r.to).max()?;
    let range = |from: Option<u32>, to: Option<u32>| Some(vec![ItemRange { from, to }]);
    match (phrase, relation) {
        (Phrase::Left, Before) => range(Some(first), None),
        (Phrase::Left, _) => range(Some(last + 1), None),
        (Phrase::Arrived, After) => range(None, Some(last)),
        (Phrase::Arrived, _) => range(None, Some(first.saturating_sub(1))),
        (_, During) => Some(ranges),
        _ => None,
    }
}

fn prevented_kind(phrase: &str) -> AbsenceKind {
    let apologised = phrase.contains("afbud") || phrase.contains("forfald");
    if apologised && !phrase.contains("uden") {
        AbsenceKind::Afbud
    } else {
        AbsenceKind::Fravaerende
    }
}

/// A phrase starts and ends at word boundaries ("var fraværende" not in "var fraværendes").
fn word_bounded(s: &str, start: usize, end: usize) -> bool {
    let before = s[..start].chars().next_back();
    let after = s[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Which reading a prose phrase asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phrase {
    Substitute,
    SubstituteReversed,
    NotParticipating,
    Left,
    Arrived,
    Inhabil,
    Prevented,
    AfbudBefore,
    AbsentBefore,
    /// A substitute field's opener inside a line: "… I stedet mødte X og Y."
    SubstitutesAfter,
}

/// The lexicon's lists of prose phrases, with the reading each asks for.
fn prose_lists(words: &AttendanceWords) -> [(&Vec<String>, Phrase); 10] {
    [
        (&words.substitute, Phrase::Substitute),
        (&words.substitute_reversed, Phrase::SubstituteReversed),
        (&words.not_participating, Phrase::NotParticipating),
        (&words.left, Phrase::Left),
        (&words.arrived, Phrase::Arrived),
        (&words.inhabil, Phrase::Inhabil),
        (&words.prevented, Phrase::Prevented),
        (&words.afbud_before, Phrase::AfbudBefore),
        (&words.absent_before, Phrase::AbsentBefore),
        (&words.substitute_openers, Phrase::SubstitutesAfter),
    ]
}

/// The reading and the index in its list of the phrase with this id of [`prose_phrases`].
fn phrase_of(words: &AttendanceWords, mut id: usize) -> (Phrase, usize) {
    for (list, phrase) in prose_lists(words) {
        if id < list.len() {
            return (phrase, id);
        }
        id -= list.len();
    }
    (Phrase::Prevented, usize::MAX)
}

/// Where a prose phrase may start in the lines' stretch of `doc` (an anchor word of one),
/// in order; every line start where no SIMD search is at hand.
fn prose_hits<'a>(
    doc: &'a str,
    lines: &'a [Line],
    words: &'a AttendanceWords,
) -> Box<dyn Iterator<Item = usize> + 'a> {
    let from = lines.first().map_or(0, |l| l.offset);
    let to = lines.last().map_or(0, |l| l.offset + l.text.len());
    let text = doc.get(from..to).unwrap_or("");
    let anchors = words.prose_anchors.get_or_init(|| {
        crate::fold::Anchors::new(
            prose_lists(words)
                .into_iter()
                .flat_map(|(list, _)| list)
                .map(String::as_str),
        )
    });
    match anchors.starts(text) {
        Some(starts) => Box::new(starts.map(move |at| from + at)),
        None => Box::new(lines.iter().map(|l| l.offset)),
    }
}

/// Every prose phrase, as one case-insensitive automaton built once per lexicon.
fn prose_phrases(words: &AttendanceWords) -> &aho_corasick::AhoCorasick {
    words.prose_automaton.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(prose_lists(words).into_iter().flat_map(|(list, _)| list))
            .expect("lexicon phrases build an automaton")
    })
}

/// "Jan Dahl, A, ankom til mødet kl. 17.35": a sentence about a person, read as prose, not
/// as one more entry of the field above it.
fn has_prose_phrase(t: &str, words: &AttendanceWords) -> bool {
    prose_phrases(words)
        .find_overlapping_iter(t)
        .any(|m| word_bounded(t, m.start(), m.end()))
}

/// Sentences of a line: split after ". " (but not after initials or abbreviations like "kl.").
fn sentences(t: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, _) in t.match_indices(". ") {
        let before = &t[start..i];
        let last_word = before.rsplit(' ').next().unwrap_or("");
        let next = t[i + 2..].chars().next();
        if last_word.chars().count() <= 2
            || last_word == "kl"
            || last_word.ends_with(|c: char| c.is_ascii_digit())
            || next.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
        {
            continue;
        }
        out.push(&t[start..i + 1]);
        start = i + 2;
    }
    out.push(&t[start..]);
    out
}

/// The same absence recorded twice on one item (000 records "Fraværende:" in the decision
/// and again at the end of the item) counts once; the first occurrence is kept.
fn dedupe(absences: &mut Vec<Absence>) {
    let mut seen = std::collections::HashSet::new();
    absences.retain(|a| seen.insert((a.name.clone(), a.kind)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::lexicon;
    use crate::parse::lines::lines;

    fn att(text: &str) -> Attendance {
        let lines = lines(text, 0);
        let sections = crate::parse::sections::parse(text, &lines, lexicon(), false);
        parse(text, &lines, &sections, lexicon(), &Context::default())
    }

    fn named(a: &Attendance) -> Vec<(&str, AbsenceKind)> {
        a.absences
            .iter()
            .map(|a| (a.name.as_str(), a.kind))
            .collect()
    }

    #[test]
    fn line_openers() {
        let a = att("Afbud Emil Viskum\n\nAfbud: Susanne Provstgaard (V).\nFraværende Malene Rask, Raul Puf, Mohammed Hamad");
        let names = named(&a);
        assert_eq!(
            names,
            [
                ("Emil Viskum", AbsenceKind::Afbud),
                ("Susanne Provstgaard", AbsenceKind::Afbud),
                ("Malene Rask", AbsenceKind::Fravaerende),
                ("Raul Puf", AbsenceKind::Fravaerende),
                ("Mohammed Hamad", AbsenceKind::Fravaerende)
            ]
        );
        assert_eq!(a.absences[1].party.as_deref(), Some("V"));
    }

    #[test]
    fn names_on_following_lines_and_spans() {
        let text = "Godkendt.\n\nFraværende:\n\nHenrik Torning\n\nSagsfremstilling\n\nFraværende Henrik Torning";
        let a = att(text);
        assert_eq!(a.absences.len(), 1);
        let s = a.absences[0].span;
        assert_eq!(&text[s.offset..s.end()], "Henrik Torning");
    }

    #[test]
    fn substitutions_in_one_sentence() {
        let text = "Tom Vang Knudsen deltog i stedet for Kristine Henriksen og Lone Yalcinkaya deltog i stedet for Suleman Naim.";
        let a = att(text);
        let pairs: Vec<_> = a
            .substitutions
            .iter()
            .map(|s| (s.substitute.text.as_str(), s.replaced.text.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("Tom Vang Knudsen", "Kristine Henriksen"),
                ("Lone Yalcinkaya", "Suleman Naim")
            ]
        );
        for s in &a.substitutions {
            assert_eq!(
                &text[s.substitute.span.offset..s.substitute.span.end()],
                s.substitute.text
            );
            assert_eq!(
                &text[s.replaced.span.offset..s.replaced.span.end()],
                s.replaced.text
            );
        }
    }

    #[test]
    fn prose_absences() {
        let a = att("Socialdemokratiet tog forbehold.\nRådmand Nicolaj Bang og Jesper Kjeldsen deltog ikke i sagens behandling.");
        let names = named(&a);
        assert_eq!(
            names,
            [
                ("Nicolaj Bang", AbsenceKind::DeltogIkke),
                ("Jesper Kjeldsen", AbsenceKind::DeltogIkke)
            ]
        );
    }

    #[test]
    fn a_committee_quoted_in_the_item_keeps_its_absences() {
        let text = "Indstilling\n\nByudvalget indstiller, at planen godkendes.\n\nAnna Holm var fraværende.\n\n\
            Økonomiudvalget anbefaler indstillingen.\n\nBo Dahl var fraværende.\n\nBeslutning\n\n\
            Godkendt.\n\nCarl Berg og Dorte Lund var fraværende.";
        let names: Vec<_> = att(text).absences.into_iter().map(|a| a.name).collect();
        assert_eq!(names, ["Carl Berg", "Dorte Lund"]);
    }
}
