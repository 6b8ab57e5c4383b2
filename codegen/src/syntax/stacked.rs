//! Reader for page text where every cell sits on a line of its own, with a
//! blank line between cells (what some browsers and PDF viewers give):
//!
//! ```text
//! 参数
//!
//! 类型
//!
//! 是否可空
//!
//! out_trade_no
//!
//! String(64)
//!
//! 不可空
//! ```
//!
//! The header's cells (header words, one a line) give the column count;
//! the cells below are then taken that many at a time. A single label
//! between rows (`业务参数`) is a group row. The table ends at a heading,
//! or where the cells stop making rows (no type under the type column).

use super::blocks::{Cell, RawTable, Row};
use super::cells::parse_type;
use super::columns::{classify, header_role, Header};
use super::section::section_of;
use super::text::{clean, is_ident_like};

/// One cell: its first line and its text (lines joined by a space).
struct Item {
    line: usize,
    text: String,
}

/// The cells from line `i` on: paragraphs separated by blank lines.
fn items(lines: &[(usize, &str)], i: usize) -> Vec<Item> {
    let mut out: Vec<Item> = Vec::new();
    let mut open = false;
    for &(ln, l) in lines.iter().skip(i) {
        let text = clean(l);
        if text.is_empty() {
            open = false;
            continue;
        }
        match out.last_mut() {
            Some(item) if open => {
                item.text.push(' ');
                item.text.push_str(&text);
            }
            _ => out.push(Item { line: ln, text }),
        }
        open = true;
    }
    out
}

/// Reads a one-cell-per-line table starting at line `i`: the table and the
/// index of the line after it.
pub(crate) fn read(lines: &[(usize, &str)], i: usize) -> Option<(RawTable, usize)> {
    let &(_, first) = lines.get(i)?;
    let first = clean(first);
    if first.contains('\t') || header_role(&first).is_none() {
        return None;
    }
    // Only the first few paragraphs can be the header: stop looking early.
    let cells = items(lines.get(..(i + 400).min(lines.len()))?, i);
    let header_len = cells
        .iter()
        .take_while(|c| header_role(&c.text).is_some() && c.text.chars().count() <= 16)
        .count();
    if header_len < 3 {
        return None;
    }
    let header: Vec<String> = cells
        .iter()
        .take(header_len)
        .map(|c| c.text.clone())
        .collect();
    let Some(Header::Params(cols)) = classify(&header, &[]) else {
        return None;
    };
    let ty = cols.ty?;
    let width = header.len();
    let header_line = cells.first()?.line;
    let mut rows = vec![row_of(&cells, 0, width)?];
    let mut k = width;
    let mut last_line = header_line;
    while let Some(item) = cells.get(k) {
        if section_of(&item.text).is_some_and(|s| s.is_specific())
            || super::blocks::numbered_level(&item.text).is_some()
        {
            break;
        }
        let typed = |at: usize| {
            cells
                .get(at + ty)
                .is_some_and(|c| parse_type(&c.text).is_some())
        };
        if typed(k) {
            // Where the next row starts, told by its type cell: a row whose
            // empty cell left no paragraph is short, one whose cell spans
            // two paragraphs long. Either is kept as it is, so that a short
            // row's missing trailing cells read as empty and anything else
            // is reported with its line, never shifted into the next row.
            let starts_row = |at: usize| {
                typed(at)
                    && cells
                        .get(at + cols.name)
                        .is_some_and(|c| is_ident_like(&c.text))
            };
            let next = (k + 1..k + 2 * width).find(|&at| starts_row(at));
            let end = match next {
                Some(at) if at < k + width || at > k + width + 1 => at,
                _ => k + width,
            };
            let Some(row) = row_of(&cells, k, end - k) else {
                break;
            };
            last_line = cells.get(end - 1).map_or(last_line, |c| c.line);
            rows.push(row);
            k = end;
        } else if typed(k + 1) {
            rows.push(Row {
                line: item.line,
                cells: vec![Cell {
                    text: item.text.clone(),
                    bold: true,
                    indent: 0,
                    paragraphs: Vec::new(),
                }],
                alt: None,
                tabbed: false,
                note: None,
            });
            last_line = item.line;
            k += 1;
        } else {
            // Cells that stop making rows though a type follows: a row with
            // a cell missing before its type. Kept as a row of its own, so
            // that reading it fails with its line instead of the rows
            // after it vanishing.
            let rest = cells.get(k..(k + width).min(cells.len())).unwrap_or(&[]);
            if rest.iter().any(|c| parse_type(&c.text).is_some()) {
                if let Some(row) = row_of(&cells, k, rest.len()) {
                    last_line = rest.last().map_or(last_line, |c| c.line);
                    rows.push(row);
                }
            }
            break;
        }
    }
    if rows.len() < 2 {
        return None;
    }
    let next = lines
        .iter()
        .position(|&(ln, _)| ln > last_line)
        .unwrap_or(lines.len());
    Some((
        RawTable {
            line: header_line,
            rows,
        },
        next,
    ))
}

fn row_of(cells: &[Item], at: usize, width: usize) -> Option<Row> {
    let part = cells.get(at..at + width)?;
    Some(Row {
        line: part.first()?.line,
        cells: part
            .iter()
            .map(|c| Cell {
                text: c.text.clone(),
                bold: false,
                indent: 0,
                paragraphs: Vec::new(),
            })
            .collect(),
        alt: None,
        tabbed: false,
        note: None,
    })
}
