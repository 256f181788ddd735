//! `hec profiles`: the profiles of the config file, one per line (never a key).

use crate::failure::Failure;
use crate::output;
use crate::output::exit::Exit;
use crate::output::report::Report;
use crate::profile::Loaded;

/// Lists the profiles of `config` (see [`output::profiles`]); with none, says so on stderr.
pub(crate) fn run(config: Result<Loaded, Failure>, report: Report) -> Result<Exit, Failure> {
    let config = config?;
    if config.profiles.is_empty() {
        let file = config.path.as_deref().map_or_else(
            || "no config file was found (see --config)".to_owned(),
            |path| format!("{} has none", crate::echo::echo(&path.to_string_lossy())),
        );
        report.notice(&format!("note: no profiles: {file}"));
        return Ok(Exit::Success);
    }
    for profile in &config.profiles {
        let default = config.default_profile.as_deref() == Some(profile.name.as_str());
        report.print(&output::profiles::line(profile, default, report));
    }
    Ok(Exit::Success)
}
