//! The one reader of answers whose `responseData` is a list of `T` (scopes, entities, events,
//! action items): the HTTP status, the envelope's success rule, then the list.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::endpoint::response::{detail_with, from_json, malformed, status_error};
use crate::response_error::ResponseError;
use crate::wire::body::Key;
use crate::wire::envelope::Envelope;

/// A list answer that reported success.
pub(crate) struct List<T> {
    /// The envelope, absent for a bare JSON array.
    pub(crate) envelope: Option<Envelope>,
    /// The items of `responseData` (none when it was `[]`, `null` or absent).
    pub(crate) items: Vec<T>,
}

/// Reads a list answer: HTTP 2xx, then the envelope's `responseCode` absent, 0 or 2xx (else
/// [`ResponseError::Api`], as a 422 inside a 200 is), then `responseData` as a list of `T`.
/// `responseData` may be `null` or absent (an empty list); a bare JSON array is read as the list.
/// `sent_request_id` is reported in errors when the body does not echo one.
pub(crate) fn read_list<T: DeserializeOwned, B: AsRef<[u8]>>(
    response: &http::Response<B>,
    sent_request_id: Option<&str>,
) -> Result<List<T>, ResponseError> {
    if let Some(error) = status_error(response, sent_request_id, false) {
        return Err(error);
    }
    let status = response.status();
    let body = response.body().as_ref();
    let parsed: ListBody<T> =
        from_json(body).map_err(|(path, error)| malformed(&path, error, status, body, sent_request_id))?;
    match parsed {
        ListBody { envelope: Some(envelope), .. } if !envelope.is_success() => {
            Err(ResponseError::Api(detail_with(status, body, sent_request_id, Some(&envelope), None)))
        }
        ListBody { envelope, items } => Ok(List { envelope, items: items.unwrap_or_default() }),
    }
}

impl<T> List<T> {
    /// The first item: what a lookup by id answers. An empty list is
    /// [`ResponseError::NotFound`] (with the HTTP status the answer had, usually 200).
    pub(crate) fn into_first<B: AsRef<[u8]>>(
        self,
        response: &http::Response<B>,
        sent_request_id: Option<&str>,
    ) -> Result<T, ResponseError> {
        let List { envelope, items } = self;
        items.into_iter().next().ok_or_else(|| {
            let body = response.body().as_ref();
            ResponseError::NotFound(detail_with(
                response.status(),
                body,
                sent_request_id,
                envelope.as_ref(),
                None,
            ))
        })
    }
}

/// A list answer's body, read in one pass. `items` is `None` when `responseData` was `null`,
/// absent, or not read because the envelope reported a failure.
struct ListBody<T> {
    envelope: Option<Envelope>,
    items: Option<Vec<T>>,
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ListBody<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(BodyVisitor(PhantomData))
    }
}

struct BodyVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for BodyVisitor<T> {
    type Value = ListBody<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON object holding responseEnvelope and responseData (a list)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<ListBody<T>, A::Error> {
        let mut envelope: Option<Envelope> = None;
        let mut items: Option<Vec<T>> = None;
        let mut has_data = false;
        while let Some(key) = map.next_key::<Key>()? {
            match key {
                Key::Envelope => envelope = Some(map.next_value()?),
                // A failed envelope (it usually comes first) means the data is not the list.
                Key::Data if envelope.as_ref().is_some_and(|e| !e.is_success()) => {
                    map.next_value::<IgnoredAny>()?;
                    has_data = true;
                }
                Key::Data => {
                    items = map.next_value()?;
                    has_data = true;
                }
                Key::TaskField | Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if envelope.is_none() && !has_data {
            return Err(de::Error::custom("the body has neither responseEnvelope nor responseData"));
        }
        Ok(ListBody { envelope, items })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<ListBody<T>, A::Error> {
        let items = Vec::<T>::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        Ok(ListBody { envelope: None, items: Some(items) })
    }
}
