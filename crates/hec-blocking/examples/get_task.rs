//! Prints the status of one task.
//!
//! ```text
//! HEC_REGION=eu HEC_CLIENT_ID=... HEC_ACCESS_KEY=... cargo run -p hec-blocking --example get_task -- <TASK_ID>
//! ```
//! `HEC_BASE_URL` may replace `HEC_REGION` (for a proxy, or `hec mock serve`).

use std::error::Error;

use hec_blocking::{Client, ClientConfig};

fn main() -> Result<(), Box<dyn Error>> {
    let id = std::env::args().nth(1).ok_or("usage: get_task <TASK_ID>")?.parse()?;
    let config = ClientConfig::from_env_vars(|name| std::env::var(name).ok())?;
    let client = Client::from_config(config)?;
    let answer = client.get_task(&id)?;
    let task = &answer.task;
    println!(
        "{id}: {} (progress {} of {})",
        task.status.as_ref().map_or("unknown", |s| s.as_str()),
        task.progress.unwrap_or(0),
        task.total.unwrap_or(0)
    );
    for action in task.actions() {
        println!(
            "  {}: {} {}",
            action.id.as_deref().unwrap_or("-"),
            action.status.as_ref().map_or("unknown", |s| s.as_str()),
            action.message.as_deref().unwrap_or("")
        );
    }
    Ok(())
}
