//! The panes, a value per pane, and a list's cursor.

use std::ops::{Index, IndexMut};

/// The panes that take the focus: four lists and the Detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Cities,
    Sections,
    Tasks,
    Leads,
    /// The selected task in full; its cursor's offset is the first line
    /// shown.
    Detail,
}

impl Pane {
    /// The panes in `Tab` order: left column, then the middle, then the
    /// right.
    pub const ALL: [Pane; 5] = [
        Pane::Cities,
        Pane::Sections,
        Pane::Tasks,
        Pane::Detail,
        Pane::Leads,
    ];

    /// The four panes that are lists of rows.
    pub const LISTS: [Pane; 4] = [Pane::Cities, Pane::Sections, Pane::Tasks, Pane::Leads];

    fn slot(self) -> usize {
        match self {
            Pane::Cities => 0,
            Pane::Sections => 1,
            Pane::Tasks => 2,
            Pane::Leads => 3,
            Pane::Detail => 4,
        }
    }
}

/// One value for each pane, indexed by [`Pane`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaneMap<T>([T; 5]);

impl<T: Default> Default for PaneMap<T> {
    fn default() -> Self {
        Self(std::array::from_fn(|_| T::default()))
    }
}

impl<T> Index<Pane> for PaneMap<T> {
    type Output = T;

    fn index(&self, pane: Pane) -> &T {
        &self.0[pane.slot()]
    }
}

impl<T> IndexMut<Pane> for PaneMap<T> {
    fn index_mut(&mut self, pane: Pane) -> &mut T {
        &mut self.0[pane.slot()]
    }
}

/// The selected row of a list and the first row on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ListCursor {
    pub selected: usize,
    pub offset: usize,
}

impl ListCursor {
    /// Keeps the selection inside a list of `len` rows.
    pub fn clamp(&mut self, len: usize) {
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    /// Moves the selection by `delta` rows, inside a list of `len`.
    pub fn move_by(&mut self, delta: isize, len: usize) {
        let target = self.selected.saturating_add_signed(delta);
        self.selected = target.min(len.saturating_sub(1));
    }

    /// Moves a scroll position by `delta` lines, at most to `max`: the
    /// cursor of a text that scrolls, whose selected line is its first.
    pub fn scroll_by(&mut self, delta: isize, max: usize) {
        let target = self.offset.saturating_add_signed(delta).min(max);
        self.offset = target;
        self.selected = target;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pane_has_its_own_slot() {
        let mut map: PaneMap<usize> = PaneMap::default();
        for (index, pane) in Pane::ALL.into_iter().enumerate() {
            map[pane] = index + 1;
        }
        let values: Vec<usize> = Pane::ALL.iter().map(|&pane| map[pane]).collect();
        assert_eq!(values, [1, 2, 3, 4, 5]);
    }

    #[test]
    fn a_scroll_stops_at_its_end() {
        let mut cursor = ListCursor::default();
        cursor.scroll_by(5, 3);
        assert_eq!((cursor.offset, cursor.selected), (3, 3));
        cursor.scroll_by(-10, 3);
        assert_eq!(cursor.offset, 0);
    }
}
