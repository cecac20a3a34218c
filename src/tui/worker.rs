//! Computing views off the input thread: the newest request wins, older
//! ones still queued are dropped.

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
    /// Starts the worker; each result goes through `deliver`.
    pub fn spawn<F>(store: Arc<Store>, deliver: F) -> std::io::Result<Self>
    where
        F: Fn(ViewResult) -> bool + Send + 'static,
    {
        let (requests, inbox) = channel::<ViewRequest>();
        thread::Builder::new()
            .name("zeren-view".to_string())
            .spawn(move || serve(&store, &inbox, deliver))?;
        Ok(Self { requests })
    }

    /// Queues a request (dropped quietly when the worker has stopped).
    pub fn submit(&self, request: ViewRequest) {
        let _ = self.requests.send(request);
    }
}

fn serve(store: &Store, inbox: &Receiver<ViewRequest>, deliver: impl Fn(ViewResult) -> bool) {
    let mut cache = MatchCache::default();
    while let Ok(first) = inbox.recv() {
        let request = inbox.try_iter().last().unwrap_or(first);
        if !deliver(compute(store, &request, &mut cache)) {
            return;
        }
    }
}
