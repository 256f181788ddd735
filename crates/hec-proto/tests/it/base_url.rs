//! Regions and base URLs: the seven gateways, and which other URLs are accepted.

use hec_proto::{BaseUrl, InvalidBaseUrl, Region};
use proptest::prelude::*;

#[test]
fn every_region_parses_from_its_code_in_any_case() {
    for region in Region::ALL {
        assert_eq!(region.code().parse::<Region>(), Ok(region));
        assert_eq!(region.code().to_uppercase().parse::<Region>(), Ok(region));
    }
}

#[test]
fn regions_map_to_the_vendor_gateways() {
    let urls: Vec<_> = Region::ALL.iter().map(|r| (r.code(), r.base_url().as_str().to_owned())).collect();
    assert_eq!(
        urls,
        [
            ("us", "https://cloudinfra-gw-us.portal.checkpoint.com"),
            ("eu", "https://cloudinfra-gw.portal.checkpoint.com"),
            ("ca", "https://cloudinfra-gw.ca.portal.checkpoint.com"),
            ("au", "https://cloudinfra-gw.ap.portal.checkpoint.com"),
            ("uk", "https://cloudinfra-gw.uk.portal.checkpoint.com"),
            ("uae", "https://cloudinfra-gw.me.portal.checkpoint.com"),
            ("in", "https://cloudinfra-gw.in.portal.checkpoint.com"),
        ]
        .map(|(code, url)| (code, url.to_owned()))
    );
}

#[test]
fn long_region_names_are_accepted() {
    assert_eq!("Canada".parse::<Region>(), Ok(Region::Ca));
    assert_eq!("australia".parse::<Region>(), Ok(Region::Au));
    assert_eq!("INDIA".parse::<Region>(), Ok(Region::In));
}

#[test]
fn an_unknown_region_names_the_choices() {
    let error = "mars".parse::<Region>().unwrap_err();
    assert_eq!(error.to_string(), r#"unknown region "mars": expected one of us, eu, ca, au, uk, uae, in"#);
}

#[test]
fn a_base_url_keeps_its_path_prefix_without_a_trailing_slash() {
    let with: BaseUrl = "https://gw.example.com/hec/".parse().unwrap();
    let without: BaseUrl = "https://gw.example.com/hec".parse().unwrap();
    assert_eq!(with, without);
    assert_eq!(with.as_str(), "https://gw.example.com/hec");
    assert_eq!("https://gw.example.com/".parse::<BaseUrl>().unwrap().as_str(), "https://gw.example.com");
}

#[test]
fn plain_http_is_accepted_only_for_loopback_hosts() {
    for url in ["http://127.0.0.1:8080", "http://localhost:1", "http://[::1]:9", "http://127.5.6.7"] {
        let base: BaseUrl = url.parse().unwrap_or_else(|e| panic!("{url}: {e}"));
        assert!(base.is_loopback(), "{url}");
    }
    let error = "http://gw.example.com".parse::<BaseUrl>().unwrap_err();
    assert_eq!(error.reason, "plain http is allowed only for loopback hosts; use https");
    assert!("http://10.0.0.1".parse::<BaseUrl>().is_err());
}

#[test]
fn urls_with_queries_user_info_or_other_schemes_are_refused() {
    for (url, reason) in [
        ("https://gw.example.com/?a=1", "it must not carry a query or fragment"),
        ("https://gw.example.com/#x", "it must not carry a query or fragment"),
        ("https://user:pw@gw.example.com", "it must not carry user info"),
        ("ftp://gw.example.com", "the scheme must be https"),
        ("gw.example.com", "it has no scheme (https://...)"),
        ("", "not a URL"),
    ] {
        assert_eq!(url.parse::<BaseUrl>().map_err(|e| e.reason), Err(reason), "{url}");
    }
}

#[test]
fn host_excludes_the_port() {
    assert_eq!("http://127.0.0.1:8080/x".parse::<BaseUrl>().unwrap().host(), "127.0.0.1");
    assert_eq!("http://[::1]:8080".parse::<BaseUrl>().unwrap().host(), "[::1]");
    assert_eq!(Region::Us.base_url().host(), "cloudinfra-gw-us.portal.checkpoint.com");
}

#[test]
fn ports_outside_1_to_65535_are_refused_not_wrapped() {
    for url in [
        "http://127.0.0.1:99999",
        "http://127.0.0.1:65536",
        "http://127.0.0.1:0",
        "http://127.0.0.1:",
        "https://gw.example.com:8o",
        "https://gw.example.com:-1",
        "https://gw.example.com:1:2",
        "http://[::1]:123456",
    ] {
        assert_eq!(
            url.parse::<BaseUrl>().map_err(|e| e.reason),
            Err("the port must be a number from 1 to 65535"),
            "{url}"
        );
    }
    assert_eq!("http://127.0.0.1:65535".parse::<BaseUrl>().unwrap().as_str(), "http://127.0.0.1:65535");
    assert_eq!("http://127.0.0.1:00080".parse::<BaseUrl>().unwrap().as_str(), "http://127.0.0.1");
}

#[test]
fn hosts_that_clients_could_read_differently_are_refused() {
    for (url, reason) in [
        ("http://[::1]0/x:", "the IPv6 address must end with ']' before the port"),
        ("http://[::1]evil.example", "the IPv6 address must end with ']' before the port"),
        ("https://[*2];80/", "the IPv6 address must end with ']' before the port"),
        ("https://[*2]:80/", "the host is not a valid IPv6 address"),
        ("http://[::1", "the IPv6 address must end with ']' before the port"),
        ("http://[fe80::1%25eth0]", "the host is not a valid IPv6 address"),
        (
            "https://gw example.com",
            "the host may hold only letters, digits, '-', '_' and '.' (or be an [IPv6] address)",
        ),
        (
            "https://gw.example.com;x",
            "the host may hold only letters, digits, '-', '_' and '.' (or be an [IPv6] address)",
        ),
        ("https://gw..example.com", "each dot-separated part of the host must have 1 to 63 characters"),
        ("http://localhost.", "each dot-separated part of the host must have 1 to 63 characters"),
        ("http://127.1", "the host looks like an IPv4 address but is not one (use a.b.c.d)"),
        ("http://0x7f.0.0.1", "the host looks like an IPv4 address but is not one (use a.b.c.d)"),
        ("https://1.2.3.4.5", "the host looks like an IPv4 address but is not one (use a.b.c.d)"),
        ("https://:443", "it has no host"),
        ("https:///path", "it has no host"),
    ] {
        assert_eq!(url.parse::<BaseUrl>().map_err(|e| e.reason), Err(reason), "{url}");
    }
}

#[test]
fn host_and_loopback_are_what_the_request_goes_to() {
    for (url, host, authority, loopback) in [
        ("http://[::1]:8080/x", "[::1]", "[::1]:8080", true),
        ("http://[0:0::1]", "[::1]", "[::1]", true),
        ("http://[::ffff:127.0.0.2]:9", "[::ffff:127.0.0.2]", "[::ffff:127.0.0.2]:9", true),
        ("https://[2001:db8::1]:8443", "[2001:db8::1]", "[2001:db8::1]:8443", false),
        ("HTTP://LocalHost:7", "localhost", "localhost:7", true),
        ("https://GW.Example.com:443/Prefix", "gw.example.com", "gw.example.com", false),
        ("https://10.0.0.1:8443", "10.0.0.1", "10.0.0.1:8443", false),
    ] {
        let base: BaseUrl = url.parse().unwrap_or_else(|e| panic!("{url}: {e}"));
        assert_eq!((base.host(), base.authority(), base.is_loopback()), (host, authority, loopback), "{url}");
        assert_eq!(base.may_use_proxy(), !loopback, "{url}");
        // The http crate, which every request goes through, reads the same host and port.
        let uri: http::Uri = base.as_str().parse().unwrap_or_else(|e| panic!("{url}: {e}"));
        assert_eq!(uri.authority().map(|a| a.as_str()), Some(authority), "{url}");
    }
    assert_eq!(Region::Eu.base_url().authority(), "cloudinfra-gw.portal.checkpoint.com");
    assert!(Region::Eu.base_url().may_use_proxy());
}

#[test]
fn the_portals_authentication_url_is_accepted_without_its_auth_external() {
    for (url, base) in [
        (
            "https://cloudinfra-gw.portal.checkpoint.com/auth/external",
            "https://cloudinfra-gw.portal.checkpoint.com",
        ),
        (
            "https://cloudinfra-gw.portal.checkpoint.com/auth/external/",
            "https://cloudinfra-gw.portal.checkpoint.com",
        ),
        ("https://gw.example.com/prefix/auth/external", "https://gw.example.com/prefix"),
        ("http://127.0.0.1:9/auth/external/auth/external", "http://127.0.0.1:9"),
        ("https://gw.example.com/auth/externals", "https://gw.example.com/auth/externals"),
    ] {
        assert_eq!(url.parse::<BaseUrl>().map(|b| b.as_str().to_owned()), Ok(base.to_owned()), "{url}");
    }
    let eu: BaseUrl = "https://cloudinfra-gw.portal.checkpoint.com/auth/external".parse().unwrap();
    assert_eq!(eu, Region::Eu.base_url());
}

#[test]
fn paths_that_clients_could_rewrite_are_refused() {
    for (url, reason) in [
        ("https://gw.example.com/a b", "the path holds a character a URL cannot carry (escape it as %XX)"),
        ("https://gw.example.com/é", "the path holds a character a URL cannot carry (escape it as %XX)"),
        ("https://gw.example.com/a\\b", "the path holds a character a URL cannot carry (escape it as %XX)"),
        ("https://gw.example.com/%zz", "a '%' in the path must start an escape such as %2F"),
        ("https://gw.example.com/a/../b", "the path must not hold '.' or '..' segments"),
        ("https://gw.example.com/./b", "the path must not hold '.' or '..' segments"),
    ] {
        assert_eq!(url.parse::<BaseUrl>().map_err(|e| e.reason), Err(reason), "{url}");
    }
    assert_eq!(
        "https://gw.example.com/a%2Fb/".parse::<BaseUrl>().unwrap().as_str(),
        "https://gw.example.com/a%2Fb"
    );
}

#[test]
fn an_error_repeats_at_most_100_characters_of_the_text() {
    let long = format!("https://gw.example.com/{} x", "a".repeat(1_000_000));
    let error = long.parse::<BaseUrl>().unwrap_err();
    assert_eq!(error.url.chars().count(), InvalidBaseUrl::MAX_ECHO + 1);
    assert!(error.url.ends_with('…'));
    assert!(error.to_string().len() < 300, "{error}");
}

#[test]
fn an_error_never_repeats_the_user_info_of_the_text() {
    for (url, shown) in [
        ("https://user:PASSW0RD@gw.example", "https://gw.example"),
        ("https://user:PASSW0RD@gw.example/prefix", "https://gw.example/prefix"),
        // A password holding '/', '?', '#' or '@' is left out all the same.
        ("https://user:PA/SS?W#0@RD@gw.example", "https://gw.example"),
        ("user:PASSW0RD@gw.example", "gw.example"),
        ("http://user:PASSW0RD@gw.example:99999", "http://gw.example:99999"),
    ] {
        let error = url.parse::<BaseUrl>().unwrap_err();
        assert_eq!(error.url, shown, "{url}");
        assert!(!error.to_string().contains("PASSW0RD"), "{error}");
        assert!(!format!("{error:?}").contains("PASSW0RD"), "{error:?}");
    }
    let error = "https://user:PASSW0RD@gw.example".parse::<BaseUrl>().unwrap_err();
    assert_eq!(error.to_string(), r#"invalid base URL "https://gw.example": it must not carry user info"#);
}

proptest! {
    #[test]
    fn an_accepted_url_parses_back_to_itself_and_names_the_host_http_reads(
        scheme in prop_oneof![Just("https".to_owned()), Just("http".to_owned()), Just("HTTPS".to_owned()), "[a-z]{1,5}"],
        host in prop_oneof![
            Just("localhost".to_owned()), Just("127.0.0.1".to_owned()), Just("[::1]".to_owned()),
            "[a-zA-Z0-9._-]{1,20}", "\\[[0-9a-fA-F:.]{0,20}\\][a-z0-9]{0,3}", "[ -~]{0,20}",
        ],
        port in prop_oneof![Just(String::new()), ":[0-9]{0,6}", ":[ -~]{0,4}"],
        path in prop_oneof![Just(String::new()), "(/[a-zA-Z0-9._~%-]{0,6}){0,4}/?", "/[ -~]{0,12}", Just("/auth/external".to_owned())],
    ) {
        let text = format!("{scheme}://{host}{port}{path}");
        if let Ok(base) = text.parse::<BaseUrl>() {
            prop_assert_eq!(base.as_str().parse::<BaseUrl>(), Ok(base.clone()), "{:?}", text);
            let start = format!("{}://{}", scheme.to_ascii_lowercase(), base.host());
            prop_assert!(base.as_str().starts_with(&start), "{:?}", text);
            let uri: http::Uri = format!("{base}/app/x").parse().expect("an accepted base URL forms a URI");
            prop_assert_eq!(uri.host(), Some(base.host()));
            prop_assert_eq!(uri.authority().map(|a| a.as_str()), Some(base.authority()));
            prop_assert_eq!(uri.path(), format!("{}/app/x", &base.as_str()[scheme.len() + 3 + base.authority().len()..]));
            let address = base.host().trim_start_matches('[').trim_end_matches(']');
            let loopback = base.host() == "localhost"
                || address.parse::<std::net::IpAddr>().is_ok_and(|ip| match ip {
                    std::net::IpAddr::V4(v4) => v4.is_loopback(),
                    std::net::IpAddr::V6(v6) => v6.is_loopback() || v6.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback()),
                });
            prop_assert_eq!(base.is_loopback(), loopback);
            prop_assert!(base.as_str().starts_with("https://") || loopback, "plain http to {:?}", base.host());
        }
    }
}
