//! The HTTP plumbing: a thread with its own tokio runtime, accepting HTTP/1.1 connections on a
//! loopback port until it is told to stop.

use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use tokio::task::JoinSet;

use super::handler;
use super::state::Shared;

/// How long open connections get to finish their current response once the server is stopping.
const GRACE: Duration = Duration::from_millis(100);

/// The running server: its address, and how to stop it.
#[derive(Debug)]
pub(crate) struct Server {
    addr: SocketAddr,
    stop: watch::Sender<bool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    /// Binds `port` on 127.0.0.1 (0: an ephemeral one) and serves `shared` from a new thread,
    /// closing every connection that has not sent a whole request head within
    /// `header_read_timeout` of its start or of the end of its previous answer.
    pub(crate) fn start(
        shared: Arc<Shared>,
        worker_threads: usize,
        port: u16,
        header_read_timeout: Duration,
    ) -> io::Result<Server> {
        let runtime = if worker_threads <= 1 {
            tokio::runtime::Builder::new_current_thread().enable_io().enable_time().build()?
        } else {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(worker_threads)
                .thread_name("hec-mock-gateway-worker")
                .enable_io()
                .enable_time()
                .build()?
        };
        let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let listener = {
            let _context = runtime.enter();
            TcpListener::from_std(listener)?
        };
        let (stop, stopped) = watch::channel(false);
        let thread = std::thread::Builder::new().name("hec-mock-gateway".to_owned()).spawn(move || {
            runtime.block_on(serve(listener, shared, header_read_timeout, stopped));
            // Whatever is still running (a delayed answer, a dripping body) is dropped here.
            runtime.shutdown_timeout(GRACE);
        })?;
        Ok(Server { addr, stop, thread: Some(thread) })
    }

    /// The address the server listens on.
    pub(crate) fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
        if let Some(thread) = self.thread.take() {
            // A panic on the server thread has already been reported there; do not panic again.
            let _ = thread.join();
        }
    }
}

/// Accepts connections until `stopped`, then gives open ones a short grace and drops the rest.
async fn serve(
    listener: TcpListener,
    shared: Arc<Shared>,
    header_read_timeout: Duration,
    mut stopped: watch::Receiver<bool>,
) {
    let mut connections = JoinSet::new();
    let stop_signal = stopped.clone();
    loop {
        tokio::select! {
            _ = stopped.wait_for(|stop| *stop) => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    shared.lock().connections += 1;
                    let shared = Arc::clone(&shared);
                    connections.spawn(connection(stream, shared, header_read_timeout, stop_signal.clone()));
                }
                // Out of file descriptors or the like: wait a little rather than spin.
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(GRACE, async { while connections.join_next().await.is_some() {} }).await;
    connections.shutdown().await;
}

/// Serves one connection; on stop, finishes the response in flight (if it is quick) and closes.
/// A client that sends no whole request head within `header_read_timeout` (a slowloris one that
/// drips a byte at a time, or an idle one) has its connection closed without an answer.
async fn connection(
    stream: TcpStream,
    shared: Arc<Shared>,
    header_read_timeout: Duration,
    mut stopped: watch::Receiver<bool>,
) {
    let _ = stream.set_nodelay(true);
    let service = service_fn(move |request| handler::handle(Arc::clone(&shared), request));
    let connection = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(header_read_timeout)
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(connection);
    tokio::select! {
        _ = connection.as_mut() => return,
        _ = stopped.wait_for(|stop| *stop) => {}
    }
    connection.as_mut().graceful_shutdown();
    let _ = connection.await;
}
