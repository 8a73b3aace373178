//! `--format json`: the contract in DESIGN.md ("Contracts"). Other tools are built against
//! it: add fields freely, rename none.
//!
//! The document is written as a stream ([`JsonStream`]): the head, then each diagnostic as
//! its file is done, then the summary. A run over a year of minutes never holds all its
//! findings, and the bytes are those `serde_json::to_string_pretty` gives for the whole
//! document (a test compares the two).

use super::stats::Stats;
use super::{Diagnostic, Failure, Summary};
use serde::Serialize;
use std::io::{self, Write};

/// What follows the diagnostics.
#[derive(Serialize)]
struct Tail<'a> {
    summary: Summary,
    failures: &'a [Failure],
    /// Only with `--stats`.
    #[serde(skip_serializing_if = "Option::is_none")]
    stats: Option<&'a Stats>,
}

pub fn render(diagnostics: &[Diagnostic], summary: Summary, failures: &[Failure]) -> String {
    render_with_stats(diagnostics, summary, failures, None)
}

pub fn render_with_stats(
    diagnostics: &[Diagnostic],
    summary: Summary,
    failures: &[Failure],
    stats: Option<&Stats>,
) -> String {
    let mut stream = JsonStream::new(Vec::new());
    let written = stream
        .diagnostics(diagnostics)
        .and_then(|()| stream.finish(summary, failures, stats));
    let bytes = written.expect("writing to memory cannot fail");
    String::from_utf8(bytes).expect("serde_json writes UTF-8")
}

/// The JSON report written piece by piece: [`JsonStream::diagnostics`] as often as there
/// are files, then [`JsonStream::finish`].
pub struct JsonStream<W: Write> {
    out: W,
    /// Has the head been written?
    started: bool,
    /// Has a diagnostic been written?
    any: bool,
}

impl<W: Write> JsonStream<W> {
    pub fn new(out: W) -> Self {
        Self {
            out,
            started: false,
            any: false,
        }
    }

    fn start(&mut self) -> io::Result<()> {
        if !self.started {
            self.started = true;
            self.out
                .write_all(b"{\n  \"version\": 1,\n  \"diagnostics\": [")?;
        }
        Ok(())
    }

    /// Write diagnostics (in report order) as elements of the `diagnostics` array.
    pub fn diagnostics(&mut self, diagnostics: &[Diagnostic]) -> io::Result<()> {
        self.start()?;
        for d in diagnostics {
            let element = serde_json::to_string_pretty(d).map_err(io::Error::other)?;
            self.out.write_all(if self.any { b",\n" } else { b"\n" })?;
            self.any = true;
            // An element of an array inside the top-level object is indented by two levels;
            // JSON strings hold no raw line breaks, so every line is the element's own.
            for (k, line) in element.split('\n').enumerate() {
                if k > 0 {
                    self.out.write_all(b"\n")?;
                }
                self.out.write_all(b"    ")?;
                self.out.write_all(line.as_bytes())?;
            }
        }
        Ok(())
    }

    /// Pass on what the writer buffers.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// Close the array, write the summary, failures and stats, and hand back the writer.
    pub fn finish(
        mut self,
        summary: Summary,
        failures: &[Failure],
        stats: Option<&Stats>,
    ) -> io::Result<W> {
        self.start()?;
        self.out
            .write_all(if self.any { b"\n  ],\n" } else { b"],\n" })?;
        let tail = Tail {
            summary,
            failures,
            stats,
        };
        let tail = serde_json::to_string_pretty(&tail).map_err(io::Error::other)?;
        // The tail's fields are the document's last fields: the same lines without its "{".
        let fields = tail.strip_prefix("{\n").unwrap_or(&tail);
        self.out.write_all(fields.as_bytes())?;
        self.out.write_all(b"\n")?;
        self.out.flush()?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::DiagnosticLabel;
    use crate::rules::Severity;

    /// The whole document as serde_json writes it: what the stream must reproduce.
    #[derive(Serialize)]
    struct Whole<'a> {
        version: u32,
        diagnostics: &'a [Diagnostic],
        summary: Summary,
        failures: &'a [Failure],
        #[serde(skip_serializing_if = "Option::is_none")]
        stats: Option<&'a Stats>,
    }

    fn diagnostic(path: &str, offset: usize, labels: usize) -> Diagnostic {
        Diagnostic {
            path: path.into(),
            rule: "vote/tally-exceeds-present".into(),
            severity: Severity::Error,
            message: "7 votes, but \"6\" present\nsecond line".into(),
            line: 3,
            column: 1,
            offset,
            length: 10,
            help: (labels > 0).then(|| "Correct it.".into()),
            labels: (0..labels)
                .map(|k| DiagnosticLabel {
                    line: k + 1,
                    column: 2,
                    offset: k * 10,
                    length: 4,
                    message: format!("label {k}"),
                })
                .collect(),
            omitted_labels: labels / 2,
            item: Some(2),
            primary_label: None,
            end_line: 3,
            end_column: 11,
        }
    }

    #[test]
    fn the_stream_writes_what_serde_writes_for_the_whole_document() {
        let failures = [Failure {
            path: "b.pdf".into(),
            message: "the PDF reader gave up on it".into(),
        }];
        let stats = Stats::new(&[diagnostic("a.txt", 0, 0)], Default::default());
        let many: Vec<Diagnostic> = (0..4).map(|k| diagnostic("a.txt", k, k)).collect();
        let cases: [(&[Diagnostic], &[Failure], Option<&Stats>); 5] = [
            (&[], &[], None),
            (&[], &failures, Some(&stats)),
            (&many[..1], &[], None),
            (&many, &failures, None),
            (&many, &[], Some(&stats)),
        ];
        for (diagnostics, failures, stats) in cases {
            let summary = Summary {
                files: 3,
                errors: diagnostics.len(),
                warnings: 0,
                infos: 1,
            };
            let whole = Whole {
                version: 1,
                diagnostics,
                summary,
                failures,
                stats,
            };
            let expected = serde_json::to_string_pretty(&whole).unwrap() + "\n";
            assert_eq!(
                render_with_stats(diagnostics, summary, failures, stats),
                expected
            );
            // Written in pieces, as `check` writes it file by file.
            let mut stream = JsonStream::new(Vec::new());
            for d in diagnostics {
                stream.diagnostics(std::slice::from_ref(d)).unwrap();
            }
            stream.diagnostics(&[]).unwrap();
            let bytes = stream.finish(summary, failures, stats).unwrap();
            assert_eq!(String::from_utf8(bytes).unwrap(), expected);
        }
    }
}
