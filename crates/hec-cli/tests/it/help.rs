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

#[test]
fn completions_help_says_where_each_shells_file_goes() {
    let run = hec(&["completions", "--help"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    for line in [
        "  bash        hec completions bash > ~/.local/share/bash-completion/completions/hec\n",
        "  zsh         hec completions zsh > ~/.zfunc/_hec\n",
        "  fish        hec completions fish > ~/.config/fish/completions/hec.fish\n",
        "  powershell  hec completions powershell > hec.ps1, and in $PROFILE: . /path/to/hec.ps1\n",
        "  elvish      in ~/.config/elvish/rc.elv: eval (hec completions elvish | slurp)\n",
    ] {
        assert!(run.stdout.contains(line), "no {line:?} in {run:?}");
    }
}

#[test]
fn man_prints_the_man_page_in_roff() {
    let run = hec(&["man"]).run();
    assert_eq!((run.code, run.stderr.as_str()), (0, ""), "{run:?}");
    let sections: Vec<&str> = run.stdout.lines().filter(|line| line.starts_with(".SH ")).collect();
    assert_eq!(
        sections,
        [
            ".SH NAME",
            ".SH SYNOPSIS",
            ".SH DESCRIPTION",
            ".SH OPTIONS",
            ".SH \"GLOBAL OPTIONS\"",
            ".SH SUBCOMMANDS",
            ".SH EXTRA",
            ".SH VERSION"
        ],
        "{run:?}"
    );
    assert!(run.stdout.contains("\n.TH hec 1 "), "{run:?}");
    assert!(run.stdout.contains("\\fB\\-\\-client\\-id\\fR \\fI<ID>\\fR\n"), "{run:?}");
    assert!(run.stdout.contains("  130  a wait was interrupted (Ctrl\\-C)"), "{run:?}");
}
