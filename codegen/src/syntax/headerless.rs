//! Reader for parameter rows pasted without their header row: the columns
//! are inferred from the cells themselves.
//!
//! In each row the type cell (`String(16)`) is found by its form, the
//! nullability cell is the first cell after it holding only a nullability
//! word (`不可空`, `可空`, `Y`, `N`, `Required`, `Optional`), and the wire
//! name is the cell before the type that looks like `sns_user_id`. The
//! rest go by position: a cell before the name (or between the name and
//! the type) is the label, a cell between the type and the nullability the
//! description, a cell after the nullability the example. `Y`/`N` are read
//! as the gateway's documents use them under `可空`: `Y` = may be empty.

use std::collections::HashMap;

use super::blocks::Row;
use super::cells::{is_nullable_word, parse_type, Polarity};
use super::columns::ParamColumns;
use super::text::looks_like_name;

/// Where the name, type and nullability cells of one row are.
fn anchors(row: &Row) -> Option<(usize, usize, usize)> {
    let cells = &row.cells;
    let ty = cells.iter().position(|c| parse_type(&c.text).is_some())?;
    let nullable = cells
        .iter()
        .enumerate()
        .skip(ty + 1)
        .find(|(_, c)| is_nullable_word(&c.text))
        .map(|(i, _)| i)?;
    let name = cells
        .get(..ty)?
        .iter()
        .position(|c| looks_like_name(&c.text))?;
    Some((name, ty, nullable))
}

/// Whether a cell reads as prose rather than a value: Chinese text, or
/// words with spaces between them (`商户的订单号`, `The order number`), not
/// `2088101122136241`, `TRADE_SUCCESS` or `a@b.com`.
fn is_prose(text: &str) -> bool {
    let text = text.trim();
    let cjk = text
        .chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .count();
    // A sentence (its punctuation), or more words than an example holds
    // (`交易成功` and `测试商品` are examples).
    text.contains(['，', '。', '；', '：', '、'])
        || cjk >= 10
        || (text.split_whitespace().count() >= 4 && text.chars().any(char::is_alphabetic))
}

/// Whether a cell holds a letter or digit of any script (not only marks
/// such as `//`, `*` or `-`).
fn has_words(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// The first cell of `rows` that holds words in a column the inferred
/// `cols` give no meaning: its line, column and text. Such a cell would
/// land nowhere in the model.
pub(crate) fn unplaced<'a>(
    cols: &ParamColumns,
    rows: &'a [Row],
) -> Option<(usize, usize, &'a str)> {
    let placed = |c: usize| {
        c == cols.name
            || [cols.label, cols.ty, cols.desc, cols.example, cols.length].contains(&Some(c))
            || cols.nullable.is_some_and(|(n, _)| n == c)
    };
    rows.iter()
        // Group rows (`业务参数`) hold one cell.
        .filter(|r| r.cells.iter().filter(|c| !c.text.is_empty()).count() > 1)
        .find_map(|r| {
            r.cells
                .iter()
                .enumerate()
                .find(|(c, cell)| !placed(*c) && has_words(&cell.text))
                .map(|(c, cell)| (r.line, c, cell.text.as_str()))
        })
}

/// The columns of a table without header, when most of its rows agree on
/// where their name, type and nullability cells are.
pub(crate) fn infer_columns(rows: &[Row]) -> Option<ParamColumns> {
    let mut votes: HashMap<(usize, usize, usize), usize> = HashMap::new();
    let mut candidates = 0;
    for row in rows {
        if row.cells.iter().filter(|c| !c.text.is_empty()).count() < 3 {
            continue;
        }
        candidates += 1;
        if let Some(a) = anchors(row) {
            *votes.entry(a).or_default() += 1;
        }
    }
    let (&(name, ty, nullable), &count) = votes.iter().max_by_key(|(k, v)| (**v, **k))?;
    if count * 2 < candidates {
        return None;
    }
    let width = rows
        .iter()
        .map(|r| r.cells.len())
        .max()
        .unwrap_or(0)
        .max(nullable + 1);
    // The label sits next to the name: between it and the type
    // (`notify_time⇥通知时间⇥Date`), else before it. A column holding no
    // letters in any row (a comment mark such as `//` in front of every
    // row) is no label.
    let worded = |c: &usize| {
        rows.iter()
            .any(|r| r.cells.get(*c).is_some_and(|cell| has_words(&cell.text)))
    };
    let label = (name + 1..ty)
        .find(worded)
        .or_else(|| (0..name).rev().find(worded));
    // The description sits between the type and the nullability (the
    // gateway's order); with nothing there, a column after the
    // nullability holding prose in most rows is it (`name ⇥ type ⇥ 不可空 ⇥
    // 商户的订单号`, a common copy's order), and the one after that the
    // example.
    let mut desc = (ty + 1..nullable).next();
    let mut example = (nullable + 1 < width).then_some(nullable + 1);
    if desc.is_none() {
        if let Some(after) = example {
            let prose = |r: &Row| r.cells.get(after).is_some_and(|c| is_prose(&c.text));
            let filled = rows
                .iter()
                .filter(|r| r.cells.get(after).is_some_and(|c| !c.text.is_empty()))
                .count();
            if filled > 0 && rows.iter().filter(|r| prose(r)).count() * 2 > filled {
                desc = Some(after);
                example = (after + 1 < width).then_some(after + 1);
            }
        }
    }
    let headers = (0..width)
        .map(|c| {
            let what = if c == name {
                "wire name"
            } else if c == ty {
                "type"
            } else if c == nullable {
                "nullability"
            } else if Some(c) == label {
                "label"
            } else if Some(c) == desc {
                "description"
            } else if Some(c) == example {
                "example"
            } else {
                "unnamed"
            };
            format!("({what}, inferred)")
        })
        .collect();
    Some(ParamColumns {
        name,
        label,
        ty: Some(ty),
        desc,
        nullable: Some((nullable, Polarity::YesIsOptional)),
        example,
        length: None,
        group: None,
        headers,
    })
}
