//! The README is kept true by this test:
//! - every output block marked `<!-- readme-test: ARGS [| exit N] [| in DIR] -->` is what
//!   `referat ARGS` prints (stdout and stderr, in English, without colour): its lines appear
//!   in the output as a contiguous run, `…` standing for any text within a line and a line
//!   of only `…` for any lines;
//! - every `referat …` command in a `sh` or `yaml` block names a real subcommand and real
//!   flags (each is looked up in the subcommand's `--help`);
//! - nothing refers to files outside the repository.

use assert_cmd::Command;

const README: &str = include_str!("../README.md");

/// (marker arguments, block lines) for every marked block.
fn marked_blocks(readme: &str) -> Vec<(String, Vec<String>)> {
    let lines: Vec<&str> = readme.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(marker) = line
            .trim()
            .strip_prefix("<!-- readme-test:")
            .and_then(|m| m.strip_suffix("-->"))
        else {
            continue;
        };
        let open = (i + 1..lines.len())
            .find(|&k| lines[k].starts_with("```"))
            .expect("a marked block");
        let close = (open + 1..lines.len())
            .find(|&k| lines[k].starts_with("```"))
            .expect("a closed block");
        let block = lines[open + 1..close]
            .iter()
            .map(|l| l.trim_end().to_string())
            .collect();
        out.push((marker.trim().to_string(), block));
    }
    out
}

/// Does `line` (of the output) match `expected` (of the README), where `…` is any text?
fn line_matches(expected: &str, line: &str) -> bool {
    let pieces: Vec<&str> = expected.split('…').collect();
    if pieces.len() == 1 {
        return expected == line;
    }
    let (first, last) = (pieces[0], pieces[pieces.len() - 1]);
    if !line.starts_with(first) || !line.ends_with(last) || line.len() < first.len() + last.len() {
        return false;
    }
    let mut rest = &line[first.len()..line.len() - last.len()];
    pieces[1..pieces.len() - 1]
        .iter()
        .all(|p| match rest.find(p) {
            Some(k) => {
                rest = &rest[k + p.len()..];
                true
            }
            None => false,
        })
}

/// Do the block's lines appear in the output: each stretch between lines that are only `…`
/// as a contiguous run of lines, the stretches in order?
fn contains_run(output: &[&str], block: &[String]) -> bool {
    let mut from = 0;
    for stretch in block.split(|l| l == "…").filter(|s| !s.is_empty()) {
        let found = output[from..]
            .windows(stretch.len())
            .position(|w| w.iter().zip(stretch).all(|(o, b)| line_matches(b, o)));
        match found {
            Some(k) => from += k + stretch.len(),
            None => return false,
        }
    }
    true
}

fn run(marker: &str) -> (i32, String) {
    let mut parts = marker.split('|').map(str::trim);
    let args: Vec<&str> = parts.next().unwrap().split_whitespace().collect();
    let (mut exit, mut dir) = (None, ".".to_string());
    for p in parts {
        if let Some(n) = p.strip_prefix("exit ") {
            exit = Some(n.trim().parse::<i32>().unwrap());
        } else if let Some(d) = p.strip_prefix("in ") {
            dir = d.trim().to_string();
        } else {
            panic!("unknown marker part {p:?}");
        }
    }
    let out = Command::cargo_bin("referat")
        .unwrap()
        .current_dir(&dir)
        .args(&args)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env("LANG", "en_US.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env_remove("LANGUAGE")
        .env_remove("GITHUB_ACTIONS")
        .output()
        .unwrap();
    let code = out.status.code().unwrap();
    if let Some(n) = exit {
        assert_eq!(code, n, "`referat {marker}` exit status");
    }
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (code, text)
}

#[test]
fn every_marked_output_is_what_referat_prints() {
    let blocks = marked_blocks(README);
    assert!(blocks.len() >= 4, "the README's examples are marked");
    for (marker, block) in blocks {
        let (_, output) = run(&marker);
        let lines: Vec<&str> = output.lines().map(str::trim_end).collect();
        assert!(
            contains_run(&lines, &block),
            "README block for `referat {marker}` is not in its output:\n--- README\n{}\n--- output\n{output}",
            block.join("\n")
        );
    }
}

#[test]
fn the_check_fails_when_an_example_is_edited_to_be_wrong() {
    let (marker, block) = marked_blocks(README).into_iter().next().unwrap();
    let (_, output) = run(&marker);
    let lines: Vec<&str> = output.lines().map(str::trim_end).collect();
    assert!(contains_run(&lines, &block));
    let mut wrong = block.clone();
    let k = wrong.iter().position(|l| !l.is_empty()).unwrap();
    wrong[k].push_str(" (edited)");
    assert!(!contains_run(&lines, &wrong));
    assert!(line_matches("a … c … e", "a b c d e"));
    assert!(!line_matches("a … c", "a b d"));
}

/// `referat SUB --flag …` lines of the sh and yaml blocks.
fn commands(readme: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut lang = None;
    for line in readme.lines() {
        if let Some(rest) = line.strip_prefix("```") {
            lang = if lang.is_some() {
                None
            } else {
                Some(rest.trim().to_string())
            };
            continue;
        }
        if !matches!(lang.as_deref(), Some("sh" | "yaml")) {
            continue;
        }
        let code = line.split(" #").next().unwrap();
        for (k, _) in code.match_indices("referat ") {
            let before = &code[..k];
            if before.ends_with('/') || before.ends_with('-') || before.ends_with('.') {
                continue; // a path or a file name, not the command
            }
            let cmd: String = code[k..]
                .split(['|', '>', '&', ';'])
                .next()
                .unwrap()
                .trim()
                .to_string();
            out.push(cmd);
        }
    }
    out
}

#[test]
fn every_command_shown_uses_real_subcommands_and_flags() {
    let cmds = commands(README);
    assert!(cmds.len() >= 10, "{cmds:?}");
    for cmd in cmds {
        let words: Vec<&str> = cmd.split_whitespace().collect();
        let Some(sub) = words.get(1) else { continue };
        let help = Command::cargo_bin("referat")
            .unwrap()
            .args([sub, "--help"])
            .output()
            .unwrap();
        assert!(help.status.success(), "`{cmd}`: no subcommand {sub}");
        let help = String::from_utf8_lossy(&help.stdout).into_owned();
        for w in &words[2..] {
            let flag = w.split('=').next().unwrap();
            if flag.starts_with("--") || (flag.len() == 2 && flag.starts_with('-') && flag != "-") {
                assert!(
                    help.contains(&format!("{flag} "))
                        || help.contains(&format!("{flag},"))
                        || help.contains(&format!("{flag}\n")),
                    "`{cmd}`: {sub} has no flag {flag}"
                );
            }
        }
    }
}

#[test]
fn every_toml_example_is_a_valid_referat_toml() {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in README.lines() {
        match (&mut current, line.strip_prefix("```")) {
            (None, Some("toml")) => current = Some(String::new()),
            (Some(_), Some(_)) => blocks.push(current.take().unwrap()),
            (Some(text), None) => {
                text.push_str(line);
                text.push('\n');
            }
            _ => {}
        }
    }
    assert!(blocks.len() >= 3);
    for text in blocks {
        let parsed = referat::config::Config::parse(
            std::path::Path::new("referat.toml"),
            &text,
            std::path::PathBuf::from("."),
        );
        assert!(
            parsed.is_ok(),
            "README example is no valid referat.toml:\n{text}\n{:?}",
            parsed.err().map(|e| e.message)
        );
    }
}

#[test]
fn nothing_refers_outside_the_repository() {
    assert!(
        !README.contains("../shared"),
        "the README names files outside the repository"
    );
}
