//! Where `hec entity download` writes a message: a file, written through a temporary file in the
//! same folder and put in place only once every byte is there (so a failed download leaves no
//! file, and never half a message under the file's name), or stdout (`-`).
//!
//! An existing file is refused without `--force` before any request. Without `--force` the
//! file is put in place by a hard link, which fails if a file of that name appeared meanwhile;
//! with it, by a rename over the old one.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::echo::echo;
use crate::failure::Failure;

/// Where a download goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Destination {
    /// Stdout, as the bytes arrive.
    Stdout,
    /// A file, put in place at the end.
    File {
        /// The file's path.
        path: PathBuf,
        /// Whether an existing file may be replaced.
        force: bool,
    },
}

impl Destination {
    /// The destination of `given` (`-` is stdout; a folder gets `default_name` in it; nothing is
    /// `default_name` in the current folder), checked: an existing file without `force` is a
    /// usage failure.
    pub(crate) fn new(given: Option<&Path>, default_name: &str, force: bool) -> Result<Destination, Failure> {
        let path = match given {
            Some(path) if path == Path::new("-") => return Ok(Destination::Stdout),
            Some(path) if path.is_dir() => path.join(default_name),
            Some(path) => path.to_owned(),
            None => PathBuf::from(default_name),
        };
        if !force && fs::symlink_metadata(&path).is_ok() {
            return Err(Failure::Usage(format!(
                "{} exists: give --force to replace it, or another FILE",
                echo(&path.to_string_lossy())
            )));
        }
        Ok(Destination::File { path, force })
    }

    /// Where the bytes are written until [`Partial::finish`]: stdout, or a new temporary file
    /// beside the destination.
    pub(crate) fn open(&self) -> Result<Partial, Failure> {
        match self {
            Destination::Stdout => Ok(Partial::Stdout(io::stdout())),
            Destination::File { path, force } => {
                let temporary = temporary_beside(path);
                let file = OpenOptions::new()
                    .write(true)
                    .create_new(true)
                    .open(&temporary)
                    .map_err(|error| cannot_write(path, &error))?;
                Ok(Partial::File { file, temporary, path: path.clone(), force: *force })
            }
        }
    }
}

/// `.NAME.PID.part` in the destination's folder.
fn temporary_beside(path: &Path) -> PathBuf {
    let name = path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.part", std::process::id()))
}

fn cannot_write(path: &Path, error: &io::Error) -> Failure {
    Failure::Usage(format!("cannot write {}: {error}", echo(&path.to_string_lossy())))
}

/// A download being written. Dropped without [`Partial::finish`], its temporary file is removed.
#[derive(Debug)]
pub(crate) enum Partial {
    /// Stdout.
    Stdout(io::Stdout),
    /// A temporary file, to become `path`.
    File {
        /// The temporary file.
        file: File,
        /// Its path.
        temporary: PathBuf,
        /// The destination.
        path: PathBuf,
        /// Whether an existing file at `path` may be replaced.
        force: bool,
    },
}

impl Write for Partial {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        match self {
            Partial::Stdout(stdout) => stdout.write(bytes),
            Partial::File { file, .. } => file.write(bytes),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Partial::Stdout(stdout) => stdout.flush(),
            Partial::File { file, .. } => file.flush(),
        }
    }
}

impl Partial {
    /// The temporary file being written (`None` for stdout), for whoever must remove it when the
    /// process ends before [`Drop`] runs (Ctrl-C).
    pub(crate) fn temporary(&self) -> Option<PathBuf> {
        match self {
            Partial::Stdout(_) => None,
            Partial::File { temporary, .. } => Some(temporary.clone()),
        }
    }

    /// Puts the file in place (flushed to the disk first), or flushes stdout.
    pub(crate) fn finish(mut self) -> Result<(), Failure> {
        let result = match &mut self {
            Partial::Stdout(stdout) => {
                stdout.flush().map_err(|error| cannot_write(Path::new("stdout"), &error))
            }
            Partial::File { file, temporary, path, force } => file
                .sync_all()
                .and_then(
                    |()| if *force { fs::rename(&*temporary, &*path) } else { place_new(temporary, path) },
                )
                .map_err(|error| cannot_write(path, &error)),
        };
        if result.is_ok()
            && let Partial::File { temporary, .. } = &mut self
        {
            // In place: nothing for Drop to remove.
            *temporary = PathBuf::new();
        }
        result
    }
}

/// Links `temporary` as `path` (failing if `path` exists), then removes `temporary`.
fn place_new(temporary: &Path, path: &Path) -> io::Result<()> {
    fs::hard_link(temporary, path)?;
    let _ = fs::remove_file(temporary);
    Ok(())
}

impl Drop for Partial {
    fn drop(&mut self) {
        if let Partial::File { temporary, .. } = self
            && !temporary.as_os_str().is_empty()
        {
            let _ = fs::remove_file(&*temporary);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temporary_folder(name: &str) -> PathBuf {
        let folder = std::env::temp_dir().join(format!("hec-download-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&folder);
        fs::create_dir_all(&folder).expect("a temporary folder");
        folder
    }

    fn names(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(folder)
            .expect("the folder")
            .map(|entry| entry.expect("an entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn dash_is_stdout_and_a_folder_gets_the_default_name() {
        let folder = temporary_folder("where");
        assert_eq!(Destination::new(Some(Path::new("-")), "a.eml", false).ok(), Some(Destination::Stdout));
        assert_eq!(
            Destination::new(Some(&folder), "a.eml", false).ok(),
            Some(Destination::File { path: folder.join("a.eml"), force: false })
        );
        assert_eq!(
            Destination::new(None, "a.eml", true).ok(),
            Some(Destination::File { path: PathBuf::from("a.eml"), force: true })
        );
        let _ = fs::remove_dir_all(&folder);
    }

    #[test]
    fn a_finished_download_is_the_file_and_nothing_else() {
        let folder = temporary_folder("finish");
        let destination = Destination::new(Some(&folder.join("m.eml")), "x", false).expect("free");
        let mut partial = destination.open().expect("opened");
        partial.write_all(b"From: a\r\n\r\n\x00\xff body").expect("written");
        assert_eq!(names(&folder).len(), 1, "only the temporary file so far");
        assert!(!folder.join("m.eml").exists());
        partial.finish().expect("in place");
        assert_eq!(names(&folder), ["m.eml"]);
        assert_eq!(fs::read(folder.join("m.eml")).expect("the file"), b"From: a\r\n\r\n\x00\xff body");
        let _ = fs::remove_dir_all(&folder);
    }

    #[test]
    fn an_unfinished_download_leaves_no_file() {
        let folder = temporary_folder("drop");
        let mut partial = Destination::new(Some(&folder.join("m.eml")), "x", false)
            .and_then(|destination| destination.open())
            .expect("opened");
        partial.write_all(b"half a mess").expect("written");
        drop(partial);
        assert_eq!(names(&folder), Vec::<String>::new());
        let _ = fs::remove_dir_all(&folder);
    }

    #[test]
    fn an_existing_file_is_refused_without_force_and_replaced_with_it() {
        let folder = temporary_folder("exists");
        let path = folder.join("m.eml");
        fs::write(&path, "old").expect("written");
        let refused = Destination::new(Some(&path), "x", false).expect_err("refused");
        assert_eq!(
            refused.to_string(),
            format!("{} exists: give --force to replace it, or another FILE", echo(&path.to_string_lossy()))
        );
        let mut partial = Destination::new(Some(&path), "x", true)
            .and_then(|destination| destination.open())
            .expect("opened");
        partial.write_all(b"new").expect("written");
        partial.finish().expect("replaced");
        assert_eq!(names(&folder), ["m.eml"]);
        assert_eq!(fs::read(&path).expect("the file"), b"new");
        let _ = fs::remove_dir_all(&folder);
    }

    #[test]
    fn a_file_that_appears_during_the_download_is_not_replaced_without_force() {
        let folder = temporary_folder("race");
        let path = folder.join("m.eml");
        let mut partial = Destination::new(Some(&path), "x", false)
            .and_then(|destination| destination.open())
            .expect("opened");
        partial.write_all(b"new").expect("written");
        fs::write(&path, "theirs").expect("written meanwhile");
        let failure = partial.finish().expect_err("not replaced");
        assert!(failure.to_string().starts_with("cannot write "), "{failure}");
        assert_eq!(names(&folder), ["m.eml"], "the temporary file is gone");
        assert_eq!(fs::read(&path).expect("the file"), b"theirs");
        let _ = fs::remove_dir_all(&folder);
    }
}
