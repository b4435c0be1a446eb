//! The workbench's panes. Each is a plain struct with a `ui` function that draws the
//! current `Inspection` and pushes `Command`s; none of them decides a verdict.

pub mod decoded;
pub mod edit;
pub mod encoded;
pub mod findings;
pub mod signature;
pub mod status;
pub mod timeline;
pub mod verdict;

use chrono::{DateTime, Local, Utc};

use crate::app::command::{Command, Highlight};
use crate::app::session::Session;
use crate::app::settings::{Inputs, UiSettings};
use crate::app::theme::Palette;
use crate::inspection::Inspection;
use crate::jose::keys::Key;

/// What every pane may read during one frame (the session's state, read-only), and where
/// it sends what the user did: panes change nothing themselves.
pub struct Cx<'a> {
    /// The inspection shown.
    pub inspection: &'a Inspection,
    /// What the user typed into the fields.
    pub inputs: &'a Inputs,
    /// Every key the inspection used: loaded keys, then the secret field's.
    pub keys: &'a [Key],
    /// Indices into `keys` of bundled demo keys (shown as public demo material).
    pub demo_keys: &'a [usize],
    /// The persisted settings.
    pub settings: &'a UiSettings,
    /// The member highlighted by hover or by a clicked finding.
    pub highlight: Option<&'a Highlight>,
    /// Colours for the current theme.
    pub palette: &'static Palette,
    /// The clock's time (the timeline's evaluation time may differ).
    pub clock: DateTime<Utc>,
    /// Whether the timeline is evaluated at a dragged instant rather than now.
    pub evaluating_elsewhere: bool,
    /// Why no file dialog can be shown, if none can.
    pub dialog_unavailable: Option<&'a str>,
    /// What the user did this frame, applied by the session after the panes are drawn.
    pub commands: &'a mut Vec<Command>,
    /// The last generated key, for its exports.
    pub generated: Option<&'a crate::jose::keygen::Generated>,
    /// (tried, total) while the weak-secret search runs.
    pub crack_progress: Option<(usize, usize)>,
    /// How the last weak-secret search ended.
    pub crack_result: Option<&'a (crate::present::Tone, String)>,
    /// Key inputs that could not be used, and why (shown beside the key list).
    pub unusable_keys: &'a [crate::jose::keys::UnusableKey],
    /// Whether the built-in list of known secrets is being searched for this token.
    pub known_secret_search: bool,
    /// The size of the input being inspected off the UI thread, while it is; the
    /// inspection shown is of the previous input until then.
    pub inspecting: Option<usize>,
    /// [`crate::app::session::fingerprint`] of the text the inspection was made from.
    pub inspected_fingerprint: u64,
    /// What the last preset made, while the token is the one it made.
    pub preset_note: Option<String>,
    /// The secret the weak-secret search found.
    pub crack_secret: Option<&'a str>,
    /// The input text the inspection was made from, when it is the input as it is now.
    pub inspected_text: Option<&'a str>,
}

impl<'a> Cx<'a> {
    /// The view of `session` for this frame.
    pub fn new(session: &'a Session, palette: &'static Palette, commands: &'a mut Vec<Command>) -> Self {
        Self {
            inspection: session.inspection(),
            inputs: session.inputs(),
            keys: session.inspection_keys(),
            demo_keys: session.demo_keys(),
            settings: session.settings(),
            highlight: session.highlight(),
            palette,
            clock: session.clock_now(),
            evaluating_elsewhere: session.evaluate_at().is_some(),
            dialog_unavailable: None,
            commands,
            generated: session.generated(),
            crack_progress: None,
            crack_result: session.crack_result(),
            unusable_keys: session.unusable_keys(),
            known_secret_search: false,
            inspecting: session.inspecting(),
            inspected_fingerprint: session.inspected_fingerprint(),
            preset_note: session.preset_note(),
            crack_secret: session.crack_secret(),
            inspected_text: session.inspection_is_current().then_some(session.input()),
        }
    }
}

/// "1.3 MB", "300 KB": a size for people.
pub fn size_text(bytes: usize) -> String {
    #[allow(clippy::cast_precision_loss, reason = "a size for people")]
    let bytes = bytes as f64;
    if bytes >= 1e6 { format!("{:.1} MB", bytes / 1e6) } else { format!("{:.0} KB", bytes / 1e3) }
}

impl Cx<'_> {
    /// A date as the user chose to see it: UTC or local.
    pub fn format_date(&self, date: DateTime<Utc>) -> String {
        if self.settings.local_time {
            date.with_timezone(&Local).format("%Y-%m-%d %H:%M:%S %:z").to_string()
        } else {
            date.format("%Y-%m-%d %H:%M:%S UTC").to_string()
        }
    }
}

/// A small "copy" button that puts `text` on the clipboard.
pub fn copy_button(ui: &mut egui::Ui, what: &str, text: impl FnOnce() -> Option<String>, commands: &mut Vec<Command>) {
    if ui.small_button("Copy").on_hover_text(format!("Copy {what}")).clicked()
        && let Some(text) = text()
    {
        commands.push(Command::CopyText { what: what.to_owned(), text });
    }
}

/// Monospace text that may break anywhere (base64, hex, thumbprints have no spaces, and
/// an unbreakable line would push its pane wider every frame).
pub fn code_label(ui: &mut egui::Ui, text: &str, color: egui::Color32, small: bool) -> egui::Response {
    let mut font = egui::TextStyle::Monospace.resolve(ui.style());
    if small {
        font.size *= 0.85;
    }
    let mut job = egui::text::LayoutJob::single_section(text.to_owned(), egui::TextFormat::simple(font, color));
    job.wrap = egui::text::TextWrapping { max_width: ui.available_width(), break_anywhere: true, ..Default::default() };
    ui.add(egui::Label::new(job).wrap())
}
