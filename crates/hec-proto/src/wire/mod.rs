//! The lowest layer: what every answer and request shares on the wire (the body shapes, the
//! envelope, the `requestData` body, percent-encoding, base64, a secret-free excerpt of a body) and
//! lenient readers for values the service spells several ways. It depends on no other module of
//! the crate.

pub(crate) mod base64;
pub(crate) mod envelope;
pub(crate) mod excerpt;
pub(crate) mod flexible;
pub(crate) mod inline_text;
pub(crate) mod percent;
pub(crate) mod reader;
pub(crate) mod request_data;
