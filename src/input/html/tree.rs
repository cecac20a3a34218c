//! A page parsed the way browsers parse it: html5ever's tokenizer and tree
//! builder (the WHATWG algorithm: implied and misnested tags, foster-parented
//! table text, all 2,231 named character references) build a tree in an
//! arena of our own, which bounds how many nodes a page may have and how
//! deep they may nest.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use html5ever::interface::{ElemName, ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::{Attribute, LocalName, Namespace, ParseOpts, QualName, ns, parse_document};

use crate::input::LoadError;

/// No page may have more nodes (elements and runs of text) than this.
const MAX_NODES: usize = 4_000_000;

/// No element may be nested deeper than this. Real pages stay under a few
/// dozen levels; the tree builder's work per tag grows with the depth.
pub(super) const MAX_DEPTH: u32 = 512;

/// How much of the page is fed to the parser between checks of the bounds:
/// past a bound, at most this much more is parsed.
const CHUNK_BYTES: usize = 4 * 1024;

/// The index of a node in the arena.
pub(super) type NodeId = usize;

/// The document node.
const DOCUMENT: NodeId = 0;

/// A detached element that stands for every comment and processing
/// instruction; whatever is appended to it is dropped.
const DISCARD: NodeId = 1;

/// What a node is.
#[derive(Debug)]
pub(super) enum NodeData {
    Document,
    Element {
        name: QualName,
        attributes: Vec<Attribute>,
        /// The document fragment holding a `<template>`'s content.
        template_contents: Option<NodeId>,
    },
    Text(StrTendril),
    /// A template's content, which is never shown.
    Fragment,
}

/// One node and its links to its neighbours.
#[derive(Debug)]
pub(super) struct Node {
    pub data: NodeData,
    parent: Option<NodeId>,
    first_child: Option<NodeId>,
    last_child: Option<NodeId>,
    previous: Option<NodeId>,
    next: Option<NodeId>,
    /// How many ancestors it had when it was inserted.
    depth: u32,
}

impl Node {
    fn new(data: NodeData) -> Node {
        Node {
            data,
            parent: None,
            first_child: None,
            last_child: None,
            previous: None,
            next: None,
            depth: 0,
        }
    }
}

/// A parsed page.
#[derive(Debug)]
pub(super) struct Tree {
    nodes: Vec<Node>,
}

impl Tree {
    /// Parses a page. A page over the bounds is refused.
    pub fn parse(html: &str) -> Result<Tree, LoadError> {
        let mut parser = parse_document(ArenaSink::default(), ParseOpts::default());
        let mut rest = html;
        while !rest.is_empty() {
            let (chunk, after) = split_at_boundary(rest, CHUNK_BYTES);
            parser.process(StrTendril::from_slice(chunk));
            parser.tokenizer.sink.sink.check_bounds()?;
            rest = after;
        }
        let sink = parser.finish();
        sink.check_bounds()?;
        Ok(Tree {
            nodes: sink.nodes.into_inner(),
        })
    }

    /// The node with this index.
    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.get(id)
    }

    /// The children of a node, in order.
    pub fn children(&self, id: NodeId) -> Children<'_> {
        Children {
            tree: self,
            next: self.node(id).and_then(|node| node.first_child),
        }
    }

    /// The document node.
    pub fn document(&self) -> NodeId {
        DOCUMENT
    }
}

/// Iterates over the children of a node.
pub(super) struct Children<'a> {
    tree: &'a Tree,
    next: Option<NodeId>,
}

impl Iterator for Children<'_> {
    type Item = NodeId;

    fn next(&mut self) -> Option<NodeId> {
        let id = self.next?;
        self.next = self.tree.node(id).and_then(|node| node.next);
        Some(id)
    }
}

/// The first `limit` bytes of `text` (less, to end on a character), and
/// the rest.
fn split_at_boundary(text: &str, limit: usize) -> (&str, &str) {
    let mut end = limit.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if end == 0 {
        end = text
            .char_indices()
            .nth(1)
            .map_or(text.len(), |(index, _)| index);
    }
    text.split_at(end)
}

/// Why a page was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Overflow {
    Nodes,
    Depth,
}

/// The tree builder's side of the arena.
#[derive(Debug)]
struct ArenaSink {
    nodes: RefCell<Vec<Node>>,
    overflow: Cell<Option<Overflow>>,
}

impl Default for ArenaSink {
    fn default() -> ArenaSink {
        let discard = NodeData::Element {
            name: QualName::new(None, ns!(html), LocalName::from("span")),
            attributes: Vec::new(),
            template_contents: None,
        };
        ArenaSink {
            nodes: RefCell::new(vec![Node::new(NodeData::Document), Node::new(discard)]),
            overflow: Cell::new(None),
        }
    }
}

/// An element's name as the tree builder asks for it.
#[derive(Debug)]
struct OwnedName(QualName);

impl ElemName for OwnedName {
    fn ns(&self) -> &Namespace {
        &self.0.ns
    }

    fn local_name(&self) -> &LocalName {
        &self.0.local
    }
}

impl ArenaSink {
    fn check_bounds(&self) -> Result<(), LoadError> {
        match self.overflow.get() {
            None => Ok(()),
            Some(Overflow::Nodes) => Err(LoadError::TooLarge(format!(
                "the page has more than {MAX_NODES} elements and runs of text"
            ))),
            Some(Overflow::Depth) => Err(LoadError::TooLarge(format!(
                "the page nests elements more than {MAX_DEPTH} deep"
            ))),
        }
    }

    /// Adds a node. Past [`MAX_NODES`] nodes are still added (the tree
    /// builder needs every element it makes to be distinct) until the
    /// parser stops at the end of the chunk.
    fn add(&self, data: NodeData) -> NodeId {
        let mut nodes = self.nodes.borrow_mut();
        if nodes.len() >= MAX_NODES {
            self.overflow.set(Some(Overflow::Nodes));
        }
        nodes.push(Node::new(data));
        nodes.len() - 1
    }

    /// A text node for `text`, or the text added to `neighbour` when that
    /// is a text node already.
    fn text_node(&self, text: &StrTendril, neighbour: Option<NodeId>) -> Option<NodeId> {
        if let Some(id) = neighbour {
            let mut nodes = self.nodes.borrow_mut();
            if let Some(Node {
                data: NodeData::Text(existing),
                ..
            }) = nodes.get_mut(id)
            {
                existing.push_tendril(text);
                return None;
            }
        }
        Some(self.add(NodeData::Text(text.clone())))
    }

    /// Unlinks a node from its parent and siblings.
    fn detach(nodes: &mut [Node], id: NodeId) {
        let Some(node) = nodes.get_mut(id) else {
            return;
        };
        let (parent, previous, next) = (node.parent.take(), node.previous.take(), node.next.take());
        if let Some(previous) = previous.and_then(|p| nodes.get_mut(p)) {
            previous.next = next;
        } else if let Some(parent) = parent.and_then(|p| nodes.get_mut(p)) {
            parent.first_child = next;
        }
        if let Some(next) = next.and_then(|n| nodes.get_mut(n)) {
            next.previous = previous;
        } else if let Some(parent) = parent.and_then(|p| nodes.get_mut(p)) {
            parent.last_child = previous;
        }
    }

    /// Records a node's depth under `parent`, noting when it is too deep.
    fn set_depth(&self, nodes: &mut [Node], id: NodeId, parent: NodeId) {
        let depth = nodes.get(parent).map_or(0, |p| p.depth.saturating_add(1));
        if let Some(node) = nodes.get_mut(id) {
            node.depth = depth;
        }
        if depth > MAX_DEPTH {
            self.overflow.set(Some(Overflow::Depth));
        }
    }

    /// Makes `id` the last child of `parent`.
    fn link_last(&self, parent: NodeId, id: NodeId) {
        if parent == DISCARD || id == DISCARD || parent == id {
            return;
        }
        let mut nodes = self.nodes.borrow_mut();
        Self::detach(&mut nodes, id);
        let last = nodes.get(parent).and_then(|p| p.last_child);
        if let Some(node) = nodes.get_mut(id) {
            node.parent = Some(parent);
            node.previous = last;
        }
        match last.and_then(|l| nodes.get_mut(l)) {
            Some(last) => last.next = Some(id),
            None => {
                if let Some(p) = nodes.get_mut(parent) {
                    p.first_child = Some(id);
                }
            }
        }
        if let Some(p) = nodes.get_mut(parent) {
            p.last_child = Some(id);
        }
        self.set_depth(&mut nodes, id, parent);
    }

    /// Puts `id` just before `sibling`.
    fn link_before(&self, sibling: NodeId, id: NodeId) {
        if sibling == DISCARD || id == DISCARD || sibling == id {
            return;
        }
        let mut nodes = self.nodes.borrow_mut();
        let Some(parent) = nodes.get(sibling).and_then(|s| s.parent) else {
            return;
        };
        Self::detach(&mut nodes, id);
        let previous = nodes.get(sibling).and_then(|s| s.previous);
        if let Some(node) = nodes.get_mut(id) {
            node.parent = Some(parent);
            node.previous = previous;
            node.next = Some(sibling);
        }
        if let Some(s) = nodes.get_mut(sibling) {
            s.previous = Some(id);
        }
        match previous.and_then(|p| nodes.get_mut(p)) {
            Some(previous) => previous.next = Some(id),
            None => {
                if let Some(p) = nodes.get_mut(parent) {
                    p.first_child = Some(id);
                }
            }
        }
        self.set_depth(&mut nodes, id, parent);
    }

    fn last_child(&self, id: NodeId) -> Option<NodeId> {
        self.nodes.borrow().get(id).and_then(|node| node.last_child)
    }

    fn previous_sibling(&self, id: NodeId) -> Option<NodeId> {
        self.nodes.borrow().get(id).and_then(|node| node.previous)
    }

    fn has_parent(&self, id: NodeId) -> bool {
        self.nodes
            .borrow()
            .get(id)
            .is_some_and(|node| node.parent.is_some())
    }
}

impl TreeSink for ArenaSink {
    type Handle = NodeId;
    type Output = ArenaSink;
    type ElemName<'a> = OwnedName;

    fn finish(self) -> ArenaSink {
        self
    }

    fn parse_error(&self, _message: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        DOCUMENT
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> OwnedName {
        let nodes = self.nodes.borrow();
        match nodes.get(*target).map(|node| &node.data) {
            Some(NodeData::Element { name, .. }) => OwnedName(name.clone()),
            _ => OwnedName(QualName::new(None, ns!(html), LocalName::from("span"))),
        }
    }

    fn create_element(
        &self,
        name: QualName,
        attributes: Vec<Attribute>,
        flags: ElementFlags,
    ) -> NodeId {
        let template_contents = flags.template.then(|| self.add(NodeData::Fragment));
        self.add(NodeData::Element {
            name,
            attributes,
            template_contents,
        })
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        DISCARD
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        DISCARD
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        match child {
            NodeOrText::AppendNode(id) => self.link_last(*parent, id),
            NodeOrText::AppendText(text) => {
                if *parent == DISCARD {
                    return;
                }
                if let Some(id) = self.text_node(&text, self.last_child(*parent)) {
                    self.link_last(*parent, id);
                }
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        if self.has_parent(*element) {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {}

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        let nodes = self.nodes.borrow();
        match nodes.get(*target).map(|node| &node.data) {
            Some(NodeData::Element {
                template_contents: Some(contents),
                ..
            }) => *contents,
            _ => DISCARD,
        }
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        match new_node {
            NodeOrText::AppendNode(id) => self.link_before(*sibling, id),
            NodeOrText::AppendText(text) => {
                if *sibling == DISCARD {
                    return;
                }
                if let Some(id) = self.text_node(&text, self.previous_sibling(*sibling)) {
                    self.link_before(*sibling, id);
                }
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeId, new: Vec<Attribute>) {
        let mut nodes = self.nodes.borrow_mut();
        if let Some(Node {
            data: NodeData::Element { attributes, .. },
            ..
        }) = nodes.get_mut(*target)
        {
            for attribute in new {
                if !attributes.iter().any(|a| a.name == attribute.name) {
                    attributes.push(attribute);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        Self::detach(&mut self.nodes.borrow_mut(), *target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        loop {
            let first = self.nodes.borrow().get(*node).and_then(|n| n.first_child);
            let Some(child) = first else {
                break;
            };
            if *new_parent == DISCARD {
                Self::detach(&mut self.nodes.borrow_mut(), child);
            } else {
                self.link_last(*new_parent, child);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as nested names and text, for comparing shapes.
    fn shape(tree: &Tree, id: NodeId, out: &mut String) {
        match tree.node(id).map(|node| &node.data) {
            Some(NodeData::Element { name, .. }) => {
                out.push('<');
                out.push_str(&name.local);
                out.push('>');
                for child in tree.children(id) {
                    shape(tree, child, out);
                }
                out.push_str("</>");
            }
            Some(NodeData::Text(text)) => out.push_str(text),
            _ => {
                for child in tree.children(id) {
                    shape(tree, child, out);
                }
            }
        }
    }

    fn parsed(html: &str) -> String {
        let tree = Tree::parse(html).expect("page parses");
        let mut out = String::new();
        shape(&tree, tree.document(), &mut out);
        out
    }

    #[test]
    fn implied_tags_and_foster_parenting_follow_the_spec() {
        assert_eq!(
            parsed("<!DOCTYPE html><p>a<p>b<table>x<tr><td>1<td>2</table>"),
            "<html><head></><body><p>a</><p>b</>x<table><tbody><tr><td>1</><td>2</></></></></></>"
        );
    }

    #[test]
    fn misnested_formatting_is_repaired() {
        assert_eq!(
            parsed("<b>1<i>2</b>3</i>"),
            "<html><head></><body><b>1<i>2</></><i>3</></></>"
        );
    }

    #[test]
    fn text_split_across_chunks_is_one_node() {
        let text = "中".repeat(CHUNK_BYTES);
        let tree = Tree::parse(&format!("<p>{text}</p>")).expect("page parses");
        let texts: Vec<usize> = (0..tree.nodes.len())
            .filter_map(|id| match tree.node(id).map(|node| &node.data) {
                Some(NodeData::Text(t)) => Some(t.len()),
                _ => None,
            })
            .collect();
        assert_eq!(texts, vec![text.len()]);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let html = "<div>".repeat(MAX_DEPTH as usize + 10);
        assert!(matches!(
            Tree::parse(&html),
            Err(LoadError::TooLarge(message)) if message.contains("deep")
        ));
        assert!(Tree::parse(&"<div>".repeat(100)).is_ok());
    }

    #[test]
    fn chunks_end_on_characters() {
        assert_eq!(split_at_boundary("中文", 1), ("中", "文"));
        assert_eq!(split_at_boundary("中文", 4), ("中", "文"));
        assert_eq!(split_at_boundary("ab", 10), ("ab", ""));
    }
}
