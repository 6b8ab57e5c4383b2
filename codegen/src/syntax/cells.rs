//! Reading the type, nullability and example cells.

use super::ParamType;

/// Which answer of a nullability column means "may be absent".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Polarity {
    /// `可空`, `是否可为空`, `Nullable`, `Optional`: `Y`/`是`/`Yes` = optional.
    YesIsOptional,
    /// `必填`, `是否必填`, `Required`, `必选`: `Y`/`是`/`Yes` = required.
    YesIsRequired,
    /// A header naming both ways (`Required/Optional`, `必填/可选`): the
    /// words (`Required`, `可选`) read, `Y`/`N` cannot.
    Unknown,
}

/// Normalises full-width punctuation used in type cells.
fn normalise(cell: &str) -> String {
    cell.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '，' => ',',
            '～' => '~',
            '－' | '—' | '–' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Numeric aliases mapped to [`ParamType::Number`] (kept exact, never `f64`).
pub(crate) const NUMBER_ALIASES: &[&str] = &[
    "number",
    "num",
    "numeric",
    "int",
    "integer",
    "long",
    "short",
    "bigint",
    "decimal",
    "bigdecimal",
    "money",
    "double",
    "float",
    "amount",
];
/// String aliases mapped to [`ParamType::String`].
pub(crate) const STRING_ALIASES: &[&str] = &[
    "string", "str", "varchar", "varchar2", "char", "text", "url",
];
/// Date aliases mapped to [`ParamType::Date`].
pub(crate) const DATE_ALIASES: &[&str] = &["date", "datetime"];

/// Parses a type cell: `String(n)`, `String`, `Number`, `Number(n)`,
/// `Number(p,s)`, `Date`, aliases, any case, full-width
/// parentheses, spaces anywhere.
pub(crate) fn parse_type(cell: &str) -> Option<ParamType> {
    let s = normalise(cell);
    let (base, args) = match s.find('(') {
        Some(open) => {
            let inner = s.get(open + 1..)?.strip_suffix(')')?;
            (s.get(..open)?, Some(inner))
        }
        None => (s.as_str(), None),
    };
    if DATE_ALIASES.contains(&base) {
        return match args {
            None | Some("yyyy-mm-ddhh:mm:ss") => Some(ParamType::Date),
            // Another format (`Date(yyyyMMdd)`, `Date(yyyy-MM-dd)`): text of
            // that format's length, not the gateway's date-time.
            Some(_) => {
                let inner = cell
                    .trim()
                    .split_once(['(', '（'])
                    .map(|(_, r)| r.trim_end().trim_end_matches([')', '）']).trim())?;
                let len = u32::try_from(inner.chars().count()).ok()?;
                Some(ParamType::String { max_len: Some(len) })
            }
        };
    }
    let is_string = STRING_ALIASES.contains(&base);
    let is_number = NUMBER_ALIASES.contains(&base);
    if !is_string && !is_number {
        return None;
    }
    let max_len = match args {
        None => None,
        Some(args) => Some(length(args, is_number)?),
    };
    Some(if is_string {
        ParamType::String { max_len }
    } else {
        // `Number(p,s)`: `length` checked both are numbers.
        let scale = args
            .and_then(|a| a.split_once(','))
            .and_then(|(_, s)| s.parse().ok());
        ParamType::Number { max_len, scale }
    })
}

/// `50` → 50; `10,2` (precision, scale) → 10; `1-64` / `1~64` (range) → 64.
fn length(args: &str, precision_first: bool) -> Option<u32> {
    let parse = |p: &str| -> Option<u32> {
        if p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        p.parse().ok()
    };
    if let Some((p, s)) = args.split_once(',') {
        let (p, s) = (parse(p)?, parse(s)?);
        // `Number(2,10)`: more decimals than digits is no type.
        if precision_first && (s > p || p == 0) {
            return None;
        }
        return Some(if precision_first { p } else { p.max(s) });
    }
    if let Some((lo, hi)) = args.split_once(['-', '~']) {
        let (lo, hi) = (parse(lo)?, parse(hi)?);
        return Some(lo.max(hi)).filter(|n| *n > 0);
    }
    // A length of 0 (`String(0)`) is no length anything fits.
    parse(args).filter(|n| *n > 0)
}

/// Reads a nullability cell: `Ok(true)` when the parameter may be absent.
/// An empty cell reads as optional here; a parameter row refuses it (a
/// lost cell). `Err(())` when the cell is not understood.
pub(crate) fn parse_nullable(cell: &str, polarity: Polarity) -> Result<bool, ()> {
    let whole = cell.trim();
    if whole.is_empty() {
        return Ok(true);
    }
    let word = nullable_word(whole).to_lowercase();
    match word.as_str() {
        "可空" | "可为空" | "允许为空" | "选填" | "可选" | "非必填" | "非必须" | "非必选"
        | "不必填" | "可不填" | "条件" | "条件必填" | "条件可选" | "optional" | "conditional"
        | "o" => Ok(true),
        "不可空" | "不可为空" | "不能为空" | "不允许为空" | "非空" | "必填" | "必选" | "必须"
        | "必需" | "必输" | "必传" | "required" | "mandatory" | "m" => Ok(false),
        "y" | "yes" | "是" | "true" | "t" | "√" | "✓" | "✔" | "1"
            if polarity != Polarity::Unknown =>
        {
            Ok(polarity == Polarity::YesIsOptional)
        }
        "n" | "no" | "否" | "false" | "f" | "×" | "✗" | "✘" | "0"
            if polarity != Polarity::Unknown =>
        {
            Ok(polarity == Polarity::YesIsRequired)
        }
        _ => Err(()),
    }
}

/// The word of a nullability cell [`parse_nullable`] reads: the first
/// word before any bracket or punctuation (`可空` of `可空（退款时必填）`).
fn nullable_word(cell: &str) -> &str {
    let head = cell
        .trim()
        .split(['(', '（', ',', '，', ';', '；', ':', '：', '。', '['])
        .next()
        .unwrap_or("")
        .trim();
    head.split_whitespace().next().unwrap_or("")
}

/// The whole nullability cell when it holds more than its word
/// (`可空（退款时必填）`, `required *`): a note that belongs to the row.
pub(crate) fn nullable_rest(cell: &str) -> Option<&str> {
    let cell = cell.trim();
    let word = nullable_word(cell);
    let at = cell.find(word)?;
    let rest = format!("{}{}", cell.get(..at)?, cell.get(at + word.len()..)?);
    (!rest.trim().is_empty()).then_some(cell)
}

/// Whether a whole cell is one nullability word (`不可空`, `可空`, `Y`,
/// `N`, `Required`, `Optional`…): what tells the nullability cell of a
/// row without header, or of a row copied with spaces.
pub(crate) fn is_nullable_word(cell: &str) -> bool {
    matches!(
        cell.trim().to_lowercase().as_str(),
        "不可空"
            | "可空"
            | "不可为空"
            | "可为空"
            | "必填"
            | "选填"
            | "必选"
            | "可选"
            | "非必填"
            | "y"
            | "n"
            | "是"
            | "否"
            | "yes"
            | "no"
            | "required"
            | "optional"
            | "mandatory"
    )
}

/// An example cell: `None` when empty or a placeholder such as `-`.
pub(crate) fn parse_example(cell: &str) -> Option<String> {
    let t = cell.trim();
    match t {
        "" | "-" | "--" | "—" | "–" | "－" | "/" | "无" | "空" | "n/a" | "N/A" => None,
        _ => Some(t.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types() {
        assert_eq!(
            parse_type("String(50)"),
            Some(ParamType::String { max_len: Some(50) })
        );
        assert_eq!(
            parse_type(" string ( 32 ) "),
            Some(ParamType::String { max_len: Some(32) })
        );
        assert_eq!(
            parse_type("String（50）"),
            Some(ParamType::String { max_len: Some(50) })
        );
        assert_eq!(
            parse_type("String"),
            Some(ParamType::String { max_len: None })
        );
        assert_eq!(
            parse_type("String(1-64)"),
            Some(ParamType::String { max_len: Some(64) })
        );
        assert_eq!(
            parse_type("Number"),
            Some(ParamType::Number {
                max_len: None,
                scale: None
            })
        );
        assert_eq!(
            parse_type("Number(10,2)"),
            Some(ParamType::Number {
                max_len: Some(10),
                scale: Some(2)
            })
        );
        assert_eq!(
            parse_type("Number（8）"),
            Some(ParamType::Number {
                max_len: Some(8),
                scale: None
            })
        );
        assert_eq!(
            parse_type("Money"),
            Some(ParamType::Number {
                max_len: None,
                scale: None
            })
        );
        assert_eq!(
            parse_type("int(11)"),
            Some(ParamType::Number {
                max_len: Some(11),
                scale: None
            })
        );
        assert_eq!(parse_type("Date"), Some(ParamType::Date));
        assert_eq!(
            parse_type("Date(yyyy-MM-dd HH:mm:ss)"),
            Some(ParamType::Date)
        );
        assert_eq!(
            parse_type("Date(yyyyMMdd)"),
            Some(ParamType::String { max_len: Some(8) })
        );
        assert_eq!(
            parse_type("Date（yyyy-MM-dd HH:mm）"),
            Some(ParamType::String { max_len: Some(16) })
        );
        assert_eq!(parse_type("Number(2,10)"), None);
        assert_eq!(parse_type("String(0)"), None);
        assert_eq!(
            parse_type("URL(200)"),
            Some(ParamType::String { max_len: Some(200) })
        );
        assert_eq!(parse_type("DATE"), Some(ParamType::Date));
        assert_eq!(parse_type("Strin(50)"), None);
        assert_eq!(parse_type("String(50"), None);
        assert_eq!(parse_type("String()"), None);
        assert_eq!(parse_type("String(99999999999)"), None);
        assert_eq!(parse_type("Boolean"), None);
        assert_eq!(parse_type(""), None);
    }

    #[test]
    fn nullability() {
        use Polarity::*;
        assert_eq!(parse_nullable("N", YesIsOptional), Ok(false));
        assert_eq!(parse_nullable("Y", YesIsOptional), Ok(true));
        assert_eq!(parse_nullable("Y", YesIsRequired), Ok(false));
        assert_eq!(parse_nullable("No", YesIsRequired), Ok(true));
        assert_eq!(parse_nullable("是", YesIsRequired), Ok(false));
        assert_eq!(parse_nullable("否", YesIsOptional), Ok(false));
        assert_eq!(parse_nullable("不可空", YesIsRequired), Ok(false));
        assert_eq!(parse_nullable("可空", YesIsRequired), Ok(true));
        assert_eq!(parse_nullable("必填", YesIsOptional), Ok(false));
        assert_eq!(parse_nullable("选填", YesIsOptional), Ok(true));
        assert_eq!(parse_nullable("Y", Unknown), Err(()));
        assert_eq!(parse_nullable("否", Unknown), Err(()));
        assert_eq!(parse_nullable("Required", Unknown), Ok(false));
        assert_eq!(parse_nullable("可选", Unknown), Ok(true));
        assert_eq!(parse_nullable("true", YesIsOptional), Ok(true));
        assert_eq!(parse_nullable("N（退款时必填）", YesIsOptional), Ok(false));
        assert_eq!(parse_nullable("", YesIsOptional), Ok(true));
        assert_eq!(parse_nullable("maybe", YesIsOptional), Err(()));
    }

    #[test]
    fn examples() {
        assert_eq!(parse_example("-"), None);
        assert_eq!(parse_example(""), None);
        assert_eq!(parse_example("T"), Some("T".into()));
    }
}
