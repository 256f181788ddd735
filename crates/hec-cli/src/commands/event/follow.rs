//! `hec event follow`: security events as they arrive, each printed once, for a SIEM.
//!
//! hec-blocking's [`EventFeed`] decides what to ask and what is new (hec-proto's feed); this
//! file prints, keeps the checkpoint file, and waits. The checkpoint is written after the
//! events of each page are printed and flushed, when the feed is caught up, and when it stops
//! (a signal, a closed stdout, the end of `--once`), always holding exactly the events printed.
//! Failures while following are logged on stderr with the time, and the feed asks again after a
//! backoff no longer than the interval; with `--once` the first failure that outlives the
//! client's retries ends the run with its exit code. stdout carries events only: every message
//! goes to stderr, in every output mode.

use std::path::PathBuf;
use std::time::{Duration, SystemTime};

use clap::Args;
use hec_blocking::EventFeed;
use hec_proto::BaseUrl;
use hec_proto::policy::{Feed, FeedOrigin, FeedPolicy, FeedStep};
use hec_proto::{Error, EventQuery};

use super::Filters;
use crate::checkpoint_file::CheckpointFile;
use crate::connection::{Connection, Gateway};
use crate::failure::Failure;
use crate::output::exit::Exit;
use crate::output::found;
use crate::output::report::{self, Output, Report, message_lines};
use crate::since;
use crate::stop::{Stop, StopReason};

/// Where a feed starts without `--since` or `--start`: an hour back.
const DEFAULT_SINCE: Duration = Duration::from_secs(3600);

/// How often a feed asks without `--interval`.
const DEFAULT_INTERVAL: Duration = Duration::from_secs(60);

/// How often a feed of the embedded mock asks without `--interval`: the pace its demo tenant's
/// events arrive at.
const MOCK_INTERVAL: Duration = Duration::from_secs(3);

/// The gateway a checkpoint of the embedded mock (`--mock`) is made for, whatever port it
/// listens on in this run: every mock shows the same demo tenant.
const MOCK_GATEWAY: &str = "http://127.0.0.1";

/// The arguments of `hec event follow`.
#[derive(Debug, Args)]
pub(crate) struct FollowArgs {
    /// Start this long before now (default 1h; e.g. 90m, 12h, 7d). Ignored, with a notice, when
    /// resuming from a checkpoint.
    #[arg(long, value_name = "DURATION", value_parser = since::parse_since, conflicts_with = "start")]
    since: Option<Duration>,

    /// Start at this time: an RFC 3339 time (2026-01-01T09:00:00Z) or a date (midnight UTC).
    /// Ignored, with a notice, when resuming from a checkpoint.
    #[arg(long, value_name = "TIME", value_parser = since::parse_time)]
    start: Option<SystemTime>,

    /// Keep the feed's place in FILE (created if missing, replaced atomically after each page
    /// printed): a restart goes on where the last run stopped.
    #[arg(long, value_name = "FILE")]
    checkpoint: Option<PathBuf>,

    /// How far back each window reads again, so that events the service shows late are still
    /// printed (once); an event shown later than this after its creation can be missed.
    #[arg(long, value_name = "DURATION", value_parser = since::lookback, default_value = "10m")]
    lookback: Duration,

    /// How long after a window the next one is read (default 60s; 3s with --mock, the pace of
    /// its demo events); at least 1s. A failure is retried sooner, never later.
    #[arg(long, value_name = "DURATION", value_parser = since::feed_interval)]
    interval: Option<Duration>,

    /// Read up to now once, then exit (for cron and systemd timers).
    #[arg(long)]
    once: bool,

    #[command(flatten)]
    filters: Filters,
}

/// Runs `hec event follow`: the arguments and the checkpoint file are checked before `connect`.
/// Its failures are reported here, on stderr only.
pub(crate) fn run(
    args: &FollowArgs,
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
) -> Result<Exit, Failure> {
    Ok(follow(args, connect, report).unwrap_or_else(|failure| {
        stderr(report).failure(&failure, None);
        Exit::of_failure(&failure)
    }))
}

/// [`run`], its failures returned.
fn follow(
    args: &FollowArgs,
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
) -> Result<Exit, Failure> {
    let query = args.filters.apply(EventQuery::new(start(args, SystemTime::now())?));
    let file = args.checkpoint.as_deref().map(CheckpointFile::new);
    let saved = match &file {
        Some(file) => file.read()?,
        None => None,
    };
    let connection = connect()?;
    let interval = args.interval.unwrap_or(match connection.gateway {
        Gateway::Mock => MOCK_INTERVAL,
        _ => DEFAULT_INTERVAL,
    });
    let policy = FeedPolicy::default().with_lookback(args.lookback).with_interval(interval);
    let origin = origin(&connection)?;
    let (feed, fresh) = match (saved, &file) {
        (Some(checkpoint), Some(file)) => {
            let feed =
                Feed::resume(origin, query, policy, checkpoint).map_err(|e| file.failure(&e.to_string()))?;
            if args.since.is_some() || args.start.is_some() {
                report.notice(&format!(
                    "note: resuming from the checkpoint {}: --since and --start are ignored",
                    file.name()
                ));
            }
            (feed, false)
        }
        _ => (Feed::new(origin, query, policy), true),
    };
    let feed = connection.client.feed_events(feed);
    // One pass reads up to now, however soon after the last run it comes.
    let feed = if args.once { feed.until_caught_up() } else { feed };
    let mut follower = Follower { feed, file, saved: None, report, stop: Stop::install()? };
    if fresh {
        // The file exists from the start: a path that cannot be written fails now.
        follower.save()?;
    }
    Ok(follower.run(args.once))
}

/// Where the feed starts: `--start`, or `--since` (default an hour) before `now`.
fn start(args: &FollowArgs, now: SystemTime) -> Result<SystemTime, Failure> {
    match args.start {
        Some(start) => Ok(start),
        None => now
            .checked_sub(args.since.unwrap_or(DEFAULT_SINCE))
            .filter(|start| *start >= SystemTime::UNIX_EPOCH)
            .ok_or_else(|| Failure::Usage("the feed would start before 1970".to_owned())),
    }
}

/// What the feed's checkpoint is made for: the gateway and client id, or for the embedded mock
/// one gateway whatever its port.
fn origin(connection: &Connection) -> Result<FeedOrigin, Failure> {
    let origin = connection.client.feed_origin();
    match connection.gateway {
        Gateway::Mock => {
            let gateway: BaseUrl = MOCK_GATEWAY.parse().map_err(|e| Failure::Usage(format!("{e}")))?;
            Ok(FeedOrigin::new(&gateway, origin.client_id()))
        }
        _ => Ok(origin),
    }
}

/// A running feed: what it prints with, where its checkpoint goes, and why it may stop.
struct Follower {
    feed: EventFeed,
    file: Option<CheckpointFile>,
    /// The checkpoint last written, so that an unchanged one is not written again.
    saved: Option<Vec<u8>>,
    report: Report,
    stop: Stop,
}

impl Follower {
    /// Prints events until stopped (or, `once`, until caught up); the exit code.
    fn run(&mut self, once: bool) -> Exit {
        loop {
            if let Some(reason) = self.stop.reason() {
                return self.finish(reason);
            }
            match self.feed.step() {
                FeedStep::Event(event) => {
                    // A signal while the page was on its way: print no more.
                    if let Some(reason) = self.stop.reason() {
                        self.feed.put_back(event);
                        return self.finish(reason);
                    }
                    if let Some(line) = found::line(&event, self.report)
                        && !self.report.print_streamed(&line)
                    {
                        // Not printed: not in the checkpoint either.
                        self.feed.put_back(event);
                        return self.finish(StopReason::StdoutClosed);
                    }
                    if self.feed.buffered_events() == 0
                        && let Err(failure) = self.save()
                    {
                        return self.failed(&failure);
                    }
                }
                FeedStep::Failed(error) if once => return self.failed_once(error),
                FeedStep::Failed(error) => self.log(&error),
                FeedStep::Wait(wait) => {
                    if let Err(failure) = self.save() {
                        return self.failed(&failure);
                    }
                    if once {
                        return Exit::Success;
                    }
                    if let Some(reason) = self.stop.wait(wait) {
                        return self.finish(reason);
                    }
                }
                FeedStep::Retry(wait) => {
                    if let Some(reason) = self.stop.wait(wait) {
                        return self.finish(reason);
                    }
                }
                // A step of a later version: ask again.
                _ => {}
            }
        }
    }

    /// Writes the checkpoint if there is a file and it changed.
    fn save(&mut self) -> Result<(), Failure> {
        let Some(file) = &self.file else { return Ok(()) };
        let json = self.feed.feed().checkpoint_json();
        if self.saved.as_ref() != Some(&json) {
            file.write(&json)?;
            self.saved = Some(json);
        }
        Ok(())
    }

    /// Stops for `reason` (a signal, or stdout closed: nothing to say either way) with what
    /// was printed saved.
    fn finish(&mut self, _reason: StopReason) -> Exit {
        match self.save() {
            Ok(()) => Exit::Success,
            Err(failure) => self.failed(&failure),
        }
    }

    /// `--once` met a failure past the client's retries: saves what was printed, reports it,
    /// and gives its exit code.
    fn failed_once(&mut self, error: Error) -> Exit {
        let failure = Failure::Client(error);
        if let Err(not_saved) = self.save() {
            self.stderr().failure(&not_saved, None);
        }
        self.stderr().failure(&failure, None);
        Exit::of_failure(&failure)
    }

    /// Reports a failure that ends the run (a checkpoint that cannot be written).
    fn failed(&self, failure: &Failure) -> Exit {
        self.stderr().failure(failure, None);
        Exit::of_failure(failure)
    }

    /// Logs a failure the feed will retry, with the time and how long until it does.
    fn log(&self, error: &Error) {
        let feed = self.feed.feed();
        let backoff = feed.policy().backoff(feed.failures());
        let reason = message_lines(&Failure::Client(error.clone())).join(" ");
        report::stamped(&format!("error: {reason}; trying again in {}", humantime::format_duration(backoff)));
    }

    fn stderr(&self) -> Report {
        stderr(self.report)
    }
}

/// The report for messages: stderr only, so that stdout carries events alone.
fn stderr(report: Report) -> Report {
    Report { output: Output::Text, ..report }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::event::EventCommand;
    use crate::test_support::parse;

    fn args(args: &[&str]) -> Result<FollowArgs, String> {
        match parse::<EventCommand>(&[&["hec", "event", "follow"], args].concat()) {
            Ok(EventCommand::Follow(args)) => Ok(args),
            Ok(other) => panic!("not a follow: {other:?}"),
            Err(error) => Err(error.to_string()),
        }
    }

    /// 2026-01-01T00:00:00Z.
    fn new_year() -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_225_600)
    }

    #[test]
    fn the_defaults_are_an_hour_back_a_ten_minute_lookback_and_no_interval_chosen() {
        let args = args(&[]).expect("no argument is required");
        assert_eq!(start(&args, new_year()).ok(), Some(new_year() - DEFAULT_SINCE));
        assert_eq!(
            (args.lookback, args.interval, args.once, args.checkpoint),
            (Duration::from_secs(600), None, false, None)
        );
    }

    #[test]
    fn since_or_start_and_the_durations_in_s_m_h_d() {
        let since =
            args(&["--since", "2d", "--lookback", "1h", "--interval", "90s", "--once"]).expect("valid");
        assert_eq!(start(&since, new_year()).ok(), Some(new_year() - Duration::from_secs(2 * 86_400)));
        assert_eq!(
            (since.lookback, since.interval, since.once),
            (Duration::from_secs(3600), Some(Duration::from_secs(90)), true)
        );
        let at = args(&["--start", "2026-01-01T00:00:00Z"]).expect("valid");
        assert_eq!(start(&at, SystemTime::now()).ok(), Some(new_year()));
        assert!(args(&["--since", "1h", "--start", "2026-01-01"]).is_err(), "one or the other");
        assert!(args(&["--interval", "10ms"]).expect_err("too short").contains("it must be at least 1s"));
        let far = args(&["--since", "100y"]).expect("valid");
        assert_eq!(
            start(&far, new_year()).map_err(|e| e.to_string()),
            Err("the feed would start before 1970".to_owned())
        );
    }

    #[test]
    fn the_filters_are_those_of_event_search() {
        let args =
            args(&["--type", "phishing", "--state", "new", "--severity", "5", "--saas", "google_mail"])
                .expect("valid");
        let query = args.filters.apply(EventQuery::new(new_year()));
        let origin = FeedOrigin::new(&MOCK_GATEWAY.parse().expect("a base URL"), "made-up-client");
        let checkpoint = Feed::new(origin, query, FeedPolicy::default()).checkpoint();
        assert_eq!(
            checkpoint.filter().to_string(),
            r#"{"eventStates":["new"],"eventTypes":["phishing"],"saas":["google_mail"],"severities":[5]}"#
        );
    }
}
