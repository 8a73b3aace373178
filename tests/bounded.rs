//! Bounded on any input: hostile shapes that once panicked, hung or went super-linear. Each
//! runs the binary as a user would, with a generous time-out (a regression is minutes, not a
//! few seconds), and asserts the run ends with a report and exit status 0, 1 or 2.

mod common;

use assert_cmd::Command;
use common::{check_json, docx_with};
use std::path::Path;
use std::time::Duration;

const HEADER: &str = "REFERAT Økonomiudvalget d. 15-04-2026\n\n\
    Mødedeltagere Anna Hansen (A), Bo Jensen (V), Carl Berg (V)\n\n";

fn rules_of(report: &serde_json::Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_breakdown_past_the_decimal_range_is_unchecked_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let parts: Vec<String> = (0..45)
        .map(|k| {
            format!(
                "7.000.000.000.000.000.000.000.000.00{} kr. til formål {k}",
                k % 10
            )
        })
        .collect();
    let text = format!(
        "{HEADER}Punkt 1: Bevilling\n\nSagsfremstilling\n\n\
         - Der er i alt bevilget 9.000.000.000.000.000.000.000.000.000 kr. til kommunen.\n\
         - Fordelingen er {}.\n\nBeslutning\n\nGodkendt.\n",
        parts.join(", ")
    );
    let (_, report) = check_json(&write(dir.path(), "overflow.txt", text));
    assert!(rules_of(&report).contains(&"amount/unchecked-total".to_string()));
}

#[test]
fn a_column_past_the_decimal_range_is_unchecked_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let rows: String = (0..45)
        .map(|k| format!("Post {k}\t7.000.000.000.000.000.000.000.000.000\n"))
        .collect();
    let text = format!(
        "{HEADER}Punkt 1: Budget\n\nSagsfremstilling\n\nKr.\tBudget\n{rows}\
         I alt\t9.000.000.000.000.000.000.000.000.000\n\nBeslutning\n\nGodkendt.\n"
    );
    let (_, report) = check_json(&write(dir.path(), "overflow.txt", text));
    assert!(rules_of(&report).contains(&"table/unchecked-total".to_string()));
}

#[test]
fn a_flood_of_line_breaks_is_linear() {
    let dir = tempfile::tempdir().unwrap();
    let html = format!(
        "<html><body><h1>REFERAT Økonomiudvalget d. 15-04-2026</h1><p>Punkt 1: Sag</p>{}</body></html>",
        "<br><p></p>".repeat(300_000)
    );
    check_json(&write(dir.path(), "breaks.html", html));
    let xml = format!(
        "<w:document><w:body><w:p><w:r><w:t>REFERAT Økonomiudvalget d. 15-04-2026</w:t></w:r></w:p>{}</w:body></w:document>",
        "<w:p><w:r><w:br/></w:r></w:p><w:p/>".repeat(300_000)
    );
    check_json(&write(dir.path(), "breaks.docx", docx_with(xml.as_bytes())));
}

#[test]
fn html_nested_past_the_limit_is_refused_with_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let html = format!(
        "<html><body>{}Punkt 1: Sag</body></html>",
        "<div>".repeat(100_000)
    );
    let (code, report) = check_json(&write(dir.path(), "deep.html", html));
    assert_eq!(code, 2);
    let failure = report["failures"][0]["message"].as_str().unwrap();
    assert!(failure.contains("100000 levels deep"), "{failure}");
}

/// `referat check --format FORMAT PATH`: stdout and stderr as text.
fn check_text(format: &str, path: &Path) -> (String, String) {
    let out = Command::cargo_bin("referat")
        .unwrap()
        .args(["check", "--format", format])
        .arg(path)
        .env("NO_COLOR", "1")
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let code = out
        .status
        .code()
        .expect("ended by a signal or the time-out");
    assert!(matches!(code, 0..=2), "exit {code}");
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn a_finding_past_column_65535_is_reported_without_its_snippet() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{HEADER}Punkt 1: Sag\n\nBeslutning\n\n{}mødet mandag d. 14. april 2026 besluttede.\n",
        "Godkendt og ".repeat(8000)
    );
    let path = write(dir.path(), "long.txt", text);
    let (out, _) = check_text("human", &path);
    assert!(out.contains("date/weekday-mismatch"), "{out}");
    assert!(out.contains("column 96007"), "{out}");
}

#[test]
fn control_characters_in_names_and_text_are_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let name = "x\n::error file=evil.txt::boom\x1b[2J.txt";
    let text = format!(
        "{HEADER}Punkt 1: Sag\x1b]0;owned\x07\n\nBeslutning\n\nMødet mandag d. 14. april 2026 \u{202E}besluttede.\n"
    );
    let path = write(dir.path(), name, text);
    for format in ["human", "concise"] {
        let (out, err) = check_text(format, &path);
        for text in [&out, &err] {
            assert!(!text.contains('\x1b'), "{format}: {text:?}");
            assert!(!text.contains('\u{202E}'), "{format}: {text:?}");
            assert!(
                !text.lines().any(|l| l.starts_with("::")),
                "{format}: {text:?}"
            );
        }
        assert!(out.contains("date/weekday-mismatch"), "{format}: {out}");
        assert!(out.contains(r"x\n::error"), "{format}: {out}");
    }
    // Workflow commands: the name's line break is percent-encoded (no second command), an
    // ESC is shown escaped.
    let (out, _) = check_text("github", &path);
    assert!(!out.contains('\x1b'), "{out:?}");
    assert!(
        !out.lines().any(|l| l.starts_with("::error file=evil")),
        "{out}"
    );
    assert!(out.contains("x%0A%3A%3Aerror"), "{out}");
}

/// `referat check --format concise ARGS…` in `dir`: exit status, stdout, stderr.
fn check_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("referat")
        .unwrap()
        .current_dir(dir)
        .args(["check", "--format", "concise", "--lang", "en"])
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    (
        out.status
            .code()
            .expect("ended by a signal or the time-out"),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const FAULTY: &str = "REFERAT Økonomiudvalget d. 15-04-2026\n\n\
    Mødedeltagere Anna Hansen (A), Bo Jensen (V), Carl Berg (V)\n\n\
    Punkt 1: Sag\n\nBeslutning\n\nMødet mandag d. 14. april 2026 godkendte sagen.\n";

#[test]
fn hidden_files_and_unread_types_in_a_folder_are_counted_not_passed_in_silence() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "clean.txt",
        HEADER.to_string() + "Punkt 1: Sag\n\nBeslutning\n\nGodkendt.\n",
    );
    write(dir.path(), ".faulty.txt", FAULTY);
    write(dir.path(), "a.odt", "");
    write(dir.path(), "b.odt", "");
    let (code, out, err) = check_in(dir.path(), &["."]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("1 hidden file was not checked (--hidden checks it)"),
        "{err}"
    );
    assert!(
        err.contains("2 .odt files were skipped: save them as .docx or PDF"),
        "{err}"
    );
    let (code, out, _) = check_in(dir.path(), &["--hidden", "."]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(".faulty.txt"), "{out}");
}

#[cfg(unix)]
#[test]
fn links_are_followed_loops_and_special_files_are_failures() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let minutes = tempfile::tempdir().unwrap();
    write(minutes.path(), "faulty.txt", FAULTY);
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    symlink(
        minutes.path().join("faulty.txt"),
        dir.path().join("linked.txt"),
    )
    .unwrap();
    symlink("..", dir.path().join("sub/loop")).unwrap();
    symlink("nowhere", dir.path().join("notes")).unwrap();
    let fifo = dir.path().join("pipe.txt");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let (code, out, err) = check_in(dir.path(), &["."]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        out.contains("./linked.txt:9:"),
        "a linked file is checked: {out}"
    );
    assert!(
        out.contains("./sub/loop: failure: a link back to a folder"),
        "{out}"
    );
    assert!(
        out.contains("./pipe.txt: failure: this is a named pipe"),
        "{out}"
    );
    assert!(
        !out.contains("notes"),
        "a dangling link that is no minutes is no failure: {out}"
    );
    // Named directly: the pipe is refused at once (opening it would block), and a loop of
    // links says so.
    symlink("loop2", dir.path().join("loop1")).unwrap();
    symlink("loop1", dir.path().join("loop2")).unwrap();
    let (code, out, _) = check_in(dir.path(), &["pipe.txt", "loop1"]);
    assert_eq!(code, 2);
    assert!(
        out.contains("pipe.txt: failure: this is a named pipe"),
        "{out}"
    );
    assert!(
        out.to_lowercase()
            .contains("loop1: failure: too many levels of symbolic links"),
        "{out}"
    );
}

#[cfg(unix)]
#[test]
fn a_config_that_is_a_pipe_or_a_device_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("referat.toml");
    assert!(std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.toml")).unwrap();
    write(dir.path(), "a.txt", FAULTY);
    for config in ["referat.toml", "zero.toml"] {
        let (code, _, err) = check_in(dir.path(), &["--config", config, "a.txt"]);
        assert_eq!(code, 2);
        assert!(err.contains("it is not a regular file"), "{err}");
    }
}

#[test]
fn glob_patterns_too_complex_to_compile_are_config_errors() {
    let dir = tempfile::tempdir().unwrap();
    let pattern = format!("{}b{}", "{a,".repeat(150), "}".repeat(150));
    write(dir.path(), "a.txt", FAULTY);
    for toml in [
        format!("[[overrides]]\npaths = [\"{pattern}\"]\nignore = [\"date\"]\n"),
        format!("[[allow]]\npath = \"{pattern}\"\nrule = \"date\"\nreason = \"checked\"\n"),
    ] {
        write(dir.path(), "referat.toml", toml);
        let (code, _, err) = check_in(dir.path(), &["a.txt"]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains("bad path pattern"), "{err}");
    }
}

#[test]
fn a_flood_of_findings_is_capped_per_rule_with_a_count_of_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{HEADER}Punkt 1: Sag\n\nBeslutning\n\n{}",
        "For stemte A (3), V (2). Imod stemte C (1).\n".repeat(5_000)
    );
    let (code, report) = check_json(&write(dir.path(), "votes.txt", text));
    assert_eq!(code, 1);
    let rules = rules_of(&report);
    let max = referat::rules::MAX_FINDINGS_PER_RULE;
    let capped = rules
        .iter()
        .filter(|r| *r == "vote/tally-exceeds-present")
        .count();
    assert_eq!(capped, max);
    let note = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| {
            d["rule"] == "parse/too-many-findings"
                && d["message"]
                    .as_str()
                    .unwrap()
                    .contains("vote/tally-exceeds-present")
        })
        .expect("a count of what was left out");
    let omitted = (5_000 - max).to_string();
    assert!(
        note["message"].as_str().unwrap().contains(&omitted),
        "{note}"
    );
}

#[test]
fn a_decision_of_a_million_votes_is_read_up_to_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{HEADER}Punkt 1: Sag\n\nBeslutning\n\n{}",
        "For stemte A (1), V (2).\n".repeat(1_000_000)
    );
    let (_, report) = check_json(&write(dir.path(), "votes.txt", text));
    assert!(rules_of(&report).contains(&"parse/too-many-votes".to_string()));
}
