//! Ids from the command line (and from stdin for `-`): task, entity and event ids, each checked
//! before any request.

use std::fmt::Display;
use std::io::BufRead;
use std::str::FromStr;

use hec_proto::TaskId;

use crate::failure::Failure;

/// Checks one task id; one that could change the request path (`../scopes`, `1?x=1`) is refused.
pub(crate) fn parse(text: &str) -> Result<TaskId, Failure> {
    parse_as(text)
}

/// Checks one id of any kind (its `FromStr` says what is valid and names the kind in its error).
pub(crate) fn parse_as<T: FromStr>(text: &str) -> Result<T, Failure>
where
    T::Err: Display,
{
    text.trim().parse().map_err(|e| Failure::Usage(format!("{e}: {text:?}")))
}

/// The task ids given, in order and without repeats, with each `-` replaced by the ids read from
/// `stdin`, one per line (blank lines skipped). Fails on the first invalid id, or if none is left.
pub(crate) fn collect(args: &[String], stdin: impl BufRead) -> Result<Vec<TaskId>, Failure> {
    collect_as(args, stdin, "task")
}

/// [`collect`] for ids of any kind; `kind` names them in messages (`entity`: "no entity ids
/// given").
pub(crate) fn collect_as<T: FromStr + PartialEq>(
    args: &[String],
    stdin: impl BufRead,
    kind: &str,
) -> Result<Vec<T>, Failure>
where
    T::Err: Display,
{
    let mut texts = Vec::new();
    let mut stdin = Some(stdin);
    for arg in args {
        if arg == "-" {
            // A second `-` finds stdin already read.
            if let Some(input) = stdin.take() {
                for line in input.lines() {
                    let line =
                        line.map_err(|e| Failure::Usage(format!("cannot read {kind} ids from stdin: {e}")))?;
                    if !line.trim().is_empty() {
                        texts.push(line);
                    }
                }
            }
        } else {
            texts.push(arg.clone());
        }
    }
    let mut ids: Vec<T> = Vec::with_capacity(texts.len());
    for text in &texts {
        let id = parse_as(text)?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Err(Failure::Usage(format!("no {kind} ids given (stdin had none)")));
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(ids: &[TaskId]) -> Vec<&str> {
        ids.iter().map(TaskId::as_str).collect()
    }

    #[test]
    fn a_dash_reads_ids_from_stdin_in_place() {
        let args = ["1".to_owned(), "-".to_owned(), "4".to_owned()];
        let ids = collect(&args, "2\n\n 3 \n1\n".as_bytes()).unwrap();
        assert_eq!(texts(&ids), ["1", "2", "3", "4"]);
    }

    #[test]
    fn ids_that_would_change_the_path_are_refused() {
        for bad in ["../scopes", "1?x=1", "a/b", "1#x", ""] {
            assert!(collect(&[bad.to_owned()], "".as_bytes()).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn an_empty_stdin_is_an_error() {
        assert!(collect(&["-".to_owned()], "\n".as_bytes()).is_err());
    }
}
