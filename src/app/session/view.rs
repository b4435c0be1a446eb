//! What the panes and tests read: the session's state, read-only.

use chrono::{DateTime, Utc};

use crate::app::command::Highlight;
use crate::app::session::{Session, member_span};
use crate::app::settings::{EditState, Inputs, UiSettings};
use crate::inspection::{EncodedRange, Inspection};
use crate::jose::keys::{Key, UnusableKey};
use crate::present::Tone;

impl Session {
    /// Indices into the loaded keys of the bundled demo keys.
    pub fn demo_keys(&self) -> &[usize] {
        &self.demo_keys
    }

    /// The clock's time (not the dragged "evaluate at").
    pub fn clock_now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The instant dragged on the timeline to evaluate at, if any (`None`: now).
    pub fn evaluate_at(&self) -> Option<i64> {
        self.evaluate_at
    }

    /// The last generated key, for its exports.
    pub fn generated(&self) -> Option<&crate::jose::keygen::Generated> {
        self.generated.as_ref()
    }

    /// How the last weak-secret search ended.
    pub fn crack_result(&self) -> Option<&(Tone, String)> {
        self.crack_result.as_ref()
    }

    /// The secret the last weak-secret search found (already loaded as a key; the editor may
    /// want it in the secret field, which the user asks for).
    pub fn crack_secret(&self) -> Option<&str> {
        self.crack_secret.as_deref()
    }

    /// The fingerprint of the text the shown inspection was made from.
    pub fn inspected_fingerprint(&self) -> u64 {
        self.inspected_fingerprint
    }

    /// Forgets the hovered member (the app does so before each frame's commands, so a
    /// highlight ends when the pointer leaves); returns what was hovered.
    pub fn take_hover(&mut self) -> Option<Highlight> {
        self.hover.take()
    }

    /// The member hovered in the last frame.
    pub fn hover(&self) -> Option<&Highlight> {
        self.hover.as_ref()
    }

    /// Key inputs that could not be used, with why.
    pub fn unusable_keys(&self) -> &[UnusableKey] {
        &self.unusable_keys
    }

    /// The status line's note.
    pub fn note(&self) -> &str {
        &self.note
    }

    /// What the secret field holds, as typed.
    pub fn secret_text(&self) -> &str {
        &self.inputs.secret
    }

    /// The editor's state, while editing.
    pub fn edit_state(&self) -> Option<&EditState> {
        self.inputs.edit.as_ref()
    }

    /// What the user typed into the fields, as typed.
    pub fn inputs(&self) -> &Inputs {
        &self.inputs
    }

    /// The inspection of the current input.
    pub fn inspection(&self) -> &Inspection {
        &self.inspection
    }

    /// The token editor's text.
    pub fn input(&self) -> &str {
        &self.inputs.token
    }

    /// Every key the inspection used: loaded keys, then the secret field's.
    pub fn inspection_keys(&self) -> &[Key] {
        &self.all_keys
    }

    /// The UI settings (persisted between runs).
    pub fn settings(&self) -> &UiSettings {
        &self.settings
    }

    /// The member highlighted now (by hover, or by a clicked finding).
    pub fn highlight(&self) -> Option<&Highlight> {
        self.hover.as_ref().or(self.pinned.as_ref())
    }

    /// The input characters painted as carrying the highlighted member.
    pub fn highlighted_input(&self) -> Vec<EncodedRange> {
        self.highlight()
            .and_then(|h| member_span(&self.inspection, h).map(|span| self.inspection.encoded_ranges(h.part, span)))
            .unwrap_or_default()
    }

    /// Whether the inspection shown was made from the input as it is now (not while a large
    /// input is inspected in the background, nor between an edit and the rebuild).
    pub fn inspection_is_current(&self) -> bool {
        !self.dirty && self.pending.is_none()
    }
}
