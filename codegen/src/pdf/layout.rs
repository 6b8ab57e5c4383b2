//! From glyphs and rulings to a page's flow: text lines and ruled tables,
//! top to bottom.

use super::content::{Glyph, PageMarks, Segment};
use super::PdfError;

/// Distance within which two rulings are the same line, in points.
const SAME_LINE: f32 = 1.5;
/// Largest gap bridged when joining collinear rulings.
const GAP: f32 = 2.0;
/// Most pairs of horizontal × vertical rulings examined on one page.
const MAX_PAIRS: usize = 50_000_000;

/// A line of text outside tables.
#[derive(Debug, Clone)]
pub(super) struct Line {
    pub text: String,
    /// Baseline.
    pub y: f32,
    pub size: f32,
    pub bold: bool,
}

/// A cell: its horizontal extent and its text (`\n` at hard line breaks).
#[derive(Debug, Clone)]
pub(super) struct Cell {
    pub x0: f32,
    pub x1: f32,
    pub text: String,
}

#[derive(Debug, Clone)]
pub(super) struct Table {
    pub top: f32,
    pub left: f32,
    pub right: f32,
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// The cell edges of its widest row: what a continuation must match.
    pub(super) fn edges(&self) -> Vec<f32> {
        let widest = self.rows.iter().max_by_key(|r| r.len());
        let mut edges: Vec<f32> = widest
            .map(|r| r.iter().map(|c| c.x0).collect())
            .unwrap_or_default();
        edges.push(self.right);
        edges
    }
}

#[derive(Debug, Clone)]
pub(super) enum Item {
    Line(Line),
    Table(Table),
}

impl Item {
    fn top(&self) -> f32 {
        match self {
            Item::Line(l) => l.y + l.size,
            Item::Table(t) => t.top,
        }
    }
}

/// Joins collinear rulings: same `at` within [`SAME_LINE`], overlapping or
/// separated by at most [`GAP`].
fn merge(mut segs: Vec<Segment>) -> Vec<Segment> {
    segs.sort_by(|p, q| p.at.total_cmp(&q.at));
    let mut groups: Vec<Vec<Segment>> = Vec::new();
    for s in segs {
        match groups.last_mut() {
            Some(g) if g.first().is_some_and(|f| (s.at - f.at).abs() <= SAME_LINE) => g.push(s),
            _ => groups.push(vec![s]),
        }
    }
    let mut out = Vec::new();
    for mut g in groups {
        let at = g.iter().map(|s| s.at).sum::<f32>() / g.len() as f32;
        g.sort_by(|p, q| p.a.total_cmp(&q.a));
        let mut cur: Option<Segment> = None;
        for s in g {
            cur = match cur {
                Some(c) if s.a <= c.b + GAP => Some(Segment {
                    at,
                    a: c.a,
                    b: c.b.max(s.b),
                }),
                Some(c) => {
                    out.push(c);
                    Some(Segment { at, a: s.a, b: s.b })
                }
                None => Some(Segment { at, a: s.a, b: s.b }),
            };
        }
        out.extend(cur);
    }
    out
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while let Some(&p) = parent.get(i) {
        if p == i {
            break;
        }
        let grand = parent.get(p).copied().unwrap_or(p);
        if let Some(slot) = parent.get_mut(i) {
            *slot = grand;
        }
        i = p;
    }
    i
}

/// The grid of one table: row boundaries (top first) and, per row band,
/// its cells' x-extents.
struct Grid {
    top: f32,
    bottom: f32,
    left: f32,
    right: f32,
    ys: Vec<f32>,
    bands: Vec<Vec<(f32, f32)>>,
}

fn cluster(mut values: Vec<f32>, tolerance: f32) -> Vec<f32> {
    values.sort_by(|a, b| a.total_cmp(b));
    let mut out: Vec<f32> = Vec::new();
    for v in values {
        match out.last() {
            Some(&last) if v - last <= tolerance => {}
            _ => out.push(v),
        }
    }
    out
}

fn grids(horizontal: Vec<Segment>, vertical: Vec<Segment>) -> Result<Vec<Grid>, PdfError> {
    let h = merge(horizontal);
    let v = merge(vertical);
    if h.len().saturating_mul(v.len()) > MAX_PAIRS {
        return Err(PdfError::new(format!(
            "too many rulings ({} horizontal, {} vertical) to find tables",
            h.len(),
            v.len()
        )));
    }
    let n = h.len() + v.len();
    let mut parent: Vec<usize> = (0..n).collect();
    for (i, hs) in h.iter().enumerate() {
        for (j, vs) in v.iter().enumerate() {
            let touch = vs.at >= hs.a - GAP
                && vs.at <= hs.b + GAP
                && hs.at >= vs.a - GAP
                && hs.at <= vs.b + GAP;
            if touch {
                let (a, b) = (find(&mut parent, i), find(&mut parent, h.len() + j));
                if let Some(slot) = parent.get_mut(a) {
                    *slot = b;
                }
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, (Vec<Segment>, Vec<Segment>)> =
        std::collections::BTreeMap::new();
    for (i, s) in h.iter().enumerate() {
        groups.entry(find(&mut parent, i)).or_default().0.push(*s);
    }
    for (j, s) in v.iter().enumerate() {
        groups
            .entry(find(&mut parent, h.len() + j))
            .or_default()
            .1
            .push(*s);
    }
    let mut out = Vec::new();
    for (hs, vs) in groups.into_values() {
        if hs.len() < 2 || vs.len() < 2 {
            continue;
        }
        let mut ys = cluster(hs.iter().map(|s| s.at).collect(), GAP);
        ys.reverse();
        let left = vs.iter().map(|s| s.at).fold(f32::MAX, f32::min);
        let right = vs.iter().map(|s| s.at).fold(f32::MIN, f32::max);
        if ys.len() < 2 || right - left < 5.0 {
            continue;
        }
        let mut bands = Vec::new();
        for pair in ys.windows(2) {
            let [top, bottom] = pair else { continue };
            let mid = (top + bottom) / 2.0;
            let xs = cluster(
                vs.iter()
                    .filter(|s| s.a < mid && s.b > mid)
                    .map(|s| s.at)
                    .collect(),
                GAP,
            );
            let cells: Vec<(f32, f32)> = if xs.len() < 2 {
                vec![(left, right)]
            } else {
                xs.windows(2)
                    .filter_map(|w| match w {
                        [a, b] => Some((*a, *b)),
                        _ => None,
                    })
                    .collect()
            };
            bands.push(cells);
        }
        out.push(Grid {
            top: ys.first().copied().unwrap_or(0.0),
            bottom: ys.last().copied().unwrap_or(0.0),
            left,
            right,
            ys,
            bands,
        });
    }
    Ok(out)
}

/// A line of glyphs (in a cell or in the page's text).
struct GlyphLine<'a> {
    glyphs: Vec<&'a Glyph>,
    y: f32,
    size: f32,
}

impl GlyphLine<'_> {
    fn x0(&self) -> f32 {
        self.glyphs.first().map_or(0.0, |g| g.x)
    }
    fn x1(&self) -> f32 {
        self.glyphs.last().map_or(0.0, |g| g.x + g.w)
    }
    /// The text, a space between two ASCII characters set apart.
    fn text(&self) -> String {
        let mut out = String::new();
        let mut prev: Option<&Glyph> = None;
        for g in &self.glyphs {
            if let Some(p) = prev {
                let gap = g.x - (p.x + p.w);
                let ascii = |s: &str| s.chars().all(|c| c.is_ascii_graphic());
                if gap > 0.2 * g.size.max(p.size) && ascii(&p.text) && ascii(&g.text) {
                    out.push(' ');
                }
            }
            out.push_str(&g.text);
            prev = Some(g);
        }
        collapse(&out)
    }
    /// Width of the line's first glyph: a line broken by characters, not
    /// words, left less room than this at the end of the line before.
    fn first_glyph_width(&self) -> f32 {
        self.glyphs.first().map_or(0.0, |g| g.w)
    }

    /// Width of the line's last word: its glyphs after the last gap of a
    /// space.
    fn last_word_width(&self) -> f32 {
        let Some(last) = self.glyphs.last() else {
            return 0.0;
        };
        let mut start = *last;
        for pair in self.glyphs.windows(2).rev() {
            let [p, g] = pair else { continue };
            if p.text.trim().is_empty() || g.x - (p.x + p.w) > 0.2 * g.size.max(p.size) {
                break;
            }
            start = p;
        }
        last.x + last.w - start.x
    }

    /// Width of what would have had to fit at the end of the line before
    /// for this line not to be a wrap: the first word (ASCII), or the first
    /// character with the punctuation that may not be parted from it.
    fn first_unit(&self) -> f32 {
        let Some(first) = self.glyphs.first() else {
            return 0.0;
        };
        let ascii = |g: &Glyph| g.text.chars().all(|c| c.is_ascii_graphic());
        let mut end = first;
        if ascii(first) {
            for g in self.glyphs.iter().skip(1) {
                if !ascii(g) || g.x - (end.x + end.w) > 0.2 * g.size {
                    break;
                }
                end = g;
            }
        } else {
            let opening = first.text.chars().all(|c| "“‘（《「『【(".contains(c));
            for (k, g) in self.glyphs.iter().enumerate().skip(1) {
                let closing = g
                    .text
                    .chars()
                    .all(|c| "，。、；：？！）》」』】”’,.;:?!)".contains(c));
                if closing || (opening && k == 1) {
                    end = g;
                } else {
                    break;
                }
            }
        }
        end.x + end.w - first.x
    }
}

/// Whether a line's last word follows a Latin word (`is the`), not a
/// Chinese one (`取值为 TRADE_`): the line is Latin prose.
fn latin_words_before_last(line: &str) -> bool {
    line.trim_end().rsplit_once(' ').is_some_and(|(before, _)| {
        before
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_alphanumeric() || ",.;:)".contains(c))
    })
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Groups glyphs into lines by baseline, top to bottom, each left to right.
fn lines_of<'a>(mut glyphs: Vec<&'a Glyph>) -> Vec<GlyphLine<'a>> {
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<GlyphLine<'a>> = Vec::new();
    for g in glyphs {
        match lines.last_mut() {
            Some(l) if (l.y - g.y).abs() <= 0.35 * l.size.max(g.size) => {
                l.size = l.size.max(g.size);
                l.glyphs.push(g);
            }
            _ => lines.push(GlyphLine {
                glyphs: vec![g],
                y: g.y,
                size: g.size,
            }),
        }
    }
    for l in &mut lines {
        l.glyphs.sort_by(|a, b| a.x.total_cmp(&b.x));
    }
    lines
}

/// A cell's text: its lines joined. A line that ends short of the cell's
/// right edge, when the next line's first word would have fitted, ends in a
/// hard break (`\n`); so does a blank line. Wrapped lines join without a
/// space, except between two ASCII words when the line was not filled.
fn cell_text(glyphs: Vec<&Glyph>, x0: f32, x1: f32) -> String {
    let lines: Vec<GlyphLine<'_>> = lines_of(glyphs)
        .into_iter()
        .filter(|l| !l.text().is_empty())
        .collect();
    let Some(first) = lines.first() else {
        return String::new();
    };
    let pad = lines
        .iter()
        .map(|l| l.x0() - x0)
        .fold(f32::MAX, f32::min)
        .clamp(0.5, 12.0);
    let limit = x1 - pad;
    let pitch = lines
        .windows(2)
        .filter_map(|w| match w {
            [a, b] => Some(a.y - b.y),
            _ => None,
        })
        .fold(f32::MAX, f32::min);
    let mut out = first.text();
    for pair in lines.windows(2) {
        let [a, b] = pair else { continue };
        let (at, bt) = (a.text(), b.text());
        let size = a.size.max(b.size);
        let ascii_pair = at.chars().last().is_some_and(|c| c.is_ascii_graphic())
            && bt.chars().next().is_some_and(|c| c.is_ascii_graphic());
        let slack = limit - a.x1();
        let space = if ascii_pair { 0.25 * size } else { 0.0 };
        // Latin prose wraps at spaces: a line of words whose last word and
        // the next line's first would fit the cell together broke at a
        // space, however full it was. A line of one long token (an
        // example, `_input_cha` / `rset`) or a word too long for the cell
        // broke inside it.
        let prose_wrap = ascii_pair
            && latin_words_before_last(&at)
            && a.last_word_width() + space + b.first_unit() <= limit - x0 - pad;
        let sep = if a.y - b.y > pitch * 1.6 || b.first_unit() + space + 0.05 * size < slack {
            "\n"
        } else if ascii_pair
            && ((slack >= 0.6 * size && slack >= b.first_glyph_width()) || prose_wrap)
        {
            " "
        } else {
            ""
        };
        out.push_str(sep);
        out.push_str(&bt);
    }
    out
}

/// Splits page lines at wide gaps (a left and a right part on one
/// baseline, as in running headers).
fn page_lines(glyphs: Vec<&Glyph>) -> Vec<Line> {
    let mut out = Vec::new();
    for line in lines_of(glyphs) {
        let mut parts: Vec<Vec<&Glyph>> = Vec::new();
        let mut prev: Option<&Glyph> = None;
        for g in &line.glyphs {
            let split = prev.is_some_and(|p| g.x - (p.x + p.w) > 4.0 * line.size);
            match parts.last_mut() {
                Some(part) if !split => part.push(g),
                _ => parts.push(vec![g]),
            }
            prev = Some(g);
        }
        for part in parts {
            let gl = GlyphLine {
                y: line.y,
                size: part.iter().map(|g| g.size).fold(0.0, f32::max),
                glyphs: part,
            };
            let text = gl.text();
            if text.is_empty() {
                continue;
            }
            let bold = gl.glyphs.iter().all(|g| g.bold);
            out.push(Line {
                text,
                y: gl.y,
                size: gl.size,
                bold,
            });
        }
    }
    out
}

/// A page's text lines and tables, top to bottom.
pub(super) fn page_items(marks: &PageMarks) -> Result<Vec<Item>, PdfError> {
    let grids = grids(marks.horizontal.clone(), marks.vertical.clone())?;
    // Per grid, per band, per cell: the glyphs inside.
    let mut buckets: Vec<Vec<Vec<Vec<&Glyph>>>> = grids
        .iter()
        .map(|g| g.bands.iter().map(|b| vec![Vec::new(); b.len()]).collect())
        .collect();
    let mut free = Vec::new();
    'glyphs: for glyph in &marks.glyphs {
        let (cx, cy) = (glyph.cx(), glyph.cy());
        for (gi, grid) in grids.iter().enumerate() {
            if cx < grid.left - 1.0 || cx > grid.right + 1.0 || cy > grid.top || cy < grid.bottom {
                continue;
            }
            for (bi, pair) in grid.ys.windows(2).enumerate() {
                let [top, bottom] = pair else { continue };
                if cy > *top || cy < *bottom {
                    continue;
                }
                let Some(band) = grid.bands.get(bi) else {
                    continue;
                };
                let ci = band
                    .iter()
                    .position(|&(a, b)| cx >= a && cx < b)
                    .unwrap_or_else(|| {
                        if cx < grid.left {
                            0
                        } else {
                            band.len().saturating_sub(1)
                        }
                    });
                if let Some(bucket) = buckets
                    .get_mut(gi)
                    .and_then(|g| g.get_mut(bi))
                    .and_then(|b| b.get_mut(ci))
                {
                    bucket.push(glyph);
                    continue 'glyphs;
                }
            }
        }
        free.push(glyph);
    }
    let mut items: Vec<Item> = page_lines(free).into_iter().map(Item::Line).collect();
    for (grid, cells) in grids.iter().zip(buckets) {
        let mut rows = Vec::new();
        for (band, glyphs) in grid.bands.iter().zip(cells) {
            let row: Vec<Cell> = band
                .iter()
                .zip(glyphs)
                .map(|(&(x0, x1), g)| Cell {
                    x0,
                    x1,
                    text: cell_text(g, x0, x1),
                })
                .collect();
            rows.push(row);
        }
        // Bands without any text above the first row with text (a double
        // top border) are not rows.
        while rows
            .first()
            .is_some_and(|r| r.iter().all(|c| c.text.is_empty()))
        {
            rows.remove(0);
        }
        if rows.is_empty() {
            continue;
        }
        items.push(Item::Table(Table {
            top: grid.top,
            left: grid.left,
            right: grid.right,
            rows,
        }));
    }
    items.sort_by(|a, b| b.top().total_cmp(&a.top()));
    Ok(items)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn glyphs(text: &str, x: f32, y: f32, w: f32) -> Vec<Glyph> {
        text.chars()
            .enumerate()
            .map(|(i, c)| Glyph {
                text: c.to_string(),
                x: x + i as f32 * w,
                y,
                w,
                size: 10.0,
                bold: false,
            })
            .collect()
    }

    #[test]
    fn wrapped_word_joins_and_short_line_breaks() {
        // A 60 pt cell: `_input_cha` fills it, `rset` follows: a wrap.
        let mut g = glyphs("_input_cha", 2.0, 100.0, 5.6);
        g.extend(glyphs("rset", 2.0, 88.0, 5.6));
        let refs: Vec<&Glyph> = g.iter().collect();
        assert_eq!(cell_text(refs, 0.0, 60.0), "_input_charset");
        // `1：实物；` ends early and `0` would have fitted: a hard break.
        let mut g = glyphs("1：实物；", 2.0, 100.0, 10.0);
        g.extend(glyphs("0：虚拟。", 2.0, 88.0, 10.0));
        let refs: Vec<&Glyph> = g.iter().collect();
        assert_eq!(cell_text(refs, 0.0, 120.0), "1：实物；\n0：虚拟。");
        // Latin prose wraps at a space, even from a full line.
        let mut g = glyphs("paid by the", 2.0, 100.0, 5.6);
        g.extend(glyphs("shop", 2.0, 88.0, 5.6));
        let refs: Vec<&Glyph> = g.iter().collect();
        assert_eq!(cell_text(refs, 0.0, 68.0), "paid by the shop");
        // A long token breaks inside itself, even after Chinese text.
        let mut g = glyphs("取值 TRADE_", 2.0, 100.0, 5.6);
        g.extend(glyphs("SUCCESS", 2.0, 88.0, 5.6));
        let refs: Vec<&Glyph> = g.iter().collect();
        assert_eq!(cell_text(refs, 0.0, 56.0), "取值 TRADE_SUCCESS");
    }

    #[test]
    fn collinear_rulings_merge() {
        let segs = vec![
            Segment {
                at: 10.0,
                a: 0.0,
                b: 50.0,
            },
            Segment {
                at: 10.4,
                a: 51.0,
                b: 100.0,
            },
            Segment {
                at: 30.0,
                a: 0.0,
                b: 100.0,
            },
        ];
        let merged = merge(segs);
        assert_eq!(merged.len(), 2);
        assert!(merged
            .iter()
            .any(|s| s.a == 0.0 && s.b == 100.0 && (s.at - 10.2).abs() < 0.01));
    }
}
