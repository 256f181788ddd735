//! The help: the global options shown once (in `hec --help`), where to install completions, the
//! man page, a missing window naming both ways to give one, the SaaS values.

use crate::support::hec;

#[test]
fn the_global_options_are_listed_by_hec_help_only() {
    let top = hec(&["--help"]).run();
    assert_eq!(top.code, 0, "{top:?}");
    assert!(top.stdout.contains("Global options:\n      --region <REGION>"), "{top:?}");
    assert!(top.stdout.contains("--client-id <ID>"), "{top:?}");

    for command in [&["entity", "search", "--help"][..], &["task", "wait", "--help"], &["entity", "-h"]] {
        let run = hec(command).run();
        assert_eq!(run.code, 0, "{run:?}");
        assert!(!run.stdout.contains("--client-id"), "{command:?} lists the global options: {run:?}");
        assert!(!run.stdout.contains("--max-in-flight"), "{command:?}: {run:?}");
        assert!(
            run.stdout.trim_end().ends_with(
                "Global options: see `hec --help` (gateway, credentials, output format, logging, the mock)."
            ),
            "{command:?}: {run:?}"
        );
    }
}

#[test]
fn a_missing_window_names_since_and_start() {
    for noun in ["entity", "event"] {
        let run = hec(&["--mock", noun, "search"]).run();
        assert_eq!(run.code, 2, "{run:?}");
        assert!(
            run.stderr.starts_with(
                "error: the following required arguments were not provided:\n  <--since <DURATION>|--start <TIME>>\n"
            ),
            "{run:?}"
        );
    }
}

#[test]
fn the_saas_values_are_listed() {
    let entity = hec(&["entity", "search", "--help"]).run();
    assert!(
        entity
            .stdout
            .contains("The mail SaaS to search: office365_emails (Microsoft 365) or google_mail (Gmail)"),
        "{entity:?}"
    );
    let event = hec(&["event", "search", "--help"]).run();
    assert!(
        event.stdout.contains(
            "Only events in this SaaS: office365_emails, google_mail, office365_onedrive, office365_sharepoint, box, \
             dropbox, slack, ms_teams or sharefile; repeat for more"
        ),
        "{event:?}"
    );
}
