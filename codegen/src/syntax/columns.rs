//! Recognising header rows and finding columns by their header words.

use super::cells::{parse_type, Polarity};
use super::text::is_ident_like;

/// What a header cell says its column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// Surely the wire name: `参数名`, `参数`, `字段`, `Parameter`, `Field`…
    Name,
    /// Wire name or label, decided by content: `参数名称`, `Name`, `名称`.
    NameOrLabel,
    /// A short meaning: `中文名`, `含义`, `Label`…
    Label,
    /// Label or description: `参数说明`.
    LabelOrDesc,
    /// Long text: `备注`, `描述`, `说明`, `Description`, `Remark`…
    Desc,
    /// `类型`, `类型(精度)`, `数据类型`, `Type`…
    Type,
    /// Nullability, with what `Y` means.
    Nullable(Polarity),
    /// `样例`, `示例`, `Example`, `Sample`…
    Example,
    /// Error code: `错误代码`, `错误码`, `Error code`, `Code`…
    ErrCode,
    /// Only in error tables: `错误信息`, `Message`, `Reason`…
    ErrMeaning,
    /// A separate length column (`长度`, `最大长度`, `Length`), used when the
    /// type cell has no length.
    Length,
    /// A row-number column (`序号`, `No.`): recognised, ignored.
    Index,
    /// The group a row belongs to (`分类`, `类别`, `Category`), in place of
    /// group rows: `基本参数` beside each of its parameters (or spanning
    /// them, an HTML `rowspan`).
    Group,
}

/// Normalises a header cell: lowercase, no spaces or `*:?#`, no trailing
/// parenthesised part (`类型(精度)` → `类型`).
pub(crate) fn norm_header(cell: &str) -> String {
    let lower: String = cell
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | ':' | '：' | '?' | '？' | '#' | '_'))
        .flat_map(char::to_lowercase)
        .collect();
    match lower.find(['(', '（', '[', '【']) {
        Some(at) if at > 0 => lower.get(..at).unwrap_or("").to_owned(),
        _ => lower,
    }
}

/// The role of a header cell, if it is a known header word. A bilingual
/// cell (`参数名 Parameter`, `类型/Type`) is tried whole, then word by word.
pub(crate) fn header_role(cell: &str) -> Option<Role> {
    role_of(cell).or_else(|| {
        // A cell holding a type (`subject String(256) Required`, the English
        // packed layout) or a sentence (`Name of the goods.`) is a row's,
        // whatever header word it contains.
        let typed = cell
            .split_whitespace()
            .any(|w| w.contains(['(', '（']) && super::cells::parse_type(w).is_some());
        if typed || cell.trim_end().ends_with(['.', '。']) {
            return None;
        }
        cell.split(|c: char| c.is_whitespace() || matches!(c, '/' | '／' | '|' | '、'))
            .filter(|part| !part.is_empty() && part.len() < cell.len())
            .find_map(role_of)
    })
}

fn role_of(cell: &str) -> Option<Role> {
    let h = norm_header(cell);
    let h = h.as_str();
    if h.is_empty() {
        return None;
    }
    let role =
        match h {
            "参数名" | "参数" | "字段" | "字段名" | "参数代码" | "参数编码" | "参数英文名"
            | "英文名" | "英文名称" | "参数英文名称" | "参数标识" | "变量名" | "属性名"
            | "参数字段" | "键" | "key" | "parameter" | "parameters" | "param" | "params"
            | "parametername" | "paramname" | "field" | "fieldname" | "fields" | "argument" => {
                Role::Name
            }
            "参数名称" | "名称" | "字段名称" | "name" => Role::NameOrLabel,
            "中文名" | "中文名称" | "参数中文名" | "参数中文名称" | "中文" | "含义"
            | "参数含义" | "中文含义" | "意义" | "参数意义" | "label" | "meaning" | "title"
            | "chinesename" => Role::Label,
            "参数说明" | "字段说明" => Role::LabelOrDesc,
            "备注" | "描述" | "说明" | "参数描述" | "字段描述" | "详细说明" | "描述信息"
            | "备注说明" | "详细描述" | "说明描述" | "description" | "desc" | "remark"
            | "remarks" | "comment" | "comments" | "note" | "notes" | "explanation" | "details"
            | "detail" => Role::Desc,
            "样例" | "示例" | "例子" | "举例" | "样例值" | "示例值" | "参数样例" | "参数示例"
            | "值示例" | "样本" | "示例数据" | "example" | "examples" | "sample" | "samples"
            | "e.g." | "eg" | "examplevalue" | "samplevalue" => Role::Example,
            "错误代码" | "错误码" | "错误编码" | "错误号" | "错误" | "返回码" | "结果码"
            | "代码" | "状态码" | "code" | "errorcode" | "error" | "errcode" | "resultcode"
            | "errorcodes" => Role::ErrCode,
            "长度" | "最大长度" | "字节长度" | "长度限制" | "length" | "maxlength" | "maxlen"
            | "size" => Role::Length,
            "序号" | "编号" | "no" | "no." | "index" | "seq" => Role::Index,
            "分类" | "参数分类" | "类别" | "参数类别" | "分组" | "参数组" | "category"
            | "group" => Role::Group,
            "错误信息" | "错误原因" | "原因" | "信息" | "错误描述" | "错误说明" | "中文描述"
            | "message" | "msg" | "reason" | "errormessage" | "errormsg" => Role::ErrMeaning,
            _ => {
                if h.starts_with("类型")
                    || h.ends_with("类型")
                    || h.starts_with("type")
                    || matches!(h, "datatype" | "valuetype" | "数据格式" | "格式")
                {
                    Role::Type
                } else if let Some(polarity) = two_way(h) {
                    Role::Nullable(polarity)
                } else if [
                    "非空",
                    "不可空",
                    "不能为空",
                    "不可为空",
                    "notnull",
                    "notempty",
                ]
                .iter()
                .any(|w| h.contains(w))
                {
                    Role::Nullable(Polarity::YesIsRequired)
                } else if ["可空", "为空", "null", "optional", "可选", "选填"]
                    .iter()
                    .any(|w| h.contains(w))
                {
                    Role::Nullable(Polarity::YesIsOptional)
                } else if [
                    "必填",
                    "必选",
                    "必须",
                    "必需",
                    "必输",
                    "必传",
                    "必要",
                    "required",
                    "mandatory",
                    "require",
                ]
                .iter()
                .any(|w| h.contains(w))
                {
                    Role::Nullable(Polarity::YesIsRequired)
                } else {
                    return None;
                }
            }
        };
    Some(role)
}

/// A nullability header naming both ways (`Required/Optional`,
/// `必填/可选`, `必选/可空`): `Y` in it could mean either.
fn two_way(h: &str) -> Option<Polarity> {
    const REQUIRED: &[&str] = &["必填", "必选", "必须", "required", "mandatory"];
    const OPTIONAL: &[&str] = &["可空", "可选", "选填", "optional"];
    // `不可空` holds `可空`: the negated forms are required words.
    let rest = ["不可空", "不可为空", "非必填", "非必选"]
        .iter()
        .fold(h.to_owned(), |t, w| t.replace(w, ""));
    let required = REQUIRED.iter().any(|w| rest.contains(w))
        || ["不可空", "不可为空"].iter().any(|w| h.contains(w));
    let optional = OPTIONAL.iter().any(|w| rest.contains(w))
        || ["非必填", "非必选"].iter().any(|w| h.contains(w));
    (required && optional).then_some(Polarity::Unknown)
}

/// Columns of a parameter table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParamColumns {
    pub name: usize,
    pub label: Option<usize>,
    pub ty: Option<usize>,
    pub desc: Option<usize>,
    pub nullable: Option<(usize, Polarity)>,
    pub example: Option<usize>,
    pub length: Option<usize>,
    /// A column naming each row's group (`分类`), see [`Role::Group`].
    pub group: Option<usize>,
    /// Header cell texts (for messages).
    pub headers: Vec<String>,
}

impl ParamColumns {
    /// Header text of a column, for messages.
    pub fn header(&self, col: usize) -> &str {
        self.headers.get(col).map_or("", String::as_str)
    }
}

/// Columns of an error-code table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ErrorColumns {
    pub code: usize,
    pub meaning: usize,
    /// Row-number columns (`序号`): no part of a code's meaning.
    pub index: Vec<usize>,
    /// A second code column (`错误代码 | 含义 | 错误代码 | 含义`, codes
    /// side by side), which the rows cannot be read by: an error.
    pub second_code: Option<usize>,
}

/// A recognised header row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Header {
    Params(ParamColumns),
    Errors(ErrorColumns),
}

/// Whether every non-empty cell is a header word and the cells make a
/// header (used for space-separated tables, where prose could look alike).
pub(crate) fn all_header_words(cells: &[String]) -> bool {
    cells
        .iter()
        .filter(|c| !c.is_empty())
        .all(|c| header_role(c).is_some())
        && classify(cells, &[]).is_some()
}

/// How much a cell looks like a wire name: 1 for `sns_user_id`, 0.5 for
/// `Signature`, 0 for `签名` or `Partner ID`.
fn ident_score(text: &str) -> f64 {
    if !is_ident_like(text) {
        return 0.0;
    }
    if text.contains('_') || text.starts_with(|c: char| c.is_ascii_lowercase()) {
        1.0
    } else {
        0.5
    }
}

/// Average [`ident_score`] of a column over the data rows (group rows with
/// a single non-empty cell are skipped).
fn content_score(col: usize, data: &[Vec<String>]) -> f64 {
    let mut sum = 0.0;
    let mut n = 0u32;
    for row in data.iter().take(60) {
        if row.iter().filter(|c| !c.is_empty()).count() < 2 {
            continue;
        }
        if let Some(cell) = row.get(col).filter(|c| !c.is_empty()) {
            sum += ident_score(cell);
            n += 1;
        }
    }
    if n == 0 {
        0.0
    } else {
        sum / f64::from(n)
    }
}

/// Recognises a header row; `data` are the rows below it (used to tell the
/// wire-name column from the label column when headers are ambiguous).
pub(crate) fn classify(cells: &[String], data: &[Vec<String>]) -> Option<Header> {
    // A row with a type cell is data, never a header. Checked first: it is
    // cheap, and it spares every data row the header-word lookups.
    if cells.iter().any(|c| parse_type(c).is_some()) {
        return None;
    }
    let roles: Vec<Option<Role>> = cells.iter().map(|c| header_role(c)).collect();
    let non_empty = cells.iter().filter(|c| !c.is_empty()).count();
    let recognised = roles.iter().flatten().count();
    if recognised < 2 || recognised * 2 < non_empty {
        return None;
    }
    let first = |want: &dyn Fn(Role) -> bool, used: &[usize]| -> Option<usize> {
        roles
            .iter()
            .enumerate()
            .find(|&(i, r)| r.is_some_and(want) && !used.contains(&i))
            .map(|(i, _)| i)
    };
    let ty = first(&|r| r == Role::Type, &[]);
    let nullable = roles.iter().enumerate().find_map(|(i, r)| match r {
        Some(Role::Nullable(p)) => Some((i, *p)),
        _ => None,
    });
    let code = first(&|r| r == Role::ErrCode, &[]);

    if let Some(code) = code {
        if ty.is_none() && nullable.is_none() {
            // `含义` / `meaning` (a label column elsewhere) is the meaning
            // before a remarks column (`错误代码 | 含义 | 备注`).
            let meaning = first(&|r| r == Role::ErrMeaning, &[code])
                .or_else(|| first(&|r| r == Role::Label, &[code]))
                .or_else(|| first(&|r| r == Role::LabelOrDesc, &[code]))
                .or_else(|| first(&|r| r == Role::Desc, &[code]))?;
            let index = roles
                .iter()
                .enumerate()
                .filter(|(_, r)| **r == Some(Role::Index))
                .map(|(i, _)| i)
                .collect();
            let second_code = first(&|r| r == Role::ErrCode, &[code]);
            return Some(Header::Errors(ErrorColumns {
                code,
                meaning,
                index,
                second_code,
            }));
        }
    }
    if ty.is_none() && nullable.is_none() {
        return None;
    }
    let candidates: Vec<(usize, Role)> = roles
        .iter()
        .enumerate()
        .filter_map(|(i, r)| match r {
            Some(r @ (Role::Name | Role::NameOrLabel)) => Some((i, *r)),
            _ => None,
        })
        .collect();
    let name = pick_name(&candidates, data)?;
    let mut used = vec![name];
    used.extend(ty);
    used.extend(nullable.map(|(i, _)| i));
    let length = first(&|r| r == Role::Length, &used);
    let group = first(&|r| r == Role::Group, &used);
    let example = first(&|r| r == Role::Example, &used);
    used.extend(example);
    let mut label =
        first(&|r| r == Role::Label, &used).or_else(|| first(&|r| r == Role::NameOrLabel, &used));
    used.extend(label);
    let desc =
        first(&|r| r == Role::Desc, &used).or_else(|| first(&|r| r == Role::LabelOrDesc, &used));
    used.extend(desc);
    if label.is_none() {
        label = first(&|r| r == Role::LabelOrDesc, &used)
            .or_else(|| first(&|r| r == Role::Name, &used));
    }
    Some(Header::Params(ParamColumns {
        name,
        label,
        ty,
        desc,
        nullable,
        example,
        length,
        group,
        headers: cells.to_vec(),
    }))
}

/// Chooses the wire-name column among the candidates: by content (the
/// column whose cells look like `sns_user_id`), ties going to a header that
/// surely means the wire name, then to the leftmost.
fn pick_name(candidates: &[(usize, Role)], data: &[Vec<String>]) -> Option<usize> {
    if candidates.len() <= 1 {
        return candidates.first().map(|&(i, _)| i);
    }
    let scored: Vec<(usize, Role, f64)> = candidates
        .iter()
        .map(|&(i, r)| (i, r, content_score(i, data)))
        .collect();
    let best = scored.iter().map(|&(_, _, s)| s).fold(0.0, f64::max);
    let close: Vec<&(usize, Role, f64)> = scored
        .iter()
        .filter(|&&(_, _, s)| best - s < 0.25)
        .collect();
    close
        .iter()
        .find(|&&&(_, r, _)| r == Role::Name)
        .or_else(|| close.first())
        .map(|&&(i, _, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| (*s).to_owned()).collect()
    }

    fn params(h: &[&str], data: &[&[&str]]) -> ParamColumns {
        let data: Vec<Vec<String>> = data.iter().map(|r| strings(r)).collect();
        match classify(&strings(h), &data) {
            Some(Header::Params(p)) => p,
            other => panic!("not a param header: {other:?}"),
        }
    }

    #[test]
    fn seed_order() {
        let p = params(
            &["参数说明", "参数名", "类型(精度)", "备注", "可空", "样例"],
            &[],
        );
        assert_eq!(
            (p.name, p.label, p.ty, p.desc, p.example),
            (1, Some(0), Some(2), Some(3), Some(5))
        );
        assert_eq!(p.nullable, Some((4, Polarity::YesIsOptional)));
    }

    #[test]
    fn alternative_order() {
        let p = params(
            &[
                "参数",
                "参数名称",
                "类型（长度范围）",
                "参数说明",
                "是否可为空",
                "样例",
            ],
            &[],
        );
        assert_eq!(
            (p.name, p.label, p.ty, p.desc, p.example),
            (0, Some(1), Some(2), Some(3), Some(5))
        );
    }

    #[test]
    fn english() {
        let p = params(
            &["Parameter", "Name", "Type", "Description", "Required"],
            &[],
        );
        assert_eq!((p.name, p.label, p.desc), (0, Some(1), Some(3)));
        assert_eq!(p.nullable, Some((4, Polarity::YesIsRequired)));
        let p = params(&["Name", "Type", "Description", "Optional"], &[]);
        assert_eq!((p.name, p.label, p.desc), (0, None, Some(2)));
    }

    #[test]
    fn content_decides() {
        // `参数名称` holds the wire names here, `参数` the labels.
        let p = params(
            &["参数", "参数名称", "类型", "可空"],
            &[
                &["签名", "sign", "String", "N"],
                &["合作伙伴ID", "partner", "String(16)", "N"],
            ],
        );
        assert_eq!((p.name, p.label), (1, Some(0)));
    }

    #[test]
    fn bilingual_index_and_length_columns() {
        let p = params(
            &[
                "序号",
                "参数名 Parameter",
                "类型/Type",
                "长度",
                "是否非空",
                "说明",
            ],
            &[],
        );
        assert_eq!(
            (p.name, p.ty, p.length, p.desc),
            (1, Some(2), Some(3), Some(5))
        );
        assert_eq!(p.nullable, Some((4, Polarity::YesIsRequired)));
    }

    #[test]
    fn errors_and_non_headers() {
        assert!(matches!(
            classify(&strings(&["错误代码", "说明"]), &[]),
            Some(Header::Errors(ErrorColumns {
                code: 0,
                meaning: 1,
                ..
            }))
        ));
        assert!(matches!(
            classify(&strings(&["Error code", "Description"]), &[]),
            Some(Header::Errors(_))
        ));
        assert!(classify(
            &strings(&["版本号", "修订章节", "修订原因", "修订日期"]),
            &[]
        )
        .is_none());
        assert!(classify(&strings(&["签名", "sign", "String(100)", "N"]), &[]).is_none());
    }
}
