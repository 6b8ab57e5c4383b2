//! Reader for tables pasted into code comments: `//`, `///`, `//!`, `#`,
//! `--`, ` * ` (inside `/* … */`) line prefixes and `<!-- … -->` blocks;
//! also Markdown block quotes (`> `), which hold tables the same way.
//!
//! The comment markers are removed in place, line for line, so that the
//! other readers see the table as if it had been pasted bare and every
//! line number stays that of the original text.

use super::cells::parse_type;

/// Markers of line comments, longest first.
const MARKERS: &[&str] = &["///", "//!", "//", "--", "#", "*", ">"];

/// The comment marker a line starts with (after indentation), and the
/// byte offset where its content begins (after one following space).
fn marker(line: &str) -> Option<(&'static str, usize)> {
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    let rest = line.get(indent..)?;
    if matches!(rest.trim_end(), "/*" | "/**" | "/*!" | "*/" | "**/") {
        return Some(("*", line.len()));
    }
    let m = MARKERS.iter().find(|m| rest.starts_with(**m))?;
    let after = rest.get(m.len()..)?;
    // `#`, `--`, `*` and `>` also start Markdown headings, separator rows,
    // bullets and the rest of an HTML tag: only a following blank (or
    // nothing) makes them comments.
    let strict = matches!(*m, "#" | "--" | "*" | ">");
    let mut skip = 0;
    match after.chars().next() {
        None => {}
        Some(' ') => skip = 1,
        Some('\t') => {}
        Some(_) if strict => return None,
        Some(_) => {}
    }
    let marker = if *m == "///" || *m == "//!" { "//" } else { m };
    Some((marker, indent + m.len() + skip))
}

/// Whether a comment's content holds a table row: a tab, a pipe, or a
/// type cell such as `String(16)` among its words.
fn tableish(content: &str) -> bool {
    content.contains('\t')
        || content.contains('|')
        || content
            .split_whitespace()
            .any(|w| parse_type(w).is_some_and(|_| w.contains('(') || w.len() >= 4))
}

/// Removes comment markers from runs of two or more commented lines that
/// hold a table; returns the text unchanged when there is none. The line
/// count never changes.
pub(crate) fn uncomment(text: &str) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
    let mut i = 0;
    while i < lines.len() {
        let Some((m, _)) = lines.get(i).and_then(|l| marker(l)) else {
            i += 1;
            continue;
        };
        let mut j = i;
        let mut rows = 0;
        while let Some((mj, at)) = lines.get(j).and_then(|l| marker(l)) {
            if mj != m {
                break;
            }
            if lines.get(j).and_then(|l| l.get(at..)).is_some_and(tableish) {
                rows += 1;
            }
            j += 1;
        }
        if j - i >= 2 && rows >= 2 {
            let content = |k: usize| {
                let line = lines.get(k)?;
                line.get(marker(line)?.1..)
            };
            // A tab after the marker on every line (`//⇥notify_time⇥…`)
            // separates the marker from the row, like the space in `// `;
            // it is no empty first cell.
            let tab_after =
                (i..j).all(|k| content(k).is_none_or(|c| c.is_empty() || c.starts_with('\t')));
            for k in i..j {
                if let (Some(text), Some(slot)) = (content(k), out.get_mut(k)) {
                    let text = if tab_after {
                        text.strip_prefix('\t').unwrap_or(text)
                    } else {
                        text
                    };
                    *slot = text.to_owned();
                }
            }
        }
        i = j.max(i + 1);
    }
    strip_block_stars(&mut out);
    let joined = out.join("\n");
    unwrap_html_comments(&joined)
}

/// Inside a `/* … */` block holding a table, a ` * ` prefix goes from every
/// line that has it, even one alone (a comment whose first row was written
/// `* service⇥…` and the rest pasted bare).
fn strip_block_stars(lines: &mut [String]) {
    let mut i = 0;
    while i < lines.len() {
        let opens = lines
            .get(i)
            .is_some_and(|l| l.trim_start().starts_with("/*") && !l.contains("*/"));
        if !opens {
            i += 1;
            continue;
        }
        let Some(close) =
            (i + 1..lines.len()).find(|&k| lines.get(k).is_some_and(|l| l.contains("*/")))
        else {
            return;
        };
        let starred = |l: &str| {
            let t = l.trim_start_matches([' ', '\t']);
            t.strip_prefix("* ")
                .or_else(|| t.strip_prefix("*\t"))
                .map(str::to_owned)
        };
        let rows = (i + 1..close)
            .filter_map(|k| lines.get(k))
            .filter(|l| tableish(&starred(l).unwrap_or_else(|| (*l).clone())))
            .count();
        if rows >= 2 {
            for k in i + 1..close {
                if let Some(line) = lines.get_mut(k) {
                    if let Some(content) = starred(line) {
                        *line = content;
                    }
                }
            }
        }
        i = close + 1;
    }
}

/// Whether the text outside `<!-- … -->` is an HTML page (or fragment) with
/// tables: then its comments, scripts and styles are no content.
fn is_html_page(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let mut outside = String::with_capacity(lower.len());
    let mut rest = lower.as_str();
    while let Some(open) = rest.find("<!--") {
        outside.push_str(rest.get(..open).unwrap_or(""));
        rest = rest
            .get(open + 4..)
            .and_then(|r| r.find("-->").and_then(|c| r.get(c + 3..)))
            .unwrap_or("");
    }
    outside.push_str(rest);
    ["<table", "<html", "<body", "<tr"]
        .iter()
        .any(|t| outside.contains(t))
}

/// Replaces the content of `<!-- … -->`, `<script>…</script>` and
/// `<style>…</style>` by its line breaks alone (line numbers stay): what a
/// page comments out or runs is no part of its tables.
fn blank_html_non_content(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    let find = |from: usize| {
        [
            ("<!--", "-->"),
            ("<script", "</script>"),
            ("<style", "</style>"),
        ]
        .iter()
        .filter_map(|&(open, close)| lower.get(from..)?.find(open).map(|at| (from + at, close)))
        .min_by_key(|&(at, _)| at)
    };
    while let Some((at, close)) = find(pos) {
        out.push_str(text.get(pos..at).unwrap_or(""));
        let end = lower
            .get(at..)
            .and_then(|r| r.find(close))
            .map_or(text.len(), |c| at + c + close.len());
        let blanked = text.get(at..end).unwrap_or("");
        out.extend(blanked.chars().filter(|&c| c == '\n'));
        pos = end;
    }
    out.push_str(text.get(pos..).unwrap_or(""));
    out
}

/// `<!-- … -->` spanning lines and holding table rows: the markers go, the
/// content stays. In an HTML page, comments (and scripts and styles) go
/// whole instead.
fn unwrap_html_comments(text: &str) -> String {
    if is_html_page(text) {
        return blank_html_non_content(text);
    }
    if !text.contains("<!--") {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("<!--") {
        let (before, from) = rest.split_at(open);
        out.push_str(before);
        let body_start = from.get(4..).unwrap_or("");
        match body_start.find("-->") {
            Some(close) => {
                let body = body_start.get(..close).unwrap_or("");
                if body.contains('\n') && body.lines().filter(|l| tableish(l)).count() >= 2 {
                    out.push_str(body);
                } else {
                    out.push_str("<!--");
                    out.push_str(body);
                    out.push_str("-->");
                }
                rest = body_start.get(close + 3..).unwrap_or("");
            }
            None => {
                out.push_str(from);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pages_comments_scripts_and_styles_are_no_content() {
        let page = "<h2>请求参数</h2>\n<!-- 旧表\n<table><tr><td>old_no</td></tr></table>\n-->\n\
                    <script type=\"text/template\"><table><tr><td>tpl</td></tr></table></script>\n\
                    <STYLE>td{x:1}</STYLE><table><tr><td>new_no</td></tr></table>";
        let out = uncomment(page);
        assert!(
            !out.contains("old_no") && !out.contains("tpl") && !out.contains("td{"),
            "{out}"
        );
        assert!(out.contains("<table><tr><td>new_no</td></tr></table>"));
        assert_eq!(out.lines().count(), page.lines().count());
        // Outside a page, a comment holding a table is the table.
        assert!(uncomment("<!--\n参数|类型|可空\na_b|String(2)|N\n-->").contains("a_b|String(2)|N"));
    }

    #[test]
    fn prefixes_go_lines_stay() {
        let text = "fn x() {}\n/// 参数\t类型\t可空\n/// a_b\tString(2)\tN\nlet y;";
        assert_eq!(
            uncomment(text),
            "fn x() {}\n参数\t类型\t可空\na_b\tString(2)\tN\nlet y;"
        );
        let md = "# 请求参数\n\n| a | b |";
        assert_eq!(uncomment(md), md);
        let html = "<!--\n参数|类型|可空\na_b|String(2)|N\n-->";
        assert_eq!(uncomment(html), "\n参数|类型|可空\na_b|String(2)|N\n");
        // `//⇥` on every line: the tab goes with the marker.
        let tabbed = "//\ta_b\t名\tString(2)\n//\n//\tc_d\t名\tString(2)";
        assert_eq!(
            uncomment(tabbed),
            "a_b\t名\tString(2)\n\nc_d\t名\tString(2)"
        );
        // A ` * ` on one line of a block comment holding a table.
        let block = "/**\n * a_b\t名\tString(2)\n c_d\t名\tString(2)\n */";
        assert_eq!(
            uncomment(block),
            "/**\na_b\t名\tString(2)\n c_d\t名\tString(2)\n */"
        );
        // On some lines only: an empty first cell may be meant.
        let mixed = "//\ta_b\tString(2)\n// c_d\tString(2)";
        assert_eq!(uncomment(mixed), "\ta_b\tString(2)\nc_d\tString(2)");
    }
}
