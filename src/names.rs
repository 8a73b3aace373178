//! Personal names: normalisation and "is this the same person written differently?".
//!
//! Minutes write one member's name in several places (participant list, absence lines,
//! substitutions, votes, the signature sheet), and the places come from different systems:
//! corpus 000 lists "Annemette Bak" and "Esat Senturk" but the signature sheet has
//! "Anne Mette Bak" and "Esat Sentürk". Two names are the same person when
//! - their folded forms are equal: Unicode NFKD with combining marks removed (ü → u),
//!   lower-cased, with spaces and hyphens removed ("Anne Mette" = "Annemette"); or
//! - the first and last names agree and one name's words are a subsequence of the other's
//!   (a middle name dropped: "Michael Dorph Jensen" / "Michael Jensen"); or
//! - the first names agree and the last names are one edit apart while long (≥ 6 letters) and
//!   very similar by Jaro-Winkler (≥ 0.95) ("Henricksen" / "Henriksen").
//!
//! Shared surnames or first names alone never merge: "Rasmus Andresen" / "Rasmus Juhl",
//! "Flemming Hansen" / "Henriette Hansen" are different people. A transposition
//! ("Andresen" / "Andersen") is two edits and so also stays apart: such pairs are real,
//! different surnames.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::IsNormalized;
use unicode_normalization::UnicodeNormalization;

/// The words of a name, folded: decomposed, combining marks dropped, lower-cased. Hyphens
/// split words ("Adorjan-Seger" → "adorjan", "seger").
pub fn words(name: &str) -> Vec<String> {
    split_words(&fold(name)).map(str::to_string).collect()
}

/// The whole name folded (see [`words`]), one allocation.
fn fold(name: &str) -> String {
    if name.is_ascii() {
        return name.to_ascii_lowercase(); // nothing to decompose
    }
    // Danish names are ASCII but for æ, ø and å: fold those by hand (æ and ø do not decompose,
    // å is a with a ring) and leave the Unicode tables to other letters and combining marks.
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            _ if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            'æ' | 'Æ' => out.push('æ'),
            'ø' | 'Ø' => out.push('ø'),
            'å' | 'Å' => out.push('a'),
            _ => return fold_unicode(name),
        }
    }
    out
}

/// [`fold`] by the Unicode tables: decomposed, combining marks dropped, lower-cased.
fn fold_unicode(name: &str) -> String {
    name.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

fn split_words(folded: &str) -> impl Iterator<Item = &str> {
    folded.split(is_separator).filter(|w| !w.is_empty())
}

/// What separates the words of a name: "Anne-Mette B. Bak, …".
fn is_separator(c: char) -> bool {
    c.is_whitespace() || c == '-' || c == '.' || c == ','
}

/// The folded name with all spaces and hyphens removed: "Anne Mette Bak" → "annemettebak".
pub fn folded(name: &str) -> String {
    words(name).concat()
}

/// Exact spelling key (lower-case, single spaces, NFC): two names with the same key are
/// written the same way.
pub fn spelling_key(name: &str) -> String {
    // Most names are already NFC: skip the recomposition (and its copy) for them.
    let nfc: std::borrow::Cow<str> =
        if unicode_normalization::is_nfc_quick(name.chars()) == IsNormalized::Yes {
            name.into()
        } else {
            name.nfc().collect::<String>().into()
        };
    name_key(&nfc)
}

/// Normalised name for comparison: lower-case, single spaces.
pub fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

/// Do two names have the same [`name_key`]? Compared word by word, without building either
/// key: voters are matched against every attendee of every item.
pub fn same_key(a: &str, b: &str) -> bool {
    // A voter is mostly written as the participant list writes them.
    if a == b {
        return true;
    }
    // Most other pairs part at their first letters, before a word is split off.
    let (a, b) = (a.trim_start(), b.trim_start());
    if let (Some(p), Some(q)) = (a.as_bytes().first(), b.as_bytes().first()) {
        if p.is_ascii() && q.is_ascii() && !p.eq_ignore_ascii_case(q) {
            return false;
        }
    }
    let (mut x, mut y) = (a.split_whitespace(), b.split_whitespace());
    loop {
        match (x.next(), y.next()) {
            (None, None) => return true,
            (Some(p), Some(q)) if crate::lexicon::eq_fold(p, q) => {}
            _ => return false,
        }
    }
}

/// The words of `n` when it reads as a written name: one to six capitalised words (letters,
/// hyphens, apostrophes, initials' full stops), the first capitalised, later ones also any of
/// the lower-case `particles` ("von", "de"). Returns the word count and the first word.
pub fn capitalised_words<'a>(n: &'a str, particles: &[&str]) -> Option<(usize, &'a str)> {
    let upper = |w: &str| w.chars().next().is_some_and(|c| c.is_uppercase());
    // Word by word without collecting them: every list entry and absence line is asked.
    let mut count = 0;
    let mut first = "";
    for w in n.split_whitespace() {
        count += 1;
        let fits = w
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '.')
            && (upper(w) || particles.contains(&w));
        if count > 6 || !fits || (count == 1 && !upper(w)) {
            return None;
        }
        if count == 1 {
            first = w;
        }
    }
    (count > 0).then_some((count, first))
}

/// Keys of a name such that any two names [`same_person`] calls one person share at least
/// one: the letters without spacing; the first and last word; and, for a last word of six
/// letters or more, the words before it with the last word and each of its one-letter
/// deletions (two words one edit apart share a deletion). Comparing only names that share a
/// key finds every pair the all-pairs comparison finds, in time near linear.
pub fn match_keys(name: &str) -> Vec<String> {
    let f = fold(name);
    let w: Vec<&str> = split_words(&f).collect();
    if w.is_empty() {
        return Vec::new();
    }
    let mut keys = vec![format!("l\u{0}{}", w.concat())];
    if let [first, .., last] = w[..] {
        keys.push(format!("f\u{0}{first}\u{0}{last}"));
        let chars: Vec<char> = last.chars().collect();
        if chars.len() >= 6 {
            let prefix = format!("d\u{0}{}\u{0}{}\u{0}", w.len(), w[..w.len() - 1].join(" "));
            keys.push(format!("{prefix}{last}"));
            for k in 0..chars.len() {
                let mut key = prefix.clone();
                key.extend(chars[..k].iter().chain(&chars[k + 1..]));
                keys.push(key);
            }
        }
    }
    keys
}

/// Are `a` and `b` the same person (possibly written differently)?
pub fn same_person(a: &str, b: &str) -> bool {
    // Every way two names can match starts them with the same letter: most pairs part there,
    // before anything is folded.
    if first_letters_differ(a, b) {
        return false;
    }
    // Rules compare every listed name with every name of every item: fold each name once
    // and compare borrowed words, without a String per word.
    if a == b {
        // The common case when lists are compared with each other: a name is itself if it
        // has a word at all.
        return if a.is_ascii() {
            !a.chars().all(is_separator)
        } else {
            split_words(&fold(a)).next().is_some()
        };
    }
    let fa = fold(a);
    let wa: Vec<&str> = split_words(&fa).collect();
    let fb = fold(b);
    let wb: Vec<&str> = split_words(&fb).collect();
    if wa.is_empty() || wb.is_empty() {
        return false;
    }
    // The same letters, spaced differently ("Annemette" / "Anne Mette").
    if letters(&wa).eq(letters(&wb)) {
        return true;
    }
    if wa.len() < 2 || wb.len() < 2 {
        return false;
    }
    let (first_a, last_a) = (wa[0], wa[wa.len() - 1]);
    let (first_b, last_b) = (wb[0], wb[wb.len() - 1]);
    if first_a != first_b {
        return false;
    }
    if last_a == last_b {
        let (short, long) = if wa.len() <= wb.len() {
            (&wa, &wb)
        } else {
            (&wb, &wa)
        };
        return short.len() < long.len() && is_subsequence(short, long);
    }
    wa.len() == wb.len()
        && wa[..wa.len() - 1] == wb[..wb.len() - 1]
        && last_a.chars().count() >= 6
        && last_b.chars().count() >= 6
        && strsim::levenshtein(last_a, last_b) == 1
        && strsim::jaro_winkler(last_a, last_b) >= 0.95
}

/// Do the names start with different ASCII letters (either case)? `false` when unsure (a
/// non-ASCII first letter, which folding may change).
fn first_letters_differ(a: &str, b: &str) -> bool {
    let first = |s: &str| {
        s.bytes()
            .find(|c| !(c.is_ascii_whitespace() || matches!(c, b'-' | b'.' | b',')))
    };
    match (first(a), first(b)) {
        (Some(x), Some(y)) if x.is_ascii() && y.is_ascii() => !x.eq_ignore_ascii_case(&y),
        _ => false,
    }
}

fn letters<'a>(words: &'a [&'a str]) -> impl Iterator<Item = u8> + 'a {
    words.iter().flat_map(|w| w.bytes())
}

fn is_subsequence(short: &[&str], long: &[&str]) -> bool {
    let mut it = long.iter();
    short.iter().all(|w| it.any(|x| x == w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_letters_fold_as_the_unicode_tables_fold_them() {
        for name in [
            "Søren Østergård",
            "ÆBLE Åse",
            "Jørgen Aagaard-Ærø",
            "Esat Sentürk",
            "Å\u{30A}se",
            "Ǻ",
            "ﬁnn Møller",
        ] {
            assert_eq!(fold(name), fold_unicode(name), "{name}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fold_agrees_with_the_unicode_tables(name in "[a-zA-Z æøåÆØÅüÜéÉ\u{30A}\u{301}-]{0,24}") {
            proptest::prop_assert_eq!(fold(&name), fold_unicode(&name));
        }
    }

    #[test]
    fn spelling_variants_of_one_person() {
        assert!(same_person("Annemette Bak", "Anne Mette Bak"));
        assert!(same_person("Esat Senturk", "Esat Sentürk"));
        assert!(same_person("Michael Dorph Jensen", "Michael Jensen"));
        assert!(same_person(
            "Christian Mutwa Christensen",
            "Christian Christensen"
        ));
        assert!(same_person("Kristine Henriksen", "Kristine Henricksen"));
        assert!(same_person("Cajsa Adorjan-Seger", "Cajsa Adorjan Seger"));
        assert!(same_person("ESAT SENTURK", "Esat Senturk"));
    }

    #[test]
    fn names_of_one_person_share_a_match_key() {
        let names = [
            "Annemette Bak",
            "Anne Mette Bak",
            "Esat Senturk",
            "Esat Sentürk",
            "Michael Dorph Jensen",
            "Michael Jensen",
            "Kristine Henriksen",
            "Kristine Henricksen",
            "Kristine Henrikson",
            "Cajsa Adorjan-Seger",
            "Cajsa Adorjan Seger",
            "ESAT SENTURK",
            "Bo Jensen",
            "Bo Hansen",
        ];
        for a in names {
            for b in names {
                if same_person(a, b) {
                    let (ka, kb) = (match_keys(a), match_keys(b));
                    assert!(ka.iter().any(|k| kb.contains(k)), "{a} / {b}");
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn same_person_implies_a_shared_key(
            a in "[A-ZÆØ][a-zæøå]{1,8}( [A-ZÆØ][a-zæøå]{1,8}){0,2}",
            edit in 0usize..12,
            letter in "[a-zø]",
        ) {
            // A variant of `a`: one letter of its last word changed, or a space dropped.
            let mut b: Vec<char> = a.chars().collect();
            let k = edit % b.len();
            if b[k] == ' ' { b.remove(k); } else { b[k] = letter.chars().next().unwrap(); }
            let b: String = b.into_iter().collect();
            if same_person(&a, &b) {
                let (ka, kb) = (match_keys(&a), match_keys(&b));
                proptest::prop_assert!(ka.iter().any(|k| kb.contains(k)), "{} / {}", a, b);
            }
        }
    }

    #[test]
    fn different_people_stay_apart() {
        assert!(!same_person("Rasmus Andresen", "Rasmus Juhl"));
        assert!(!same_person("Rasmus Andresen", "Rasmus Andersen"));
        assert!(!same_person("Flemming Hansen", "Henriette Hansen"));
        assert!(!same_person("Arne Leyh Petersen", "Kim Petersen Wandahl"));
        assert!(!same_person("Hanne Lee", "Hanne Lees"));
        assert!(!same_person("Ole Skrald", "Ole Skov"));
        assert!(!same_person("Malene Rask", "Malene"));
        assert!(!same_person("Jens Hansen", "Jens Peter Hansen Nielsen"));
    }

    #[test]
    fn capitalised_words_read_written_names() {
        let particles = ["von", "de"];
        assert_eq!(
            capitalised_words("Jan E. Jørgensen", &particles),
            Some((3, "Jan"))
        );
        assert_eq!(
            capitalised_words("Ida von Holck-Bø", &particles),
            Some((3, "Ida"))
        );
        assert_eq!(capitalised_words("V", &particles), Some((1, "V")));
        for not_a_name in [
            "",
            "von Holck",
            "Ida la Cour",
            "Godkendt med 3",
            "A B C D E F G",
        ] {
            assert_eq!(
                capitalised_words(not_a_name, &particles),
                None,
                "{not_a_name:?}"
            );
        }
    }

    #[test]
    fn first_letter_check_only_turns_away_different_people() {
        for (a, b) in [
            ("Annemette Bak", "Anne Mette Bak"),
            ("-Annemette Bak", "anne mette bak"),
            ("Åse Møller", "Aase Møller"),
            ("Øjvind Lund", "ojvind lund"),
        ] {
            assert!(!first_letters_differ(a, b), "{a:?} {b:?}");
        }
        assert!(first_letters_differ("Rasmus Juhl", "Kasmus Juhl"));
        assert!(!same_person("Rasmus Juhl", "Kasmus Juhl"));
    }

    #[test]
    fn same_key_compares_words_up_to_case_and_spacing() {
        assert!(same_key("Pia Krogh", "pia  KROGH"));
        assert!(same_key(" Pia\tKrogh", "Pia Krogh"));
        assert!(same_key("Øje Hansen", "øje hansen"));
        assert!(same_key("", "  "));
        assert!(!same_key("Pia Krogh", "Per Krogh"));
        assert!(!same_key("Pia Krogh", "Pia"));
        assert!(!same_key("Pia", " Lis"));
        assert!(!same_key("Øje", "Oje"));
    }

    #[test]
    fn keys() {
        assert_eq!(folded("Anne Mette  Bak"), "annemettebak");
        assert_eq!(spelling_key("Esat  Sentürk"), "esat sentürk");
        // Decomposed "ü" (u + combining diaeresis) gets the same key as the composed one.
        assert_eq!(spelling_key("ESAT Sentu\u{308}rk"), "esat sentürk");
    }
}
