//! Compiles the rule catalogue (rules/<family>/<name>.toml) into the binary, so that
//! `referat explain` and the tests read the same files the docs link to.

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
    for (id, path) in entries {
        writeln!(
            out,
            "    ({id:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("catalogue_files.rs");
    std::fs::write(dest, out).unwrap();
}
