//! The integration tests of this crate, one binary: each module is one behaviour's tests.

mod conformance_exceptions;
mod mock_analyst_actions;
mod mock_auth;
mod mock_auth_v2;
mod mock_demo_tasks;
mod mock_download;
mod mock_faults;
mod mock_header_timeout;
mod mock_record;
mod mock_scan_results;
mod mock_scroll_snapshot;
mod mock_search_filters;
mod mock_server;
mod mock_tasks;
mod mock_tenant_actions;
mod mock_tenant_events;
mod mock_tenant_exceptions;
mod mock_tenant_feed;
mod mock_tenant_search;
mod mock_tenant_traffic;
mod mock_times;
mod support;
mod third_party_replay;
