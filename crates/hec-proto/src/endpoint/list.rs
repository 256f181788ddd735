//! The readers of answers whose `responseData` is a list of `T` (scopes, entities, events,
//! action items, exceptions), or one `T` or a list of them (a read by id): the HTTP status, the
//! envelope's success rule, then the data.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use crate::endpoint::body::Key;
use crate::endpoint::response::{detail_with, from_json, malformed, status_error};
use crate::model::raw::{nest, parse_text_at};
use crate::response_error::ResponseError;
use crate::wire::envelope::Envelope;
use crate::wire::flexible::TextOrNone;

/// A list answer that reported success.
pub(crate) struct List<T> {
    /// The envelope, absent for a bare JSON array.
    pub(crate) envelope: Option<Envelope>,
    /// The items of `responseData` (none when it was `[]`, `null` or absent).
    pub(crate) items: Vec<T>,
    /// A top-level `lastEvaluatedKey`, when the answer has one that is a string.
    pub(crate) last_evaluated_key: Option<String>,
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
        ListBody { envelope, items, last_evaluated_key } => {
            Ok(List { envelope, items: items.unwrap_or_default(), last_evaluated_key })
        }
    }
}

/// Reads an answer whose `responseData` is one `T` or a list of them (a read by id: the service
/// answers some objects bare, others as a list of one): HTTP 2xx, the envelope's success rule as
/// for [`read_list`], then `responseData` as an object (a list of one), a list, or `null` /
/// absent (none). A bare JSON array is read as the list. Each `T` is read from its own text, so
/// a model keeps exactly what was sent.
pub(crate) fn read_one_or_list<T: DeserializeOwned, B: AsRef<[u8]>>(
    response: &http::Response<B>,
    sent_request_id: Option<&str>,
) -> Result<List<T>, ResponseError> {
    if let Some(error) = status_error(response, sent_request_id, false) {
        return Err(error);
    }
    let status = response.status();
    let body = response.body().as_ref();
    let bad = |path: &str, reason: &str, envelope: Option<&Envelope>| ResponseError::Malformed {
        path: path.to_owned(),
        reason: reason.to_owned(),
        detail: detail_with(status, body, sent_request_id, envelope, None),
    };
    let bare_list = body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[');
    let (envelope, data, at) = if bare_list {
        let data: &RawValue = from_json(body)
            .map_err(|(path, error)| malformed(&path, error, status, body, sent_request_id))?;
        (None, Some(data), "")
    } else {
        let parsed: OneOrListBody = from_json(body)
            .map_err(|(path, error)| malformed(&path, error, status, body, sent_request_id))?;
        if parsed.envelope.is_none() && parsed.data.is_none() {
            return Err(bad("", "the body has neither responseEnvelope nor responseData", None));
        }
        (parsed.envelope, parsed.data, "responseData")
    };
    if let Some(failed) = envelope.as_ref().filter(|e| !e.is_success()) {
        return Err(ResponseError::Api(detail_with(status, body, sent_request_id, Some(failed), None)));
    }
    let items = match data.map(|data| (data.get().as_bytes().first(), data.get())) {
        None | Some((Some(b'n'), "null")) => Ok(Vec::new()),
        Some((Some(b'['), text)) => parse_text_at::<Vec<T>>(text),
        Some((Some(b'{'), text)) => parse_text_at::<T>(text).map(|one| vec![one]),
        Some(_) => Err((String::new(), "expected an object or a list of objects".to_owned())),
    }
    .map_err(|(path, reason): (String, String)| bad(&nest(at, &path), &reason, envelope.as_ref()))?;
    Ok(List { envelope, items, last_evaluated_key: None })
}

/// The body of an answer read by [`read_one_or_list`]: the envelope, and `responseData`'s text
/// (borrowed) to read once its shape is known.
#[derive(Deserialize)]
struct OneOrListBody<'a> {
    #[serde(rename = "responseEnvelope", default)]
    envelope: Option<Envelope>,
    #[serde(rename = "responseData", borrow, default)]
    data: Option<&'a RawValue>,
}

impl<T> List<T> {
    /// The first item: what a lookup by id answers. An empty list is
    /// [`ResponseError::NotFound`] (with the HTTP status the answer had, usually 200).
    pub(crate) fn into_first<B: AsRef<[u8]>>(
        self,
        response: &http::Response<B>,
        sent_request_id: Option<&str>,
    ) -> Result<T, ResponseError> {
        let List { envelope, items, .. } = self;
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
    last_evaluated_key: Option<String>,
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
        let mut last_evaluated_key: Option<String> = None;
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
                Key::Cursor => last_evaluated_key = map.next_value_seed(TextOrNone)?,
                Key::TaskField | Key::Other => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        if envelope.is_none() && !has_data {
            return Err(de::Error::custom("the body has neither responseEnvelope nor responseData"));
        }
        Ok(ListBody { envelope, items, last_evaluated_key })
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<ListBody<T>, A::Error> {
        let items = Vec::<T>::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
        Ok(ListBody { envelope: None, items: Some(items), last_evaluated_key: None })
    }
}
