//! Computing views off the input thread: the newest request wins, older
//! ones still queued are dropped. A computation that panics is reported
//! (and logged) instead of leaving the dashboard waiting forever.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread;

use super::view::{MatchCache, ViewRequest, ViewResult, compute};
use crate::store::Store;

/// A background thread that computes views and sends them back.
pub struct Worker {
    requests: Sender<ViewRequest>,
}

impl Worker {
    /// Starts the worker; each result, or the failure of a computation,
    /// goes through `deliver`.
    pub fn spawn<F>(store: Arc<Store>, deliver: F) -> std::io::Result<Self>
    where
        F: Fn(Result<ViewResult, String>) -> bool + Send + 'static,
    {
        let (requests, inbox) = channel::<ViewRequest>();
        thread::Builder::new()
            .name("zeren-view".to_string())
            .spawn(move || {
                let mut cache = MatchCache::default();
                serve(
                    &inbox,
                    |request, after_panic| {
                        if after_panic {
                            cache = MatchCache::default();
                        }
                        compute(&store, request, &mut cache)
                    },
                    deliver,
                );
            })?;
        Ok(Self { requests })
    }

    /// Queues a request; false when the worker has stopped.
    pub fn submit(&self, request: ViewRequest) -> bool {
        self.requests.send(request).is_ok()
    }
}

/// Answers the newest queued request with `compute` (told when the
/// computation before panicked, so it starts afresh); a computation that
/// panics is delivered as its message.
fn serve(
    inbox: &Receiver<ViewRequest>,
    mut compute: impl FnMut(&ViewRequest, bool) -> ViewResult,
    deliver: impl Fn(Result<ViewResult, String>) -> bool,
) {
    let mut after_panic = false;
    while let Ok(first) = inbox.recv() {
        let request = inbox.try_iter().last().unwrap_or(first);
        let outcome = catch_unwind(AssertUnwindSafe(|| compute(&request, after_panic)))
            .map_err(|panic| panic_text(panic.as_ref()));
        after_panic = outcome.is_err();
        if !deliver(outcome) {
            return;
        }
    }
}

/// The message of a panic's payload.
pub fn panic_text(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|text| (*text).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::filters::Filters;
    use std::cell::RefCell;

    fn request(generation: u64) -> ViewRequest {
        ViewRequest {
            generation,
            filters: Filters::default(),
            review_keep: None,
            compare: None,
        }
    }

    #[test]
    fn a_panicking_computation_is_reported_and_the_worker_goes_on() {
        let (requests, inbox) = channel();
        let delivered = RefCell::new(Vec::new());
        let restarted = RefCell::new(Vec::new());
        requests.send(request(1)).unwrap();
        let deliver = |outcome: Result<ViewResult, String>| {
            delivered
                .borrow_mut()
                .push(outcome.map(|view| view.generation));
            if delivered.borrow().len() == 1 {
                requests.send(request(2)).unwrap();
            }
            delivered.borrow().len() < 2
        };
        serve(
            &inbox,
            |request, after_panic| {
                restarted.borrow_mut().push(after_panic);
                assert!(request.generation != 1, "broken view");
                ViewResult {
                    generation: request.generation,
                    ..ViewResult::default()
                }
            },
            deliver,
        );
        assert_eq!(*delivered.borrow(), [Err("broken view".to_string()), Ok(2)]);
        assert_eq!(*restarted.borrow(), [false, true]);
    }
}
