//! The secrets of this run's client (its access key or static token, and the tokens it
//! fetched), removed from everything hec prints. Errors arrive redacted from the library; what a
//! successful call returns (a task's name, status or messages, an entity's fields) comes as the
//! service sent it, and a gateway may echo a secret there.

use std::borrow::Cow;
use std::sync::OnceLock;

use hec_blocking::Client;

/// The run's client, whose secrets [`text`] removes. hec makes one client per run.
static CLIENT: OnceLock<Client> = OnceLock::new();

/// Makes `client`'s secrets the ones [`text`] removes (the first client of the run's).
pub(crate) fn watch(client: &Client) {
    let _ = CLIENT.set(client.clone());
}

/// `text` with every secret of the run's client replaced by `[redacted]` (as it is before any
/// client is made).
pub(crate) fn text(text: &str) -> Cow<'_, str> {
    CLIENT.get().map_or(Cow::Borrowed(text), |client| client.redact_text(text))
}
