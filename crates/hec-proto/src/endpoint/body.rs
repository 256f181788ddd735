//! The body of a task answer, in any of the shapes the service and its documentation use: an
//! envelope with `responseData` as an object or a one-element array, or the bare task.
//!
//! The body is read in one pass that skips everything it does not need (an unknown field costs
//! nothing). `responseData` is read as whatever the caller asks: the tasks themselves (the common
//! case, each keeping one copy of its text as it is read), or its text, borrowed from the body,
//! for the general path to judge.

use std::fmt;

use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use crate::model::task::Task;
use crate::wire::envelope::Envelope;

/// A task answer's body, read in one pass, with `responseData` read as a `T`: [`Tasks`], or a
/// `&RawValue` borrowed from the body.
pub(crate) struct TaskBody<T> {
    /// The envelope, absent for the bare official structure.
    pub(crate) envelope: Option<Envelope>,
    /// What `responseData` (or the bare body) held.
    pub(crate) data: Data<T>,
}

/// What the body's data held.
pub(crate) enum Data<T> {
    /// `responseData`, read as a `T`.
    Raw(T),
    /// `responseData` was absent or `null`.
    Absent,
    /// The envelope reported a failure, so the data was not read.
    Skipped,
    /// No envelope and no `responseData`, but a task's own fields (`id` or `status`): the body is
    /// the bare task of the official "Response Structure".
    Bare,
}

/// The one task `responseData` holds: an object, or the only element of an array.
pub(crate) enum OneTask<'a> {
    /// The task object's text, and the path where it was found (`responseData` or
    /// `responseData[0]`).
    Found(&'a RawValue, &'static str),
    /// An empty array.
    Empty,
}

/// `responseData` read as the tasks it holds: an object is one, an array its elements (each
/// keeps its text, read in the same pass).
pub(crate) struct Tasks(pub(crate) Vec<Task>);

impl<'de> Deserialize<'de> for Tasks {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::model::one_or_list::one_or_list(deserializer).map(Tasks)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for TaskBody<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(BodyVisitor(std::marker::PhantomData))
    }
}

/// The top-level keys that matter (shared with the list answers' reader).
pub(crate) enum Key {
    Envelope,
    Data,
    /// `id` or `status`: the fields that make a bare body a task.
    TaskField,
    /// `lastEvaluatedKey`: where a list's next page starts, if the answer says so there.
    Cursor,
    Other,
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
                    "id" | "status" => Key::TaskField,
                    "lastEvaluatedKey" => Key::Cursor,
                    _ => Key::Other,
                })
            }
        }
        deserializer.deserialize_identifier(KeyVisitor)
    }
}

struct BodyVisitor<T>(std::marker::PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for BodyVisitor<T> {
    type Value = TaskBody<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object holding responseEnvelope and responseData, or a bare task")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TaskBody<T>, A::Error> {
        let mut envelope: Option<Envelope> = None;
        let mut data: Option<Data<T>> = None;
        let mut task_fields = false;
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Envelope => envelope = Some(map.next_value()?),
                // A failed envelope (it usually comes first) means the data is not a task.
                Key::Data if envelope.as_ref().is_some_and(|e| !e.is_success()) => {
                    map.next_value::<IgnoredAny>()?;
                    data = Some(Data::Skipped);
                }
                Key::Data => {
                    data = Some(match map.next_value::<Option<T>>()? {
                        Some(raw) => Data::Raw(raw),
                        None => Data::Absent,
                    });
                }
                Key::TaskField => {
                    map.next_value::<IgnoredAny>()?;
                    task_fields = true;
                }
                Key::Cursor | Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if envelope.is_some() || data.is_some() {
            return Ok(TaskBody { envelope, data: data.unwrap_or(Data::Absent) });
        }
        if !task_fields {
            return Err(de::Error::custom(
                "the body has neither responseEnvelope/responseData nor the fields of a task",
            ));
        }
        Ok(TaskBody { envelope: None, data: Data::Bare })
    }
}

/// Finds the task in `responseData`'s text: an object, or an array holding one. The error is
/// the path (`responseData`) and why it holds no task.
pub(crate) fn one_task(data: &RawValue) -> Result<OneTask<'_>, String> {
    let text = data.get();
    match text.as_bytes().first() {
        Some(b'{') => Ok(OneTask::Found(data, "responseData")),
        Some(b'[') => {
            let mut deserializer = serde_json::Deserializer::from_str(text);
            match deserializer.deserialize_seq(FirstElement).map_err(|e| e.to_string())? {
                Some(first) => Ok(OneTask::Found(first, "responseData[0]")),
                None => Ok(OneTask::Empty),
            }
        }
        _ => Err("expected a task object or an array holding one task".to_owned()),
    }
}

/// The first element of an array, borrowed; an error if there is a second.
struct FirstElement;

impl<'de> Visitor<'de> for FirstElement {
    type Value = Option<&'de RawValue>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array holding one task")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let Some(first) = seq.next_element::<&'de RawValue>()? else {
            return Ok(None);
        };
        if seq.next_element::<IgnoredAny>()?.is_some() {
            return Err(de::Error::custom("responseData holds more than one task"));
        }
        Ok(Some(first))
    }
}
