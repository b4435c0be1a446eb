//! The app's state that is not derived: what the user typed (never persisted) and the UI
//! settings (persisted between runs with eframe's storage: never tokens, keys or secrets).

use crate::app::command::ThemeChoice;
use crate::inspection::Settings;
use crate::jose::keys::SecretEncoding;

/// Text the user typed into the workbench's fields. Never written to disk.
#[derive(Default)]
pub struct Inputs {
    pub token: String,
    pub secret: String,
    pub secret_encoding: SecretEncoding,
    pub secret_visible: bool,
    /// Why the secret could not be read in its encoding, if it could not.
    pub secret_error: Option<String>,
    pub key_paste: String,
    /// The editor's state while editing.
    pub edit: Option<EditState>,
}

/// The header and payload being edited, as typed (never re-serialised unless asked).
#[derive(Clone, Debug, Default)]
pub struct EditState {
    pub header: String,
    pub payload: String,
    /// Why the header / payload is not JSON, with line and column.
    pub header_error: Option<String>,
    pub payload_error: Option<String>,
    /// The key to sign with: an index into the loaded keys, or `None` for the secret field.
    pub signer: Option<usize>,
    /// Re-sign on every edit (otherwise the old signature is kept, as a tampering demo).
    pub auto_sign: bool,
    pub sign_error: Option<String>,
    /// What the last preset simulates.
    pub preset_note: Option<String>,
    /// Minutes for the "exp = now + N min" action.
    pub custom_minutes: i64,
    /// The URL the jku / x5u presets point at (never fetched).
    pub preset_url: String,
}

/// Persisted settings: layout, theme, presentation, inspection options.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct UiSettings {
    pub theme: ThemeChoice,
    /// Large fonts for teaching (F11).
    pub presenter: bool,
    /// Zoom factor chosen with Ctrl+= / Ctrl+- (presenter mode multiplies it).
    pub zoom: f32,
    /// Show dates in local time instead of UTC.
    pub local_time: bool,
    /// Leeway and expectations.
    pub inspection: Settings,
    /// The "allowed algorithms" field as typed.
    pub algorithms_text: String,
    /// Pane sizes as fractions of the window (so zoom and presenter mode never squeeze
    /// the decoded pane out of sight).
    pub encoded_fraction: f32,
    pub signature_fraction: f32,
    pub bottom_fraction: f32,
    pub findings_fraction: f32,
}

impl Default for UiSettings {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::System,
            presenter: false,
            zoom: 1.0,
            local_time: false,
            inspection: Settings::default(),
            algorithms_text: String::new(),
            encoded_fraction: 0.31,
            signature_fraction: 0.29,
            bottom_fraction: 0.26,
            findings_fraction: 0.38,
        }
    }
}

impl UiSettings {
    /// Records where the user dragged a pane edge.
    pub fn resize(&mut self, edge: crate::app::command::PaneEdge, fraction: f32) {
        use crate::app::command::PaneEdge;
        let fraction = if fraction.is_finite() { fraction.clamp(0.05, 0.95) } else { return };
        match edge {
            PaneEdge::Encoded => self.encoded_fraction = fraction,
            PaneEdge::Signature => self.signature_fraction = fraction,
            PaneEdge::Bottom => self.bottom_fraction = fraction,
            PaneEdge::Findings => self.findings_fraction = fraction,
        }
    }
}

/// Key under which eframe stores the settings.
pub const STORAGE_KEY: &str = "jwt-inspector-settings";

/// Presenter mode enlarges everything by this much.
pub const PRESENTER_SCALE: f32 = 1.5;
