//! The named filters of `hec entity search` that Check Point's XSOAR integration offers (its
//! `direction`, `domain`, `name_contains`, `server_ip`, `client_ip`, `links` and
//! `attachment_md5`): each flag adds one `entityExtendedFilter` item, exactly as
//! `--where NAME:OP:VALUE` would, with the attribute and operator XSOAR sends.

use clap::{Args, ValueEnum};
use hec_proto::{Filter, FilterOp};

/// Which way the mail went (`entityPayload.isInternal|isIncoming|isOutgoing is true`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Direction {
    /// From the organization to itself (`entityPayload.isInternal`).
    Internal,
    /// From outside the organization (`entityPayload.isIncoming`).
    Incoming,
    /// To outside the organization (`entityPayload.isOutgoing`).
    Outgoing,
}

impl Direction {
    /// The attribute that is `true` for mail of this direction.
    fn attribute(self) -> &'static str {
        match self {
            Direction::Internal => "entityPayload.isInternal",
            Direction::Incoming => "entityPayload.isIncoming",
            Direction::Outgoing => "entityPayload.isOutgoing",
        }
    }
}

/// The named filter flags, each sent as one `entityExtendedFilter` item after `--from`,
/// `--subject`, `--to` and `--message-id` and before the `--where` ones.
#[derive(Debug, Clone, Default, Args)]
pub(crate) struct NamedFilters {
    /// Only mail going this way: internal, incoming or outgoing (entityPayload.isInternal,
    /// isIncoming or isOutgoing is true).
    #[arg(long, value_enum, value_name = "DIRECTION")]
    direction: Option<Direction>,

    /// Only mail from this sender domain (entityPayload.fromDomain is DOMAIN).
    #[arg(long, value_name = "DOMAIN")]
    sender_domain: Option<String>,

    /// Only mail whose sender name contains TEXT (entityPayload.fromName contains TEXT).
    #[arg(long, value_name = "TEXT")]
    sender_name: Option<String>,

    /// Only mail sent from this server address (entityPayload.senderServerIp is IP).
    #[arg(long, value_name = "IP")]
    sender_ip: Option<String>,

    /// Only mail sent from this client address (entityPayload.senderClientIp is IP).
    #[arg(long, value_name = "IP")]
    client_ip: Option<String>,

    /// Only mail with this link in its body (entityPayload.emailLinks is URL).
    #[arg(long, value_name = "URL")]
    link: Option<String>,

    /// Only mail with an attachment of this MD5 (32 hex digits; entityPayload.attachments.MD5
    /// is HASH).
    #[arg(long, value_name = "HASH", value_parser = md5)]
    attachment_md5: Option<String>,
}

impl NamedFilters {
    /// The filters the flags ask for, in the order of the flags' list above.
    pub(crate) fn filters(&self) -> Vec<Filter> {
        let is = |name: &str, value: &str| Filter::new(name, FilterOp::Is, value);
        let mut filters = Vec::new();
        if let Some(direction) = self.direction {
            filters.push(is(direction.attribute(), "true"));
        }
        if let Some(domain) = &self.sender_domain {
            filters.push(is("entityPayload.fromDomain", domain));
        }
        if let Some(name) = &self.sender_name {
            filters.push(Filter::new("entityPayload.fromName", FilterOp::Contains, name.as_str()));
        }
        if let Some(ip) = &self.sender_ip {
            filters.push(is("entityPayload.senderServerIp", ip));
        }
        if let Some(ip) = &self.client_ip {
            filters.push(is("entityPayload.senderClientIp", ip));
        }
        if let Some(link) = &self.link {
            filters.push(is("entityPayload.emailLinks", link));
        }
        if let Some(md5) = &self.attachment_md5 {
            filters.push(is("entityPayload.attachments.MD5", md5));
        }
        filters
    }
}

/// `--attachment-md5`: 32 hex digits, sent in lower case (as the service shows them).
fn md5(text: &str) -> Result<String, String> {
    if text.len() == 32 && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(text.to_ascii_lowercase())
    } else {
        Err("an MD5 is 32 hex digits".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;

    #[derive(Debug, Parser)]
    struct Flags {
        #[command(flatten)]
        filters: NamedFilters,
    }

    fn parse(args: &[&str]) -> Result<Flags, clap::Error> {
        Flags::try_parse_from(args)
    }

    fn filters(args: &[&str]) -> Vec<(String, String, String)> {
        let flags = parse(&[&["flags"], args].concat()).expect("the flags parse");
        flags.filters.filters().iter().map(|f| (f.name.clone(), f.op.to_string(), f.value.clone())).collect()
    }

    fn triple(name: &str, op: &str, value: &str) -> (String, String, String) {
        (name.to_owned(), op.to_owned(), value.to_owned())
    }

    #[test]
    fn no_flag_no_filter() {
        assert_eq!(filters(&[]), []);
    }

    #[test]
    fn each_direction_is_its_own_attribute() {
        assert_eq!(filters(&["--direction", "internal"]), [triple("entityPayload.isInternal", "is", "true")]);
        assert_eq!(filters(&["--direction", "incoming"]), [triple("entityPayload.isIncoming", "is", "true")]);
        assert_eq!(filters(&["--direction", "outgoing"]), [triple("entityPayload.isOutgoing", "is", "true")]);
        assert!(parse(&["flags", "--direction", "sideways"]).is_err());
    }

    #[test]
    fn every_flag_is_one_filter_in_a_fixed_order() {
        let got = filters(&[
            "--attachment-md5",
            "0123456789ABCDEF0123456789abcdef",
            "--link",
            "https://payroll-portal.evil.example/login",
            "--client-ip",
            "203.0.113.7",
            "--sender-ip",
            "198.51.100.25",
            "--sender-name",
            "Payroll",
            "--sender-domain",
            "evil.example",
            "--direction",
            "incoming",
        ]);
        assert_eq!(
            got,
            [
                triple("entityPayload.isIncoming", "is", "true"),
                triple("entityPayload.fromDomain", "is", "evil.example"),
                triple("entityPayload.fromName", "contains", "Payroll"),
                triple("entityPayload.senderServerIp", "is", "198.51.100.25"),
                triple("entityPayload.senderClientIp", "is", "203.0.113.7"),
                triple("entityPayload.emailLinks", "is", "https://payroll-portal.evil.example/login"),
                triple("entityPayload.attachments.MD5", "is", "0123456789abcdef0123456789abcdef"),
            ]
        );
    }

    #[test]
    fn an_md5_is_32_hex_digits() {
        assert!(parse(&["flags", "--attachment-md5", "0123456789abcdef"]).is_err());
        assert!(parse(&["flags", "--attachment-md5", &"g".repeat(32)]).is_err());
        assert!(parse(&["flags", "--attachment-md5", &"é".repeat(16)]).is_err());
    }
}
