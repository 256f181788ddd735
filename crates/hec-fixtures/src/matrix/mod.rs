//! The fault matrix: one list of scenarios that every driver of hec-proto must pass, each on the
//! mock gateway, each asserting the outcome and the traffic the mock saw, and each checking that
//! no error and no tracing output shows the access key or a token. Most live in [`scenarios`]
//! (those of a gateway echoing secrets, of deadlines cutting requests in flight, of the demo
//! tenant's whole flow and of `log` records have files of their own, their functions
//! re-exported from [`scenarios`]); those of actions in [`actions`] (batching re-exported from a
//! file of its own); those that only read (scopes, searches, reads by id, a gateway paging
//! without end) in [`reads`]; the allow and block lists' in [`exceptions`]
//! ([`ExceptionDriver`], [`exception_matrix!`](crate::exception_matrix)); the event feed's
//! in [`feed`] ([`FeedDriver`], [`feed_matrix!`](crate::feed_matrix)); and the analyst's
//! toolkit's (the .eml download, notify, the mis-classification report, declining restore
//! requests, scan results, the detection filter) in [`toolkit`] ([`ToolkitDriver`],
//! [`toolkit_matrix!`](crate::toolkit_matrix)).
//!
//! A driver implements [`ReadDriver`] and [`Driver`] in its tests and instantiates the whole
//! list with [`driver_matrix!`](crate::driver_matrix) (hec-blocking's and hec-async's
//! `tests/it/matrix.rs` do). A driver that only reads implements [`ReadDriver`] alone and
//! instantiates the read scenarios ([`READ_SCENARIOS`]) with
//! [`read_matrix!`](crate::read_matrix)`(ItsType)`, or runs them one by one from the list
//! [`reads::read_scenarios`] gives. The crate's `examples/read_only_driver.rs` is such a driver,
//! compiled with the crate's tests and run by them: hec-proto's endpoints and paging over a plain
//! `ureq::Agent`, about a hundred lines.
//!
//! ```text
//! struct ReadOnly { /* an HTTP client, the base URL, the credentials, the token */ }
//! impl hec_fixtures::matrix::ReadDriver for ReadOnly { /* build, scopes, search_entities, ... */ }
//! hec_fixtures::read_matrix!(ReadOnly);
//! ```
//!
//! # What the matrix asks of a driver
//!
//! Every scenario runs on a fresh [`MockGateway`] with [`test_config`]'s configuration
//! (millisecond retry and wait timings), through [`run`]. What it checks, so what a driver must
//! do:
//!
//! - **Send what hec-proto builds, plus a user agent.** Each endpoint's request already carries
//!   the bearer token, `accept: application/json` and the `x-av-req-id` request id (a fresh
//!   [`RequestId`](hec_proto::RequestId) per attempt: a retried request is a new id); the driver
//!   adds `user-agent` from the [`ClientConfig`]'s `user_agent` (hec's is
//!   [`hec_proto::config::USER_AGENT`]) and parses the answer with the same request id. It
//!   follows no redirect, reads at most the configuration's `body_limit` bytes, and keeps to its
//!   `timeout`.
//! - **Trace, and never a secret.** [`run`] captures `tracing` at TRACE level on the scenario's
//!   thread (a driver that spawns threads carries the dispatcher along, as hec-blocking's
//!   `get_tasks_concurrently` does): a scenario that sends a request must leave some output (an
//!   event or a closed span), one that [sends nothing](Harness::sends_nothing) none, and neither
//!   that output nor the `Display` and `Debug` of any error the scenario saw may hold the access
//!   key or a token (the mock's tokens start with [`mock::TOKEN_PREFIX`](crate::mock::TOKEN_PREFIX)).
//!   Redact errors with hec-proto's [`Secrets`](hec_proto::redact::Secrets) (the key, every
//!   token fetched) and trace method, path and status, never headers or bodies.
//! - **Log no secret either.** The `log` scenario
//!   ([`no_log_record_at_any_level_holds_the_access_key_or_a_token`](scenarios::no_log_record_at_any_level_holds_the_access_key_or_a_token))
//!   captures every `log` record: some must come from [`Driver::HTTP_LOG_TARGET`] (so the capture
//!   proves something), none may hold a piece of the key or a token, and with
//!   [`Driver::LOG_CAPPED_AT_DEBUG`] none may be at trace level.
//! - **The read half** ([`READ_SCENARIOS`], [`reads`]): scopes, lazy searches (nothing sent
//!   before the first item; a page fetched when its first item is asked for; a failed page is
//!   the last item; a repeated cursor ends the search; a page answered again under the same
//!   cursor is read once; a cursor past the cap is an error), reads by id (an empty answer is
//!   `not_found`), event searches, and a gateway paging without end.
//!   hec-proto's [`Paging`](hec_proto::policy::Paging) (over its
//!   [`Pager`](hec_proto::policy::Pager)) and endpoints do the deciding; the driver fetches a
//!   token once and sends.
//! - **The write half** ([`SCENARIOS`] and [`ACTION_SCENARIOS`], which need [`Driver`]): task
//!   status and waits ([`Driver::get_task`], [`Driver::wait_for_task`],
//!   [`Driver::wait_for_tasks`]), actions ([`Driver::act_on_entities`],
//!   [`Driver::act_on_events`]: batches of 100, never resent once they may have run), and the
//!   policies every full driver shares: retries with backoff and `Retry-After`, one token
//!   request for concurrent callers, one refresh on a 401, the in-flight limit and the pause on
//!   429/503, deadlines that cut a request in flight, and the demo tenant's whole flow.

/// Lists names as `&[&str]` (for the lists of scenario names).
macro_rules! scenario_names {
    ($($name:ident),* $(,)?) => {
        &[$(stringify!($name)),*]
    };
}

/// Asserts that `actual == expected`, panicking with the expression compared (the field), what
/// was expected and what came, and the context the optional format arguments give:
/// `check_eq!(sent.len(), 2, "the task requests")` fails with ``the task requests: `sent.len()`:
/// expected 2, got 3``. [`run`] adds the scenario's name to every panic.
macro_rules! check_eq {
    ($actual:expr, $expected:expr $(,)?) => {
        match (&$actual, &$expected) {
            (actual, expected) => assert!(
                *actual == *expected,
                "`{}`: expected {:?}, got {:?}",
                stringify!($actual),
                expected,
                actual
            ),
        }
    };
    ($actual:expr, $expected:expr, $($context:tt)+) => {
        match (&$actual, &$expected) {
            (actual, expected) => assert!(
                *actual == *expected,
                "{}: `{}`: expected {:?}, got {:?}",
                format_args!($($context)+),
                stringify!($actual),
                expected,
                actual
            ),
        }
    };
}

/// Asserts that `actual != unexpected`, panicking with the expression, the value both had and the
/// context the optional format arguments give, as [`check_eq!`] does.
macro_rules! check_ne {
    ($actual:expr, $unexpected:expr $(,)?) => {
        check_ne!($actual, $unexpected, "a value that differs")
    };
    ($actual:expr, $unexpected:expr, $($context:tt)+) => {
        match (&$actual, &$unexpected) {
            (actual, unexpected) => assert!(
                *actual != *unexpected,
                "{}: `{}`: expected anything but {:?}, got it",
                format_args!($($context)+),
                stringify!($actual),
                unexpected
            ),
        }
    };
}

pub mod actions;
mod batches;
mod canned;
mod capture;
mod deadlines;
pub mod exceptions;
pub mod feed;
mod flow;
mod log_records;
mod paging;
pub mod reads;
pub mod scenarios;
mod secrets;
pub mod toolkit;

use std::time::Duration;

use hec_proto::endpoint::TaskResponse;
use hec_proto::policy::{RetryPolicy, WaitEvent, WaitPolicy, WaitUpdate};
use hec_proto::{
    ActionResponse, ClientConfig, Credentials, Entity, EntityAction, EntityId, EntityQuery, Error, Event,
    EventAction, EventId, EventQuery, Task, TaskId,
};

use crate::mock::MockGateway;

pub use actions::ACTION_SCENARIOS;
pub use exceptions::{EXCEPTION_SCENARIOS, ExceptionDriver};
pub use feed::{DriverFeed, FEED_SCENARIOS, FeedDriver};
pub use reads::READ_SCENARIOS;
pub use scenarios::SCENARIOS;
pub use toolkit::{TOOLKIT_SCENARIOS, ToolkitDriver};

/// The read calls of a driver, made synchronous (an async driver blocks on its runtime): all the
/// read scenarios ([`READ_SCENARIOS`]) call, so a driver that cannot act runs them alone with
/// [`read_matrix!`](crate::read_matrix). What each call must send and trace is in the
/// [module docs](self#what-the-matrix-asks-of-a-driver); `examples/read_only_driver.rs` in this
/// crate implements it over a plain `ureq::Agent`.
pub trait ReadDriver: Sized + Sync {
    /// A client with this configuration (base URL, credentials, timeouts, policies, limit).
    fn build(config: ClientConfig) -> Result<Self, Error>;

    /// The scopes the credentials reach, with the driver's retries and token handling.
    fn scopes(&self) -> Result<Vec<String>, Error>;

    /// The entities `query` finds, lazily: a page is fetched only when its items are asked for
    /// (nothing is sent before the first `next`), and a failed page is the last item. An async
    /// driver wraps its stream, blocking on its runtime for each item.
    fn search_entities(&self, query: EntityQuery) -> Box<dyn Iterator<Item = Result<Entity, Error>> + '_>;

    /// The entity with this id; an answer with no entity is a `NotFound` response error.
    fn get_entity(&self, id: &EntityId) -> Result<Entity, Error>;

    /// The security events `query` finds, lazily, as [`ReadDriver::search_entities`] does.
    fn search_events(&self, query: EventQuery) -> Box<dyn Iterator<Item = Result<Event, Error>> + '_>;

    /// The security event with this id.
    fn get_event(&self, id: &EventId) -> Result<Event, Error>;
}

/// What a driver offers the whole matrix: the calls of `hec-blocking` and `hec-async`, made
/// synchronous (an async driver blocks on its runtime). Scenarios call it from several threads.
/// The write half of the matrix ([`SCENARIOS`], [`ACTION_SCENARIOS`]) needs it: task status,
/// waits, actions and the policies behind them (see the
/// [module docs](self#what-the-matrix-asks-of-a-driver)).
pub trait Driver: ReadDriver {
    /// The start of the `log` targets of the driver's HTTP library (`ureq`, `reqwest`): the `log`
    /// scenario checks that some record has it, so that its capture proves something.
    const HTTP_LOG_TARGET: &'static str;

    /// Whether the driver's build removes `log`'s trace level (hec-blocking's `cap-log-at-debug`
    /// feature): the `log` scenario then checks that no record is at trace level.
    const LOG_CAPPED_AT_DEBUG: bool;

    /// One status request, with the driver's retries and token handling.
    fn get_task(&self, id: &TaskId) -> Result<TaskResponse, Error>;

    /// Waits for the task to finish, calling `on_update` for every change.
    fn wait_for_task(&self, id: &TaskId, on_update: &mut dyn FnMut(&WaitUpdate)) -> Result<Task, Error>;

    /// `get_task` for every id at once, from one shared client (threads or tasks), in order.
    fn get_tasks_concurrently(&self, ids: &[TaskId]) -> Vec<Result<TaskResponse, Error>>;

    /// Waits for every task at once (the driver's many-task wait), calling `on_event` with every
    /// update and each task's outcome, in the order they happen.
    fn wait_for_tasks(&self, ids: &[TaskId], on_event: &mut dyn FnMut(WaitEvent));

    /// `action` on the entities `ids` of `saas`, every batch's answer collected in order; the
    /// first failed batch's error (later batches are not sent).
    fn act_on_entities(
        &self,
        action: EntityAction,
        saas: &str,
        ids: &[EntityId],
    ) -> Result<Vec<ActionResponse>, Error>;

    /// `action` on the security events `ids`, as [`Driver::act_on_entities`] does.
    fn act_on_events(&self, action: EventAction, ids: &[EventId]) -> Result<Vec<ActionResponse>, Error>;

    /// Fetches a new token now, whatever the client holds, and returns its lifetime.
    fn check_credentials(&self) -> Result<Duration, Error>;
}

/// The path prefix of task requests.
pub const TASK_PATH: &str = hec_proto::endpoint::TASK_PATH;

/// A scenario's world: a fresh mock gateway, a configuration pointing at it with millisecond
/// timings, and a log of everything that must stay secret-free.
pub struct Harness<D> {
    /// The mock gateway the client talks to.
    pub mock: MockGateway,
    /// The configuration [`Harness::client`] builds with; scenarios adjust it first.
    pub config: ClientConfig,
    printed: Vec<String>,
    /// Set by [`Harness::sends_nothing`].
    silent: bool,
    _driver: std::marker::PhantomData<fn() -> D>,
}

impl<D: ReadDriver> Harness<D> {
    fn new() -> Self {
        let mock = MockGateway::start();
        let config = test_config(&mock);
        Harness { mock, config, printed: Vec::new(), silent: false, _driver: std::marker::PhantomData }
    }

    /// A client built from [`Harness::config`].
    pub fn client(&self) -> D {
        D::build(self.config.clone())
            .unwrap_or_else(|e| panic!("the driver refused a valid configuration: {e}"))
    }
}

impl<D> Harness<D> {
    /// Puts `mock` (another tenant, other credentials) in place of the harness's, with
    /// [`Harness::config`] made afresh for it by [`test_config`].
    pub fn replace_mock(&mut self, mock: MockGateway) {
        self.config = test_config(&mock);
        self.mock = mock;
    }

    /// Says the scenario sends no request: [`run`] then checks that the driver traced nothing,
    /// where it otherwise checks that it traced something.
    pub fn sends_nothing(&mut self) {
        self.silent = true;
    }

    /// Keeps an error's Display and Debug for the secrets check, and returns it.
    pub fn seen(&mut self, error: Error) -> Error {
        self.printed.push(format!("{error} {error:?} {error:#?}"));
        error
    }

    /// The task requests the mock saw.
    pub fn task_requests(&self) -> usize {
        self.mock.requests_to(TASK_PATH).len()
    }

    /// The token requests the mock saw.
    pub fn token_requests(&self) -> usize {
        self.mock.requests_to(hec_proto::endpoint::AUTH_PATH).len()
    }
}

/// The configuration of a matrix client: the mock's URL and credentials, short timeouts, and
/// retry and wait policies in milliseconds so scenarios stay fast.
pub fn test_config(mock: &MockGateway) -> ClientConfig {
    let mut config = ClientConfig::default();
    config.base_url = Some(mock.base_url().parse().expect("the mock's URL is a loopback http URL"));
    config.auth = Some(hec_proto::policy::TokenSource::Credentials(Credentials::new(
        mock.client_id(),
        mock.access_key(),
    )));
    config.connect_timeout = Duration::from_secs(2);
    config.timeout = Duration::from_secs(2);
    config.retry = RetryPolicy::default()
        .with_backoff(Duration::from_millis(1), Duration::from_millis(5))
        .with_max_elapsed(Duration::from_secs(10));
    config.wait = WaitPolicy::default()
        .with_first_interval(Duration::from_millis(5))
        .with_max_interval(Duration::from_millis(20))
        .with_timeout(Duration::from_secs(5));
    config.body_limit = 1024 * 1024;
    config
}

/// Runs the scenario `name` against driver `D` with tracing captured, then checks that the
/// driver traced something (nothing, for a scenario that [sends nothing](Harness::sends_nothing)),
/// and that neither the errors it saw nor the tracing output contain the access key or any token
/// the mock issued. A failure names the scenario: `scenario happy_path: ...`.
pub fn run<D: ReadDriver>(name: &str, scenario: fn(&mut Harness<D>)) {
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check::<D>(scenario)));
    if let Err(panic) = outcome {
        let message = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("a panic without a message");
        panic!("scenario {name}: {message}");
    }
}

/// [`run`]'s body: the scenario on a fresh harness, then the tracing and secrets checks.
fn check<D: ReadDriver>(scenario: fn(&mut Harness<D>)) {
    let mut harness = Harness::<D>::new();
    let traced = capture::capture(|| scenario(&mut harness));
    let key = harness.mock.access_key().to_owned();
    if harness.silent {
        check_eq!(traced, "", "the driver's tracing output for a scenario that sends nothing");
    } else {
        assert!(!traced.is_empty(), "the driver's tracing output: expected some, got none");
    }
    for (what, text) in
        harness.printed.iter().map(|t| ("an error", t)).chain([("the tracing output", &traced)])
    {
        assert!(!text.contains(&key), "{what}: expected no access key, got it in: {text}");
        assert!(!text.contains(crate::mock::TOKEN_PREFIX), "{what}: expected no token, got one in: {text}");
    }
}

/// Calls a macro with the name of every scenario in [`scenarios`], in order: the one list of
/// them (each name is also its function's). `for_each_scenario!([path::to::callback] args...)`
/// expands to `path::to::callback! { args... happy_path, ... }`.
#[macro_export]
#[doc(hidden)]
macro_rules! for_each_scenario {
    ([$($callback:tt)*] $($args:tt)*) => {
        $($callback)*! { $($args)*
            happy_path, rate_limited_with_retry_after_seconds, rate_limited_with_retry_after_date,
            retry_after_beyond_the_deadline_gives_up_at_once, unavailable_then_success,
            server_error_every_time_gives_up_after_the_attempt_limit, connection_dropped_then_success,
            headers_slower_than_the_timeout, truncated_body_then_success, html_bad_gateway_then_success,
            oversized_body_is_refused, oversized_headers_are_refused_without_retry,
            redirect_to_another_host_is_not_followed, unauthorized_once_refreshes_the_token,
            unauthorized_always_is_an_authentication_error, bad_credentials, logical_failure_inside_http_200,
            not_found_is_not_retried, token_revoked_while_waiting, concurrent_callers_share_one_token_request,
            wait_ends_completed, wait_ends_failed, wait_ends_stopped, wait_timeout_carries_the_last_task,
            paused_is_reported, static_token_is_sent_and_never_refreshed, token_endpoint_unavailable_then_success,
            in_flight_limit_is_never_exceeded, actions_entity_reads_and_token_fetches_keep_to_the_in_flight_limit,
            a_rate_limited_answer_pauses_every_caller,
            many_task_wait_reports_each_outcome_once, many_task_wait_ends_every_task_on_refused_credentials,
            an_echoed_token_is_redacted_from_every_error, an_echoed_access_key_is_redacted_from_every_error,
            a_gateway_echoing_each_request_on_401_shows_no_token, a_static_token_echoed_escaped_or_encoded_is_redacted,
            a_timed_out_wait_has_an_echoed_access_key_redacted, an_unusable_token_is_a_malformed_token_answer,
            a_wait_ends_at_its_deadline_while_a_request_hangs, a_slow_token_request_is_cut_at_the_waits_deadline,
            a_dripping_body_is_cut_at_the_waits_deadline, a_request_is_cut_at_the_calls_deadline,
            search_quarantine_wait_and_search_again_on_the_demo_tenant,
            no_log_record_at_any_level_holds_the_access_key_or_a_token,
            a_timed_out_wait_counts_every_poll_sent, every_wait_behind_a_pause_ends_at_its_deadline,
            a_wait_behind_the_in_flight_limit_ends_at_its_deadline
        }
    };
}

/// Calls a macro with the name of every read scenario in [`reads`], in order, as
/// [`for_each_scenario!`](crate::for_each_scenario) does for [`scenarios`].
#[macro_export]
#[doc(hidden)]
macro_rules! for_each_read_scenario {
    ([$($callback:tt)*] $($args:tt)*) => {
        $($callback)*! { $($args)*
            scopes_are_the_answers_list, a_search_reads_three_pages_lazily_sending_each_cursor_back,
            a_search_stops_on_a_repeated_cursor, a_page_answered_again_under_the_same_cursor_is_read_once,
            a_failed_page_is_the_last_item,
            get_entity_reads_the_entity_and_an_empty_list_is_not_found, events_are_searched_and_fetched,
            a_page_whose_cursor_passes_the_cap_ends_the_search_with_an_error_naming_it,
            a_gateway_sending_a_new_cursor_with_every_page_is_paged_until_the_caller_stops
        }
    };
}

/// Makes each scenario named a `#[test]` that [`run`]s `matrix::$module::$name` against
/// `$driver`: what every `*_matrix!` macro expands to.
#[macro_export]
#[doc(hidden)]
macro_rules! scenario_tests {
    ($module:ident $driver:ty; $($name:ident),* $(,)?) => {
        $(
            #[test]
            fn $name() {
                $crate::matrix::run::<$driver>(stringify!($name), $crate::matrix::$module::$name::<$driver>);
            }
        )*
    };
}

/// Calls a macro with the name of every allow- and block-list scenario in [`exceptions`], in
/// order, as [`for_each_scenario!`](crate::for_each_scenario) does for [`scenarios`].
#[macro_export]
#[doc(hidden)]
macro_rules! for_each_exception_scenario {
    ([$($callback:tt)*] $($args:tt)*) => {
        $($callback)*! { $($args)*
            an_anti_phishing_exception_is_created_found_modified_and_deleted,
            a_refused_write_is_an_api_error_sent_once, a_write_that_may_have_run_is_not_sent_again,
            a_read_is_retried_after_a_503, the_tool_list_pages_with_a_get_body_and_the_last_key,
            a_tool_exception_is_created_read_by_its_url_key_updated_and_deleted,
            anomaly_rules_are_created_and_deleted_by_id, click_time_items_move_between_the_lists
        }
    };
}

/// Instantiates every allow- and block-list scenario ([`EXCEPTION_SCENARIOS`]) as a `#[test]`
/// for an [`ExceptionDriver`].
#[macro_export]
macro_rules! exception_matrix {
    ($driver:ty) => {
        $crate::for_each_exception_scenario!([$crate::scenario_tests] exceptions $driver;);
    };
}

/// Calls a macro with the name of every feed scenario in [`feed`], in order, as
/// [`for_each_scenario!`](crate::for_each_scenario) does for [`scenarios`].
#[macro_export]
#[doc(hidden)]
macro_rules! for_each_feed_scenario {
    ([$($callback:tt)*] $($args:tt)*) => {
        $($callback)*! { $($args)*
            one_pass_then_a_resume_from_its_checkpoint_hands_out_only_the_events_shown_since,
            a_scroll_expired_mid_window_restarts_the_window_and_nothing_is_handed_out_twice,
            a_token_refused_mid_window_is_renewed_and_the_window_goes_on, a_429_mid_window_is_waited_out_by_the_client,
            a_failure_past_the_clients_retries_is_an_item_and_the_same_page_is_asked_again_after_a_backoff,
            the_step_says_how_long_to_wait_once_caught_up,
            an_event_given_back_is_left_out_of_the_checkpoint_and_comes_again, a_checkpoint_of_other_filters_is_refused
        }
    };
}

/// Instantiates every feed scenario ([`FEED_SCENARIOS`]) as a `#[test]` for a [`FeedDriver`].
#[macro_export]
macro_rules! feed_matrix {
    ($driver:ty) => {
        $crate::for_each_feed_scenario!([$crate::scenario_tests] feed $driver;);
    };
}

/// Calls a macro with the name of every toolkit scenario in [`toolkit`], in order, as
/// [`for_each_scenario!`](crate::for_each_scenario) does for [`scenarios`].
#[macro_export]
#[doc(hidden)]
macro_rules! for_each_toolkit_scenario {
    ([$($callback:tt)*] $($args:tt)*) => {
        $($callback)*! { $($args)*
            a_download_writes_the_message_byte_for_byte_with_the_token,
            a_download_failing_before_its_first_byte_is_retried,
            a_message_past_the_download_limit_stops_before_anything_is_written,
            a_json_error_is_read_as_an_error_and_nothing_is_written,
            the_legacy_answer_is_followed_only_to_https_and_never_with_the_token,
            notify_sends_the_addresses_and_reads_ok, a_misclassification_report_is_judged_by_its_envelope_code,
            declining_restore_requests_sends_the_reason_and_names_the_tasks,
            scan_results_are_read_from_the_entity_in_the_order_sent,
            a_scan_score_reads_as_a_number_and_an_entity_without_results_has_none,
            a_scan_result_that_does_not_fit_is_malformed_at_its_path, the_detection_filter_is_sent_with_the_search
        }
    };
}

/// Instantiates every toolkit scenario ([`TOOLKIT_SCENARIOS`]) as a `#[test]` for a
/// [`ToolkitDriver`].
#[macro_export]
macro_rules! toolkit_matrix {
    ($driver:ty) => {
        $crate::for_each_toolkit_scenario!([$crate::scenario_tests] toolkit $driver;);
    };
}

/// Instantiates every read scenario of the matrix ([`READ_SCENARIOS`]) as a `#[test]` for a
/// [`ReadDriver`]: what a driver that only reads runs. [`driver_matrix!`](crate::driver_matrix)
/// includes them.
#[macro_export]
macro_rules! read_matrix {
    ($driver:ty) => {
        $crate::for_each_read_scenario!([$crate::scenario_tests] reads $driver;);
    };
}

/// Instantiates every scenario of the matrix as a `#[test]` for a [`Driver`]: the read scenarios
/// ([`read_matrix!`](crate::read_matrix)), those of [`scenarios`] and those of [`actions`].
#[macro_export]
macro_rules! driver_matrix {
    ($driver:ty) => {
        $crate::read_matrix!($driver);
        $crate::for_each_scenario!([$crate::scenario_tests] scenarios $driver;);
        $crate::driver_matrix!(@actions $driver;
            action_unavailable_is_sent_once_and_may_have_run,
            action_server_error_inside_http_200_is_sent_once_and_may_have_run,
            action_timeout_is_sent_once_and_may_have_run,
            action_connection_closed_after_sending_is_sent_once_and_may_have_run,
            action_truncated_answer_is_sent_once_and_may_have_run,
            action_refused_connection_is_retried_to_the_attempt_limit, action_rate_limited_then_success_is_sent_twice,
            action_rate_limited_then_unavailable_is_not_sent_a_third_time,
            action_unauthorized_once_refreshes_the_token_and_is_sent_again,
            event_action_unavailable_is_sent_once_and_may_have_run, event_action_rate_limited_then_success_is_sent_twice,
            an_action_on_250_ids_is_sent_as_100_100_and_50, a_first_batch_answered_503_stops_the_later_batches,
            no_ids_send_nothing, events_are_dismissed_in_one_request);
    };
    (@actions $driver:ty; $($name:ident),* $(,)?) => {
        $crate::scenario_tests!(actions $driver; $($name),*);
        #[test]
        fn the_matrix_lists_every_action_scenario() {
            let instantiated = [$(stringify!($name)),*];
            let defined: Vec<&str> = $crate::matrix::ACTION_SCENARIOS.to_vec();
            assert_eq!(
                instantiated.to_vec(),
                defined,
                "the action scenarios driver_matrix! instantiates (left) against ACTION_SCENARIOS (right)"
            );
        }
    };
}
