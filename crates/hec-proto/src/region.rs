//! Where the API lives: the seven regional gateways (any other gateway URL is a `BaseUrl`).

use std::fmt;
use std::str::FromStr;

use crate::base_url::BaseUrl;

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
        BaseUrl::of_region(self.url())
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

impl From<Region> for BaseUrl {
    fn from(region: Region) -> Self {
        region.base_url()
    }
}
