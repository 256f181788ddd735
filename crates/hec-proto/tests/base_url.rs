//! Regions and base URLs: the seven gateways, and which other URLs are accepted.

use hec_proto::{BaseUrl, Region};

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
