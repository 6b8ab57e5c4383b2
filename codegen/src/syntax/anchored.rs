//! Reader for rows copied with spaces instead of cell borders (a PDF
//! viewer's text, a docstring): `order_no 订单号 String(64) 商户的订单号。 不可空 20150101`.
//!
//! Runs of one to four spaces separate cells, and single spaces also occur
//! inside cells, so the spaces alone cannot split a row. Each row is
//! anchored instead on the two cells that are recognisable by themselves:
//! its type cell and, after it, its nullability word. Before the type come
//! the wire name (the one token that looks like `order_no`) and the label;
//! between the anchors the description; after the nullability word the
//! example.

use super::cells::{is_nullable_word, parse_type};
use super::columns::ParamColumns;
use super::text::looks_like_name;

/// One row split on its anchors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Anchored {
    pub label: String,
    pub name: String,
    pub ty: String,
    pub desc: String,
    pub nullable: String,
    pub example: String,
    /// The text after the nullability word as copied, its runs of spaces
    /// kept: under a header whose description comes after the
    /// nullability (`Required  Description  Example`), the description
    /// and the example are both in it.
    pub after: String,
    /// Set when the row cannot be split surely: after its nullability word
    /// comes another one (`未传时 不可空 ，否则 可空 2015`), so which of the
    /// two is the cell, and which belong to the description, is unknown.
    pub note: Option<String>,
}

/// Splits a line on its type and nullability cells; `None` when the line
/// has no such anchors (prose, a heading, a header row).
pub(crate) fn anchor(line: &str) -> Option<Anchored> {
    // Each token and where it ends in the line.
    let mut spans: Vec<(&str, usize)> = Vec::new();
    for t in line.split_whitespace() {
        let end = t.as_ptr() as usize - line.as_ptr() as usize + t.len();
        // A type written with a space after its comma (`Number(10, 2)`)
        // is one token.
        if let Some(last) = spans.last_mut() {
            let open = last.0.contains('(') && !last.0.contains(')') && last.0.ends_with(',');
            if open && t.ends_with(')') && !t.contains('(') {
                if let Some(joined) = line.get(last.1 - last.0.len()..end) {
                    *last = (joined, end);
                    continue;
                }
            }
        }
        spans.push((t, end));
    }
    let tokens: Vec<&str> = spans.iter().map(|&(t, _)| t).collect();
    if tokens.len() < 3 || line.contains('\t') || line.contains('|') {
        return None;
    }
    // The type as the documents spell it (`String(64)`, `Date`) before a
    // word of a label that reads as one (`Order number`, `Payment date`).
    let types = || {
        tokens
            .iter()
            .enumerate()
            .skip(1)
            .take(6)
            .filter(|(_, t)| parse_type(t).is_some())
    };
    let ty = types()
        .find(|(_, t)| t.starts_with(|c: char| c.is_ascii_uppercase()) || t.contains('('))
        .or_else(|| types().next())
        .map(|(i, _)| i)?;
    let before = tokens.get(..ty)?;
    let name_at = before.iter().position(|t| looks_like_name(t))?;
    // A type word in lower case (`number`, `string`) after a plain word
    // (`names`) is a sentence (`The PDF names the order number …`), not a
    // row: the documents write their types `String`, `Number(10,2)`, and a
    // parameter so spelled has an underscore or stands before such a type.
    let plain = |t: &str| t.chars().all(|c| c.is_ascii_lowercase());
    if plain(tokens.get(ty)?) && plain(before.get(name_at)?) {
        return None;
    }
    let nullable = tokens
        .iter()
        .enumerate()
        .skip(ty + 1)
        .find(|(_, t)| is_nullable_word(t))
        .map(|(i, _)| i)?;
    let join = |from: usize, to: usize| -> String {
        tokens
            .get(from..to)
            .map(|t| t.join(" "))
            .unwrap_or_default()
    };
    // Single letters (`N`, `Y`) are common examples: only words count.
    let second = tokens
        .iter()
        .skip(nullable + 1)
        .find(|t| t.chars().count() > 1 && is_nullable_word(t));
    let note = second.map(|second| {
        format!(
            "the row holds two nullability words, `{}` and then `{second}`: copied with spaces, which one is the cell and which belong to the description cannot be told; separate the cells with tabs or `|`",
            tokens.get(nullable).copied().unwrap_or_default()
        )
    });
    let label: Vec<&str> = before
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != name_at)
        .map(|(_, t)| *t)
        .collect();
    Some(Anchored {
        label: label.join(" "),
        name: before.get(name_at)?.to_string(),
        ty: tokens.get(ty)?.to_string(),
        desc: join(ty + 1, nullable),
        nullable: tokens.get(nullable)?.to_string(),
        example: join(nullable + 1, tokens.len()),
        after: spans
            .get(nullable)
            .and_then(|&(_, end)| line.get(end..))
            .unwrap_or_default()
            .trim()
            .to_owned(),
        note,
    })
}

impl Anchored {
    /// The cells in the order of a row without header: label, name, type,
    /// description, nullability, example.
    pub(crate) fn canonical(self) -> Vec<String> {
        vec![
            self.label,
            self.name,
            self.ty,
            self.desc,
            self.nullable,
            self.example,
        ]
    }

    /// Under a header whose description comes after the nullability
    /// (`Type  Required  Description  Example`, or `… Example  Description`):
    /// the description and the example from the text after the
    /// nullability word, told apart by a run of spaces and placed in the
    /// header's order, and why that split is not sure, if it is not. One
    /// piece is the description (the example is the cell more often left
    /// empty); three or more, or a second piece that reads as a sentence
    /// where the example goes, cannot be told apart. `None` under other
    /// headers.
    fn tail(&self, cols: &ParamColumns) -> Option<(String, String, Option<String>)> {
        let nullable = cols.nullable.map(|(c, _)| c)?;
        let desc = cols
            .desc
            .filter(|&d| d > nullable && self.desc.is_empty())?;
        let pieces = super::blocks::split_wide(&self.after);
        let Some(example_col) = cols.example else {
            return Some((pieces.join(" "), String::new(), None));
        };
        let listed = format!("{} pieces (`{}`)", pieces.len(), pieces.join("`, `"));
        let unsure = |why: &str| {
            format!(
                "after `{}` come {listed}, for a description and an example: {why}; separate the cells with tabs or `|`",
                self.nullable,
            )
        };
        match <[String; 2]>::try_from(pieces) {
            Ok([first, second]) => {
                let (desc, example) = if example_col > desc {
                    (first, second)
                } else {
                    (second, first)
                };
                // `The trade number.  Unique in Alipay.`: two sentences of
                // one description, not a description and an example.
                let sentence = example.contains(' ') && example.ends_with(['.', '。']);
                let note = sentence.then(|| {
                    unsure(&format!(
                        "`{example}` reads as a sentence, not an example: which is which cannot be told"
                    ))
                });
                Some((desc, example, note))
            }
            Err(pieces) if pieces.len() < 2 => {
                // One piece of several words ending in what reads as a
                // value (`Unique order number 6843192280647118`): the
                // example may be glued to it by one space.
                let text = pieces.join(" ");
                let last = text.rsplit(' ').next().unwrap_or_default();
                let value = text.contains(' ')
                    && (last.contains(|c: char| c.is_ascii_digit())
                        || last.contains('@')
                        || last.contains("://"));
                let note = value.then(|| {
                    unsure(&format!(
                        "`{last}` may be the example, glued to the description by one space"
                    ))
                });
                Some((text, String::new(), note))
            }
            Err(pieces) => Some((
                pieces.join(" "),
                String::new(),
                Some(unsure("which is which cannot be told")),
            )),
        }
    }

    /// Why the split of the row's description and example is not sure
    /// (see [`tail`](Self::tail)), as an error for its line.
    pub(crate) fn tail_note(&self, cols: &ParamColumns) -> Option<String> {
        self.tail(cols).and_then(|(_, _, note)| note)
    }

    /// The cells placed under a known header. A piece with no column to go
    /// to (a label when the header has none goes to the description first)
    /// is appended after the header's columns, so that the row reads as
    /// longer than its header and is reported, never dropped.
    pub(crate) fn under(self, cols: &ParamColumns) -> Vec<String> {
        let width = cols.headers.len();
        let mut cells = vec![String::new(); width];
        let mut extra = Vec::new();
        let mut put = |col: Option<usize>, text: String, extra: &mut Vec<String>| {
            if text.is_empty() {
                return;
            }
            match col.and_then(|c| cells.get_mut(c)) {
                Some(slot) if slot.is_empty() => *slot = text,
                Some(slot) => {
                    slot.push(' ');
                    slot.push_str(&text);
                }
                None => extra.push(text),
            }
        };
        let nullable = cols.nullable.map(|(c, _)| c);
        let (desc, example) = match self.tail(cols) {
            Some((desc, example, _)) => (desc, example),
            None => (self.desc, self.example),
        };
        put(Some(cols.name), self.name, &mut extra);
        put(cols.ty, self.ty, &mut extra);
        put(nullable, self.nullable, &mut extra);
        put(cols.label.or(cols.desc), self.label, &mut extra);
        put(cols.desc.or(cols.label), desc, &mut extra);
        put(cols.example, example, &mut extra);
        cells.extend(extra);
        cells
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors() {
        let a = anchor("order_no 订单号 String(64) 商户的 订单号。 不可空 20150101").unwrap();
        assert_eq!(a.name, "order_no");
        assert_eq!(a.label, "订单号");
        assert_eq!(a.desc, "商户的 订单号。");
        assert_eq!(a.nullable, "不可空");
        assert_eq!(a.example, "20150101");
        let b = anchor("签名  sign  String(32)  N").unwrap();
        assert_eq!(
            (b.label.as_str(), b.name.as_str(), b.desc.as_str()),
            ("签名", "sign", "")
        );
        assert_eq!(a.note, None);
        // A second nullability word after the first: told, not guessed.
        let c = anchor("out_no 订单号 String(64) 未传 x 时 不可空 ，否则 可空 6741").unwrap();
        assert!(c.note.unwrap().contains("`不可空` and then `可空`"));
        // A one-letter example is no such word.
        let d = anchor("adjust 是否调整 String(1) 说明 可空 N").unwrap();
        assert_eq!(
            (d.nullable.as_str(), d.example.as_str(), d.note),
            ("可空", "N", None)
        );
        let e = anchor("amount 金额 Number(10, 2) 单位为元 不可空 1.00").unwrap();
        assert_eq!(
            (e.ty.as_str(), e.desc.as_str()),
            ("Number(10, 2)", "单位为元")
        );
        // A label word that reads as a type is not the type.
        let f = anchor("out_trade_no Order number String(64) Required Unique").unwrap();
        assert_eq!(
            (f.label.as_str(), f.ty.as_str()),
            ("Order number", "String(64)")
        );
        let g = anchor("gmt_payment Payment date Date Optional when paid").unwrap();
        assert_eq!((g.label.as_str(), g.ty.as_str()), ("Payment date", "Date"));
        assert!(anchor("这是一段 说明 文字").is_none());
        // A sentence with a type word and a nullability word in it.
        assert!(anchor(
            "The PDF names the merchant's order number out_order_no; a recorded answer carries out_trade_no and no out_order_no."
        )
        .is_none());
        // A plain name before a type as the documents write it stays a row.
        let h = anchor("body 商品描述 String(400) 描述 可空 -").unwrap();
        assert_eq!((h.name.as_str(), h.ty.as_str()), ("body", "String(400)"));
        assert!(anchor("参数 类型 可空").is_none());
    }
}
