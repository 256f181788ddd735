//! `BaseUrl`: the root of a HEC gateway, checked so strictly that every HTTP client reads it the
//! same way (the same host, the same port) as hec does.

use std::borrow::Cow;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::str::FromStr;

/// The path of the auth endpoint, at the gateway root (not under `/app/hec-api`).
pub const AUTH_PATH: &str = "/auth/external";

/// The root of a HEC gateway: a region's URL or any other one (the "Authentication URL" shown
/// when a key is created, a proxy, a test server), with an optional path prefix.
///
/// It must be `https`, except for loopback hosts (`localhost`, `127.0.0.0/8`, `::1`) so that mock
/// servers work. The host is a DNS name, an IPv4 address or an IPv6 address in brackets; the
/// port, if any, is a number from 1 to 65535. It carries no query, fragment, user info or `.`/`..`
/// path segment. It is kept in one canonical form (scheme and host in lower case, no default
/// port, no trailing slash), so that its text parses back to itself.
///
/// The Infinity Portal shows a key's "Authentication URL", which ends in `/auth/external`; that
/// ending is removed, since hec adds it (and the API paths) itself.
///
/// ```
/// use hec_proto::BaseUrl;
/// let base: BaseUrl = "https://gw.example.com/prefix/".parse().unwrap();
/// assert_eq!(base.as_str(), "https://gw.example.com/prefix");
/// let portal: BaseUrl = "https://cloudinfra-gw.portal.checkpoint.com/auth/external".parse().unwrap();
/// assert_eq!(portal.as_str(), "https://cloudinfra-gw.portal.checkpoint.com");
/// assert!("http://gw.example.com".parse::<BaseUrl>().is_err());
/// assert!("http://127.0.0.1:99999".parse::<BaseUrl>().is_err());
/// assert!("http://127.0.0.1:8080".parse::<BaseUrl>().is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BaseUrl {
    url: String,
    /// Where the host starts in `url` (after `scheme://`).
    host_start: usize,
    /// Where the host ends in `url` (a `:port` or the path may follow).
    host_end: usize,
    /// Where the authority (host and port) ends in `url`.
    authority_end: usize,
}

/// Why a text is not a usable gateway URL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid base URL {url:?}: {reason}")]
pub struct InvalidBaseUrl {
    /// The text that was given, without what may be user info (everything from after `://`
    /// through the last `@`, so that a password is never repeated, even one holding `/`, `?` or
    /// `#`): its first [`InvalidBaseUrl::MAX_ECHO`] characters, and `…` if it was longer.
    pub url: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl InvalidBaseUrl {
    /// The most characters of the given text an error repeats.
    pub const MAX_ECHO: usize = 100;

    fn new(text: &str, reason: &'static str) -> Self {
        let text = without_user_info(text);
        let mut url: String = text.chars().take(Self::MAX_ECHO).collect();
        if text.chars().nth(Self::MAX_ECHO).is_some() {
            url.push('…');
        }
        InvalidBaseUrl { url, reason }
    }
}

impl BaseUrl {
    /// The URL, without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// The host: a lower-case DNS name, an IPv4 address, or an IPv6 address in brackets
    /// (`[::1]`). Exactly the host the URL's requests go to.
    pub fn host(&self) -> &str {
        &self.url[self.host_start..self.host_end]
    }

    /// The host and, unless it is the scheme's default, the port (`127.0.0.1:8080`), as an HTTP
    /// `Host` header carries them.
    pub fn authority(&self) -> &str {
        &self.url[self.host_start..self.authority_end]
    }

    /// Whether the host is a loopback name or address: `localhost`, `127.0.0.0/8`, `::1` or
    /// `::ffff:127.0.0.0/104`.
    pub fn is_loopback(&self) -> bool {
        is_loopback_host(self.host())
    }

    /// Whether requests to this gateway may go through a proxy from the environment
    /// (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`): never for a loopback host, whose traffic
    /// (plain http, with the access key) must not leave the machine. Both drivers build their
    /// default HTTP client without a proxy when this is false.
    pub fn may_use_proxy(&self) -> bool {
        !self.is_loopback()
    }

    /// A region's gateway (a fixed `https://` URL with a DNS host and no port or path).
    pub(crate) fn of_region(url: &'static str) -> BaseUrl {
        let host_start = "https://".len();
        BaseUrl { url: url.to_owned(), host_start, host_end: url.len(), authority_end: url.len() }
    }

    /// This URL followed by `path`, which must start with `/`.
    pub(crate) fn join(&self, path: &str) -> String {
        let mut url = String::with_capacity(self.url.len() + path.len());
        url.push_str(&self.url);
        url.push_str(path);
        url
    }
}

/// `text` without anything that may be user info: from after `://` (or from the start, with no
/// scheme) through the last `@`. `https://user:PASSW0RD@gw.example` is `https://gw.example`.
fn without_user_info(text: &str) -> Cow<'_, str> {
    let start = text.find("://").map_or(0, |at| at + "://".len());
    match text[start..].rfind('@') {
        Some(at) => Cow::Owned(format!("{}{}", &text[..start], &text[start + at + 1..])),
        None => Cow::Borrowed(text),
    }
}

fn is_loopback_host(host: &str) -> bool {
    if host == "localhost" {
        return true;
    }
    let address = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')).unwrap_or(host);
    match address.parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => v4.is_loopback(),
        Ok(IpAddr::V6(v6)) => {
            v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v4: Ipv4Addr| v4.is_loopback())
        }
        Err(_) => false,
    }
}

/// A host as it will be written: lower case, IPv6 in canonical form inside brackets.
fn parse_host(host: &str) -> Result<String, &'static str> {
    if let Some(inside) = host.strip_prefix('[') {
        let inside = inside.strip_suffix(']').ok_or("the IPv6 address must end with ']' before the port")?;
        let address: Ipv6Addr = inside.parse().map_err(|_| "the host is not a valid IPv6 address")?;
        return Ok(format!("[{address}]"));
    }
    if host.is_empty() {
        return Err("it has no host");
    }
    if host.len() > 253 {
        return Err("the host name is longer than 253 characters");
    }
    if !host.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_')) {
        return Err("the host may hold only letters, digits, '-', '_' and '.' (or be an [IPv6] address)");
    }
    let labels: Vec<&str> = host.split('.').collect();
    if labels.iter().any(|label| label.is_empty() || label.len() > 63) {
        return Err("each dot-separated part of the host must have 1 to 63 characters");
    }
    // What ends in a number is an IPv4 address to URL parsers (`127.1`, `0x7f.1`): accept only
    // the four-decimal form, so that every client reaches the same address.
    let last = labels[labels.len() - 1];
    let numeric = last.bytes().all(|b| b.is_ascii_digit())
        || last.get(..2).is_some_and(|prefix| prefix.eq_ignore_ascii_case("0x"));
    if numeric && host.parse::<Ipv4Addr>().is_err() {
        return Err("the host looks like an IPv4 address but is not one (use a.b.c.d)");
    }
    Ok(host.to_ascii_lowercase())
}

/// The port, if it is not the scheme's default.
fn parse_port(port: &str, scheme: &str) -> Result<Option<u16>, &'static str> {
    const BAD: &str = "the port must be a number from 1 to 65535";
    if port.is_empty() || port.len() > 5 || !port.bytes().all(|b| b.is_ascii_digit()) {
        return Err(BAD);
    }
    let port: u16 = port.parse().map_err(|_| BAD)?;
    match (port, scheme) {
        (0, _) => Err(BAD),
        (443, "https") | (80, "http") => Ok(None),
        (port, _) => Ok(Some(port)),
    }
}

/// The path prefix as it will be written: no trailing slash, no trailing `/auth/external`.
fn parse_path(path: &str) -> Result<&str, &'static str> {
    let mut bytes = path.bytes();
    while let Some(byte) = bytes.next() {
        let allowed = byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&byte);
        if byte == b'%' {
            if !(bytes.next().is_some_and(|b| b.is_ascii_hexdigit())
                && bytes.next().is_some_and(|b| b.is_ascii_hexdigit()))
            {
                return Err("a '%' in the path must start an escape such as %2F");
            }
        } else if !allowed {
            return Err("the path holds a character a URL cannot carry (escape it as %XX)");
        }
    }
    if path.split('/').any(|segment| segment == "." || segment == "..") {
        return Err("the path must not hold '.' or '..' segments");
    }
    let mut path = path.trim_end_matches('/');
    while path.len() >= AUTH_PATH.len() {
        let (rest, end) = path.split_at(path.len() - AUTH_PATH.len());
        if !end.eq_ignore_ascii_case(AUTH_PATH) {
            break;
        }
        path = rest.trim_end_matches('/');
    }
    Ok(path)
}

impl FromStr for BaseUrl {
    type Err = InvalidBaseUrl;

    fn from_str(given: &str) -> Result<Self, Self::Err> {
        let fail = |reason| InvalidBaseUrl::new(given, reason);
        let text = given.trim();
        if text.is_empty() {
            return Err(fail("not a URL"));
        }
        if text.contains(['?', '#']) {
            return Err(fail("it must not carry a query or fragment"));
        }
        let (scheme, rest) = text.split_once("://").ok_or_else(|| fail("it has no scheme (https://...)"))?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "https" && scheme != "http" {
            return Err(fail("the scheme must be https"));
        }
        let (authority, path) = rest.find('/').map_or((rest, ""), |slash| rest.split_at(slash));
        if authority.contains('@') {
            return Err(fail("it must not carry user info"));
        }
        if authority.is_empty() {
            return Err(fail("it has no host"));
        }
        // An IPv6 host holds colons of its own: the port's colon is the one after its ']'.
        let port_colon = match authority.rfind(']') {
            Some(bracket) => authority[bracket..].find(':').map(|colon| bracket + colon),
            None if authority.starts_with('[') => {
                return Err(fail("the IPv6 address must end with ']' before the port"));
            }
            None => authority.find(':'),
        };
        let (host, port) = match port_colon {
            Some(colon) => (&authority[..colon], Some(&authority[colon + 1..])),
            None => (authority, None),
        };
        let host = parse_host(host).map_err(fail)?;
        let port = port.map(|port| parse_port(port, &scheme)).transpose().map_err(fail)?.flatten();
        if scheme == "http" && !is_loopback_host(&host) {
            return Err(fail("plain http is allowed only for loopback hosts; use https"));
        }
        let path = parse_path(path).map_err(fail)?;

        let host_start = scheme.len() + "://".len();
        let mut url = scheme;
        url.push_str("://");
        url.push_str(&host);
        let host_end = url.len();
        if let Some(port) = port {
            url.push(':');
            url.push_str(&port.to_string());
        }
        let authority_end = url.len();
        url.push_str(path);
        // Every API request's URI is this URL and a path of fixed text and checked ids.
        if http::Uri::try_from(format!("{url}/x")).is_err() {
            return Err(fail("not a URL"));
        }
        Ok(BaseUrl { url, host_start, host_end, authority_end })
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.url)
    }
}
