//! `hec click-time ...`: the click-time-protection exception lists (`allow`, `block`; the API's
//! list ids `0` and `1`): list every list or one, list every item, show one, add, update and
//! delete items, and empty every list (only with `--all --yes`).

use clap::{Args, Subcommand};
use hec_proto::endpoint::AllCtpLists;
use hec_proto::endpoint::{CreateCtpItem, DeleteCtpItem, DeleteCtpItems, DeleteCtpLists, UpdateCtpItem};
use hec_proto::model::{CtpItemBody, CtpItemId, CtpItemsDelete, CtpListId};

use crate::commands::write::{self, Planned, WriteOptions};
use crate::connection::Connection;
use crate::failure::Failure;
use crate::ids;
use crate::output::exit::Exit;
use crate::output::found;
use crate::output::report::Report;
use crate::output::table;
use crate::output::written::Target;

/// `hec click-time ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum ClickTimeCommand {
    /// List every list, or one: one row per item (item id, list, name, created by, created).
    List {
        /// allow, block, or a list id (0 is allow, 1 block); every list if left out.
        #[arg(value_name = "LIST", value_parser = list_id)]
        list: Option<CtpListId>,
    },
    /// List every item of every list, as `list` does.
    Items,
    /// Show one item; an unknown id exits 4.
    Get {
        /// The item id (as `click-time list` prints it).
        #[arg(value_name = "ITEM_ID")]
        id: String,
    },
    /// Add a domain or URL to a list.
    Add(AddArgs),
    /// Change an item: its list, its name and who changed it.
    Update(UpdateArgs),
    /// Delete items (one request for one, one for several; `-` reads ids from stdin), or with
    /// `--all --yes` every item of every list.
    Delete(DeleteArgs),
}

/// The arguments of `hec click-time add`.
#[derive(Debug, Args)]
pub(crate) struct AddArgs {
    /// allow, block, or a list id.
    #[arg(value_name = "LIST", value_parser = list_id)]
    list: CtpListId,
    /// The domain or URL.
    #[arg(value_name = "NAME")]
    name: String,
    /// Who adds it (createdBy, required by the API).
    #[arg(long, value_name = "ADDR")]
    created_by: String,
    #[command(flatten)]
    write: WriteOptions,
}

/// The arguments of `hec click-time update`.
#[derive(Debug, Args)]
pub(crate) struct UpdateArgs {
    /// The item id.
    #[arg(value_name = "ITEM_ID")]
    id: String,
    /// allow, block, or a list id.
    #[arg(value_name = "LIST", value_parser = list_id)]
    list: CtpListId,
    /// The domain or URL.
    #[arg(value_name = "NAME")]
    name: String,
    /// Who changes it (createdBy, required by the API).
    #[arg(long, value_name = "ADDR")]
    created_by: String,
    #[command(flatten)]
    write: WriteOptions,
}

/// The arguments of `hec click-time delete`.
#[derive(Debug, Args)]
pub(crate) struct DeleteArgs {
    /// Item ids; `-` reads ids from stdin, one per line.
    #[arg(value_name = "ITEM_ID", required_unless_present = "all", conflicts_with = "all")]
    ids: Vec<String>,
    /// Every item of every list (with --yes).
    #[arg(long)]
    all: bool,
    /// Confirms --all.
    #[arg(long, requires = "all")]
    yes: bool,
    #[command(flatten)]
    write: WriteOptions,
}

/// `LIST`: `allow`, `block`, or a list id.
fn list_id(text: &str) -> Result<CtpListId, String> {
    match text {
        "allow" | "whitelist" => Ok(CtpListId::allow()),
        "block" | "blacklist" => Ok(CtpListId::block()),
        other => other.parse().map_err(|_| "use allow, block or a list id (digits)".to_owned()),
    }
}

/// How a person sees whether a write ran.
const CHECK: &str = "`hec click-time items` shows the items as they are now";

/// `click-time item 4711000000000001`.
fn item_target(action: &'static str, done: &'static str, id: &CtpItemId) -> Target {
    Target { action, done, what: format!("click-time item {id}"), id: Some(id.to_string()) }
}

/// Runs a click-time command: its arguments are checked before `connect`.
pub(crate) fn run(
    command: &ClickTimeCommand,
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
) -> Result<Exit, Failure> {
    match command {
        ClickTimeCommand::List { list: None } => Ok(table::print(connect()?.client.list_ctp_lists(), report)),
        ClickTimeCommand::List { list: Some(list) } => {
            Ok(table::print(connect()?.client.get_ctp_list(list), report))
        }
        ClickTimeCommand::Items => Ok(table::print(connect()?.client.list_ctp_items(), report)),
        ClickTimeCommand::Get { id } => {
            let id: CtpItemId = ids::parse_as(id)?;
            Ok(found::show(connect()?.client.get_ctp_item(&id), "click-time item", id.as_str(), report))
        }
        ClickTimeCommand::Add(args) => {
            let body = CtpItemBody::new(args.list.clone(), args.name.as_str(), args.created_by.as_str())
                .map_err(|e| Failure::Usage(e.to_string()))?;
            let what = format!("a new click-time item on list {}", args.list);
            let target = Target { action: "add", done: "added", what, id: None };
            write::run(
                vec![Planned { call: CreateCtpItem::new(body), target }],
                args.write,
                CHECK,
                connect,
                report,
            )
        }
        ClickTimeCommand::Update(args) => {
            let id: CtpItemId = ids::parse_as(&args.id)?;
            let body = CtpItemBody::new(args.list.clone(), args.name.as_str(), args.created_by.as_str())
                .map_err(|e| Failure::Usage(e.to_string()))?;
            let target = item_target("update", "updated", &id);
            write::run(
                vec![Planned { call: UpdateCtpItem::new((id, body)), target }],
                args.write,
                CHECK,
                connect,
                report,
            )
        }
        ClickTimeCommand::Delete(args) => delete(args, connect, report),
    }
}

/// `hec click-time delete`.
fn delete(
    args: &DeleteArgs,
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
) -> Result<Exit, Failure> {
    if args.all {
        if !args.yes {
            return Err(Failure::Usage(
                "--all deletes every item of every click-time list; add --yes to confirm".to_owned(),
            ));
        }
        let what = "every click-time list".to_owned();
        let target = Target { action: "delete", done: "emptied", what, id: None };
        let call = DeleteCtpLists::new(AllCtpLists);
        return write::run(vec![Planned { call, target }], args.write, CHECK, connect, report);
    }
    let ids: Vec<CtpItemId> = ids::collect_as(&args.ids, std::io::stdin().lock(), "click-time item")?;
    if let [one] = ids.as_slice() {
        let target = item_target("delete", "deleted", one);
        return write::run(
            vec![Planned { call: DeleteCtpItem::new(one.clone()), target }],
            args.write,
            CHECK,
            connect,
            report,
        );
    }
    let what = format!("{} click-time items", ids.len());
    let delete = CtpItemsDelete::new(ids).map_err(|e| Failure::Usage(e.to_string()))?;
    let target = Target { action: "delete", done: "deleted", what, id: None };
    write::run(
        vec![Planned { call: DeleteCtpItems::new(delete), target }],
        args.write,
        CHECK,
        connect,
        report,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::parse;

    fn command(args: &[&str]) -> Result<ClickTimeCommand, clap::Error> {
        parse::<ClickTimeCommand>(&[&["hec", "click-time"], args].concat())
    }

    #[test]
    fn lists_are_named_or_numbered() {
        assert_eq!(list_id("allow"), Ok(CtpListId::allow()));
        assert_eq!(list_id("blacklist"), Ok(CtpListId::block()));
        assert_eq!(list_id("7").map(|id| id.to_string()), Ok("7".to_owned()));
        assert!(list_id("items").is_err());
    }

    #[test]
    fn deleting_every_list_takes_all_and_yes_and_no_ids() {
        assert!(command(&["delete"]).is_err(), "ids or --all");
        assert!(command(&["delete", "--yes"]).is_err(), "--yes only with --all");
        assert!(command(&["delete", "--all", "4711000000000001"]).is_err(), "--all or ids");
        assert!(matches!(
            command(&["delete", "--all"]),
            Ok(ClickTimeCommand::Delete(DeleteArgs { all: true, yes: false, .. }))
        ));
        assert!(command(&["add", "allow", "partner.example"]).is_err(), "--created-by is required");
    }
}
