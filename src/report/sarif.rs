//! `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF viewers, built
//! with the `serde-sarif` types. The whole catalogue is listed as the tool's rules, so a
//! viewer can show a rule's explanation next to its results; files that could not be checked
//! are tool execution notifications, and make the invocation unsuccessful.

use super::{Diagnostic, Report};
use crate::catalogue;
use crate::rules::Severity;
use serde_sarif::sarif;

/// The schema the output declares (and is tested against: tests/data/sarif-schema-2.1.0.json).
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn render(report: &Report) -> String {
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
        .map(|d| result(d, ids.iter().position(|id| **id == d.rule)))
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
                            .artifact_location(
                                sarif::ArtifactLocation::builder().uri(uri(&f.path)).build(),
                            )
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
        .column_kind("unicodeCodePoints")
        .build();
    let log = sarif::Sarif::builder()
        .schema(SCHEMA)
        .version(sarif::Version::V2_1_0.to_string())
        .runs(vec![run])
        .build();
    let mut out = serde_json::to_string_pretty(&log).expect("SARIF serializes");
    out.push('\n');
    out
}

fn result(d: &Diagnostic, rule_index: Option<usize>) -> sarif::Result {
    let region = sarif::Region::builder()
        .start_line(d.line as i64)
        .start_column(d.column as i64)
        .end_line(d.end_line as i64)
        .end_column(d.end_column as i64)
        .build();
    let location = sarif::Location::builder()
        .physical_location(
            sarif::PhysicalLocation::builder()
                .artifact_location(sarif::ArtifactLocation::builder().uri(uri(&d.path)).build())
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
                        .artifact_location(
                            sarif::ArtifactLocation::builder().uri(uri(&d.path)).build(),
                        )
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

/// A relative URI with forward slashes, as code scanning expects for files in the repository.
fn uri(path: &str) -> String {
    let p = path.replace('\\', "/");
    p.trim_start_matches("./").to_string()
}
