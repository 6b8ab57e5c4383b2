//! Fonts: how a shown string's bytes split into character codes, the text
//! of each code and its advance width.
//!
//! * Type0 (CID) fonts with `Identity-H` and a `ToUnicode` CMap (what Word
//!   embeds): 2-byte codes, text from the CMap, widths from `/W` by CID.
//! * Type0 fonts with a predefined Unicode CMap (`UniGB-UCS2-H`,
//!   `UniGB-UTF16-H`, and the CNS/JIS/KS ones): the code is the UTF-16
//!   text; ASCII widths come from `/W` at the CIDs every Adobe character
//!   collection gives ASCII (1–95), the rest from `/DW`.
//! * Simple fonts (Type1, TrueType): 1-byte codes, text from `ToUnicode`,
//!   else from `/Differences` glyph names or WinAnsi; widths from
//!   `/Widths`, else the standard Helvetica metrics.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object};

/// Glyph widths of Helvetica and Helvetica-Bold for codes 32–126, in 1/1000
/// of the font size (Adobe's core-font metrics). Used for standard fonts
/// written without `/Widths`.
const HELVETICA: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];
const HELVETICA_BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667,
    611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556,
    278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
];

/// Most entries read from one CMap or `/W` array (guards hostile files).
const MAX_ENTRIES: usize = 200_000;

/// One character code of a shown string.
pub(super) struct Code {
    /// Its text (empty for a glyph without text, such as a bullet symbol).
    pub text: String,
    /// Advance width in 1/1000 of the font size.
    pub width: f32,
    /// A single-byte code 32 (word spacing `Tw` applies to it).
    pub space: bool,
}

/// What the reader knows of one font.
pub(super) struct Font {
    /// Font name, for messages.
    pub name: String,
    pub bold: bool,
    two_byte: bool,
    /// The code is UTF-16 text (predefined `Uni…-UCS2/UTF16` CMaps).
    unicode_codes: bool,
    /// Predefined CMap whose codes are not text: ASCII CIDs for widths.
    ascii_cids: bool,
    to_unicode: HashMap<u32, String>,
    /// Simple fonts: text by code when there is no ToUnicode entry.
    simple_text: Option<Box<[Option<char>; 256]>>,
    widths: HashMap<u32, f32>,
    default_width: f32,
    /// Why text in this font cannot be read, when it cannot.
    pub unreadable: Option<String>,
}

/// Whether a font (its base name, after any `ABCDEF+` subset prefix) is
/// a symbol font: Wingdings, Webdings, Symbol, ZapfDingbats. Word draws list
/// bullets in Wingdings and embeds it without a ToUnicode map.
fn is_symbol_font(name: &str) -> bool {
    let base = name.split_once('+').map_or(name, |(_, b)| b);
    let lower = base.to_ascii_lowercase();
    ["wingdings", "webdings", "zapfdingbats", "dingbats"]
        .iter()
        .any(|f| lower.starts_with(f))
        || lower == "symbol"
        || lower.starts_with("symbol,")
        || lower.starts_with("symbol-")
        || lower.starts_with("symbolmt")
}

impl Font {
    /// Reads a font dictionary. Never fails: what cannot be read is noted
    /// in `unreadable` and reported only if text in the font is shown.
    pub(super) fn read(doc: &Document, dict: &Dictionary) -> Font {
        let name = name_of(doc, dict, b"BaseFont").unwrap_or_else(|| "(unnamed)".to_owned());
        let bold = name.to_ascii_lowercase().contains("bold");
        let subtype = name_of(doc, dict, b"Subtype").unwrap_or_default();
        let to_unicode = dict
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_stream().ok())
            .and_then(|s| s.decompressed_content_with_limit(16 << 20).ok())
            .map(|bytes| parse_cmap(&bytes))
            .unwrap_or_default();
        let mut font = Font {
            name,
            bold,
            two_byte: false,
            unicode_codes: false,
            ascii_cids: false,
            to_unicode,
            simple_text: None,
            widths: HashMap::new(),
            default_width: 1000.0,
            unreadable: None,
        };
        if subtype == "Type0" {
            font.two_byte = true;
            let encoding = name_of(doc, dict, b"Encoding");
            match encoding.as_deref() {
                Some("Identity-H") | Some("Identity-V") => {
                    // A symbol font (Wingdings' list bullets in Word's
                    // documents) carries no text: its glyphs are read as
                    // glyphs without text, like a mapped bullet.
                    if font.to_unicode.is_empty() && !is_symbol_font(&font.name) {
                        font.unreadable = Some(format!(
                            "font `{}` has Identity encoding and no ToUnicode map: its text cannot be read",
                            font.name
                        ));
                    }
                }
                Some(e) if e.starts_with("Uni") && (e.contains("UCS2") || e.contains("UTF16")) => {
                    font.unicode_codes = true;
                    font.ascii_cids = true;
                }
                other => {
                    font.ascii_cids = true;
                    if font.to_unicode.is_empty() {
                        font.unreadable = Some(format!(
                            "font `{}` uses the CMap `{}` and has no ToUnicode map: its text cannot be read",
                            font.name,
                            other.unwrap_or("(embedded)")
                        ));
                    }
                }
            }
            let descendant = dict
                .get(b"DescendantFonts")
                .ok()
                .and_then(|o| deref(doc, o))
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| deref(doc, o))
                .and_then(|o| o.as_dict().ok());
            if let Some(desc) = descendant {
                if let Some(dw) = desc.get(b"DW").ok().and_then(|o| number(doc, o)) {
                    font.default_width = dw;
                }
                if let Some(w) = desc
                    .get(b"W")
                    .ok()
                    .and_then(|o| deref(doc, o))
                    .and_then(|o| o.as_array().ok())
                {
                    font.widths = cid_widths(doc, w);
                }
            }
        } else {
            font.default_width = 500.0;
            let first = dict
                .get(b"FirstChar")
                .ok()
                .and_then(|o| number(doc, o))
                .unwrap_or(0.0);
            if let Some(widths) = dict
                .get(b"Widths")
                .ok()
                .and_then(|o| deref(doc, o))
                .and_then(|o| o.as_array().ok())
            {
                for (i, w) in widths.iter().take(256).enumerate() {
                    if let Some(w) = number(doc, w) {
                        font.widths.insert(first as u32 + i as u32, w);
                    }
                }
            } else {
                let lower = font.name.to_ascii_lowercase();
                if lower.contains("courier") {
                    font.default_width = 600.0;
                } else {
                    let table = if bold { &HELVETICA_BOLD } else { &HELVETICA };
                    for (i, w) in table.iter().enumerate() {
                        font.widths.insert(32 + i as u32, f32::from(*w));
                    }
                }
            }
            // Symbol fonts (Wingdings bullets) without a ToUnicode map have
            // no text: their glyphs are dropped, not read as letters.
            let lower = font.name.to_ascii_lowercase();
            let symbol = ["wingdings", "webdings", "symbol", "dingbats"]
                .iter()
                .any(|s| lower.contains(s));
            font.simple_text = Some(if symbol {
                Box::new([None; 256])
            } else {
                simple_encoding(doc, dict)
            });
        }
        font
    }

    /// Splits a shown string into codes.
    pub(super) fn codes(&self, bytes: &[u8]) -> Vec<Code> {
        let mut out = Vec::with_capacity(bytes.len());
        if self.two_byte {
            let mut pending_high: Option<u16> = None;
            for pair in bytes.chunks(2) {
                let code = match pair {
                    [a, b] => u32::from(*a) << 8 | u32::from(*b),
                    [a] => u32::from(*a),
                    _ => continue,
                };
                let width = self.width_of(code);
                let text = if let Some(t) = self.to_unicode.get(&code) {
                    t.clone()
                } else if self.unicode_codes {
                    let unit = code as u16;
                    if (0xD800..0xDC00).contains(&unit) {
                        pending_high = Some(unit);
                        String::new()
                    } else if let Some(high) = pending_high.take() {
                        String::from_utf16_lossy(&[high, unit])
                    } else {
                        String::from_utf16_lossy(&[unit])
                    }
                } else {
                    String::new()
                };
                out.push(Code {
                    text,
                    width,
                    space: false,
                });
            }
        } else {
            for &b in bytes {
                let code = u32::from(b);
                let text = match self.to_unicode.get(&code) {
                    Some(t) => t.clone(),
                    None => self
                        .simple_text
                        .as_ref()
                        .and_then(|t| t.get(b as usize).copied().flatten())
                        .map(String::from)
                        .unwrap_or_default(),
                };
                out.push(Code {
                    text,
                    width: self.width_of(code),
                    space: b == 32,
                });
            }
        }
        out
    }

    fn width_of(&self, code: u32) -> f32 {
        let key = if self.ascii_cids && (0x20..0x7f).contains(&code) {
            code - 31
        } else {
            code
        };
        match self.widths.get(&key) {
            Some(w) => *w,
            None if self.ascii_cids && (0x20..0x7f).contains(&code) => 500.0,
            None => self.default_width,
        }
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Object> {
    doc.dereference(o).ok().map(|(_, o)| o)
}

fn number(doc: &Document, o: &Object) -> Option<f32> {
    deref(doc, o)
        .and_then(|o| o.as_float().ok())
        .filter(|f| f.is_finite())
}

fn name_of(doc: &Document, dict: &Dictionary, key: &[u8]) -> Option<String> {
    dict.get(key)
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

/// `/W [c [w1 w2 …] cfirst clast w …]`.
fn cid_widths(doc: &Document, w: &[Object]) -> HashMap<u32, f32> {
    let mut out = HashMap::new();
    let mut i = 0;
    while i < w.len() && out.len() < MAX_ENTRIES {
        let Some(first) = w.get(i).and_then(|o| number(doc, o)) else {
            break;
        };
        let first = first.max(0.0) as u32;
        match w.get(i + 1).and_then(|o| deref(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, o) in list.iter().enumerate().take(MAX_ENTRIES) {
                    if let Some(v) = number(doc, o) {
                        out.insert(first.saturating_add(k as u32), v);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let last = number(doc, o).unwrap_or(0.0).max(0.0) as u32;
                let Some(v) = w.get(i + 2).and_then(|o| number(doc, o)) else {
                    break;
                };
                let last = last.min(first.saturating_add(MAX_ENTRIES as u32));
                for c in first..=last {
                    out.insert(c, v);
                }
                i += 3;
            }
            None => break,
        }
    }
    out
}

/// A simple font's text by code: WinAnsi (Latin-1 with the Windows
/// specials), then the `/Differences` glyph names.
fn simple_encoding(doc: &Document, dict: &Dictionary) -> Box<[Option<char>; 256]> {
    let mut table: Box<[Option<char>; 256]> = Box::new([None; 256]);
    for (i, slot) in table.iter_mut().enumerate() {
        let b = i as u8;
        *slot = match b {
            0x20..=0x7e | 0xa0..=0xff => Some(char::from(b)),
            0x80 => Some('€'),
            0x91 => Some('‘'),
            0x92 => Some('’'),
            0x93 => Some('“'),
            0x94 => Some('”'),
            0x95 => Some('•'),
            0x96 => Some('–'),
            0x97 => Some('—'),
            _ => None,
        };
    }
    let encoding = dict.get(b"Encoding").ok().and_then(|o| deref(doc, o));
    if let Some(Object::Dictionary(enc)) = encoding {
        if let Some(diffs) = enc
            .get(b"Differences")
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
        {
            let mut code = 0usize;
            for o in diffs {
                match o {
                    Object::Integer(n) => code = (*n).clamp(0, 256) as usize,
                    Object::Name(name) => {
                        if let Some(slot) = table.get_mut(code) {
                            *slot = glyph_char(name);
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
    }
    table
}

/// Text of a glyph name: `uniXXXX`, `gXX`-style names give nothing; single
/// letters and the common punctuation names.
fn glyph_char(name: &[u8]) -> Option<char> {
    let name = std::str::from_utf8(name).ok()?;
    if let Some(hex) = name.strip_prefix("uni") {
        return u32::from_str_radix(hex.get(..4)?, 16)
            .ok()
            .and_then(char::from_u32);
    }
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_ascii_alphabetic().then_some(c);
    }
    let c = match name {
        "space" => ' ',
        "zero" => '0',
        "one" => '1',
        "two" => '2',
        "three" => '3',
        "four" => '4',
        "five" => '5',
        "six" => '6',
        "seven" => '7',
        "eight" => '8',
        "nine" => '9',
        "period" => '.',
        "comma" => ',',
        "colon" => ':',
        "semicolon" => ';',
        "hyphen" | "minus" => '-',
        "underscore" => '_',
        "parenleft" => '(',
        "parenright" => ')',
        "bracketleft" => '[',
        "bracketright" => ']',
        "slash" => '/',
        "quotesingle" => '\'',
        "quotedbl" => '"',
        "equal" => '=',
        "plus" => '+',
        "at" => '@',
        "ampersand" => '&',
        "percent" => '%',
        "numbersign" => '#',
        "asciicircum" => '^',
        "bar" => '|',
        "question" => '?',
        "exclam" => '!',
        "asterisk" => '*',
        "less" => '<',
        "greater" => '>',
        "bullet" => '•',
        _ => return None,
    };
    Some(c)
}

/// Tokens of a CMap program: hex strings, brackets, everything else.
enum Tok<'a> {
    Hex(Vec<u8>),
    Open,
    Close,
    Word(&'a [u8]),
}

fn tokens(data: &[u8]) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let Some(&c) = data.get(i) else { break };
        match c {
            b'<' if data.get(i + 1) == Some(&b'<') => i += 2,
            b'>' => i += 1,
            b'<' => {
                let end = data
                    .get(i + 1..)
                    .and_then(|r| r.iter().position(|&b| b == b'>'))
                    .map_or(data.len(), |p| i + 1 + p);
                let digits: Vec<u8> = data
                    .get(i + 1..end)
                    .unwrap_or(&[])
                    .iter()
                    .filter_map(|&b| (b as char).to_digit(16).map(|d| d as u8))
                    .collect();
                let bytes = digits
                    .chunks(2)
                    .map(|p| match p {
                        [h, l] => h << 4 | l,
                        [h] => h << 4,
                        _ => 0,
                    })
                    .collect();
                out.push(Tok::Hex(bytes));
                i = end + 1;
            }
            b'[' => {
                out.push(Tok::Open);
                i += 1;
            }
            b']' => {
                out.push(Tok::Close);
                i += 1;
            }
            b'%' => {
                while i < data.len() && !matches!(data.get(i), Some(b'\n' | b'\r')) {
                    i += 1;
                }
            }
            b'(' => {
                // Literal strings (CMap names, registry): skipped.
                let mut depth = 0usize;
                while let Some(&b) = data.get(i) {
                    i += 1;
                    match b {
                        b'\\' => i += 1,
                        b'(' => depth += 1,
                        b')' => {
                            depth = depth.saturating_sub(1);
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                }
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while let Some(&b) = data.get(i) {
                    if b.is_ascii_whitespace()
                        || matches!(b, b'<' | b'>' | b'[' | b']' | b'(' | b'/')
                    {
                        break;
                    }
                    i += 1;
                }
                if data.get(start) == Some(&b'/') {
                    i = i.max(start + 1);
                    while let Some(&b) = data.get(i) {
                        if b.is_ascii_whitespace()
                            || matches!(b, b'<' | b'>' | b'[' | b']' | b'(' | b'/')
                        {
                            break;
                        }
                        i += 1;
                    }
                }
                out.push(Tok::Word(data.get(start..i).unwrap_or(&[])));
                i = i.max(start + 1);
            }
        }
    }
    out
}

fn code_of(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |acc, &b| acc << 8 | u32::from(b))
}

fn utf16(bytes: &[u8]) -> String {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|p| match p {
            [h, l] => u16::from(*h) << 8 | u16::from(*l),
            [l] => u16::from(*l),
            _ => 0,
        })
        .collect();
    String::from_utf16_lossy(&units)
        .chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect()
}

/// Reads the `bfchar` and `bfrange` entries of a ToUnicode CMap.
pub(super) fn parse_cmap(data: &[u8]) -> HashMap<u32, String> {
    let toks = tokens(data);
    let mut map = HashMap::new();
    let mut i = 0;
    let mut mode = 0u8; // 1 = bfchar, 2 = bfrange
    while i < toks.len() && map.len() < MAX_ENTRIES {
        match toks.get(i) {
            Some(Tok::Word(b"beginbfchar")) => mode = 1,
            Some(Tok::Word(b"beginbfrange")) => mode = 2,
            Some(Tok::Word(b"endbfchar" | b"endbfrange")) => mode = 0,
            Some(Tok::Hex(src)) if mode == 1 => {
                if let Some(Tok::Hex(dst)) = toks.get(i + 1) {
                    map.insert(code_of(src), utf16(dst));
                    i += 1;
                }
            }
            Some(Tok::Hex(lo)) if mode == 2 => {
                let (lo, hi) = match toks.get(i + 1) {
                    Some(Tok::Hex(hi)) => (code_of(lo), code_of(hi)),
                    _ => {
                        i += 1;
                        continue;
                    }
                };
                let hi = hi.min(lo.saturating_add(0xffff));
                match toks.get(i + 2) {
                    Some(Tok::Hex(dst)) => {
                        let base = utf16(dst);
                        let mut units: Vec<u16> = base.encode_utf16().collect();
                        for code in lo..=hi {
                            map.insert(code, String::from_utf16_lossy(&units));
                            if let Some(last) = units.last_mut() {
                                *last = last.wrapping_add(1);
                            }
                        }
                        i += 2;
                    }
                    Some(Tok::Open) => {
                        let mut j = i + 3;
                        let mut code = lo;
                        while let Some(Tok::Hex(dst)) = toks.get(j) {
                            if code <= hi {
                                map.insert(code, utf16(dst));
                            }
                            code = code.saturating_add(1);
                            j += 1;
                        }
                        i = j;
                    }
                    _ => i += 1,
                }
            }
            _ => {}
        }
        i += 1;
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbol_fonts() {
        for name in [
            "ABCDEF+Wingdings-Regular",
            "Wingdings",
            "Symbol",
            "ZapfDingbats",
            "XYZ+SymbolMT",
        ] {
            assert!(is_symbol_font(name), "{name}");
        }
        for name in ["ABCDEF+SimSun", "SymbolicSans", "Calibri", "ABCDEF+Wing"] {
            assert!(!is_symbol_font(name), "{name}");
        }
    }

    #[test]
    fn cmap_chars_and_ranges() {
        let cmap = b"1 beginbfchar\n<0003> <0020>\nendbfchar\n2 beginbfrange\n<0010> <0012> <4E2D>\n<0020> <0021> [<0041> <D83DDE00>]\nendbfrange";
        let map = parse_cmap(cmap);
        assert_eq!(map.get(&3).map(String::as_str), Some(" "));
        assert_eq!(map.get(&0x11).map(String::as_str), Some("丮"));
        assert_eq!(map.get(&0x12).map(String::as_str), Some("丯"));
        assert_eq!(map.get(&0x21).map(String::as_str), Some("😀"));
    }

    #[test]
    fn cmap_garbage_does_not_panic() {
        for data in [
            &b"beginbfrange <ff"[..],
            b"beginbfchar <0",
            b"<<<>>>[[]]((\\",
            b"",
        ] {
            let _ = parse_cmap(data);
        }
    }
}
