//! Which exception request a method and path make: the path's segments name the family and the
//! ids; the methods each path takes.

use http::Method;

use crate::mock::api::API_BASE;

/// One exception request, with the path's segments it names (still to be checked).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Call<'p> {
    ApList(&'p str),
    ApGet(&'p str, &'p str),
    ApCreate(&'p str),
    ApModify(&'p str, &'p str),
    ApDelete(&'p str, &'p str),
    ToolGet(&'p str, &'p str, &'p str),
    ToolList(&'p str, &'p str),
    ToolCreate(&'p str),
    ToolUpdate(&'p str),
    ToolDelete(&'p str),
    ToolDeleteMany(&'p str),
    AnomalyList,
    AnomalyCreate,
    AnomalyDelete,
    CtpLists,
    CtpList(&'p str),
    CtpDeleteAll,
    CtpItems,
    CtpItem(&'p str),
    CtpItemCreate,
    CtpItemUpdate(&'p str),
    CtpItemDelete(&'p str),
    CtpItemsDelete,
}

impl<'p> Call<'p> {
    /// The exception request `method path` makes; `Some(Err(allow))` for an exception path that
    /// does not take `method` (`allow` lists those it takes); `None` for any other path.
    pub(crate) fn of(method: &Method, path: &'p str) -> Option<Result<Call<'p>, &'static str>> {
        let segments: Vec<&'p str> = path.strip_prefix(API_BASE)?.strip_prefix('/')?.split('/').collect();
        let m = method.as_str();
        let pick = |allow: &'static str, calls: &[(&str, Call<'p>)]| {
            calls.iter().find(|(name, _)| *name == m).map(|(_, call)| *call).ok_or(allow)
        };
        Some(match segments[..] {
            ["exceptions", kind] => {
                pick("GET, POST", &[("GET", Call::ApList(kind)), ("POST", Call::ApCreate(kind))])
            }
            ["exceptions", kind, "delete", id] => pick("POST", &[("POST", Call::ApDelete(kind, id))]),
            ["exceptions", kind, id] => {
                pick("GET, PUT", &[("GET", Call::ApGet(kind, id)), ("PUT", Call::ApModify(kind, id))])
            }
            ["sectool-exceptions", tool] => pick(
                "POST, PUT, DELETE",
                &[
                    ("POST", Call::ToolCreate(tool)),
                    ("PUT", Call::ToolUpdate(tool)),
                    ("DELETE", Call::ToolDelete(tool)),
                ],
            ),
            ["sectool-exceptions", tool, "exceptions"] => {
                pick("DELETE", &[("DELETE", Call::ToolDeleteMany(tool))])
            }
            ["sectool-exceptions", tool, "exceptions", kind] => {
                pick("GET", &[("GET", Call::ToolList(tool, kind))])
            }
            ["sectool-exceptions", tool, "exceptions", kind, key] => {
                pick("GET", &[("GET", Call::ToolGet(tool, kind, key))])
            }
            ["sectools", "anomaly", "exceptions"] => pick(
                "GET, POST, DELETE",
                &[("GET", Call::AnomalyList), ("POST", Call::AnomalyCreate), ("DELETE", Call::AnomalyDelete)],
            ),
            ["sectools", "click_time_protection", "exceptions"] => {
                pick("GET, DELETE", &[("GET", Call::CtpLists), ("DELETE", Call::CtpDeleteAll)])
            }
            ["sectools", "click_time_protection", "exceptions", "items"] => pick(
                "GET, POST, DELETE",
                &[("GET", Call::CtpItems), ("POST", Call::CtpItemCreate), ("DELETE", Call::CtpItemsDelete)],
            ),
            ["sectools", "click_time_protection", "exceptions", "items", id] => pick(
                "GET, PUT, DELETE",
                &[
                    ("GET", Call::CtpItem(id)),
                    ("PUT", Call::CtpItemUpdate(id)),
                    ("DELETE", Call::CtpItemDelete(id)),
                ],
            ),
            ["sectools", "click_time_protection", "exceptions", list] => {
                pick("GET", &[("GET", Call::CtpList(list))])
            }
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Checks what `method {API_BASE}{rest}` makes.
    fn assert_route(method: Method, rest: &str, want: Option<Result<Call<'_>, &'static str>>) {
        let path = format!("{API_BASE}{rest}");
        assert_eq!(Call::of(&method, &path), want, "{method} {rest}");
    }

    #[test]
    fn each_path_and_method_names_its_call() {
        assert_route(Method::GET, "/exceptions/whitelist", Some(Ok(Call::ApList("whitelist"))));
        assert_route(
            Method::POST,
            "/exceptions/blacklist/delete/7",
            Some(Ok(Call::ApDelete("blacklist", "7"))),
        );
        assert_route(Method::PUT, "/exceptions/blacklist/7", Some(Ok(Call::ApModify("blacklist", "7"))));
        assert_route(
            Method::GET,
            "/sectool-exceptions/avanan_url/exceptions/block-url/https%3A%2F%2Fa.example",
            Some(Ok(Call::ToolGet("avanan_url", "block-url", "https%3A%2F%2Fa.example"))),
        );
        assert_route(
            Method::DELETE,
            "/sectool-exceptions/avanan_url/exceptions",
            Some(Ok(Call::ToolDeleteMany("avanan_url"))),
        );
        assert_route(Method::DELETE, "/sectools/anomaly/exceptions", Some(Ok(Call::AnomalyDelete)));
        assert_route(
            Method::GET,
            "/sectools/click_time_protection/exceptions/items",
            Some(Ok(Call::CtpItems)),
        );
        assert_route(
            Method::GET,
            "/sectools/click_time_protection/exceptions/1",
            Some(Ok(Call::CtpList("1"))),
        );
        assert_route(
            Method::DELETE,
            "/sectools/click_time_protection/exceptions/items/42",
            Some(Ok(Call::CtpItemDelete("42"))),
        );
    }

    #[test]
    fn a_method_the_path_does_not_take_gets_the_ones_it_does() {
        assert_route(Method::DELETE, "/exceptions/whitelist", Some(Err("GET, POST")));
        assert_route(Method::GET, "/exceptions/whitelist/delete/7", Some(Err("POST")));
        assert_route(Method::POST, "/sectools/click_time_protection/exceptions/0", Some(Err("GET")));
    }

    #[test]
    fn other_paths_are_not_exception_calls() {
        assert_route(Method::GET, "/scopes", None);
        assert_route(Method::GET, "/exceptions", None);
        assert_route(Method::GET, "/sectools/anomaly", None);
        assert_route(Method::GET, "/exceptions/a/b/c/d", None);
        assert_eq!(Call::of(&Method::GET, "/exceptions/whitelist"), None);
    }
}
