//! Prints the status of one task.
//!
//! ```text
//! HEC_REGION=eu HEC_CLIENT_ID=… HEC_ACCESS_KEY=… cargo run -p hec-async --example async_get_task -- 1691529376887109
//! ```
//!
//! `HEC_BASE_URL` may replace `HEC_REGION` (for a proxy or a test gateway).

use std::env;
use std::error::Error;

use hec_async::{Client, ClientConfig, TaskId};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn Error>> {
    let id: TaskId = env::args().nth(1).ok_or("usage: async_get_task <task id>")?.parse()?;
    let config = ClientConfig::from_env_vars(|name| env::var(name).ok())?;
    let client = Client::from_config(config)?;
    let answer = client.get_task(&id).await?;
    let task = &answer.task;
    let status = task.status.as_ref().map_or("unknown", |status| status.as_str());
    println!("task {id}: {status} (progress {:?} of {:?})", task.progress, task.total);
    Ok(())
}
