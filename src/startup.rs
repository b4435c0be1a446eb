//! What the desktop app opens on: read by the command line (which reads the files), handed
//! to the app (which reads none). Here, not in `cli` or `app`, so neither imports the other.

/// What the desktop app opens on, read by the CLI (files are read here, not in the app).
#[derive(Debug, Default)]
pub struct Startup {
    pub token: Option<String>,
    /// (file name, bytes) of each key file.
    pub keys: Vec<(String, Vec<u8>)>,
    pub presenter: bool,
    /// When the process started (for `--report-startup`).
    pub started: Option<std::time::Instant>,
    pub report_startup: bool,
    pub exit_after: Option<std::time::Duration>,
}
