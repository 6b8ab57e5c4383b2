//! Reader for the English cross-border layout where one cell holds the
//! name, the type and the requirement of a parameter:
//!
//! ```text
//! Parameter                   | Description
//! Basic parameters            |
//! notify_url URL(200) Optional | Where the notification is sent.
//! ```
//!
//! Each packed cell is split into a name, a type and a requirement cell,
//! and the row continues with the table's other cells; rows whose first
//! cell holds no type (group rows such as `Basic parameters`) are kept as
//! they are.

use super::blocks::{Cell, Row};
use super::cells::{is_nullable_word, parse_type};
use super::columns::{classify, Header, ParamColumns};
use super::text::is_ident_like;

/// Splits `notify_url URL(200) Optional` into its three cells. A type word
/// this reader does not know (`notify_time Timestamp`) is split out too, so
/// that the row fails on its type, by name, instead of on its shape.
pub(crate) fn unpack_cell(text: &str) -> Option<[String; 3]> {
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let (name, rest) = tokens.split_first()?;
    if !is_ident_like(name)
        || !name.contains('_') && !name.starts_with(|c: char| c.is_ascii_lowercase())
    {
        return None;
    }
    let (ty, rest) = rest.split_first()?;
    // `out_trade_no Required`: the page gave no type (its row fails on
    // that, by name).
    if rest.is_empty() && is_nullable_word(ty) {
        return Some([(*name).to_owned(), String::new(), (*ty).to_owned()]);
    }
    let unknown_type = ty.len() >= 3
        && ty.starts_with(|c: char| c.is_ascii_uppercase())
        && ty.chars().all(|c| c.is_ascii_alphanumeric());
    if parse_type(ty).is_none() && !unknown_type {
        return None;
    }
    // The requirement word and what follows it (`Required (conditionally)`):
    // the rest stays with it, for the row's description.
    let requirement = match rest {
        [] => String::new(),
        [word, ..] if is_nullable_word(word) => rest.join(" "),
        _ => return None,
    };
    Some([(*name).to_owned(), (*ty).to_owned(), requirement])
}

/// The unpacked table: columns and rows, when the header has a wire-name
/// column and no type column, and most rows of it hold packed cells.
pub(crate) fn unpack(
    header: &[String],
    name_col: usize,
    rows: &[Row],
) -> Option<(ParamColumns, Vec<Row>)> {
    let mut packed = 0;
    let mut params = 0;
    for row in rows {
        if row.cells.iter().filter(|c| !c.text.is_empty()).count() < 2 {
            continue;
        }
        params += 1;
        let cell = row.cells.get(name_col).map_or("", |c| c.text.as_str());
        if unpack_cell(cell).is_some() {
            packed += 1;
        }
    }
    if packed == 0 || packed * 2 < params {
        return None;
    }
    let mut new_header: Vec<String> = vec![
        header.get(name_col).cloned().unwrap_or_default(),
        "Type".to_owned(),
        "Optional".to_owned(),
    ];
    new_header.extend(
        header
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != name_col)
            .map(|(_, h)| h.clone()),
    );
    let Some(Header::Params(cols)) = classify(&new_header, &[]) else {
        return None;
    };
    let mut out: Vec<Row> = rows
        .iter()
        .map(|row| {
            let cell = row.cells.get(name_col).map_or("", |c| c.text.as_str());
            let Some(parts) = unpack_cell(cell) else {
                return row.clone();
            };
            let mut cells: Vec<Cell> = parts
                .into_iter()
                .map(|text| Cell {
                    text,
                    ..Cell::default()
                })
                .collect();
            cells.extend(
                row.cells
                    .iter()
                    .enumerate()
                    .filter(|&(i, _)| i != name_col)
                    .map(|(_, c)| c.clone()),
            );
            Row {
                line: row.line,
                cells,
                alt: None,
                tabbed: false,
                note: None,
            }
        })
        .collect();
    unmarked_optional(&mut out, 2);
    Some((cols, out))
}

/// The English pages mark a required parameter with a `Required` badge
/// and an optional one with nothing. A copy that kept the badges (some
/// rows say `Required`, none says `Optional`) shows an optional parameter
/// by the empty requirement cell at `col`, which is filled in so. In a copy
/// that lost them all, or one that also says `Optional`, an empty cell
/// cannot be told and stays empty (an error when read).
pub(crate) fn unmarked_optional(rows: &mut [Row], col: usize) {
    // Parameter rows: a type in the cell after the name (not the header,
    // not a group row).
    let typed = |r: &Row| {
        r.cells
            .get(1)
            .is_some_and(|ty| parse_type(&ty.text).is_some())
    };
    let word = |r: &Row| r.cells.get(col).map(|c| c.text.to_ascii_lowercase());
    let params = || rows.iter().filter(|r| typed(r));
    let required = params().any(|r| word(r).as_deref() == Some("required"));
    let optional = params().any(|r| word(r).as_deref() == Some("optional"));
    if !required || optional {
        return;
    }
    for row in rows.iter_mut().filter(|r| typed(r)) {
        if let Some(cell) = row.cells.get_mut(col).filter(|c| c.text.is_empty()) {
            cell.text = "Optional".to_owned();
        }
    }
}
