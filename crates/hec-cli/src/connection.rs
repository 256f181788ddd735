//! Building the [`Client`] from the options, the environment, or the embedded mock gateway.

use std::path::{Path, PathBuf};

use hec_blocking::Client;
use hec_fixtures::mock::MockGateway;
use hec_proto::config::{ENV_ACCESS_KEY, ENV_BASE_URL, ENV_CLIENT_ID, ENV_REGION};
use hec_proto::endpoint::AUTH_PATH;
use hec_proto::{BaseUrl, ConfigError, Credentials, Region};

use crate::echo::echo;
use crate::failure::Failure;
use crate::profile::ProfileKey;

/// A client, and what it talks to.
#[derive(Debug)]
pub(crate) struct Connection {
    /// The client.
    pub(crate) client: Client,
    /// Which gateway the client talks to.
    pub(crate) gateway: Gateway,
    /// The embedded mock with `--mock`, kept alive as long as the client.
    _mock: Option<MockGateway>,
}

/// Which gateway a client talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gateway {
    /// A regional gateway of Check Point.
    Region(Region),
    /// Another URL given with `--base-url`.
    Custom,
    /// The embedded mock (`--mock`).
    Mock,
}

/// What a client is made from: the options of the command line (or the environment) that say
/// which gateway, which credentials, and how many requests at once.
#[derive(Debug, Clone)]
pub(crate) struct ConnectOptions {
    /// `--region` and `--base-url`, with where each came from.
    pub(crate) gateway: GatewayOptions,
    /// `--client-id` (else `HEC_CLIENT_ID`, which clap reads into it too).
    pub(crate) client_id: Option<String>,
    /// `--access-key-file` (else `HEC_ACCESS_KEY`).
    pub(crate) access_key_file: Option<PathBuf>,
    /// The profile's access key, read only when neither `--access-key-file` nor `HEC_ACCESS_KEY`
    /// gives one (see [`profile`](crate::profile)).
    pub(crate) profile_key: Option<ProfileKey>,
    /// `--mock`: the embedded mock gateway instead.
    pub(crate) mock: bool,
    /// `--max-in-flight`.
    pub(crate) max_in_flight: u16,
}

impl ConnectOptions {
    /// With `--mock`, a note naming the gateway options given on the command line, which the
    /// embedded mock makes moot (`None` without `--mock`, or with none of them given there).
    pub(crate) fn ignored_by_mock(&self) -> Option<String> {
        let given = |option: &Option<Sourced>| option.as_ref().is_some_and(|s| s.on_command_line);
        let ignored = match (given(&self.gateway.region), given(&self.gateway.base_url)) {
            _ if !self.mock => return None,
            (true, true) => "--region and --base-url are",
            (true, false) => "--region is",
            (false, true) => "--base-url is",
            (false, false) => return None,
        };
        Some(format!("note: --mock runs against the embedded mock gateway: {ignored} ignored"))
    }
}

/// Where a gateway option's value came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sourced {
    /// The value.
    pub(crate) value: String,
    /// Whether it was given on the command line (else it came from the environment).
    pub(crate) on_command_line: bool,
}

/// The gateway options as given: `--region`/`HEC_REGION` and `--base-url`/`HEC_BASE_URL`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct GatewayOptions {
    /// `--region` or `HEC_REGION`.
    pub(crate) region: Option<Sourced>,
    /// `--base-url` or `HEC_BASE_URL`.
    pub(crate) base_url: Option<Sourced>,
}

impl GatewayOptions {
    /// The gateway: a command-line option beats the environment (the level that sets either
    /// option is read, the other ignored); within that level hec-proto's
    /// [`BaseUrl::from_env_vars`] decides, so giving both a region and a base URL is an error.
    pub(crate) fn resolve(&self) -> Result<(BaseUrl, Gateway), Failure> {
        let on_command_line = [&self.region, &self.base_url].into_iter().flatten().any(|s| s.on_command_line);
        let at_level = |option: &Option<Sourced>| {
            option.as_ref().filter(|s| s.on_command_line == on_command_line).map(|s| s.value.clone())
        };
        let (region, base_url) = (at_level(&self.region), at_level(&self.base_url));
        let lookup = |name: &str| match name {
            ENV_REGION => region.clone(),
            ENV_BASE_URL => base_url.clone(),
            _ => None,
        };
        let url = BaseUrl::from_env_vars(lookup).map_err(|error| {
            Failure::Usage(match error {
                ConfigError::Conflicting(..) if on_command_line => {
                    "give either --region or --base-url, not both".to_owned()
                }
                ConfigError::Conflicting(..) => format!("{error}, or choose with --region or --base-url"),
                ConfigError::MissingVariables(_) => {
                    let codes: Vec<&str> = Region::ALL.into_iter().map(Region::code).collect();
                    format!(
                        "no gateway: set {ENV_REGION} (or --region) to one of {}, or {ENV_BASE_URL} (or \
                         --base-url) to a gateway URL",
                        codes.join(", ")
                    )
                }
                other => other.to_string(),
            })
        })?;
        if let Some(given) = &base_url {
            note_auth_path(given, &url);
        }
        let gateway = Region::ALL
            .into_iter()
            .find(|region| region.base_url() == url)
            .map_or(Gateway::Custom, Gateway::Region);
        Ok((url, gateway))
    }
}

/// Says (with `-v`) that the base URL lost the `/auth/external` the portal's "Authentication URL"
/// ends with, which [`BaseUrl`] removes.
fn note_auth_path(given: &str, url: &BaseUrl) {
    let path = given.trim().trim_end_matches('/');
    if path.len() >= AUTH_PATH.len()
        && path.get(path.len() - AUTH_PATH.len()..).is_some_and(|end| end.eq_ignore_ascii_case(AUTH_PATH))
    {
        tracing::debug!(
            "the base URL ends in {AUTH_PATH} (the portal's Authentication URL); using {url}, the gateway it belongs to"
        );
    }
}

/// The client for these options: the embedded mock with `--mock`, else the gateway and the
/// credentials given. Fails, before any request, on anything missing or invalid.
///
/// The caller makes the client's secrets the ones output removes
/// ([`redact::watch`](crate::output::redact::watch)), as `main` does for every command.
pub(crate) fn connect(options: &ConnectOptions) -> Result<Connection, Failure> {
    if options.mock {
        let mock = MockGateway::demo();
        let base_url: BaseUrl = mock.base_url().parse().map_err(|e| Failure::Usage(format!("{e}")))?;
        let client = Client::from_config(
            hec_blocking::ClientConfig::new()
                .base_url(base_url)
                .credentials(Credentials::new(mock.client_id(), mock.access_key()))
                .max_in_flight(options.max_in_flight.into()),
        )?;
        return Ok(Connection { client, gateway: Gateway::Mock, _mock: Some(mock) });
    }
    let resolved = options.gateway.resolve();
    let credentials = credentials(options);
    let ((base_url, gateway), credentials) = match (resolved, credentials) {
        (Ok(gateway), Ok(credentials)) => (gateway, credentials),
        (Err(Failure::Usage(a)), Err(Failure::Usage(b))) => return Err(Failure::Usage(format!("{a}\n{b}"))),
        (Err(error), _) | (_, Err(error)) => return Err(error),
    };
    let client = Client::from_config(
        hec_blocking::ClientConfig::new()
            .base_url(base_url)
            .credentials(credentials)
            .max_in_flight(options.max_in_flight.into()),
    )?;
    Ok(Connection { client, gateway, _mock: None })
}

/// The client id (`--client-id` or `HEC_CLIENT_ID`, else the profile's) and the access key
/// (`--access-key-file`, else `HEC_ACCESS_KEY`, else the profile's), checked by hec-proto's
/// [`Credentials::from_env_vars`].
fn credentials(options: &ConnectOptions) -> Result<Credentials, Failure> {
    let access_key = match &options.access_key_file {
        Some(path) => Some(read_access_key(path)?),
        None => match std::env::var(ENV_ACCESS_KEY).ok().filter(|key| !key.trim().is_empty()) {
            Some(key) => Some(key),
            None => options.profile_key.as_ref().map(ProfileKey::read).transpose()?,
        },
    };
    let lookup = |name: &str| match name {
        ENV_CLIENT_ID => options.client_id.clone(),
        ENV_ACCESS_KEY => access_key.clone(),
        _ => None,
    };
    Credentials::from_env_vars(lookup).map_err(|error| {
        Failure::Usage(match error {
            ConfigError::MissingVariables(missing) => format!(
                "no credentials: set {ENV_CLIENT_ID} and {ENV_ACCESS_KEY} (or use --client-id and \
                 --access-key-file); missing: {}",
                missing.join(", ")
            ),
            other => other.to_string(),
        })
    })
}

/// The most bytes read from an access key file (keys are tens of characters).
const MAX_ACCESS_KEY_FILE_BYTES: u64 = 64 * 1024;

/// The access key from a file, or from stdin for `-`: its text without surrounding whitespace.
/// Reads at most [`MAX_ACCESS_KEY_FILE_BYTES`], so `/dev/zero` or a wrong large file fails at
/// once.
pub(crate) fn read_access_key(path: &Path) -> Result<String, Failure> {
    use std::io::Read;
    let from_stdin = path == Path::new("-");
    let name = if from_stdin { "(stdin)".to_owned() } else { echo(&path.to_string_lossy()) };
    let mut bytes = Vec::new();
    let read = if from_stdin {
        std::io::stdin().lock().take(MAX_ACCESS_KEY_FILE_BYTES + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path)
            .and_then(|file| file.take(MAX_ACCESS_KEY_FILE_BYTES + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| Failure::Usage(format!("cannot read the access key file {name}: {e}")))?;
    if bytes.len() as u64 > MAX_ACCESS_KEY_FILE_BYTES {
        return Err(Failure::Usage(format!(
            "the access key file {name} is larger than {MAX_ACCESS_KEY_FILE_BYTES} bytes: not an access key"
        )));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| Failure::Usage(format!("the access key file {name} is not UTF-8 text")))?;
    let key = text.trim();
    if key.is_empty() && from_stdin {
        return Err(Failure::Usage(
            "--access-key-file -: stdin holds no access key (it can bring the key or the ids of `-`, not both)"
                .to_owned(),
        ));
    }
    if key.is_empty() {
        return Err(Failure::Usage(format!("the access key file {name} is empty")));
    }
    Ok(key.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn given(value: &str, on_command_line: bool) -> Option<Sourced> {
        Some(Sourced { value: value.to_owned(), on_command_line })
    }

    fn resolve(region: Option<Sourced>, base_url: Option<Sourced>) -> Result<(String, Gateway), String> {
        GatewayOptions { region, base_url }
            .resolve()
            .map(|(url, gateway)| (url.to_string(), gateway))
            .map_err(|e| e.to_string())
    }

    #[test]
    fn a_region_gives_its_gateway() {
        let (url, gateway) = resolve(given("EU", false), None).unwrap();
        assert_eq!(url, "https://cloudinfra-gw.portal.checkpoint.com");
        assert_eq!(gateway, Gateway::Region(Region::Eu));
    }

    #[test]
    fn a_regions_url_given_as_base_url_is_recognised() {
        let (_, gateway) =
            resolve(None, given("https://cloudinfra-gw-us.portal.checkpoint.com/", true)).unwrap();
        assert_eq!(gateway, Gateway::Region(Region::Us));
    }

    #[test]
    fn the_command_line_beats_the_environment() {
        let (url, _) = resolve(given("eu", false), given("http://127.0.0.1:9", true)).unwrap();
        assert_eq!(url, "http://127.0.0.1:9");
        let (_, gateway) = resolve(given("uk", true), given("http://127.0.0.1:9", false)).unwrap();
        assert_eq!(gateway, Gateway::Region(Region::Uk));
    }

    #[test]
    fn both_at_the_same_level_is_an_error() {
        assert!(resolve(given("eu", true), given("http://127.0.0.1:9", true)).is_err());
        assert!(resolve(given("eu", false), given("http://127.0.0.1:9", false)).is_err());
    }

    #[test]
    fn unknown_regions_and_plain_http_to_other_hosts_are_refused() {
        assert!(resolve(given("mars", true), None).unwrap_err().contains("unknown region"));
        assert!(resolve(None, given("http://gw.example.com", true)).unwrap_err().contains("loopback"));
        assert!(resolve(None, None).unwrap_err().contains("HEC_REGION"));
    }
}
