//! The click-time-protection lists (`sectools/click_time_protection/exceptions`): every list or
//! one as rows (one per item), every item or one (an object), and an item's create (201), update
//! (200) and delete (204), several items' delete, every list's delete.

use jiff::Timestamp;
use serde_json::{Value, json};

use super::read::{self, Data};
use super::seed::{self, FIRST_NEW_CTP_ITEM_ID};
use super::{Answer, Outcome};
use crate::mock::api::{self, clip};

/// Every item of both lists, in the order they were made.
#[derive(Debug)]
pub(super) struct Items {
    items: Vec<Value>,
    next_id: u64,
}

impl Items {
    /// The seeded items.
    pub(super) fn seeded(start: Timestamp) -> Items {
        Items { items: seed::ctp_items(start), next_id: FIRST_NEW_CTP_ITEM_ID }
    }

    /// The rows of every list (`None`) or of one: `{listid, listitem, listname}` per item.
    pub(super) fn rows(&self, list: Option<&str>) -> Answer {
        let rows = self
            .items
            .iter()
            .filter(|item| list.is_none_or(|list| item["listid"] == list))
            .map(|item| json!({ "listid": item["listid"], "listitem": item, "listname": item["listname"] }))
            .collect();
        Answer::list(rows)
    }

    /// `GET .../exceptions/{listId}`: its rows (`[]` for a list the tenant does not have).
    pub(super) fn list(&self, list: &str) -> Outcome {
        if !read::is_digits(list) {
            return Err("invalid list id".to_owned());
        }
        Ok(self.rows(Some(list)))
    }

    /// `DELETE .../exceptions`: every item of every list.
    pub(super) fn delete_all(&mut self) -> Answer {
        self.items.clear();
        Answer::Written(204)
    }

    /// Every item (`GET .../exceptions/items`).
    pub(super) fn all(&self) -> Vec<Value> {
        self.items.clone()
    }

    /// `GET .../exceptions/items/{itemId}`: the item, bare; `[]` for an unknown id.
    pub(super) fn get(&self, id: &str) -> Outcome {
        Ok(match self.find(id) {
            Ok(index) => Answer::Object(self.items[index].clone()),
            Err(_) if api::is_id(id) => Answer::list(Vec::new()),
            Err(why) => return Err(why),
        })
    }

    /// `POST .../exceptions/items` with `listId`, `listItemName` and `createdBy`.
    pub(super) fn create(&mut self, body: &[u8], now: Timestamp) -> Outcome {
        let (list, name, created_by) = item_body(&read::data(body)?)?;
        let id = self.next_id.to_string();
        self.next_id = self.next_id.saturating_add(1);
        self.items.push(seed::ctp_item(list, &id, &name, &created_by, now));
        Ok(Answer::Written(201))
    }

    /// `PUT .../exceptions/items/{itemId}` with the same body as a create.
    pub(super) fn update(&mut self, id: &str, body: &[u8]) -> Outcome {
        let index = self.find(id)?;
        let (list, name, created_by) = item_body(&read::data(body)?)?;
        let item = &mut self.items[index];
        item["listid"] = json!(list);
        item["listname"] = json!(seed::ctp_list_name(list));
        item["listitemname"] = json!(name);
        item["created_by"] = json!(created_by);
        Ok(Answer::Written(200))
    }

    /// `DELETE .../exceptions/items/{itemId}`.
    pub(super) fn delete(&mut self, id: &str) -> Outcome {
        let index = self.find(id)?;
        self.items.remove(index);
        Ok(Answer::Written(204))
    }

    /// `DELETE .../exceptions/items` with `listItemIds`: every id must exist, or nothing is
    /// deleted.
    pub(super) fn delete_many(&mut self, body: &[u8]) -> Outcome {
        let ids = read::required_texts(&read::data(body)?, "listItemIds")?;
        for id in &ids {
            self.find(id)?;
        }
        self.items.retain(|item| !ids.iter().any(|id| item["listitemid"] == id.as_str()));
        Ok(Answer::Written(204))
    }

    fn find(&self, id: &str) -> Result<usize, String> {
        if !api::is_id(id) {
            return Err("invalid item id".to_owned());
        }
        self.items
            .iter()
            .position(|item| item["listitemid"] == id)
            .ok_or_else(|| format!("item not found: {id}"))
    }
}

/// A create's or update's body: the list (`"0"` or `"1"`, as a text or a number), the domain or
/// URL, and who does it.
fn item_body(data: &Data) -> Result<(&'static str, String, String), String> {
    let list = match data.get("listId") {
        Some(Value::String(text)) => text.clone(),
        Some(Value::Number(number)) => number.to_string(),
        None | Some(Value::Null) => return Err("requestData.listId is required".to_owned()),
        Some(_) => return Err("requestData.listId must be a list id".to_owned()),
    };
    let list = match list.as_str() {
        "0" => "0",
        "1" => "1",
        other => return Err(format!("unknown list id {:?} (use 0 or 1)", clip(other))),
    };
    Ok((list, read::required_text(data, "listItemName")?, read::required_text(data, "createdBy")?))
}
