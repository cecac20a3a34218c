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
            .spawn(move || serve(&store, &inbox, deliver))?;
        Ok(Self { requests })
    }

    /// Queues a request; false when the worker has stopped.
    pub fn submit(&self, request: ViewRequest) -> bool {
        self.requests.send(request).is_ok()
    }
}

fn serve(
    store: &Store,
    inbox: &Receiver<ViewRequest>,
    deliver: impl Fn(Result<ViewResult, String>) -> bool,
) {
    let mut cache = MatchCache::default();
    while let Ok(first) = inbox.recv() {
        let request = inbox.try_iter().last().unwrap_or(first);
        let outcome = catch_unwind(AssertUnwindSafe(|| compute(store, &request, &mut cache)))
            .map_err(|panic| {
                cache = MatchCache::default();
                panic_text(panic.as_ref())
            });
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
