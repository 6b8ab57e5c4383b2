//! Reader for the English cross-border pages as their text reads (a copy of
//! the rendered page, or a stored page's text): the `Parameter |
//! Description` table with every parameter as paragraphs of its own, the
//! name, then its type and requirement, then the description and an
//! example:
//!
//! ```text
//! ParameterDescription
//! Basic parameters
//! out_return_no
//! String(64) Required
//! The refund's number on the merchant's side.
//! Example:R2024
//! ```
//!
//! A parameter starts where a line holding a wire name alone is followed by
//! a line holding a type and (optionally) a requirement word; the lines up
//! to the next such pair are its description, its `Example:` line the
//! example, and a group label (`Basic parameters`) a group row. The table
//! ends at a heading, at the next `Parameter Description` header, after the
//! example of its last parameter (unless parameters follow), or at a short
//! line naming another table (`Response parameters`) that is not the first
//! paragraph of a description. Such a line right above the next header is
//! that table's caption, which says its kind.

use super::blocks::{numbered_level, Cell, RawTable, Row};
use super::cells::{is_nullable_word, parse_type};
use super::section::{section_of, Section};
use super::text::{clean, looks_like_name};

/// The header this layout puts above its parameters: `ParameterDescription`
/// (the two cells' text run together), `Parameter Description`,
/// `Parameter⇥Description`.
fn is_header(text: &str) -> bool {
    if text.contains('\t') {
        return false;
    }
    let squeezed: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    matches!(
        squeezed.as_str(),
        "parameterdescription" | "parametersdescription"
    )
}

/// A group label of this layout (`Basic parameters`, `Business parameter`).
fn is_group(text: &str) -> bool {
    let squeezed: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    let core = squeezed.trim_end_matches('s');
    matches!(
        core,
        "basicparameter" | "businessparameter" | "commonparameter" | "publicparameter"
    ) || matches!(squeezed.as_str(), "基本参数" | "业务参数" | "公共参数")
}

/// `String(64) Required` / `String` / `Number Optional`: the type and the
/// requirement word (empty when the line gives none).
fn type_line(text: &str) -> Option<(String, String)> {
    if text.contains('\t') {
        return None;
    }
    let tokens: Vec<&str> = text.split_whitespace().collect();
    match tokens.as_slice() {
        [ty] if parse_type(ty).is_some() => Some(((*ty).to_owned(), String::new())),
        [ty, req] if parse_type(ty).is_some() && is_nullable_word(req) => {
            Some(((*ty).to_owned(), (*req).to_owned()))
        }
        _ => None,
    }
}

/// The text after an `Example:` label, when a line is one.
fn example_of(text: &str) -> Option<&str> {
    [
        "Example:",
        "Example：",
        "Sample:",
        "Sample：",
        "示例：",
        "样例：",
    ]
    .iter()
    .find_map(|p| text.strip_prefix(p))
    .map(str::trim)
}

/// The non-blank lines from `i` on: index in `lines`, line number, text.
/// A line holding a tab or a `|` (a row of another layout) is kept with
/// its tabs as `\t`, so that it never reads as a name, a type line or a
/// header here.
fn paragraphs<'a>(
    lines: &'a [(usize, &str)],
    i: usize,
) -> impl Iterator<Item = (usize, usize, String)> + 'a {
    lines
        .iter()
        .enumerate()
        .skip(i)
        .map(|(k, &(ln, l))| {
            let text = if l.contains(['\t', '|']) {
                format!("\t{}", clean(l))
            } else {
                clean(l)
            };
            (k, ln, text)
        })
        .filter(|(_, _, t)| !t.is_empty())
}

/// Whether the paragraph at `at` (of `all`) starts a parameter: a wire
/// name alone, then a type line.
fn starts_param(all: &[(usize, usize, String)], at: usize) -> bool {
    all.get(at)
        .is_some_and(|(_, _, t)| !t.contains(' ') && looks_like_name(t))
        && all
            .get(at + 1)
            .is_some_and(|(_, _, t)| type_line(t).is_some())
}

/// A paragraph that is a wire name alone (`out_return_no`): no
/// description reads so.
fn lone_name(text: &str) -> bool {
    !text.contains([' ', '\t'])
        && looks_like_name(text)
        && !super::text::upper_snake(text)
        && (text.contains('_')
            || text.len() >= 3
                && text
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

/// A lone name followed by a requirement word (`out_return_no` /
/// `Required`): a parameter of a page that gives no type.
fn badge_param_at(all: &[(usize, usize, String)], at: usize) -> bool {
    lone_name_at(all, at) && all.get(at + 1).is_some_and(|(_, _, t)| is_nullable_word(t))
}

fn lone_name_at(all: &[(usize, usize, String)], at: usize) -> bool {
    all.get(at).is_some_and(|(_, _, t)| lone_name(t))
}

/// Whether a parameter starts within the next few paragraphs from `at`,
/// before anything that ends a table.
fn param_follows(all: &[(usize, usize, String)], at: usize) -> bool {
    for k in at..at + 8 {
        if starts_param(all, k) || badge_param_at(all, k) {
            return true;
        }
        let Some((_, _, text)) = all.get(k) else {
            return false;
        };
        if is_header(text)
            || numbered_level(text).is_some()
            || section_of(text).is_some_and(Section::is_specific)
        {
            return false;
        }
    }
    false
}

/// A parameter's row being read: its name, type and requirement cells,
/// then its description's paragraphs and its example, still to come.
fn param_row(
    line: usize,
    name: &str,
    ty: String,
    req: String,
) -> (Row, Vec<String>, Option<String>) {
    (
        row(line, vec![cell(name), cell(ty), cell(req)]),
        Vec::new(),
        None,
    )
}

fn cell(text: impl Into<String>) -> Cell {
    Cell {
        text: text.into(),
        ..Cell::default()
    }
}

fn row(line: usize, cells: Vec<Cell>) -> Row {
    Row {
        line,
        cells,
        alt: None,
        tabbed: false,
        note: None,
    }
}

/// Reads such a table starting at line `i` (its header, or its first
/// parameter): the table and the index of the line after it.
pub(crate) fn read(lines: &[(usize, &str)], i: usize) -> Option<(RawTable, usize)> {
    let &(first_line, first) = lines.get(i)?;
    if first.contains(['\t', '|']) {
        return None;
    }
    let first = clean(first);
    // Enough paragraphs for a long table; it ends well before, mostly.
    let all: Vec<(usize, usize, String)> = paragraphs(lines, i).take(4000).collect();
    // A line naming the table right above its header (`Asynchronous
    // notification`): its caption, whatever its length.
    let caption = section_of(&first).is_some_and(Section::is_specific)
        && first.chars().count() <= 48
        && all.get(1).is_some_and(|(_, _, t)| is_header(t));
    let headed = caption || is_header(&first);
    let start = usize::from(headed) + usize::from(caption);
    // A group label may sit between the header and the first parameter.
    let first_param = (start..start + 2).find(|&at| starts_param(&all, at))?;
    if !headed && first_param != 0 {
        return None;
    }
    let header: Vec<Cell> = ["Parameter", "Type", "Optional", "Description", "Example"]
        .into_iter()
        .map(cell)
        .collect();
    let mut rows = Vec::new();
    if caption {
        rows.push(row(first_line, vec![cell(first)]));
    }
    let header_line = all.get(start.saturating_sub(1)).map_or(first_line, |p| p.1);
    rows.push(row(header_line, header));
    let mut at = start;
    let mut end = i + 1;
    // The row being read: its cells' texts (description, example).
    let mut open: Option<(Row, Vec<String>, Option<String>)> = None;
    let close = |open: &mut Option<(Row, Vec<String>, Option<String>)>, rows: &mut Vec<Row>| {
        if let Some((mut r, description, example)) = open.take() {
            r.cells.push(cell(description.join(" ")));
            r.cells.push(cell(example.unwrap_or_default()));
            rows.push(r);
        }
    };
    while let Some((k, ln, text)) = all.get(at) {
        if starts_param(&all, at) {
            close(&mut open, &mut rows);
            let (ty, mut req) = all
                .get(at + 1)
                .and_then(|(_, _, t)| type_line(t))
                .unwrap_or_default();
            end = all.get(at + 1).map_or(k + 1, |(k1, _, _)| k1 + 1);
            at += 2;
            // The badge on a paragraph of its own (`String(64)` /
            // `Required`).
            if let Some((k2, _, badge)) = all.get(at).filter(|_| req.is_empty()) {
                if is_nullable_word(badge) {
                    req = badge.clone();
                    end = k2 + 1;
                    at += 1;
                }
            }
            open = Some(param_row(*ln, text, ty, req));
            continue;
        }
        // What follows a lone name: a badge or a type word (`Required`,
        // `Timestamp`), …
        let typed_next = || {
            all.get(at + 1).is_some_and(|(_, _, t)| {
                is_nullable_word(t)
                    || t.split_whitespace().count() <= 2
                        && t.starts_with(|c: char| c.is_ascii_uppercase())
            })
        };
        // … or, further on, more parameters, or an example.
        let continues = || {
            typed_next()
                || param_follows(&all, at + 1)
                // Its description and example follow, as a parameter's do.
                || (at + 1..at + 4)
                    .map_while(|k| all.get(k))
                    .take_while(|(_, _, t)| !is_header(t) && !lone_name(t))
                    .any(|(_, _, t)| example_of(t).is_some())
        };
        // A lone name after a parameter, with nothing that reads as a
        // parameter after it: a parameter whose type line is missing, or a
        // heading whose mark was lost (`notify_url` over the next section)?
        // Either way not the row above's text: an error, and the table
        // ends.
        if headed && open.is_some() && lone_name(text) && text.contains('_') && !continues() {
            close(&mut open, &mut rows);
            let mut r = row(*ln, vec![cell(text.as_str())]);
            r.note = Some(format!(
                "`{text}` stands alone on its paragraph with no type after it: a parameter whose type line (`String(64) Required`) is missing, or a heading that lost its mark? Give the parameter its type line, or mark the heading (`## {text}`)"
            ));
            rows.push(r);
            end = k + 1;
            break;
        }
        // A wire name alone whose next paragraph is no type line (no type
        // at all, `Required` alone, a type word this reader does not know
        // such as `Timestamp`): a parameter all the same, read with what
        // its next paragraph gives, so that its row fails with its line
        // instead of vanishing into the description above. Without an
        // underscore (`body`), a lone word is one only when a badge or a
        // type word follows it; a value in a list (`gbk`) is description.
        if headed && lone_name(text) && (text.contains('_') || typed_next()) && continues() {
            close(&mut open, &mut rows);
            let next = all.get(at + 1).map(|(_, _, t)| t.as_str()).unwrap_or("");
            let words: Vec<&str> = next.split_whitespace().collect();
            let (ty, req, used) = match words.as_slice() {
                [word] if is_nullable_word(word) => (String::new(), (*word).to_owned(), true),
                [ty] | [ty, _] if ty.starts_with(|c: char| c.is_ascii_uppercase()) => (
                    (*ty).to_owned(),
                    words.get(1).map_or(String::new(), |w| (*w).to_owned()),
                    true,
                ),
                _ => (String::new(), String::new(), false),
            };
            open = Some(param_row(*ln, text, ty, req));
            end = k + 1;
            at += 1;
            if used {
                end = all.get(at).map_or(end, |(k1, _, _)| k1 + 1);
                at += 1;
            }
            continue;
        }
        if is_group(text) {
            close(&mut open, &mut rows);
            rows.push(row(*ln, vec![cell(text.as_str())]));
            end = k + 1;
            at += 1;
            continue;
        }
        let Some((_, description, example)) = open.as_mut() else {
            break;
        };
        if let Some(value) = example_of(text).filter(|_| example.is_none()) {
            if value.is_empty() {
                // `Example:` alone: the value is the next paragraph, unless
                // that starts the next parameter (an empty example).
                let next = all
                    .get(at + 1)
                    .filter(|_| !starts_param(&all, at + 1) && !lone_name_at(&all, at + 1));
                *example = Some(next.map(|(_, _, t)| t.clone()).unwrap_or_default());
                end = next.map_or(k + 1, |(k1, _, _)| k1 + 1);
                at += if next.is_some() { 2 } else { 1 };
            } else {
                *example = Some(value.to_owned());
                end = k + 1;
                at += 1;
            }
            continue;
        }
        // What ends the table: a heading, the next table's header, a short
        // line naming another table (`Response parameters`). Text after a
        // parameter's example, or a short line naming an example section,
        // ends it too unless parameters follow (notes between rows).
        let heading = lines
            .get(*k)
            .is_some_and(|&(_, raw)| super::blocks::marked_level(raw, text).is_some())
            || numbered_level(text).is_some();
        let section = (text.chars().count() <= 40 && !text.ends_with(['.', '。']))
            .then(|| section_of(text))
            .flatten();
        if heading || is_header(text) {
            break;
        }
        // The paragraph right after the type line is the description,
        // whatever it says (`Notify URL` is no heading there).
        if description.is_empty() && example.is_none() {
            description.push(text.clone());
            end = k + 1;
            at += 1;
            continue;
        }
        if section.is_some_and(Section::is_specific) {
            break;
        }
        if (example.is_some() || section == Some(Section::Example)) && !param_follows(&all, at + 1)
        {
            break;
        }
        description.push(text.clone());
        end = k + 1;
        at += 1;
    }
    close(&mut open, &mut rows);
    super::packed::unmarked_optional(&mut rows, 2);
    // The header and two parameters at least, or a header and one.
    let params = rows
        .iter()
        .filter(|r| r.cells.len() > 1)
        .count()
        .saturating_sub(1);
    if params < 2 && !(headed && params == 1) {
        return None;
    }
    Some((
        RawTable {
            line: first_line,
            rows,
        },
        end,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(usize, &str)> {
        text.split('\n')
            .enumerate()
            .map(|(k, l)| (k + 1, l))
            .collect()
    }

    #[test]
    fn paragraphs_make_rows() {
        let text = "ParameterDescription\nBasic parameters\n\nservice\n\nString Required\n\n\
                    The interface.\n\nExample:forex_refund\n\nBusiness parameters\n\
                    out_return_no\nString(64) Required\nThe merchant's refund number.\n\
                    More about it.\nExample:\nR1\n\nResponse parameters\nParameterDescription";
        let ls = lines(text);
        let (table, next) = read(&ls, 0).unwrap();
        let texts: Vec<Vec<&str>> = table
            .rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.text.as_str()).collect())
            .collect();
        assert_eq!(
            texts,
            [
                vec!["Parameter", "Type", "Optional", "Description", "Example"],
                vec!["Basic parameters"],
                vec![
                    "service",
                    "String",
                    "Required",
                    "The interface.",
                    "forex_refund"
                ],
                vec!["Business parameters"],
                vec![
                    "out_return_no",
                    "String(64)",
                    "Required",
                    "The merchant's refund number. More about it.",
                    "R1"
                ],
            ]
        );
        // The heading of the next table is left to the caller.
        assert_eq!(ls.get(next).map(|l| l.1), Some(""));
        assert_eq!(ls.get(next + 1).map(|l| l.1), Some("Response parameters"));
    }

    #[test]
    fn prose_is_no_table() {
        let ls = lines("service\nThe gateway's service name.\npartner\nAnother line.");
        assert!(read(&ls, 0).is_none());
        let ls = lines("ParameterDescription\nsome text");
        assert!(read(&ls, 0).is_none());
    }
}
