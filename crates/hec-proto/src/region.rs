//! Where the API lives: the seven regional gateways, and any other gateway URL.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr};
use std::str::FromStr;

/// A Check Point Infinity Portal regional gateway. Authentication and the HEC API share the
/// regional host, and an API key works only against the gateway of its own region.
///
/// Parses case-insensitively from its short name (`us`, `eu`, `ca`, `au`, `uk`, `uae`, `in`) or
/// its long name (`canada`, `australia`, `india`).
///
/// ```
/// use hec_proto::Region;
/// let region: Region = "EU".parse().unwrap();
/// assert_eq!(region.base_url().as_str(), "https://cloudinfra-gw.portal.checkpoint.com");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Region {
    /// United States.
    Us,
    /// Europe.
    Eu,
    /// Canada.
    Ca,
    /// Australia.
    Au,
    /// United Kingdom.
    Uk,
    /// United Arab Emirates.
    Uae,
    /// India.
    In,
}

impl Region {
    /// Every region, in the order of the vendor's configuration.
    pub const ALL: [Region; 7] =
        [Region::Us, Region::Eu, Region::Ca, Region::Au, Region::Uk, Region::Uae, Region::In];

    /// The short name, as accepted by `FromStr`: `us`, `eu`, `ca`, `au`, `uk`, `uae`, `in`.
    pub const fn code(self) -> &'static str {
        match self {
            Region::Us => "us",
            Region::Eu => "eu",
            Region::Ca => "ca",
            Region::Au => "au",
            Region::Uk => "uk",
            Region::Uae => "uae",
            Region::In => "in",
        }
    }

    /// The region's name for people: `United States`, `Europe`, ...
    pub const fn name(self) -> &'static str {
        match self {
            Region::Us => "United States",
            Region::Eu => "Europe",
            Region::Ca => "Canada",
            Region::Au => "Australia",
            Region::Uk => "United Kingdom",
            Region::Uae => "United Arab Emirates",
            Region::In => "India",
        }
    }

    /// The gateway's URL as text.
    pub const fn url(self) -> &'static str {
        match self {
            Region::Us => "https://cloudinfra-gw-us.portal.checkpoint.com",
            Region::Eu => "https://cloudinfra-gw.portal.checkpoint.com",
            Region::Ca => "https://cloudinfra-gw.ca.portal.checkpoint.com",
            Region::Au => "https://cloudinfra-gw.ap.portal.checkpoint.com",
            Region::Uk => "https://cloudinfra-gw.uk.portal.checkpoint.com",
            Region::Uae => "https://cloudinfra-gw.me.portal.checkpoint.com",
            Region::In => "https://cloudinfra-gw.in.portal.checkpoint.com",
        }
    }

    /// The gateway's base URL.
    pub fn base_url(self) -> BaseUrl {
        BaseUrl { url: self.url().to_owned() }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A region name that is not one of the seven gateways.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown region {0:?}: expected one of us, eu, ca, au, uk, uae, in")]
pub struct UnknownRegion(pub String);

impl FromStr for Region {
    type Err = UnknownRegion;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let lower = text.trim().to_ascii_lowercase();
        let region = match lower.as_str() {
            "us" | "usa" => Region::Us,
            "eu" | "europe" => Region::Eu,
            "ca" | "canada" => Region::Ca,
            "au" | "australia" => Region::Au,
            "uk" | "gb" => Region::Uk,
            "uae" | "ae" | "me" => Region::Uae,
            "in" | "india" => Region::In,
            _ => return Err(UnknownRegion(text.to_owned())),
        };
        Ok(region)
    }
}

/// The root of a HEC gateway: a region's URL or any other one (the "Authentication URL" shown
/// when a key is created, a proxy, a test server), with an optional path prefix.
///
/// It must be `https`, except for loopback hosts (`localhost`, `127.0.0.0/8`, `::1`) so that mock
/// servers work. It carries no query, fragment or user info, and is kept without a trailing slash.
///
/// ```
/// use hec_proto::BaseUrl;
/// let base: BaseUrl = "https://gw.example.com/prefix/".parse().unwrap();
/// assert_eq!(base.as_str(), "https://gw.example.com/prefix");
/// assert!("http://gw.example.com".parse::<BaseUrl>().is_err());
/// assert!("http://127.0.0.1:8080".parse::<BaseUrl>().is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BaseUrl {
    url: String,
}

/// Why a text is not a usable gateway URL.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid base URL {url:?}: {reason}")]
pub struct InvalidBaseUrl {
    /// The text that was given.
    pub url: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl BaseUrl {
    /// The URL, without a trailing slash.
    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// The host name or address (IPv6 in brackets).
    pub fn host(&self) -> &str {
        let rest = self.url.split_once("://").map_or("", |(_, rest)| rest);
        let authority = rest.split('/').next().unwrap_or_default();
        match authority.rfind(':') {
            Some(colon) if !authority[colon..].contains(']') => &authority[..colon],
            _ => authority,
        }
    }

    /// Whether the host is a loopback name or address.
    pub fn is_loopback(&self) -> bool {
        is_loopback_host(self.host())
    }

    /// This URL followed by `path`, which must start with `/`.
    pub(crate) fn join(&self, path: &str) -> String {
        let mut url = String::with_capacity(self.url.len() + path.len());
        url.push_str(&self.url);
        url.push_str(path);
        url
    }
}

fn is_loopback_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    match host.parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => v4.is_loopback(),
        Ok(IpAddr::V6(v6)) => {
            v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v4: Ipv4Addr| v4.is_loopback())
        }
        Err(_) => false,
    }
}

impl FromStr for BaseUrl {
    type Err = InvalidBaseUrl;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let fail = |reason| InvalidBaseUrl { url: text.to_owned(), reason };
        let uri: http::Uri = text.trim().parse().map_err(|_| fail("not a URL"))?;
        let scheme = uri.scheme_str().ok_or_else(|| fail("it has no scheme (https://...)"))?;
        let authority = uri.authority().ok_or_else(|| fail("it has no host"))?;
        if authority.as_str().contains('@') {
            return Err(fail("it must not carry user info"));
        }
        if authority.host().is_empty() {
            return Err(fail("it has no host"));
        }
        let path_and_query = uri.path_and_query();
        if path_and_query.and_then(|pq| pq.query()).is_some() || text.contains('#') {
            return Err(fail("it must not carry a query or fragment"));
        }
        let loopback = is_loopback_host(authority.host());
        match scheme.to_ascii_lowercase().as_str() {
            "https" => {}
            "http" if loopback => {}
            "http" => return Err(fail("plain http is allowed only for loopback hosts; use https")),
            _ => return Err(fail("the scheme must be https")),
        }
        let path = path_and_query.map_or("", |pq| pq.path()).trim_end_matches('/');
        let url =
            format!("{}://{}{}", scheme.to_ascii_lowercase(), authority.as_str().to_ascii_lowercase(), path);
        Ok(BaseUrl { url })
    }
}

impl From<Region> for BaseUrl {
    fn from(region: Region) -> Self {
        region.base_url()
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.url)
    }
}
