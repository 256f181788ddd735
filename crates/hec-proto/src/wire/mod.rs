//! What every endpoint shares on the wire: the body shapes, the JSON reader every parse starts
//! with, the status check, error detail and its secret-free excerpt, and lenient readers for
//! values the service spells several ways.

pub(crate) mod body;
pub(crate) mod excerpt;
pub(crate) mod flexible;
pub(crate) mod inline_text;
pub(crate) mod list;
pub(crate) mod reader;
pub(crate) mod request_data;
pub(crate) mod response;
