//! `InlineResolver`: name resolution on the calling thread, whatever the request's timeout.
//!
//! ureq 3 resolves the host on a new thread for every request (pooled connection or not) when
//! the request has a total timeout, so that the lookup can be abandoned. hec gives every request
//! a total timeout (the time left to the caller's deadline), and a thread per request cost
//! nine-tenths of the keep-alive throughput. This resolver asks ureq's own to resolve without a
//! timeout, on the calling thread: the system resolver's own limits bound the lookup, as they
//! do for any blocking client.

use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// ureq's default resolver, always on the calling thread.
#[derive(Debug, Default)]
pub(crate) struct InlineResolver(DefaultResolver);

impl Resolver for InlineResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        _timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        self.0.resolve(uri, config, NextTimeout::default())
    }
}
