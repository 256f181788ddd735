//! Models for unit tests, made the way the client makes them: by parsing an answer with the
//! endpoint that receives it.

use hec_proto::endpoint::{Endpoint, GetEntity, GetEvent};
use hec_proto::{Entity, EntityId, Event, EventId, RequestId, http};

fn response(body: &str) -> http::Response<Vec<u8>> {
    http::Response::new(body.as_bytes().to_vec())
}

/// The entity of a `GET /search/entity/{id}` answer.
pub(crate) fn entity_from_answer(body: &str) -> Entity {
    let id: EntityId = "0".parse().expect("a valid entity id");
    GetEntity::new(id).parse(&response(body), RequestId::new()).expect("the answer parses")
}

/// The event of a `GET /event/{id}` answer.
pub(crate) fn event_from_answer(body: &str) -> Event {
    let id: EventId = "0".parse().expect("a valid event id");
    GetEvent::new(id).parse(&response(body), RequestId::new()).expect("the answer parses")
}
