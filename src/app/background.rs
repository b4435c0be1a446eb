//! The app's worker threads: what the session asks for as [`Effect`](crate::app::Effect)s
//! that take time (a large inspection, the known-secret search, the weak-secret search) runs
//! here, and each result goes back to the session through its method. The session never sees
//! a thread.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};

use crate::app::command::Command;
use crate::app::session::{BackgroundInspection, Effect, Session};
use crate::inspection::Inspection;
use crate::jose::alg::Algorithm;
use crate::jose::keys::Key;
use crate::jose::secrets::{self, CrackOutcome};

/// A weak-secret search on a worker thread: progress and cancellation are shared atomics.
struct CrackJob {
    tried: Arc<AtomicUsize>,
    cancel: Arc<AtomicBool>,
    total: usize,
    result: Receiver<CrackOutcome>,
}

/// The jobs running now.
#[derive(Default)]
pub struct Background {
    /// The weak-secret search, if one runs.
    crack: Option<CrackJob>,
    /// The automatic known-secret search: (fingerprint, result).
    known_search: Option<(u64, Receiver<Option<Key>>)>,
    /// Background inspections of large inputs; the session keeps only the newest.
    inspections: Vec<Receiver<(u64, Inspection, u64)>>,
}

/// Runs `work` on a named thread and repaints when it is done; the error if no thread starts.
fn spawn<T: Send + 'static>(
    name: &str,
    ctx: &egui::Context,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<Receiver<T>, std::io::Error> {
    let (sender, result) = mpsc::channel();
    let ctx = ctx.clone();
    std::thread::Builder::new().name(name.to_owned()).spawn(move || {
        // The receiver is gone when the app closed or a newer job won: nothing to tell then.
        let _ = sender.send(work());
        ctx.request_repaint();
    })?;
    Ok(result)
}

impl Background {
    /// (tried, total) while the weak-secret search runs.
    pub fn crack_progress(&self) -> Option<(usize, usize)> {
        self.crack.as_ref().map(|job| (job.tried.load(Ordering::Relaxed), job.total))
    }

    /// Whether the known-secret list is being searched.
    pub fn searching_known_secret(&self) -> bool {
        self.known_search.is_some()
    }

    /// Inspects a large input off the UI thread. Returns why no thread started, if none did.
    pub fn inspect(&mut self, ctx: &egui::Context, job: Box<BackgroundInspection>) -> Result<(), std::io::Error> {
        self.inspections.push(spawn("inspection", ctx, move || job.run())?);
        Ok(())
    }

    /// Searches the built-in known secrets for the MAC of `signing_input`.
    pub fn search_known(
        &mut self,
        ctx: &egui::Context,
        session: &mut Session,
        fingerprint: u64,
        (alg, signing_input, signature): (Algorithm, Vec<u8>, Vec<u8>),
    ) {
        match spawn("known-secrets", ctx, move || secrets::find_known(alg, &signing_input, &signature)) {
            Ok(result) => self.known_search = Some((fingerprint, result)),
            // No thread: the search is over before it began (nothing found).
            Err(_) => session.known_searched(fingerprint, None),
        }
    }

    /// Starts the weak-secret search: the built-in list, then `wordlist`.
    pub fn start_crack(
        &mut self,
        ctx: &egui::Context,
        session: &mut Session,
        (alg, input, signature): (Algorithm, Vec<u8>, Vec<u8>),
        wordlist: Vec<u8>,
    ) -> Vec<Effect> {
        let mut effects = Vec::new();
        let total = secrets::candidates(&wordlist).count();
        let tried = Arc::new(AtomicUsize::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (progress, stop, repaint) = (tried.clone(), cancel.clone(), ctx.clone());
        let result = spawn("weak-secret", ctx, move || {
            secrets::crack(alg, &input, &signature, secrets::candidates(&wordlist), |n| {
                progress.store(n, Ordering::Relaxed);
                repaint.request_repaint();
                !stop.load(Ordering::Relaxed)
            })
        });
        match result {
            Ok(result) => self.crack = Some(CrackJob { tried, cancel, total, result }),
            Err(error) => {
                let note = format!("✖ cannot start the weak-secret search: {error}");
                effects.extend(session.apply(Command::Notify(note)));
            }
        }
        effects
    }

    /// Asks the weak-secret search to stop (it reports how far it got).
    pub fn cancel_crack(&self) {
        if let Some(job) = &self.crack {
            job.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// Hands finished jobs to the session. A job whose thread died without an answer is
    /// finished too (a search that says it is running forever would be a lie); the effects
    /// the session asks for in return are for the app to carry out.
    pub fn poll(&mut self, session: &mut Session) -> Vec<Effect> {
        let mut effects = Vec::new();
        if let Some(job) = &self.crack {
            match job.result.try_recv() {
                Ok(outcome) => {
                    self.crack = None;
                    session.crack_finished(outcome);
                }
                Err(TryRecvError::Disconnected) => {
                    self.crack = None;
                    let note = "✖ the weak-secret search stopped without an answer".to_owned();
                    effects.extend(session.apply(Command::Notify(note)));
                }
                Err(TryRecvError::Empty) => {}
            }
        }
        if let Some((fingerprint, result)) = &self.known_search {
            let fingerprint = *fingerprint;
            match result.try_recv() {
                Ok(found) => {
                    self.known_search = None;
                    session.known_searched(fingerprint, found);
                }
                Err(TryRecvError::Disconnected) => {
                    self.known_search = None;
                    session.known_searched(fingerprint, None);
                }
                Err(TryRecvError::Empty) => {}
            }
        }
        let mut finished = Vec::new();
        self.inspections.retain(|result| match result.try_recv() {
            Ok(done) => {
                finished.push(done);
                false
            }
            Err(TryRecvError::Empty) => true,
            Err(TryRecvError::Disconnected) => false,
        });
        for (generation, inspection, fingerprint) in finished {
            session.inspected(generation, inspection, fingerprint);
        }
        effects
    }
}
