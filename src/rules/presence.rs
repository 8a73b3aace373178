//! Who was present at an item: the participant list, minus members with afbud for the whole
//! meeting, minus the item's absences (afbud, fraværende, forlod mødet, deltog ikke, inhabil)
//! that hold at it (one that names its items holds at those), plus substitutes ("X deltog i stedet for Y"). Vote and attendance rules measure against this.

use crate::model::{AbsenceKind, Item, Minutes, Span};
use crate::names::same_person;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status<'a> {
    Present,
    /// "(Afbud)" in the participant list and nothing on the item says otherwise.
    HeaderAfbud,
    /// Recorded absent on the item; `line` is the attendance line, `span` the name in it.
    Absent {
        kind: AbsenceKind,
        line: Span,
        span: Span,
    },
    /// A substitute sat in: `by` is the substitute's name, `span` the sentence.
    Replaced {
        by: &'a str,
        span: Span,
    },
}

#[derive(Debug, Clone)]
pub struct Attendee<'a> {
    pub name: &'a str,
    /// Party letter; for a substitute, the party of the member they replaced (a stedfortræder
    /// comes from the same list).
    pub party: Option<&'a str>,
    /// A substitute, not on the participant list.
    pub substitute: bool,
    pub status: Status<'a>,
    /// Where the person is named: the participant list entry, or the substitution sentence.
    pub span: Span,
}

impl Attendee<'_> {
    pub fn is_present(&self) -> bool {
        self.status == Status::Present
    }
}

/// Everyone who could have been at `item`, with their status. Names are borrowed from the
/// minutes: every vote and attendance rule asks this for every item.
pub fn at_item<'a>(minutes: &'a Minutes, item: &'a Item) -> Vec<Attendee<'a>> {
    let mut out: Vec<Attendee> = minutes
        .participants
        .iter()
        // Officials (kommunaldirektør, referent) attend but neither vote nor count.
        .filter(|p| !p.official)
        .map(|p| Attendee {
            name: &p.name,
            party: p.party.as_deref(),
            substitute: false,
            status: if p.away() {
                Status::HeaderAfbud
            } else {
                Status::Present
            },
            span: p.span,
        })
        .collect();
    // Names are matched as the same person even when spelt differently (name/* reports the
    // spelling): "Annemette Bak" in the list is "Anne Mette Bak" in an absence line.
    // An absence that names its items holds at those only ("forlod mødet efter punkt 8"
    // written under item 1); those carried here from another item are in the list too.
    for absence in item
        .attendance
        .absences
        .iter()
        .filter(|a| a.holds_at(item.number))
    {
        if let Some(a) = out.iter_mut().find(|a| same_person(a.name, &absence.name)) {
            a.status = Status::Absent {
                kind: absence.kind,
                line: absence.line,
                span: absence.span,
            };
        }
    }
    for sub in &item.attendance.substitutions {
        let mut party = None;
        if let Some(a) = out
            .iter_mut()
            .find(|a| !a.substitute && same_person(a.name, &sub.replaced.text))
        {
            a.status = Status::Replaced {
                by: &sub.substitute.text,
                span: sub.span,
            };
            party = a.party;
        }
        if !out
            .iter()
            .any(|a| same_person(a.name, &sub.substitute.text))
        {
            out.push(Attendee {
                name: &sub.substitute.text,
                party,
                substitute: true,
                status: Status::Present,
                span: sub.substitute.span,
            });
        }
    }
    out
}

/// The number present, or `None` when the document has no participant list to count from.
pub fn present_count(minutes: &Minutes, item: &Item) -> Option<usize> {
    if minutes.participants.is_empty() {
        return None;
    }
    Some(
        at_item(minutes, item)
            .iter()
            .filter(|a| a.is_present())
            .count(),
    )
}

/// With a roster for the body (referat.toml), party letters the document does not write come
/// from the roster: a member's own, and for a substitute the party of the member whose
/// stedfortræder they are.
pub fn apply_roster<'a>(people: &mut [Attendee<'a>], roster: &'a crate::config::Body) {
    use crate::names::same_person;
    for person in people.iter_mut().filter(|p| p.party.is_none()) {
        let own = roster
            .members
            .iter()
            .find(|m| same_person(&m.name, person.name));
        let via_substitute = || {
            roster
                .members
                .iter()
                .find(|m| m.substitutes.iter().any(|s| same_person(s, person.name)))
        };
        person.party = own.or_else(via_substitute).and_then(|m| m.party.as_deref());
    }
}
