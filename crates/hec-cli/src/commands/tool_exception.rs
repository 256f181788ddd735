//! `hec tool-exception ...`: the security tools' exceptions (anti-malware `malware`, URL
//! reputation `url`, DLP `dlp`; the API's `checkpoint2`, `avanan_url`, `avanan_dlp`), each named
//! by its tool, its type and its key: list a type (paged), show one, add, update and delete.

use clap::{Args, Subcommand, ValueEnum};
use hec_proto::EntityId;
use hec_proto::endpoint::{
    CreateToolException, DeleteToolException, DeleteToolExceptions, UpdateToolException,
};
use hec_proto::model::{
    LinkCondition, NewToolException, SecTool, SortDir, ToolExceptionBulkDelete, ToolExceptionDelete,
    ToolExceptionIndex, ToolExceptionKey, ToolExceptionQuery, ToolExceptionType, ToolExceptionUpdate,
};

use crate::commands::write::{self, Planned, WriteOptions};
use crate::connection::Connection;
use crate::echo::echo;
use crate::failure::Failure;
use crate::ids;
use crate::output::exit::Exit;
use crate::output::found;
use crate::output::report::Report;
use crate::output::written::Target;

/// `hec tool-exception ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum ToolExceptionCommand {
    /// List a tool's exceptions of one type, following the pages to the end and printing as
    /// they arrive: one line each (key, comment, condition, created by, inserted;
    /// tab-separated).
    List(ListArgs),
    /// Show one exception by its key; an unknown key exits 4.
    Get {
        #[command(flatten)]
        kind: Kind,
        /// The exception's key (a hash, a URL, a domain, an address...).
        #[arg(value_name = "KEY")]
        key: String,
    },
    /// Add an exception.
    Add(AddArgs),
    /// Change an exception's comment or link condition (at least one).
    Update(UpdateArgs),
    /// Delete exceptions of one type by their keys: one key in one request, several in one
    /// request for all of them.
    Delete(DeleteArgs),
}

/// A tool and one of its exception types.
#[derive(Debug, Args)]
pub(crate) struct Kind {
    /// malware, url or dlp (or checkpoint2, avanan_url, avanan_dlp).
    #[arg(value_name = "TOOL", value_parser = tool)]
    tool: SecTool,
    /// The type: malware hash, macro_hash, file_type, ppat_sender_name; url allow-url,
    /// allow-domain, block-url, block-domain; dlp hash, text_content, sender_email,
    /// recipient_email.
    #[arg(value_name = "TYPE")]
    exception_type: String,
}

/// The arguments of `hec tool-exception list`.
#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    #[command(flatten)]
    kind: Kind,
    /// Only exceptions whose FIELD holds TEXT; FIELD: insert-time, entity-type-id, key,
    /// file-name, created-by or comment.
    #[arg(long, value_name = "FIELD=TEXT", value_parser = filter)]
    filter: Option<(ToolExceptionIndex, String)>,
    /// The order.
    #[arg(long, value_enum, value_name = "DIR")]
    sort: Option<Sort>,
    /// Start after this key (the API's lastEvaluatedKey).
    #[arg(long, value_name = "KEY")]
    after: Option<String>,
    /// How many exceptions a page holds (the API's limit).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    page_size: Option<u32>,
    /// Send insertTimeGte true (its meaning is not documented).
    #[arg(long)]
    insert_time_gte: bool,
    /// Stop after N exceptions (no further page is fetched).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    limit: Option<u64>,
}

/// The arguments of `hec tool-exception add`.
#[derive(Debug, Args)]
pub(crate) struct AddArgs {
    #[command(flatten)]
    kind: Kind,
    /// The exception's key (a hash, a URL, a domain, an address...).
    #[arg(value_name = "KEY")]
    key: String,
    /// A note.
    #[arg(long, value_name = "TEXT")]
    comment: Option<String>,
    /// How mail with links is treated.
    #[arg(long, value_enum, value_name = "CONDITION")]
    condition: Option<Condition>,
    #[command(flatten)]
    entity: EntityArgs,
    /// The file's name, for a hash.
    #[arg(long, value_name = "NAME")]
    file_name: Option<String>,
    /// Who makes it (createdByEmail).
    #[arg(long, value_name = "ADDR")]
    created_by: Option<String>,
    /// Send isExclusive true (its meaning is not documented).
    #[arg(long)]
    exclusive: bool,
    #[command(flatten)]
    write: WriteOptions,
}

/// The arguments of `hec tool-exception update`.
#[derive(Debug, Args)]
pub(crate) struct UpdateArgs {
    #[command(flatten)]
    kind: Kind,
    /// The exception's key.
    #[arg(value_name = "KEY")]
    key: String,
    /// The new note.
    #[arg(long, value_name = "TEXT")]
    comment: Option<String>,
    /// The new link condition.
    #[arg(long, value_enum, value_name = "CONDITION")]
    condition: Option<Condition>,
    #[command(flatten)]
    write: WriteOptions,
}

/// The arguments of `hec tool-exception delete`.
#[derive(Debug, Args)]
pub(crate) struct DeleteArgs {
    #[command(flatten)]
    kind: Kind,
    /// The keys of the exceptions to delete.
    #[arg(value_name = "KEY", required = true)]
    keys: Vec<String>,
    #[command(flatten)]
    entity: EntityArgs,
    #[command(flatten)]
    write: WriteOptions,
}

/// The e-mail an exception was made from.
#[derive(Debug, Args)]
pub(crate) struct EntityArgs {
    /// The entity type of the e-mail the exception is made from (e.g. office365_emails_email).
    #[arg(long, value_name = "TYPE", requires = "entity_id")]
    entity_type: Option<String>,
    /// The id of that e-mail.
    #[arg(long, value_name = "ID", requires = "entity_type")]
    entity_id: Option<String>,
}

/// `--sort`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Sort {
    /// Ascending.
    Asc,
    /// Descending.
    Desc,
}

/// `--condition`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[allow(clippy::enum_variant_names)] // The API's own names, written with dashes.
pub(crate) enum Condition {
    /// with_or_without_link.
    WithOrWithoutLink,
    /// with_link.
    WithLink,
    /// without_link.
    WithoutLink,
}

impl Condition {
    fn link_condition(self) -> LinkCondition {
        match self {
            Condition::WithOrWithoutLink => LinkCondition::WithOrWithoutLink,
            Condition::WithLink => LinkCondition::WithLink,
            Condition::WithoutLink => LinkCondition::WithoutLink,
        }
    }
}

/// `TOOL`: the command line's names and the API's.
fn tool(text: &str) -> Result<SecTool, String> {
    match text {
        "malware" | "checkpoint2" => Ok(SecTool::AntiMalware),
        "url" | "avanan_url" => Ok(SecTool::UrlReputation),
        "dlp" | "avanan_dlp" => Ok(SecTool::Dlp),
        _ => Err("use malware, url or dlp (or checkpoint2, avanan_url, avanan_dlp)".to_owned()),
    }
}

/// `--filter FIELD=TEXT`.
fn filter(text: &str) -> Result<(ToolExceptionIndex, String), String> {
    let (field, value) = text.split_once('=').ok_or("expected FIELD=TEXT, e.g. comment=payroll")?;
    let index = match field {
        "insert-time" => ToolExceptionIndex::InsertTime,
        "entity-type-id" => ToolExceptionIndex::EntityTypeId,
        "key" => ToolExceptionIndex::ExceptionStr,
        "file-name" => ToolExceptionIndex::FileName,
        "created-by" => ToolExceptionIndex::CreatedByEmail,
        "comment" => ToolExceptionIndex::Comment,
        _ => {
            return Err(format!(
                "unknown field {field:?}: use insert-time, entity-type-id, key, file-name, created-by or comment"
            ));
        }
    };
    Ok((index, value.to_owned()))
}

impl Kind {
    /// The type, if the tool documents it.
    fn exception_type(&self) -> Result<ToolExceptionType, Failure> {
        let documented = self.tool.exception_types();
        documented.iter().find(|kind| kind.as_str() == self.exception_type).cloned().ok_or_else(|| {
            let names: Vec<&str> = documented.iter().map(ToolExceptionType::as_str).collect();
            Failure::Usage(format!(
                "unknown exception type {} for {}: use {}",
                echo(&self.exception_type),
                self.tool,
                names.join(", ")
            ))
        })
    }

    /// `avanan_url block-domain exception cdn.evil.example`.
    fn what(&self, key: &ToolExceptionKey) -> String {
        format!("{} {} exception {}", self.tool, self.exception_type, key)
    }

    /// How a person sees whether a write to this kind ran.
    fn check(&self) -> String {
        format!("`hec tool-exception list {} {}` shows them as they are now", self.tool, self.exception_type)
    }
}

impl EntityArgs {
    /// The entity, both parts checked, if given.
    fn entity(&self) -> Result<Option<(String, EntityId)>, Failure> {
        match (&self.entity_type, &self.entity_id) {
            (Some(kind), Some(id)) => Ok(Some((kind.clone(), ids::parse_as(id)?))),
            _ => Ok(None),
        }
    }
}

/// A key as the command line gave it, checked.
fn key(text: &str) -> Result<ToolExceptionKey, Failure> {
    ToolExceptionKey::new(text).map_err(|e| Failure::Usage(format!("{e}: {}", echo(text))))
}

/// Runs a tool-exception command: its arguments (tool, type, keys) are checked before `connect`.
pub(crate) fn run(
    command: &ToolExceptionCommand,
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
) -> Result<Exit, Failure> {
    match command {
        ToolExceptionCommand::List(args) => {
            let query = query(args)?;
            let connection = connect()?;
            Ok(found::print(
                connection.client.list_tool_exceptions(query),
                args.limit,
                "tool exceptions",
                report,
            ))
        }
        ToolExceptionCommand::Get { kind, key: text } => {
            let exception_type = kind.exception_type()?;
            let key = key(text)?;
            let got = connect()?.client.get_tool_exception(kind.tool, &exception_type, &key);
            Ok(found::show(got, "tool exception", key.as_str(), report))
        }
        ToolExceptionCommand::Add(args) => {
            let mut new = NewToolException::new(args.kind.exception_type()?, key(&args.key)?);
            if let Some((kind, id)) = args.entity.entity()? {
                new = new.entity(kind, id);
            }
            if let Some(name) = &args.file_name {
                new = new.file_name(name.as_str());
            }
            if let Some(address) = &args.created_by {
                new = new.created_by_email(address.as_str());
            }
            if let Some(comment) = &args.comment {
                new = new.comment(comment.as_str());
            }
            if let Some(condition) = args.condition {
                new = new.condition(condition.link_condition());
            }
            let new = new.exclusive(args.exclusive);
            let target = Target {
                action: "add",
                done: "added",
                what: args.kind.what(new.key()),
                id: Some(args.key.clone()),
            };
            let call = CreateToolException::new((args.kind.tool, new));
            write::run(vec![Planned { call, target }], args.write, &args.kind.check(), connect, report)
        }
        ToolExceptionCommand::Update(args) => {
            let key = key(&args.key)?;
            let mut update = ToolExceptionUpdate::builder(args.kind.exception_type()?, key.clone());
            if let Some(comment) = &args.comment {
                update = update.comment(comment.as_str());
            }
            if let Some(condition) = args.condition {
                update = update.condition(condition.link_condition());
            }
            let update = update.build().map_err(|e| Failure::Usage(e.to_string()))?;
            let target = Target {
                action: "update",
                done: "updated",
                what: args.kind.what(&key),
                id: Some(args.key.clone()),
            };
            let call = UpdateToolException::new((args.kind.tool, update));
            write::run(vec![Planned { call, target }], args.write, &args.kind.check(), connect, report)
        }
        ToolExceptionCommand::Delete(args) => delete(args, connect, report),
    }
}

/// The list's query.
fn query(args: &ListArgs) -> Result<ToolExceptionQuery, Failure> {
    let mut query = ToolExceptionQuery::new(args.kind.tool, args.kind.exception_type()?);
    if let Some((index, text)) = &args.filter {
        query = query.filter(*index, text.as_str());
    }
    match args.sort {
        Some(Sort::Asc) => query = query.sort(SortDir::Asc),
        Some(Sort::Desc) => query = query.sort(SortDir::Desc),
        None => {}
    }
    if let Some(after) = &args.after {
        query = query.after(key(after)?.as_str());
    }
    if let Some(size) = args.page_size {
        query = query.limit(size);
    }
    Ok(query.insert_time_gte(args.insert_time_gte))
}

/// `hec tool-exception delete`: one key is one exception's delete, several one request for all.
fn delete(
    args: &DeleteArgs,
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
) -> Result<Exit, Failure> {
    let exception_type = args.kind.exception_type()?;
    let mut keys = Vec::with_capacity(args.keys.len());
    for text in &args.keys {
        let key = key(text)?;
        if !keys.contains(&key) {
            keys.push(key);
        }
    }
    let entity = args.entity.entity()?;
    let check = args.kind.check();
    if let [one] = keys.as_slice() {
        let mut delete = ToolExceptionDelete::new(exception_type, one.clone());
        if let Some((kind, id)) = entity {
            delete = delete.entity(kind, id);
        }
        let target = Target {
            action: "delete",
            done: "deleted",
            what: args.kind.what(one),
            id: Some(one.to_string()),
        };
        let call = DeleteToolException::new((args.kind.tool, delete));
        return write::run(vec![Planned { call, target }], args.write, &check, connect, report);
    }
    let what = format!("{} {} {} exceptions", keys.len(), args.kind.tool, args.kind.exception_type);
    let mut many =
        ToolExceptionBulkDelete::new(exception_type, keys).map_err(|e| Failure::Usage(e.to_string()))?;
    if let Some((kind, id)) = entity {
        many = many.entity(kind, id);
    }
    let target = Target { action: "delete", done: "deleted", what, id: None };
    let call = DeleteToolExceptions::new((args.kind.tool, many));
    write::run(vec![Planned { call, target }], args.write, &check, connect, report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::parse;

    fn command(args: &[&str]) -> Result<ToolExceptionCommand, clap::Error> {
        parse::<ToolExceptionCommand>(&[&["hec", "tool-exception"], args].concat())
    }

    #[test]
    fn the_tools_take_the_command_lines_names_and_the_apis() {
        for (name, want) in [
            ("malware", SecTool::AntiMalware),
            ("checkpoint2", SecTool::AntiMalware),
            ("url", SecTool::UrlReputation),
            ("avanan_url", SecTool::UrlReputation),
            ("dlp", SecTool::Dlp),
            ("avanan_dlp", SecTool::Dlp),
        ] {
            assert_eq!(tool(name), Ok(want));
        }
        assert!(tool("av").is_err());
    }

    #[test]
    fn a_type_the_tool_does_not_document_is_refused() {
        let Ok(ToolExceptionCommand::Get { kind, .. }) = command(&["get", "url", "hash", "x"]) else {
            panic!("parses")
        };
        let Err(Failure::Usage(message)) = kind.exception_type() else { panic!("refused") };
        assert_eq!(
            message,
            r#"unknown exception type "hash" for avanan_url: use allow-url, allow-domain, block-url, block-domain"#
        );
    }

    #[test]
    fn the_list_flags_make_the_query() {
        let Ok(ToolExceptionCommand::List(args)) = command(&[
            "list",
            "url",
            "block-domain",
            "--filter",
            "created-by=soc@",
            "--sort",
            "desc",
            "--after",
            "cdn.evil.example",
            "--page-size",
            "50",
            "--insert-time-gte",
        ]) else {
            panic!("parses")
        };
        let query = query(&args).unwrap();
        assert_eq!(
            serde_json::to_value(&query).unwrap(),
            serde_json::json!({"filterStr": "soc@", "filterIndex": "created_by_email", "sortDir": "desc",
                "lastEvaluatedKey": "cdn.evil.example", "insertTimeGte": true, "limit": 50})
        );
        assert!(command(&["list", "url", "block-domain", "--filter", "owner=x"]).is_err());
        assert!(command(&["list", "url", "block-domain", "--page-size", "0"]).is_err());
        assert!(
            command(&["add", "url", "block-url", "k", "--entity-type", "office365_emails_email"]).is_err()
        );
    }
}
