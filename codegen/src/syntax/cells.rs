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

/// Parses a type cell: `String(n)`, `String(min-max)`, `String`, `Number`,
/// `Number(n)`, `Number(p,s)`, `Date`, aliases, any case, full-width
/// parentheses and separators, spaces anywhere. `None` for a cell that is
/// no type, and for a type word whose length cannot be read surely
/// ([`type_fault`] says why).
pub(crate) fn parse_type(cell: &str) -> Option<ParamType> {
    read_type(cell).ok()
}

/// Why a cell that names a type (`String(64-6)`, `Number(1-10)`) was
/// refused by [`parse_type`]: `None` when it reads, or is no type at all.
pub(crate) fn type_fault(cell: &str) -> Option<String> {
    read_type(cell).err().flatten()
}

/// [`parse_type`]'s work: `Err(None)` for no type, `Err(Some(why))` for a
/// type word whose length is wrong or ambiguous.
fn read_type(cell: &str) -> Result<ParamType, Option<String>> {
    let s = normalise(cell);
    let (base, args) = match s.find('(') {
        Some(open) => {
            let inner = s
                .get(open + 1..)
                .and_then(|r| r.strip_suffix(')'))
                .ok_or(None)?;
            (s.get(..open).ok_or(None)?, Some(inner))
        }
        None => (s.as_str(), None),
    };
    if DATE_ALIASES.contains(&base) {
        return match args {
            None | Some("yyyy-mm-ddhh:mm:ss") => Ok(ParamType::Date),
            // A length (`Date(19)`): the gateway's date-time is its 19
            // characters; another length is text of that length
            // (`Date(10)`, `yyyy-MM-dd`; `Date(14)`, `yyyyMMddHHmmss`).
            Some(digits) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
                match digits.parse::<u32>() {
                    Ok(19) => Ok(ParamType::Date),
                    Ok(len) if len > 0 => Ok(ParamType::String {
                        min_len: None,
                        max_len: Some(len),
                    }),
                    _ => Err(Some(format!(
                        "`{}` gives a date no length it can have",
                        cell.trim()
                    ))),
                }
            }
            // A format made of date-time letters (`Date(yyyyMMdd)`,
            // `Date(yyyy-MM-dd)`): text of that format's length, not the
            // gateway's date-time.
            Some(format) if format.contains('y') || format.contains("hh") => {
                let inner = cell
                    .trim()
                    .split_once(['(', '（'])
                    .map(|(_, r)| r.trim_end().trim_end_matches([')', '）']).trim())
                    .ok_or(None)?;
                let len = u32::try_from(inner.chars().count()).map_err(|_| None)?;
                Ok(ParamType::String {
                    min_len: None,
                    max_len: Some(len),
                })
            }
            Some(_) => Err(Some(format!(
                "`{}` is a date with neither a length nor a date format (yyyy-MM-dd HH:mm:ss) in its parentheses",
                cell.trim()
            ))),
        };
    }
    let is_string = STRING_ALIASES.contains(&base);
    let is_number = NUMBER_ALIASES.contains(&base);
    if !is_string && !is_number {
        return Err(None);
    }
    let Some(args) = args else {
        return Ok(if is_string {
            ParamType::String {
                min_len: None,
                max_len: None,
            }
        } else {
            ParamType::Number {
                max_len: None,
                scale: None,
            }
        });
    };
    if is_string {
        let (min_len, max_len) = string_length(args)?;
        return Ok(ParamType::String {
            min_len,
            max_len: Some(max_len),
        });
    }
    let (max_len, scale) = number_length(args)?;
    Ok(ParamType::Number {
        max_len: Some(max_len),
        scale,
    })
}

/// A length: ASCII digits only (`064` is 64; `+6`, `6.5`, `` are none).
fn count(p: &str) -> Option<u32> {
    if p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    p.parse().ok()
}

/// The length of a `String(…)`, after [`normalise`]: `64` → at most 64;
/// a range `6-32` / `6~32` / `6,32` (full-width forms normalised) → at
/// least 6, at most 32 (the comma form is how documents outside the
/// gateway's also write a string's bounds: `String(1,64)`; a string has no
/// scale). A minimum of 0 is no minimum. A minimum above the maximum, a
/// maximum of 0, two separators, or anything else between the
/// parentheses is an error: none of them says surely what is meant.
fn string_length(args: &str) -> Result<(Option<u32>, u32), Option<String>> {
    let Some((lo, hi)) = args.split_once(['-', '~', ',']) else {
        // A length of 0 (`String(0)`) is no length anything fits.
        return match count(args) {
            Some(0) => Err(Some("a length of 0 is no length anything fits".to_owned())),
            Some(n) => Ok((None, n)),
            None => Err(None),
        };
    };
    let (Some(min), Some(max)) = (count(lo), count(hi)) else {
        return Err(if count(lo).is_some() || count(hi).is_some() {
            Some(format!(
                "the length `{args}` is not a range of two numbers such as `String(6-32)`"
            ))
        } else {
            None
        });
    };
    if max == 0 {
        return Err(Some(format!(
            "the range `{args}` allows no length: its maximum is 0"
        )));
    }
    if min > max {
        return Err(Some(format!(
            "the range `{args}` has its minimum {min} above its maximum {max}; write it `String({max}-{min})` if that is what the document means"
        )));
    }
    Ok(((min > 0).then_some(min), max))
}

/// The length of a `Number(…)`, after [`normalise`]: `10` → precision 10;
/// `10,2` → precision 10, scale 2. A range (`Number(1-10)`) is refused:
/// whether it bounds the digits or the value cannot be told.
fn number_length(args: &str) -> Result<(u32, Option<u32>), Option<String>> {
    if let Some((p, s)) = args.split_once(',') {
        let (p, s) = (count(p).ok_or(None)?, count(s).ok_or(None)?);
        // `Number(2,10)`: more decimals than digits is no type.
        if s > p || p == 0 {
            return Err(None);
        }
        return Ok((p, Some(s)));
    }
    if let Some((lo, hi)) = args.split_once(['-', '~']) {
        if count(lo).is_some() && count(hi).is_some() {
            return Err(Some(format!(
                "a Number with a range `{args}` may bound its digits or its value, which cannot be told; write `Number(p)` for at most p digits and state a value range in the remarks"
            )));
        }
        return Err(None);
    }
    match count(args) {
        Some(0) | None => Err(None),
        Some(n) => Ok((n, None)),
    }
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

/// An example cell's paragraphs joined into its text, and whether any two
/// were joined by a space. A split is joined without one only where it is
/// surely inside one value: the paragraph before ends in an unfinished
/// percent escape (`%`, or `%` and one hex digit) and the next begins with
/// the hex digits that finish it — URL encoding never ends a value there.
/// Everywhere else a space joins them, as in prose: two paragraphs may be
/// two values (`T` / `F`), a date and its time, or one long value the page
/// wrapped, and the text cannot tell which (whitespace at the split says
/// nothing: a browser shows none at a paragraph's end).
pub(crate) fn join_example(paragraphs: &[String]) -> (String, bool) {
    let mut out = String::new();
    let mut spaced = false;
    for p in paragraphs {
        if !out.is_empty() {
            if finishes_escape(&out, p) {
                // joined as one value
            } else {
                out.push(' ');
                spaced = true;
            }
        }
        out.push_str(p);
    }
    (out, spaced)
}

/// Whether `before` ends in an unfinished percent escape (`%`, `%3`) that
/// the start of `after` finishes with hex digits, and the value so far is
/// URL-encoded text: no whitespace, at least one whole escape (`%3D`) and
/// no `%` that starts none (so `50%` then `2015…` stays two values).
fn finishes_escape(before: &str, after: &str) -> bool {
    let word = before.rsplit(' ').next().unwrap_or(before);
    let (body, owed) = if let Some(body) = word.strip_suffix('%') {
        (body, 2)
    } else {
        match word
            .len()
            .checked_sub(2)
            .and_then(|at| word.split_at_checked(at))
        {
            Some((body, tail))
                if tail.starts_with('%') && tail.ends_with(|c: char| c.is_ascii_hexdigit()) =>
            {
                (body, 1)
            }
            _ => return false,
        }
    };
    let mut escapes = body.split('%');
    escapes.next();
    let mut whole = 0;
    for e in escapes {
        if e.len() < 2 || !e.chars().take(2).all(|c| c.is_ascii_hexdigit()) {
            return false;
        }
        whole += 1;
    }
    whole > 0 && after.len() >= owed && after.chars().take(owed).all(|c| c.is_ascii_hexdigit())
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
            Some(ParamType::String {
                min_len: None,
                max_len: Some(50)
            })
        );
        assert_eq!(
            parse_type(" string ( 32 ) "),
            Some(ParamType::String {
                min_len: None,
                max_len: Some(32)
            })
        );
        assert_eq!(
            parse_type("String（50）"),
            Some(ParamType::String {
                min_len: None,
                max_len: Some(50)
            })
        );
        assert_eq!(parse_type("String"), Some(ParamType::TEXT));
        assert_eq!(parse_type("String(1-64)"), Some(range(Some(1), 64)));
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
            Some(ParamType::String {
                min_len: None,
                max_len: Some(8)
            })
        );
        assert_eq!(
            parse_type("Date（yyyy-MM-dd HH:mm）"),
            Some(ParamType::String {
                min_len: None,
                max_len: Some(16)
            })
        );
        // A length: 19 is the gateway's date-time, another one text of it
        // (never the count of its digits).
        assert_eq!(parse_type("Date(19)"), Some(ParamType::Date));
        assert_eq!(parse_type("DateTime（19）"), Some(ParamType::Date));
        assert_eq!(
            parse_type("Datetime(14)"),
            Some(ParamType::String {
                min_len: None,
                max_len: Some(14)
            })
        );
        assert_eq!(parse_type("Date(0)"), None);
        assert!(type_fault("Date(0)").is_some());
        assert!(type_fault("Date(abc)")
            .unwrap()
            .contains("neither a length nor a date format"));
        assert_eq!(parse_type("Number(2,10)"), None);
        assert_eq!(parse_type("String(0)"), None);
        assert_eq!(
            parse_type("URL(200)"),
            Some(ParamType::String {
                min_len: None,
                max_len: Some(200)
            })
        );
        assert_eq!(parse_type("DATE"), Some(ParamType::Date));
        assert_eq!(parse_type("Strin(50)"), None);
        assert_eq!(parse_type("String(50"), None);
        assert_eq!(parse_type("String()"), None);
        assert_eq!(parse_type("String(99999999999)"), None);
        assert_eq!(parse_type("Boolean"), None);
        assert_eq!(parse_type(""), None);
    }

    fn range(min_len: Option<u32>, max: u32) -> ParamType {
        ParamType::String {
            min_len,
            max_len: Some(max),
        }
    }

    #[test]
    fn string_ranges() {
        // Every separator documents use, half- and full-width, with spaces.
        for cell in [
            "String(6-32)",
            "String(6~32)",
            "String(6,32)",
            "String（6～32）",
            "String（6，32）",
            "String（6－32）",
            "String(6—32)",
            "String(6–32)",
            "string ( 6 - 32 )",
            "VARCHAR(6-32)",
            "URL(6-32)",
        ] {
            assert_eq!(parse_type(cell), Some(range(Some(6), 32)), "{cell}");
            assert_eq!(type_fault(cell), None, "{cell}");
        }
        assert_eq!(parse_type("String(1,64)"), Some(range(Some(1), 64)));
        assert_eq!(parse_type("String(16-16)"), Some(range(Some(16), 16)));
        // A range from 0 bounds only the maximum.
        assert_eq!(parse_type("String(0-64)"), Some(range(None, 64)));
        assert_eq!(range(Some(6), 32).rust_doc(), "String(6-32)");
        assert_eq!(range(None, 32).rust_doc(), "String(32)");
    }

    #[test]
    fn refused_ranges_say_why() {
        let refused = |cell: &str| {
            assert_eq!(parse_type(cell), None, "{cell}");
            type_fault(cell).unwrap_or_else(|| panic!("{cell}: no reason"))
        };
        let why = refused("String(64-6)");
        assert!(why.contains("minimum 64 above its maximum 6"), "{why}");
        let why = refused("String（64，1）");
        assert!(why.contains("minimum 64 above its maximum 1"), "{why}");
        assert!(refused("String(0-0)").contains("maximum is 0"));
        assert!(refused("String(0)").contains("length of 0"));
        for cell in ["String(1-2-3)", "String(6-)", "String(-32)", "String(6-3a)"] {
            assert!(
                refused(cell).contains("not a range of two numbers"),
                "{cell}"
            );
        }
        // A Number range: digits or value cannot be told.
        let why = refused("Number(1-10)");
        assert!(why.contains("cannot be told"), "{why}");
        refused("int(0~100)");
        // No type at all: no reason.
        assert_eq!(type_fault("Strin(6-32)"), None);
        assert_eq!(type_fault("String(a-b)"), None);
        assert_eq!(type_fault("Number(2,10)"), None);
        // Precision and scale are untouched.
        assert_eq!(
            parse_type("Number（10，2）"),
            Some(ParamType::Number {
                max_len: Some(10),
                scale: Some(2)
            })
        );
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

    fn join(parts: &[&str]) -> (String, bool) {
        let owned: Vec<String> = parts.iter().map(|p| (*p).to_owned()).collect();
        join_example(&owned)
    }

    #[test]
    fn example_paragraphs_join_inside_an_unfinished_escape_only() {
        // `%3D%` + `3D`: the escape is finished by the next paragraph.
        assert_eq!(
            join(&["Aq%2BwcY%3D%", "3D"]),
            ("Aq%2BwcY%3D%3D".to_owned(), false)
        );
        // `%3` + `D…`: one digit owed.
        assert_eq!(join(&["a%2Fb%3", "Dc"]), ("a%2Fb%3Dc".to_owned(), false));
        // Split at an escape's boundary: may be two values; a space.
        assert_eq!(
            join(&["a%2Fb%3D", "%3Dc"]),
            ("a%2Fb%3D %3Dc".to_owned(), true)
        );
        // Not URL-encoded text: a literal percent, then a date.
        assert_eq!(
            join(&["50%", "2015-01-01"]),
            ("50% 2015-01-01".to_owned(), true)
        );
        // A `%` that starts no escape earlier on: not URL-encoded.
        assert_eq!(
            join(&["100%x%2F%", "3D"]),
            ("100%x%2F% 3D".to_owned(), true)
        );
        // Not hex after: no join.
        assert_eq!(join(&["a%2F%", "zz"]), ("a%2F% zz".to_owned(), true));
        // Values and prose keep their space.
        assert_eq!(join(&["T", "F"]), ("T F".to_owned(), true));
        assert_eq!(
            join(&["2015-01-01", "12:00:00"]),
            ("2015-01-01 12:00:00".to_owned(), true)
        );
        // Three paragraphs: each split decided on its own.
        assert_eq!(
            join(&["x%3D%", "3Dy", "z"]),
            ("x%3D%3Dy z".to_owned(), true)
        );
    }

    #[test]
    fn examples() {
        assert_eq!(parse_example("-"), None);
        assert_eq!(parse_example(""), None);
        assert_eq!(parse_example("T"), Some("T".into()));
    }
}
