//! Compiles the rule catalogue (rules/<family>/<name>.toml) into the binary, so that
//! `referat explain` and the tests read the same files the docs link to. What a check needs of
//! each rule (its severity and message templates) is also read here, once, into a table of
//! constants: parsing all 44 files with their examples took 80 % of a one-page check's
//! instructions (issue 8).

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut entries = Vec::new();
    for family in std::fs::read_dir(&root).expect("rules/ exists") {
        let family = family.expect("readable rules/ entry").path();
        if !family.is_dir() {
            continue;
        }
        println!("cargo:rerun-if-changed={}", family.display());
        for file in std::fs::read_dir(&family).expect("readable family folder") {
            let path = file.expect("readable catalogue entry").path();
            if path.extension().is_some_and(|e| e == "toml") {
                let id = format!(
                    "{}/{}",
                    family.file_name().unwrap().to_string_lossy(),
                    path.file_stem().unwrap().to_string_lossy()
                );
                entries.push((id, path));
            }
        }
    }
    entries.sort();
    let mut out = String::from("/// (rule id, catalogue file contents), sorted by id.\npub const CATALOGUE_FILES: &[(&str, &str)] = &[\n");
    for (id, path) in &entries {
        writeln!(
            out,
            "    ({id:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    out.push_str(&heads(&entries));
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("catalogue_files.rs");
    std::fs::write(dest, out).unwrap();
}

/// `CATALOGUE_HEADS`: each rule's id, severity and message and help templates, sorted by id.
fn heads(entries: &[(String, std::path::PathBuf)]) -> String {
    let mut out = String::from(
        "/// What a check needs of each rule, read from its catalogue file by build.rs; sorted by id.\n\
         pub const CATALOGUE_HEADS: &[RuleHead] = &[\n",
    );
    for (id, path) in entries {
        let text = std::fs::read_to_string(path).expect("readable catalogue file");
        let table: toml::Table =
            toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let text_of = |key: &str| -> String {
            match table.get(key) {
                Some(toml::Value::String(s)) => s.clone(),
                _ => panic!("{}: `{key}` must be a string", path.display()),
            }
        };
        let template = |key: &str| -> Option<String> {
            let t = table.get(key)?.as_table()?;
            let lang = |l: &str| t.get(l).and_then(toml::Value::as_str).map(str::to_string);
            match (lang("da"), lang("en")) {
                (Some(da), Some(en)) => Some(format!(
                    "Template {{ da: Cow::Borrowed({da:?}), en: Cow::Borrowed({en:?}) }}"
                )),
                _ => panic!("{}: `{key}` needs `da` and `en`", path.display()),
            }
        };
        let severity = match text_of("severity").as_str() {
            "error" => "Error",
            "warning" => "Warning",
            "info" => "Info",
            other => panic!("{}: unknown severity `{other}`", path.display()),
        };
        let message = template("message")
            .unwrap_or_else(|| panic!("{}: `message` is missing", path.display()));
        let help = template("help").map_or("None".to_string(), |h| format!("Some({h})"));
        writeln!(
            out,
            "    RuleHead {{ id: {id:?}, severity: Severity::{severity}, message: {message}, help: {help} }},"
        )
        .unwrap();
    }
    out.push_str("];\n");
    out
}
