//! The body of a task answer, in any of the shapes the service and its documentation use: an
//! envelope with `responseData` as an object or a one-element array, or the bare task.

use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::{Map, Value};

use crate::{Envelope, Task};

/// A task answer's body, read in one pass.
pub(crate) struct TaskBody {
    /// The envelope, absent for the bare official structure.
    pub(crate) envelope: Option<Envelope>,
    /// What `responseData` (or the bare body) held.
    pub(crate) data: Data,
}

/// What the body's data held.
pub(crate) enum Data {
    /// One task.
    Task(Box<Task>),
    /// `responseData` was absent, `null` or an empty array.
    Empty,
    /// The envelope reported a failure, so the data was not read.
    Skipped,
}

impl<'de> Deserialize<'de> for TaskBody {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(BodyVisitor)
    }
}

/// The top-level keys that matter (shared with the list answers' reader).
pub(crate) enum Key {
    Envelope,
    Data,
    Other(String),
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, key: &str) -> Result<Key, E> {
                Ok(match key {
                    "responseEnvelope" => Key::Envelope,
                    "responseData" => Key::Data,
                    other => Key::Other(other.to_owned()),
                })
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

struct BodyVisitor;

impl<'de> Visitor<'de> for BodyVisitor {
    type Value = TaskBody;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object holding responseEnvelope and responseData, or a bare task")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TaskBody, A::Error> {
        let mut envelope: Option<Envelope> = None;
        let mut data: Option<Data> = None;
        let mut rest = Map::new();
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Envelope => envelope = Some(map.next_value()?),
                // A failed envelope (it usually comes first) means the data is not a task.
                Key::Data if envelope.as_ref().is_some_and(|e| !e.is_success()) => {
                    map.next_value::<IgnoredAny>()?;
                    data = Some(Data::Skipped);
                }
                Key::Data => data = Some(map.next_value_seed(DataSeed)?),
                Key::Other(name) => {
                    rest.insert(name, map.next_value::<Value>()?);
                }
            }
        }
        if envelope.is_some() || data.is_some() {
            return Ok(TaskBody { envelope, data: data.unwrap_or(Data::Empty) });
        }
        // The bare task of the official "Response Structure": no envelope, the task's own fields.
        if !rest.contains_key("id") && !rest.contains_key("status") {
            return Err(de::Error::custom(
                "the body has neither responseEnvelope/responseData nor the fields of a task",
            ));
        }
        let task: Task = serde_path_to_error::deserialize(Value::Object(rest)).map_err(|e| {
            de::Error::custom(format_args!("in the bare task at {}: {}", e.path(), e.inner()))
        })?;
        Ok(TaskBody { envelope: None, data: Data::Task(Box::new(task)) })
    }
}

/// `responseData`: a task object, a one-element array of one, or empty (`[]`, `null`).
struct DataSeed;

impl<'de> DeserializeSeed<'de> for DataSeed {
    type Value = Data;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Data, D::Error> {
        deserializer.deserialize_any(DataVisitor)
    }
}

struct DataVisitor;

impl<'de> Visitor<'de> for DataVisitor {
    type Value = Data;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a task object or an array holding one task")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Data, A::Error> {
        Task::deserialize(de::value::MapAccessDeserializer::new(map)).map(|task| Data::Task(Box::new(task)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Data, A::Error> {
        let Some(task) = seq.next_element::<Task>()? else {
            return Ok(Data::Empty);
        };
        if seq.next_element::<IgnoredAny>()?.is_some() {
            return Err(de::Error::custom("responseData holds more than one task"));
        }
        Ok(Data::Task(Box::new(task)))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Data, E> {
        Ok(Data::Empty)
    }
}
