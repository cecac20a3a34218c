//! Writing the store out: JSON (the contract's export) and CSV.

pub mod csv;
pub mod json;

use crate::store::{DocId, Filter, Store, StoreWarning, TaskId};

/// The documents and tasks an export holds: those passing a filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportView {
    /// Documents of the filtered cities (all when no city filter is set).
    pub documents: Vec<DocId>,
    /// Tasks passing every filter, in document order.
    pub tasks: Vec<TaskId>,
}

impl ExportView {
    /// The view of `store` through `filter`.
    pub fn new(store: &Store, filter: &Filter) -> Self {
        let documents = store
            .documents()
            .iter()
            .enumerate()
            .filter(|(_, document)| match &filter.cities {
                Some(cities) => document.city.is_some_and(|city| cities.contains(&city)),
                None => true,
            })
            .filter_map(|(index, _)| DocId::try_from(index).ok())
            .collect();
        Self {
            documents,
            tasks: store.filter(filter),
        }
    }

    /// True when a warning belongs in the export: it is about a document in
    /// the view, or about a file that did not load at all.
    pub fn includes_warning(&self, warning: &StoreWarning) -> bool {
        warning
            .document
            .is_none_or(|document| self.documents.binary_search(&document).is_ok())
    }
}
