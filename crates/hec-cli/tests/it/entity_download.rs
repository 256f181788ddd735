//! `hec entity download ID [FILE] [--original]`: the request sent, the file written byte for
//! byte (through a temporary file, so a failure leaves none), the default name, `-` for stdout,
//! the refused overwrite and `--force`, `--max-size`, and each output mode.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use hec_fixtures::mock::{Fault, FaultRule, MockGateway, TOKEN_PREFIX};

use crate::acts_support::{API, hex_id};
use crate::support::{Run, hec};

/// The download path below the API prefix (the entity id follows).
const DOWNLOAD: &str = "/download/entity/";

/// A message with CRLF line ends, a NUL, bytes that are not UTF-8 and an escape sequence: it must
/// arrive exactly as sent.
const MESSAGE: &[u8] = b"Received: from mx.evil.example\r\nFrom: Payroll <payroll@evil.example>\r\nSubject: \x1b[2JPayroll\r\n\r\nbody \x00\xff\xfe\r\n";

/// A fresh, empty folder for one test.
fn folder(name: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("hec-it-download-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&folder);
    fs::create_dir_all(&folder).expect("a temporary folder");
    folder
}

/// The names in `folder`, sorted.
fn names(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .expect("the folder")
        .map(|entry| entry.expect("an entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// A mock whose download of `id` answers `fault`.
fn mock_answering(id: &str, fault: impl Into<Fault>) -> MockGateway {
    let mock = MockGateway::start();
    mock.fault(FaultRule::on_path(format!("{API}{DOWNLOAD}{id}")).always().then(fault));
    mock
}

/// The message as the service sends it.
fn message() -> Fault {
    Fault::status(200)
        .header("content-type", "application/message/rfc822")
        .header("content-disposition", "attachment; filename=m.eml")
        .body(MESSAGE.to_vec())
        .into()
}

/// The paths (with their query) of the download requests the mock saw.
fn downloads(mock: &MockGateway) -> Vec<String> {
    mock.requests_to(&format!("{API}{DOWNLOAD}")).into_iter().map(|request| request.path).collect()
}

fn download(mock: &MockGateway, args: &[&str]) -> Run {
    hec(&["entity", "download"]).args(args).against(mock).run()
}

#[test]
fn the_message_is_written_to_file_byte_for_byte_and_nothing_else_is_left() {
    let id = hex_id(1);
    let mock = mock_answering(&id, message());
    let dir = folder("file");
    let file = dir.join("m.eml");
    let run = download(&mock, &[&id, &file.to_string_lossy()]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(fs::read(&file).expect("the file"), MESSAGE);
    assert_eq!(names(&dir), ["m.eml"], "no temporary file is left");
    assert_eq!(run.stdout, format!("wrote {} ({} bytes)\n", file.display(), MESSAGE.len()));
    assert_eq!(run.stderr, "");
    assert_eq!(downloads(&mock), [format!("{API}{DOWNLOAD}{id}?original=false")]);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn original_asks_for_the_original_and_json_and_ids_say_what_was_written() {
    let id = hex_id(2);
    let mock = mock_answering(&id, message());
    let dir = folder("outputs");
    let run = download(&mock, &[&id, &dir.to_string_lossy(), "--original", "-o", "json"]);
    assert_eq!(run.code, 0, "{run:?}");
    let file = dir.join(format!("{id}.eml"));
    assert_eq!(
        run.json_lines(),
        [
            serde_json::json!({"entityId": id, "file": file.to_string_lossy(), "bytes": MESSAGE.len(), "original": true})
        ]
    );
    assert_eq!(fs::read(&file).expect("ID.eml in the folder given"), MESSAGE);
    assert_eq!(downloads(&mock), [format!("{API}{DOWNLOAD}{id}?original=true")]);
    let run = download(&mock, &[&id, &dir.join("again.eml").to_string_lossy(), "-o", "ids"]);
    assert_eq!((run.code, run.stdout), (0, format!("{id}\n")));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn without_file_it_is_the_id_dot_eml_in_the_current_folder() {
    let id = hex_id(3);
    let mock = mock_answering(&id, message());
    let dir = folder("default");
    let mut command = hec(&["entity", "download", &id]).against(&mock).into_command();
    let output = command.current_dir(&dir).stdin(Stdio::null()).output().expect("hec runs");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(names(&dir), [format!("{id}.eml")]);
    assert_eq!(fs::read(dir.join(format!("{id}.eml"))).expect("the file"), MESSAGE);
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        format!("wrote {id}.eml ({} bytes)\n", MESSAGE.len())
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn dash_writes_the_bytes_to_stdout_and_nothing_else() {
    let id = hex_id(4);
    let mock = mock_answering(&id, message());
    for output_mode in ["text", "json"] {
        let mut command =
            hec(&["entity", "download", &id, "-", "-o", output_mode]).against(&mock).into_command();
        let output = command.stdin(Stdio::null()).output().expect("hec runs");
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        assert_eq!(output.stdout, MESSAGE, "{output_mode}");
        assert_eq!(output.stderr, b"");
        assert!(!String::from_utf8_lossy(&output.stdout).contains(TOKEN_PREFIX));
    }
}

#[test]
fn an_existing_file_is_refused_before_any_request_and_replaced_with_force() {
    let id = hex_id(5);
    let mock = mock_answering(&id, message());
    let dir = folder("exists");
    let file = dir.join("m.eml");
    fs::write(&file, "mine").expect("written");
    let run = download(&mock, &[&id, &file.to_string_lossy()]);
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(
        run.stderr,
        format!("error: {:?} exists: give --force to replace it, or another FILE\n", file.to_string_lossy())
    );
    assert!(mock.requests().is_empty(), "not even a token request");
    assert_eq!(fs::read(&file).expect("the file"), b"mine");
    let run = download(&mock, &[&id, &file.to_string_lossy(), "--force"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(fs::read(&file).expect("the file"), MESSAGE);
    assert_eq!(names(&dir), ["m.eml"]);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_message_past_max_size_leaves_no_file_and_exits_4() {
    let id = hex_id(6);
    let mock = mock_answering(
        &id,
        Fault::status(200).header("content-type", "message/rfc822").body(vec![b'x'; 300 * 1024]),
    );
    let dir = folder("too-large");
    let file = dir.join("m.eml");
    let run = download(&mock, &[&id, &file.to_string_lossy(), "--max-size", "256k"]);
    assert_eq!(run.code, 4, "{run:?}");
    assert!(run.stderr.starts_with("error: "), "{run:?}");
    assert_eq!(names(&dir), Vec::<String>::new(), "no file, no temporary file");
    let run = download(&mock, &[&id, &file.to_string_lossy(), "--max-size", "300k"]);
    assert_eq!(run.code, 0, "exactly at the limit is fine: {run:?}");
    assert_eq!(fs::metadata(&file).expect("the file").len(), 300 * 1024);
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn an_error_answer_leaves_no_file() {
    let dir = folder("errors");
    let file = dir.join("m.eml");
    for (fault, code) in [
        (
            Fault::status(200).json(
                r#"{"responseEnvelope":{"responseCode":404,"responseText":"Not found"},"responseData":[]}"#,
            ),
            4,
        ),
        (Fault::status(500).json(r#"{"message":"internal"}"#), 5),
        (Fault::status(200).json(r#"{"responseData":{"url":"http://files.evil.example/m.eml"}}"#), 4),
    ] {
        let id = hex_id(7);
        let mock = mock_answering(&id, fault);
        let run = download(&mock, &[&id, &file.to_string_lossy()]);
        assert_eq!(run.code, code, "{run:?}");
        assert_eq!(names(&dir), Vec::<String>::new(), "{run:?}");
    }
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_body_cut_mid_way_leaves_no_file() {
    let id = hex_id(8);
    let mock = MockGateway::start();
    // The answer promises more than it sends, then the connection closes; every attempt fails.
    mock.fault(
        FaultRule::on_path(format!("{API}{DOWNLOAD}{id}")).always().then(
            Fault::status(200)
                .header("content-type", "message/rfc822")
                .header("content-length", "100000")
                .body(MESSAGE.to_vec()),
        ),
    );
    let dir = folder("cut");
    let file = dir.join("m.eml");
    let run = download(&mock, &[&id, &file.to_string_lossy()]);
    assert_eq!(run.code, 5, "{run:?}");
    assert_eq!(names(&dir), Vec::<String>::new(), "{run:?}");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn mock_the_original_and_the_copy_with_hecs_headers_are_two_messages() {
    let id = hec_fixtures::mock::demo::CAMPAIGN_ENTITY_IDS[0];
    let dir = folder("mock");
    let (copy, original) = (dir.join("copy.eml"), dir.join("original.eml"));
    let run = hec(&["--mock", "entity", "download", id, &copy.to_string_lossy()]).run();
    assert_eq!(run.code, 0, "{run:?}");
    let run = hec(&["--mock", "entity", "download", id, &original.to_string_lossy(), "--original"]).run();
    assert_eq!(run.code, 0, "{run:?}");
    let (copy, original) = (fs::read(copy).expect("the copy"), fs::read(original).expect("the original"));
    assert!(original.starts_with(b"Received: "), "{}", String::from_utf8_lossy(&original));
    assert_ne!(copy, original);
    let mut command = hec(&["--mock", "entity", "download", id, "-", "--original"]).into_command();
    let output = command.stdin(Stdio::null()).output().expect("hec runs");
    assert_eq!(output.stdout, original, "stdout gets the same bytes as the file");
    let _ = fs::remove_dir_all(&dir);
}
