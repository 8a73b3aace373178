//! Attendance as Danish minutes write it (../shared/LAYOUTS.md, "Absence / attendance",
//! "Substitute", "Arrival, departure"): each phrasing, written into an item of a document
//! with invented names, and who is read as away, standing in or leaving. New phrasings go
//! into rules/lexicon.toml (`[attendance]`) and a row here.

use referat::model::AbsenceKind::{self, *};
use referat::parse::parse;

const HEADER: &str = "REFERAT Kultur- og Fritidsudvalget d. 15-04-2026\n\
Mødedato Onsdag d. 15. april 2026 kl. 17:00\n\
Deltagere: Anna Holm (A), Bo Dahl (V), Carl Berg (C), Dorte Lund (F), Erik Moe (O), Frida Kjær (Ø), Gustav Friis (B)\n\n";

/// (the item's decision text, [(absent, kind)], [(substitute, replaced)]).
type Row = (
    &'static str,
    &'static [(&'static str, AbsenceKind)],
    &'static [(&'static str, &'static str)],
);

const ROWS: &[Row] = &[
    // Fields at the start of a line, names on the line or the next ones.
    ("Afbud: Anna Holm (A).", &[("Anna Holm", Afbud)], &[]),
    ("Afbud fra Anna Holm og Bo Dahl", &[("Anna Holm", Afbud), ("Bo Dahl", Afbud)], &[]),
    ("Fraværende: Carl Berg, Dorte Lund", &[("Carl Berg", Fravaerende), ("Dorte Lund", Fravaerende)], &[]),
    ("Fraværende:\n\nCarl Berg\n\nSagsfremstilling", &[("Carl Berg", Fravaerende)], &[]),
    ("Fraværende:\nGodkendt.", &[], &[]),
    ("Fraværende med afbud:\nAnna Holm, A, (ferie)\nBo Dahl (V), tjenesterejse.\n\nFraværende uden afbud:\nCarl Berg (C)", &[("Anna Holm", Afbud), ("Bo Dahl", Afbud), ("Carl Berg", Fravaerende)], &[]),
    ("Ikke til stede: Erik Moe (O)", &[("Erik Moe", Fravaerende)], &[]),
    ("Afbud fra:\nAnna Holm pga. arbejde.", &[("Anna Holm", Afbud)], &[]),
    ("Fraværende: Anna Holm (A) - Hans Vig (A) mødte som stedfortræder", &[("Anna Holm", Fravaerende)], &[("Hans Vig", "Anna Holm")]),
    ("Afbud fra Bo Dahl stedfortræder Ida Krog", &[("Bo Dahl", Afbud)], &[("Ida Krog", "Bo Dahl")]),
    // Prose: the names before the phrase.
    ("Godkendt.\n\nAnna Holm var fraværende.", &[("Anna Holm", Fravaerende)], &[]),
    ("Anna Holm og Bo Dahl var fraværende.", &[("Anna Holm", Fravaerende), ("Bo Dahl", Fravaerende)], &[]),
    ("Godkendt Anna Holm og Bo Dahl var fraværende.", &[("Anna Holm", Fravaerende), ("Bo Dahl", Fravaerende)], &[]),
    ("Erik Moe var fraværende uden afbud.", &[("Erik Moe", Fravaerende)], &[]),
    ("Carl Berg havde meldt afbud.", &[("Carl Berg", Afbud)], &[]),
    ("Carl Berg havde meldt lovligt forfald.", &[("Carl Berg", Afbud)], &[]),
    ("Dorte Lund deltog ikke i sagens behandling.", &[("Dorte Lund", DeltogIkke)], &[]),
    ("Dorte Lund deltog ikke i mødet.", &[("Dorte Lund", Fravaerende)], &[]),
    ("Frida Kjær var inhabil og deltog ikke i behandlingen.", &[("Frida Kjær", Inhabil)], &[]),
    ("Frida Kjær erklærede sig inhabil.", &[("Frida Kjær", Inhabil)], &[]),
    ("Erik Moe udeblev uden afbud.", &[("Erik Moe", Fravaerende)], &[]),
    ("Bo Dahl forlod mødet kl. 18.30.", &[("Bo Dahl", ForlodMoedet)], &[]),
    ("Bo Dahl, V, ankom til mødet kl. 17.35 under behandlingen af punkt 2.", &[("Bo Dahl", ForlodMoedet)], &[]),
    // Prose: the names after the phrase.
    ("Der var afbud fra Anna Holm og Bo Dahl.", &[("Anna Holm", Afbud), ("Bo Dahl", Afbud)], &[]),
    ("Medlemmerne var mødt, bortset fra Gustav Friis.", &[("Gustav Friis", Fravaerende)], &[]),
    // Substitutes, paired with the member they replace.
    ("Hans Vig deltog i stedet for Anna Holm.", &[], &[("Hans Vig", "Anna Holm")]),
    ("I stedet for Anna Holm deltog Hans Vig.", &[], &[("Hans Vig", "Anna Holm")]),
    ("Anna Holm havde meldt afbud, og Hans Vig deltog i stedet.", &[("Anna Holm", Afbud)], &[("Hans Vig", "Anna Holm")]),
    ("Afbud fra Anna Holm, Bo Dahl.\nSom suppleanter er indkaldt Hans Vig, Ida Krog.", &[("Anna Holm", Afbud), ("Bo Dahl", Afbud)], &[("Hans Vig", "Anna Holm"), ("Ida Krog", "Bo Dahl")]),
    ("Anna Holm og Bo Dahl havde meldt forfald. I stedet mødte Hans Vig og Ida Krog.", &[("Anna Holm", Afbud), ("Bo Dahl", Afbud)], &[("Hans Vig", "Anna Holm"), ("Ida Krog", "Bo Dahl")]),
    ("Afbud: Carl Berg\nStedfortræder: Jens Bak", &[("Carl Berg", Afbud)], &[("Jens Bak", "Carl Berg")]),
];

/// What another body said inside the item is that body's: none of these is read.
const QUOTED: &[&str] = &[
    "Indstilling\nØkonomiudvalget anbefaler indstillingen.\nAnna Holm var fraværende.\n\nBeslutning\nGodkendt.",
    "Sagens forløb\n19-03-2026 Magistraten\nFremsendes med anbefaling.\nAnna Holm deltog ikke i sagens behandling.\n\nBeslutning\nGodkendt.",
    "Udvalg: Teknisk Udvalg\nDato: 01-04-2026\nAnbefales.\nAnna Holm var fraværende.\n\nBeslutning\nGodkendt.",
];

fn item_attendance(body: &str) -> referat::model::Attendance {
    let doc = format!("{HEADER}Punkt 1: Godkendelse af regnskab\n\n{body}\n");
    let m = parse(&doc);
    let item = m
        .items
        .iter()
        .find(|i| i.number == Some(1))
        .unwrap_or_else(|| panic!("no item 1 in {doc:?}"));
    item.attendance.clone()
}

#[test]
fn phrasings_give_who_was_away_and_who_stood_in() {
    let mut bad = Vec::new();
    for (body, absent, subs) in ROWS {
        let a = item_attendance(body);
        let got_absent: Vec<(&str, AbsenceKind)> = a
            .absences
            .iter()
            .map(|x| (x.name.as_str(), x.kind))
            .collect();
        let got_subs: Vec<(&str, &str)> = a
            .substitutions
            .iter()
            .map(|s| (s.substitute.text.as_str(), s.replaced.text.as_str()))
            .collect();
        if got_absent != *absent || got_subs != *subs {
            bad.push(format!(
                "{body:?}\n  want {absent:?} {subs:?}\n  got  {got_absent:?} {got_subs:?}"
            ));
        }
    }
    assert!(
        bad.is_empty(),
        "{} of {} rows:\n{}",
        bad.len(),
        ROWS.len(),
        bad.join("\n")
    );
}

#[test]
fn another_bodys_absences_quoted_in_the_item_are_not_this_meetings() {
    for body in QUOTED {
        let a = item_attendance(body);
        assert!(a.absences.is_empty(), "{body:?}: {:?}", a.absences);
    }
    // The same sentence under this meeting's own decision is read.
    let own = item_attendance(
        "Beslutning Økonomiudvalget den 15-04-2026\nGodkendt.\nAnna Holm var fraværende.",
    );
    assert_eq!(own.absences.len(), 1, "{own:?}");
}

/// A sentence that names items ("forlod mødet efter punkt 1", "ankom under behandlingen af
/// punkt 2", "deltog ikke under punkterne 2-3") decides who is present at each item, and
/// each item's votes are checked against those present at it.
#[test]
fn presence_follows_the_items_a_sentence_names() {
    let doc = |note: &str, vote2: &str| {
        format!(
            "{HEADER}Punkt 1: Godkendelse af dagsorden\n\nBeslutning\nGodkendt.\n{note}\n\n\
             Punkt 2: Salg af grund\n\nBeslutning\n{vote2}\n\n\
             Punkt 3: Eventuelt\n\nBeslutning\nIntet.\n"
        )
    };
    let rules = |note: &str, vote2: &str| -> Vec<&'static str> {
        referat::check_text("partial.txt", &doc(note, vote2))
            .findings
            .iter()
            .map(|f| f.rule)
            .filter(|r| r.starts_with("vote/") || r.starts_with("attendance/"))
            .collect()
    };
    let bo_votes = "Anna Holm, Bo Dahl og Carl Berg stemte for. Godkendt.";
    let without_bo = "Anna Holm og Carl Berg stemte for. Godkendt.";
    // Left after item 1: voting at item 2 is a fault, not voting is clean.
    let left = "Bo Dahl forlod mødet efter behandlingen af punkt 1.";
    assert!(
        rules(left, bo_votes).contains(&"vote/absent-voter"),
        "{:?}",
        rules(left, bo_votes)
    );
    assert_eq!(rules(left, without_bo), Vec::<&str>::new());
    // Arrived during item 2: present at it.
    let arrived = "Bo Dahl ankom til mødet kl. 17.35 under behandlingen af punkt 2.";
    assert_eq!(rules(arrived, bo_votes), Vec::<&str>::new());
    // Away from items 2-3.
    let away = "Bo Dahl deltog ikke under punkterne 2-3.";
    assert!(
        rules(away, bo_votes).contains(&"vote/absent-voter"),
        "{:?}",
        rules(away, bo_votes)
    );
    // The items carry the absence in the extracted model.
    let m = parse(&doc(away, without_bo));
    let at = |n: u32| {
        m.items.iter().find(|i| i.number == Some(n)).map(|i| {
            i.attendance
                .absences
                .iter()
                .any(|a| a.name == "Bo Dahl" && a.holds_at(Some(n)))
        })
    };
    assert_eq!((at(1), at(2), at(3)), (Some(false), Some(true), Some(true)));
}
