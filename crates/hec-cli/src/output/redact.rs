//! The secrets of this run's client (its access key or static token, and the tokens it
//! fetched), removed from everything hec prints. Errors arrive redacted from the library; what a
//! successful call returns (a task's name, status or messages, an entity's fields) comes as the
//! service sent it, and a gateway may echo a secret there.

use std::borrow::Cow;
use std::sync::{Mutex, PoisonError};

use hec_blocking::Client;

/// The run's clients, whose secrets [`text`] removes: one, or one per profile with
/// `--all-profiles`.
static CLIENTS: Mutex<Vec<Client>> = Mutex::new(Vec::new());

/// Adds `client`'s secrets to the ones [`text`] removes.
pub(crate) fn watch(client: &Client) {
    CLIENTS.lock().unwrap_or_else(PoisonError::into_inner).push(client.clone());
}

/// `text` with every secret of the run's clients replaced by `[redacted]` (as it is before any
/// client is made).
pub(crate) fn text(text: &str) -> Cow<'_, str> {
    let clients = CLIENTS.lock().unwrap_or_else(PoisonError::into_inner);
    let mut text = Cow::Borrowed(text);
    for client in clients.iter() {
        if let Cow::Owned(redacted) = client.redact_text(&text) {
            text = Cow::Owned(redacted);
        }
    }
    text
}
