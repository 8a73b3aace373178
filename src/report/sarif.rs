//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers, built
//! with the `serde-sarif` types. The whole catalogue is listed as the tool's rules, so a
//! viewer can show a rule's explanation next to its results; files that could not be checked
//! are tool execution notifications, and make the invocation unsuccessful.

use super::{Diagnostic, Report};
use crate::catalogue;
use crate::rules::Severity;
use serde_sarif::sarif;
use std::path::{Component, Path, PathBuf};

/// The schema the output declares (and is tested against: tests/data/sarif-schema-2.1.0.json).
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The base of every relative artifact URI: the folder referat was run in (GitHub code
/// scanning resolves it against the repository's checkout).
const SRCROOT: &str = "%SRCROOT%";

pub fn render(report: &Report) -> String {
    let cwd = std::env::current_dir().ok();
    render_in(report, cwd.as_deref())
}

/// [`render`] for a run in `root` (the folder relative paths start from, if known).
pub fn render_in(report: &Report, root: Option<&Path>) -> String {
    let ids: Vec<&String> = catalogue::catalogue().keys().collect();
    let rules: Vec<sarif::ReportingDescriptor> = catalogue::catalogue()
        .values()
        .map(|doc| {
            sarif::ReportingDescriptor::builder()
                .id(&doc.id)
                .short_description(
                    sarif::MultiformatMessageString::builder()
                        .text(&doc.summary)
                        .build(),
                )
                .full_description(
                    sarif::MultiformatMessageString::builder()
                        .text(doc.explanation.trim())
                        .build(),
                )
                .help(
                    sarif::MultiformatMessageString::builder()
                        .text(format!(
                            "{}\n\nRun `referat explain {}` for examples.",
                            doc.explanation.trim(),
                            doc.id
                        ))
                        .build(),
                )
                .default_configuration(
                    sarif::ReportingConfiguration::builder()
                        .level(level(doc.severity))
                        .build(),
                )
                .build()
        })
        .collect();
    let driver = sarif::ToolComponent::builder()
        .name("referat")
        .version(env!("CARGO_PKG_VERSION"))
        .information_uri("https://crates.io/crates/referat")
        .rules(rules)
        .build();
    let results: Vec<sarif::Result> = report
        .diagnostics
        .iter()
        .map(|d| result(d, ids.iter().position(|id| **id == d.rule), root))
        .collect();
    let notifications: Vec<sarif::Notification> = report
        .failures
        .iter()
        .map(|f| {
            sarif::Notification::builder()
                .level(sarif::ResultLevel::Error.to_string())
                .message(sarif::Message::builder().text(&f.message).build())
                .locations(vec![sarif::Location::builder()
                    .physical_location(
                        sarif::PhysicalLocation::builder()
                            .artifact_location(artifact(&f.path, root))
                            .build(),
                    )
                    .build()])
                .build()
        })
        .collect();
    let invocation = sarif::Invocation::builder()
        .execution_successful(report.failures.is_empty())
        .tool_execution_notifications(notifications)
        .build();
    let run = sarif::Run::builder()
        .tool(sarif::Tool::builder().driver(driver).build())
        .results(results)
        .invocations(vec![invocation])
        .column_kind("unicodeCodePoints");
    let run = match root.and_then(|r| url::Url::from_directory_path(r).ok()) {
        Some(base) => run
            .original_uri_base_ids(std::collections::BTreeMap::from([(
                SRCROOT.to_string(),
                sarif::ArtifactLocation::builder()
                    .uri(base.as_str())
                    .build(),
            )]))
            .build(),
        None => run.build(),
    };
    let log = sarif::Sarif::builder()
        .schema(SCHEMA)
        .version(sarif::Version::V2_1_0.to_string())
        .runs(vec![run])
        .build();
    let mut out = serde_json::to_string_pretty(&log).expect("SARIF serializes");
    out.push('\n');
    out
}

fn result(d: &Diagnostic, rule_index: Option<usize>, root: Option<&Path>) -> sarif::Result {
    let region = sarif::Region::builder()
        .start_line(d.line as i64)
        .start_column(d.column as i64)
        .end_line(d.end_line as i64)
        .end_column(d.end_column as i64)
        .build();
    let location = sarif::Location::builder()
        .physical_location(
            sarif::PhysicalLocation::builder()
                .artifact_location(artifact(&d.path, root))
                .region(region)
                .build(),
        )
        .build();
    let related: Vec<sarif::Location> = d
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            sarif::Location::builder()
                .id(i as i64)
                .physical_location(
                    sarif::PhysicalLocation::builder()
                        .artifact_location(artifact(&d.path, root))
                        .region(
                            sarif::Region::builder()
                                .start_line(l.line as i64)
                                .start_column(l.column as i64)
                                .build(),
                        )
                        .build(),
                )
                .message(sarif::Message::builder().text(&l.message).build())
                .build()
        })
        .collect();
    let text = match &d.help {
        Some(help) => format!("{}\n{}", d.message, help),
        None => d.message.clone(),
    };
    let builder = sarif::Result::builder()
        .rule_id(&d.rule)
        .level(result_level(d.severity))
        .message(sarif::Message::builder().text(text).build())
        .locations(vec![location])
        .related_locations(related);
    match rule_index {
        Some(i) => builder.rule_index(i as i64).build(),
        None => builder.build(),
    }
}

fn result_level(severity: Severity) -> sarif::ResultLevel {
    match severity {
        Severity::Error => sarif::ResultLevel::Error,
        Severity::Warning => sarif::ResultLevel::Warning,
        Severity::Info => sarif::ResultLevel::Note,
    }
}

fn level(severity: Severity) -> String {
    result_level(severity).to_string()
}

/// Where a file is, as a valid URI (RFC 3986): a path inside the run's folder is a relative
/// reference to `%SRCROOT%`, every segment percent-encoded (æøå, spaces, `%`, `:`); any other
/// path (absolute, or leaving the folder by `..`) is a `file://` URI. Standard input and a
/// path no URI can name keep an encoded relative reference without a base.
fn artifact(path: &str, root: Option<&Path>) -> sarif::ArtifactLocation {
    let location = sarif::ArtifactLocation::builder();
    if path == crate::source::STDIN {
        return location.uri(encode_relative(path)).build();
    }
    let p = Path::new(path);
    let inside = p.is_relative()
        && p.components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if inside {
        return location
            .uri(encode_relative(path))
            .uri_base_id(SRCROOT)
            .build();
    }
    let absolute = match root {
        Some(r) if p.is_relative() => r.join(p),
        _ => p.to_path_buf(),
    };
    match url::Url::from_file_path(lexically_normal(&absolute)) {
        Ok(u) => location.uri(u.as_str()).build(),
        Err(()) => location.uri(encode_relative(path)).build(),
    }
}

/// A relative path as a URI reference: forward slashes, `./` dropped, each segment encoded
/// except the unreserved characters.
fn encode_relative(path: &str) -> String {
    const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    path.split(['/', '\\'])
        .filter(|s| !s.is_empty() && *s != ".")
        .map(|s| percent_encoding::utf8_percent_encode(s, SEGMENT).to_string())
        .collect::<Vec<_>>()
        .join("/")
}

/// `a/b/../c` as `a/c`, without asking the file system (the file may be gone or a link).
fn lexically_normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}
