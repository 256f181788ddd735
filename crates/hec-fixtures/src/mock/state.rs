//! Everything the server and the test's handle share, behind one mutex.

use std::sync::{Mutex, MutexGuard, PoisonError};

use super::auth::TokenStore;
use super::fault::FaultBook;
use super::record::RequestLog;
use super::script::TaskBook;
use super::tenant::Tenant;

/// The mock's state, shared by the server thread and the [`MockGateway`](super::MockGateway)
/// handle. The lock is never held across an `.await`.
#[derive(Debug)]
pub(crate) struct Shared {
    state: Mutex<State>,
}

#[derive(Debug)]
pub(crate) struct State {
    pub(crate) tokens: TokenStore,
    pub(crate) tasks: TaskBook,
    pub(crate) faults: FaultBook,
    pub(crate) log: RequestLog,
    pub(crate) tenant: Tenant,
    /// TCP connections accepted so far.
    pub(crate) connections: usize,
    /// Requests being handled now.
    pub(crate) in_flight: usize,
    /// The most requests handled at once so far.
    pub(crate) max_in_flight: usize,
}

impl Shared {
    pub(crate) fn new(tokens: TokenStore, tasks: TaskBook, log: RequestLog, tenant: Tenant) -> Shared {
        let state = State {
            tokens,
            tasks,
            faults: FaultBook::default(),
            log,
            tenant,
            connections: 0,
            in_flight: 0,
            max_in_flight: 0,
        };
        Shared { state: Mutex::new(state) }
    }

    /// The state. A panic while it was held (a bug) does not make it unusable.
    pub(crate) fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
