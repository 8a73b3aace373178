//! Word documents (.docx): the text of `word/document.xml`, paragraph by paragraph.
//!
//! Minutes systems export Word files whose tables hold the budget figures; a table row
//! becomes one line of tab-separated cells, the same shape the text exports have, so the
//! table parser sees the same thing whichever format the secretary saved. Paragraphs become
//! lines, `w:br` line breaks and `w:tab` tabs are kept.
//!
//! A .docx is a zip: the entry is read with a hard cap on its unpacked size and on its
//! compression ratio, so a zip bomb is refused before it is inflated.

use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::{Limits, SourceError};

const FORMAT: &str = "Word document (.docx)";

/// The text of a .docx file.
pub fn extract(bytes: &[u8], limits: &Limits) -> Result<String, SourceError> {
    let xml = read_document_xml(bytes, limits)?;
    document_text(&xml)
}

fn corrupt(reason: impl ToString) -> SourceError {
    SourceError::Corrupt {
        format: FORMAT,
        reason: reason.to_string(),
    }
}

/// Read `word/document.xml` out of the zip within the limits.
fn read_document_xml(bytes: &[u8], limits: &Limits) -> Result<Vec<u8>, SourceError> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(corrupt)?;
    let names: Vec<String> = archive.file_names().map(str::to_owned).collect();
    let Some(name) = names
        .iter()
        .find(|n| n.eq_ignore_ascii_case("word/document.xml"))
        .or_else(|| names.iter().find(|n| n.ends_with("/document.xml")))
    else {
        return Err(if names.iter().any(|n| n == "content.xml") {
            SourceError::Binary("an OpenDocument file (.odt); save it as .docx or PDF")
        } else if names.iter().any(|n| n.starts_with("xl/")) {
            SourceError::Binary("an Excel workbook")
        } else {
            SourceError::Binary("a zip archive that is not a Word document")
        });
    };
    let entry = archive.by_name(name).map_err(corrupt)?;
    let declared = entry.size();
    let compressed = entry.compressed_size().max(1);
    let cap = limits.max_unpacked_bytes;
    if declared > cap {
        return Err(SourceError::Limit(format!(
            "word/document.xml would unpack to {declared} bytes, over the limit of {cap} bytes (a zip bomb?)"
        )));
    }
    // The declared size may lie: read at most the cap (+1 to notice) and check again.
    let mut xml = Vec::with_capacity(declared.min(cap).min(64 * 1024 * 1024) as usize);
    entry.take(cap + 1).read_to_end(&mut xml).map_err(corrupt)?;
    let unpacked = xml.len() as u64;
    if unpacked > cap {
        return Err(SourceError::Limit(format!(
            "word/document.xml unpacks to more than {cap} bytes (a zip bomb?)"
        )));
    }
    // Small entries may compress extremely well (a page of blank paragraphs); the ratio
    // only matters once the entry is big enough to hurt.
    if unpacked > 1024 * 1024 && unpacked / compressed > limits.max_ratio {
        return Err(SourceError::Limit(format!(
            "word/document.xml is compressed {}:1, over the limit of {}:1 (a zip bomb?)",
            unpacked / compressed,
            limits.max_ratio
        )));
    }
    Ok(xml)
}

/// Where we are in the WordprocessingML tree.
#[derive(Default)]
struct State {
    out: String,
    /// Nesting of `w:tbl`; cells of nested tables are flattened into the outer cell.
    table_depth: usize,
    /// Cells of the current (outermost) table row.
    row: Vec<String>,
    /// Text of the current cell, when in a table.
    cell: Option<String>,
    /// Inside `w:t` (text run content).
    in_text: bool,
    /// Inside a subtree whose text is not document text (deleted text, field codes,
    /// the fallback copy of alternate content).
    skip_depth: usize,
}

impl State {
    fn push_str(&mut self, s: &str) {
        if self.skip_depth > 0 {
            return;
        }
        match &mut self.cell {
            Some(cell) => {
                // A cell is one value on one line: its line breaks and tabs become spaces.
                for c in s.chars() {
                    cell.push(if matches!(c, '\n' | '\t') { ' ' } else { c });
                }
            }
            None => self.out.push_str(s),
        }
    }

    fn end_paragraph(&mut self) {
        if self.skip_depth > 0 {
            return;
        }
        match &mut self.cell {
            Some(cell) => {
                if !cell.is_empty() && !cell.ends_with(' ') {
                    cell.push(' ');
                }
            }
            // A paragraph ends with a blank line, as in the text exports of the same
            // minutes: parsers end lists ("Fraværende:" + names) at a blank line.
            None => self.ensure_breaks(2),
        }
    }

    /// End the output with at least `n` line breaks (none at the very start).
    fn ensure_breaks(&mut self, n: usize) {
        if self.out.is_empty() {
            return;
        }
        let have = self
            .out
            .bytes()
            .rev()
            .take(n)
            .take_while(|b| *b == b'\n')
            .count();
        for _ in have..n {
            self.out.push('\n');
        }
    }
}

/// Elements whose whole subtree is not visible text.
fn skipped(local: &[u8]) -> bool {
    matches!(local, b"delText" | b"instrText" | b"Fallback" | b"del")
}

/// Turn document.xml into lines.
fn document_text(xml: &[u8]) -> Result<String, SourceError> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().check_end_names = false;
    let mut state = State::default();
    let mut buf = Vec::new();
    loop {
        let event = match reader.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(e) => {
                return Err(corrupt(format!(
                    "word/document.xml is not well-formed XML at byte {}: {e}",
                    reader.buffer_position()
                )))
            }
        };
        match event {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.name();
                let local = name.local_name();
                let local = local.as_ref();
                if skipped(local) {
                    state.skip_depth += 1;
                    continue;
                }
                match local {
                    b"t" => state.in_text = true,
                    b"tbl" => {
                        state.table_depth += 1;
                    }
                    b"tr" if state.table_depth == 1 => {
                        state.row.clear();
                        state.ensure_breaks(1);
                    }
                    b"tc" if state.table_depth == 1 => state.cell = Some(String::new()),
                    _ => {}
                }
            }
            Event::Empty(e) => {
                let name = e.name();
                match name.local_name().as_ref() {
                    b"tab" => state.push_str("\t"),
                    b"br" | b"cr" => state.push_str("\n"),
                    b"noBreakHyphen" => state.push_str("-"),
                    b"p" => state.end_paragraph(),
                    b"tc" if state.table_depth == 1 && state.skip_depth == 0 => {
                        state.row.push(String::new())
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                let name = e.name();
                let local = name.local_name();
                let local = local.as_ref();
                if skipped(local) {
                    state.skip_depth = state.skip_depth.saturating_sub(1);
                    continue;
                }
                match local {
                    b"t" => state.in_text = false,
                    b"p" => state.end_paragraph(),
                    b"tc" if state.table_depth == 1 => {
                        if let Some(cell) = state.cell.take() {
                            state.row.push(cell.trim().to_string());
                        }
                    }
                    b"tr" if state.table_depth == 1 => {
                        let row = std::mem::take(&mut state.row);
                        state.out.push_str(&row.join("\t"));
                        state.out.push('\n');
                    }
                    b"tbl" => {
                        state.table_depth = state.table_depth.saturating_sub(1);
                        if state.table_depth == 0 {
                            state.ensure_breaks(2);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if state.in_text => {
                let text = t.decode().map_err(corrupt)?;
                state.push_str(&text);
            }
            Event::CData(t) if state.in_text => {
                let text = t.decode().map_err(corrupt)?;
                state.push_str(&text);
            }
            Event::GeneralRef(r) if state.in_text => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => match r.decode().map_err(corrupt)?.as_ref() {
                        "amp" => Some("&".into()),
                        "lt" => Some("<".into()),
                        "gt" => Some(">".into()),
                        "quot" => Some("\"".into()),
                        "apos" => Some("'".into()),
                        _ => None,
                    },
                };
                if let Some(s) = resolved {
                    state.push_str(&s);
                }
            }
            _ => {}
        }
        buf.clear();
    }
    // A document cut off inside a table still gives the rows read so far.
    if !state.row.is_empty() {
        let row = std::mem::take(&mut state.row);
        state.out.push_str(&row.join("\t"));
        state.out.push('\n');
    }
    Ok(state.out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

    fn text(body: &str) -> String {
        let xml =
            format!(r#"<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>"#);
        document_text(xml.as_bytes()).unwrap()
    }

    #[test]
    fn paragraphs_tabs_and_breaks() {
        assert_eq!(
            text(
                r#"<w:p><w:r><w:t>Punkt 1:</w:t></w:r><w:r><w:t xml:space="preserve"> Godkendelse &amp; valg</w:t></w:r></w:p><w:p/><w:p><w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p>"#
            ),
            "Punkt 1: Godkendelse & valg\n\na\tb\nc\n\n"
        );
    }

    #[test]
    fn tables_become_tab_separated_rows() {
        let row = |a: &str, b: &str| {
            format!(
                r#"<w:tr><w:tc><w:p><w:r><w:t>{a}</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>{b}</w:t></w:r></w:p></w:tc></w:tr>"#
            )
        };
        let body = format!(
            "<w:tbl>{}{}</w:tbl><w:p><w:r><w:t>Efter</w:t></w:r></w:p>",
            row("Konto", "Beløb"),
            row("I alt", "1.146.600")
        );
        assert_eq!(text(&body), "Konto\tBeløb\nI alt\t1.146.600\n\nEfter\n\n");
    }

    #[test]
    fn deleted_text_and_field_codes_are_not_text() {
        assert_eq!(
            text(
                r#"<w:p><w:del><w:r><w:delText>gammel</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText><w:t>ny</w:t></w:r></w:p>"#
            ),
            "ny\n\n"
        );
    }

    #[test]
    fn broken_xml_is_corrupt() {
        assert!(matches!(
            document_text(b"<w:document><w:body><w:p><w:t>x</w:p"),
            Ok(_) | Err(SourceError::Corrupt { .. })
        ));
    }
}
