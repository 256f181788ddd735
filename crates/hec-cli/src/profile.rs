//! Profiles: which one a run uses (`--profile NAME`, else `HEC_PROFILE`, else the config file's
//! `default_profile`, else none), and how its settings join the others'. For each setting the
//! order is: flag > environment > profile > built-in default. So `--region`/`--base-url` beat
//! `HEC_REGION`/`HEC_BASE_URL`, which beat the profile's `region`/`base_url`; `--client-id` beats
//! `HEC_CLIENT_ID`, which beats the profile's `client_id`; `--access-key-file` beats
//! `HEC_ACCESS_KEY`, which beats the profile's `access_key_file` or `access_key_command` (run only
//! when it is the one used). With `--all-profiles` every profile is used as the file says, and a
//! gateway or credentials given otherwise is refused (a key meant for one tenant is never sent to
//! another).

use std::path::Path;

use hec_proto::config::ENV_ACCESS_KEY;

use crate::config_file::{self, ConfigFile, KeySource, Location, Profile, ProfileGateway};
use crate::connection::{self, ConnectOptions, GatewayOptions, Sourced};
use crate::echo::echo;
use crate::failure::Failure;
use crate::key_command;

/// The environment variable that names the profile when `--profile` does not.
pub(crate) const ENV_PROFILE: &str = "HEC_PROFILE";

/// The environment variable that names the config file when `--config` does not.
pub(crate) const ENV_CONFIG: &str = "HEC_CONFIG";

/// A profile's access key, not yet read: read (the file, or the command run) only when neither
/// `--access-key-file` nor `HEC_ACCESS_KEY` gives a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProfileKey {
    /// The profile's name, for messages.
    profile: String,
    /// Where the key is.
    source: KeySource,
    /// `--quiet`: no warning about a key file others can read.
    quiet: bool,
}

impl ProfileKey {
    /// The key: from the file (as `--access-key-file` reads one, with a warning on stderr when
    /// others than its owner may read or write it), or what the command prints (see
    /// [`key_command`]).
    pub(crate) fn read(&self) -> Result<String, Failure> {
        match &self.source {
            KeySource::File(path) => {
                if let Some(warning) = loose_permissions(path)
                    && !self.quiet
                {
                    eprintln!("warning: profile {}: {warning}", echo(&self.profile));
                }
                connection::read_access_key(path)
            }
            KeySource::Command(command) => key_command::run(&self.profile, command, key_command::DEADLINE),
        }
    }
}

/// What is wrong with `path`'s permissions, if group or others may read or write it (Unix).
#[cfg(unix)]
fn loose_permissions(path: &Path) -> Option<String> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path).ok()?.permissions().mode();
    (mode & 0o077 != 0).then(|| {
        let name = path.to_string_lossy();
        format!(
            "the access key file {} can be read or written by others than its owner (mode {:o}); \
             fix it with: chmod 600 {}",
            echo(&name),
            mode & 0o777,
            shell_word(&name)
        )
    })
}

/// No permission bits to look at elsewhere.
#[cfg(not(unix))]
fn loose_permissions(_path: &Path) -> Option<String> {
    None
}

/// `text` as one word for a POSIX shell: as it is if it is plain, else single-quoted.
#[cfg(unix)]
fn shell_word(text: &str) -> String {
    if !text.is_empty() && text.chars().all(|c| c.is_ascii_alphanumeric() || "/._-+=:@%,".contains(c)) {
        text.to_owned()
    } else {
        format!("'{}'", echo(text).trim_matches('"').replace('\'', r"'\''"))
    }
}

/// A loaded config file, kept for the whole run (profile names tag what `--all-profiles` prints).
pub(crate) type Loaded = &'static ConfigFile;

/// Reads the config file at `location` once for the run (see [`config_file::load`]).
pub(crate) fn load(location: &Location) -> Result<Loaded, Failure> {
    // One small allocation per run, kept to its end: the names it holds are borrowed by every
    // report of `--all-profiles`.
    Ok(Box::leak(Box::new(config_file::load(location)?)))
}

/// The profile named `chosen` (`--profile` or `HEC_PROFILE`), else the file's `default_profile`,
/// else none; an unknown name is exit 2, naming it and the known ones.
pub(crate) fn choose<'c>(
    config: &'c ConfigFile,
    chosen: Option<&str>,
) -> Result<Option<&'c Profile>, Failure> {
    let Some(name) =
        chosen.map(str::trim).filter(|name| !name.is_empty()).or(config.default_profile.as_deref())
    else {
        return Ok(None);
    };
    config.profile(name).map(Some).ok_or_else(|| Failure::Usage(unknown(config, name)))
}

/// The message for an unknown profile `name`.
fn unknown(config: &ConfigFile, name: &str) -> String {
    let file = config
        .path
        .as_deref()
        .map_or_else(|| "no config file".to_owned(), |path| echo(&path.to_string_lossy()));
    format!(
        "unknown profile {} (named by --profile or {ENV_PROFILE}); the profiles in {file}: {}",
        echo(name),
        config.names()
    )
}

/// `options` with `profile`'s settings under them: each setting the command line and the
/// environment leave unset comes from the profile (see the module docs for the order).
pub(crate) fn apply(options: &ConnectOptions, profile: Option<&Profile>, quiet: bool) -> ConnectOptions {
    let mut options = options.clone();
    let Some(profile) = profile else { return options };
    if options.gateway.region.is_none() && options.gateway.base_url.is_none() {
        options.gateway = gateway(profile);
    }
    if options.client_id.as_deref().is_none_or(|id| id.trim().is_empty()) {
        options.client_id = Some(profile.client_id.clone());
    }
    options.profile_key =
        Some(ProfileKey { profile: profile.name.clone(), source: profile.key.clone(), quiet });
    options
}

/// A profile's gateway as the options hold one (at the level below the command line).
fn gateway(profile: &Profile) -> GatewayOptions {
    let sourced = |value: &str| Some(Sourced { value: value.to_owned(), on_command_line: false });
    match &profile.gateway {
        ProfileGateway::Region(region) => GatewayOptions { region: sourced(region), base_url: None },
        ProfileGateway::BaseUrl(url) => GatewayOptions { region: None, base_url: sourced(url) },
    }
}

/// One tenant of `--all-profiles`: its name and its options, made from the profile alone.
#[derive(Debug, Clone)]
pub(crate) struct Tenant {
    /// The profile's name.
    pub(crate) name: &'static str,
    /// What its client is made from.
    pub(crate) options: ConnectOptions,
}

/// Every profile of `config` as a tenant with `options`' other settings (`--max-in-flight`).
/// Exit 2 when there are no profiles, with `--mock` or `--profile`/`HEC_PROFILE`, or when a
/// gateway or credentials are given on the command line or in the environment (`env_key`:
/// whether `HEC_ACCESS_KEY` is set).
pub(crate) fn every(
    config: Loaded,
    options: &ConnectOptions,
    chosen: Option<&str>,
    env_key: bool,
    quiet: bool,
) -> Result<Vec<Tenant>, Failure> {
    if options.mock {
        return Err(Failure::Usage("--all-profiles uses the config file's tenants, not --mock".to_owned()));
    }
    if chosen.is_some() {
        return Err(Failure::Usage(format!(
            "--all-profiles uses every profile: drop --profile (or unset {ENV_PROFILE})"
        )));
    }
    let given: Vec<&str> = [
        (options.gateway.region.is_some(), "--region/HEC_REGION"),
        (options.gateway.base_url.is_some(), "--base-url/HEC_BASE_URL"),
        (options.client_id.is_some(), "--client-id/HEC_CLIENT_ID"),
        (options.access_key_file.is_some(), "--access-key-file"),
        (env_key, ENV_ACCESS_KEY),
    ]
    .into_iter()
    .filter_map(|(given, name)| given.then_some(name))
    .collect();
    if !given.is_empty() {
        return Err(Failure::Usage(format!(
            "--all-profiles uses each profile's own gateway and credentials; drop or unset {}",
            given.join(", ")
        )));
    }
    if config.profiles.is_empty() {
        let file = config.path.as_deref().map_or_else(
            || "no config file was found".to_owned(),
            |path| format!("{} has none", echo(&path.to_string_lossy())),
        );
        return Err(Failure::Usage(format!("--all-profiles: no profiles ({file})")));
    }
    let bare = ConnectOptions {
        gateway: GatewayOptions::default(),
        client_id: None,
        access_key_file: None,
        profile_key: None,
        ..options.clone()
    };
    Ok(config
        .profiles
        .iter()
        .map(|profile| Tenant { name: profile.name.as_str(), options: apply(&bare, Some(profile), quiet) })
        .collect())
}

/// Whether the environment gives an access key (`HEC_ACCESS_KEY`, not empty).
pub(crate) fn env_key() -> bool {
    std::env::var(ENV_ACCESS_KEY).is_ok_and(|key| !key.trim().is_empty())
}

/// The long help of `--profile`: the order in which every setting is looked for.
pub(crate) const PROFILE_HELP: &str = "\
The profile (a tenant of the config file) whose settings are used where flags and the environment give none.

Settings, first found wins: flag > environment > profile > built-in default
  gateway     --region/--base-url > HEC_REGION/HEC_BASE_URL > the profile's region/base_url
  client id   --client-id > HEC_CLIENT_ID > the profile's client_id
  access key  --access-key-file > HEC_ACCESS_KEY > the profile's access_key_file/access_key_command
  profile     --profile > HEC_PROFILE > the config file's default_profile > none
  config file --config > HEC_CONFIG > $XDG_CONFIG_HOME/hec/config.toml (~/.config/hec/config.toml)";

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(name: &str, gateway: ProfileGateway) -> Profile {
        Profile {
            name: name.into(),
            gateway,
            client_id: format!("{name}-id"),
            key: KeySource::Command("x".into()),
        }
    }

    fn options() -> ConnectOptions {
        ConnectOptions {
            gateway: GatewayOptions::default(),
            client_id: None,
            access_key_file: None,
            profile_key: None,
            mock: false,
            max_in_flight: 16,
        }
    }

    fn sourced(value: &str, on_command_line: bool) -> Option<Sourced> {
        Some(Sourced { value: value.into(), on_command_line })
    }

    #[test]
    fn the_profile_fills_only_what_flags_and_environment_leave_unset() {
        let acme = profile("acme", ProfileGateway::Region("eu".into()));
        let filled = apply(&options(), Some(&acme), false);
        assert_eq!(filled.gateway.region, sourced("eu", false));
        assert_eq!(filled.client_id.as_deref(), Some("acme-id"));
        assert_eq!(
            filled.profile_key,
            Some(ProfileKey { profile: "acme".into(), source: KeySource::Command("x".into()), quiet: false })
        );

        let mut given = options();
        given.gateway.base_url = sourced("http://127.0.0.1:9", true);
        given.client_id = Some("flag-id".into());
        let kept = apply(&given, Some(&acme), true);
        assert_eq!(kept.gateway, given.gateway, "a gateway given replaces the profile's, region or URL");
        assert_eq!(kept.client_id.as_deref(), Some("flag-id"));
        assert!(apply(&options(), None, false).profile_key.is_none());
    }

    #[test]
    fn the_named_profile_beats_the_default_and_an_unknown_one_is_named() {
        let config = ConfigFile {
            path: Some("/h/hec.toml".into()),
            default_profile: Some("b".into()),
            profiles: vec![
                profile("a", ProfileGateway::Region("eu".into())),
                profile("b", ProfileGateway::Region("us".into())),
            ],
        };
        assert_eq!(choose(&config, None).unwrap().map(|p| p.name.as_str()), Some("b"));
        assert_eq!(choose(&config, Some("a")).unwrap().map(|p| p.name.as_str()), Some("a"));
        let error = choose(&config, Some("zz")).unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown profile \"zz\" (named by --profile or HEC_PROFILE); the profiles in \"/h/hec.toml\": a, b"
        );
        assert_eq!(error.kind(), "config");
        assert!(choose(&ConfigFile::default(), None).unwrap().is_none());
    }

    #[test]
    fn all_profiles_refuses_settings_meant_for_one_tenant() {
        let config: Loaded = Box::leak(Box::new(ConfigFile {
            path: None,
            default_profile: None,
            profiles: vec![profile("a", ProfileGateway::Region("eu".into()))],
        }));
        let tenants = every(config, &options(), None, false, false).unwrap();
        assert_eq!(tenants.len(), 1);
        assert_eq!(tenants[0].name, "a");
        assert_eq!(tenants[0].options.client_id.as_deref(), Some("a-id"));
        let mut given = options();
        given.client_id = Some("x".into());
        let error = every(config, &given, None, true, false).unwrap_err().to_string();
        assert_eq!(
            error,
            "--all-profiles uses each profile's own gateway and credentials; drop or unset --client-id/HEC_CLIENT_ID, HEC_ACCESS_KEY"
        );
        assert!(every(config, &options(), Some("a"), false, false).is_err());
        let empty: Loaded = Box::leak(Box::default());
        assert_eq!(
            every(empty, &options(), None, false, false).unwrap_err().to_string(),
            "--all-profiles: no profiles (no config file was found)"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_key_file_others_can_read_is_named_with_the_fix() {
        use std::os::unix::fs::PermissionsExt;
        let path = std::env::temp_dir().join(format!("hec-profile-key-{}", std::process::id()));
        std::fs::write(&path, "k\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let warning = loose_permissions(&path).expect("a warning");
        let name = path.to_string_lossy();
        assert_eq!(
            warning,
            format!(
                "the access key file \"{name}\" can be read or written by others than its owner (mode 644); fix it with: chmod 600 {name}"
            )
        );
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(loose_permissions(&path), None);
        std::fs::remove_file(&path).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn a_path_with_spaces_is_quoted_for_the_shell() {
        assert_eq!(shell_word("/a b/it's"), r"'/a b/it'\''s'");
        assert_eq!(shell_word("/etc/hec/a.key"), "/etc/hec/a.key");
    }
}
