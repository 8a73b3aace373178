//! Participant lists in the forms Danish minutes write them, each with one member absent,
//! and three faults that only a participant list can reveal: a tally larger than the members
//! present, an absent member who voted, an absent member who approved the minutes. Before
//! the layout-general reading these lists were not seen (or seen as one name) and all three
//! faults passed with exit status 0. The clean variant of every form must stay clean.
//!
//! Also: a non-breaking space after "d." (Word, pandoc) must not switch the weekday check
//! off nor glue the date to the body name.

use referat::rules::Severity;

/// Anna Holt (A), Bent Krog (V), Carla Nørby (V), Dennis Mørk (C) present; Eja Sand (A) absent.
const FORMS: &[(&str, &str)] = &[
    (
        "one per line",
        "Deltagere:\nAnna Holt (A)\nBent Krog (V)\nCarla Nørby (V)\nDennis Mørk (C)\nEja Sand (A)\n\nAfbud:\nEja Sand (A)\n",
    ),
    (
        "Fremmødte",
        "Fremmødte: Anna Holt (A), Bent Krog (V), Carla Nørby (V) og Dennis Mørk (C)\n\nAfbud: Eja Sand (A)\n",
    ),
    (
        "Tilstede",
        "Tilstede: Anna Holt (A), Bent Krog (V), Carla Nørby (V), Dennis Mørk (C)\n\nFraværende: Eja Sand (A)\n",
    ),
    (
        "Deltog",
        "Deltog: Anna Holt (A), Bent Krog (V), Carla Nørby (V), Dennis Mørk (C)\n\nFraværende: Eja Sand (A)\n",
    ),
    (
        "Medlemmer with status",
        "Medlemmer:\nAnna Holt (A)\nBent Krog (V)\nCarla Nørby (V)\nDennis Mørk (C)\nEja Sand (A) - Afbud\n",
    ),
    (
        "tab table",
        "Navn\tParti\tBemærkning\nAnna Holt\tA\t\nBent Krog\tV\t\nCarla Nørby\tV\t\nDennis Mørk\tC\t\nEja Sand\tA\tAfbud\n",
    ),
    (
        "Til stede with roles",
        "Til stede:\nAnna Holt (A), formand\nBent Krog (V), næstformand\nCarla Nørby (V)\nDennis Mørk (C)\n\nFraværende:\nEja Sand (A)\n",
    ),
];

const CLEAN_VOTE: &str = "For stemte A (1), V (2). Imod stemte C (1). Indstillingen blev godkendt.";

const SIGNATURES: &str = "\nGodkendelsesark\n\nBruger\n\nAnna Holt\n\nBent Krog\n\nCarla Nørby\n\nDennis Mørk\n\n{extra}Status\n\nGodkendt\n\nGodkendt\n\nGodkendt\n\nGodkendt\n\n{extra_status}";

fn document(participants: &str, vote: &str, extra_signer: bool) -> String {
    let signatures = SIGNATURES
        .replace("{extra}", if extra_signer { "Eja Sand\n\n" } else { "" })
        .replace(
            "{extra_status}",
            if extra_signer { "Godkendt\n\n" } else { "" },
        );
    format!(
        "REFERAT Økonomiudvalget d. 15-04-2026\n\nMødedato Onsdag d. 15. april 2026 kl. 17:30\n\n{participants}\n\
         Punkt 1: Salg af grund\n\nBeslutning\n\n{vote}\n\n\
         Punkt 2: Underskriftsark\n{signatures}"
    )
}

fn errors(text: &str) -> Vec<&'static str> {
    let checked = referat::check_text("form.txt", text);
    checked
        .findings
        .iter()
        .filter(|f| referat::catalogue::head(f.rule).map(|h| h.severity) == Some(Severity::Error))
        .map(|f| f.rule)
        .collect()
}

#[test]
fn each_form_is_clean_when_consistent() {
    let mut problems = Vec::new();
    for (form, participants) in FORMS {
        let found = errors(&document(participants, CLEAN_VOTE, false));
        if !found.is_empty() {
            problems.push(format!("{form}: clean document gives {found:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn each_form_reveals_the_three_faults() {
    let faults: [(&str, String, bool, &str); 3] = [
        (
            "tally larger than present",
            "For stemte A (2), V (2). Imod stemte C (1). Indstillingen blev godkendt.".into(),
            false,
            "vote/tally-exceeds-present",
        ),
        (
            "absent member voted",
            "Anna Holt, Bent Krog og Carla Nørby stemte for. Eja Sand stemte imod. Godkendt."
                .into(),
            false,
            "vote/absent-voter",
        ),
        (
            "absent member signed",
            CLEAN_VOTE.into(),
            true,
            "attendance/absent-member-signed",
        ),
    ];
    let mut problems = Vec::new();
    for (form, participants) in FORMS {
        for (fault, vote, extra_signer, rule) in &faults {
            let found = errors(&document(participants, vote, *extra_signer));
            if !found.contains(rule) {
                problems.push(format!("{form} / {fault}: expected {rule}, got {found:?}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn non_breaking_space_after_d_keeps_the_weekday_check() {
    let header = |space: &str, weekday: &str| {
        format!(
            "REFERAT Kultur- og Fritidsudvalget d.{space}14-04-2026\n\nMødedato {weekday} d.{space}14. april 2026 kl. 16:00\n\n\
             Mødedeltagere Anna Holt (A), Bent Krog (V)\n\n\
             Punkt 1: Godkendelse af dagsorden\n\nBeslutning Kultur- og Fritidsudvalget d.{space}14-04-2026\n\nGodkendt.\n"
        )
    };
    for space in [" ", "\u{a0}", "\u{202f}"] {
        let wrong = referat::check_text("nbsp.txt", &header(space, "Onsdag"));
        let rules: Vec<_> = wrong.findings.iter().map(|f| f.rule).collect();
        assert!(
            rules.contains(&"date/weekday-mismatch"),
            "{space:?}: wrong weekday not found: {rules:?}"
        );
        let right = referat::check_text("nbsp.txt", &header(space, "Tirsdag"));
        let rules: Vec<_> = right.findings.iter().map(|f| f.rule).collect();
        assert!(
            !rules
                .iter()
                .any(|r| *r == "date/weekday-mismatch" || *r == "structure/decision-body-mismatch"),
            "{space:?}: false finding on a consistent header: {rules:?}"
        );
        assert_eq!(
            right.minutes.meeting.body.as_ref().map(|b| b.text.as_str()),
            Some("Kultur- og Fritidsudvalget"),
            "{space:?}"
        );
    }
}

#[test]
fn zero_width_space_in_a_name_is_the_same_name() {
    let text =
        "REFERAT Økonomiudvalget d. 15-04-2026\n\nMødedato Onsdag d. 15. april 2026 kl. 17:30\n\n\
                Mødedeltagere Anna Holt (A), Bent\u{200b} Krog (V)\n\n\
                Punkt 1: Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt.\n\n\
                Punkt 2: Underskriftsark\n\nGodkendelsesark\n\nBruger\n\nAnna Holt\n\nBent Krog\n\n\
                Status\n\nGodkendt\n\nGodkendt\n";
    let checked = referat::check_text("zwsp.txt", text);
    let rules: Vec<_> = checked.findings.iter().map(|f| f.rule).collect();
    assert!(
        !rules.contains(&"attendance/attendee-not-signed"),
        "{rules:?}"
    );
    assert!(checked
        .minutes
        .participants
        .iter()
        .any(|p| p.name == "Bent Krog"));
}

/// A page whose headings were lost (or a vote record, which has none) is one implicit item:
/// its tally is still read and checked against the participant list, and the sentences
/// around a vote are not reported as votes that could not be read.
#[test]
fn votes_of_a_document_without_headings_are_checked() {
    let text = |tally: &str| {
        format!(
            "Mødedeltagere Anna Holt (A), Bent Krog (V), Carla Nørby (V)\n\n\
             Der stemmes om forslagets endelige vedtagelse.\nAfstemningen slutter.\n\
             {tally}\nForslaget er vedtaget.\n"
        )
    };
    let wrong = referat::check_text(
        "record.txt",
        &text("For stemte 3 (A, V), imod stemte 1 (V)."),
    );
    let rules: Vec<_> = wrong.findings.iter().map(|f| f.rule).collect();
    assert!(rules.contains(&"vote/tally-exceeds-present"), "{rules:?}");
    assert!(wrong.minutes.items.iter().all(|i| i.implicit));
    let right = referat::check_text(
        "record.txt",
        &text("For stemte 2 (A, V), imod stemte 1 (V)."),
    );
    let rules: Vec<_> = right.findings.iter().map(|f| f.rule).collect();
    assert!(
        !rules
            .iter()
            .any(|r| r.starts_with("vote/") || *r == "parse/unrecognised-vote"),
        "{rules:?}"
    );
    assert_eq!(right.minutes.items[0].votes.len(), 1);
}

/// Word and web pages put invisible characters into names (a zero-width space, a soft
/// hyphen, a word joiner): the signer "Carla\u{200b} Nørby" is the member Carla Nørby.
#[test]
fn invisible_characters_inside_a_name_are_the_same_name() {
    let (participants, _) = FORMS[0];
    for invisible in [
        "\u{200b}", "\u{200c}", "\u{200d}", "\u{2060}", "\u{feff}", "\u{ad}",
    ] {
        let doc = document(participants, CLEAN_VOTE, false).replace(
            "\n\nCarla Nørby\n\n",
            &format!("\n\nCar{invisible}la Nørby\n\n"),
        );
        assert!(
            doc.contains(invisible),
            "the signature sheet holds the name"
        );
        let checked = referat::check_text("zwsp.txt", &doc);
        let rules: Vec<_> = checked.findings.iter().map(|f| f.rule).collect();
        assert!(
            !rules.iter().any(|r| r.starts_with("attendance/")),
            "{invisible:?}: {rules:?}"
        );
    }
}
