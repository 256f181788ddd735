//! Ids from the command line (and from stdin for `-`): task, entity and event ids, each checked
//! before any request. Reading stdin is bounded (a line, and the whole input), and repeats are
//! dropped in linear time.

use std::fmt::Display;
use std::hash::Hash;
use std::io::BufRead;
use std::str::FromStr;

use hec_proto::TaskId;

use crate::distinct::Distinct;
use crate::echo::echo;
use crate::failure::Failure;

/// The longest line read from stdin: far more than any id (128 characters) needs.
pub(crate) const MAX_LINE_BYTES: usize = 1024;

/// The most bytes read from stdin in all (about a million numeric task ids).
pub(crate) const MAX_STDIN_BYTES: u64 = 16 * 1024 * 1024;

/// The most ids one run takes (arguments and stdin lines together, repeats counted): more exit 2
/// before any request, as soon as the one too many is read, so that memory stays bounded (a few
/// hundred bytes an id at most) and the run cannot outlast its timeout setting up.
pub(crate) const MAX_IDS: usize = 100_000;

/// Checks one task id; one that could change the request path (`../scopes`, `1?x=1`) is refused.
pub(crate) fn parse(text: &str) -> Result<TaskId, Failure> {
    parse_as(text)
}

/// Checks one id of any kind (its `FromStr` says what is valid and names the kind in its error).
pub(crate) fn parse_as<T: FromStr>(text: &str) -> Result<T, Failure>
where
    T::Err: Display,
{
    text.trim().parse().map_err(|e| Failure::Usage(format!("{e}: {}", echo(text))))
}

/// The task ids given, in order and without repeats, with each `-` replaced by the ids read from
/// `stdin`, one per line (blank lines skipped). Fails on the first invalid id, on a line longer
/// than [`MAX_LINE_BYTES`], more than [`MAX_STDIN_BYTES`] of input or more than [`MAX_IDS`] ids,
/// or if no id is left.
pub(crate) fn collect(args: &[String], stdin: impl BufRead) -> Result<Vec<TaskId>, Failure> {
    collect_as(args, stdin, "task")
}

/// [`collect`] for ids of any kind; `kind` names them in messages (`entity`: "no entity ids
/// given").
pub(crate) fn collect_as<T: FromStr + Eq + Hash + Clone>(
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
                let room = MAX_IDS.saturating_sub(texts.len());
                texts.extend(read_lines(input, room, kind)?);
            }
        } else {
            texts.push(arg.clone());
        }
        if texts.len() > MAX_IDS {
            return Err(too_many(kind));
        }
    }
    let mut ids = Distinct::with_capacity(texts.len());
    for text in &texts {
        ids.insert(parse_as::<T>(text)?);
    }
    if ids.is_empty() {
        return Err(Failure::Usage(format!("no {kind} ids given (stdin had none)")));
    }
    Ok(ids.into_vec())
}

/// The usage error for more than [`MAX_IDS`] ids.
fn too_many(kind: &str) -> Failure {
    Failure::Usage(format!("more than {MAX_IDS} {kind} ids given: hec takes at most {MAX_IDS} a run"))
}

/// The non-blank lines of `input`, each at most [`MAX_LINE_BYTES`], at most [`MAX_STDIN_BYTES`]
/// in all, and at most `room` of them; `kind` names the ids in messages.
fn read_lines(input: impl BufRead, room: usize, kind: &str) -> Result<Vec<String>, Failure> {
    use std::io::Read;
    let mut input = input.take(MAX_STDIN_BYTES + 1);
    let mut lines = Vec::new();
    let mut line = Vec::new();
    for number in 1.. {
        line.clear();
        let read = (&mut input)
            .take(MAX_LINE_BYTES as u64 + 1)
            .read_until(b'\n', &mut line)
            .map_err(|e| Failure::Usage(format!("cannot read {kind} ids from stdin: {e}")))?;
        if read == 0 {
            break;
        }
        if input.limit() == 0 {
            return Err(Failure::Usage(format!(
                "stdin holds more than {MAX_STDIN_BYTES} bytes of {kind} ids"
            )));
        }
        if line.last() == Some(&b'\n') {
            line.pop();
        } else if line.len() > MAX_LINE_BYTES {
            return Err(Failure::Usage(format!(
                "line {number} of stdin is longer than {MAX_LINE_BYTES} bytes: not a {kind} id"
            )));
        }
        let text = std::str::from_utf8(&line)
            .map_err(|_| Failure::Usage(format!("line {number} of stdin is not UTF-8 text")))?;
        if !text.trim().is_empty() {
            if lines.len() == room {
                return Err(too_many(kind));
            }
            lines.push(text.to_owned());
        }
    }
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(ids: &[TaskId]) -> Vec<&str> {
        ids.iter().map(TaskId::as_str).collect()
    }

    fn usage(result: Result<Vec<TaskId>, Failure>) -> String {
        match result {
            Err(Failure::Usage(message)) => message,
            other => panic!("not a usage error: {other:?}"),
        }
    }

    #[test]
    fn a_dash_reads_ids_from_stdin_in_place() {
        let args = ["1".to_owned(), "-".to_owned(), "4".to_owned()];
        let ids = collect(&args, "2\n\n 3 \n1\n".as_bytes()).unwrap();
        assert_eq!(texts(&ids), ["1", "2", "3", "4"]);
        let ids = collect(&["-".to_owned()], "5\r\n6".as_bytes()).unwrap();
        assert_eq!(texts(&ids), ["5", "6"]);
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

    #[test]
    fn a_long_line_on_stdin_is_refused_after_reading_one_line_limit() {
        use std::io::Read;
        let endless = std::io::repeat(0).take(1 << 40);
        let message = usage(collect(&["-".to_owned()], std::io::BufReader::new(endless)));
        assert_eq!(message, "line 1 of stdin is longer than 1024 bytes: not a task id");
        let long_id = format!("1\n{}\n", "7".repeat(MAX_LINE_BYTES + 1));
        assert_eq!(
            usage(collect(&["-".to_owned()], long_id.as_bytes())),
            "line 2 of stdin is longer than 1024 bytes: not a task id"
        );
    }

    #[test]
    fn stdin_is_read_up_to_its_limit_in_all() {
        // Blank lines of 1 KiB, a little more than the limit in all.
        let line = format!("{}\n", " ".repeat(1023));
        let input = line.repeat(MAX_STDIN_BYTES as usize / 1024 + 1);
        let message = usage(collect(&["-".to_owned()], input.as_bytes()));
        assert_eq!(message, format!("stdin holds more than {MAX_STDIN_BYTES} bytes of task ids"));
    }

    #[test]
    fn more_ids_than_the_limit_are_refused_at_the_first_one_too_many() {
        let at_limit: String = (0..MAX_IDS).map(|n| format!("{n}\n")).collect();
        assert_eq!(collect(&["-".to_owned()], at_limit.as_bytes()).map(|ids| ids.len()).ok(), Some(MAX_IDS));
        // Arguments count too, repeats included; what follows the one too many is not read.
        let args = ["x".to_owned(), "-".to_owned()];
        let input = format!("{at_limit}not read: /../\n");
        let expected = format!("more than {MAX_IDS} task ids given: hec takes at most {MAX_IDS} a run");
        assert_eq!(usage(collect(&args, input.as_bytes())), expected);
        let args: Vec<String> = (0..=MAX_IDS).map(|_| "7".to_owned()).collect();
        assert_eq!(usage(collect(&args, "".as_bytes())), expected);
    }

    #[test]
    fn a_rejected_id_is_echoed_short() {
        let long = format!("{}/", "9".repeat(10_000));
        let message = usage(collect(&[long], "".as_bytes()));
        assert!(message.starts_with("invalid task id: character '/' at position 10000"), "{message}");
        assert!(message.ends_with("… (10001 bytes in all)"), "{message}");
        assert!(message.len() < 250, "{message}");
    }

    #[test]
    fn repeats_are_dropped_keeping_the_first_order() {
        // As many lines as a run takes, half of them repeats (distinct.rs shows the check is
        // linear by counting its comparisons).
        let half = MAX_IDS / 2;
        let input: String = (0..half).chain(0..half).map(|n| format!("{n}\n")).collect();
        let ids = collect(&["-".to_owned()], input.as_bytes()).unwrap();
        assert_eq!(ids.len(), half);
        assert_eq!((ids[0].as_str(), ids[half - 1].as_str()), ("0", "49999"));
    }
}
