//! The places documents come from, as a tree: province → city →
//! county or district, from each document's `region` (contract v2). A
//! document belongs to the place that issued it, at its own level; a place
//! holds the documents of the places under it too.

use std::ops::Range;

use rustc_hash::FxHashMap;

use super::DocId;

/// Index of a place in the store.
pub type PlaceId = u32;

/// One place of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// Its name with its suffix (辽宁省, 鞍山市, 立山区).
    pub name: String,
    pub parent: Option<PlaceId>,
    /// 0 for a province (or a municipality), 1 for a city, 2 below.
    pub depth: usize,
    /// The places directly under it, by name.
    pub children: Vec<PlaceId>,
    /// The documents it issued itself, in document order.
    pub documents: Vec<DocId>,
    /// Documents issued by it and by the places under it.
    pub tree_documents: usize,
    /// Its position in the tree's preorder and the end of the places under
    /// it there: place q lies under p when `p.order` holds `q.order.start`.
    order: Range<u32>,
}

impl Place {
    /// True when the place has places under it.
    pub fn has_children(&self) -> bool {
        !self.children.is_empty()
    }
}

/// The tree of places, built as documents are added.
#[derive(Debug, Clone, Default)]
pub struct Places {
    places: Vec<Place>,
    /// The places with no parent, by name.
    roots: Vec<PlaceId>,
    /// Every place, a place before the places under it.
    preorder: Vec<PlaceId>,
    /// Path from the top → place, while building.
    by_path: FxHashMap<Vec<String>, PlaceId>,
}

impl Places {
    /// Adds the document `doc` issued at the end of `path` (province first),
    /// creating the places along it; returns its place, or `None` for an
    /// empty path.
    pub fn add_document(&mut self, path: &[String], doc: DocId) -> Option<PlaceId> {
        let mut parent = None;
        for depth in 0..path.len() {
            let key = &path[..=depth];
            let place = match self.by_path.get(key) {
                Some(&place) => place,
                None => {
                    let place = id(self.places.len());
                    self.places.push(Place {
                        name: path[depth].clone(),
                        parent,
                        depth,
                        children: Vec::new(),
                        documents: Vec::new(),
                        tree_documents: 0,
                        order: 0..0,
                    });
                    match parent {
                        Some(parent) => self.places[parent as usize].children.push(place),
                        None => self.roots.push(place),
                    }
                    self.by_path.insert(key.to_vec(), place);
                    place
                }
            };
            parent = Some(place);
        }
        let place = parent?;
        self.places[place as usize].documents.push(doc);
        Some(place)
    }

    /// Sorts children by name and numbers the places in preorder; call once
    /// every document is in.
    pub fn finish(&mut self) {
        self.by_path = FxHashMap::default();
        let places = &self.places;
        let by_name = |a: &PlaceId, b: &PlaceId| {
            places[*a as usize]
                .name
                .cmp(&places[*b as usize].name)
                .then(a.cmp(b))
        };
        self.roots.sort_by(by_name);
        let mut sorted: Vec<Vec<PlaceId>> = self
            .places
            .iter()
            .map(|place| {
                let mut children = place.children.clone();
                children.sort_by(by_name);
                children
            })
            .collect();
        for (place, children) in self.places.iter_mut().zip(&mut sorted) {
            place.children = std::mem::take(children);
        }
        let mut next = 0;
        self.preorder.clear();
        let mut stack: Vec<(PlaceId, bool)> =
            self.roots.iter().rev().map(|&p| (p, false)).collect();
        while let Some((place, closing)) = stack.pop() {
            let node = &mut self.places[place as usize];
            if closing {
                node.order.end = next;
                continue;
            }
            node.order = next..next;
            next += 1;
            self.preorder.push(place);
            stack.push((place, true));
            stack.extend(node.children.iter().rev().map(|&child| (child, false)));
        }
        for &place in self.preorder.iter().rev() {
            let node = &mut self.places[place as usize];
            node.tree_documents += node.documents.len();
            let (count, parent) = (node.tree_documents, node.parent);
            if let Some(parent) = parent {
                self.places[parent as usize].tree_documents += count;
            }
        }
    }

    /// All places, by id.
    pub fn all(&self) -> &[Place] {
        &self.places
    }

    /// One place.
    pub fn get(&self, place: PlaceId) -> &Place {
        &self.places[place as usize]
    }

    /// The places at the top of the tree, by name.
    pub fn roots(&self) -> &[PlaceId] {
        &self.roots
    }

    /// True when `place` is `ancestor` or lies under it.
    pub fn is_within(&self, place: PlaceId, ancestor: PlaceId) -> bool {
        let start = self.get(place).order.start;
        self.get(ancestor).order.contains(&start)
    }

    /// The names from the top of the tree down to `place` (辽宁省, 鞍山市, 立山区).
    pub fn path(&self, place: PlaceId) -> Vec<&str> {
        let mut path = Vec::new();
        let mut current = Some(place);
        while let Some(id) = current {
            let node = self.get(id);
            path.push(node.name.as_str());
            current = node.parent;
        }
        path.reverse();
        path
    }

    /// Every place in preorder (a place before the places under it,
    /// siblings by name).
    pub fn preorder(&self) -> &[PlaceId] {
        &self.preorder
    }

    /// True when a place under `place` issued a document.
    pub fn has_documents_below(&self, place: PlaceId) -> bool {
        let node = self.get(place);
        node.tree_documents > node.documents.len()
    }
}

/// Converts an index to a 32-bit id; a store holds fewer than 2³² places.
fn id(index: usize) -> PlaceId {
    PlaceId::try_from(index).unwrap_or(PlaceId::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(names: &[&str]) -> Vec<String> {
        names.iter().map(|name| (*name).to_owned()).collect()
    }

    #[test]
    fn a_county_lies_under_its_city_under_its_province() {
        let mut places = Places::default();
        let county = places.add_document(&path(&["辽宁省", "鞍山市", "立山区"]), 0);
        let city = places.add_document(&path(&["辽宁省", "鞍山市"]), 1);
        let province = places.add_document(&path(&["辽宁省"]), 2);
        let other = places.add_document(&path(&["重庆市", "沙坪坝区"]), 3);
        assert_eq!(places.add_document(&[], 4), None);
        places.finish();
        let (Some(county), Some(city), Some(province), Some(other)) =
            (county, city, province, other)
        else {
            panic!("every document with a path has a place");
        };
        assert!(places.is_within(county, city));
        assert!(places.is_within(county, province));
        assert!(places.is_within(city, city));
        assert!(!places.is_within(city, county));
        assert!(!places.is_within(other, province));
        assert_eq!(places.path(county), ["辽宁省", "鞍山市", "立山区"]);
        assert_eq!(places.get(county).depth, 2);
        assert_eq!(places.all().len(), 5);
        let names: Vec<&str> = places
            .roots()
            .iter()
            .map(|&root| places.get(root).name.as_str())
            .collect();
        assert_eq!(names, ["辽宁省", "重庆市"]);
        assert!(places.has_documents_below(city));
        assert!(!places.has_documents_below(county));
        assert_eq!(places.preorder().first(), Some(&province));
    }
}
