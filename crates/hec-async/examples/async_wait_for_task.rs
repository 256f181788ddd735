//! Waits for a task to finish, printing every change of status or progress (for the same as a
//! `Stream`, see `Client::wait_for_task_stream`).
//!
//! ```text
//! HEC_REGION=eu HEC_CLIENT_ID=… HEC_ACCESS_KEY=… cargo run -p hec-async --example async_wait_for_task -- 1691529376887109
//! ```
//!
//! `HEC_BASE_URL` may replace `HEC_REGION` (for a proxy or a test gateway).

use std::env;
use std::error::Error;

use hec_async::{Client, ClientConfig, TaskId};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn Error>> {
    let id: TaskId = env::args().nth(1).ok_or("usage: async_wait_for_task <task id>")?.parse()?;
    let config = ClientConfig::from_env_vars(|name| env::var(name).ok())?;
    let client = Client::from_config(config)?;
    let task = client
        .wait_for_task(&id, |update| {
            let task = &update.task;
            let status = task.status.as_ref().map_or("unknown", |status| status.as_str());
            let paused = if update.is_paused() { " (paused: waiting goes on)" } else { "" };
            println!(
                "{:>6.1}s  poll {:>3}  {status}{paused}  progress {:?} of {:?}",
                update.elapsed.as_secs_f64(),
                update.polls,
                task.progress,
                task.total
            );
        })
        .await?;
    let status = task.status.as_ref().map_or("unknown", |status| status.as_str());
    println!("task {id} ended: {status} ({:?} succeeded, {:?} failed)", task.succeed, task.failed);
    Ok(())
}
