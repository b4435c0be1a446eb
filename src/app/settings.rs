//! The app's state that is not derived: what the user typed (never persisted) and the UI
//! settings (persisted between runs with eframe's storage: never tokens, keys or secrets).

use crate::app::command::ThemeChoice;
use crate::inspection::Settings;
use crate::jose::keys::SecretEncoding;

/// Text the user typed into the workbench's fields. Never written to disk.
#[derive(Default)]
pub struct Inputs {
    /// The token editor's text: a token, or any text holding one or several.
    pub token: String,
    /// The HMAC secret field's text.
    pub secret: String,
    /// How the secret's text is read into bytes.
    pub secret_encoding: SecretEncoding,
    /// Show the secret's characters instead of dots.
    pub secret_visible: bool,
    /// Why the secret could not be read in its encoding, if it could not.
    pub secret_error: Option<String>,
    /// The key paste box's text (kept when it does not load).
    pub key_paste: String,
    /// The editor's state while editing.
    pub edit: Option<EditState>,
}

/// The header and payload being edited, as typed (never re-serialised unless asked).
#[derive(Clone, Debug, Default)]
pub struct EditState {
    /// The header's JSON text.
    pub header: String,
    /// The payload's JSON text.
    pub payload: String,
    /// Why the header is not JSON, with line and column.
    pub header_error: Option<String>,
    /// Why the payload is not JSON, with line and column.
    pub payload_error: Option<String>,
    /// The key to sign with: an index into the loaded keys, or `None` for the secret field.
    pub signer: Option<usize>,
    /// Re-sign on every edit (otherwise the old signature is kept, as a tampering demo).
    pub auto_sign: bool,
    /// Why the last re-signing failed (the old signature was kept, if there was one).
    pub sign_error: Option<String>,
    /// The last preset applied, and the token it made (its note is shown while the token
    /// is still that one).
    pub preset: Option<(crate::jose::presets::Preset, String)>,
    /// Minutes for the "exp = now + N min" action.
    pub custom_minutes: i64,
    /// The URL the jku / x5u presets point at (never fetched).
    pub preset_url: String,
}

/// Persisted settings: layout, theme, presentation, inspection options.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct UiSettings {
    /// The colour scheme.
    pub theme: ThemeChoice,
    /// Large fonts for teaching (F11); saved as off, so the next start is normal.
    pub presenter: bool,
    /// Zoom factor chosen with Ctrl+= / Ctrl+- (presenter mode multiplies it).
    pub zoom: f32,
    /// Show dates in local time instead of UTC.
    pub local_time: bool,
    /// Leeway and expectations.
    pub inspection: Settings,
    /// The "allowed algorithms" field as typed.
    pub algorithms_text: String,
    /// The encoded pane's width as a fraction of the window's. Pane sizes are fractions so
    /// that zoom and presenter mode never squeeze the decoded pane out of sight.
    pub encoded_fraction: f32,
    /// The signature pane's width as a fraction of the window's.
    pub signature_fraction: f32,
    /// The timeline-and-findings band's height as a fraction of the space between the
    /// verdict line and the status bar.
    pub bottom_fraction: f32,
    /// The findings pane's width as a fraction of the window's.
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

/// Key under which the window's size is stored.
pub const WINDOW_KEY: &str = "jwt-inspector-window";

/// The window's size in points at zoom 1, so that zoom and presenter mode never change the
/// size the next start opens with (eframe's own record divides by the zoom of the moment,
/// and a quit in presenter mode shrank the window by 1.5 each time).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct WindowState {
    /// Inner size in points at zoom 1, while the window is neither maximized nor fullscreen.
    pub size: [f32; 2],
    /// The window was maximized or fullscreen (it opens maximized).
    pub maximized: bool,
}

impl WindowState {
    /// The smallest size the window opens with.
    pub const MIN: [f32; 2] = [900.0, 560.0];

    /// The state of a window whose inner size is `points` at `zoom`; `previous` keeps the
    /// normal size while maximized or fullscreen.
    pub fn observe(points: [f32; 2], zoom: f32, maximized: bool, previous: Option<Self>) -> Self {
        let size = match previous {
            Some(previous) if maximized => previous.size,
            _ => [points[0] * zoom, points[1] * zoom],
        };
        Self { size, maximized }
    }

    /// The size to open with: at least [`Self::MIN`], at most 16,000 points a side.
    pub fn opening_size(self) -> [f32; 2] {
        let side = |value: f32, min: f32| if value.is_finite() { value.clamp(min, 16_000.0) } else { min };
        [side(self.size[0], Self::MIN[0]), side(self.size[1], Self::MIN[1])]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::float_cmp, reason = "the sizes compared exactly are copied or clamped, never computed")]
    fn the_saved_window_size_does_not_depend_on_the_zoom() {
        // 1400×900 at zoom 1 is 933⅓×600 points at presenter zoom: both save 1400×900.
        let normal = WindowState::observe([1400.0, 900.0], 1.0, false, None);
        let presenter =
            WindowState::observe([1400.0 / PRESENTER_SCALE, 900.0 / PRESENTER_SCALE], PRESENTER_SCALE, false, None);
        assert_eq!(normal.size, [1400.0, 900.0]);
        assert!((presenter.size[0] - 1400.0).abs() < 0.01 && (presenter.size[1] - 900.0).abs() < 0.01);
        // Four starts and quits in presenter mode keep the size.
        let mut state = presenter;
        for _ in 0..4 {
            let [w, h] = state.opening_size();
            state =
                WindowState::observe([w / PRESENTER_SCALE, h / PRESENTER_SCALE], PRESENTER_SCALE, false, Some(state));
        }
        assert!((state.size[0] - 1400.0).abs() < 0.1, "{:?}", state.size);
        // Maximized keeps the normal size to come back to; absurd sizes open sanely.
        let maximized = WindowState::observe([3000.0, 2000.0], 1.0, true, Some(normal));
        assert_eq!((maximized.size, maximized.maximized), ([1400.0, 900.0], true));
        let absurd = WindowState { size: [f32::NAN, 1.0e9], maximized: false };
        assert_eq!(absurd.opening_size(), [900.0, 16_000.0]);
    }
}
