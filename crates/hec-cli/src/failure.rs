//! `Failure`: why a command did not do what it was asked. It depends on nothing else of hec, so
//! that every module can return one; its exit code is [`Exit::of_failure`](crate::output::exit::Exit::of_failure).

use std::fmt;

use hec_proto::{Error, ResponseDetail};

/// A command's failure: a problem with what was asked (found before any request), or a failed
/// call to the service.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Usage or configuration: a bad task id, an unknown region, missing credentials...
    Usage(String),
    /// A call to the service failed (or the configuration was refused by the client).
    Client(Error),
}

impl Failure {
    /// A stable name for scripts: [`Error::kind_name`], or `config` for a usage problem.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Failure::Usage(_) => "config",
            Failure::Client(error) => error.kind_name(),
        }
    }

    /// The response the failure came from, if the service answered.
    pub(crate) fn detail(&self) -> Option<&ResponseDetail> {
        match self {
            Failure::Usage(_) => None,
            Failure::Client(error) => error.response_error().map(|e| e.detail()),
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Usage(message) => f.write_str(message),
            Failure::Client(error) => error.fmt(f),
        }
    }
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure::Client(error)
    }
}
