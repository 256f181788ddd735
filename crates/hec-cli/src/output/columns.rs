//! A search's text on a terminal: a header row and columns that line up, printed while the
//! pages arrive. The widths come from the first rows (up to [`SETTLE_ROWS`]), so that the first
//! lines show soon; a later cell wider than its column is cut with `…` (the first and last
//! columns never are: the id stays whole, and the last column needs no padding). In a pipe a
//! search prints tab-separated lines instead (see [`found`](crate::output::found)).

use crate::output::table;

/// How many rows set the widths before anything is printed.
pub(crate) const SETTLE_ROWS: usize = 50;

/// The widest a middle column gets (a subject, a description); longer cells are cut.
pub(crate) const MAX_WIDTH: usize = 48;

/// The columns of a search being printed.
#[derive(Debug)]
pub(crate) struct Columns {
    header: &'static [&'static str],
    /// The widths, once the first rows set them.
    widths: Option<Vec<usize>>,
    /// The rows before the widths are set.
    pending: Vec<Vec<String>>,
}

impl Columns {
    /// Columns under `header`.
    pub(crate) fn new(header: &'static [&'static str]) -> Columns {
        Columns { header, widths: None, pending: Vec::new() }
    }

    /// Takes a row (its cells already escaped); gives the text to print now, if any: nothing
    /// while the first rows set the widths, then the header and those rows, then each row.
    pub(crate) fn push(&mut self, cells: Vec<String>) -> Option<String> {
        match &self.widths {
            Some(widths) => Some(table::line(&cut(cells, widths), widths)),
            None => {
                self.pending.push(cells);
                (self.pending.len() >= SETTLE_ROWS).then(|| self.settle())
            }
        }
    }

    /// The text still to print at the end: the header and the rows held back, if the widths were
    /// not set yet and there are any.
    pub(crate) fn finish(&mut self) -> Option<String> {
        (self.widths.is_none() && !self.pending.is_empty()).then(|| self.settle())
    }

    /// Sets the widths from the header and the rows held back, and gives them as text.
    fn settle(&mut self) -> String {
        let last = self.header.len().saturating_sub(1);
        let mut widths: Vec<usize> = self.header.iter().map(|name| name.chars().count()).collect();
        for row in &self.pending {
            for (index, (width, cell)) in widths.iter_mut().zip(row).enumerate() {
                let cap = if index == 0 || index == last { usize::MAX } else { MAX_WIDTH };
                *width = (*width).max(cell.chars().count().min(cap));
            }
        }
        let mut text = table::line(self.header, &widths);
        for row in std::mem::take(&mut self.pending) {
            text.push_str(&table::line(&cut(row, &widths), &widths));
        }
        self.widths = Some(widths);
        text
    }
}

/// `cells` with each middle one cut to its width (its last character a `…`).
fn cut(cells: Vec<String>, widths: &[usize]) -> Vec<String> {
    let last = widths.len().saturating_sub(1);
    cells
        .into_iter()
        .enumerate()
        .map(|(index, cell)| match widths.get(index) {
            Some(&width) if index != 0 && index != last && cell.chars().count() > width => {
                let mut shown: String = cell.chars().take(width.saturating_sub(1)).collect();
                shown.push('…');
                shown
            }
            _ => cell,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &[&str] = &["ID", "FROM", "SUBJECT", "STATE"];

    fn row(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|cell| (*cell).to_owned()).collect()
    }

    #[test]
    fn a_few_rows_print_at_the_end_under_a_header() {
        let mut columns = Columns::new(HEADER);
        assert_eq!(columns.push(row(&["1", "a@x", "Hi", "new"])), None);
        assert_eq!(columns.push(row(&["22", "bob@example.com", "Zürich", "-"])), None);
        assert_eq!(
            columns.finish().as_deref(),
            Some(
                "ID  FROM             SUBJECT  STATE\n\
                 1   a@x              Hi       new\n\
                 22  bob@example.com  Zürich   -\n"
            )
        );
        assert_eq!(columns.finish(), None);
    }

    #[test]
    fn nothing_found_prints_no_header() {
        assert_eq!(Columns::new(HEADER).finish(), None);
    }

    #[test]
    fn the_first_rows_set_the_widths_and_later_wide_cells_are_cut() {
        let mut columns = Columns::new(HEADER);
        for n in 1..SETTLE_ROWS {
            assert_eq!(columns.push(row(&[&n.to_string(), "a@x", "Hello", "new"])), None);
        }
        let first = columns.push(row(&["50", "a@x", "Hello", "new"])).expect("the first rows");
        assert_eq!(first.lines().count(), SETTLE_ROWS + 1);
        assert!(first.starts_with("ID  FROM  SUBJECT  STATE\n1   a@x   Hello    new\n"), "{first}");
        assert_eq!(
            columns.push(row(&["123456", "someone@example.com", "Hello there", "dismissed"])).as_deref(),
            Some("123456  som…  Hello …  dismissed\n")
        );
        assert_eq!(columns.finish(), None);
    }

    #[test]
    fn a_middle_column_is_at_most_max_width() {
        let mut columns = Columns::new(HEADER);
        let long = "s".repeat(MAX_WIDTH + 10);
        columns.push(row(&["1", "a@x", &long, "new"]));
        let text = columns.finish().expect("a row");
        let expected = format!("1   a@x   {}…  new\n", "s".repeat(MAX_WIDTH - 1));
        assert!(text.ends_with(&expected), "{text}");
    }
}
