//! The top-level parser: the global options, and the commands, each variant wrapping its noun's
//! own clap type (which lives with the noun's `run` in [`commands`](crate::commands)).

use std::path::PathBuf;

use clap::parser::ValueSource;
use clap::{ArgMatches, Args, Parser, Subcommand};
use hec_proto::config::{ENV_BASE_URL, ENV_CLIENT_ID, ENV_REGION};

use crate::commands::anomaly_exception::AnomalyExceptionCommand;
use crate::commands::auth::AuthCommand;
use crate::commands::click_time::ClickTimeCommand;
use crate::commands::completions::CompletionsArgs;
use crate::commands::entity::EntityCommand;
use crate::commands::event::EventCommand;
use crate::commands::exception::ExceptionCommand;
use crate::commands::mock::MockCommand;
use crate::commands::scopes::ScopesArgs;
use crate::commands::task::TaskCommand;
use crate::commands::tool_exception::ToolExceptionCommand;
use crate::connection::{ConnectOptions, GatewayOptions, Sourced};
use crate::output::report::Output;
use crate::profile::{ENV_CONFIG, ENV_PROFILE, PROFILE_HELP};
use crate::region_arg::RegionValues;

/// The exit codes, as `--help` shows them (after the options) and the README repeats.
const EXIT_CODES: &str = "\
Exit codes:
  0  success (for `task wait`: every task completed)
  1  a task ended `failed` or `stopped`
  2  usage or configuration error (bad task id, unknown region, missing credentials, ...)
  3  authentication failed (the client id or access key was refused)
  4  the API answered, but not with success, or with an answer hec refuses (an error code, a
     task not found, 404, a response that does not parse, a download past --max-size)
  5  the service could not be reached or kept failing (network errors, timeouts, 5xx after retries);
     for an action (quarantine, restore, decline, dismiss), a notification, a report or a change
     to an exception list: it may have run, and was not sent again
  6  `task wait` timed out (or an action's --wait)
  130  a wait was interrupted (Ctrl-C): the tasks still running are named, with how to resume;
       or a download was (`entity download`): no file is left
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

    /// A file holding the API key's access key, `-` for stdin (else HEC_ACCESS_KEY; never on
    /// the command line).
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) access_key_file: Option<PathBuf>,

    /// How results are printed: text for people, json (the API's own field names), or ids (one
    /// id per line, for pipes).
    #[arg(long, short = 'o', global = true, value_enum, default_value_t = Output::Text)]
    pub(crate) output: Output,

    /// Log each request to stderr as a plain line (time, method, path, host, status, time taken,
    /// task, attempt, request id); never a secret.
    #[arg(long, short = 'v', global = true)]
    pub(crate) verbose: bool,

    /// Print no progress, notices or warnings on stderr, only errors (results still go to stdout).
    #[arg(long, short = 'q', global = true, conflicts_with = "verbose")]
    pub(crate) quiet: bool,

    /// Run against an embedded mock gateway with a demo tenant (mail, events, tasks): no account
    /// or credentials needed.
    #[arg(long, global = true)]
    pub(crate) mock: bool,

    /// The profile (a tenant of the config file) whose settings are used where flags and the
    /// environment give none.
    #[arg(long, global = true, env = ENV_PROFILE, value_name = "NAME", long_help = PROFILE_HELP)]
    pub(crate) profile: Option<String>,

    /// The config file of profiles [default: $XDG_CONFIG_HOME/hec/config.toml, else
    /// ~/.config/hec/config.toml].
    #[arg(long, global = true, env = ENV_CONFIG, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,

    /// The most requests in flight at once (fewer for a while if the gateway answers 429 or 503).
    #[arg(long, global = true, value_name = "N", default_value_t = 16,
        value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub(crate) max_in_flight: u16,
}

impl Global {
    /// What connecting needs: the gateway options with where each came from (read out of the
    /// parsed command line, `matches`), the credentials options, `--mock` and `--max-in-flight`.
    pub(crate) fn connect_options(&self, matches: &ArgMatches) -> ConnectOptions {
        let sourced = |value: &Option<String>, id: &str| {
            value.as_deref().map(str::trim).filter(|value| !value.is_empty()).map(|value| Sourced {
                value: value.to_owned(),
                on_command_line: value_source(matches, id) == Some(ValueSource::CommandLine),
            })
        };
        ConnectOptions {
            gateway: GatewayOptions {
                region: sourced(&self.region, "region"),
                base_url: sourced(&self.base_url, "base_url"),
            },
            client_id: self.client_id.clone(),
            access_key_file: self.access_key_file.clone(),
            profile_key: None,
            mock: self.mock,
            max_in_flight: self.max_in_flight,
            download_limit: None,
        }
    }
}

/// Where an argument's value came from, looking in the innermost subcommand (global options are
/// propagated there, wherever they were written).
fn value_source(matches: &ArgMatches, id: &str) -> Option<ValueSource> {
    let mut matches = matches;
    while let Some((_, sub)) = matches.subcommand() {
        matches = sub;
    }
    matches.value_source(id)
}

/// The commands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Tasks: what an action (quarantine, restore, dismiss) leaves behind.
    #[command(subcommand)]
    Task(TaskCommand),
    /// E-mail (entities): search, show, scan results, download, notify, report a wrong verdict,
    /// quarantine, restore, decline restore requests.
    #[command(subcommand)]
    Entity(EntityCommand),
    /// Security events: search, show, dismiss.
    #[command(subcommand)]
    Event(EventCommand),
    /// Anti-phishing allow and block lists (allow, block, spam-allow): list, show, add, update,
    /// delete.
    #[command(subcommand)]
    Exception(ExceptionCommand),
    /// Security-tool exceptions (anti-malware, URL reputation, DLP): list, show, add, update,
    /// delete.
    #[command(subcommand)]
    ToolException(ToolExceptionCommand),
    /// Anomaly exception rules: list, add, delete.
    #[command(subcommand)]
    AnomalyException(AnomalyExceptionCommand),
    /// Click-time-protection allow and block lists: list, show, add, update, delete items.
    #[command(subcommand)]
    ClickTime(ClickTimeCommand),
    /// Credentials.
    #[command(subcommand)]
    Auth(AuthCommand),
    /// List the scopes (`farm:customer`) the credentials reach, one per line.
    Scopes(ScopesArgs),
    /// List the profiles of the config file, one per line: name, gateway, client id, and where
    /// the key comes from (never the key).
    Profiles,
    /// List the regional gateways and their URLs.
    Regions,
    /// Print shell completions (see `hec completions --help` for where each shell's file goes).
    Completions(CompletionsArgs),
    /// Print the man page (roff): `hec man > ~/.local/share/man/man1/hec.1`, then `man hec`.
    Man,
    /// The mock gateway, for testing code in any language against a local HEC.
    #[command(subcommand)]
    Mock(MockCommand),
}

impl Command {
    /// The largest message a download writes, for `entity download` (its `--max-size`).
    pub(crate) fn download_limit(&self) -> Option<u64> {
        match self {
            Command::Entity(command) => command.download_limit(),
            _ => None,
        }
    }
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
            hec_proto::config::ENV_CLIENT_ID,
            hec_proto::config::ENV_ACCESS_KEY
        );
        assert!(EXIT_CODES.contains(&line), "{EXIT_CODES}");
    }

    #[test]
    fn the_help_names_the_demo_task() {
        assert!(EXIT_CODES.ends_with(&format!("hec --mock task wait {}", hec_fixtures::mock::DEMO_TASK_ID)));
    }
}
