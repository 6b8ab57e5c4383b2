//! Text cleaning: a tolerant tag stripper, an entity decoder, Markdown
//! backslash escapes and whitespace collapsing. Never panics; linear time.

/// Block-level tags: text on either side is separate (a space in a cell, a
/// line break between blocks).
pub(crate) fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "br" | "p"
            | "div"
            | "li"
            | "ul"
            | "ol"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "hr"
            | "dd"
            | "dt"
            | "dl"
            | "section"
            | "blockquote"
            | "pre"
            | "caption"
    )
}

/// A tag found at the start of a string that begins with `<`.
pub(crate) struct Tag<'a> {
    /// Lowercase tag name (empty for comments, doctype, processing instructions).
    pub name: String,
    /// Whether it is a closing tag (`</x>`).
    pub closing: bool,
    /// Raw attribute text (after the name, before `>`).
    pub attrs: &'a str,
    /// Length of the whole tag in bytes, including `<` and `>`.
    pub len: usize,
}

/// Recognises a tag at the start of `s` (which must start with `<`).
/// `<` not followed by a letter, `/`+letter, `!` or `?` is not a tag; a tag
/// without a closing `>` is not a tag either (the `<` is then literal).
pub(crate) fn tag_at(s: &str) -> Option<Tag<'_>> {
    let rest = s.strip_prefix('<')?;
    if let Some(after) = rest.strip_prefix("!--") {
        // Comment: up to `-->`, or to the end when unclosed.
        let len = match after.find("-->") {
            Some(end) => 4 + end + 3,
            None => s.len(),
        };
        return Some(Tag {
            name: String::new(),
            closing: false,
            attrs: "",
            len,
        });
    }
    let (closing, body) = match rest.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, rest),
    };
    let first = body.chars().next()?;
    let special = !closing && (first == '!' || first == '?');
    if !first.is_ascii_alphabetic() && !special {
        return None;
    }
    let gt = body.find('>')?;
    let inner = body.get(..gt)?;
    let name_end = inner
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_alphanumeric() || (i == 0 && special)))
        .map_or(inner.len(), |(i, _)| i);
    let name = if special {
        String::new()
    } else {
        inner.get(..name_end).unwrap_or("").to_ascii_lowercase()
    };
    let attrs = inner.get(name_end..).unwrap_or("");
    let len = 1 + usize::from(closing) + gt + 1;
    Some(Tag {
        name,
        closing,
        attrs,
        len,
    })
}

/// [`tag_at`], but without scanning when no `>` follows (`last_gt` is the
/// offset of the text's last `>`, `offset` that of `s`): keeps runs of
/// unclosed `<x` linear.
pub(crate) fn tag_at_bounded(s: &str, offset: usize, last_gt: Option<usize>) -> Option<Tag<'_>> {
    if last_gt.is_some_and(|g| g > offset) || s.starts_with("<!--") {
        tag_at(s)
    } else {
        None
    }
}

/// Whether a tag's name is an XML element of an answer rather than HTML:
/// a gateway name with an underscore (`refund_list`, `trade_no`), or one of
/// the answers' own elements that no HTML has (`trade`, `response`,
/// `alipay`, `request`, `param`, `sign`, `error`, `is_success`).
fn is_element_name(name: &str) -> bool {
    let plain = name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    plain && name.contains('_')
        || matches!(
            name,
            "trade" | "response" | "alipay" | "request" | "param" | "sign" | "error" | "item"
        )
}

/// Removes tags; block-ish tags become a space. A lone `<` stays literal,
/// and so does an answer's element written as text (`<trade>`).
pub(crate) fn strip_tags(raw: &str) -> String {
    if !raw.contains('<') {
        return raw.to_owned();
    }
    let mut out = String::with_capacity(raw.len());
    let last_gt = raw.rfind('>');
    let mut i = 0;
    while let Some(rest) = raw.get(i..) {
        let Some(lt) = rest.find('<') else {
            out.push_str(rest);
            break;
        };
        out.push_str(rest.get(..lt).unwrap_or(""));
        let at = rest.get(lt..).unwrap_or("");
        // A Markdown autolink (`<https://shop.example/notify>`) is its URL.
        let autolink = ["<http://", "<https://", "<mailto:"]
            .iter()
            .any(|p| at.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p)));
        if let Some(end) = at
            .find('>')
            .filter(|&e| autolink && !at.get(..e).is_some_and(|u| u.contains(char::is_whitespace)))
        {
            out.push_str(at.get(1..end).unwrap_or(""));
            i += lt + end + 1;
            continue;
        }
        match tag_at_bounded(at, i + lt, last_gt) {
            // An answer's element written as text (`<trade>`, `<refund_list>`
            // in a copied table) is no HTML: it stays.
            Some(tag)
                if is_element_name(
                    at.get(1..tag.len.saturating_sub(1))
                        .unwrap_or("")
                        .trim_start_matches('/'),
                ) =>
            {
                out.push_str(at.get(..tag.len).unwrap_or(""));
                i += lt + tag.len;
            }
            Some(tag) => {
                if is_block_tag(&tag.name) {
                    out.push(' ');
                }
                i += lt + tag.len;
            }
            None => {
                out.push('<');
                i += lt + 1;
            }
        }
    }
    out
}

/// A cell's paragraphs: its raw text parted at block tags (`<p>`, `<br>`,
/// `<div>`, `<li>`…), each piece [`clean`]ed, the empty ones left out.
/// Empty when the cell holds fewer than two non-empty pieces. Answer
/// elements written as text (`<trade>`) and a lone `<` are text, as in
/// [`strip_tags`]. Whitespace at a split is not kept: a browser shows none
/// at a paragraph's or a line's end, so it says nothing about the text.
pub(crate) fn paragraphs(raw: &str) -> Vec<String> {
    if !raw.contains('<') {
        return Vec::new();
    }
    let mut pieces: Vec<&str> = Vec::new();
    let last_gt = raw.rfind('>');
    let (mut start, mut i) = (0, 0);
    while let Some(at) = raw.get(i..).and_then(|r| r.find('<')).map(|lt| i + lt) {
        let rest = raw.get(at..).unwrap_or("");
        match tag_at_bounded(rest, at, last_gt) {
            Some(tag) if is_block_tag(&tag.name) => {
                pieces.push(raw.get(start..at).unwrap_or(""));
                start = at + tag.len;
                i = start;
            }
            Some(tag) => i = at + tag.len,
            None => i = at + 1,
        }
    }
    pieces.push(raw.get(start..).unwrap_or(""));
    let out: Vec<String> = pieces
        .into_iter()
        .map(clean)
        .filter(|t| !t.is_empty())
        .collect();
    if out.len() < 2 {
        return Vec::new();
    }
    out
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" | "AMP" => "&",
        "lt" | "LT" => "<",
        "gt" | "GT" => ">",
        "quot" | "QUOT" => "\"",
        "apos" => "'",
        "nbsp" | "ensp" | "emsp" | "thinsp" => " ",
        "ldquo" => "\u{201C}",
        "rdquo" => "\u{201D}",
        "lsquo" => "\u{2018}",
        "rsquo" => "\u{2019}",
        "mdash" => "\u{2014}",
        "ndash" => "\u{2013}",
        "hellip" => "\u{2026}",
        "middot" => "\u{00B7}",
        "times" => "\u{00D7}",
        "divide" => "\u{00F7}",
        "yen" => "\u{00A5}",
        "copy" => "\u{00A9}",
        "reg" => "\u{00AE}",
        "laquo" => "\u{00AB}",
        "raquo" => "\u{00BB}",
        "bull" => "\u{2022}",
        "deg" => "\u{00B0}",
        "plusmn" => "\u{00B1}",
        "le" => "\u{2264}",
        "ge" => "\u{2265}",
        "rarr" => "\u{2192}",
        "larr" => "\u{2190}",
        _ => return None,
    })
}

/// Decodes the entity at the start of `s` (which starts with `&`):
/// returns the text and the number of bytes consumed.
fn entity_at(s: &str) -> Option<(String, usize)> {
    let body = s.get(1..)?;
    let semi = body
        .char_indices()
        .take(12)
        .find(|&(_, c)| c == ';')
        .map(|(i, _)| i)?;
    let name = body.get(..semi)?;
    let decoded = if let Some(num) = name.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        match char::from_u32(code)? {
            '\u{A0}' => ' ',
            c => c,
        }
        .to_string()
    } else {
        named_entity(name)?.to_owned()
    };
    Some((decoded, 1 + semi + 1))
}

/// How far a raw cell's text is indented, in half-width spaces: the
/// non-breaking and wide spaces before its first character (`&nbsp;`,
/// `&#160;`, U+00A0, en spaces count one, `&emsp;`, em and ideographic
/// spaces two), a run of ordinary spaces after one of those (a browser
/// shows it as one space: `&nbsp; &nbsp;` is three), and the left margin,
/// padding or indent that leading tags' `style` gives ([`css_indent`]).
/// Pages show a child element's rows so (`&nbsp;&nbsp;trade_no` under
/// `trade`); ordinary spaces before any of those are a table's padding,
/// never indentation.
pub(crate) fn indent_of(raw: &str) -> u16 {
    let mut indent: u16 = 0;
    let mut rest = raw;
    // Whether a space that shows was seen, and whether ordinary spaces
    // since the last one (which show as one) were counted.
    let (mut shown, mut in_run) = (false, false);
    loop {
        let Some(c) = rest.chars().next() else {
            return indent;
        };
        let (units, len) = match c {
            '\u{A0}' | '\u{2002}' | '\u{2009}' => (1, c.len_utf8()),
            '\u{2003}' | '\u{3000}' => (2, c.len_utf8()),
            c if c.is_ascii_whitespace() => {
                let units = u16::from(shown && !in_run);
                in_run = true;
                indent = indent.saturating_add(units);
                rest = rest.get(1..).unwrap_or_default();
                continue;
            }
            '<' => match tag_at(rest) {
                Some(tag) => {
                    indent = indent.saturating_add(css_indent(tag.attrs));
                    rest = rest.get(tag.len..).unwrap_or_default();
                    continue;
                }
                None => return indent,
            },
            '&' => {
                let Some((text, len)) = entity_at(rest) else {
                    return indent;
                };
                let lower = rest.get(..len).unwrap_or_default().to_ascii_lowercase();
                match lower.as_str() {
                    "&emsp;" => (2, len),
                    _ if text == " " => (1, len),
                    _ if text == "\u{3000}" || text == "\u{2003}" => (2, len),
                    _ => return indent,
                }
            }
            _ => return indent,
        };
        shown = true;
        in_run = false;
        indent = indent.saturating_add(units);
        rest = rest.get(len..).unwrap_or_default();
    }
}

/// The indentation a tag's `style` gives its text, in half-width spaces
/// (about 6 points): `padding-left` and `margin-left` in `pt`, `px`, `em`,
/// `rem`, `cm`, `mm` or `in`. Other units and negative values count
/// nothing; so does a first-line indent (`text-indent`, Word's
/// `mso-char-indent-count`), the typography of a paragraph.
pub(crate) fn css_indent(attrs: &str) -> u16 {
    let lower = attrs.to_ascii_lowercase();
    let Some(at) = lower.find("style") else {
        return 0;
    };
    let style = lower.get(at + 5..).unwrap_or_default();
    let mut points = 0.0f32;
    for declaration in style.split([';', '"', '\'']) {
        let Some((property, value)) = declaration.split_once(':') else {
            continue;
        };
        let property = property.trim().trim_start_matches(['=', ' ', '"', '\'']);
        let value = value.trim();
        let number_end = value
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(value.len());
        let Ok(number) = value.get(..number_end).unwrap_or_default().parse::<f32>() else {
            continue;
        };
        let unit = value.get(number_end..).unwrap_or_default().trim();
        let per = match (property, unit) {
            ("padding-left" | "margin-left", unit) => match unit {
                "pt" => 1.0,
                "px" => 0.75,
                "em" | "rem" => 12.0,
                "cm" => 28.35,
                "mm" => 2.835,
                "in" => 72.0,
                _ => continue,
            },
            _ => continue,
        };
        points += number * per;
    }
    // Saturating: a huge value is the largest indentation.
    (points / 6.0).round().clamp(0.0, f32::from(u16::MAX)) as u16
}

/// Decodes `&amp; &lt; &gt; &quot; &nbsp; &#NNN; &#xHH;` and a few more;
/// unknown or invalid entities stay literal.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while let Some(rest) = s.get(i..) {
        let Some(amp) = rest.find('&') else {
            out.push_str(rest);
            break;
        };
        out.push_str(rest.get(..amp).unwrap_or(""));
        let at = rest.get(amp..).unwrap_or("");
        match entity_at(at) {
            Some((text, len)) => {
                out.push_str(&text);
                i += amp + len;
            }
            None => {
                out.push('&');
                i += amp + 1;
            }
        }
    }
    out
}

/// Removes Markdown backslash escapes (`\_` → `_`, `\|` → `|`).
pub(crate) fn unescape_markdown(s: &str) -> String {
    if !s.contains('\\') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(&next) = chars.peek() {
                if next.is_ascii_punctuation() {
                    out.push(next);
                    chars.next();
                    continue;
                }
            }
        }
        out.push(c);
    }
    out
}

/// Collapses runs of whitespace (including `U+00A0` and `U+3000`) into one
/// space and trims.
pub(crate) fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether [`collapse_ws`] leaves `s` as it is: no leading, trailing or
/// repeated whitespace, and no whitespace but `' '`.
fn is_collapsed(s: &str) -> bool {
    let mut after_space = true;
    for c in s.chars() {
        if c.is_whitespace() {
            if after_space || c != ' ' {
                return false;
            }
            after_space = true;
        } else {
            after_space = false;
        }
    }
    !after_space || s.is_empty()
}

/// Removes Markdown bold markers: runs of exactly two `*`, when they pair
/// up (`**必填**`). Longer runs are text, such as the masks pages print in
/// examples (`2088*********662`, `dlw***@163.com`), and so is a lone `**`.
fn strip_bold(s: &str) -> String {
    let runs: Vec<(usize, usize)> = {
        let mut runs = Vec::new();
        let mut start = None;
        for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
            match (c == '*', start) {
                (true, None) => start = Some(i),
                (false, Some(a)) => {
                    runs.push((a, i));
                    start = None;
                }
                _ => {}
            }
        }
        runs
    };
    // Between two digits a run is a mask (`13**8888`, `2015**0320**001`),
    // never a marker (`yyyy**MM**dd` is bold).
    let digit = |at: Option<char>| at.is_some_and(|c| c.is_ascii_digit());
    let pairs: Vec<&(usize, usize)> = runs
        .iter()
        .filter(|&&(a, b)| {
            b - a == 2
                && !(digit(s.get(..a).and_then(|t| t.chars().next_back()))
                    && digit(s.get(b..).and_then(|t| t.chars().next())))
        })
        .collect();
    if pairs.is_empty() || !pairs.len().is_multiple_of(2) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut from = 0;
    for &&(a, b) in &pairs {
        out.push_str(s.get(from..a).unwrap_or(""));
        from = b;
    }
    out.push_str(s.get(from..).unwrap_or(""));
    out
}

/// The full cleaning of a cell or text line: tags stripped, Markdown escapes
/// removed, entities decoded, Markdown links made their text, `**`,
/// backticks and a whole cell's `*…*` emphasis removed, whitespace
/// collapsed.
pub(crate) fn clean(raw: &str) -> String {
    // Most cells are plain text that no step changes: one copy.
    if !raw.contains(['<', '\\', '&', '*', '`', '[']) && is_collapsed(raw) {
        return raw.to_owned();
    }
    let s = strip_tags(raw);
    let s = unescape_markdown(&s);
    let s = decode_entities(&s);
    let s = markdown_links(&s);
    let s = strip_bold(&s).replace('`', "");
    let s = collapse_ws(&s);
    match s.strip_prefix('*').and_then(|t| t.strip_suffix('*')) {
        // `*可空*`: emphasis of the whole cell.
        Some(inner) if !inner.is_empty() && inner.trim() == inner && !inner.contains('*') => {
            inner.to_owned()
        }
        _ => s,
    }
}

/// Markdown links as their text: `[notify_url](#notify)` → `notify_url`,
/// `见[说明](http://…)` → `见说明`. Brackets not followed by `(target)`
/// stay (`[1]`, `item[]`).
fn markdown_links(s: &str) -> String {
    if !s.contains("](") {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let (before, from) = rest.split_at(open);
        out.push_str(before);
        let link = from.get(1..).and_then(|inner| {
            let close = inner.find(']')?;
            let text = inner.get(..close)?;
            let target = inner.get(close + 1..)?.strip_prefix('(')?;
            // The `)` that closes the target: brackets inside it pair up
            // (`http://a.com/x_(1)`).
            let mut depth = 0usize;
            let end = target.char_indices().find_map(|(i, c)| match c {
                '(' => {
                    depth += 1;
                    None
                }
                ')' if depth == 0 => Some(i),
                ')' => {
                    depth -= 1;
                    None
                }
                _ => None,
            })?;
            let url = target.get(..end)?;
            let plain =
                !text.is_empty() && !text.contains('[') && !url.contains(char::is_whitespace);
            plain.then(|| (text, 1 + close + 1 + 1 + end + 1))
        });
        match link {
            Some((text, len)) => {
                out.push_str(text);
                rest = from.get(len..).unwrap_or_default();
            }
            None => {
                out.push('[');
                rest = from.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether a raw cell is bold (`<b>`, `<strong>` or `**…**`).
pub(crate) fn is_bold(raw: &str) -> bool {
    let lower = raw.to_ascii_lowercase();
    lower.contains("<b>")
        || lower.contains("<b ")
        || lower.contains("<strong")
        || raw.trim().starts_with("**")
}

/// Whether `s` looks like a wire parameter name: ASCII letters, digits and
/// `_ . - [ ]`, starting with a letter or `_`.
pub(crate) fn is_ident_like(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '[' | ']'))
}

/// Whether a cell reads as a wire name: an identifier with an underscore
/// or starting in lower case (`order_no`, `subject`), not a label such as
/// `Subject`.
pub(crate) fn looks_like_name(text: &str) -> bool {
    is_ident_like(text)
        && (text.contains('_') || text.starts_with(|c: char| c.is_ascii_lowercase()))
}

/// An XML element's tag written alone (`<trade>`, `</trade>`,
/// `<refund_list>`): its name and whether it closes the element.
pub(crate) fn element_tag(text: &str) -> Option<(&str, bool)> {
    let inner = text.trim().strip_prefix('<')?.strip_suffix('>')?;
    let (name, closing) = match inner.strip_prefix('/') {
        Some(name) => (name.trim(), true),
        None => (inner, false),
    };
    let xml_name = name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    xml_name.then_some((name, closing))
}

/// Whether a word is an UPPER_SNAKE error code (`ILLEGAL_SIGN`): what tells
/// `CODE ⇥ meaning` rows under no heading, and a code on a line of text.
pub(crate) fn upper_snake(code: &str) -> bool {
    code.contains('_')
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// Whether `s` looks like an error code (`ILLEGAL_SIGN`, `aop.ACQ.X`).
pub(crate) fn is_code_like(s: &str) -> bool {
    !s.is_empty()
        && s.chars().any(|c| c.is_ascii_uppercase())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | ':'))
}

/// The page number of a line that is only running page furniture: `第 6 页
/// 共 20 页`, `第6页/共20页`, `第 6 页`, `- 6 -`, `6 / 20`, `Page 6 of 20`
/// (any case, any spacing; full-width digits and punctuation as well). Such
/// a line varies from page to page only by its numbers: a PDF's running
/// footer (or header), kept by a copy of the page's text. `None` for
/// anything else, bare numbers included (`6` alone may be a value).
pub(crate) fn page_furniture(text: &str) -> Option<u32> {
    // Full-width forms to ASCII, whitespace out.
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '\u{FF10}'..='\u{FF19}' | '\u{FF0F}' | '\u{FF0D}' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            '—' | '–' => '-',
            '，' | '、' | '|' | '｜' => ',',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    if t.is_empty() || t.chars().count() > 24 {
        return None;
    }
    // A number, and what follows it.
    fn number(s: &str) -> Option<(u32, &str)> {
        let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        if end == 0 || end > 5 {
            return None;
        }
        Some((s.get(..end)?.parse().ok()?, s.get(end..)?))
    }
    // The total after the page number: `共20页`, `/共20页`, `of20`, `/20`.
    let total = |rest: &str, words: &[&str], suffix: &str| -> bool {
        let rest = rest.trim_start_matches([',', '/']);
        words.iter().any(|w| {
            rest.strip_prefix(w)
                .and_then(number)
                .is_some_and(|(_, after)| after == suffix)
        })
    };
    if let Some(rest) = t.strip_prefix('第') {
        let (n, rest) = number(rest)?;
        let rest = rest.strip_prefix('页')?;
        return (rest.is_empty() || total(rest, &["共", ""], "页")).then_some(n);
    }
    if let Some(rest) = t.strip_prefix("page") {
        let (n, rest) = number(rest.trim_start_matches([':', '.']))?;
        return (rest.is_empty() || total(rest, &["of", ""], "")).then_some(n);
    }
    if let Some(rest) = t.strip_prefix('-') {
        let (n, rest) = number(rest)?;
        return (rest == "-").then_some(n);
    }
    let (n, rest) = number(&t)?;
    (rest.starts_with('/') && total(rest, &[""], "")).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_of_a_cell() {
        assert_eq!(paragraphs("<p>a%3D%</p><p>3Db</p>"), ["a%3D%", "3Db"]);
        assert_eq!(paragraphs("a<br>b<br/>c"), ["a", "b", "c"]);
        assert_eq!(
            paragraphs("<p>a <b>x</b></p>\n<p></p><div>&amp;b</div>"),
            ["a x", "&b"]
        );
        // One paragraph, inline tags only, or none at all: nothing to show.
        assert!(paragraphs("<p>a</p>").is_empty());
        assert!(paragraphs("<span>a</span> <b>b</b>").is_empty());
        assert!(paragraphs("plain").is_empty());
        // Answer elements written as text stay text.
        assert!(paragraphs("<trade> 下").is_empty());
    }

    #[test]
    fn page_furniture_is_a_page_number_and_nothing_else() {
        for (line, n) in [
            ("第 6 页 共 20 页", 6),
            ("第6页/共20页", 6),
            ("第 6 页，共 20 页", 6),
            ("第 6 页", 6),
            ("- 6 -", 6),
            ("— 12 —", 12),
            ("6 / 20", 6),
            ("Page 6 of 20", 6),
            ("page 6", 6),
            ("PAGE 6 / 20", 6),
            ("第６页　共２０页", 6),
        ] {
            assert_eq!(page_furniture(line), Some(n), "{line}");
        }
        for line in [
            "6",
            "2011-10-07",
            "1.0",
            "第 6 章",
            "第 6 页 共 20 页 注意",
            "见第 6 页",
            "6/20/2011",
            "- 6",
            "Page six",
            "pages 6 of 20",
            "1^100",
            "",
        ] {
            assert_eq!(page_furniture(line), None, "{line}");
        }
    }

    #[test]
    fn markdown_links_and_whole_cell_emphasis_are_their_text() {
        assert_eq!(clean("[notify\\_url](#notify)"), "notify_url");
        assert_eq!(clean("见[说明](http://example.com/a_b)。"), "见说明。");
        assert_eq!(clean("*可空*"), "可空");
        assert_eq!(clean("* 可空*"), "* 可空*");
        assert_eq!(clean("*注：见下*文*"), "*注：见下*文*");
        assert_eq!(clean("item[]"), "item[]");
        assert_eq!(clean("[1] 见附录"), "[1] 见附录");
        assert_eq!(clean("[a b](x y)"), "[a b](x y)");
        assert_eq!(clean("[a](x"), "[a](x");
        assert_eq!(clean("见[附录](http://a.com/x_(1))。"), "见附录。");
        assert_eq!(clean("*"), "*");
        // A lone `**` pairs with nothing: text.
        assert_eq!(clean("**"), "**");
    }

    #[test]
    fn indentation_is_non_breaking_and_wide_spaces_before_the_text() {
        assert_eq!(indent_of("trade_no"), 0);
        assert_eq!(indent_of("   trade_no  "), 0);
        assert_eq!(indent_of("&nbsp;&nbsp;trade_no"), 2);
        assert_eq!(indent_of("\n <span>&#160;&#xA0;</span> &NBSP;x"), 3);
        assert_eq!(indent_of("\u{a0}\u{3000}x"), 3);
        assert_eq!(indent_of("&emsp;&ensp;x"), 3);
        assert_eq!(indent_of("&amp;&nbsp;x"), 0);
        assert_eq!(indent_of("x&nbsp;y"), 0);
        assert_eq!(indent_of("&nbsp;"), 1);
        assert_eq!(indent_of("<b"), 0);
        // A browser shows a run of spaces after a non-breaking one.
        assert_eq!(indent_of("&nbsp; &nbsp;x"), 3);
        assert_eq!(indent_of(" &nbsp;&nbsp; <span> </span> x"), 3);
        assert_eq!(
            indent_of("<span style='mso-spacerun:yes'>&nbsp;&nbsp; </span>x"),
            3
        );
        // Margins and padding from a style.
        assert_eq!(indent_of("<p style=\"margin-left:21.0pt\">x"), 4);
        assert_eq!(indent_of("<p style='text-indent:2em;color:red'>x"), 0);
        assert_eq!(indent_of("<p style='margin-left:2em;color:red'>x"), 4);
        assert_eq!(indent_of("<p style=\"padding-left: 16px\">x"), 2);
        assert_eq!(indent_of("<p style=\"margin-left:-10pt\">x"), 0);
        assert_eq!(indent_of("<p style=\"margin-left:50%\">x"), 0);
        assert_eq!(css_indent("style=\"mso-char-indent-count:2.0\""), 0);
        assert_eq!(css_indent("class=\"x\""), 0);
        assert_eq!(css_indent("style=\"margin-left:1e30pt\""), 0);
        assert_eq!(css_indent("style=\"margin-left:99999999pt\""), u16::MAX);
        assert_eq!(indent_of(&"&nbsp;".repeat(70_000)), u16::MAX);
    }

    #[test]
    fn autolinks_keep_their_url_tags_go() {
        assert_eq!(
            strip_tags("见 <https://shop.example/notify?a=1> 与 <b>粗</b>"),
            "见 https://shop.example/notify?a=1 与 粗"
        );
        assert_eq!(
            strip_tags("<mailto:pay@example.com>"),
            "mailto:pay@example.com"
        );
    }

    #[test]
    fn strips_tags_and_entities() {
        assert_eq!(
            clean("<p><span style=\"x\">a &amp; b</span><br/>c&nbsp;d</p>"),
            "a & b c d"
        );
        assert_eq!(clean("a < b"), "a < b");
        assert_eq!(clean("x <"), "x <");
        assert_eq!(clean("&#99999999; &#x4E2D;&#25991;"), "&#99999999; 中文");
        assert_eq!(clean("&lt;b&gt;"), "<b>");
        assert_eq!(clean("a<!-- c -->b"), "ab");
        assert_eq!(clean("a<!-- never closed"), "a");
        assert_eq!(clean("<B>Bold</B>"), "Bold");
        assert_eq!(clean("\\_input\\_charset"), "_input_charset");
        assert_eq!(clean("**基本参数**"), "基本参数");
        assert_eq!(clean("`sign`"), "sign");
        assert_eq!(clean("&bogus; &"), "&bogus; &");
    }

    #[test]
    fn an_answers_element_written_as_text_stays() {
        assert_eq!(clean("<refund_list>"), "<refund_list>");
        assert_eq!(clean("<trade>"), "<trade>");
        assert_eq!(clean("a<br>b"), "a b");
        assert_eq!(clean("<b>必填</b>"), "必填");
    }

    #[test]
    fn bold_markers_not_masks() {
        assert_eq!(clean("**必填**"), "必填");
        assert_eq!(clean("a **b** c **d**"), "a b c d");
        assert_eq!(clean("2088*********662"), "2088*********662");
        assert_eq!(clean("dlw***@163.com"), "dlw***@163.com");
        assert_eq!(clean("a ** b"), "a ** b");
        assert_eq!(
            clean("13**8888 或 ab**@163.com"),
            "13**8888 或 ab**@163.com"
        );
        assert_eq!(clean("2015**0320**001"), "2015**0320**001");
        assert_eq!(clean("格式 yyyy**MM**dd"), "格式 yyyyMMdd");
    }

    #[test]
    fn clean_fast_path_agrees_with_collapse() {
        // Plain text: the fast path (no markup) must give what the slow
        // path's whitespace collapsing gives.
        let plain = "| |a|a b| a|a |a  b|a\tb|a\u{3000}b|中 文|a\u{a0}|\u{a0}a|a\nb";
        for s in plain.split('|') {
            assert_eq!(is_collapsed(s), collapse_ws(s) == s, "{s:?}");
            assert_eq!(clean(s), collapse_ws(s), "{s:?}");
        }
    }

    #[test]
    fn ident_and_code_like() {
        assert!(is_ident_like("_input_charset"));
        assert!(is_ident_like("sns_user_id"));
        assert!(!is_ident_like("签名"));
        assert!(!is_ident_like("a b"));
        assert!(is_code_like("ILLEGAL_SIGN"));
        assert!(!is_code_like("错误"));
    }
}
