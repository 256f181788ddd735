//! The integration tests of this crate, one binary: each module is one behaviour's tests.

mod conformance_exceptions;
mod fixture_check;
mod mock_auth;
mod mock_demo_tasks;
mod mock_faults;
mod mock_record;
mod mock_server;
mod mock_tasks;
mod mock_tenant_actions;
mod mock_tenant_events;
mod mock_tenant_exceptions;
mod mock_tenant_feed;
mod mock_tenant_search;
mod mock_tenant_traffic;
mod read_only_driver;
mod support;
