//! Walks a page's content stream: every shown glyph with its text,
//! position, width and size, and every straight thin path as a ruling.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::fonts::Font;
use super::PdfError;

/// Most operations read on one page (and its forms).
const MAX_OPS: usize = 4_000_000;
/// Most bytes of decompressed content per page.
const MAX_CONTENT: usize = 64 << 20;
/// Deepest nesting of form XObjects.
const MAX_FORM_DEPTH: usize = 8;
/// Thickest filled rectangle taken as a ruling, in points: Word's outer
/// borders of 2¼ and 3 pt; cells' padding fills (about 3.8 pt) stay out.
pub(super) const THIN: f32 = 3.1;
/// Lighter fills and strokes are shading or padding, not rulings.
const LIGHT: f32 = 0.8;

/// One shown glyph, in page space (points, y up).
#[derive(Debug, Clone)]
pub(super) struct Glyph {
    pub text: String,
    /// Left edge of the glyph's advance box, baseline.
    pub x: f32,
    pub y: f32,
    /// Advance width.
    pub w: f32,
    /// Font size in page space.
    pub size: f32,
    pub bold: bool,
}

impl Glyph {
    pub(super) fn cx(&self) -> f32 {
        self.x + self.w / 2.0
    }
    /// Middle of the glyph's body (the baseline is below it).
    pub(super) fn cy(&self) -> f32 {
        self.y + self.size * 0.35
    }
}

/// A straight ruling: horizontal (`y` fixed, from `a` to `b` in x) or
/// vertical (`x` fixed, from `a` to `b` in y).
#[derive(Debug, Clone, Copy)]
pub(super) struct Segment {
    pub at: f32,
    pub a: f32,
    pub b: f32,
}

#[derive(Default)]
pub(super) struct PageMarks {
    pub glyphs: Vec<Glyph>,
    pub horizontal: Vec<Segment>,
    pub vertical: Vec<Segment>,
}

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    fill_light: bool,
    stroke_light: bool,
    font: Option<Rc<Font>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
    invisible: bool,
}

/// Fonts read once per document, by object id (or by name for direct
/// dictionaries).
#[derive(Default)]
pub(super) struct FontCache {
    by_id: HashMap<ObjectId, Rc<Font>>,
}

struct Walker<'a> {
    doc: &'a Document,
    cache: &'a mut FontCache,
    marks: PageMarks,
    ops: usize,
    error: Option<PdfError>,
}

/// Reads one page.
pub(super) fn page(
    doc: &Document,
    page_id: ObjectId,
    cache: &mut FontCache,
) -> Result<PageMarks, PdfError> {
    // Each content stream decoded here, not through lopdf's page helper,
    // which falls back to the raw bytes of a stream it cannot decode.
    let mut data = Vec::new();
    for id in doc.get_page_contents(page_id) {
        let stream = doc
            .get_object(id)
            .and_then(Object::as_stream)
            .map_err(|e| PdfError::new(format!("a content stream is missing: {e}")))?;
        let bytes = stream
            .decompressed_content_with_limit(MAX_CONTENT.saturating_sub(data.len()))
            .map_err(|e| PdfError::new(format!("cannot decode a content stream: {e}")))?;
        data.extend_from_slice(&bytes);
        data.push(b'\n');
    }
    let content = Content::decode(&data)
        .map_err(|e| PdfError::new(format!("cannot parse the page's content stream: {e}")))?;
    let resources = page_resources(doc, page_id);
    let mut walker = Walker {
        doc,
        cache,
        marks: PageMarks::default(),
        ops: 0,
        error: None,
    };
    let state = GState {
        ctm: IDENTITY,
        fill_light: false,
        stroke_light: false,
        font: None,
        size: 0.0,
        char_spacing: 0.0,
        word_spacing: 0.0,
        scale: 1.0,
        leading: 0.0,
        rise: 0.0,
        invisible: false,
    };
    walker.run(&content.operations, &resources, state, 0);
    match walker.error {
        Some(e) => Err(e),
        None => Ok(walker.marks),
    }
}

/// The page's resource dictionaries, nearest first.
fn page_resources(doc: &Document, page_id: ObjectId) -> Vec<Dictionary> {
    let mut out = Vec::new();
    if let Ok((direct, ids)) = doc.get_page_resources(page_id) {
        if let Some(d) = direct {
            out.push(d.clone());
        }
        for id in ids {
            if let Ok(d) = doc.get_dictionary(id) {
                out.push(d.clone());
            }
        }
    }
    out
}

fn num(o: &Object) -> Option<f32> {
    o.as_float().ok().filter(|f| f.is_finite())
}

fn nums<const N: usize>(ops: &[Object]) -> Option<[f32; N]> {
    let mut out = [0.0; N];
    if ops.len() < N {
        return None;
    }
    for (slot, o) in out.iter_mut().zip(ops.iter().skip(ops.len() - N)) {
        *slot = num(o)?;
    }
    Some(out)
}

/// Light colours (shading, white padding) from colour operands: gray, RGB
/// or CMYK by their count.
fn is_light(ops: &[Object]) -> bool {
    let v: Vec<f32> = ops.iter().filter_map(num).collect();
    let luminance = match v.as_slice() {
        [g] => *g,
        [r, g, b] => 0.299 * r + 0.587 * g + 0.114 * b,
        [c, m, y, k] => 1.0 - (0.3 * c + 0.59 * m + 0.11 * y + k).min(1.0),
        _ => 0.0,
    };
    luminance > LIGHT
}

struct Path {
    /// Closed or open polylines in page space; `curved` subpaths are kept
    /// out of rulings.
    subpaths: Vec<(Vec<(f32, f32)>, bool)>,
}

impl<'a> Walker<'a> {
    fn font(&mut self, resources: &[Dictionary], name: &[u8]) -> Option<Rc<Font>> {
        for res in resources {
            let Ok(fonts) = res.get(b"Font") else {
                continue;
            };
            let fonts = match self.doc.dereference(fonts) {
                Ok((_, Object::Dictionary(d))) => d,
                _ => continue,
            };
            let Ok(entry) = fonts.get(name) else { continue };
            return match entry {
                Object::Reference(id) => {
                    if let Some(f) = self.cache.by_id.get(id) {
                        return Some(f.clone());
                    }
                    let dict = self.doc.get_dictionary(*id).ok()?;
                    let font = Rc::new(Font::read(self.doc, dict));
                    self.cache.by_id.insert(*id, font.clone());
                    Some(font)
                }
                Object::Dictionary(dict) => Some(Rc::new(Font::read(self.doc, dict))),
                _ => None,
            };
        }
        None
    }

    fn xobject(&self, resources: &[Dictionary], name: &[u8]) -> Option<lopdf::Stream> {
        for res in resources {
            let Ok(xs) = res.get(b"XObject") else {
                continue;
            };
            let xs = match self.doc.dereference(xs) {
                Ok((_, Object::Dictionary(d))) => d,
                _ => continue,
            };
            let Ok(entry) = xs.get(name) else { continue };
            return match self.doc.dereference(entry) {
                Ok((_, Object::Stream(s))) => Some(s.clone()),
                _ => None,
            };
        }
        None
    }

    fn run(
        &mut self,
        operations: &[lopdf::content::Operation],
        resources: &[Dictionary],
        start: GState,
        depth: usize,
    ) {
        let mut gs = start;
        let mut stack: Vec<GState> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut path = Path {
            subpaths: Vec::new(),
        };
        for op in operations {
            self.ops += 1;
            if self.ops > MAX_OPS {
                self.error = Some(PdfError::new(format!(
                    "a page has more than {MAX_OPS} drawing operations"
                )));
                return;
            }
            if self.error.is_some() {
                return;
            }
            let o = op.operands.as_slice();
            match op.operator.as_str() {
                "q" if stack.len() < 256 => stack.push(gs.clone()),
                "Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                "cm" => {
                    if let Some(m) = nums::<6>(o) {
                        gs.ctm = mul(&m, &gs.ctm);
                    }
                }
                "g" | "rg" | "k" | "sc" | "scn" => gs.fill_light = is_light(o),
                "G" | "RG" | "K" | "SC" | "SCN" => gs.stroke_light = is_light(o),
                "cs" => gs.fill_light = false,
                "CS" => gs.stroke_light = false,
                "m" => {
                    if let Some([x, y]) = nums::<2>(o) {
                        path.subpaths.push((vec![apply(&gs.ctm, x, y)], false));
                    }
                }
                "l" => {
                    if let Some([x, y]) = nums::<2>(o) {
                        let p = apply(&gs.ctm, x, y);
                        match path.subpaths.last_mut() {
                            Some((pts, _)) if pts.len() < 10_000 => pts.push(p),
                            Some(_) => {}
                            None => path.subpaths.push((vec![p], false)),
                        }
                    }
                }
                "c" | "v" | "y" => {
                    if let Some((pts, curved)) = path.subpaths.last_mut() {
                        *curved = true;
                        if let Some([x, y]) = nums::<2>(o) {
                            pts.push(apply(&gs.ctm, x, y));
                        }
                    }
                }
                "h" => {
                    if let Some((pts, _)) = path.subpaths.last_mut() {
                        if let Some(&first) = pts.first() {
                            pts.push(first);
                        }
                    }
                }
                "re" => {
                    if let Some([x, y, w, h]) = nums::<4>(o) {
                        let pts = vec![
                            apply(&gs.ctm, x, y),
                            apply(&gs.ctm, x + w, y),
                            apply(&gs.ctm, x + w, y + h),
                            apply(&gs.ctm, x, y + h),
                            apply(&gs.ctm, x, y),
                        ];
                        path.subpaths.push((pts, false));
                    }
                }
                "f" | "F" | "f*" => {
                    if !gs.fill_light {
                        self.fill(&path);
                    }
                    path.subpaths.clear();
                }
                "S" | "s" => {
                    if !gs.stroke_light {
                        self.stroke(&path, op.operator == "s");
                    }
                    path.subpaths.clear();
                }
                "B" | "B*" | "b" | "b*" => {
                    if !gs.fill_light {
                        self.fill(&path);
                    }
                    if !gs.stroke_light {
                        self.stroke(&path, op.operator.starts_with('b'));
                    }
                    path.subpaths.clear();
                }
                "n" => path.subpaths.clear(),
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tf" => {
                    if let (Some(Object::Name(name)), Some(size)) =
                        (o.first(), o.get(1).and_then(num))
                    {
                        gs.font = self.font(resources, name);
                        gs.size = size;
                    }
                }
                "Tc" => {
                    if let Some([v]) = nums::<1>(o) {
                        gs.char_spacing = v;
                    }
                }
                "Tw" => {
                    if let Some([v]) = nums::<1>(o) {
                        gs.word_spacing = v;
                    }
                }
                "Tz" => {
                    if let Some([v]) = nums::<1>(o) {
                        gs.scale = v / 100.0;
                    }
                }
                "TL" => {
                    if let Some([v]) = nums::<1>(o) {
                        gs.leading = v;
                    }
                }
                "Ts" => {
                    if let Some([v]) = nums::<1>(o) {
                        gs.rise = v;
                    }
                }
                "Tr" => {
                    if let Some([v]) = nums::<1>(o) {
                        gs.invisible = v as i32 == 3;
                    }
                }
                "Td" | "TD" => {
                    if let Some([tx, ty]) = nums::<2>(o) {
                        if op.operator == "TD" {
                            gs.leading = -ty;
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &tlm);
                        tm = tlm;
                    }
                }
                "Tm" => {
                    if let Some(m) = nums::<6>(o) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                "Tj" => {
                    if let Some(Object::String(s, _)) = o.first() {
                        self.show(&gs, &mut tm, s);
                    }
                }
                "'" | "\"" => {
                    if op.operator == "\"" {
                        if let (Some(aw), Some(ac)) =
                            (o.first().and_then(num), o.get(1).and_then(num))
                        {
                            gs.word_spacing = aw;
                            gs.char_spacing = ac;
                        }
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                    if let Some(Object::String(s, _)) = o.last() {
                        self.show(&gs, &mut tm, s);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = o.first() {
                        for item in items {
                            match item {
                                Object::String(s, _) => self.show(&gs, &mut tm, s),
                                other => {
                                    if let Some(adj) = num(other) {
                                        let tx = -adj / 1000.0 * gs.size * gs.scale;
                                        tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                    }
                                }
                            }
                        }
                    }
                }
                "Do" => {
                    if depth >= MAX_FORM_DEPTH {
                        continue;
                    }
                    let Some(Object::Name(name)) = o.first() else {
                        continue;
                    };
                    let Some(stream) = self.xobject(resources, name) else {
                        continue;
                    };
                    let is_form = stream
                        .dict
                        .get(b"Subtype")
                        .ok()
                        .and_then(|s| s.as_name().ok())
                        == Some(b"Form".as_slice());
                    if !is_form {
                        continue;
                    }
                    let Ok(data) = stream.decompressed_content_with_limit(MAX_CONTENT) else {
                        continue;
                    };
                    let Ok(content) = Content::decode(&data) else {
                        continue;
                    };
                    let matrix = stream
                        .dict
                        .get(b"Matrix")
                        .ok()
                        .and_then(|m| m.as_array().ok())
                        .and_then(|m| nums::<6>(m))
                        .unwrap_or(IDENTITY);
                    let mut inner = gs.clone();
                    inner.ctm = mul(&matrix, &gs.ctm);
                    let mut res = Vec::new();
                    if let Some(d) = stream
                        .dict
                        .get(b"Resources")
                        .ok()
                        .and_then(|r| self.doc.dereference(r).ok())
                        .and_then(|(_, r)| r.as_dict().ok())
                    {
                        res.push(d.clone());
                    }
                    res.extend(resources.iter().cloned());
                    self.run(&content.operations, &res, inner, depth + 1);
                }
                _ => {}
            }
        }
    }

    fn show(&mut self, gs: &GState, tm: &mut Matrix, bytes: &[u8]) {
        let Some(font) = gs.font.clone() else {
            return;
        };
        if let Some(why) = &font.unreadable {
            if !bytes.is_empty() {
                self.error = Some(PdfError::new(why.clone()));
            }
            return;
        }
        for code in font.codes(bytes) {
            let trm = mul(
                &mul(&[gs.size * gs.scale, 0.0, 0.0, gs.size, 0.0, gs.rise], tm),
                &gs.ctm,
            );
            let advance = code.width / 1000.0 * gs.size
                + gs.char_spacing
                + if code.space { gs.word_spacing } else { 0.0 };
            let x_scale = (trm[0] * trm[0] + trm[1] * trm[1]).sqrt();
            let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt();
            if !gs.invisible && !code.text.is_empty() && size.is_finite() && size > 0.0 {
                let glyph = Glyph {
                    text: code.text,
                    x: trm[4],
                    y: trm[5],
                    w: code.width / 1000.0 * x_scale,
                    size,
                    bold: font.bold,
                };
                if glyph.x.is_finite() && glyph.y.is_finite() && glyph.w.is_finite() {
                    self.marks.glyphs.push(glyph);
                }
            }
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, advance * gs.scale, 0.0], tm);
        }
    }

    /// Filled paths: thin axis-aligned rectangles (and polygons of that
    /// shape) are rulings.
    fn fill(&mut self, path: &Path) {
        for (pts, curved) in &path.subpaths {
            if *curved || pts.len() < 3 {
                continue;
            }
            let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
            for &(x, y) in pts {
                x0 = x0.min(x);
                y0 = y0.min(y);
                x1 = x1.max(x);
                y1 = y1.max(y);
            }
            // Only rectangles: every point on the bounding box's corners.
            let rect = pts.iter().all(|&(x, y)| {
                ((x - x0).abs() < 0.1 || (x - x1).abs() < 0.1)
                    && ((y - y0).abs() < 0.1 || (y - y1).abs() < 0.1)
            });
            if !rect {
                continue;
            }
            let (w, h) = (x1 - x0, y1 - y0);
            if h <= THIN && w > h && w > 1.0 {
                self.marks.horizontal.push(Segment {
                    at: (y0 + y1) / 2.0,
                    a: x0,
                    b: x1,
                });
            } else if w <= THIN && h > w && h > 1.0 {
                self.marks.vertical.push(Segment {
                    at: (x0 + x1) / 2.0,
                    a: y0,
                    b: y1,
                });
            }
        }
    }

    /// Stroked paths: each straight horizontal or vertical piece.
    fn stroke(&mut self, path: &Path, close: bool) {
        for (pts, curved) in &path.subpaths {
            if *curved {
                continue;
            }
            let mut pairs: Vec<((f32, f32), (f32, f32))> = pts
                .windows(2)
                .filter_map(|w| match w {
                    [a, b] => Some((*a, *b)),
                    _ => None,
                })
                .collect();
            if close {
                if let (Some(&first), Some(&last)) = (pts.first(), pts.last()) {
                    pairs.push((last, first));
                }
            }
            for ((ax, ay), (bx, by)) in pairs {
                if (ay - by).abs() < 0.5 && (ax - bx).abs() > 1.0 {
                    self.marks.horizontal.push(Segment {
                        at: (ay + by) / 2.0,
                        a: ax.min(bx),
                        b: ax.max(bx),
                    });
                } else if (ax - bx).abs() < 0.5 && (ay - by).abs() > 1.0 {
                    self.marks.vertical.push(Segment {
                        at: (ax + bx) / 2.0,
                        a: ay.min(by),
                        b: ay.max(by),
                    });
                }
            }
        }
    }
}
