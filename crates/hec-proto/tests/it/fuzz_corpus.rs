//! Every fuzz target's committed corpus (`fuzz/corpus/<target>/`), replayed on stable Rust
//! through the same entry points the cargo-fuzz targets call (`fuzz/src/lib.rs`, included here):
//! an input the fuzzer kept keeps passing every check. `cargo xtask fuzz` grows the corpora.

#[allow(unreachable_pub, dead_code)]
#[path = "../../../../fuzz/src/lib.rs"]
mod entries;

use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// Runs every input of `target`'s corpus through `entry`; the corpus must not be empty.
fn replay(target: &str, entry: fn(&[u8])) {
    let folder = fuzz_dir().join("corpus").join(target);
    let inputs: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("no corpus for {target} at {}: {e}", folder.display()))
        .map(|entry| entry.expect("a corpus entry").path())
        .collect();
    assert!(!inputs.is_empty(), "the corpus of {target} is empty");
    for input in inputs {
        let data = std::fs::read(&input).expect("a corpus input");
        entry(&data);
    }
}

/// The targets replayed below, as named in `fuzz/fuzz_targets/`.
const REPLAYED: [&str; 15] = [
    "action",
    "base_url",
    "entity",
    "entity_id",
    "event_id",
    "events",
    "hec_time",
    "pager",
    "redact",
    "retry_after",
    "scopes",
    "search",
    "task",
    "task_id",
    "token",
];

#[test]
fn every_fuzz_target_has_a_replay_test() {
    let mut targets: Vec<String> = std::fs::read_dir(fuzz_dir().join("fuzz_targets"))
        .expect("the fuzz targets' folder")
        .map(|entry| entry.expect("a fuzz target").path())
        .filter_map(|path| Some(path.file_stem()?.to_str()?.to_owned()))
        .collect();
    targets.sort();
    assert_eq!(targets, REPLAYED);
}

#[test]
fn the_task_corpus_replays() {
    replay("task", entries::task);
}

#[test]
fn the_token_corpus_replays() {
    replay("token", entries::token);
}

#[test]
fn the_task_id_corpus_replays() {
    replay("task_id", entries::task_id);
}

#[test]
fn the_retry_after_corpus_replays() {
    replay("retry_after", entries::retry_after);
}

#[test]
fn the_hec_time_corpus_replays() {
    replay("hec_time", entries::hec_time);
}

#[test]
fn the_base_url_corpus_replays() {
    replay("base_url", entries::base_url);
}

#[test]
fn the_redact_corpus_replays() {
    replay("redact", entries::redact);
}

#[test]
fn the_scopes_corpus_replays() {
    replay("scopes", entries::scopes);
}

#[test]
fn the_search_corpus_replays() {
    replay("search", entries::search);
}

#[test]
fn the_entity_corpus_replays() {
    replay("entity", entries::entity);
}

#[test]
fn the_events_corpus_replays() {
    replay("events", entries::events);
}

#[test]
fn the_action_corpus_replays() {
    replay("action", entries::action);
}

#[test]
fn the_entity_id_corpus_replays() {
    replay("entity_id", entries::entity_id);
}

#[test]
fn the_event_id_corpus_replays() {
    replay("event_id", entries::event_id);
}

#[test]
fn the_pager_corpus_replays() {
    replay("pager", entries::pager);
}
