//! Web pages as municipal sites publish minutes: the visible text, laid out the way a
//! browser's "copy all" does (the HTML `innerText` algorithm, simplified): paragraphs and
//! headings separated by a blank line, other blocks by a line break, table rows as lines of
//! tab-separated cells. Scripts, styles, navigation, page header and footer are dropped —
//! they are site chrome, not minutes.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

/// One piece of output before line breaks are collapsed.
enum Piece {
    Text(String),
    /// A required line-break count (1 = line break, 2 = blank line); runs collapse to their
    /// maximum, and none are emitted at the start or the end.
    Breaks(u8),
    /// A `<br>`: always a line break.
    Newline,
}

/// Elements whose content is not part of the minutes.
fn dropped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "title"
            | "nav"
            | "header"
            | "footer"
            | "svg"
            | "iframe"
            | "object"
            | "canvas"
            | "select"
            | "button"
    )
}

fn paragraph_like(name: &str) -> bool {
    matches!(name, "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

fn block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "form"
            | "hgroup"
            | "hr"
            | "li"
            | "main"
            | "menu"
            | "ol"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "caption"
            | "ul"
            | "body"
            | "html"
    )
}

/// Hidden by attribute: `hidden`, `aria-hidden="true"`, an inline `display:none`, or a
/// landmark role that marks site chrome.
fn hidden(el: &scraper::node::Element) -> bool {
    if el.attr("hidden").is_some() || el.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = el.attr("style") {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if style.contains("display:none") || style.contains("visibility:hidden") {
            return true;
        }
    }
    matches!(
        el.attr("role"),
        Some("navigation" | "banner" | "contentinfo" | "search")
    )
}

/// Deepest nesting of elements the HTML parser would hold open; beyond it the document is
/// refused. The HTML5 tree builder looks through every open element at each block start, so
/// 100,000 nested `<div>`s take minutes; real pages nest a few dozen deep.
pub const MAX_ELEMENT_DEPTH: usize = 1000;

/// Elements that never stay open (void elements), or whose end tag may be left out and is
/// implied by the next sibling: they do not deepen the parser's stack of open elements.
fn leaves_no_open_element(name: &[u8]) -> bool {
    const NAMES: &[&[u8]] = &[
        b"area",
        b"base",
        b"br",
        b"col",
        b"embed",
        b"hr",
        b"img",
        b"input",
        b"link",
        b"meta",
        b"param",
        b"source",
        b"track",
        b"wbr",
        b"p",
        b"li",
        b"dt",
        b"dd",
        b"tr",
        b"td",
        b"th",
        b"option",
        b"optgroup",
        b"thead",
        b"tbody",
        b"tfoot",
        b"colgroup",
        b"caption",
        b"rb",
        b"rt",
        b"rp",
        b"html",
        b"head",
        b"body",
        b"!doctype",
    ];
    NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

/// How deep the elements of `html` nest, by a linear scan of its tags (elements with a
/// required end tag; comments skipped). An estimate of the parser's open-element stack
/// that never undercounts elements left open.
pub fn element_depth(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut at) = (0usize, 0usize, 0usize);
    while let Some(k) = memchr::memchr(b'<', &bytes[at..]) {
        let tag = &bytes[at + k + 1..];
        if tag.starts_with(b"!--") {
            at += k + 4 + memchr::memmem::find(&tag[3..], b"-->").unwrap_or(tag.len() - 3);
            continue;
        }
        let closing = tag.first() == Some(&b'/');
        let name_start = usize::from(closing);
        let name_len = tag[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'!')
            .count();
        let name = &tag[name_start..name_start + name_len];
        let tag_end = memchr::memchr(b'>', tag).unwrap_or(tag.len());
        let self_closing = tag_end > 0 && tag[tag_end - 1] == b'/';
        if !name.is_empty() && !leaves_no_open_element(name) && !self_closing {
            if closing {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
                deepest = deepest.max(depth);
            }
        }
        at += k + 1 + name_start + name_len;
    }
    deepest
}

/// The visible text of an HTML document.
pub fn extract(html: &str) -> String {
    let document = Html::parse_document(html);
    let mut pieces: Vec<Piece> = Vec::new();
    let mut skip_depth = 0usize;
    let mut pre_depth = 0usize;
    let mut cell_depth = 0usize;
    // Cells seen so far in each open table row (rows nest when tables do).
    let mut rows: Vec<usize> = Vec::new();
    for edge in document.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name();
                    if skip_depth > 0 || dropped(name) || hidden(el) {
                        skip_depth += 1;
                        continue;
                    }
                    match name {
                        "br" => pieces.push(if cell_depth > 0 {
                            Piece::Text(" ".into())
                        } else {
                            Piece::Newline
                        }),
                        "pre" => pre_depth += 1,
                        "tr" => rows.push(0),
                        "td" | "th" => {
                            if let Some(count) = rows.last_mut() {
                                if *count > 0 {
                                    pieces.push(Piece::Text("\t".into()));
                                }
                                *count += 1;
                            }
                            cell_depth += 1;
                        }
                        _ => {}
                    }
                    open_or_close(&mut pieces, name, cell_depth);
                }
                Node::Text(t) if skip_depth == 0 => {
                    let text: &str = t;
                    if pre_depth > 0 && cell_depth == 0 {
                        for (i, line) in text.split('\n').enumerate() {
                            if i > 0 {
                                pieces.push(Piece::Newline);
                            }
                            pieces.push(Piece::Text(collapse(line, false)));
                        }
                    } else {
                        pieces.push(Piece::Text(collapse(text, cell_depth > 0)));
                    }
                }
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if skip_depth > 0 {
                        skip_depth -= 1;
                        continue;
                    }
                    let name = el.name();
                    match name {
                        "pre" => pre_depth = pre_depth.saturating_sub(1),
                        "td" | "th" => cell_depth = cell_depth.saturating_sub(1),
                        "tr" => {
                            rows.pop();
                            if cell_depth == 0 {
                                pieces.push(Piece::Breaks(1));
                            }
                        }
                        _ => {}
                    }
                    open_or_close(&mut pieces, name, cell_depth);
                }
            }
        }
    }
    assemble(&pieces)
}

/// The line breaks an element's start or end requires (inside a cell: a space).
fn open_or_close(pieces: &mut Vec<Piece>, name: &str, cell_depth: usize) {
    let breaks = if paragraph_like(name) {
        2
    } else if block(name) || name == "tr" {
        1
    } else {
        return;
    };
    if cell_depth > 0 {
        pieces.push(Piece::Text(" ".into()));
    } else {
        pieces.push(Piece::Breaks(breaks));
    }
}

/// Collapse runs of white space (including no-break spaces, which exports put in dates and
/// amounts) to one space; tabs inside a table cell would split the cell, so they go too.
fn collapse(text: &str, _in_cell: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() || c == '\u{A0}' {
            space = true;
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// Join the pieces, collapse line-break runs, and tidy spaces at line ends and around tabs.
fn assemble(pieces: &[Piece]) -> String {
    let mut raw = String::new();
    let mut pending: u8 = 0;
    for piece in pieces {
        match piece {
            Piece::Breaks(n) => pending = pending.max(*n),
            Piece::Newline => {
                flush(&mut raw, &mut pending);
                raw.push('\n');
            }
            Piece::Text(t) => {
                if t.trim_matches(' ').is_empty() && t != "\t" {
                    // A lone space between blocks must not open a line.
                    if !raw.is_empty() && !raw.ends_with(['\n', ' ', '\t']) && pending == 0 {
                        raw.push(' ');
                    }
                    continue;
                }
                flush(&mut raw, &mut pending);
                raw.push_str(t);
            }
        }
    }
    let mut out = String::with_capacity(raw.len());
    for line in raw.split('\n') {
        let cells: Vec<String> = line
            .split('\t')
            .map(|cell| {
                let mut collapsed = String::with_capacity(cell.len());
                for word in cell.split(' ').filter(|w| !w.is_empty()) {
                    if !collapsed.is_empty() {
                        collapsed.push(' ');
                    }
                    collapsed.push_str(word);
                }
                collapsed
            })
            .collect();
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    if out == "\n" {
        out.clear();
    }
    out
}

fn flush(raw: &mut String, pending: &mut u8) {
    if *pending > 0 && !raw.is_empty() {
        // A break already written (a <br> at a paragraph's end) counts towards the run.
        let have = raw
            .bytes()
            .rev()
            .take(usize::from(*pending))
            .take_while(|b| *b == b'\n')
            .count() as u8;
        for _ in have..*pending {
            raw.push('\n');
        }
    }
    *pending = 0;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_depth_counts_what_stays_open() {
        assert_eq!(element_depth("<div><p>a<p>b<br><div>c</div></div>"), 2);
        assert_eq!(element_depth("<ul><li>a<li>b</ul><!-- <div><div> -->"), 1);
        assert_eq!(element_depth(&"<span>".repeat(5000)), 5000);
        assert_eq!(element_depth("<div/><img src=x><a>"), 1);
        assert_eq!(element_depth("a < b, <"), 0);
    }

    #[test]
    fn visible_text_in_blocks() {
        let html = r#"<!DOCTYPE html><html><head><title>Referat</title><style>p{}</style>
            <script>var x = "Punkt 9: nej";</script></head>
            <body><header><a href="/">Forside</a></header><nav><ul><li>Menu</li></ul></nav>
            <main><h1>REFERAT Økonomiudvalget d. 15-04-2026</h1>
            <p>Mødedato Onsdag d. 15. april&nbsp;2026 kl. 17:30</p>
            <p>Linje et<br>linje   to</p>
            <div>Punkt 1: <b>Godkendelse</b> af dagsorden</div>
            <table><tr><th>Konto</th><th>Beløb</th></tr><tr><td>I alt</td><td><p>1.146.600</p></td></tr></table>
            <p hidden>skjult</p></main><footer>Kontakt</footer></body></html>"#;
        assert_eq!(
            extract(html),
            "REFERAT Økonomiudvalget d. 15-04-2026\n\nMødedato Onsdag d. 15. april 2026 kl. 17:30\n\nLinje et\nlinje to\n\nPunkt 1: Godkendelse af dagsorden\nKonto\tBeløb\nI alt\t1.146.600\n"
        );
    }

    #[test]
    fn empty_cells_keep_their_column() {
        assert_eq!(
            extract("<table><tr><td>a</td><td></td><td>c</td></tr></table>"),
            "a\t\tc\n"
        );
    }
}
