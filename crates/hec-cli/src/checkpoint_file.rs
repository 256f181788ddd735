//! A feed's checkpoint file (`hec event follow --checkpoint FILE`): read whole and checked
//! before anything is sent, written atomically (a temporary file in the same folder, flushed to
//! the disk, renamed over it), so that a crash or a power loss leaves the old checkpoint or the
//! new one, never a mix.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use hec_proto::policy::FeedCheckpoint;

use crate::echo::echo;
use crate::failure::Failure;

/// The most bytes read from a checkpoint file: a feed at its limit of a million ids writes
/// about 80 MB.
const MAX_CHECKPOINT_BYTES: u64 = 256 * 1024 * 1024;

/// The file a feed's checkpoint lives in.
#[derive(Debug, Clone)]
pub(crate) struct CheckpointFile {
    path: PathBuf,
}

impl CheckpointFile {
    /// The checkpoint at `path` (which may not exist yet).
    pub(crate) fn new(path: &Path) -> CheckpointFile {
        CheckpointFile { path: path.to_owned() }
    }

    /// The file's name as messages show it: quoted and escaped.
    pub(crate) fn name(&self) -> String {
        echo(&self.path.to_string_lossy())
    }

    /// The checkpoint the file holds, or `None` if there is no such file. One that cannot be
    /// read, or is not a checkpoint this version reads, is a usage failure naming the file.
    pub(crate) fn read(&self) -> Result<Option<FeedCheckpoint>, Failure> {
        let mut bytes = Vec::new();
        let read = File::open(&self.path)
            .and_then(|file| file.take(MAX_CHECKPOINT_BYTES + 1).read_to_end(&mut bytes));
        match read {
            Ok(_) => {}
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(self.failure(&format!("cannot read it: {error}"))),
        }
        if bytes.len() as u64 > MAX_CHECKPOINT_BYTES {
            return Err(self.failure(&format!("it is larger than {MAX_CHECKPOINT_BYTES} bytes")));
        }
        FeedCheckpoint::from_json(&bytes).map(Some).map_err(|error| self.failure(&error.to_string()))
    }

    /// A usage failure about this file: `cannot resume from "FILE": <why>`.
    pub(crate) fn failure(&self, why: &str) -> Failure {
        Failure::Usage(format!("cannot resume from the checkpoint {}: {why}", self.name()))
    }

    /// Replaces the file with `json`: written to a temporary file beside it, flushed to the
    /// disk, renamed over it, and the folder flushed (so the rename survives a power loss).
    pub(crate) fn write(&self, json: &[u8]) -> Result<(), Failure> {
        let folder = match self.path.parent() {
            Some(folder) if !folder.as_os_str().is_empty() => folder.to_owned(),
            _ => PathBuf::from("."),
        };
        let file_name =
            self.path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        let temporary = folder.join(format!(".{file_name}.{}.tmp", std::process::id()));
        let written = File::create(&temporary)
            .and_then(|mut file| file.write_all(json).and_then(|()| file.sync_all()))
            .and_then(|()| fs::rename(&temporary, &self.path));
        if let Err(error) = written {
            let _ = fs::remove_file(&temporary);
            return Err(Failure::Usage(format!("cannot write the checkpoint {}: {error}", self.name())));
        }
        // The rename is in the folder's own data: flush it too, where a folder can be opened.
        if let Ok(folder) = File::open(&folder) {
            let _ = folder.sync_all();
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temporary_folder(name: &str) -> PathBuf {
        let folder = std::env::temp_dir().join(format!("hec-checkpoint-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&folder);
        fs::create_dir_all(&folder).expect("a temporary folder");
        folder
    }

    #[test]
    fn a_missing_file_is_no_checkpoint_and_writing_creates_it_leaving_no_temporary_file() {
        let folder = temporary_folder("create");
        let file = CheckpointFile::new(&folder.join("c.json"));
        assert!(matches!(file.read(), Ok(None)));
        file.write(b"{}").expect("written");
        assert_eq!(fs::read(folder.join("c.json")).expect("the file"), b"{}");
        file.write(b"{\"v\":2}").expect("replaced");
        let names: Vec<String> = fs::read_dir(&folder)
            .expect("the folder")
            .map(|entry| entry.expect("an entry").file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            (names, fs::read(folder.join("c.json")).expect("the file")),
            (vec!["c.json".to_owned()], b"{\"v\":2}".to_vec())
        );
        let _ = fs::remove_dir_all(&folder);
    }

    #[test]
    fn a_file_that_is_not_a_checkpoint_is_a_usage_failure_naming_it() {
        let folder = temporary_folder("corrupt");
        let path = folder.join("c.json");
        fs::write(&path, "not json").expect("written");
        let failure = CheckpointFile::new(&path).read().expect_err("refused");
        assert_eq!(
            failure.to_string(),
            format!(
                "cannot resume from the checkpoint {}: the checkpoint is corrupt: expected ident at line 1 column 2",
                echo(&path.to_string_lossy())
            )
        );
        assert_eq!(fs::read(&path).expect("the file"), b"not json", "left as it was");
        let _ = fs::remove_dir_all(&folder);
    }

    #[test]
    fn a_write_into_a_missing_folder_fails_naming_the_file() {
        let path = std::env::temp_dir().join("hec-no-such-folder-for-sure").join("c.json");
        let failure = CheckpointFile::new(&path).write(b"{}").expect_err("no folder");
        assert!(
            failure
                .to_string()
                .starts_with(&format!("cannot write the checkpoint {}: ", echo(&path.to_string_lossy()))),
            "{failure}"
        );
    }
}
