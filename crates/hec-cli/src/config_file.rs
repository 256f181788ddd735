//! The config file of profiles: where it is (`--config FILE`, else `HEC_CONFIG`, else
//! `$XDG_CONFIG_HOME/hec/config.toml`, else `~/.config/hec/config.toml`), and what it holds,
//! read strictly: an optional top-level `default_profile = "NAME"` and one `[profiles.NAME]`
//! table per tenant with `region` or `base_url`, `client_id`, and `access_key_file` or
//! `access_key_command`. Anything else is refused with the file, the line and the field named;
//! an `access_key` field (the key itself) is refused with the reason. The file is read bounded.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use hec_proto::{BaseUrl, Region};
use serde::Deserialize;
use serde::de::IgnoredAny;
use toml::Spanned;

use crate::echo::echo;
use crate::failure::Failure;

/// The most bytes read from a config file (a profile takes a few hundred).
pub(crate) const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The longest profile name.
const MAX_NAME_CHARS: usize = 64;

/// Which config file: one the user named (it must exist), or the default one (it may not).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Location {
    /// `--config FILE` or `HEC_CONFIG`: a missing file is an error.
    Named(PathBuf),
    /// `$XDG_CONFIG_HOME/hec/config.toml` (or `~/.config/hec/config.toml`): a missing file means
    /// no profiles.
    Default(PathBuf),
    /// No file named and no home directory to look in.
    None,
}

impl Location {
    /// The file for `named` (`--config`, or `HEC_CONFIG` which clap reads into it), else the
    /// default one found with `var` (the environment: `XDG_CONFIG_HOME`, `HOME`).
    pub(crate) fn find(named: Option<&Path>, var: impl Fn(&str) -> Option<String>) -> Location {
        if let Some(path) = named {
            return Location::Named(path.to_owned());
        }
        let absolute = |name: &str| var(name).map(PathBuf::from).filter(|path| path.is_absolute());
        if let Some(config_home) = absolute("XDG_CONFIG_HOME") {
            return Location::Default(config_home.join("hec").join("config.toml"));
        }
        match absolute("HOME") {
            Some(home) => Location::Default(home.join(".config").join("hec").join("config.toml")),
            None => Location::None,
        }
    }

    /// The file's path, if there is one to look at.
    pub(crate) fn path(&self) -> Option<&Path> {
        match self {
            Location::Named(path) | Location::Default(path) => Some(path),
            Location::None => None,
        }
    }
}

/// A config file, read and checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct ConfigFile {
    /// The file it was read from (`None`: there is none).
    pub(crate) path: Option<PathBuf>,
    /// `default_profile`: the profile used when neither `--profile` nor `HEC_PROFILE` names one.
    pub(crate) default_profile: Option<String>,
    /// The profiles, in name order.
    pub(crate) profiles: Vec<Profile>,
}

/// One `[profiles.NAME]` table: a tenant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Profile {
    /// Its name (letters, digits, `-`, `_`, `.`).
    pub(crate) name: String,
    /// `region` or `base_url`.
    pub(crate) gateway: ProfileGateway,
    /// `client_id`.
    pub(crate) client_id: String,
    /// `access_key_file` or `access_key_command`.
    pub(crate) key: KeySource,
}

/// Where a profile's gateway is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum ProfileGateway {
    /// `region = "eu"`.
    Region(String),
    /// `base_url = "https://..."`.
    BaseUrl(String),
}

/// Where a profile's access key comes from (never the file itself).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum KeySource {
    /// `access_key_file`: a file holding the key.
    File(PathBuf),
    /// `access_key_command`: a shell command whose stdout is the key.
    Command(String),
}

impl ConfigFile {
    /// The profile named `name`.
    pub(crate) fn profile(&self, name: &str) -> Option<&Profile> {
        self.profiles.iter().find(|profile| profile.name == name)
    }

    /// The profile names, comma-separated, or `none` (for messages).
    pub(crate) fn names(&self) -> String {
        if self.profiles.is_empty() {
            return "none".to_owned();
        }
        self.profiles.iter().map(|profile| profile.name.as_str()).collect::<Vec<_>>().join(", ")
    }
}

/// Reads the config file at `location`: no profiles if it is the default one and does not exist
/// (or there is none); exit 2 for a named file that does not exist, one that cannot be read, is
/// larger than [`MAX_CONFIG_BYTES`], or does not hold exactly what the module docs say.
pub(crate) fn load(location: &Location) -> Result<ConfigFile, Failure> {
    let Some(path) = location.path() else { return Ok(ConfigFile::default()) };
    let name = echo(&path.to_string_lossy());
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return match location {
                Location::Default(_) => Ok(ConfigFile::default()),
                _ => Err(Failure::Usage(format!(
                    "the config file {name} does not exist (named by --config or HEC_CONFIG)"
                ))),
            };
        }
        Err(error) => return Err(Failure::Usage(format!("cannot read the config file {name}: {error}"))),
    };
    let mut bytes = Vec::new();
    file.take(MAX_CONFIG_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Failure::Usage(format!("cannot read the config file {name}: {e}")))?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(Failure::Usage(format!(
            "the config file {name} is larger than {MAX_CONFIG_BYTES} bytes: not a hec config file"
        )));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| Failure::Usage(format!("the config file {name} is not UTF-8 text")))?;
    let mut config =
        parse(&text).map_err(|problem| Failure::Usage(format!("the config file {name}: {problem}")))?;
    let home = std::env::var_os("HOME").map(PathBuf::from).filter(|home| home.is_absolute());
    for profile in &mut config.profiles {
        if let KeySource::File(file) = &mut profile.key {
            *file = resolve_path(file, path.parent(), home.as_deref());
        }
    }
    config.path = Some(path.to_owned());
    Ok(config)
}

/// A relative path in the config file is relative to the file's folder; `~/` is the home folder.
fn resolve_path(path: &Path, config_dir: Option<&Path>, home: Option<&Path>) -> PathBuf {
    if let (Ok(rest), Some(home)) = (path.strip_prefix("~"), home) {
        return home.join(rest);
    }
    match config_dir {
        Some(dir) if path.is_relative() => dir.join(path),
        _ => path.to_owned(),
    }
}

/// The file as written: every field known, each of the right type.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    default_profile: Option<Spanned<String>>,
    #[serde(default)]
    profiles: BTreeMap<String, Spanned<RawProfile>>,
}

/// A `[profiles.NAME]` table as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    region: Option<Spanned<String>>,
    base_url: Option<Spanned<String>>,
    client_id: Option<Spanned<String>>,
    access_key_file: Option<Spanned<String>>,
    access_key_command: Option<Spanned<String>>,
    /// Known only to be refused with the reason; its value is never kept.
    access_key: Option<Spanned<IgnoredAny>>,
}

/// The config file's text, checked; a problem comes back as `line N: what` (never the text
/// of the line, which may hold a key).
fn parse(text: &str) -> Result<ConfigFile, String> {
    let line = |offset: usize| text.get(..offset).map_or(1, |before| before.matches('\n').count() + 1);
    let raw: RawFile = toml::from_str(text).map_err(|error| {
        let at = error.span().map_or_else(String::new, |span| format!("line {}: ", line(span.start)));
        format!("{at}{}", error.message().trim_end())
    })?;
    let mut profiles = Vec::with_capacity(raw.profiles.len());
    for (name, table) in raw.profiles {
        let at = line(table.span().start);
        let shown = echo(&name);
        let valid_name = !name.is_empty()
            && name.chars().count() <= MAX_NAME_CHARS
            && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !valid_name {
            return Err(format!(
                "line {at}: the profile name {shown} is not 1 to {MAX_NAME_CHARS} letters, digits, `-`, `_` or `.`"
            ));
        }
        profiles.push(profile(name, table.into_inner(), at, &line)?);
    }
    let default_profile = match raw.default_profile {
        None => None,
        Some(spanned) => {
            let at = line(spanned.span().start);
            let name = spanned.into_inner();
            if !profiles.iter().any(|profile| profile.name == name) {
                let known: Vec<&str> = profiles.iter().map(|profile| profile.name.as_str()).collect();
                let known = if known.is_empty() { "none".to_owned() } else { known.join(", ") };
                return Err(format!(
                    "line {at}: default_profile {} is not a profile here (profiles: {known})",
                    echo(&name)
                ));
            }
            Some(name)
        }
    };
    Ok(ConfigFile { path: None, default_profile, profiles })
}

/// A profile's table checked: one gateway, a client id, one key source, no key itself. `at` is
/// the table's line, `line` turns an offset into a line.
fn profile(
    name: String,
    raw: RawProfile,
    at: usize,
    line: &dyn Fn(usize) -> usize,
) -> Result<Profile, String> {
    let shown = echo(&name);
    if let Some(key) = &raw.access_key {
        return Err(format!(
            "line {}: profile {shown}: `access_key` is refused: a config file is read by more than hec \
             and copied around; keep the key in a file only you can read (`access_key_file`) or have \
             a command print it (`access_key_command`)",
            line(key.span().start)
        ));
    }
    let text = |field: &Option<Spanned<String>>, what: &str| -> Result<Option<(String, usize)>, String> {
        match field {
            None => Ok(None),
            Some(value) if value.get_ref().trim().is_empty() => {
                Err(format!("line {}: profile {shown}: `{what}` is empty", line(value.span().start)))
            }
            Some(value) => Ok(Some((value.get_ref().trim().to_owned(), line(value.span().start)))),
        }
    };
    let gateway = match (text(&raw.region, "region")?, text(&raw.base_url, "base_url")?) {
        (Some(_), Some((_, second))) => {
            return Err(format!(
                "line {second}: profile {shown}: give either `region` or `base_url`, not both"
            ));
        }
        (Some((region, line)), None) => {
            region.parse::<Region>().map_err(|e| format!("line {line}: profile {shown}: {e}"))?;
            ProfileGateway::Region(region)
        }
        (None, Some((url, line))) => {
            url.parse::<BaseUrl>().map_err(|e| format!("line {line}: profile {shown}: {e}"))?;
            ProfileGateway::BaseUrl(url)
        }
        (None, None) => return Err(format!("line {at}: profile {shown}: no `region` or `base_url`")),
    };
    let Some((client_id, _)) = text(&raw.client_id, "client_id")? else {
        return Err(format!("line {at}: profile {shown}: no `client_id`"));
    };
    let key = match (
        text(&raw.access_key_file, "access_key_file")?,
        text(&raw.access_key_command, "access_key_command")?,
    ) {
        (Some(_), Some((_, second))) => {
            return Err(format!(
                "line {second}: profile {shown}: give either `access_key_file` or `access_key_command`, not both"
            ));
        }
        (Some((file, _)), None) => KeySource::File(PathBuf::from(file)),
        (None, Some((command, _))) => KeySource::Command(command),
        (None, None) => {
            return Err(format!("line {at}: profile {shown}: no `access_key_file` or `access_key_command`"));
        }
    };
    Ok(Profile { name, gateway, client_id, key })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO: &str = r#"
default_profile = "acme"

[profiles.acme]
region = "eu"
client_id = "acme-client"
access_key_file = "/etc/hec/acme.key"

[profiles.beta-2]
base_url = "http://127.0.0.1:8080"
client_id = "beta-client"
access_key_command = "pass show hec/beta"
"#;

    #[test]
    fn a_file_with_two_profiles_reads_in_name_order() {
        let config = parse(TWO).expect("a valid file");
        assert_eq!(config.default_profile.as_deref(), Some("acme"));
        assert_eq!(
            config.profiles,
            [
                Profile {
                    name: "acme".into(),
                    gateway: ProfileGateway::Region("eu".into()),
                    client_id: "acme-client".into(),
                    key: KeySource::File("/etc/hec/acme.key".into()),
                },
                Profile {
                    name: "beta-2".into(),
                    gateway: ProfileGateway::BaseUrl("http://127.0.0.1:8080".into()),
                    client_id: "beta-client".into(),
                    key: KeySource::Command("pass show hec/beta".into()),
                },
            ]
        );
        assert_eq!(config.names(), "acme, beta-2");
    }

    #[test]
    fn an_empty_file_has_no_profiles() {
        assert_eq!(parse("").expect("valid"), ConfigFile::default());
    }

    #[test]
    fn an_unknown_field_is_named_with_its_line() {
        let text = "[profiles.a]\nregion = \"eu\"\nclient_id = \"c\"\nacces_key_file = \"k\"\n";
        let error = parse(text).unwrap_err();
        assert!(error.starts_with("line 4: unknown field `acces_key_file`, expected one of"), "{error}");
        let error = parse("defaults = 1\n").unwrap_err();
        assert!(error.starts_with("line 1: unknown field `defaults`"), "{error}");
    }

    #[test]
    fn the_key_itself_is_refused_without_repeating_it() {
        let text = "[profiles.a]\nregion = \"eu\"\nclient_id = \"c\"\naccess_key = \"s3cr3t-key\"\n";
        let error = parse(text).unwrap_err();
        assert!(error.starts_with("line 4: profile \"a\": `access_key` is refused: "), "{error}");
        assert!(error.contains("`access_key_file`") && error.contains("`access_key_command`"), "{error}");
        assert!(!error.contains("s3cr3t"), "{error}");
    }

    #[test]
    fn one_gateway_and_one_key_source_exactly() {
        let both = "[profiles.a]\nregion = \"eu\"\nbase_url = \"http://127.0.0.1:1\"\nclient_id = \"c\"\naccess_key_file = \"k\"\n";
        assert_eq!(
            parse(both).unwrap_err(),
            "line 3: profile \"a\": give either `region` or `base_url`, not both"
        );
        let neither = "[profiles.a]\nclient_id = \"c\"\naccess_key_file = \"k\"\n";
        assert_eq!(parse(neither).unwrap_err(), "line 1: profile \"a\": no `region` or `base_url`");
        let keys = "[profiles.a]\nregion = \"eu\"\nclient_id = \"c\"\naccess_key_file = \"k\"\naccess_key_command = \"x\"\n";
        assert_eq!(
            parse(keys).unwrap_err(),
            "line 5: profile \"a\": give either `access_key_file` or `access_key_command`, not both"
        );
        let no_key = "[profiles.a]\nregion = \"eu\"\nclient_id = \"c\"\n";
        assert_eq!(
            parse(no_key).unwrap_err(),
            "line 1: profile \"a\": no `access_key_file` or `access_key_command`"
        );
        let no_id = "[profiles.a]\nregion = \"eu\"\naccess_key_file = \"k\"\n";
        assert_eq!(parse(no_id).unwrap_err(), "line 1: profile \"a\": no `client_id`");
    }

    #[test]
    fn regions_urls_names_and_the_default_are_checked() {
        let region = "[profiles.a]\nregion = \"mars\"\nclient_id = \"c\"\naccess_key_file = \"k\"\n";
        assert!(parse(region).unwrap_err().starts_with("line 2: profile \"a\": unknown region"));
        let url = "[profiles.a]\nbase_url = \"http://gw.example.com\"\nclient_id = \"c\"\naccess_key_file = \"k\"\n";
        assert!(parse(url).unwrap_err().contains("loopback"));
        let name = "[profiles.\"a b\"]\nregion = \"eu\"\nclient_id = \"c\"\naccess_key_file = \"k\"\n";
        assert!(parse(name).unwrap_err().starts_with("line 1: the profile name \"a b\" is not"));
        let default = "default_profile = \"zz\"\n[profiles.a]\nregion = \"eu\"\nclient_id = \"c\"\naccess_key_file = \"k\"\n";
        assert_eq!(
            parse(default).unwrap_err(),
            "line 1: default_profile \"zz\" is not a profile here (profiles: a)"
        );
    }

    #[test]
    fn a_syntax_error_names_its_line_but_not_its_text() {
        let error = parse("[profiles.a]\nclient_id = \"unterminated s3cr3t\n").unwrap_err();
        assert!(error.starts_with("line 2: "), "{error}");
        assert!(!error.contains("s3cr3t"), "{error}");
    }

    #[test]
    fn the_default_file_is_under_xdg_config_home_else_home() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v).to_owned())
        };
        assert_eq!(
            Location::find(None, env(&[("XDG_CONFIG_HOME", "/x"), ("HOME", "/h")])),
            Location::Default("/x/hec/config.toml".into())
        );
        assert_eq!(
            Location::find(None, env(&[("HOME", "/h")])),
            Location::Default("/h/.config/hec/config.toml".into())
        );
        assert_eq!(
            Location::find(None, env(&[("XDG_CONFIG_HOME", "relative"), ("HOME", "/h")])),
            Location::Default("/h/.config/hec/config.toml".into())
        );
        assert_eq!(
            Location::find(Some(Path::new("c.toml")), env(&[("HOME", "/h")])),
            Location::Named("c.toml".into())
        );
        assert_eq!(Location::find(None, env(&[])), Location::None);
    }

    #[test]
    fn key_file_paths_are_relative_to_the_config_file() {
        let (dir, home) = (Some(Path::new("/etc/hec")), Some(Path::new("/home/ann")));
        assert_eq!(resolve_path(Path::new("acme.key"), dir, home), PathBuf::from("/etc/hec/acme.key"));
        assert_eq!(resolve_path(Path::new("~/keys/a"), dir, home), PathBuf::from("/home/ann/keys/a"));
        assert_eq!(resolve_path(Path::new("/abs/a"), dir, home), PathBuf::from("/abs/a"));
    }

    #[test]
    fn a_missing_default_file_is_no_profiles_but_a_named_one_is_an_error() {
        let missing = std::env::temp_dir().join("hec-no-such-dir-4f2a").join("config.toml");
        assert_eq!(load(&Location::Default(missing.clone())).expect("fine"), ConfigFile::default());
        let error = load(&Location::Named(missing)).unwrap_err().to_string();
        assert!(error.ends_with("does not exist (named by --config or HEC_CONFIG)"), "{error}");
    }
}
