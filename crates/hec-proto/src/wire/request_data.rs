//! The body of every API `POST`: `{"requestData": {...}}`.

use serde::Serialize;

/// `{"requestData": data}` as compact JSON.
pub(crate) fn request_data<T: Serialize>(data: &T) -> Vec<u8> {
    #[derive(Serialize)]
    struct Body<'a, T> {
        #[serde(rename = "requestData")]
        request_data: &'a T,
    }
    // Request data is built from strings, numbers and caller-given JSON values: it always
    // serializes.
    serde_json::to_vec(&Body { request_data: data }).expect("request data always serializes")
}
