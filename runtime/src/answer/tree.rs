//! XML trees: [`XmlElement`], the owned tree a test or a simulator builds;
//! [`XmlTree`] and [`XmlElementRef`], the compact form a parsed answer is
//! read through.
//!
//! A parsed answer keeps every element name and text in one `String` and its
//! elements in one `Vec` of small nodes (spans into that string, the index of
//! the first child and of the next sibling): reading an answer allocates a
//! fixed number of times however many elements it has.

use std::fmt;

/// One element of an XML tree built in code: its name, its text (leaves)
/// and its child elements, in document order.
///
/// This is the type for *writing* trees — [`gateway_side::xml_answer`]
/// signs and writes one. A parsed answer is read through
/// [`XmlElementRef`] instead; [`XmlTree::from_element`] gives the same view
/// of an `XmlElement`, and [`XmlElementRef::to_element`] an owned copy of a
/// parsed element.
///
/// Text is the element's own character data with entities decoded; it is
/// empty for an element that only has children.
///
/// [`gateway_side::xml_answer`]: crate::gateway_side::xml_answer
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct XmlElement {
    /// The element's name (`trade_no`).
    pub name: String,
    /// Its text, for a leaf.
    pub text: String,
    /// Its child elements, in document order.
    pub children: Vec<XmlElement>,
}

impl XmlElement {
    /// A leaf with text.
    pub fn leaf(name: impl Into<String>, text: impl Into<String>) -> Self {
        XmlElement {
            name: name.into(),
            text: text.into(),
            children: Vec::new(),
        }
    }

    /// An element of child elements, without text of its own.
    ///
    /// ```
    /// use alipay_mapi_runtime::answer::XmlElement;
    /// let response = XmlElement::parent(
    ///     "response",
    ///     vec![XmlElement::parent(
    ///         "trade",
    ///         vec![XmlElement::leaf("trade_no", "2010"), XmlElement::leaf("total_fee", "1.00")],
    ///     )],
    /// );
    /// assert_eq!(response.child("trade").unwrap().child_text("trade_no"), Some("2010"));
    /// ```
    pub fn parent(name: impl Into<String>, children: Vec<XmlElement>) -> Self {
        XmlElement {
            name: name.into(),
            text: String::new(),
            children,
        }
    }

    /// Whether it has no child elements.
    pub fn is_leaf(&self) -> bool {
        self.children.is_empty()
    }

    /// The first child element named `name`.
    pub fn child(&self, name: &str) -> Option<&XmlElement> {
        self.children.iter().find(|c| c.name == name)
    }

    /// Every child element named `name` (a repeated element).
    pub fn children_named<'a>(
        &'a self,
        name: &'a str,
    ) -> impl Iterator<Item = &'a XmlElement> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text of the first child named `name`, when there is one.
    pub fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str())
    }
}

/// No node: the end of a list of children or siblings. No arena reaches
/// this index (answers are far smaller), so `nodes.get(NONE)` is `None`.
pub(crate) const NONE: u32 = u32::MAX;

/// Where `s` starts in `source`, when it is a slice of it (and not, say,
/// text roxmltree decoded into a string of its own).
#[inline]
pub(crate) fn offset_in(source: &str, s: &str) -> Option<usize> {
    // Addresses compared as numbers: `s` lies in `source` or it does not.
    let start = (s.as_ptr() as usize).wrapping_sub(source.as_ptr() as usize);
    (start <= source.len() && s.len() <= source.len() - start).then_some(start)
}

/// A range of [`Arena::text`] (or of another string).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Span {
    start: u32,
    end: u32,
}

impl Span {
    /// `start..end` as a span.
    pub(crate) fn new(start: usize, end: usize) -> Result<Span, TooLarge> {
        Ok(Span {
            start: u32::try_from(start).map_err(|_| TooLarge)?,
            end: u32::try_from(end).map_err(|_| TooLarge)?,
        })
    }

    /// The span as a range of byte offsets.
    pub(crate) fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// One element (or one `<param>` of `<request>`) in an [`Arena`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Node {
    name: Span,
    text: Span,
    first_child: u32,
    next_sibling: u32,
}

/// What a view of a missing node reads as (never reached: views are only
/// made of nodes that exist).
const NO_NODE: Node = Node {
    name: Span { start: 0, end: 0 },
    text: Span { start: 0, end: 0 },
    first_child: NONE,
    next_sibling: NONE,
};

/// More text or nodes than `u32` indexes reach (4 GiB): far beyond
/// [`MAX_ANSWER_LEN`](crate::transport::MAX_ANSWER_LEN).
#[derive(Debug)]
pub(crate) struct TooLarge;

/// A list of nodes linked by their next siblings, being built.
#[derive(Clone, Copy, Debug)]
pub(crate) struct List {
    /// Its first node (`NONE` while it is empty).
    pub(crate) first: u32,
    last: u32,
}

impl List {
    /// No node.
    pub(crate) const EMPTY: List = List {
        first: NONE,
        last: NONE,
    };
}

/// Every name and text of a tree in one string, its elements in one vector
/// in document order (a parent before its children).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Arena {
    text: String,
    nodes: Vec<Node>,
    /// The length of the source an arena made [`over`](Self::over) one
    /// copied first (0 for others).
    source_len: usize,
}

impl Arena {
    /// An empty arena with room for `text` bytes and `nodes` nodes.
    pub(crate) fn with_capacity(text: usize, nodes: usize) -> Self {
        Arena {
            text: String::with_capacity(text),
            nodes: Vec::with_capacity(nodes),
            source_len: 0,
        }
    }

    /// An arena whose text starts as a copy of `source`, with room for
    /// `nodes` nodes: a name or text that is a slice of `source` is then a
    /// span of that copy ([`span_in`](Self::span_in)), not a copy of its
    /// own. Parsing an answer copies its text once this way instead of once
    /// per name and text.
    pub(crate) fn over(source: &str, nodes: usize) -> Self {
        let mut text = String::with_capacity(source.len());
        text.push_str(source);
        Arena {
            source_len: text.len(),
            text,
            nodes: Vec::with_capacity(nodes),
        }
    }

    /// The span of `s` when it is a slice of `source` (the text this arena
    /// was made [`over`](Self::over)); else `s` is appended and its span
    /// given (an entity-decoded text, which the source does not hold).
    #[inline]
    pub(crate) fn span_in(&mut self, source: &str, s: &str) -> Result<Span, TooLarge> {
        match offset_in(source, s) {
            Some(start) => Span::new(start, start + s.len()),
            None => self.push_str(s),
        }
    }

    /// The length of the text so far, where a span pushed next starts.
    pub(crate) fn mark(&self) -> usize {
        self.text.len()
    }

    /// Appends `s` to the text (use [`span_from`](Self::span_from) for the
    /// span of what was pushed since a [`mark`](Self::mark)).
    ///
    /// In an arena made [`over`](Self::over) a source, the first text
    /// pushed reserves as much again as the source: every text pushed is
    /// decoded from, or joined out of, markup of its own (never longer), so
    /// one reallocation is all it ever takes.
    pub(crate) fn push_text(&mut self, s: &str) {
        if self.text.len() == self.source_len && self.source_len > 0 {
            self.text.reserve_exact(self.source_len);
        }
        self.text.push_str(s);
    }

    /// Drops the text pushed since `mark`.
    pub(crate) fn truncate(&mut self, mark: usize) {
        self.text.truncate(mark);
    }

    /// The span of the text pushed since `mark`.
    pub(crate) fn span_from(&self, mark: usize) -> Result<Span, TooLarge> {
        Ok(Span {
            start: u32::try_from(mark).map_err(|_| TooLarge)?,
            end: u32::try_from(self.text.len()).map_err(|_| TooLarge)?,
        })
    }

    /// Appends `s` and gives its span.
    pub(crate) fn push_str(&mut self, s: &str) -> Result<Span, TooLarge> {
        let mark = self.mark();
        self.push_text(s);
        self.span_from(mark)
    }

    /// The text of `span`.
    #[inline]
    pub(crate) fn str(&self, span: Span) -> &str {
        self.text
            .get(span.start as usize..span.end as usize)
            .unwrap_or_default()
    }

    /// `span` without XML whitespace (space, tab, CR, LF) at its ends.
    pub(crate) fn trim(&self, span: Span) -> Span {
        let text = self.str(span);
        let is_space_byte = |b: &u8| matches!(b, b' ' | b'\t' | b'\r' | b'\n');
        let bytes = text.as_bytes();
        if !bytes.first().is_some_and(is_space_byte) && !bytes.last().is_some_and(is_space_byte) {
            return span;
        }
        let is_space = |c: char| matches!(c, ' ' | '\t' | '\r' | '\n');
        let start_trimmed = text.trim_start_matches(is_space);
        let trimmed = start_trimmed.trim_end_matches(is_space);
        // Both lengths are within the span, itself within `u32`.
        let skipped = (text.len() - start_trimmed.len()) as u32;
        let start = span.start + skipped;
        Span {
            start,
            end: start + trimmed.len() as u32,
        }
    }

    /// Whether the text of `span` is `s` (the lengths are compared first,
    /// then the last bytes).
    #[inline]
    pub(crate) fn is(&self, span: Span, s: &str) -> bool {
        let Some(text) = self
            .text
            .as_bytes()
            .get(span.start as usize..span.end as usize)
        else {
            return false;
        };
        // Names of one length mostly differ in their last byte (`trade_no`,
        // `buyer_id`): it is looked at before the rest.
        text.len() == s.len() && text.last() == s.as_bytes().last() && text == s.as_bytes()
    }

    /// Adds a node without children or siblings yet, and gives its index.
    pub(crate) fn push_node(&mut self, name: Span, text: Span) -> Result<u32, TooLarge> {
        let index = self.end()?;
        if index == NONE {
            return Err(TooLarge);
        }
        self.nodes.push(Node {
            name,
            text,
            first_child: NONE,
            next_sibling: NONE,
        });
        Ok(index)
    }

    /// Adds `node` at the end of `list` (as the next sibling of its last
    /// node).
    pub(crate) fn append(&mut self, list: &mut List, node: u32) {
        // An empty list's `last` is `NONE`, which no node has.
        match self.nodes.get_mut(list.last as usize) {
            Some(last) => last.next_sibling = node,
            None => list.first = node,
        }
        list.last = node;
    }

    /// Gives node `index` the text of `span`.
    pub(crate) fn set_text(&mut self, index: u32, span: Span) {
        if let Some(node) = self.nodes.get_mut(index as usize) {
            node.text = span;
        }
    }

    /// Gives `parent` the children that start at `first` (a [`List`]'s).
    pub(crate) fn set_first_child(&mut self, parent: u32, first: u32) {
        if let Some(parent) = self.nodes.get_mut(parent as usize) {
            parent.first_child = first;
        }
    }

    /// The index the next node will have: the end of the nodes so far.
    pub(crate) fn end(&self) -> Result<u32, TooLarge> {
        u32::try_from(self.nodes.len()).map_err(|_| TooLarge)
    }

    /// The room of its text and of its nodes.
    #[cfg(test)]
    pub(crate) fn capacities(&self) -> (usize, usize) {
        (self.text.capacity(), self.nodes.capacity())
    }

    /// Nodes `range` (in document order), as (name, text).
    pub(crate) fn texts(&self, range: std::ops::Range<u32>) -> Vec<(&str, &str)> {
        let nodes = self.nodes.get(range.start as usize..range.end as usize);
        let nodes = nodes.unwrap_or_default();
        let mut texts = Vec::with_capacity(nodes.len());
        for node in nodes {
            texts.push((self.str(node.name), self.str(node.text)));
        }
        texts
    }

    /// A view of node `index`.
    #[inline]
    pub(crate) fn element(&self, index: u32) -> XmlElementRef<'_> {
        XmlElementRef {
            at: At::Arena(self, index),
        }
    }

    /// The list of nodes that starts at `first` and follows next siblings.
    #[inline]
    pub(crate) fn list(&self, first: u32) -> XmlChildren<'_> {
        XmlChildren {
            next: Next::Arena(self, first),
        }
    }

    #[inline]
    fn node(&self, index: u32) -> Node {
        self.nodes.get(index as usize).copied().unwrap_or(NO_NODE)
    }

    /// Adds `element` and its descendants; gives the index of `element`.
    fn push_element(&mut self, element: &XmlElement) -> Result<u32, TooLarge> {
        let name = self.push_str(&element.name)?;
        let text = self.push_str(&element.text)?;
        let index = self.push_node(name, text)?;
        let mut children = List::EMPTY;
        for child in &element.children {
            let child = self.push_element(child)?;
            self.append(&mut children, child);
        }
        self.set_first_child(index, children.first);
        Ok(index)
    }
}

/// An owned tree in the compact form a parsed answer uses, made from an
/// [`XmlElement`]: read it through [`root`](Self::root), the same
/// [`XmlElementRef`] a parsed answer gives (to test code that reads
/// answers, e.g. a declaration's [`FromXmlElement`](crate::FromXmlElement),
/// with trees built by hand).
///
/// Two trees are equal when their roots are ([`XmlElementRef`]'s equality).
///
/// ```
/// use alipay_mapi_runtime::answer::{XmlElement, XmlTree};
/// let trade = XmlElement {
///     name: "trade".into(),
///     children: vec![XmlElement::leaf("trade_no", "2011")],
///     ..XmlElement::default()
/// };
/// let tree = XmlTree::from_element(&trade);
/// assert_eq!(tree.root().child_text("trade_no"), Some("2011"));
/// assert_eq!(tree.root().to_element(), trade);
/// ```
#[derive(Clone)]
pub struct XmlTree {
    arena: Arena,
}

impl XmlTree {
    /// `element` and its descendants, copied into one string and one vector
    /// (two allocations).
    ///
    /// # Panics
    ///
    /// When the names and texts add up to 4 GiB or more, or the elements
    /// to 4 billion: far beyond any answer
    /// ([`MAX_ANSWER_LEN`](crate::transport::MAX_ANSWER_LEN)).
    pub fn from_element(element: &XmlElement) -> Self {
        fn sizes(element: &XmlElement, text: &mut usize, nodes: &mut usize) {
            *text += element.name.len() + element.text.len();
            *nodes += 1;
            for child in &element.children {
                sizes(child, text, nodes);
            }
        }
        let (mut text, mut nodes) = (0, 0);
        sizes(element, &mut text, &mut nodes);
        let mut arena = Arena::with_capacity(text, nodes);
        #[allow(clippy::expect_used)] // the documented panic
        arena
            .push_element(element)
            .expect("an XmlTree holds less than 4 GiB of text and 4 billion elements");
        XmlTree { arena }
    }

    /// The root element (the one the tree was made from).
    pub fn root(&self) -> XmlElementRef<'_> {
        self.arena.element(0)
    }
}

impl From<&XmlElement> for XmlTree {
    /// [`XmlTree::from_element`].
    fn from(element: &XmlElement) -> Self {
        XmlTree::from_element(element)
    }
}

impl PartialEq for XmlTree {
    fn eq(&self, other: &Self) -> bool {
        self.root() == other.root()
    }
}

impl Eq for XmlTree {}

impl fmt::Debug for XmlTree {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("XmlTree").field(&self.root()).finish()
    }
}

/// One element of a parsed answer (or of an [`XmlTree`]): a `Copy` view
/// into the tree, its name, its text, its child elements in document order.
///
/// Text is the element's own character data with entities decoded and
/// CDATA sections included, the pieces between child elements joined; it
/// is empty for an element whose only text between its children is
/// whitespace.
///
/// Views are equal when their elements are: the same name, text and
/// children, in whichever tree they are; a view equals an [`XmlElement`]
/// in the same way.
///
/// ```
/// use alipay_mapi_runtime::{answer::XmlAnswer, Charset};
/// let body = "<alipay><is_success>T</is_success><response><trade>\
///     <item><id>a</id></item><item><id>b</id></item><note>x &amp; y</note>\
///     </trade></response></alipay>";
/// let answer = XmlAnswer::parse(body.as_bytes(), Charset::Utf8).unwrap();
/// let trade = answer.response().unwrap().child("trade").unwrap();
/// let ids: Vec<&str> = trade.children_named("item").filter_map(|i| i.child_text("id")).collect();
/// assert_eq!(ids, ["a", "b"]);
/// assert_eq!(trade.child_text("note"), Some("x & y"));
/// assert!(!trade.is_leaf() && trade.text().is_empty());
/// ```
#[derive(Clone, Copy)]
pub struct XmlElementRef<'a> {
    at: At<'a>,
}

/// Where the element of an [`XmlElementRef`] is.
#[derive(Clone, Copy)]
enum At<'a> {
    /// Node `index` of an arena: a parsed answer's or an [`XmlTree`]'s.
    Arena(&'a Arena, u32),
    /// Node `index` of a [`Flat`] answer's `<response>`.
    Flat(&'a Flat<'a>, u32),
}

/// The `<response>` of an answer of the usual shape — the element its
/// `<sign>` covers has only leaves, each of one piece of text at most — as
/// (name, text) in document order, borrowed from roxmltree's document: what
/// an answer is typed from before (or without) its own tree being built.
#[derive(Debug)]
pub(crate) struct Flat<'a> {
    /// `<response>`; then, when the `<sign>` covers `<response>`'s only
    /// child, that child; then the children of the signed element (leaves).
    /// An element with children has no text.
    pub(crate) nodes: Vec<(&'a str, &'a str)>,
    /// Where the leaves start: 1, or 2 after `<response>`'s only child.
    pub(crate) leaves: u32,
}

impl Flat<'_> {
    /// `<response>`.
    pub(crate) fn response(&self) -> XmlElementRef<'_> {
        XmlElementRef {
            at: At::Flat(self, 0),
        }
    }

    /// The nodes that are the children of node `index`, as a range.
    #[inline]
    fn children(&self, index: u32) -> (u32, u32) {
        // (Far fewer nodes than `u32` counts: an answer is a few MB at most.)
        let len = self.nodes.len() as u32;
        match index {
            0 if self.leaves == 2 => (1, 2),
            _ if index + 1 == self.leaves => (self.leaves, len),
            _ => (len, len),
        }
    }
}

impl<'a> XmlElementRef<'a> {
    /// Its name and text, when it is an element of a [`Flat`] answer.
    #[inline]
    fn flat(flat: &'a Flat<'a>, index: u32) -> (&'a str, &'a str) {
        flat.nodes.get(index as usize).copied().unwrap_or_default()
    }

    /// Its index in the tree (`NONE` for an element of a [`Flat`] answer).
    #[inline]
    pub(crate) fn index(self) -> u32 {
        match self.at {
            At::Arena(_, index) => index,
            At::Flat(..) => NONE,
        }
    }

    #[inline]
    fn is_named(self, name: &str) -> bool {
        match self.at {
            At::Arena(arena, index) => arena.is(arena.node(index).name, name),
            At::Flat(flat, index) => Self::flat(flat, index).0 == name,
        }
    }

    /// The element's name (`trade_no`).
    #[inline]
    pub fn name(self) -> &'a str {
        match self.at {
            At::Arena(arena, index) => arena.str(arena.node(index).name),
            At::Flat(flat, index) => Self::flat(flat, index).0,
        }
    }

    /// Its text: a leaf's value; empty for an element that only has
    /// children.
    #[inline]
    pub fn text(self) -> &'a str {
        match self.at {
            At::Arena(arena, index) => arena.str(arena.node(index).text),
            At::Flat(flat, index) => Self::flat(flat, index).1,
        }
    }

    /// Its text when it has no child elements; `None` when it has.
    #[inline]
    pub(crate) fn leaf_text(self) -> Option<&'a str> {
        match self.at {
            At::Arena(arena, index) => {
                let node = arena.node(index);
                (node.first_child == NONE).then(|| arena.str(node.text))
            }
            At::Flat(flat, index) => {
                let (start, end) = flat.children(index);
                (start == end).then(|| Self::flat(flat, index).1)
            }
        }
    }

    /// Whether it has no child elements.
    #[inline]
    pub fn is_leaf(self) -> bool {
        self.leaf_text().is_some()
    }

    /// Its child elements, in document order.
    #[inline]
    pub fn children(self) -> XmlChildren<'a> {
        match self.at {
            At::Arena(arena, index) => arena.list(arena.node(index).first_child),
            At::Flat(flat, index) => {
                let (start, end) = flat.children(index);
                XmlChildren {
                    next: Next::Flat(flat, start, end),
                }
            }
        }
    }

    /// The first child element named `name`.
    #[inline]
    pub fn child(self, name: &str) -> Option<XmlElementRef<'a>> {
        let At::Arena(arena, index) = self.at else {
            return self.children().find(|child| child.is_named(name));
        };
        let mut index = arena.node(index).first_child;
        // `NONE` is past the end of every arena: the list ends there.
        while let Some(node) = arena.nodes.get(index as usize) {
            if arena.is(node.name, name) {
                return Some(arena.element(index));
            }
            index = node.next_sibling;
        }
        None
    }

    /// Every child element named `name` (a repeated element), in document
    /// order.
    pub fn children_named<'n>(
        self,
        name: &'n str,
    ) -> impl Iterator<Item = XmlElementRef<'a>> + use<'a, 'n> {
        self.children().filter(move |c| c.is_named(name))
    }

    /// The text of the first child named `name`, when there is one.
    #[inline]
    pub fn child_text(self, name: &str) -> Option<&'a str> {
        self.child(name).map(XmlElementRef::text)
    }

    /// An owned copy of the element and its descendants.
    pub fn to_element(self) -> XmlElement {
        XmlElement {
            name: self.name().to_owned(),
            text: self.text().to_owned(),
            children: self.children().map(XmlElementRef::to_element).collect(),
        }
    }
}

impl PartialEq for XmlElementRef<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.name() == other.name()
            && self.text() == other.text()
            && self.children().eq(other.children())
    }
}

impl Eq for XmlElementRef<'_> {}

impl PartialEq<XmlElement> for XmlElementRef<'_> {
    fn eq(&self, other: &XmlElement) -> bool {
        self.name() == other.name
            && self.text() == other.text
            && self.children().count() == other.children.len()
            && self.children().zip(&other.children).all(|(a, b)| a == *b)
    }
}

impl PartialEq<XmlElementRef<'_>> for XmlElement {
    fn eq(&self, other: &XmlElementRef<'_>) -> bool {
        *other == *self
    }
}

impl fmt::Debug for XmlElementRef<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("XmlElementRef")
            .field("name", &self.name())
            .field("text", &self.text())
            .field("children", &self.children())
            .finish()
    }
}

/// The child elements of an [`XmlElementRef`] in document order (or the
/// elements of an [`XmlAnswer::others`](crate::XmlAnswer::others)).
#[derive(Clone, Copy)]
pub struct XmlChildren<'a> {
    next: Next<'a>,
}

/// The next element of an [`XmlChildren`].
#[derive(Clone, Copy)]
enum Next<'a> {
    /// Node `next` of an arena (`NONE` at the end).
    Arena(&'a Arena, u32),
    /// Nodes `start..end` of a [`Flat`] answer.
    Flat(&'a Flat<'a>, u32, u32),
}

impl<'a> Iterator for XmlChildren<'a> {
    type Item = XmlElementRef<'a>;

    #[inline]
    fn next(&mut self) -> Option<XmlElementRef<'a>> {
        match &mut self.next {
            Next::Arena(arena, next) => {
                // `NONE` is past the end of every arena: the list ends there.
                let node = arena.nodes.get(*next as usize)?;
                let element = arena.element(*next);
                *next = node.next_sibling;
                Some(element)
            }
            Next::Flat(flat, start, end) => {
                if *start >= *end {
                    return None;
                }
                let element = XmlElementRef {
                    at: At::Flat(flat, *start),
                };
                *start += 1;
                Some(element)
            }
        }
    }
}

impl std::iter::FusedIterator for XmlChildren<'_> {}

impl fmt::Debug for XmlChildren<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(*self).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn element(name: &str, text: &str, children: Vec<XmlElement>) -> XmlElement {
        XmlElement {
            name: name.into(),
            text: text.into(),
            children,
        }
    }

    fn sample() -> XmlElement {
        element(
            "response",
            "",
            vec![element(
                "trade",
                "",
                vec![
                    XmlElement::leaf("trade_no", "2011"),
                    element("item", "", vec![XmlElement::leaf("id", "a")]),
                    element("item", "", vec![XmlElement::leaf("id", "b")]),
                    XmlElement::leaf("tag", "x"),
                    XmlElement::leaf("tag", ""),
                    element(
                        "buyer",
                        "kept",
                        vec![element("name", "", vec![XmlElement::leaf("first", "中")])],
                    ),
                ],
            )],
        )
    }

    #[test]
    fn a_tree_reads_back_as_the_element_it_was_made_from() {
        let original = sample();
        let tree = XmlTree::from_element(&original);
        assert_eq!(tree.root().to_element(), original);
        assert_eq!(tree.root(), original);
        assert_eq!(original, tree.root());
        assert_eq!(tree, XmlTree::from(&original));
        // Two allocations, no more room than needed.
        assert_eq!(tree.arena.nodes.len(), 12);
        assert_eq!(tree.arena.nodes.capacity(), 12);
        assert_eq!(tree.arena.text.capacity(), tree.arena.text.len());
        let leaf = XmlElement::leaf("only", "one");
        assert_eq!(XmlTree::from_element(&leaf).root().to_element(), leaf);
        assert!(XmlTree::from_element(&leaf).root().is_leaf());
        let empty = XmlElement::default();
        assert_eq!(XmlTree::from_element(&empty).root().to_element(), empty);
    }

    #[test]
    fn nested_and_repeated_elements_are_reached() {
        let tree = XmlTree::from_element(&sample());
        let root = tree.root();
        assert_eq!(root.name(), "response");
        assert!(!root.is_leaf());
        assert_eq!(root.children().count(), 1);
        let trade = root.child("trade").unwrap();
        let names: Vec<&str> = trade.children().map(|c| c.name()).collect();
        assert_eq!(names, ["trade_no", "item", "item", "tag", "tag", "buyer"]);
        assert_eq!(trade.child_text("trade_no"), Some("2011"));
        assert_eq!(trade.child_text("nothing"), None);
        let ids: Vec<&str> = trade
            .children_named("item")
            .filter_map(|i| i.child_text("id"))
            .collect();
        assert_eq!(ids, ["a", "b"]);
        let tags: Vec<&str> = trade.children_named("tag").map(|t| t.text()).collect();
        assert_eq!(tags, ["x", ""]);
        // The first of a repeated element.
        assert_eq!(trade.child("item").unwrap().child_text("id"), Some("a"));
        let buyer = trade.child("buyer").unwrap();
        assert_eq!(buyer.text(), "kept");
        let first = buyer.child("name").unwrap().child("first").unwrap();
        assert_eq!((first.name(), first.text()), ("first", "中"));
        assert!(first.is_leaf());
        assert_eq!(first.children().next(), None);
        assert_eq!(trade.child("item").unwrap(), trade.child("item").unwrap());
        assert_ne!(
            trade.child("item").unwrap(),
            trade.children_named("item").nth(1).unwrap()
        );
    }

    #[test]
    fn debug_shows_names_texts_and_children() {
        let tree = XmlTree::from_element(&element("a", "", vec![XmlElement::leaf("b", "1")]));
        assert_eq!(
            format!("{:?}", tree.root()),
            r#"XmlElementRef { name: "a", text: "", children: [XmlElementRef { name: "b", text: "1", children: [] }] }"#
        );
    }
}
