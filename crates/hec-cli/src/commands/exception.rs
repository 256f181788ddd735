//! `hec exception ...`: the anti-phishing allow and block lists (`allow`, `block`,
//! `spam-allow`; the API's `whitelist`, `blacklist`, `spam_whitelist`): list them, show one, add,
//! update (every criterion replaced) and delete.

use clap::{Args, Subcommand};
use hec_proto::endpoint::{CreateApException, DeleteApException, ModifyApException};
use hec_proto::model::{
    ApExceptionCriteria, ApExceptionCriteriaBuilder, ApExceptionType, DomainMatching, ExceptionId,
    TextMatching,
};

use crate::commands::write::{self, Planned, WriteOptions};
use crate::connection::Connection;
use crate::failure::Failure;
use crate::ids;
use crate::output::exit::Exit;
use crate::output::found;
use crate::output::report::Report;
use crate::output::table;
use crate::output::written::Target;

/// `hec exception ...`.
#[derive(Debug, Subcommand)]
pub(crate) enum ExceptionCommand {
    /// List the exceptions of a list: one row each (id, what it matches, comment, updated).
    List {
        /// allow, block or spam-allow (or whitelist, blacklist, spam_whitelist).
        #[arg(value_name = "TYPE", value_parser = list_type)]
        list: ApExceptionType,
    },
    /// Show one exception; an unknown id exits 4.
    Get {
        /// allow, block or spam-allow (or whitelist, blacklist, spam_whitelist).
        #[arg(value_name = "TYPE", value_parser = list_type)]
        list: ApExceptionType,
        /// The exception id (as `exception list` prints it).
        #[arg(value_name = "ID")]
        id: String,
    },
    /// Add an exception: at least one criterion. The answer holds no id: `exception list` shows
    /// the new one.
    Add(AddArgs),
    /// Replace an exception's criteria with these (those not given are cleared).
    Update(UpdateArgs),
    /// Delete exceptions, one request each, in order; `-` reads ids from stdin.
    Delete(DeleteArgs),
}

/// The arguments of `hec exception add`.
#[derive(Debug, Args)]
pub(crate) struct AddArgs {
    /// allow, block or spam-allow (or whitelist, blacklist, spam_whitelist).
    #[arg(value_name = "TYPE", value_parser = list_type)]
    list: ApExceptionType,
    #[command(flatten)]
    criteria: CriteriaArgs,
    #[command(flatten)]
    write: WriteOptions,
}

/// The arguments of `hec exception update`.
#[derive(Debug, Args)]
pub(crate) struct UpdateArgs {
    /// allow, block or spam-allow (or whitelist, blacklist, spam_whitelist).
    #[arg(value_name = "TYPE", value_parser = list_type)]
    list: ApExceptionType,
    /// The exception id.
    #[arg(value_name = "ID")]
    id: String,
    #[command(flatten)]
    criteria: CriteriaArgs,
    #[command(flatten)]
    write: WriteOptions,
}

/// The arguments of `hec exception delete`.
#[derive(Debug, Args)]
pub(crate) struct DeleteArgs {
    /// allow, block or spam-allow (or whitelist, blacklist, spam_whitelist).
    #[arg(value_name = "TYPE", value_parser = list_type)]
    list: ApExceptionType,
    /// Exception ids; `-` reads ids from stdin, one per line (as `exception list -o ids` prints them).
    #[arg(value_name = "ID", required = true)]
    ids: Vec<String>,
    #[command(flatten)]
    write: WriteOptions,
}

/// What an exception matches, and its notes.
#[derive(Debug, Args)]
#[command(
    next_help_heading = "Criteria (at least one of the sender, recipient, subject, link, IP and MD5 ones)"
)]
pub(crate) struct CriteriaArgs {
    /// The sender's address.
    #[arg(long, value_name = "E")]
    sender_email: Option<String>,
    /// The sender's domain.
    #[arg(long, value_name = "D")]
    sender_domain: Option<String>,
    /// The sender's display name.
    #[arg(long, value_name = "N")]
    sender_name: Option<String>,
    /// The subject.
    #[arg(long, value_name = "S")]
    subject: Option<String>,
    /// A recipient.
    #[arg(long, value_name = "R")]
    recipient: Option<String>,
    /// The sending server's IP.
    #[arg(long, value_name = "IP")]
    sender_ip: Option<String>,
    /// The sending client's IP.
    #[arg(long, value_name = "IP")]
    sender_client_ip: Option<String>,
    /// A domain of a link in the mail; repeat for more.
    #[arg(long = "link-domain", value_name = "D")]
    link_domains: Vec<String>,
    /// An attachment's MD5.
    #[arg(long, value_name = "H")]
    attachment_md5: Option<String>,
    /// What the exception is for (free text, e.g. phishing).
    #[arg(long, value_name = "TEXT")]
    action_needed: Option<String>,
    /// Ignore SPF check failures.
    #[arg(long)]
    ignore_spf: bool,
    /// How a criterion matches; repeat for more. FIELD: subject, link-domain, sender-name,
    /// sender-email, recipient or sender-domain; MODE: matching, contains or exact (for
    /// sender-domain: contains, ends-with or exact).
    #[arg(long = "match", value_name = "FIELD=MODE", value_parser = matching)]
    matches: Vec<Matching>,
    /// A note.
    #[arg(long, value_name = "TEXT")]
    comment: Option<String>,
}

/// One `--match FIELD=MODE`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Matching {
    /// A text field and its mode.
    Text(TextField, TextMatching),
    /// The sender's domain and its mode.
    SenderDomain(DomainMatching),
}

/// The fields `--match` takes a text mode for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TextField {
    Subject,
    LinkDomain,
    SenderName,
    SenderEmail,
    Recipient,
}

/// `TYPE`: the command line's names and the API's.
fn list_type(text: &str) -> Result<ApExceptionType, String> {
    match text {
        "allow" | "whitelist" => Ok(ApExceptionType::Whitelist),
        "block" | "blacklist" => Ok(ApExceptionType::Blacklist),
        "spam-allow" | "spam_whitelist" => Ok(ApExceptionType::SpamWhitelist),
        _ => Err("use allow, block or spam-allow (or whitelist, blacklist, spam_whitelist)".to_owned()),
    }
}

/// `--match FIELD=MODE`.
fn matching(text: &str) -> Result<Matching, String> {
    let (field, mode) = text.split_once('=').ok_or("expected FIELD=MODE, e.g. sender-domain=ends-with")?;
    let text_mode = || match mode {
        "matching" => Ok(TextMatching::Matching),
        "contains" => Ok(TextMatching::Contains),
        "exact" => Ok(TextMatching::Exact),
        _ => Err(format!("{field}: use matching, contains or exact")),
    };
    let text = |field| text_mode().map(|mode| Matching::Text(field, mode));
    match field {
        "subject" => text(TextField::Subject),
        "link-domain" => text(TextField::LinkDomain),
        "sender-name" => text(TextField::SenderName),
        "sender-email" => text(TextField::SenderEmail),
        "recipient" => text(TextField::Recipient),
        "sender-domain" => match mode {
            "contains" => Ok(Matching::SenderDomain(DomainMatching::Contains)),
            "ends-with" => Ok(Matching::SenderDomain(DomainMatching::EndsWith)),
            "exact" => Ok(Matching::SenderDomain(DomainMatching::Exact)),
            _ => Err("sender-domain: use contains, ends-with or exact".to_owned()),
        },
        _ => Err(format!(
            "unknown field {field:?}: use subject, link-domain, sender-name, sender-email, recipient or sender-domain"
        )),
    }
}

impl CriteriaArgs {
    /// The criteria, or a usage failure when none is set (it would match every message).
    fn build(&self) -> Result<ApExceptionCriteria, Failure> {
        type Setter = fn(ApExceptionCriteriaBuilder, String) -> ApExceptionCriteriaBuilder;
        let texts: [(&Option<String>, Setter); 10] = [
            (&self.sender_email, ApExceptionCriteriaBuilder::sender_email),
            (&self.sender_domain, ApExceptionCriteriaBuilder::sender_domain),
            (&self.sender_name, ApExceptionCriteriaBuilder::sender_name),
            (&self.subject, ApExceptionCriteriaBuilder::subject),
            (&self.recipient, ApExceptionCriteriaBuilder::recipient),
            (&self.sender_ip, ApExceptionCriteriaBuilder::sender_ip),
            (&self.sender_client_ip, ApExceptionCriteriaBuilder::sender_client_ip),
            (&self.attachment_md5, ApExceptionCriteriaBuilder::attachment_md5),
            (&self.action_needed, ApExceptionCriteriaBuilder::action_needed),
            (&self.comment, ApExceptionCriteriaBuilder::comment),
        ];
        let mut builder = ApExceptionCriteria::builder();
        for (value, set) in texts {
            if let Some(value) = value {
                builder = set(builder, value.clone());
            }
        }
        for domain in &self.link_domains {
            builder = builder.link_domain(domain.as_str());
        }
        for matching in &self.matches {
            builder = match *matching {
                Matching::Text(TextField::Subject, mode) => builder.subject_matching(mode),
                Matching::Text(TextField::LinkDomain, mode) => builder.link_domain_matching(mode),
                Matching::Text(TextField::SenderName, mode) => builder.sender_name_matching(mode),
                Matching::Text(TextField::SenderEmail, mode) => builder.sender_email_matching(mode),
                Matching::Text(TextField::Recipient, mode) => builder.recipient_matching(mode),
                Matching::SenderDomain(mode) => builder.sender_domain_matching(mode),
            };
        }
        builder.ignoring_spf_check(self.ignore_spf).build().map_err(|e| Failure::Usage(e.to_string()))
    }
}

/// How a person sees whether a write to `list` ran.
fn check(list: ApExceptionType) -> String {
    format!("`hec exception list {list}` shows the list as it is now")
}

/// `whitelist exception 700000101`.
fn target(action: &'static str, done: &'static str, list: ApExceptionType, id: &ExceptionId) -> Target {
    Target { action, done, what: format!("{list} exception {id}"), id: Some(id.to_string()) }
}

/// Runs an exception command: its arguments (list, ids, criteria) are checked before `connect`.
pub(crate) fn run(
    command: &ExceptionCommand,
    connect: impl FnOnce() -> Result<Connection, Failure>,
    report: Report,
) -> Result<Exit, Failure> {
    match command {
        ExceptionCommand::List { list } => {
            Ok(table::print(connect()?.client.list_ap_exceptions(*list), report))
        }
        ExceptionCommand::Get { list, id } => {
            let id: ExceptionId = ids::parse_as(id)?;
            Ok(found::show(connect()?.client.get_ap_exception(*list, &id), "exception", id.as_str(), report))
        }
        ExceptionCommand::Add(args) => {
            let criteria = args.criteria.build()?;
            let what = format!("a new {} exception", args.list);
            let target = Target { action: "add", done: "added", what, id: None };
            let call = CreateApException::new((args.list, criteria));
            write::run(vec![Planned { call, target }], args.write, &check(args.list), connect, report)
        }
        ExceptionCommand::Update(args) => {
            let id: ExceptionId = ids::parse_as(&args.id)?;
            let criteria = args.criteria.build()?;
            let target = target("update", "updated", args.list, &id);
            let call = ModifyApException::new((args.list, id, criteria));
            write::run(vec![Planned { call, target }], args.write, &check(args.list), connect, report)
        }
        ExceptionCommand::Delete(args) => {
            let ids: Vec<ExceptionId> = ids::collect_as(&args.ids, std::io::stdin().lock(), "exception")?;
            let writes = ids
                .into_iter()
                .map(|id| Planned {
                    target: target("delete", "deleted", args.list, &id),
                    call: DeleteApException::new((args.list, id)),
                })
                .collect();
            write::run(writes, args.write, &check(args.list), connect, report)
        }
    }
}

#[cfg(test)]
mod tests {
    use hec_proto::endpoint::Endpoint;
    use hec_proto::{AccessToken, Region, RequestId};

    use super::*;
    use crate::test_support::parse;

    fn command(args: &[&str]) -> Result<ExceptionCommand, clap::Error> {
        parse::<ExceptionCommand>(&[&["hec", "exception"], args].concat())
    }

    /// The `requestData` an `add` with these arguments sends.
    fn add_body(args: &[&str]) -> Result<serde_json::Value, String> {
        let Ok(ExceptionCommand::Add(add)) = command(&[&["add"], args].concat()) else {
            return Err("not an add".to_owned());
        };
        let criteria = add.criteria.build().map_err(|e| e.to_string())?;
        let request = CreateApException::new((add.list, criteria))
            .request(&Region::Eu.base_url(), &AccessToken::new("t"), RequestId::new())
            .map_err(|e| e.to_string())?;
        let body: serde_json::Value = serde_json::from_slice(request.body()).map_err(|e| e.to_string())?;
        Ok(body["requestData"].clone())
    }

    #[test]
    fn every_criterion_flag_maps_to_its_field() {
        let body = add_body(&[
            "block",
            "--sender-email",
            "a@evil.example",
            "--sender-domain",
            "evil.example",
            "--sender-name",
            "Payroll",
            "--subject",
            "Invoice",
            "--recipient",
            "cfo@acme.example",
            "--sender-ip",
            "203.0.113.7",
            "--sender-client-ip",
            "198.51.100.23",
            "--link-domain",
            "pay.evil.example",
            "--link-domain",
            "cdn.evil.example",
            "--attachment-md5",
            "9e107d9d372bb6826bd81d3542a419d6",
            "--action-needed",
            "phishing",
            "--ignore-spf",
            "--match",
            "subject=contains",
            "--match",
            "link-domain=exact",
            "--match",
            "sender-name=matching",
            "--match",
            "sender-email=exact",
            "--match",
            "recipient=contains",
            "--match",
            "sender-domain=ends-with",
            "--comment",
            "campaign",
        ])
        .unwrap();
        assert_eq!(
            body,
            serde_json::json!({
                "senderEmail": "a@evil.example", "senderEmailMatching": "exact",
                "senderName": "Payroll", "senderNameMatching": "matching",
                "senderDomain": "evil.example", "senderDomainMatching": "ends_with",
                "senderIp": "203.0.113.7", "senderClientIp": "198.51.100.23",
                "recipient": "cfo@acme.example", "recipientMatching": "contains",
                "subject": "Invoice", "subjectMatching": "contains",
                "linkDomains": ["pay.evil.example", "cdn.evil.example"], "linkDomainMatching": "exact",
                "attachmentMd5": "9e107d9d372bb6826bd81d3542a419d6", "actionNeeded": "phishing",
                "comment": "campaign", "ignoringSpfCheck": true,
            })
        );
    }

    #[test]
    fn the_types_take_the_command_lines_names_and_the_apis() {
        for (name, want) in [
            ("allow", ApExceptionType::Whitelist),
            ("whitelist", ApExceptionType::Whitelist),
            ("block", ApExceptionType::Blacklist),
            ("blacklist", ApExceptionType::Blacklist),
            ("spam-allow", ApExceptionType::SpamWhitelist),
            ("spam_whitelist", ApExceptionType::SpamWhitelist),
        ] {
            assert!(
                matches!(command(&["list", name]), Ok(ExceptionCommand::List { list }) if list == want),
                "{name}"
            );
        }
        for bad in ["Allow", "spam", "allowlist", ""] {
            assert!(command(&["list", bad]).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_match_names_a_field_and_a_mode_that_fits_it() {
        assert_eq!(matching("sender-domain=ends-with"), Ok(Matching::SenderDomain(DomainMatching::EndsWith)));
        assert_eq!(
            matching("subject=matching"),
            Ok(Matching::Text(TextField::Subject, TextMatching::Matching))
        );
        for bad in ["subject", "subject=ends-with", "sender-domain=matching", "body=exact", "subject=Exact"] {
            assert!(matching(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn an_add_without_a_criterion_is_refused() {
        assert_eq!(
            add_body(&["allow", "--comment", "nothing", "--ignore-spf", "--match", "subject=exact"]),
            Err(hec_proto::model::InvalidExceptionRequest::NoCriteria.to_string())
        );
        assert_eq!(
            add_body(&["allow", "--sender-email", ""]),
            Err(hec_proto::model::InvalidExceptionRequest::NoCriteria.to_string())
        );
    }
}
