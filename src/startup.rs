//! What the desktop app opens on: read by the command line (which reads the files), handed
//! to the app (which reads none). Here, not in `cli` or `app`, so neither imports the other.

/// What the desktop app opens on, read by the CLI (files are read here, not in the app).
#[derive(Debug, Default)]
pub struct Startup {
    /// The token text to open, already read from the argument, a file or stdin; with neither
    /// a token nor keys the app opens on the demo.
    pub token: Option<String>,
    /// (file name, bytes) of each key file.
    pub keys: Vec<(String, Vec<u8>)>,
    /// Start in presenter mode (large fonts).
    pub presenter: bool,
    /// When the process started (for `--report-startup`).
    pub started: Option<std::time::Instant>,
    /// Print the time from process start to the first frame on stderr (`--report-startup`).
    pub report_startup: bool,
    /// Close the window after this long (`--exit-after`, for benchmarks and smoke tests).
    pub exit_after: Option<std::time::Duration>,
}
