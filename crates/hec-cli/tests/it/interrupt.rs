//! Ctrl-C during a wait: the tasks still running are named with how to resume, and `hec` exits
//! 130. Ctrl-C during a download: its temporary file is removed, and `hec` exits 130.

use std::fs;
use std::time::{Duration, Instant};

use hec_fixtures::mock::{Fault, FaultRule, MockGateway, TaskScript, TaskStep, demo};

use crate::acts_support::API;
use crate::support::{FAST, TASK_PATH, hec};

/// Waits (at most 10 s) until the mock has answered task `id` `polls` times.
fn polled(mock: &MockGateway, id: &str, polls: usize) {
    let path = format!("{TASK_PATH}{id}");
    let started = Instant::now();
    while mock.requests_to(&path).len() < polls {
        assert!(started.elapsed() < Duration::from_secs(10), "task {id} was not polled {polls} times");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn ctrl_c_names_the_tasks_still_running_and_exits_130() {
    let mock = MockGateway::start();
    mock.script_task("1", TaskScript::polls([TaskStep::new("completed")]));
    mock.script_task("9", TaskScript::polls([TaskStep::new("inprogress")]));
    let running = hec(&["task", "wait", "1", "9"]).args(&FAST).against(&mock).spawn();
    polled(&mock, "9", 3);
    running.signal("INT");
    let run = running.wait(Duration::from_secs(10));
    assert_eq!(run.code, 130, "{run:?}");
    assert!(
        run.stderr.ends_with("interrupted: 1 task still running: 9\nresume with: hec task wait 9\n"),
        "{run:?}"
    );
    assert_eq!(run.stdout, "", "no final task is printed: {run:?}");
}

#[test]
fn ctrl_c_with_quiet_still_says_what_is_running() {
    let mock = MockGateway::start();
    mock.script_task("9", TaskScript::polls([TaskStep::new("inprogress")]));
    let running = hec(&["task", "wait", "9", "-q"]).args(&FAST).against(&mock).spawn();
    polled(&mock, "9", 2);
    running.signal("INT");
    let run = running.wait(Duration::from_secs(10));
    assert_eq!(
        (run.code, run.stderr.as_str()),
        (130, "interrupted: 1 task still running: 9\nresume with: hec task wait 9\n"),
        "with --quiet the interrupt is still answered: {run:?}"
    );
}

/// The files in `folder` and their sizes, sorted by name.
fn files(folder: &std::path::Path) -> Vec<(String, u64)> {
    let mut files: Vec<(String, u64)> = fs::read_dir(folder)
        .expect("the folder")
        .map(|entry| entry.expect("an entry"))
        .map(|entry| {
            (entry.file_name().to_string_lossy().into_owned(), entry.metadata().map_or(0, |m| m.len()))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn ctrl_c_during_a_download_removes_its_temporary_file_and_exits_130() {
    let id = demo::CAMPAIGN_ENTITY_IDS[0];
    let mock = MockGateway::demo();
    // The demo's message, 8 bytes every 50 ms: several seconds in all, far longer than the test.
    mock.fault(
        FaultRule::on_path(format!("{API}/download/entity/{id}"))
            .always()
            .then(Fault::DripBody { chunk: 8, pause: Duration::from_millis(50) }),
    );
    let folder = std::env::temp_dir().join(format!("hec-it-interrupt-download-{}", std::process::id()));
    let _ = fs::remove_dir_all(&folder);
    fs::create_dir_all(&folder).expect("a temporary folder");
    let file = folder.join("m.eml");
    let running = hec(&["entity", "download", id, &file.to_string_lossy()]).against(&mock).spawn();
    // Until the temporary file holds the first bytes (at most 10 s).
    let started = Instant::now();
    let partial = loop {
        let found = files(&folder);
        if let [(name, size)] = found.as_slice()
            && *size > 0
        {
            break name.clone();
        }
        assert!(started.elapsed() < Duration::from_secs(10), "no bytes were written: {found:?}");
        std::thread::sleep(Duration::from_millis(10));
    };
    assert!(partial.starts_with(".m.eml.") && partial.ends_with(".part"), "{partial}");
    running.signal("INT");
    let run = running.wait(Duration::from_secs(10));
    assert_eq!(
        (run.code, run.stdout.as_str(), run.stderr.as_str()),
        (
            130,
            "",
            format!(
                "interrupted: the download of entity {id} stopped; no file was written ({:?})\n",
                file.to_string_lossy()
            )
            .as_str()
        ),
        "{run:?}"
    );
    assert_eq!(files(&folder), [], "neither the file nor its temporary file is left");
    let _ = fs::remove_dir_all(&folder);
}
