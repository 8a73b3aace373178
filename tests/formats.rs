//! Every output format renders the same run: one snapshot each (under snapshots/), and the
//! SARIF output is validated against the official SARIF 2.1.0 schema
//! (tests/data/sarif-schema-2.1.0.json, from the OASIS sarif-spec repository).

use referat::catalogue::Lang;
use referat::report::{self, CheckedFile, Diagnostic, Failure, Report, Summary};
use referat::rules::Severity;

/// An empty document (parse/no-items, parse/no-meeting-header: errors and warnings), a
/// document without a participant list (parse/no-participants: info), a clean one, and a
/// file that could not be read.
fn run() -> (Vec<Diagnostic>, Summary, Vec<Failure>, Vec<CheckedFile>) {
    let docs = [
        ("minutes/a-empty.txt", "Intet at se her, 50% og \"citater\", komma: kolon\n"),
        (
            "minutes/b-no-participants.txt",
            "REFERAT Integrationsråd d. 26-11-2025\n\nMødedato Onsdag d. 26. november 2025 kl. 17:00\n\nPunkt 1: Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt\n",
        ),
        (
            "minutes/c-clean.txt",
            "REFERAT Integrationsråd d. 26-11-2025\n\nMødedato Onsdag d. 26. november 2025 kl. 17:00\n\nMødedeltagere Anna Hansen (A), Bo Jensen (V)\n\nPunkt 1: Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt\n",
        ),
    ];
    let mut all = Vec::new();
    let mut summary = Summary::default();
    for (name, text) in docs {
        let checked = referat::check_text(name, text);
        let d = report::resolve(name, text, &checked.findings, Lang::En, &|r| {
            referat::catalogue::rule(r).map(|d| d.severity)
        });
        summary.files += 1;
        summary.add(&d);
        all.extend(d);
    }
    let failures = vec![Failure {
        path: "minutes/d-scan.pdf".into(),
        message: "this is not a text document (PDF); referat reads minutes exported as text".into(),
    }];
    let files = docs
        .iter()
        .map(|(n, _)| CheckedFile {
            path: n.to_string(),
            seconds: 0.25,
        })
        .collect();
    (all, summary, failures, files)
}

/// The folder the run is rendered as run in (SARIF's `%SRCROOT%`).
const ROOT: &str = "/work/minutes-repo";

fn render(format: &str) -> String {
    let (diagnostics, summary, failures, files) = run();
    let report = Report {
        diagnostics: &diagnostics,
        summary,
        failures: &failures,
        files: &files,
        fail_on: Severity::Error,
        lang: Lang::En,
    };
    match format {
        "json" => report::json::render(&diagnostics, summary, &failures),
        "sarif" => report::sarif::render_in(&report, Some(std::path::Path::new(ROOT))),
        "github" => report::github::render(&report),
        "junit" => report::junit::render(&report),
        "concise" => report::concise::render(&report),
        "human" => {
            let style = report::human::Style {
                color: false,
                width: 100,
                lang: Lang::En,
            };
            let mut out = String::new();
            for f in &files {
                let f = &f.path;
                let text = match f.as_str() {
                    "minutes/a-empty.txt" => "Intet at se her, 50% og \"citater\", komma: kolon\n",
                    _ => continue,
                };
                out.push_str(&report::human::render_file(
                    f,
                    text,
                    report.of_file(f),
                    &style,
                ));
            }
            out.push_str(&report::human::render_summary(summary, &failures, Lang::En));
            out
        }
        _ => unreachable!(),
    }
}

macro_rules! snapshot {
    ($name:literal) => {
        insta::with_settings!({snapshot_path => "../snapshots", prepend_module_to_snapshot => true}, {
            insta::assert_snapshot!($name, render($name));
        });
    };
}

#[test]
fn the_run_has_every_severity() {
    let (d, summary, _, _) = run();
    let rules: Vec<&str> = d.iter().map(|d| d.rule.as_str()).collect();
    assert!(rules.contains(&"parse/no-items"), "{rules:?}");
    assert!(rules.contains(&"parse/no-participants"), "{rules:?}");
    assert!(summary.errors >= 1 && summary.infos >= 1, "{summary:?}");
}

#[test]
fn human() {
    snapshot!("human");
}

#[test]
fn json() {
    snapshot!("json");
}

#[test]
fn sarif() {
    snapshot!("sarif");
}

#[test]
fn github() {
    snapshot!("github");
}

#[test]
fn junit() {
    snapshot!("junit");
}

#[test]
fn concise() {
    snapshot!("concise");
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("data/sarif-schema-2.1.0.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let instance: serde_json::Value = serde_json::from_str(&render("sarif")).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    // And the validator does reject a broken log, so the test can fail.
    let mut broken = instance.clone();
    broken["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&broken));
}

#[test]
fn github_annotations_escape_their_properties() {
    let out = render("github");
    // The last line is the plain summary, not a workflow command.
    let (commands, summary) = out.trim_end().rsplit_once('\n').unwrap();
    assert!(summary.starts_with("referat: 1 error, "), "{summary}");
    for line in commands.lines() {
        assert!(
            line.starts_with("::error ")
                || line.starts_with("::warning ")
                || line.starts_with("::notice "),
            "{line}"
        );
        let (props, message) = line.split_once("::").unwrap().1.split_once("::").unwrap();
        assert!(!message.contains('\n'));
        // No raw separators inside property values.
        for prop in props.split_once(' ').unwrap().1.split(',') {
            assert_eq!(prop.matches('=').count(), 1, "{prop}");
            assert!(!prop.contains(':'), "{prop}");
        }
    }
}

/// A column total over many rows keeps the first labels and counts the rest, in JSON and in
/// the human report.
#[test]
fn long_label_lists_are_cut_and_counted() {
    let mut text = String::from(
        "REFERAT Integrationsråd d. 26-11-2025\n\nPunkt 1: Budget\n\nSagsfremstilling\n\nPost\tBeløb (kr.)\n",
    );
    for i in 0..50 {
        text.push_str(&format!("Post {i}\t10\n"));
    }
    text.push_str("I alt\t400\n");
    let checked = referat::check_text("t.txt", &text);
    let d = report::resolve("t.txt", &text, &checked.findings, Lang::En, &|r| {
        referat::catalogue::rule(r).map(|d| d.severity)
    });
    let total = d
        .iter()
        .find(|d| d.rule == "table/column-total")
        .expect("the wrong total is found");
    assert_eq!(total.labels.len(), referat::rules::MAX_LABELS);
    let finding = checked
        .findings
        .iter()
        .find(|f| f.rule == "table/column-total")
        .unwrap();
    let all_labels = finding.labels.len() + finding.omitted_labels;
    assert_eq!(all_labels, 50, "every cell of the column is a place");
    assert_eq!(
        total.omitted_labels,
        all_labels - referat::rules::MAX_LABELS
    );
    let json = serde_json::to_value(total).unwrap();
    assert_eq!(json["omitted_labels"], total.omitted_labels);
    let human = report::human::render_file(
        "t.txt",
        &text,
        std::slice::from_ref(total),
        &report::human::Style {
            color: false,
            width: 400, // one line: no wrapping inside the checked phrase
            lang: Lang::En,
        },
    );
    assert!(
        human.contains(&format!(
            "{} more places are not shown",
            total.omitted_labels
        )),
        "{human}"
    );
    // A diagnostic with few labels has no such field.
    let few = d.iter().find(|d| d.omitted_labels == 0).unwrap();
    assert!(serde_json::to_value(few)
        .unwrap()
        .get("omitted_labels")
        .is_none());
}

/// Is `s` a URI reference by RFC 3986: only unreserved, reserved and percent-encoded
/// characters, a valid scheme if it has one, and no colon in a relative path's first segment
/// (it would read as a scheme)?
fn is_uri_reference(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'%' {
            let hex = |k: usize| bytes.get(k).is_some_and(u8::is_ascii_hexdigit);
            if !(hex(i + 1) && hex(i + 2)) {
                return false;
            }
            i += 3;
            continue;
        }
        if !(b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&'()*+,;=".contains(&b)) {
            return false;
        }
        i += 1;
    }
    let first = s.split(['/', '?', '#']).next().unwrap_or("");
    match first.split_once(':') {
        None => true,
        Some((scheme, _)) => {
            s.starts_with(first)
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
    }
}

#[test]
fn the_uri_check_can_fail() {
    for bad in ["a b.txt", "e%f.txt", "æ.txt", "x\ny", "1c:d.txt", "a<b"] {
        assert!(!is_uri_reference(bad), "{bad:?}");
    }
    assert!(is_uri_reference("file:///tmp/a%20b.txt"));
    assert!(is_uri_reference("minutes/%C3%A6.txt"));
}

/// Awkward file names become valid URIs that decode back to the path: inside the run's folder
/// as references to `%SRCROOT%`, outside it as `file://` URIs, standard input without a base.
#[test]
fn sarif_uris_are_valid_for_any_file_name() {
    let names = [
        "møder/Økonomiudvalget 2026.txt",
        "100%.txt",
        "c:d.txt",
        "e%25f.txt",
        "a,b;c='d'\"e\".txt",
        "line\nbreak.txt",
        "./minutes/x.txt",
        "../elsewhere/y.txt",
        "/srv/referater/z.txt",
        "<stdin>",
    ];
    let failures: Vec<Failure> = names
        .iter()
        .map(|n| Failure {
            path: n.to_string(),
            message: "could not be read".into(),
        })
        .collect();
    let report = Report {
        diagnostics: &[],
        summary: Summary::default(),
        failures: &failures,
        files: &[],
        fail_on: Severity::Error,
        lang: Lang::En,
    };
    let out = report::sarif::render_in(&report, Some(std::path::Path::new(ROOT)));
    let log: serde_json::Value = serde_json::from_str(&out).unwrap();
    let run = &log["runs"][0];
    assert_eq!(
        run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
        "file:///work/minutes-repo/"
    );
    let locations: Vec<&serde_json::Value> = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| &n["locations"][0]["physicalLocation"]["artifactLocation"])
        .collect();
    assert_eq!(locations.len(), names.len());
    for (name, loc) in names.iter().zip(&locations) {
        let uri = loc["uri"].as_str().unwrap();
        assert!(is_uri_reference(uri), "{name:?} -> {uri:?}");
        let decoded = percent_encoding::percent_decode_str(uri)
            .decode_utf8()
            .unwrap();
        let expected = match *name {
            "./minutes/x.txt" => "minutes/x.txt".to_string(),
            "../elsewhere/y.txt" => "file:///work/elsewhere/y.txt".to_string(),
            "/srv/referater/z.txt" => "file:///srv/referater/z.txt".to_string(),
            n => n.to_string(),
        };
        assert_eq!(decoded, expected, "{name:?}");
        let based = loc.get("uriBaseId").and_then(|b| b.as_str());
        let relative = !uri.starts_with("file:") && *name != "<stdin>";
        assert_eq!(based, relative.then_some("%SRCROOT%"), "{name:?}");
    }
}
