//! A deterministic generator of realistic, internally consistent minutes for benchmarks and
//! false-positive tests. Same seed → same bytes. Every document it writes is consistent: the
//! vote tallies match who was present, totals add up, weekdays match dates — so referat must
//! report no errors on it.

use std::fmt::Write as _;

const BODIES: &[&str] = &[
    "Økonomiudvalget",
    "Arbejdsmarkeds- og Socialudvalget",
    "Børne- og Skoleudvalget",
    "Kultur- og Fritidsudvalget",
    "Teknik- og Miljøudvalget",
    "Social- og Sundhedsudvalget",
    "Klima- og Planudvalget",
    "Beskæftigelses- og Integrationsudvalget",
];
const FIRST: &[&str] = &[
    "Anne", "Bjarne", "Camilla", "Dennis", "Eva", "Frederik", "Gitte", "Hans", "Ida", "Jens",
    "Karen", "Lars", "Mette", "Niels", "Ole", "Pia", "Rasmus", "Sofie", "Thomas", "Ulla", "Vibeke",
    "Søren", "Åse", "Jørgen", "Birgitte",
];
const LAST: &[&str] = &[
    "Holm",
    "Dahl",
    "Friis",
    "Lund",
    "Krogh",
    "Skov",
    "Bech",
    "Mørk",
    "Nielsen",
    "Jensen",
    "Hansen",
    "Pedersen",
    "Andersen",
    "Christensen",
    "Larsen",
    "Sørensen",
    "Rasmussen",
    "Jørgensen",
    "Madsen",
    "Kristensen",
    "Olsen",
    "Thomsen",
    "Poulsen",
    "Knudsen",
    "Møller",
    "Iversen",
    "Frandsen",
    "Bak",
];
const PARTIES: &[&str] = &["A", "V", "C", "F", "O", "Ø", "B", "I"];
const TOPICS: &[&str] = &[
    "Godkendelse af dagsorden",
    "Budgetopfølgning",
    "Anlægsbevilling til ny daginstitution",
    "Tilskud til foreningslivet",
    "Høring om trafikplan",
    "Orientering om status på integrationsindsatsen",
    "Ændring af takster for hjemmepleje",
    "Kvalitetsrapport for skoleområdet",
    "Udbud af rengøring",
    "Lokalplan for boligområde",
];
const MONTHS: &[&str] = &[
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];
const WEEKDAYS: &[&str] = &[
    "mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag",
];
const FILLER: &str = "Administrationen har udarbejdet en redegørelse, som beskriver baggrunden for sagen, de økonomiske konsekvenser og de forskellige handlemuligheder. Sagen har været drøftet med de relevante parter, og der er taget højde for de bemærkninger, der er kommet frem i processen.";

struct Member {
    name: String,
    party: &'static str,
}

/// Write one document of roughly `target_bytes` (at least one item).
pub fn document(rng: &mut fastrand::Rng, target_bytes: usize) -> String {
    let body = BODIES[rng.usize(..BODIES.len())];
    let members = committee(rng);
    let date = jiff::civil::date(rng.i16(2020..2027), rng.i8(1..13), rng.i8(1..29));
    let weekday = WEEKDAYS[date.weekday().to_monday_zero_offset() as usize];
    let dmy = format!("{:02}-{:02}-{}", date.day(), date.month(), date.year());
    let header_afbud = if rng.u8(..4) == 0 {
        Some(rng.usize(..members.len()))
    } else {
        None
    };

    let mut out = String::with_capacity(target_bytes + 4096);
    let _ = write!(
        out,
        "\n\nREFERAT {body} d. {dmy}\n\nMødedato {} d. {:02}. {} {} kl. {:02}:{:02}\n\nMødested Mødelokale {}\n\nMødedeltagere ",
        capitalise(weekday),
        date.day(),
        MONTHS[date.month() as usize - 1],
        date.year(),
        rng.u8(8..19),
        [0, 15, 30][rng.usize(..3)],
        rng.u8(1..20),
    );
    let list: Vec<String> = members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            if Some(i) == header_afbud {
                format!("{} ({}) (Afbud)", m.name, m.party)
            } else {
                format!("{} ({})", m.name, m.party)
            }
        })
        .collect();
    out.push_str(&list.join(", "));
    out.push_str("\n\n");

    // Items until the target size is reached.
    let mut items = Vec::new();
    let mut absences = 0;
    let mut n = 1;
    let mut size = out.len();
    while n == 1 || size < target_bytes {
        let item = item(rng, n, body, &dmy, &members, header_afbud, &mut absences);
        size += item.1.len() + 40;
        items.push(item);
        n += 1;
    }
    out.push_str("Indholdsfortegnelse\n\n");
    for (k, (title, _)) in items.iter().enumerate() {
        let _ = writeln!(out, "{title}.....\t{}", k + 3);
    }
    out.push('\n');
    for (_, text) in &items {
        out.push_str(text);
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn committee(rng: &mut fastrand::Rng) -> Vec<Member> {
    let size = [5, 7, 7, 9][rng.usize(..4)];
    let mut members: Vec<Member> = Vec::new();
    while members.len() < size {
        let name = format!(
            "{} {}",
            FIRST[rng.usize(..FIRST.len())],
            LAST[rng.usize(..LAST.len())]
        );
        // Distinct first and last names keep the document free of look-alike names.
        let first = name.split(' ').next().unwrap().to_string();
        let last = name.split(' ').nth(1).unwrap().to_string();
        if members
            .iter()
            .any(|m| m.name.starts_with(&first) || m.name.ends_with(&last))
        {
            continue;
        }
        members.push(Member {
            name,
            party: PARTIES[rng.usize(..4.min(PARTIES.len()))],
        });
    }
    members
}

fn item(
    rng: &mut fastrand::Rng,
    n: usize,
    body: &str,
    dmy: &str,
    members: &[Member],
    header_afbud: Option<usize>,
    absences: &mut usize,
) -> (String, String) {
    let title = format!("{} {}", TOPICS[rng.usize(..TOPICS.len())], n);
    let mut s = String::with_capacity(4096);
    let _ = write!(
        s,
        "Punkt {n}: {title}\n\n{}/{}\n\n",
        rng.u8(18..27),
        rng.u16(100..40000)
    );
    // Baggrund and Sagsfremstilling: prose and sometimes a table.
    s.push_str("Baggrund\n\n");
    for _ in 0..rng.usize(1..4) {
        s.push_str(FILLER);
        s.push_str("\n\n");
    }
    s.push_str("Indstilling\n\nAt udvalget godkender indstillingen.\n\n");

    // Who is absent from this item (besides the header afbud). Successive absences name
    // different members, so that nobody listed as present is absent from every item.
    let absent = if rng.u8(..3) == 0 {
        *absences += 1;
        let i = *absences % members.len();
        (Some(i) != header_afbud).then_some(i)
    } else {
        None
    };
    let present: Vec<&Member> = members
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != header_afbud && Some(*i) != absent)
        .map(|(_, m)| m)
        .collect();

    let _ = write!(s, "Beslutning {body} den {dmy}\n\n");
    s.push_str(&decision(rng, &present));
    s.push_str("\n\n");
    if let Some(i) = absent {
        if rng.bool() {
            let _ = write!(s, "Fraværende:\n\n{}\n\n", members[i].name);
        } else {
            let _ = write!(s, "Fraværende {}\n\n", members[i].name);
        }
    }
    s.push_str("Sagsfremstilling\n\n");
    for _ in 0..rng.usize(2..9) {
        s.push_str(FILLER);
        s.push_str("\n\n");
    }
    if rng.u8(..3) == 0 {
        s.push_str(&table(rng));
    }
    if let Some(i) = header_afbud {
        let _ = write!(s, "Afbud {}\n\n", members[i].name);
    }
    (title, s)
}

/// A decision in one of the supported styles, consistent with who is present.
fn decision(rng: &mut fastrand::Rng, present: &[&Member]) -> String {
    let n = present.len();
    match rng.u8(..5) {
        0 => "Godkendt.".to_string(),
        1 => "Alle stemte for indstillingen. Dermed blev sagen godkendt.".to_string(),
        2 => {
            // Party counts: split the parties present into for and against.
            let mut parties: Vec<(&str, usize)> = Vec::new();
            for m in present {
                match parties.iter_mut().find(|(p, _)| *p == m.party) {
                    Some((_, c)) => *c += 1,
                    None => parties.push((m.party, 1)),
                }
            }
            let split = rng.usize(1..parties.len().max(2)).min(parties.len());
            let (for_, against) = parties.split_at(split);
            let fmt = |g: &[(&str, usize)]| {
                g.iter()
                    .map(|(p, c)| format!("{p} ({c})"))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let votes_for: usize = for_.iter().map(|(_, c)| c).sum();
            let votes_against: usize = against.iter().map(|(_, c)| c).sum();
            let outcome = if votes_for > votes_against {
                "Dermed blev indstillingen godkendt."
            } else {
                "Dermed faldt indstillingen."
            };
            if against.is_empty() {
                format!("For stemte: {}. {outcome}", fmt(for_))
            } else {
                format!(
                    "For stemte: {}. Imod stemte: {}. {outcome}",
                    fmt(for_),
                    fmt(against)
                )
            }
        }
        3 => {
            // A strict majority for: a tie means the motion falls (styrelsesloven § 11).
            let against = rng.usize(..(n - 1) / 2 + 1);
            format!(
                "Godkendt med {} stemmer for og {} imod.",
                n - against,
                against
            )
        }
        _ => {
            // Named voters: all but one for, one abstains.
            let names: Vec<&str> = present.iter().map(|m| m.name.as_str()).collect();
            let (last, rest) = names.split_last().unwrap();
            format!(
                "Et flertal af udvalget ({}) stemte for.\n\n{last} undlod at stemme.\n\nGodkendt.",
                join_og(rest)
            )
        }
    }
}

fn join_og(names: &[&str]) -> String {
    match names {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} og {last}", init.join(", ")),
    }
}

/// A tab-separated table whose total row is the exact sum of its rows.
fn table(rng: &mut fastrand::Rng) -> String {
    let rows = rng.usize(2..7);
    let mut s = String::from("Tabel 1: Økonomi (1.000 kr.)\n\nOmråde\tBudget\tForbrug\n");
    let (mut tb, mut tf) = (0u64, 0u64);
    for r in 0..rows {
        let b = rng.u64(1_000..900_000);
        let f = rng.u64(1_000..900_000);
        tb += b;
        tf += f;
        let _ = writeln!(s, "Område {}\t{}\t{}", r + 1, dotted(b), dotted(f));
    }
    let _ = writeln!(s, "I alt\t{}\t{}\n", dotted(tb), dotted(tf));
    s
}

/// 1146600 → "1.146.600".
fn dotted(v: u64) -> String {
    let digits = v.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}
