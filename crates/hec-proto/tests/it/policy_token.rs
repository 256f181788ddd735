//! `TokenCache`: when a token must be fetched, when it turns stale, and which token a 401 condemns,
//! on a virtual clock (`t0` stepped by hand; nothing sleeps).

use crate::support;

use std::time::{Duration, Instant};

use crate::support::{grant, ms};
use hec_proto::policy::{DEFAULT_TOKEN_SKEW, TokenCache, TokenSource};
use hec_proto::{AccessToken, Credentials};

/// The grant a corpus token fixture parses to, at the fixture's `now`.
fn fixture_grant(name: &str) -> hec_proto::endpoint::TokenGrant {
    let fixture = hec_fixtures::corpus::get(name).expect("the fixture exists");
    hec_proto::endpoint::parse_token_response(&fixture.response.to_http(), fixture.now_system_time())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn from_credentials() -> TokenCache {
    TokenCache::new(TokenSource::Credentials(Credentials::new("client-id", "access-key-secret")))
}

fn from_static(token: &str) -> TokenCache {
    TokenCache::new(TokenSource::Static(AccessToken::new(token)))
}

fn secs(seconds: u64) -> Duration {
    Duration::from_secs(seconds)
}

#[test]
fn without_a_token_none_is_fresh() {
    let t0 = Instant::now();
    let cache = from_credentials();
    assert_eq!(cache.fresh(t0), None);
    assert_eq!(cache.stale_at(), None);
}

#[test]
fn a_stored_token_is_fresh_from_the_moment_it_arrives() {
    let t0 = Instant::now();
    let mut cache = from_credentials();
    cache.handle_grant(grant("t1-0123456789abcdef", 1800), t0);
    assert_eq!(cache.fresh(t0), Some(AccessToken::new("t1-0123456789abcdef")));
}

#[test]
fn a_token_turns_stale_sixty_seconds_before_it_expires() {
    let t0 = Instant::now();
    let mut cache = from_credentials();
    cache.handle_grant(grant("t1-0123456789abcdef", 1800), t0);
    assert_eq!(cache.stale_at(), Some(t0 + secs(1740)));
}

#[test]
fn a_token_is_fresh_until_just_before_it_turns_stale() {
    let t0 = Instant::now();
    let mut cache = from_credentials();
    cache.handle_grant(grant("t1-0123456789abcdef", 1800), t0);
    let stale_at = t0 + secs(1740);
    assert_eq!(cache.fresh(stale_at - ms(1)), Some(AccessToken::new("t1-0123456789abcdef")));
    assert_eq!(
        cache.fresh(stale_at - Duration::from_nanos(1)),
        Some(AccessToken::new("t1-0123456789abcdef"))
    );
    assert_eq!(cache.fresh(stale_at), None);
}

#[test]
fn the_default_skew_is_sixty_seconds() {
    assert_eq!(DEFAULT_TOKEN_SKEW, secs(60));
}

#[test]
fn a_short_lived_token_is_renewed_at_half_its_life() {
    let t0 = Instant::now();
    let mut cache = from_credentials();
    cache.handle_grant(grant("short-lived-0123456789", 10), t0);
    assert_eq!(cache.stale_at(), Some(t0 + secs(5)));
    assert_eq!(cache.fresh(t0 + ms(4_999)), Some(AccessToken::new("short-lived-0123456789")));
    assert_eq!(cache.fresh(t0 + secs(5)), None);
}

#[test]
fn a_token_living_exactly_twice_the_skew_turns_stale_at_half_its_life() {
    let t0 = Instant::now();
    let mut cache = from_credentials();
    cache.handle_grant(grant("t1-0123456789abcdef", 120), t0);
    assert_eq!(cache.stale_at(), Some(t0 + secs(60)));
}

#[test]
fn a_token_that_expires_at_once_is_never_fresh() {
    let t0 = Instant::now();
    let mut cache = from_credentials();
    cache.handle_grant(grant("t1-0123456789abcdef", 0), t0);
    assert_eq!(cache.fresh(t0), None);
}

#[test]
fn staleness_counts_from_when_the_token_arrived() {
    let t0 = Instant::now();
    let mut cache = from_credentials();
    cache.handle_grant(grant("t1-0123456789abcdef", 1800), t0 + secs(100));
    assert_eq!(cache.stale_at(), Some(t0 + secs(1840)));
}

#[test]
fn a_custom_skew_moves_the_renewal() {
    let t0 = Instant::now();
    let mut cache = from_credentials().with_skew(secs(300));
    cache.handle_grant(grant("t1-0123456789abcdef", 1800), t0);
    assert_eq!(cache.stale_at(), Some(t0 + secs(1500)));
}

#[test]
fn a_zero_skew_keeps_a_token_until_it_expires() {
    let t0 = Instant::now();
    let mut cache = from_credentials().with_skew(Duration::ZERO);
    cache.handle_grant(grant("t1-0123456789abcdef", 1800), t0);
    assert_eq!(cache.stale_at(), Some(t0 + secs(1800)));
}

#[test]
fn a_custom_skew_longer_than_half_the_life_renews_at_half_life() {
    let t0 = Instant::now();
    let mut cache = from_credentials().with_skew(secs(1000));
    cache.handle_grant(grant("t1-0123456789abcdef", 1800), t0);
    assert_eq!(cache.stale_at(), Some(t0 + secs(900)));
}

#[test]
fn a_newly_stored_token_replaces_the_old_one() {
    let t0 = Instant::now();
    let mut cache = from_credentials();
    cache.handle_grant(grant("t1-0123456789abcdef", 1800), t0);
    cache.handle_grant(grant("t2-0123456789abcdef", 1800), t0 + secs(10));
    assert_eq!(cache.fresh(t0 + secs(10)), Some(AccessToken::new("t2-0123456789abcdef")));
    assert_eq!(cache.stale_at(), Some(t0 + secs(1750)));
}

#[test]
fn invalidating_the_current_token_forgets_it() {
    let t0 = Instant::now();
    let mut cache = from_credentials();
    cache.handle_grant(grant("t1-0123456789abcdef", 1800), t0);
    assert!(cache.invalidate(&AccessToken::new("t1-0123456789abcdef")));
    assert_eq!(cache.fresh(t0), None);
    assert_eq!(cache.stale_at(), None);
}

#[test]
fn a_401_for_an_older_token_does_not_forget_a_newer_one() {
    let t0 = Instant::now();
    let mut cache = from_credentials();
    cache.handle_grant(grant("t1-0123456789abcdef", 1800), t0);
    cache.handle_grant(grant("t2-0123456789abcdef", 1800), t0 + secs(1));
    assert!(!cache.invalidate(&AccessToken::new("t1-0123456789abcdef")));
    assert_eq!(cache.fresh(t0 + secs(1)), Some(AccessToken::new("t2-0123456789abcdef")));
}

#[test]
fn invalidating_with_no_token_held_forgets_nothing() {
    let mut cache = from_credentials();
    assert!(!cache.invalidate(&AccessToken::new("t1-0123456789abcdef")));
}

#[test]
fn invalidating_the_same_token_twice_forgets_it_once() {
    let t0 = Instant::now();
    let mut cache = from_credentials();
    cache.handle_grant(grant("t1-0123456789abcdef", 1800), t0);
    assert!(cache.invalidate(&AccessToken::new("t1-0123456789abcdef")));
    assert!(!cache.invalidate(&AccessToken::new("t1-0123456789abcdef")));
}

#[test]
fn a_cache_with_credentials_can_refresh_and_names_them() {
    let cache = from_credentials();
    assert!(cache.can_refresh());
    assert_eq!(cache.credentials(), Some(&Credentials::new("client-id", "access-key-secret")));
}

#[test]
fn a_static_token_is_always_fresh() {
    let t0 = Instant::now();
    let cache = from_static("static-token");
    assert_eq!(cache.fresh(t0), Some(AccessToken::new("static-token")));
    assert_eq!(cache.fresh(t0 + secs(10 * 365 * 24 * 3600)), Some(AccessToken::new("static-token")));
}

#[test]
fn a_static_token_cannot_be_refreshed_and_has_no_credentials() {
    let cache = from_static("static-token");
    assert!(!cache.can_refresh());
    assert_eq!(cache.credentials(), None);
}

#[test]
fn a_refused_static_token_is_still_the_one_sent() {
    let t0 = Instant::now();
    let mut cache = from_static("static-token");
    assert!(!cache.invalidate(&AccessToken::new("static-token")));
    assert_eq!(cache.fresh(t0), Some(AccessToken::new("static-token")));
}

#[test]
fn debug_of_a_cache_never_shows_the_token_or_the_access_key() {
    let t0 = Instant::now();
    let mut cache = from_credentials();
    cache.handle_grant(grant("secret-token-text", 1800), t0);
    let debug = format!("{cache:?}");
    assert!(!debug.contains("secret-token-text"), "{debug}");
    assert!(!debug.contains("access-key-secret"), "{debug}");
    assert!(debug.contains("[redacted]"), "{debug}");
}

#[test]
fn debug_of_a_static_cache_never_shows_the_token() {
    let debug = format!("{:?}", from_static("static-secret-text"));
    assert!(!debug.contains("static-secret-text"), "{debug}");
    assert!(debug.contains("[redacted]"), "{debug}");
}

#[test]
fn a_token_with_an_absurd_lifetime_is_kept_without_panicking() {
    // `expiresIn` comes from the network; u64::MAX seconds cannot be added to an Instant.
    let t0 = Instant::now();
    let mut cache = from_credentials();
    cache.handle_grant(grant("forever-0123456789abcd", u64::MAX), t0);
    assert_eq!(cache.fresh(t0 + secs(24 * 3600)), Some(AccessToken::new("forever-0123456789abcd")));
}

// ---- the calls a cache prescribes ----

fn unauthorized() -> hec_proto::Error {
    support::task_failure(&support::response(401, &[], r#"{"message": "Authentication required"}"#))
}

#[test]
fn an_api_call_with_credentials_refreshes_once_on_a_401() {
    let t0 = Instant::now();
    let cache = TokenCache::new(TokenSource::Credentials(Credentials::new("id", "key")));
    let mut call = cache.api_call(&hec_proto::policy::RetryPolicy::default(), t0, None);
    let next = call.handle_outcome::<()>(Err(unauthorized()), t0, support::wall0());
    assert_eq!(next, hec_proto::policy::Next::RefreshToken);
}

#[test]
fn an_api_call_with_a_static_token_fails_at_once_on_a_401() {
    let t0 = Instant::now();
    let cache = TokenCache::new(TokenSource::Static(AccessToken::new("static")));
    let mut call = cache.api_call(&hec_proto::policy::RetryPolicy::default(), t0, None);
    let next = call.handle_outcome::<()>(Err(unauthorized()), t0, support::wall0());
    assert!(matches!(next, hec_proto::policy::Next::Fail(_)), "{next:?}");
}

#[test]
fn an_api_call_keeps_the_earlier_of_its_own_deadline_and_the_callers() {
    let t0 = Instant::now();
    let cache = TokenCache::new(TokenSource::Credentials(Credentials::new("id", "key")));
    let policy = hec_proto::policy::RetryPolicy::default();
    assert_eq!(cache.api_call(&policy, t0, Some(t0 + ms(500))).deadline(), t0 + ms(500));
    assert_eq!(cache.api_call(&policy, t0, None).deadline(), t0 + policy.max_elapsed());
}

#[test]
fn a_token_call_carries_the_credentials_and_never_refreshes() {
    let t0 = Instant::now();
    let cache = TokenCache::new(TokenSource::Credentials(Credentials::new("id", "key")));
    let (credentials, mut call) = cache
        .token_call(&hec_proto::policy::RetryPolicy::default(), t0, None)
        .expect("credentials are there");
    assert_eq!(credentials, Credentials::new("id", "key"));
    let next = call.handle_outcome::<()>(Err(unauthorized()), t0, support::wall0());
    assert_eq!(next, hec_proto::policy::TokenNext::Fail(unauthorized()));
}

#[test]
fn a_static_token_has_no_token_call() {
    let cache = TokenCache::new(TokenSource::Static(AccessToken::new("static")));
    let error =
        cache.token_call(&hec_proto::policy::RetryPolicy::default(), Instant::now(), None).unwrap_err();
    assert_eq!(error, hec_proto::Error::Config(hec_proto::ConfigError::NoCredentials));
}

#[test]
fn a_token_expiring_past_the_year_9999_stays_fresh() {
    let t0 = Instant::now();
    let mut cache = from_credentials();
    let grant = fixture_grant("token-expires-year-9999");
    assert_eq!(grant.lifetime, Duration::MAX);
    cache.handle_grant(grant, t0);
    let century = secs(100 * 365 * 86_400);
    assert_eq!(
        cache.fresh(t0 + century).map(|t| t.secret().to_owned()),
        Some("tok-test-0005-GGGG".to_owned())
    );
}

#[test]
fn a_lifetime_as_a_whole_float_or_a_numeric_string_is_read() {
    for name in ["token-expires-in-whole-float", "token-expires-in-numeric-string"] {
        assert_eq!(fixture_grant(name).lifetime, secs(1800), "{name}");
    }
}

#[test]
fn a_token_call_retries_a_503_and_gives_up_on_its_deadline() {
    let t0 = Instant::now();
    let cache = from_credentials();
    let policy = hec_proto::policy::RetryPolicy::default().with_jitter_seed(3).with_backoff(ms(1), ms(1));
    let (_, mut call) = cache.token_call(&policy, t0, Some(t0 + secs(1))).expect("credentials are there");
    let unavailable = support::fixture_failure("token-server-error-503");
    let after = match call.handle_outcome::<()>(Err(unavailable.clone()), t0, support::wall0()) {
        hec_proto::policy::TokenNext::Retry { after } => after,
        other => panic!("expected a retry, got {other:?}"),
    };
    assert!(after < ms(1), "{after:?}");
    assert_eq!(call.attempt(), 2);
    let next = call.handle_outcome::<()>(Err(unavailable.clone()), t0 + secs(2), support::wall0());
    assert_eq!(
        next,
        hec_proto::policy::TokenNext::Fail(hec_proto::Error::GaveUp {
            attempts: 2,
            elapsed: secs(2),
            deadline_reached: true,
            last: Box::new(unavailable),
        })
    );
}

// ---- a failed fetch, shared by the callers that waited for it ----

fn refused() -> hec_proto::Error {
    support::fixture_failure("token-401")
}

#[test]
fn a_caller_that_waited_during_a_failed_fetch_gets_its_failure() {
    let t0 = Instant::now();
    let mut cache = from_credentials();
    cache.handle_fetch_error(&refused(), t0 + ms(200));
    assert_eq!(cache.failure_since(t0 + ms(100)), Some(refused()));
    assert_eq!(cache.failure_since(t0 + ms(200)), Some(refused()));
}

#[test]
fn a_caller_that_came_after_a_failed_fetch_fetches_again() {
    let t0 = Instant::now();
    let mut cache = from_credentials();
    cache.handle_fetch_error(&refused(), t0 + ms(200));
    assert_eq!(cache.failure_since(t0 + ms(201)), None);
}

#[test]
fn a_stored_token_clears_the_last_failure() {
    let t0 = Instant::now();
    let mut cache = from_credentials();
    cache.handle_fetch_error(&refused(), t0);
    cache.handle_grant(grant("t1-0123456789abcdef", 1800), t0 + ms(10));
    assert_eq!(cache.failure_since(t0), None);
    assert_eq!(cache.fresh(t0 + ms(10)), Some(AccessToken::new("t1-0123456789abcdef")));
}

// --- The secrets it holds ------------------------------------------------------------------------

#[test]
fn the_cache_holds_the_access_key_and_every_token_it_stores() {
    let t0 = Instant::now();
    let mut cache =
        TokenCache::new(TokenSource::Credentials(Credentials::new("the-client", "the-access-key")));
    assert_eq!(cache.secrets().len(), 1);
    cache.handle_grant(grant("token-one-0123456789", 1800), t0);
    cache.handle_grant(grant("token-two-0123456789", 1800), t0 + ms(10));
    assert_eq!(
        cache.secrets().redact("the-client the-access-key token-one-0123456789 token-two-0123456789"),
        "the-client [redacted] [redacted] [redacted]"
    );
}

#[test]
fn a_static_token_is_held_from_the_start() {
    let cache = TokenCache::new(TokenSource::Static(AccessToken::new("static-token-1")));
    assert_eq!(cache.secrets().redact("Bearer static-token-1"), "Bearer [redacted]");
    assert!(!format!("{cache:?}").contains("static-token-1"));
}
