//! What unit tests share: models made the way the client makes them (by parsing an answer with
//! the endpoint that receives it), the body a paged query's first request sends, and a noun's
//! command line parsed by the noun's own clap type.

use clap::Subcommand;
use hec_proto::endpoint::{Endpoint, GetEntity, GetEvent, PagedQuery};
use hec_proto::policy::Pager;
use hec_proto::{AccessToken, Entity, EntityId, Event, EventId, Region, RequestId, http};

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

/// The `requestData` of the first request a paged `query` sends (its first page's).
pub(crate) fn first_request_data<Q: PagedQuery>(query: Q) -> serde_json::Value {
    let request = Pager::new(query)
        .poll_call()
        .expect("a first call")
        .request(&Region::Eu.base_url(), &AccessToken::new("t"), RequestId::new())
        .expect("a request");
    let body: serde_json::Value = serde_json::from_slice(request.body()).expect("a JSON body");
    body["requestData"].clone()
}

/// A noun's command line (`["hec", "entity", "search", "--since", "7d"]`: the program, the noun,
/// then its arguments) parsed by the noun's own clap type `C`, as the whole command line hands
/// it to the noun; a command's tests need not reach up to the top-level parser.
pub(crate) fn parse<C: Subcommand>(args: &[&str]) -> Result<C, clap::Error> {
    // The noun stands where clap reads a program's name.
    let noun = C::augment_subcommands(clap::Command::new("noun").subcommand_required(true));
    C::from_arg_matches(&noun.try_get_matches_from(args.get(1..).unwrap_or_default())?)
}
