//! `hec entity notify ID --to ADDRESS...`: the service tells these people that they were exposed
//! to the e-mail (`POST /soar/notify`). Not idempotent: one that may have been sent is never sent
//! again.

use clap::Args;
use hec_proto::EntityId;
use hec_proto::endpoint::Notify;

use crate::commands::act;
use crate::commands::write::WriteOptions;
use crate::connection::Connection;
use crate::distinct::Distinct;
use crate::echo::echo;
use crate::failure::Failure;
use crate::ids;
use crate::output;
use crate::output::exit::Exit;
use crate::output::report::Report;
use crate::output::written::Target;

/// The arguments of `hec entity notify`.
#[derive(Debug, Args)]
pub(crate) struct NotifyArgs {
    /// The entity id (as `entity search` prints it).
    #[arg(value_name = "ENTITY_ID")]
    id: String,

    /// An address to tell; repeat the flag, or list several after it.
    #[arg(long = "to", value_name = "ADDRESS", required = true, num_args = 1.., value_parser = address)]
    to: Vec<String>,

    #[command(flatten)]
    write: WriteOptions,
}

/// An e-mail address as the flag takes it: something `@` something, without spaces or control
/// characters (the service checks the rest).
fn address(text: &str) -> Result<String, String> {
    let text = text.trim();
    let well_formed =
        text.split_once('@').is_some_and(|(local, domain)| !local.is_empty() && !domain.is_empty())
            && !text.chars().any(|c| c.is_whitespace() || c.is_control());
    if well_formed { Ok(text.to_owned()) } else { Err(format!("not an e-mail address: {}", echo(text))) }
}

/// Sends the notification (or prints it, with `--dry-run`), then prints what was done.
pub(crate) fn run(
    args: &NotifyArgs,
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
) -> Result<Exit, Failure> {
    let id: EntityId = ids::parse_as(&args.id)?;
    let mut emails: Distinct<String> = Distinct::default();
    for email in &args.to {
        emails.insert(email.clone());
    }
    let call = Notify::new(id.clone(), emails.as_slice().iter().cloned());
    let connection = connect()?;
    if args.write.dry_run {
        return act::dry_run(&connection, std::iter::once(&call), report);
    }
    let target = Target {
        action: "sending",
        done: "sent",
        what: format!("the notification about entity {id}"),
        id: Some(id.to_string()),
    };
    Ok(match connection.client.execute(&call) {
        Ok(()) => {
            output::notify::print(&id, call.emails(), report);
            Exit::Success
        }
        Err(error) => output::written::failed(
            output::notify::refused(error, &id),
            &target,
            &[],
            "ask the recipients; the service keeps no record of notifications that hec can read",
            report,
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_has_a_local_part_and_a_domain_and_no_space() {
        assert_eq!(address(" ann@acme.example "), Ok("ann@acme.example".to_owned()));
        for bad in ["ann", "@acme.example", "ann@", "ann smith@acme.example", "ann@acme\u{1b}.example", ""] {
            assert!(address(bad).is_err(), "{bad:?}");
        }
    }
}
