//! Printing a whole list (the allow and block lists are not paged): text as a table whose
//! columns line up under a header, JSON one object per line exactly as sent, or ids.

use hec_proto::Error;
use hec_proto::model::RawJson;

use crate::output::exit::Exit;
use crate::output::json;
use crate::output::report::Report;

/// Something a list holds, as each output mode shows it: a row of a table, its JSON, its id.
pub(crate) trait Row {
    /// The column names.
    const HEADER: &'static [&'static str];
    /// The cells, one per column, each already made safe for a terminal.
    fn cells(&self) -> Vec<String>;
    /// Its id, for `-o ids`, made safe for a line as
    /// [`escape::field`](crate::output::escape::field) does (`None` if the service sent none).
    fn id(&self) -> Option<String>;
    /// Its JSON exactly as the service sent it, for `-o json`.
    fn raw(&self) -> &RawJson;
}

/// The rows as text: the header, then one line per row, the columns padded to line up (two
/// spaces between them; the last one is not padded).
pub(crate) fn render<T: Row>(rows: &[T]) -> String {
    let cells: Vec<Vec<String>> = rows.iter().map(Row::cells).collect();
    let mut widths: Vec<usize> = T::HEADER.iter().map(|name| name.chars().count()).collect();
    for row in &cells {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let mut text = line(T::HEADER, &widths);
    for row in &cells {
        text.push_str(&line(row, &widths));
    }
    text
}

/// One line of a table: each cell padded to its column's `widths` with two spaces after it, the
/// last one as it is, and a newline.
pub(crate) fn line<S: AsRef<str>>(cells: &[S], widths: &[usize]) -> String {
    let mut text = String::new();
    for (index, cell) in cells.iter().map(AsRef::as_ref).enumerate() {
        if index + 1 == widths.len() {
            text.push_str(cell);
        } else {
            let padding = widths.get(index).copied().unwrap_or(0).saturating_sub(cell.chars().count());
            text.push_str(cell);
            text.extend(std::iter::repeat_n(' ', padding + 2));
        }
    }
    text.trim_end().to_owned() + "\n"
}

/// Prints a whole list in the chosen output (a table, each item's JSON as sent on its own line,
/// or the ids), or reports the error; the exit code either way. An empty list prints nothing.
pub(crate) fn print<T: Row>(got: Result<Vec<T>, Error>, report: Report) -> Exit {
    let items = match got {
        Ok(items) => items,
        Err(error) => return report.call_failed(error, None),
    };
    if items.is_empty() {
        return Exit::Success;
    }
    let text = if report.json() {
        items.iter().map(|item| json::raw_line(item.raw())).collect::<Vec<_>>().join("\n")
    } else if report.ids() {
        items.iter().filter_map(Row::id).collect::<Vec<_>>().join("\n")
    } else {
        render(&items)
    };
    if !text.is_empty() {
        report.print(&text);
    }
    Exit::Success
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Pair(&'static str, &'static str, RawJson);

    impl Row for Pair {
        const HEADER: &'static [&'static str] = &["ID", "NAME"];
        fn cells(&self) -> Vec<String> {
            vec![self.0.to_owned(), self.1.to_owned()]
        }
        fn id(&self) -> Option<String> {
            Some(self.0.to_owned())
        }
        fn raw(&self) -> &RawJson {
            &self.2
        }
    }

    fn pair(id: &'static str, name: &'static str) -> Pair {
        Pair(id, name, RawJson::from_string("{}".to_owned()).expect("JSON"))
    }

    #[test]
    fn columns_line_up_under_the_header() {
        assert_eq!(
            render(&[pair("700000101", "a"), pair("7", "Zürich office")]),
            "ID         NAME\n700000101  a\n7          Zürich office\n"
        );
        assert_eq!(render::<Pair>(&[]), "ID  NAME\n");
    }
}
