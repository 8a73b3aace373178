//! The command line as a CI job and a secretary meet it: exit statuses, configuration
//! discovery and errors, rule selection, suppressions, formats, determinism.

use assert_cmd::Command;
use std::path::Path;

const CLEAN: &str = "REFERAT Integrationsråd d. 26-11-2025\n\nMødedato Onsdag d. 26. november 2025 kl. 17:00\n\nMødedeltagere Anna Hansen (A), Bo Jensen (V)\n\nPunkt 1: Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt\n";
/// No participant list: parse/no-participants (info).
const NO_PARTICIPANTS: &str = "REFERAT Integrationsråd d. 26-11-2025\n\nMødedato Onsdag d. 26. november 2025 kl. 17:00\n\nPunkt 1: Godkendelse af dagsorden\n\nBeslutning\n\nGodkendt\n";
/// Bo Jensen is not on the roster below: attendance/not-on-roster (warning).
const ROSTER: &str = "[[body]]\nname = \"Integrationsråd\"\n[[body.member]]\nname = \"Anna Hansen\"\nparty = \"A\"\n";

fn referat(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("referat").unwrap();
    cmd.current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("GITHUB_WORKSPACE")
        .env_remove("GITHUB_STEP_SUMMARY")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE");
    cmd
}

fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

fn stdout(cmd: &mut Command) -> (i32, String, String) {
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn exit_statuses() {
    let dir = folder(&[
        ("clean.txt", CLEAN),
        ("empty.txt", ""),
        ("info.txt", NO_PARTICIPANTS),
    ]);
    assert_eq!(
        stdout(referat(dir.path()).args(["check", "clean.txt"])).0,
        0
    );
    assert_eq!(stdout(referat(dir.path()).args(["check", "info.txt"])).0, 0);
    assert_eq!(
        stdout(referat(dir.path()).args(["check", "empty.txt"])).0,
        1
    );
    let (code, _, err) = stdout(referat(dir.path()).args(["check", "clean.txt", "missing.txt"]));
    assert_eq!(code, 2);
    assert!(err.contains("missing.txt: no such file or folder"), "{err}");
}

#[test]
fn deny_warnings_from_flag_and_config() {
    let dir = folder(&[("clean.txt", CLEAN), ("referat.toml", ROSTER)]);
    assert_eq!(
        stdout(referat(dir.path()).args(["check", "clean.txt"])).0,
        0
    );
    assert_eq!(
        stdout(referat(dir.path()).args(["check", "clean.txt", "--deny", "warnings"])).0,
        1
    );
    std::fs::write(
        dir.path().join("referat.toml"),
        format!("deny = \"warnings\"\n{ROSTER}"),
    )
    .unwrap();
    assert_eq!(
        stdout(referat(dir.path()).args(["check", "clean.txt"])).0,
        1
    );
}

#[test]
fn roster_is_found_by_walking_up_and_used() {
    let dir = folder(&[("referat.toml", ROSTER), ("2025/nov/clean.txt", CLEAN)]);
    let (code, out, _) =
        stdout(referat(&dir.path().join("2025")).args(["check", "--format", "concise", "nov"]));
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "nov/clean.txt:5:32: warning attendance/not-on-roster Bo Jensen is not a member or substitute of Integrationsråd according to the roster in referat.toml\n"
    );
    // --no-config: no roster, nothing to say.
    let (_, out, _) =
        stdout(referat(dir.path()).args(["check", "--format", "concise", "--no-config", "2025"]));
    assert_eq!(out, "");
}

#[test]
fn bad_configuration_is_status_2_and_points_into_the_toml() {
    let dir = folder(&[
        ("clean.txt", CLEAN),
        ("referat.toml", "selct = [\"vote\"]\n"),
    ]);
    let (code, out, err) = stdout(referat(dir.path()).args(["check", "clean.txt"]));
    assert_eq!(code, 2);
    assert_eq!(out, "");
    assert!(err.contains("unknown field `selct`"), "{err}");
    assert!(err.contains("referat.toml:1:1"), "{err}");
    assert!(err.contains("referat init"), "{err}");

    std::fs::write(
        dir.path().join("referat.toml"),
        "ignore = [\"parse/no-participant\"]\n",
    )
    .unwrap();
    let (code, _, err) = stdout(referat(dir.path()).args(["check", "clean.txt"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("unknown rule or family `parse/no-participant`"),
        "{err}"
    );
    assert!(
        err.contains("did you mean `parse/no-participants`"),
        "{err}"
    );

    std::fs::write(
        dir.path().join("referat.toml"),
        "[[body]]\nname = \"X\"\nsize = \"nine\"\n",
    )
    .unwrap();
    let (code, _, err) = stdout(referat(dir.path()).args(["check", "clean.txt"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("invalid type: string \"nine\", expected u32"),
        "{err}"
    );
}

#[test]
fn unknown_rule_on_the_command_line_is_status_2() {
    let dir = folder(&[("clean.txt", CLEAN)]);
    let (code, _, err) =
        stdout(referat(dir.path()).args(["check", "clean.txt", "--select", "vote/nope"]));
    assert_eq!(code, 2);
    assert!(
        err.contains("--select: unknown rule or family `vote/nope`"),
        "{err}"
    );
    let (code, _, err) =
        stdout(referat(dir.path()).args(["check", "clean.txt", "--severity", "parse=loud"]));
    assert_eq!(code, 2);
    assert!(err.contains("unknown level `loud`"), "{err}");
}

#[test]
fn selection_and_severity_flags() {
    let dir = folder(&[("empty.txt", "")]);
    let concise = |args: &[&str]| {
        let mut cmd = referat(dir.path());
        cmd.args(["check", "--format", "concise", "empty.txt"])
            .args(args);
        stdout(&mut cmd)
    };
    let (code, all, _) = concise(&[]);
    assert_eq!(code, 1);
    assert!(all.contains("error parse/no-items"), "{all}");
    let (code, out, _) = concise(&["--ignore", "parse/no-items"]);
    assert!(!out.contains("parse/no-items"), "{out}");
    assert_eq!(code, 0, "{out}");
    let (code, out, _) = concise(&["--severity", "parse/no-items=warning"]);
    assert_eq!(code, 0);
    assert!(out.contains("warning parse/no-items"), "{out}");
    let (_, out, _) = concise(&["--select", "parse/no-meeting-header"]);
    assert_eq!(out.lines().count(), 1, "{out}");
}

#[test]
fn overrides_by_path() {
    let dir = folder(&[
        ("arkiv/2019/empty.txt", ""),
        ("new/empty.txt", ""),
        (
            "referat.toml",
            "[[overrides]]\npaths = [\"arkiv/2019/**\"]\nseverity = { \"parse\" = \"info\" }\n",
        ),
    ]);
    let (code, out, _) =
        stdout(referat(dir.path()).args(["check", "--format", "concise", "arkiv"]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("info parse/no-items"));
    assert_eq!(stdout(referat(dir.path()).args(["check", "new"])).0, 1);
}

#[test]
fn suppression_silences_and_goes_stale() {
    let allow = "[[allow]]\npath = \"a.txt\"\nrule = \"parse/no-participants\"\nreason = \"Integrationsrådet fører ikke deltagerliste (checked 2025-12-01)\"\n";
    let dir = folder(&[("a.txt", NO_PARTICIPANTS), ("referat.toml", allow)]);
    let (code, out, _) =
        stdout(referat(dir.path()).args(["check", "--format", "concise", "a.txt"]));
    assert_eq!((code, out.as_str()), (0, ""));

    // The secretary fixes the minutes: the suppression now matches nothing and is reported.
    std::fs::write(dir.path().join("a.txt"), CLEAN).unwrap();
    let (code, out, _) =
        stdout(referat(dir.path()).args(["check", "--format", "concise", "a.txt"]));
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "referat.toml:1:1: warning config/unused-allow The suppression of parse/no-participants in a.txt no longer matches any finding\n"
    );
    assert_eq!(
        stdout(referat(dir.path()).args(["check", "a.txt", "--deny", "warnings"])).0,
        1
    );

    // Without a reason, it is refused.
    std::fs::write(
        dir.path().join("referat.toml"),
        "[[allow]]\npath = \"a.txt\"\nrule = \"parse/no-participants\"\n",
    )
    .unwrap();
    let (code, _, err) = stdout(referat(dir.path()).args(["check", "a.txt"]));
    assert_eq!(code, 2);
    assert!(err.contains("a suppression needs a reason"), "{err}");
}

#[test]
fn github_format_is_chosen_on_github_actions() {
    let dir = folder(&[("empty.txt", "")]);
    let (_, out, _) = stdout(
        referat(dir.path())
            .env("GITHUB_ACTIONS", "true")
            .args(["check", "empty.txt"]),
    );
    assert!(
        out.starts_with("::error file=empty.txt,line=1,col=1,"),
        "{out}"
    );
    let (_, out, _) = stdout(referat(dir.path()).env("GITHUB_ACTIONS", "true").args([
        "check",
        "--format",
        "json",
        "empty.txt",
    ]));
    assert!(out.starts_with('{'));
}

/// Minutes with `n` running-text dates whose weekday is wrong (14 April 2026 is a Tuesday):
/// `n` date/weekday-mismatch errors.
fn weekday_mismatches(n: usize) -> String {
    let mut text = CLEAN.replace("Godkendt\n", "Godkendt.\n\n");
    for i in 0..n {
        text.push_str(&format!(
            "Sag {i} blev behandlet Mandag d. 14. april 2026 <b>|</b> & udsat.\n\n"
        ));
    }
    text
}

/// More findings than GitHub shows: every finding is still an annotation, all of them are in
/// the step summary's tables (appended to what an earlier step wrote), a notice says how many
/// GitHub hides, the last line sums up, and `file=` is relative to the workspace however the
/// file was named.
#[test]
fn github_step_summary_and_workspace_paths() {
    let many = weekday_mismatches(38);
    let two = weekday_mismatches(2);
    let workspace = folder(&[
        ("referater/mange.txt", many.as_str()),
        ("referater/to.txt", two.as_str()),
    ]);
    let summary_dir = tempfile::tempdir().unwrap();
    let summary_file = summary_dir.path().join("step_summary.md");
    std::fs::write(&summary_file, "# An earlier step\n\n").unwrap();
    // One file named relative to the working folder (a subfolder), one by its absolute path.
    let absolute = workspace.path().join("referater/to.txt");
    let run = |cmd: &mut Command| {
        stdout(
            cmd.env("GITHUB_ACTIONS", "true")
                .env("GITHUB_WORKSPACE", workspace.path())
                .args(["check", "--no-config", "mange.txt"])
                .arg(&absolute),
        )
    };
    let mut cmd = referat(&workspace.path().join("referater"));
    let (code, out, err) = run(cmd.env("GITHUB_STEP_SUMMARY", &summary_file));
    assert_eq!(code, 1, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    let annotations = |file: &str| {
        lines
            .iter()
            .filter(|l| l.starts_with(&format!("::error file={file},line=")))
            .count()
    };
    assert_eq!(annotations("referater/mange.txt"), 38, "{out}");
    assert_eq!(annotations("referater/to.txt"), 2, "{out}");
    assert!(
        !out.contains(&workspace.path().display().to_string()),
        "{out}"
    );
    let notice = lines[lines.len() - 2];
    assert!(notice.starts_with("::notice "), "{out}");
    assert!(notice.contains("30 of 40 are not shown"), "{notice}");
    assert!(notice.contains("in the step summary"), "{notice}");
    assert_eq!(
        lines[lines.len() - 1],
        "referat: 40 errors, 0 warnings, 0 infos in 2 files"
    );
    let markdown = std::fs::read_to_string(&summary_file).unwrap();
    assert!(
        markdown.starts_with("# An earlier step\n\n## referat"),
        "{markdown}"
    );
    let rows: Vec<&str> = markdown
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Line "))
        .collect();
    assert_eq!(rows.len(), 40, "{markdown}");
    assert!(markdown.contains("### referater/mange.txt\n"), "{markdown}");
    assert!(markdown.contains("### referater/to.txt\n"), "{markdown}");
    for row in &rows {
        assert!(row.contains("| error | date/weekday-mismatch |"), "{row}");
        assert_eq!(row.matches('|').count(), 6, "{row}");
        assert!(!row.contains('<'), "{row}");
    }
    assert!(
        markdown.contains("40 errors, 0 warnings, 0 infos in 2 files"),
        "{markdown}"
    );

    // No step summary: the notice points to the log; nothing is written.
    let before = std::fs::read_to_string(&summary_file).unwrap();
    let (_, out, _) = run(&mut referat(&workspace.path().join("referater")));
    assert!(
        out.contains("::notice ") && out.contains("in the log"),
        "{out}"
    );
    assert_eq!(std::fs::read_to_string(&summary_file).unwrap(), before);

    // Within GitHub's limits: no notice, no step summary; a path outside the workspace is
    // named as given.
    let (_, out, _) = stdout(
        referat(&workspace.path().join("referater"))
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_WORKSPACE", summary_dir.path())
            .env("GITHUB_STEP_SUMMARY", &summary_file)
            .args(["check", "--no-config", "to.txt"]),
    );
    assert!(out.starts_with("::error file=to.txt,line="), "{out}");
    assert!(!out.contains("::notice"), "{out}");
    assert!(
        out.ends_with("referat: 2 errors, 0 warnings, 0 infos in 1 file\n"),
        "{out}"
    );
    assert_eq!(std::fs::read_to_string(&summary_file).unwrap(), before);
}

#[test]
fn output_is_the_same_whatever_the_thread_count() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let run = |threads: &str| {
        stdout(referat(&corpus).args([
            "check",
            "--format",
            "json",
            "--no-config",
            "--threads",
            threads,
            ".",
        ]))
        .1
    };
    let one = run("1");
    assert!(one.contains("parse/no-participants"));
    assert_eq!(one, run("4"));
}

/// The report is written file by file as batches of files are checked: it must still be
/// sorted by path, then offset, where the walk's order is another ("a/b.txt" is walked
/// before "a-c.txt", which sorts first), where a file is named twice, and across batches
/// (more files than one batch of 256 per thread).
#[test]
fn findings_are_in_path_order_however_the_files_are_written() {
    let faulty =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/faulty.txt"))
            .unwrap();
    let mut files: Vec<(String, &str)> = vec![
        ("a/b.txt".into(), faulty.as_str()),
        ("a-c.txt".into(), faulty.as_str()),
        ("a/clean.txt".into(), CLEAN),
    ];
    for k in 0..600 {
        files.push((
            format!("many/{k}.txt"),
            if k % 3 == 0 { &faulty } else { CLEAN },
        ));
    }
    let named: Vec<(&str, &str)> = files.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    let dir = folder(&named);
    let args = ["check", "--no-config", "--threads", "2", ".", "./a/b.txt"];
    let (code, out, _) = stdout(referat(dir.path()).args(args).args(["--format", "json"]));
    assert_eq!(code, 1);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let found: Vec<(String, u64)> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["path"].as_str().unwrap().to_string(),
                d["offset"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = found.clone();
    sorted.sort();
    assert_eq!(found, sorted);
    let per_file = found.iter().filter(|(p, _)| p == "./a-c.txt").count();
    assert!(per_file >= 5, "{found:?}");
    // Named twice: both copies' findings, merged by offset.
    assert_eq!(
        found.iter().filter(|(p, _)| p.ends_with("a/b.txt")).count(),
        2 * per_file
    );
    assert_eq!(found.len(), (2 + 200) * per_file + per_file);
    assert_eq!(json["summary"]["files"], 604);
    // The line formats list the same findings in the same order.
    let (_, concise, _) = stdout(referat(dir.path()).args(args).args(["--format", "concise"]));
    let lines: Vec<&str> = concise.lines().collect();
    assert_eq!(lines.len(), found.len());
    for (line, (path, _)) in lines.iter().zip(&found) {
        assert!(line.starts_with(&format!("{path}:")), "{line} / {path}");
    }
}

#[test]
fn stats_show_coverage() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let (_, out, _) =
        stdout(referat(&corpus).args(["check", "--stats", "--no-config", "--format", "json", "."]));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let c = &json["stats"]["coverage"];
    assert_eq!(c["files"], 8);
    assert!(c["items"].as_u64().unwrap() > 20, "{c}");
    assert!(
        json["stats"]["rules"]["parse/no-participants"]
            .as_u64()
            .unwrap()
            >= 1
    );
    let (_, out, _) = stdout(referat(&corpus).args(["check", "--stats", "--no-config", "."]));
    assert!(out.contains("agenda items"), "{out}");
}

#[test]
fn init_writes_a_config_that_loads() {
    let dir = folder(&[("clean.txt", CLEAN)]);
    assert_eq!(stdout(referat(dir.path()).args(["init"])).0, 0);
    // The example roster is there to fill in, commented out: no committee of the examples
    // is imposed on the user's minutes.
    let written = std::fs::read_to_string(dir.path().join("referat.toml")).unwrap();
    assert!(written.contains("# [[body]]"), "{written}");
    assert!(
        !written.lines().any(|l| l.starts_with("[[body")),
        "{written}"
    );
    let (_, settings, _) =
        stdout(referat(dir.path()).args(["check", "--show-settings", "clean.txt"]));
    assert!(settings.contains("  rosters: 0"), "{settings}");
    assert_eq!(
        stdout(referat(dir.path()).args(["check", "clean.txt"])).0,
        0
    );
    let (code, _, err) = stdout(referat(dir.path()).args(["init"]));
    assert_eq!(code, 2);
    assert!(err.contains("--force"), "{err}");
    let (code, _, err) = stdout(referat(dir.path()).args(["init", "--lang", "da"]));
    assert_eq!(code, 2);
    assert!(err.contains("findes allerede; brug --force"), "{err}");
    // The locale: LANGUAGE before LANG (en_US here), LC_ALL before LANG, and C over both.
    let (_, _, err) = stdout(referat(dir.path()).env("LANGUAGE", "da:en").args(["init"]));
    assert!(err.contains("findes allerede"), "{err}");
    let (_, _, err) = stdout(
        referat(dir.path())
            .env("LC_ALL", "da_DK.UTF-8")
            .args(["init"]),
    );
    assert!(err.contains("findes allerede"), "{err}");
    let (_, _, err) = stdout(
        referat(dir.path())
            .env("LANGUAGE", "da")
            .env("LC_ALL", "C")
            .args(["init"]),
    );
    assert!(err.contains("exists already"), "{err}");
    // A roster made from the minutes themselves knows everyone in them.
    assert_eq!(
        stdout(referat(dir.path()).args(["init", "--force", "--from", "clean.txt"])).0,
        0
    );
    let toml = std::fs::read_to_string(dir.path().join("referat.toml")).unwrap();
    assert!(toml.contains("name = \"Integrationsråd\""), "{toml}");
    assert!(
        toml.contains("name = \"Bo Jensen\"\nparty = \"V\""),
        "{toml}"
    );
    let (code, out, _) = stdout(referat(dir.path()).args([
        "check",
        "--format",
        "concise",
        "--deny",
        "warnings",
        "clean.txt",
    ]));
    assert_eq!((code, out.as_str()), (0, ""));
}

#[test]
fn example_config_matches_its_corpus_body() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (code, out, err) = stdout(referat(root).args([
        "check",
        "--config",
        "examples/referat.toml",
        "--format",
        "json",
        "--stats",
        "tests/corpus/001_719570b264c92903.txt",
    ]));
    assert!(code == 0 || code == 1, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["stats"]["coverage"]["rosters_matched"], 1);
    assert!(!out.contains("attendance/not-on-roster"), "{out}");
}

#[test]
fn a_layout_is_pinned_by_flag_or_by_path() {
    let dir = folder(&[
        ("arkiv/a.txt", CLEAN),
        ("nye/b.txt", CLEAN),
        (
            "referat.toml",
            "[[overrides]]\npaths = [\"arkiv/**\"]\nlayout = \"polweb\"\n",
        ),
    ]);
    let layout = |args: &[&str]| {
        let (code, out, err) = stdout(referat(dir.path()).args(args));
        assert_eq!(code, 0, "{err}");
        let json: serde_json::Value = serde_json::from_str(&out).unwrap();
        (
            json["layout"]["profile"].as_str().map(str::to_string),
            json["layout"]["pinned"].as_bool().unwrap_or(false),
        )
    };
    // Recognised where nothing pins it; pinned by the path's override; the flag wins.
    assert_eq!(
        layout(&["extract", "nye/b.txt"]),
        (Some("firstagenda".into()), false)
    );
    assert_eq!(
        layout(&["extract", "arkiv/a.txt"]),
        (Some("polweb".into()), true)
    );
    assert_eq!(
        layout(&["extract", "--layout", "folketinget", "arkiv/a.txt"]),
        (Some("folketinget".into()), true)
    );
    let (_, out, _) =
        stdout(referat(dir.path()).args(["check", "--stats", "arkiv/a.txt", "nye/b.txt"]));
    assert!(out.contains("arkiv/a.txt: polweb"), "{out}");
    assert!(out.contains("nye/b.txt: firstagenda"), "{out}");
}

#[test]
fn an_unknown_layout_is_trouble() {
    let dir = folder(&[("a.txt", CLEAN)]);
    for cmd in ["check", "extract"] {
        let (code, _, err) = stdout(referat(dir.path()).args([cmd, "--layout", "nope", "a.txt"]));
        assert_eq!(code, 2, "{cmd}");
        assert!(
            err.contains("firstagenda"),
            "{cmd}: the layouts are listed: {err}"
        );
    }
    let dir = folder(&[
        ("a.txt", CLEAN),
        (
            "referat.toml",
            "[[overrides]]\npaths = [\"*.txt\"]\nlayout = \"nope\"\n",
        ),
    ]);
    for cmd in ["check", "extract"] {
        let (code, _, err) = stdout(referat(dir.path()).args([cmd, "a.txt"]));
        assert_eq!(code, 2, "{cmd}");
        assert!(err.contains("unknown layout"), "{cmd}: {err}");
    }
}

/// A run that cannot start (a broken referat.toml, a bad flag) still writes a whole report in
/// every machine format, holding the failure, with exit status 2: CI uploads something true.
#[test]
fn a_config_error_still_gives_a_valid_machine_report() {
    let dir = folder(&[("a.txt", CLEAN), ("referat.toml", "bogus = [\n")]);
    for format in ["json", "sarif", "junit", "github", "concise"] {
        let (code, out, err) =
            stdout(referat(dir.path()).args(["check", "--format", format, "a.txt"]));
        assert_eq!(code, 2, "{format}: {err}");
        assert!(err.contains("referat.toml"), "{format}: {err}");
        match format {
            "json" => {
                let v: serde_json::Value = serde_json::from_str(&out).unwrap();
                assert_eq!(v["failures"][0]["path"], "referat.toml");
                assert!(v["failures"][0]["message"]
                    .as_str()
                    .unwrap()
                    .contains("unclosed array"));
            }
            "sarif" => {
                let v: serde_json::Value = serde_json::from_str(&out).unwrap();
                let invocation = &v["runs"][0]["invocations"][0];
                assert_eq!(invocation["executionSuccessful"], false);
                assert_eq!(
                    invocation["toolExecutionNotifications"]
                        .as_array()
                        .unwrap()
                        .len(),
                    1
                );
            }
            "junit" => {
                assert!(out.starts_with("<?xml"), "{out}");
                assert!(out.contains("errors=\"1\""), "{out}");
                assert!(out.trim_end().ends_with("</testsuites>"), "{out}");
            }
            _ => assert!(out.contains("referat.toml"), "{format}: {out}"),
        }
    }
    // A bad flag too.
    let (code, out, _) = stdout(referat(dir.path()).args([
        "check",
        "--no-config",
        "--format",
        "json",
        "--select",
        "nope/x",
        "a.txt",
    ]));
    assert_eq!(code, 2);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["failures"][0]["path"], "<command line>");
}

fn faulty() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/faulty.txt"))
        .unwrap()
}

/// The flags a CI job reaches for: a report file with the summary still on the terminal,
/// exit 0 on findings but not on trouble, findings only, a minimum severity, excluded paths,
/// a name for standard input.
#[test]
fn ci_flags() {
    let faulty = faulty();
    let dir = folder(&[
        ("referater/clean.txt", CLEAN),
        ("referater/udkast/faulty.txt", &faulty),
    ]);
    // -o: the report in the file, nothing on stdout, the summary on stderr.
    let (code, out, err) = stdout(referat(dir.path()).args([
        "check",
        "--format",
        "json",
        "-o",
        "r.json",
        "referater",
    ]));
    assert_eq!(code, 1);
    assert!(out.is_empty(), "{out}");
    assert!(err.contains("2 files checked"), "{err}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("r.json")).unwrap()).unwrap();
    assert_eq!(report["summary"]["files"], 2);
    // --exit-zero: 0 with errors, but 2 when a file cannot be read.
    assert_eq!(
        stdout(referat(dir.path()).args(["check", "--exit-zero", "referater"])).0,
        0
    );
    assert_eq!(
        stdout(referat(dir.path()).args(["check", "--exit-zero", "referater", "missing.txt"])).0,
        2
    );
    // -q: findings, no summary.
    let (_, out, err) = stdout(referat(dir.path()).args([
        "check",
        "-q",
        "--format",
        "concise",
        "-o",
        "r.txt",
        "referater",
    ]));
    assert!(out.is_empty() && !err.contains("checked"), "{err}");
    // --min-severity error: the warnings are gone from report and counts.
    let (code, out, _) = stdout(referat(dir.path()).args([
        "check",
        "--format",
        "concise",
        "--min-severity",
        "error",
        "referater",
    ]));
    assert_eq!(code, 1);
    assert!(
        out.contains(" error ") && !out.contains(" warning "),
        "{out}"
    );
    let (code, out, _) = stdout(referat(dir.path()).args([
        "check",
        "--format",
        "json",
        "--min-severity",
        "error",
        "--deny",
        "warnings",
        "referater/clean.txt",
    ]));
    assert_eq!(code, 0, "{out}");
    // --exclude: the draft folder is left out of the walk, but not when named.
    let (code, _, err) =
        stdout(referat(dir.path()).args(["check", "--exclude", "udkast/**", "referater"]));
    assert_eq!((code, err.contains("1 file checked")), (0, true), "{err}");
    let (code, _, err) =
        stdout(referat(dir.path()).args(["check", "--exclude", "**/faulty.txt", "referater"]));
    assert_eq!((code, err.contains("1 file checked")), (0, true), "{err}");
    assert_eq!(
        stdout(referat(dir.path()).args([
            "check",
            "--exclude",
            "udkast/**",
            "referater/udkast/faulty.txt"
        ]))
        .0,
        1
    );
    let (code, _, err) =
        stdout(referat(dir.path()).args(["check", "--exclude", "a{b", "referater"]));
    assert_eq!(code, 2);
    assert!(err.contains("--exclude a{b"), "{err}");
    // --stdin-filename: standard input reported under the name given.
    let (code, out, _) = stdout(
        referat(dir.path())
            .args([
                "check",
                "--format",
                "concise",
                "--stdin-filename",
                "referater/mine.txt",
                "-",
            ])
            .write_stdin(faulty.as_str()),
    );
    assert_eq!(code, 1);
    assert!(
        out.lines().all(|l| l.starts_with("referater/mine.txt:")),
        "{out}"
    );
}

/// GitLab Code Quality: one issue per finding, fingerprints unique and unchanged when lines
/// are added above the findings.
#[test]
fn gitlab_code_quality() {
    let faulty = faulty();
    let moved = format!("\n\n\n{faulty}");
    let issues = |text: &str| -> Vec<serde_json::Value> {
        let dir = folder(&[("m.txt", text)]);
        let (code, out, _) =
            stdout(referat(dir.path()).args(["check", "--format", "gitlab", "m.txt"]));
        assert_eq!(code, 1);
        serde_json::from_str(&out).unwrap()
    };
    let (before, after) = (issues(&faulty), issues(&moved));
    assert!(before.len() >= 5, "{before:?}");
    let prints = |v: &[serde_json::Value]| -> Vec<String> {
        v.iter()
            .map(|i| i["fingerprint"].as_str().unwrap().to_string())
            .collect()
    };
    let mut unique = prints(&before);
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), before.len(), "fingerprints are unique");
    assert_eq!(
        prints(&before),
        prints(&after),
        "fingerprints survive moved lines"
    );
    assert_ne!(
        before[0]["location"]["lines"]["begin"],
        after[0]["location"]["lines"]["begin"]
    );
    for i in &before {
        assert!(["major", "minor", "info"].contains(&i["severity"].as_str().unwrap()));
        assert_eq!(i["location"]["path"], "m.txt");
        assert!(!i["description"].as_str().unwrap().is_empty());
    }
}

/// Messages read in the reader's language throughout: English weekday names in English, the
/// singular for one vote in both languages (issue 23 part 7).
#[test]
fn messages_use_the_language_and_number_of_the_reader() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let run = |lang: &str| {
        stdout(referat(root).args([
            "check",
            "--lang",
            lang,
            "--format",
            "concise",
            "examples/faulty.txt",
        ]))
        .1
    };
    let en = run("en");
    assert!(
        en.contains("14-04-2026 is a Tuesday, not a Wednesday"),
        "{en}"
    );
    assert!(
        en.contains("O has 1 vote, but only 0 members present"),
        "{en}"
    );
    assert!(
        en.contains("7 votes, but only 6 members present: Gitte Bech (apologies)"),
        "{en}"
    );
    let da = run("da");
    assert!(
        da.contains("14-04-2026 er en tirsdag, ikke en onsdag"),
        "{da}"
    );
    assert!(
        da.contains("O har 1 stemme, men kun 0 medlemmer til stede"),
        "{da}"
    );
    assert!(
        da.contains("7 stemmer, men kun 6 medlemmer til stede: Gitte Bech (afbud)"),
        "{da}"
    );
}

#[test]
fn exclude_in_referat_toml_and_show_settings() {
    let faulty = std::fs::read_to_string("examples/faulty.txt").unwrap();
    let clean = std::fs::read_to_string("examples/clean.txt").unwrap();
    let toml = "exclude = [\"udkast/**\"]\nignore = [\"name\"]\n\
                [severity]\n\"date/weekday-mismatch\" = \"warning\"\n\
                [[overrides]]\npaths = [\"clean.txt\"]\nlayout = \"firstagenda\"\n";
    let dir = folder(&[
        ("referat.toml", toml),
        ("clean.txt", &clean),
        ("udkast/faulty.txt", &faulty),
    ]);
    // The walk leaves the draft out; named on the command line, it is checked.
    let (code, out, _) = stdout(referat(dir.path()).args(["check", "--format", "concise", "."]));
    assert_eq!((code, out.as_str()), (0, ""));
    let (code, out, _) =
        stdout(referat(dir.path()).args(["check", "--format", "concise", "udkast/faulty.txt"]));
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("warning date/weekday-mismatch"), "{out}");
    let (code, out, _) = stdout(referat(dir.path()).args(["check", "--show-settings", "."]));
    assert_eq!(code, 0);
    for line in [
        "./clean.txt",
        "  configuration: referat.toml",
        "  ignore: name",
        "  severity: date/weekday-mismatch = warning",
        "  layout: firstagenda",
        "  exclude: udkast/**",
    ] {
        assert!(out.lines().any(|l| l == line), "{line:?} in:\n{out}");
    }
    assert!(!out.contains("faulty"), "{out}");
}

#[test]
fn rules_lists_every_finding_a_run_can_report_and_the_hook_every_format() {
    let (code, out, _) = stdout(referat(Path::new(".")).args(["rules"]));
    assert_eq!(code, 0);
    for id in referat::catalogue::catalogue().keys() {
        assert!(out.lines().any(|l| l.starts_with(id.as_str())), "{id}");
    }
    assert!(out.contains("config/unused-allow"), "{out}");
    let hooks = std::fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    let files = hooks
        .lines()
        .find_map(|l| l.trim().strip_prefix("files: "))
        .unwrap();
    let files = regex::Regex::new(files.split(" #").next().unwrap().trim()).unwrap();
    for ext in referat::source::SOURCE_EXTENSIONS {
        assert!(
            files.is_match(&format!("referat-2026.{ext}")),
            "the hook skips .{ext}"
        );
    }
    assert!(
        !hooks.contains("types_or: [text"),
        "binary formats are not text"
    );
}
