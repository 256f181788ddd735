//! A search's text: on a terminal a header row and columns that line up, in a pipe tab-separated
//! lines without a header. `script` (util-linux) gives `hec` a terminal.

use std::process::{Command, Stdio};

use crate::support::hec;

/// What `hec` with `args` prints on a terminal: `script` runs it on a pseudo-terminal (no `HEC_*`
/// variable of the test's own environment, as [`hec`] prepares it), and the terminal's `\r\n`
/// line ends come back as `\n`.
fn on_a_terminal(args: &[&str]) -> String {
    let prepared = hec(args).into_command();
    let line: Vec<String> = std::iter::once(prepared.get_program())
        .chain(prepared.get_args())
        .map(|part| format!("'{}'", part.to_string_lossy()))
        .collect();
    let mut command = Command::new("script");
    command.args(["-qec", &line.join(" "), "/dev/null"]).stdin(Stdio::null());
    for (name, value) in prepared.get_envs() {
        match value {
            Some(value) => command.env(name, value),
            None => command.env_remove(name),
        };
    }
    let output = command.output().expect("script runs (util-linux)");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).expect("UTF-8").replace("\r\n", "\n")
}

#[test]
fn an_entity_search_on_a_terminal_has_a_header_and_aligned_columns() {
    let text = on_a_terminal(&[
        "--mock",
        "entity",
        "search",
        "--since",
        "7d",
        "--from",
        "payroll@evil.example",
        "--limit",
        "2",
    ]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert_eq!(
        lines[0],
        "ENTITY ID                         RECEIVED              FROM                  SUBJECT                                    QUARANTINE"
    );
    for line in &lines[1..] {
        assert!(!line.contains('\t'), "{text}");
        assert_eq!(line.find("  20").map(|at| at + 2), Some(34), "RECEIVED lines up: {text}");
        assert_eq!(line.find("payroll@evil.example"), lines[0].find("FROM"), "FROM lines up: {text}");
        assert_eq!(line.find("Payroll update"), lines[0].find("SUBJECT"), "SUBJECT lines up: {text}");
        assert!(line.ends_with("  not quarantined"), "{text}");
    }
}

#[test]
fn an_event_search_on_a_terminal_has_its_header_too() {
    let text = on_a_terminal(&["--mock", "event", "search", "--since", "7d", "--limit", "3"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[0].starts_with("EVENT ID                          CREATED               TYPE"), "{text}");
    assert!(lines[0].ends_with("  DESCRIPTION"), "{text}");
    let column = lines[0].find("ENTITY ID").expect("the entity column");
    assert!(
        lines[1..].iter().all(|line| line[column..].chars().take(32).all(|c| c.is_ascii_hexdigit())),
        "{text}"
    );
}

#[test]
fn in_a_pipe_a_search_prints_tab_separated_lines_without_a_header() {
    let run = hec(&[
        "--mock",
        "entity",
        "search",
        "--since",
        "7d",
        "--from",
        "payroll@evil.example",
        "--limit",
        "2",
    ])
    .run();
    assert_eq!(run.code, 0, "{run:?}");
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{run:?}");
    assert!(
        lines.iter().all(|line| line.split('\t').count() == 5 && !line.starts_with("ENTITY ID")),
        "{run:?}"
    );
}

#[test]
fn json_and_ids_are_the_same_on_a_terminal() {
    let ids = on_a_terminal(&["--mock", "entity", "search", "--since", "7d", "--limit", "2", "-o", "ids"]);
    assert_eq!(ids.lines().count(), 2, "{ids}");
    assert!(ids.lines().all(|line| line.len() == 32 && line.chars().all(|c| c.is_ascii_hexdigit())), "{ids}");
}
