//! Waits for a task to finish, printing every change of status or progress.
//!
//! ```text
//! HEC_REGION=eu HEC_CLIENT_ID=... HEC_ACCESS_KEY=... cargo run -p hec-blocking --example wait_for_task -- <TASK_ID>
//! ```
//! `HEC_BASE_URL` may replace `HEC_REGION` (for a proxy, or `hec mock serve`).

use std::error::Error;

use hec_blocking::{Client, ClientConfig};

fn main() -> Result<(), Box<dyn Error>> {
    let id = std::env::args().nth(1).ok_or("usage: wait_for_task <TASK_ID>")?.parse()?;
    let config = ClientConfig::from_env_vars(|name| std::env::var(name).ok())?;
    let client = Client::from_config(config)?;
    let task = client.wait_for_task(&id, |update| {
        let task = &update.task;
        let note = if update.is_paused() { " (paused: waiting until it resumes)" } else { "" };
        println!(
            "{:>6.1?} {} {}/{}{note}",
            update.elapsed,
            task.status.as_ref().map_or("unknown", |s| s.as_str()),
            task.progress.unwrap_or(0),
            task.total.unwrap_or(0)
        );
    })?;
    println!("finished: {}", task.status.as_ref().map_or("unknown", |s| s.as_str()));
    Ok(())
}
