//! `--format junit` against Jenkins' JUnit schema (tests/data/jenkins-junit-10.xsd): every
//! element declared, every attribute allowed where it stands, the required ones present,
//! children only where the schema puts them, and times in the schema's number pattern. The
//! checker reads the schema's element and attribute declarations (what the schema says
//! about this shape of document); a checker that rejects a broken report is tested too.

use assert_cmd::Command;
use quick_xml::events::Event;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Default, Debug)]
struct Declared {
    /// Attribute name → (required, type).
    attributes: BTreeMap<String, (bool, String)>,
    children: BTreeSet<String>,
}

fn attr(e: &quick_xml::events::BytesStart, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name.as_bytes())
        .map(|a| String::from_utf8(a.value.to_vec()).unwrap())
}

/// The schema's top-level elements, with their attributes and the elements they may hold.
fn schema() -> BTreeMap<String, Declared> {
    let xsd = include_str!("data/jenkins-junit-10.xsd");
    let mut reader = quick_xml::Reader::from_str(xsd);
    let mut out: BTreeMap<String, Declared> = BTreeMap::new();
    let mut depth = 0;
    let mut current: Option<String> = None;
    loop {
        let (e, empty) = match reader.read_event().unwrap() {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(_) => {
                depth -= 1;
                if depth == 1 {
                    current = None;
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
        match (name.as_str(), depth, &current) {
            ("xs:element", 1, _) => {
                let n = attr(&e, "name").unwrap();
                out.entry(n.clone()).or_default();
                current = Some(n);
            }
            ("xs:element", _, Some(c)) => {
                if let Some(r) = attr(&e, "ref") {
                    out.get_mut(c).unwrap().children.insert(r);
                }
            }
            ("xs:attribute", _, Some(c)) => {
                let required = attr(&e, "use").as_deref() == Some("required");
                let ty = attr(&e, "type").unwrap_or_default();
                out.get_mut(c)
                    .unwrap()
                    .attributes
                    .insert(attr(&e, "name").unwrap(), (required, ty));
            }
            _ => {}
        }
        if !empty {
            depth += 1;
        }
    }
    out
}

/// Every way `xml` breaks the schema.
fn violations(xml: &str) -> Vec<String> {
    let schema = schema();
    let time = regex::Regex::new(r"^(([0-9]{0,3},)*[0-9]{3}|[0-9]{0,3})*(\.[0-9]*)?$").unwrap();
    let mut out = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    loop {
        let (e, empty) = match reader.read_event() {
            Ok(Event::Start(e)) => (e, false),
            Ok(Event::Empty(e)) => (e, true),
            Ok(Event::End(_)) => {
                stack.pop();
                continue;
            }
            Ok(Event::Eof) => break,
            Ok(_) => continue,
            Err(e) => {
                out.push(format!("not well-formed: {e}"));
                break;
            }
        };
        let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
        let Some(decl) = schema.get(&name) else {
            out.push(format!("<{name}> is not declared"));
            continue;
        };
        match stack.last() {
            None if name != "testsuites" && name != "testsuite" => {
                out.push(format!("<{name}> cannot be the root"))
            }
            Some(parent) if !schema[parent].children.contains(&name) => {
                out.push(format!("<{name}> is not allowed in <{parent}>"))
            }
            _ => {}
        }
        let given: BTreeMap<String, String> = e
            .attributes()
            .flatten()
            .map(|a| {
                (
                    String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                    a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                        .unwrap()
                        .into_owned(),
                )
            })
            .collect();
        for (a, value) in &given {
            match decl.attributes.get(a) {
                None => out.push(format!("<{name}> has no attribute {a}")),
                Some((_, ty)) if ty == "SUREFIRE_TIME" && !time.is_match(value) => {
                    out.push(format!("<{name} {a}=\"{value}\"> is not a time"))
                }
                _ => {}
            }
        }
        for (a, (required, _)) in &decl.attributes {
            if *required && !given.contains_key(a) {
                out.push(format!("<{name}> lacks the required {a}"));
            }
        }
        if !empty {
            stack.push(name);
        }
    }
    out
}

fn junit(lang: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for f in ["clean.txt", "faulty.txt"] {
        std::fs::copy(root.join("examples").join(f), dir.path().join(f)).unwrap();
    }
    std::fs::write(dir.path().join("scan.pdf"), b"%PDF-1.4\n%%EOF\n").unwrap();
    let out = Command::cargo_bin("referat")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", "--format", "junit", "--lang", lang, "."])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "the PDF cannot be read");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn junit_is_valid_against_jenkins_schema() {
    for lang in ["en", "da"] {
        let xml = junit(lang);
        assert_eq!(violations(&xml), Vec::<String>::new(), "{xml}");
        // One suite per file, with its file and time; the failure says what kind it is.
        assert_eq!(xml.matches("<testsuite ").count(), 3, "{xml}");
        assert!(xml.contains("file=\"./faulty.txt\""), "{xml}");
        assert!(xml.contains("type=\"referat.findings\""), "{xml}");
        assert!(xml.contains("type=\"referat.unreadable\""), "{xml}");
        assert!(xml.contains(" time=\""), "{xml}");
    }
    assert!(junit("da").contains("fund på niveauet fejl eller derover"));
    assert!(junit("en").contains("findings at error or above"));
}

#[test]
fn the_schema_check_can_fail() {
    let xml = junit("en");
    let broken = xml.replacen("<testsuites ", "<testsuites skipped=\"0\" ", 1);
    assert!(violations(&broken)
        .iter()
        .any(|v| v.contains("no attribute skipped")));
    let broken = xml.replacen("<testcase name=", "<testcase file=\"x\" name=", 1);
    assert!(violations(&broken)
        .iter()
        .any(|v| v.contains("no attribute file")));
    let broken = xml.replacen(" time=\"", " time=\"1s", 1);
    assert!(!violations(&broken).is_empty());
    assert!(!violations("<testcase name=\"x\"/>").is_empty());
}
