//! The Cities pane's place tree: provinces, their cities, their counties
//! and districts, each with its tasks under the other filters; `h`/`l`
//! close and open a place, `Enter` filters to it at any level.

use std::collections::HashSet;

use super::{App, Pane};
use crate::store::{PlaceId, Store};
use crate::tui::filters::PlaceChoice;
use crate::tui::view::ViewResult;

/// One visible row of the place tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlaceRow {
    /// `None` for the documents whose place is unknown.
    pub place: Option<PlaceId>,
    pub depth: usize,
    /// Tasks of the place and the places under it, under the other filters.
    pub count: usize,
    pub has_children: bool,
    pub expanded: bool,
}

/// Which places are closed.
#[derive(Debug, Clone, Default)]
pub struct PlaceTree {
    closed: HashSet<PlaceId>,
}

impl PlaceTree {
    /// The visible rows: places with tasks, inside open places, each level
    /// by tasks (most first) then by name; the unknown place last.
    pub fn rows(&self, store: &Store, view: &ViewResult) -> Vec<PlaceRow> {
        let count = |place: PlaceId| view.place_counts.get(place as usize).copied().unwrap_or(0);
        let mut rows = Vec::new();
        let mut stack: Vec<PlaceId> = self.ordered(store, store.places().roots(), &count);
        stack.reverse();
        while let Some(place) = stack.pop() {
            let node = store.places().get(place);
            let children = self.ordered(store, &node.children, &count);
            let expanded = !self.closed.contains(&place);
            rows.push(PlaceRow {
                place: Some(place),
                depth: node.depth,
                count: count(place),
                has_children: !children.is_empty(),
                expanded,
            });
            if expanded {
                stack.extend(children.into_iter().rev());
            }
        }
        if view.unknown_place_count > 0 {
            rows.push(PlaceRow {
                place: None,
                depth: 0,
                count: view.unknown_place_count,
                has_children: false,
                expanded: false,
            });
        }
        rows
    }

    /// The places of `places` with tasks, most tasks first, then by name.
    fn ordered(
        &self,
        store: &Store,
        places: &[PlaceId],
        count: &impl Fn(PlaceId) -> usize,
    ) -> Vec<PlaceId> {
        let mut shown: Vec<PlaceId> = places
            .iter()
            .copied()
            .filter(|&place| count(place) > 0)
            .collect();
        shown.sort_by(|&a, &b| {
            count(b)
                .cmp(&count(a))
                .then_with(|| store.places().get(a).name.cmp(&store.places().get(b).name))
        });
        shown
    }

    /// Opens or closes a place.
    pub fn set_open(&mut self, place: PlaceId, open: bool) {
        if open {
            self.closed.remove(&place);
        } else {
            self.closed.insert(place);
        }
    }
}

impl App {
    /// The filter for `place`; `own_only` keeps the documents it issued
    /// itself (when places under it issued some too).
    pub(super) fn place_choice(&self, place: PlaceId, own_only: bool) -> PlaceChoice {
        let places = self.store.places();
        let own_only = own_only && places.has_documents_below(place);
        PlaceChoice {
            label: places.get(place).name.clone(),
            places: vec![place],
            own_only,
        }
    }

    /// `h` closes the selected place (or goes to its parent), `l` opens it.
    pub(super) fn open_selected_place(&mut self, open: bool) {
        let cursor = self.cursors[Pane::Cities].selected;
        let Some(row) = self.place_rows.get(cursor).copied() else {
            return;
        };
        let Some(place) = row.place else {
            return;
        };
        if !open && (!row.has_children || !row.expanded) {
            if let Some(parent) = self.place_rows[..cursor]
                .iter()
                .rposition(|candidate| candidate.depth < row.depth)
            {
                self.cursors[Pane::Cities].selected = parent;
            }
            return;
        }
        self.place_tree.set_open(place, open);
        self.place_rows = self.place_tree.rows(&self.store, &self.view);
        self.cursors[Pane::Cities].clamp(self.place_rows.len());
    }
}
