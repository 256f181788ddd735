//! `ClientConfig`, its setters, and reading the gateway and
//! credentials from named settings (the environment, or a command line standing for it).

use std::time::Duration;

use hec_proto::config::{ENV_ACCESS_KEY, ENV_BASE_URL, ENV_CLIENT_ID, ENV_REGION};
use hec_proto::policy::TokenSource;
use hec_proto::{BaseUrl, ClientConfig, ConfigError, Credentials, Region};

fn settings<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |name| pairs.iter().find(|(key, _)| *key == name).map(|(_, value)| (*value).to_owned())
}

fn whole_with_timeout(timeout: Duration) -> ClientConfig {
    let mut config = ClientConfig::default();
    config.timeout = timeout;
    config
}

#[test]
fn setters_set_their_fields_and_the_last_of_two_wins() {
    let config = ClientConfig::new()
        .region(Region::Uk)
        .credentials(Credentials::new("id", "key"))
        .timeout(Duration::from_secs(1))
        .timeout(Duration::from_secs(2))
        .connect_timeout(Duration::from_secs(3))
        .body_limit(1024)
        .max_in_flight(4)
        .token_skew(Duration::from_secs(5))
        .user_agent("agent/1");
    assert_eq!(config.base_url, Some(Region::Uk.base_url()));
    assert!(matches!(&config.auth, Some(TokenSource::Credentials(c)) if c.client_id() == "id"));
    assert_eq!(
        (config.timeout, config.connect_timeout, config.body_limit, config.max_in_flight, config.token_skew),
        (Duration::from_secs(2), Duration::from_secs(3), 1024, 4, Duration::from_secs(5))
    );
    assert_eq!(config.user_agent, "agent/1");
}

#[test]
fn a_static_token_replaces_credentials_and_a_base_url_a_region() {
    let url: BaseUrl = "https://gw.example.com".parse().expect("a gateway URL");
    let config = ClientConfig::new()
        .region(Region::Eu)
        .base_url(url.clone())
        .credentials(Credentials::new("id", "key"))
        .static_token(hec_proto::AccessToken::new("made-up"));
    assert_eq!(config.base_url, Some(url));
    assert!(matches!(config.auth, Some(TokenSource::Static(_))));
}

#[test]
fn a_valid_config_reads_its_parts() {
    let mut config = whole_with_timeout(Duration::from_secs(3));
    config.base_url = Some(Region::Eu.base_url());
    config.auth = Some(TokenSource::Credentials(Credentials::new("id", "key")));
    let valid = config.validate().expect("a complete configuration");
    assert_eq!(valid.base_url(), &Region::Eu.base_url());
    assert!(matches!(valid.auth(), TokenSource::Credentials(c) if c.client_id() == "id"));
    assert_eq!(valid.user_agent(), hec_proto::config::USER_AGENT);
    assert_eq!(valid.config().timeout, Duration::from_secs(3));
}

#[test]
fn the_gateway_comes_from_exactly_one_of_region_and_base_url() {
    let both = [(ENV_REGION, "eu"), (ENV_BASE_URL, "https://gw.example.com")];
    assert_eq!(
        BaseUrl::from_env_vars(settings(&both)),
        Err(ConfigError::Conflicting(ENV_REGION, ENV_BASE_URL))
    );
    assert_eq!(BaseUrl::from_env_vars(settings(&[(ENV_REGION, "eu")])), Ok(Region::Eu.base_url()));
    assert_eq!(
        BaseUrl::from_env_vars(settings(&[(ENV_BASE_URL, "https://gw.example.com/")])).map(|u| u.to_string()),
        Ok("https://gw.example.com".to_owned())
    );
    assert_eq!(BaseUrl::from_env_vars(|_| None), Err(ConfigError::MissingVariables(vec![ENV_REGION])));
    assert!(matches!(BaseUrl::from_env_vars(settings(&[(ENV_REGION, "mars")])), Err(ConfigError::Region(_))));
    assert!(matches!(
        BaseUrl::from_env_vars(settings(&[(ENV_BASE_URL, "http://gw.example.com")])),
        Err(ConfigError::BaseUrl(_))
    ));
}

#[test]
fn blank_settings_count_as_unset() {
    let blank_region = [(ENV_REGION, "  "), (ENV_BASE_URL, "http://127.0.0.1:9")];
    assert_eq!(
        BaseUrl::from_env_vars(settings(&blank_region)).map(|u| u.to_string()),
        Ok("http://127.0.0.1:9".to_owned())
    );
    let blank_key = [(ENV_CLIENT_ID, " id "), (ENV_ACCESS_KEY, "")];
    assert_eq!(
        Credentials::from_env_vars(settings(&blank_key)),
        Err(ConfigError::MissingVariables(vec![ENV_ACCESS_KEY]))
    );
}

#[test]
fn credentials_are_trimmed_and_every_missing_variable_is_named() {
    let both = [(ENV_CLIENT_ID, " id\n"), (ENV_ACCESS_KEY, "\tkey ")];
    assert_eq!(Credentials::from_env_vars(settings(&both)), Ok(Credentials::new("id", "key")));
    let error = Credentials::from_env_vars(|_| None).unwrap_err();
    assert_eq!(error, ConfigError::MissingVariables(vec![ENV_CLIENT_ID, ENV_ACCESS_KEY]));
    assert_eq!(error.to_string(), "HEC_CLIENT_ID and HEC_ACCESS_KEY are not set");
}
