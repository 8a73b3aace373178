//! `referat init`: write a commented referat.toml. With `--from MINUTES` the roster is taken
//! from a real document — its body, its participants with their party letters, and the
//! substitutes it names — so a secretary starts from their own committee, not an example.

use super::{display, EXIT_OK, EXIT_TROUBLE};
use crate::catalogue::Lang;
use crate::cli::InitArgs;
use crate::config::{FILE_NAME, STARTER};
use crate::model::Minutes;
use std::collections::BTreeMap;
use std::io::Write;

pub fn init(args: InitArgs) -> u8 {
    let lang = args.lang.resolve();
    let target = if args.output.is_dir() {
        args.output.join(FILE_NAME)
    } else {
        args.output.clone()
    };
    if target.exists() && !args.force {
        eprintln!("{}", exists_already(&target.display().to_string(), lang));
        return EXIT_TROUBLE;
    }
    let text = match &args.from {
        None => with_example_roster_commented_out(),
        Some(path) => match crate::source::load(path, crate::source::DEFAULT_MAX_BYTES) {
            Ok(source) => {
                let minutes = crate::parse::parse(&source.text);
                match roster_toml(&minutes, &display(path)) {
                    Some(roster) => with_roster(&roster),
                    None => {
                        eprintln!("{}", no_body(&display(path), lang));
                        return EXIT_TROUBLE;
                    }
                }
            }
            Err(e) => {
                eprintln!("{}: {}: {e}", error(lang), display(path));
                return EXIT_TROUBLE;
            }
        },
    };
    if let Err(e) = std::fs::write(&target, text) {
        match lang {
            Lang::Da => eprintln!("fejl: kan ikke skrive {}: {e}", target.display()),
            Lang::En => eprintln!("error: cannot write {}: {e}", target.display()),
        }
        return EXIT_TROUBLE;
    }
    let _ = writeln!(
        std::io::stderr(),
        "{}",
        wrote(&target.display().to_string(), lang)
    );
    EXIT_OK
}

fn error(lang: Lang) -> &'static str {
    match lang {
        Lang::Da => "fejl",
        Lang::En => "error",
    }
}

fn exists_already(target: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "fejl: {target} findes allerede; brug --force for at overskrive den eller --output for at skrive et andet sted"
        ),
        Lang::En => format!(
            "error: {target} exists already; use --force to overwrite it, or --output to write elsewhere"
        ),
    }
}

fn no_body(path: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "fejl: {path}: titellinjen nævner intet udvalg, så der kan ikke laves en medlemsliste ud fra den"
        ),
        Lang::En => format!(
            "error: {path}: no body name found in the title line, so no roster can be made from it"
        ),
    }
}

fn wrote(target: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("skrev {target}: kontrollér medlemslisten, og kør så `referat check`"),
        Lang::En => format!("wrote {target}: check the roster, then run `referat check`"),
    }
}

/// The starter file with its example rosters commented out: an example to fill in, not a
/// roster of committees the user does not have (which would only ever fail to match).
fn with_example_roster_commented_out() -> String {
    let (start, end) = roster_section();
    let roster: String = STARTER[start..end]
        .lines()
        .map(|l| match l {
            "" => "\n".to_string(),
            l if l.starts_with('#') => format!("{l}\n"),
            l => format!("# {l}\n"),
        })
        .collect();
    format!("{}{}{}", &STARTER[..start], roster, &STARTER[end..])
}

/// Where the starter's example rosters are: from the first `[[body]]` to the comment that
/// opens the next section.
fn roster_section() -> (usize, usize) {
    let start = STARTER.find("[[body]]").unwrap_or(STARTER.len());
    let end = STARTER[start..]
        .find("\n# A finding you have checked")
        .map(|e| start + e + 1)
        .unwrap_or(STARTER.len());
    (start, end)
}

/// The starter file with its example roster replaced by `roster`.
fn with_roster(roster: &str) -> String {
    let (start, end) = roster_section();
    format!("{}{}\n{}", &STARTER[..start], roster, &STARTER[end..])
}

/// A `[[body]]` table for the minutes' body, or `None` when the title names no body.
pub fn roster_toml(minutes: &Minutes, from: &str) -> Option<String> {
    let body = minutes.meeting.body.as_ref()?;
    let name = strip_period(&body.text);
    let mut substitutes: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for item in &minutes.items {
        for s in &item.attendance.substitutions {
            let list = substitutes.entry(s.replaced.text.clone()).or_default();
            if !list.contains(&s.substitute.text) {
                list.push(s.substitute.text.clone());
            }
        }
    }
    let q = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut out =
        format!("# Made by `referat init --from {from}`: check names, parties and size.\n");
    out.push_str(&format!(
        "[[body]]\nname = {}\n# aliases = [\"…\"]\nsize = {}\n",
        q(name),
        minutes.participants.len()
    ));
    for p in &minutes.participants {
        out.push_str(&format!("\n[[body.member]]\nname = {}\n", q(&p.name)));
        match &p.party {
            Some(party) => out.push_str(&format!("party = {}\n", q(party))),
            None => out.push_str("# party = \"A\"\n"),
        }
        if let Some(subs) = substitutes.get(&p.name) {
            let list: Vec<String> = subs.iter().map(|s| q(s)).collect();
            out.push_str(&format!("substitutes = [{}]\n", list.join(", ")));
        }
    }
    Some(out)
}

/// "Beskæftigelses- og Integrationsudvalget 2022-2025" → without the election period.
fn strip_period(name: &str) -> &str {
    match name.trim().rsplit_once(' ') {
        Some((head, last))
            if last.len() == 9
                && last.as_bytes()[4] == b'-'
                && last.chars().filter(|c| c.is_ascii_digit()).count() == 8 =>
        {
            head.trim_end()
        }
        _ => name.trim(),
    }
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn messages_in_both_languages() {
        assert_eq!(
            super::wrote("referat.toml", Lang::Da),
            "skrev referat.toml: kontrollér medlemslisten, og kør så `referat check`"
        );
        assert_eq!(
            super::wrote("referat.toml", Lang::En),
            "wrote referat.toml: check the roster, then run `referat check`"
        );
        assert!(
            super::exists_already("a.toml", Lang::Da).starts_with("fejl: a.toml findes allerede")
        );
        assert!(
            super::exists_already("a.toml", Lang::En).starts_with("error: a.toml exists already")
        );
        assert!(super::no_body("m.txt", Lang::Da).contains("titellinjen nævner intet udvalg"));
        assert!(super::no_body("m.txt", Lang::En).contains("no body name found"));
    }

    #[test]
    fn period_is_stripped() {
        assert_eq!(
            super::strip_period("Beskæftigelses- og Integrationsudvalget 2022-2025"),
            "Beskæftigelses- og Integrationsudvalget"
        );
        assert_eq!(super::strip_period("Integrationsråd"), "Integrationsråd");
    }
}
