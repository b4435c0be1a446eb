//! Editing: the draft of header and payload, quick claim actions, presets, re-signing.

use crate::app::session::Session;

impl Session {
    /// Checks the edited texts and, when both are JSON, encodes them (re-signing when asked)
    /// into the token being inspected. While one is broken the token stays as it was.
    pub(super) fn reencode(&mut self, sign: bool) {
        use crate::jose::draft::{self, Signing};
        if !self.check_edit() {
            return;
        }
        let Some(edit) = self.inputs.edit.as_ref() else { return };
        // An empty secret field signs with the empty secret (attack demos).
        let empty =
            crate::jose::keys::secret_from_text("", crate::jose::keys::SecretEncoding::Utf8, "the empty secret").ok();
        let old_signature = self
            .inspection
            .token
            .as_ref()
            .and_then(|t| t.segment_text(crate::jose::token::SegmentRole::Signature))
            .unwrap_or_default();
        let signing = if sign {
            Signing::With(match (edit.signer, &self.secret_key) {
                (Some(index), _) => self.keys.get(index),
                (None, Some(secret)) => Some(secret),
                (None, None) if self.inputs.secret.is_empty() => empty.as_ref(),
                (None, None) => None,
            })
        } else {
            // Not re-signing: keep the old signature (the token no longer verifies: a tampering demo).
            Signing::Keep(old_signature)
        };
        let (token, problem) = draft::encode(&edit.header, &edit.payload, signing);
        if let Some(edit) = self.inputs.edit.as_mut() {
            edit.sign_error = problem;
        }
        self.inputs.token = token;
        self.selected = 0;
        self.dirty = true;
    }

    /// Records why the edited texts are not JSON; true when both are.
    pub(super) fn check_edit(&mut self) -> bool {
        let Some(edit) = self.inputs.edit.as_mut() else { return false };
        let errors = crate::jose::draft::check(&edit.header, &edit.payload);
        edit.header_error = errors.header.as_ref().map(ToString::to_string);
        edit.payload_error = errors.payload.as_ref().map(ToString::to_string);
        errors.is_empty()
    }

    pub(super) fn start_editing(&mut self) {
        let token = self.inspection.token.as_ref();
        let text = |content: Option<&crate::jose::token::Content>, default: &str| {
            content.and_then(crate::jose::token::Content::text).map_or_else(|| default.to_owned(), str::to_owned)
        };
        let header = text(token.and_then(|t| t.header.as_ref()), r#"{"alg":"HS256","typ":"JWT"}"#);
        let payload = text(token.and_then(|t| t.payload.as_ref()), "{}");
        let alg = self.inspection.alg.known();
        // Sign with a loaded private key that fits, else the secret field.
        let signer = alg.and_then(|alg| self.keys.iter().position(|k| crate::jose::sign::can_sign(k, alg)));
        self.inputs.edit = Some(crate::app::settings::EditState {
            header,
            payload,
            signer,
            auto_sign: true,
            custom_minutes: 15,
            preset_url: "https://attacker.example/.well-known/jwks.json".to_owned(),
            ..Default::default()
        });
        // The token and the text around it stay as they are until the first edit.
        self.check_edit();
    }

    /// Whether edits re-sign (the editor's checkbox).
    pub(super) fn auto_sign(&self) -> bool {
        self.inputs.edit.as_ref().is_some_and(|e| e.auto_sign)
    }

    pub(super) fn edit_action(&mut self, action: crate::app::command::EditAction) {
        use crate::app::command::EditAction;
        use crate::jose::edit;
        let now = self.clock.now().timestamp();
        let Some(state) = self.inputs.edit.as_mut() else { return };
        let result = match action {
            EditAction::Header(text) => {
                state.header = text;
                Ok(())
            }
            EditAction::Payload(text) => {
                state.payload = text;
                Ok(())
            }
            EditAction::SetAutoSign(on) => {
                state.auto_sign = on;
                Ok(())
            }
            EditAction::SetCustomMinutes(minutes) => {
                state.custom_minutes = minutes.clamp(-525_600, 5_256_000);
                return;
            }
            EditAction::SetPresetUrl(url) => {
                state.preset_url = url;
                return;
            }
            EditAction::SetTime { claim, from_now } => {
                edit::set_member(&state.payload, claim, &(now + from_now).to_string()).map(|t| state.payload = t)
            }
            EditAction::RemoveClaim(name) => edit::remove_member(&state.payload, &name).map(|t| state.payload = t),
            EditAction::AddClaim(name) => {
                let value = edit::default_value(&name, now);
                edit::set_member(&state.payload, &name, &value).map(|t| state.payload = t)
            }
            EditAction::SetAlg(alg) => {
                let value = serde_json::to_string(&alg).unwrap_or_default();
                edit::set_member(&state.header, "alg", &value).map(|t| state.header = t)
            }
            EditAction::Compact => edit::compact(&state.header).and_then(|h| {
                let p = edit::compact(&state.payload)?;
                state.header = h;
                state.payload = p;
                Ok(())
            }),
            EditAction::SetSigner(signer) => {
                state.signer = signer;
                Ok(())
            }
        };
        match result {
            Ok(()) => self.reencode(self.auto_sign()),
            Err(error) => self.note = format!("✖ fix the JSON first: {error}"),
        }
    }

    pub(super) fn apply_preset(&mut self, preset: &crate::jose::presets::Preset) {
        let Some(state) = self.inputs.edit.as_ref() else { return };
        let signer = match state.signer {
            Some(index) => self.keys.get(index),
            None => self.secret_key.as_ref(),
        };
        match crate::jose::presets::apply(preset, &state.header, &state.payload, signer, &self.keys) {
            Ok(applied) => {
                if let Some(state) = self.inputs.edit.as_mut() {
                    state.header = applied.header_text;
                    state.preset_note = Some(format!("{}: {}", preset.label(), preset.explanation()));
                    // The preset's token is shown as made: editing re-signs only on the next edit.
                    state.auto_sign = false;
                }
                self.inputs.token = applied.token;
                self.selected = 0;
                self.dirty = true;
                if let Some(generated) = applied.generated {
                    self.note = "the preset signed with a freshly generated key: its exports are under Generate a key"
                        .to_owned();
                    self.generated = Some(generated);
                }
            }
            Err(error) => self.note = format!("✖ {}: {error}", preset.label()),
        }
    }
}
