//! The command line as clap types: commands, their arguments, and the global options.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use hec_proto::{ENV_BASE_URL, ENV_CLIENT_ID, ENV_REGION};

use crate::commands::entity::EntityCommand;
use crate::commands::event::EventCommand;
use crate::region_arg::RegionValues;

/// The exit codes, as `--help` shows them (after the options) and the README repeats.
const EXIT_CODES: &str = "\
Exit codes:
  0  success (for `task wait`: every task completed)
  1  a task ended `failed` or `stopped`
  2  usage or configuration error (bad task id, unknown region, missing credentials, ...)
  3  authentication failed (the client id or access key was refused)
  4  the API answered, but not with success (an error code, a task not found, 404, a response
     that does not parse)
  5  the service could not be reached or kept failing (network errors, timeouts, 5xx after retries);
     for an action (quarantine, restore, dismiss): it may have run, and was not sent again
  6  `task wait` timed out (or an action's --wait)
With several tasks, `task wait` exits with the largest of their codes.

Credentials: HEC_CLIENT_ID (or --client-id) and HEC_ACCESS_KEY (or --access-key-file).
Try it without an account: hec --mock task wait 1767225600000042";

/// `hec`: the command line for the Check Point Harmony Email & Collaboration (HEC) API.
#[derive(Debug, Parser)]
#[command(name = "hec", version = env!("HEC_VERSION"), about, after_help = EXIT_CODES, propagate_version = true)]
pub(crate) struct Cli {
    /// Options every command accepts, before or after its name.
    #[command(flatten)]
    pub(crate) global: Global,
    /// What to do.
    #[command(subcommand)]
    pub(crate) command: Command,
}

/// Options accepted before or after any command.
#[derive(Debug, Args)]
#[command(next_help_heading = "Global options")]
pub(crate) struct Global {
    /// The regional gateway: us, eu, ca, au, uk, uae or in (see `hec regions`).
    #[arg(long, global = true, env = ENV_REGION, value_name = "REGION", value_parser = RegionValues)]
    pub(crate) region: Option<String>,

    /// Any other gateway URL (https; plain http only to a loopback host), instead of --region.
    #[arg(long, global = true, env = ENV_BASE_URL, value_name = "URL")]
    pub(crate) base_url: Option<String>,

    /// The API key's client id.
    #[arg(long, global = true, env = ENV_CLIENT_ID, value_name = "ID")]
    pub(crate) client_id: Option<String>,

    /// A file holding the API key's access key (else HEC_ACCESS_KEY; never on the command line).
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) access_key_file: Option<PathBuf>,

    /// How results are printed: text for people, json (the API's own field names), or ids (one
    /// id per line, for pipes).
    #[arg(long, short = 'o', global = true, value_enum, default_value_t = Output::Text)]
    pub(crate) output: Output,

    /// Log requests (method, path, request id, status, timing) to stderr; never a secret.
    #[arg(long, short = 'v', global = true)]
    pub(crate) verbose: bool,

    /// Print no progress, notices or warnings on stderr, only errors (results still go to stdout).
    #[arg(long, short = 'q', global = true, conflicts_with = "verbose")]
    pub(crate) quiet: bool,

    /// Run against an embedded mock gateway with a demo tenant (mail, events, tasks): no account
    /// or credentials needed.
    #[arg(long, global = true)]
    pub(crate) mock: bool,

    /// The most requests in flight at once (fewer for a while if the gateway answers 429 or 503).
    #[arg(long, global = true, value_name = "N", default_value_t = 16,
        value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub(crate) max_in_flight: u16,
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Output {
    /// Text for people.
    Text,
    /// JSON: one object per line, exactly as the API shapes them.
    Json,
    /// Ids only, one per line: entity ids from `entity search`, event ids from `event search`,
    /// task ids from actions (quarantine, restore, dismiss) and from `task get`/`task wait`.
    Ids,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Tasks: what an action (quarantine, restore, dismiss) leaves behind.
    #[command(subcommand)]
    Task(TaskCommand),
    /// E-mail (entities): search, show, quarantine, restore.
    #[command(subcommand)]
    Entity(EntityCommand),
    /// Security events: search, show, dismiss.
    #[command(subcommand)]
    Event(EventCommand),
    /// Credentials.
    #[command(subcommand)]
    Auth(AuthCommand),
    /// List the scopes (`farm:customer`) the credentials reach, one per line.
    Scopes,
    /// List the regional gateways and their URLs.
    Regions,
    /// Print shell completions.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// The mock gateway, for testing code in any language against a local HEC.
    #[command(subcommand)]
    Mock(MockCommand),
}

/// `hec task ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum TaskCommand {
    /// Show a task's status once.
    Get {
        /// The task id (as `POST /action/entity` returned it).
        #[arg(value_name = "TASK_ID")]
        id: String,
    },
    /// Wait until tasks finish, showing their progress, then show them as `get` does.
    Wait(WaitArgs),
}

/// The arguments of `hec task wait`.
#[derive(Debug, Args)]
pub(crate) struct WaitArgs {
    /// Task ids, waited for together; `-` reads ids from stdin, one per line.
    #[arg(value_name = "TASK_ID", required = true)]
    pub(crate) ids: Vec<String>,

    /// How long to wait in all (e.g. 90s, 10m).
    #[arg(long, value_name = "DURATION", default_value = "10m", value_parser = duration)]
    pub(crate) timeout: Duration,

    /// The first interval between polls (e.g. 200ms, 1s); later ones grow up to 15 s.
    #[arg(long, value_name = "DURATION", default_value = "1s", value_parser = duration)]
    pub(crate) interval: Duration,
}

/// `hec auth ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum AuthCommand {
    /// Fetch a token to check the credentials; report region, gateway, token lifetime and the
    /// scopes the credentials reach.
    Check,
}

/// `hec mock ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum MockCommand {
    /// Serve the mock gateway with its demo task on 127.0.0.1 until interrupted; the first four
    /// lines on stdout are shell exports of its URL and credentials, then the demo task id.
    /// In the background: eval "$(hec mock serve --detach)", and later kill $HEC_MOCK_PID.
    Serve(ServeArgs),
}

/// The arguments of `hec mock serve`.
#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// The port (default: one the system chooses).
    #[arg(long)]
    pub(crate) port: Option<u16>,

    /// Serve in the background: print the exports, HEC_MOCK_PID and how to stop it, then return.
    #[arg(long)]
    pub(crate) detach: bool,

    /// Set by --detach on the background server it starts.
    #[arg(long, hide = true, conflicts_with = "detach")]
    pub(crate) detached: bool,
}

/// Parses `200ms`, `3s`, `10m`, `1h 30m`: a duration longer than zero.
pub(crate) fn duration(text: &str) -> Result<Duration, String> {
    positive_duration(text, "200ms, 3s, 10m")
}

/// Parses a duration longer than zero; an error shows `examples`.
pub(crate) fn positive_duration(text: &str, examples: &str) -> Result<Duration, String> {
    let duration = humantime::parse_duration(text).map_err(|e| format!("{e} (examples: {examples})"))?;
    if duration.is_zero() {
        return Err("it must be longer than zero".into());
    }
    Ok(duration)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn the_help_names_the_credentials_variables_hec_proto_reads() {
        let line = format!(
            "Credentials: {} (or --client-id) and {} (or",
            hec_proto::ENV_CLIENT_ID,
            hec_proto::ENV_ACCESS_KEY
        );
        assert!(EXIT_CODES.contains(&line), "{EXIT_CODES}");
    }

    #[test]
    fn the_help_names_the_demo_task() {
        assert!(EXIT_CODES.ends_with(&format!("hec --mock task wait {}", hec_fixtures::mock::DEMO_TASK_ID)));
    }

    #[test]
    fn durations_read_milliseconds_seconds_and_minutes() {
        assert_eq!(duration("200ms"), Ok(Duration::from_millis(200)));
        assert_eq!(duration("3s"), Ok(Duration::from_secs(3)));
        assert_eq!(duration("10m"), Ok(Duration::from_secs(600)));
        assert!(duration("0s").is_err());
        assert!(duration("soon").is_err());
    }
}
