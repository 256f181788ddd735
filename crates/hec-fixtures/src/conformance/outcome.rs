//! What a parser made of a fixture's response ([`Outcome`]), and
//! [`Fixture::check`](crate::corpus::Fixture::check): the comparison of that outcome with the
//! fixture's expectation, field by field, for a downstream parser or driver as for hec-proto's.

use std::fmt;

use hec_proto::endpoint::{FollowUrl, Scopes, TaskResponse, TokenGrant, Written};
use hec_proto::model::{AnomalyException, ApException, CtpItem, CtpListRow, ToolException};
use hec_proto::{ActionResponse, Entity, Event, Page, ResponseError};

use super::{Mismatches, compare};
use crate::corpus::Fixture;

/// Defines [`Outcome`] with one variant for each answer type, and `From` that type for it.
macro_rules! outcomes {
    ($($(#[$doc:meta])* $variant:ident($type:ty)),* $(,)?) => {
        /// What a parser made of a fixture's response: one of hec-proto's answers, or the
        /// [`ResponseError`] it refused the response with. Every answer converts `into` it, and
        /// so does a `Result` of one, so `fixture.check(call.parse(&response, id).into())` reads.
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub enum Outcome {
            $($(#[$doc])* $variant($type)),*
        }

        $(
            impl From<$type> for Outcome {
                fn from(answer: $type) -> Outcome {
                    Outcome::$variant(answer)
                }
            }
        )*
    };
}

outcomes!(
    /// A task status answer (`task`).
    Task(TaskResponse),
    /// A token (`token`).
    Token(TokenGrant),
    /// The scopes (`scopes`).
    Scopes(Scopes),
    /// A page of a search (`search`).
    Entities(Page<Entity>),
    /// A page of an event query (`event_query`).
    Events(Page<Event>),
    /// One entity (`entity`).
    Entity(Entity),
    /// One event (`event`).
    Event(Event),
    /// An action's answer (`entity_action`, `event_action`).
    Action(ActionResponse),
    /// Anti-phishing exceptions (a list, or the one read by id).
    ApExceptions(Vec<ApException>),
    /// Security-tool exceptions (a page, or the one read by its key).
    ToolExceptions(Vec<ToolException>),
    /// Anomaly rules.
    AnomalyExceptions(Vec<AnomalyException>),
    /// Click-time-protection list rows.
    CtpRows(Vec<CtpListRow>),
    /// Click-time-protection items (a list, or the one read by id).
    CtpItems(Vec<CtpItem>),
    /// A write's answer (an exception's create, modify, update, delete; `misclassification`).
    Written(Written),
    /// `soar/notify` said `{"ok": true}` (`notify`): its answer is `()`, so
    /// `fixture.check(call.parse(&response, id).into())` reads for it too.
    Notified(()),
    /// What a download's answer came to (`download`): the message's bytes, or a URL to follow.
    Download(DownloadOutcome),
    /// The response was refused.
    Error(ResponseError),
);

impl Outcome {
    /// What the outcome is, for a mismatch's "got": `a task`, `error not_found (...)`...
    pub(super) fn describe(&self) -> String {
        let what = match self {
            Outcome::Task(_) => "a task",
            Outcome::Token(_) => "a token",
            Outcome::Scopes(_) => "scopes",
            Outcome::Entities(_) => "a page of entities",
            Outcome::Events(_) => "a page of events",
            Outcome::Entity(_) => "an entity",
            Outcome::Event(_) => "an event",
            Outcome::Action(_) => "an action answer",
            Outcome::ApExceptions(_)
            | Outcome::ToolExceptions(_)
            | Outcome::AnomalyExceptions(_)
            | Outcome::CtpRows(_)
            | Outcome::CtpItems(_) => "an exceptions answer",
            Outcome::Written(_) => "a write's success",
            Outcome::Notified(()) => "ok",
            Outcome::Download(DownloadOutcome::Message { bytes }) => {
                return format!("the message ({bytes} bytes)");
            }
            Outcome::Download(DownloadOutcome::Follow(url)) => {
                return format!("a URL to follow (on {})", url.host());
            }
            Outcome::Error(error) => return format!("error {} ({error})", error.kind_name()),
        };
        what.to_owned()
    }
}

/// What a download's answer came to: hec-proto's
/// [`DownloadEntity`](hec_proto::endpoint::DownloadEntity) tells a message
/// ([`DownloadAnswer::Message`](hec_proto::endpoint::DownloadAnswer::Message), streamed as it
/// is) from JSON (`parse_answer`: a URL to follow, or an error).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum DownloadOutcome {
    /// The body was the message, written byte for byte: how many bytes.
    Message {
        /// The bytes written.
        bytes: u64,
    },
    /// A JSON answer named the `https` URL to fetch the message from.
    Follow(FollowUrl),
}

impl From<FollowUrl> for DownloadOutcome {
    fn from(url: FollowUrl) -> DownloadOutcome {
        DownloadOutcome::Follow(url)
    }
}

impl<T: Into<Outcome>> From<Result<T, ResponseError>> for Outcome {
    fn from(result: Result<T, ResponseError>) -> Outcome {
        result.map_or_else(Outcome::Error, Into::into)
    }
}

/// One field that differs from a fixture's expectation.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldMismatch {
    /// The field, as the fixture's `expect` names it (`status`, `[0].subject`,
    /// `tasks[1].task_id`...), or `outcome` when the outcome is not of the expected kind.
    pub field: String,
    /// What the fixture expects.
    pub expected: String,
    /// What came.
    pub actual: String,
}

impl fmt::Display for FieldMismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: expected {}, got {}", self.field, self.expected, self.actual)
    }
}

/// How an outcome differs from a fixture's expectation: the fixture and every field that differs.
/// Its `Display` names them all: `fixture task-completed: status: expected "completed", got
/// "failed"`, one line a field.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Mismatch {
    /// The fixture's name.
    pub fixture: &'static str,
    /// Every field that differs, at least one.
    pub fields: Vec<FieldMismatch>,
}

impl fmt::Display for Mismatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (index, field) in self.fields.iter().enumerate() {
            if index > 0 {
                f.write_str("\n")?;
            }
            write!(f, "fixture {}: {field}", self.fixture)?;
        }
        Ok(())
    }
}

impl std::error::Error for Mismatch {}

impl Fixture {
    /// Compares what a parser made of this fixture's response with the fixture's expectation:
    /// every field the fixture names, each item serializing back to the JSON it was read from,
    /// and an error's kind ([`ResponseError::kind_name`]), status, envelope and path. `Ok` when
    /// everything matches; else every difference, each with the field, what was expected and
    /// what came. The request is not compared here (the crate's conformance run checks that
    /// hec-proto's endpoints send the fixture's request).
    ///
    /// ```
    /// use hec_fixtures::corpus;
    /// use hec_proto::endpoint::{Endpoint, GetTask};
    /// use hec_proto::{RequestId, TaskStatus};
    ///
    /// let fixture = corpus::get("live-completed").expect("a fixture of the corpus");
    /// // A downstream parser; here hec-proto's own.
    /// let call = GetTask::new("1735689600123457".parse()?);
    /// let parsed = call.parse(&fixture.response.to_http(), RequestId::new());
    /// assert_eq!(fixture.check(parsed.clone().into()), Ok(()));
    ///
    /// // A parser that read the status wrong is told which field, what was expected, what came.
    /// let mut wrong = parsed?;
    /// wrong.task.status = Some(TaskStatus::Failed);
    /// let mismatch = fixture.check(wrong.into()).unwrap_err();
    /// assert_eq!(
    ///     mismatch.to_string(),
    ///     r#"fixture live-completed: status: expected "completed", got "failed""#
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check(&self, outcome: Outcome) -> Result<(), Mismatch> {
        let mut out = Mismatches::default();
        compare(&mut out, self, &outcome);
        if out.0.is_empty() { Ok(()) } else { Err(Mismatch { fixture: self.name, fields: out.0 }) }
    }
}
