//! The click-time-protection lists as `hec` prints them: a row per item (its id, its list, the
//! domain or URL, who made it and when) in `hec click-time list` and `items`, the whole view of
//! `hec click-time get`, the JSON as sent, or the item ids. Every value the server sent is
//! escaped.

use hec_proto::model::{CtpItem, CtpListRow, RawJson};

use crate::output::found::Found;
use crate::output::table::Row;
use crate::output::text::{View, or_dash, time_to_second};

/// The header every click-time table has.
const HEADER: &[&str] = &["ITEM ID", "LIST", "NAME", "CREATED BY", "CREATED"];

/// A list as its name and id: `blacklist (1)`, or what there is of them.
fn list_name(name: Option<&str>, id: Option<&str>) -> String {
    match (name.filter(|name| !name.is_empty()), id) {
        (Some(name), Some(id)) => format!("{} ({})", or_dash(Some(name)), or_dash(Some(id))),
        (name, id) => or_dash(name.or(id)).into_owned(),
    }
}

/// An item's cells: id, list, name, created by, created.
fn item_cells(item: &CtpItem) -> Vec<String> {
    vec![
        or_dash(item.id.as_ref().map(|id| id.as_str())).into_owned(),
        list_name(item.list_name.as_deref(), item.list_id.as_ref().map(|id| id.as_str())),
        or_dash(item.name.as_deref()).into_owned(),
        or_dash(item.created_by.as_deref()).into_owned(),
        time_to_second(item.created.as_ref()),
    ]
}

impl Row for CtpItem {
    const HEADER: &'static [&'static str] = HEADER;

    fn cells(&self) -> Vec<String> {
        item_cells(self)
    }

    fn id(&self) -> Option<String> {
        self.id.as_ref().map(|id| or_dash(Some(id.as_str())).into_owned())
    }

    fn raw(&self) -> &RawJson {
        CtpItem::raw(self)
    }
}

/// A list row is the row of its item, under the row's own list name; a row without an item
/// shows only its list.
impl Row for CtpListRow {
    const HEADER: &'static [&'static str] = HEADER;

    fn cells(&self) -> Vec<String> {
        let list = list_name(self.list_name.as_deref(), self.list_id.as_ref().map(|id| id.as_str()));
        let mut cells = match self.items.first() {
            Some(item) => item_cells(item),
            None => vec!["-".to_owned(); 5],
        };
        cells[1] = list;
        cells
    }

    /// The ids of its items (one in every capture), one per line.
    fn id(&self) -> Option<String> {
        let ids: Vec<String> = self
            .items
            .iter()
            .filter_map(|item| item.id.as_ref())
            .map(|id| or_dash(Some(id.as_str())).into_owned())
            .collect();
        (!ids.is_empty()).then(|| ids.join("\n"))
    }

    fn raw(&self) -> &RawJson {
        CtpListRow::raw(self)
    }
}

/// The view of `hec click-time get`.
pub(crate) fn view(item: &CtpItem) -> String {
    let id = or_dash(item.id.as_ref().map(|id| id.as_str()));
    let mut view = View::new(&format!("click-time item {id}"), 11);
    view.field("name", &or_dash(item.name.as_deref()));
    view.field("list", &list_name(item.list_name.as_deref(), item.list_id.as_ref().map(|id| id.as_str())));
    view.field("created by", &or_dash(item.created_by.as_deref()));
    view.field("created", &time_to_second(item.created.as_ref()));
    view.into_text()
}

impl Found for CtpItem {
    fn id(&self) -> Option<String> {
        Row::id(self)
    }

    fn raw(&self) -> &RawJson {
        CtpItem::raw(self)
    }

    fn line(&self) -> String {
        item_cells(self).join("\t")
    }

    fn view(&self) -> String {
        view(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ITEM: &str = r#"{"created_at": "2024-10-08T14:47:47.647926", "created_by": "soc-admin@acme.example",
        "listid": "1", "listitemid": "4711000000000002", "listitemname": "payroll-portal.evil.example",
        "listname": "blacklist"}"#;

    #[test]
    fn an_item_and_its_list_row_show_the_same_cells() {
        let item: CtpItem = serde_json::from_str(ITEM).unwrap();
        let want = [
            "4711000000000002",
            "blacklist (1)",
            "payroll-portal.evil.example",
            "soc-admin@acme.example",
            "2024-10-08T14:47:47Z",
        ];
        assert_eq!(item.cells(), want);
        let row: CtpListRow = serde_json::from_str(&format!(
            r#"{{"listid": "1", "listitem": {ITEM}, "listname": "blacklist"}}"#
        ))
        .unwrap();
        assert_eq!(row.cells(), want);
        assert_eq!(Row::id(&row).as_deref(), Some("4711000000000002"));
        let empty: CtpListRow = serde_json::from_str(r#"{"listid": "0", "listitem": null}"#).unwrap();
        assert_eq!(empty.cells(), ["-", "0", "-", "-", "-"]);
        assert_eq!(Row::id(&empty), None);
    }

    #[test]
    fn the_view_of_an_item() {
        assert_eq!(
            view(&serde_json::from_str(ITEM).unwrap()),
            "click-time item 4711000000000002\n\
             \x20 name        payroll-portal.evil.example\n\
             \x20 list        blacklist (1)\n\
             \x20 created by  soc-admin@acme.example\n\
             \x20 created     2024-10-08T14:47:47Z\n"
        );
    }
}
