//! Finding each mark's task in the loaded documents, so a mark follows its
//! task when the document changes:
//!
//! 1. same document, same key (plan, number, text): the task itself;
//! 2. same document, same text (renumbered, or moved to another plan);
//! 3. same document, the most similar text by fingerprint, at most
//!    [`SIMILAR_BITS`] bits apart: the task edited a little, shown as
//!    changed since review. Each document compares its leftover marks with
//!    its leftover tasks only, and only when there are at most
//!    [`MAX_SIMILARITY_PAIRS`] pairs, so the cost stays linear in the corpus.
//!
//! A document renamed within its folder is found by its marks' keys: the new
//! name whose tasks match most of them. A mark left over is orphaned: it
//! stays in the file and is listed for the reviewer to re-attach or drop.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;

use super::file::Marks;
use super::fingerprint::{SIMILAR_BITS, distance, fingerprint};
use super::key::{MarkId, TaskKey, text_hash};
use super::mark::Status;
use crate::store::{DocId, Store, TaskId};

/// The most mark × task pairs compared by fingerprint in one document.
pub const MAX_SIMILARITY_PAIRS: usize = 1 << 22;

/// The key of every task of a store, indexed by [`TaskId`].
#[derive(Debug, Clone, Default)]
pub struct TaskKeys(Vec<TaskKey>);

impl TaskKeys {
    /// The keys of `store`'s tasks (computed in parallel, per document).
    pub fn of(store: &Store) -> Self {
        let per_document: Vec<Vec<TaskKey>> = store
            .documents()
            .par_iter()
            .map(|document| {
                let mut seen: HashMap<(Option<u32>, Option<&str>, u64), u32> = HashMap::new();
                document
                    .tasks
                    .clone()
                    .map(|id| {
                        let task = store.task(id);
                        let hash = text_hash(store.text_of(task));
                        let occurrence = seen
                            .entry((task.plan, task.number.as_deref(), hash))
                            .or_insert(0);
                        let key = TaskKey {
                            plan: task.plan,
                            number: task.number.clone(),
                            text_hash: hash,
                            occurrence: *occurrence,
                        };
                        *occurrence += 1;
                        key
                    })
                    .collect()
            })
            .collect();
        Self(per_document.into_iter().flatten().collect())
    }

    /// The key of one task.
    pub fn get(&self, task: TaskId) -> Option<&TaskKey> {
        self.0.get(task as usize)
    }
}

/// Which task each mark of one review file belongs to.
#[derive(Debug, Clone, Default)]
pub struct Attachment {
    /// The mark of each marked task, with its status.
    pub by_task: HashMap<TaskId, (MarkId, Status)>,
    /// The task of each attached mark.
    pub task_of: HashMap<MarkId, TaskId>,
    /// Marks of loaded (or vanished) documents whose task is gone.
    pub orphans: BTreeSet<MarkId>,
}

/// Attaches the marks of one review file to the tasks of `documents` (the
/// loaded documents kept in it, with their names). With `whole_folder`, the
/// marks of documents not loaded are orphaned too (their document is gone).
pub fn attach(
    marks: &Marks,
    documents: &[(DocId, Arc<str>)],
    whole_folder: bool,
    store: &Store,
    keys: &TaskKeys,
) -> Attachment {
    let mut loaded: HashMap<&str, Vec<DocId>> = HashMap::new();
    for (document, name) in documents {
        loaded.entry(name).or_default().push(*document);
    }
    let mut groups: Vec<(&str, Vec<&MarkId>)> = Vec::new();
    for id in marks.keys() {
        match groups.last_mut() {
            Some((name, group)) if *name == &*id.document => group.push(id),
            _ => groups.push((&id.document, vec![id])),
        }
    }
    let mut attachment = Attachment::default();
    let mut missing = Vec::new();
    for (name, group) in &groups {
        match loaded.get(name) {
            Some(targets) => attach_group(group, targets, marks, store, keys, &mut attachment),
            None => missing.push(group),
        }
    }
    let fresh: Vec<DocId> = documents
        .iter()
        .filter(|(_, name)| {
            groups
                .binary_search_by(|(group, _)| (*group).cmp(name))
                .is_err()
        })
        .map(|(document, _)| *document)
        .collect();
    let renamed = find_renamed(&missing, &fresh, store, keys);
    for (group, target) in missing.iter().zip(renamed) {
        match target {
            Some(document) => attach_group(group, &[document], marks, store, keys, &mut attachment),
            None if whole_folder => attachment
                .orphans
                .extend(group.iter().map(|id| (*id).clone())),
            None => {}
        }
    }
    attachment
}

/// For each group of marks of a document not loaded, the loaded document
/// without marks of its own (a renamed one) whose tasks match most of its
/// keys, if any matches; each such document taken once.
fn find_renamed(
    missing: &[&Vec<&MarkId>],
    fresh: &[DocId],
    store: &Store,
    keys: &TaskKeys,
) -> Vec<Option<DocId>> {
    if missing.is_empty() || fresh.is_empty() {
        return vec![None; missing.len()];
    }
    let mut owner: HashMap<&TaskKey, DocId> = HashMap::new();
    for &document in fresh {
        for task in store.document(document).tasks.clone() {
            if let Some(key) = keys.get(task) {
                owner.entry(key).or_insert(document);
            }
        }
    }
    let mut taken: HashSet<DocId> = HashSet::new();
    missing
        .iter()
        .map(|group| {
            let mut hits: HashMap<DocId, usize> = HashMap::new();
            for id in group.iter() {
                if let Some(&document) = owner.get(&id.key) {
                    *hits.entry(document).or_default() += 1;
                }
            }
            let best = hits
                .into_iter()
                .filter(|(document, _)| !taken.contains(document))
                .max_by_key(|&(document, count)| (count, std::cmp::Reverse(document)))
                .map(|(document, _)| document);
            if let Some(document) = best {
                taken.insert(document);
            }
            best
        })
        .collect()
}

/// Attaches the marks of one document to its tasks in `targets` (usually
/// one document; several when two loaded documents share a name).
fn attach_group(
    group: &[&MarkId],
    targets: &[DocId],
    marks: &Marks,
    store: &Store,
    keys: &TaskKeys,
    attachment: &mut Attachment,
) {
    let tasks: Vec<TaskId> = targets
        .iter()
        .flat_map(|&document| store.document(document).tasks.clone())
        .collect();
    let mut claimed: HashSet<TaskId> = HashSet::new();
    let mut left: Vec<&MarkId> = Vec::new();
    let mut by_key: HashMap<&TaskKey, Vec<TaskId>> = HashMap::new();
    for &task in tasks.iter().rev() {
        if let Some(key) = keys.get(task) {
            by_key.entry(key).or_default().push(task);
        }
    }
    let bind = |id: &MarkId, task: TaskId, attachment: &mut Attachment| {
        let status = marks.get(id).map_or(Status::Reviewed, |mark| mark.status);
        attachment.by_task.insert(task, (id.clone(), status));
        attachment.task_of.insert(id.clone(), task);
    };
    for &id in group {
        let found = by_key
            .get_mut(&id.key)
            .and_then(|candidates| pop_unclaimed(candidates, &claimed));
        match found {
            Some(task) => {
                claimed.insert(task);
                bind(id, task, attachment);
            }
            None => left.push(id),
        }
    }
    if left.is_empty() {
        return;
    }
    let mut by_text: HashMap<u64, Vec<TaskId>> = HashMap::new();
    for &task in tasks.iter().rev() {
        if !claimed.contains(&task)
            && let Some(key) = keys.get(task)
        {
            by_text.entry(key.text_hash).or_default().push(task);
        }
    }
    let mut still: Vec<&MarkId> = Vec::new();
    for id in left {
        let found = by_text
            .get_mut(&id.key.text_hash)
            .and_then(|candidates| pop_unclaimed(candidates, &claimed));
        match found {
            Some(task) => {
                claimed.insert(task);
                bind(id, task, attachment);
            }
            None => still.push(id),
        }
    }
    let unclaimed: Vec<TaskId> = tasks
        .iter()
        .copied()
        .filter(|task| !claimed.contains(task))
        .collect();
    let comparable: Vec<(&MarkId, u64)> = still
        .iter()
        .filter_map(|&id| Some((id, marks.get(id)?.task.fingerprint?)))
        .collect();
    if !comparable.is_empty()
        && !unclaimed.is_empty()
        && comparable.len().saturating_mul(unclaimed.len()) <= MAX_SIMILARITY_PAIRS
    {
        let prints: Vec<u64> = unclaimed
            .iter()
            .map(|&task| fingerprint(store.task_text(task)))
            .collect();
        let mut pairs: Vec<(u32, usize, usize)> = Vec::new();
        for (mark_index, (_, print)) in comparable.iter().enumerate() {
            for (task_index, task_print) in prints.iter().enumerate() {
                let bits = distance(*print, *task_print);
                if bits <= SIMILAR_BITS {
                    pairs.push((bits, mark_index, task_index));
                }
            }
        }
        pairs.sort_unstable();
        let mut mark_done = vec![false; comparable.len()];
        let mut task_done = vec![false; unclaimed.len()];
        for (_, mark_index, task_index) in pairs {
            if mark_done[mark_index] || task_done[task_index] {
                continue;
            }
            mark_done[mark_index] = true;
            task_done[task_index] = true;
            bind(comparable[mark_index].0, unclaimed[task_index], attachment);
        }
        let attached: HashSet<&MarkId> = comparable
            .iter()
            .zip(&mark_done)
            .filter(|(_, done)| **done)
            .map(|((id, _), _)| *id)
            .collect();
        still.retain(|id| !attached.contains(id));
    }
    attachment.orphans.extend(still.into_iter().cloned());
}

/// The first candidate not claimed yet (candidates are stacked last first).
fn pop_unclaimed(candidates: &mut Vec<TaskId>, claimed: &HashSet<TaskId>) -> Option<TaskId> {
    while let Some(task) = candidates.pop() {
        if !claimed.contains(&task) {
            return Some(task);
        }
    }
    None
}
