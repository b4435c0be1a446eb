//! Editing: the draft of header and payload, quick claim actions, presets, re-signing.

use crate::app::session::Session;
use crate::jose::keys::Key;

impl Session {
    /// Checks the edited texts and, when both are JSON, encodes them (re-signing when asked)
    /// into the token being inspected. While one is broken the token stays as it was. When
    /// the draft cannot be signed (no key fits its alg), the old signature is kept and the
    /// editor says why: the verdict then shows what tampering does (the signature no longer
    /// matches), not an empty signature segment.
    pub(super) fn reencode(&mut self, sign: bool) {
        use crate::jose::draft::{self, Signing};
        if !self.check_edit() {
            return;
        }
        if sign {
            self.fit_signer();
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
            .unwrap_or_default()
            .to_owned();
        let keep = Signing::Keep(&old_signature);
        let (mut token, mut problem) = if sign {
            let signer = match (edit.signer, &self.secret_key) {
                (Some(index), _) => self.keys.get(index),
                (None, Some(secret)) => Some(secret),
                (None, None) if self.inputs.secret.is_empty() => empty.as_ref(),
                (None, None) => None,
            };
            draft::encode(&edit.header, &edit.payload, Signing::With(signer))
        } else {
            // Not re-signing: keep the old signature (the token no longer verifies: a tampering demo).
            draft::encode(&edit.header, &edit.payload, keep)
        };
        if let Some(why) = problem.take() {
            if old_signature.is_empty() {
                problem = Some(why);
            } else {
                token = draft::encode(&edit.header, &edit.payload, keep).0;
                problem =
                    Some(format!("not re-signed ({why}): the old signature was kept, so the token no longer verifies"));
            }
        }
        if let Some(edit) = self.inputs.edit.as_mut() {
            edit.sign_error = problem;
        }
        self.inputs.token = token;
        self.selected = 0;
        // A pinned member's index described the old payload.
        self.pinned = None;
        self.dirty = true;
    }

    /// When the chosen signer cannot sign the draft's alg (it was changed), picks the first
    /// loaded key that can (or the secret field for HMAC), and says so.
    fn fit_signer(&mut self) {
        use crate::jose::alg::{AlgHeader, Family};
        use crate::jose::sign::can_sign;
        let Some(edit) = self.inputs.edit.as_mut() else { return };
        let header = crate::jose::json::parse(&edit.header).ok();
        let AlgHeader::Known(alg) = AlgHeader::from_header(header.as_ref().and_then(|h| h.get("alg"))) else {
            return;
        };
        let hmac = alg.family() == Family::Hmac;
        let fits = |index: Option<usize>| match index {
            Some(i) => self.keys.get(i).is_some_and(|k| can_sign(k, alg)),
            None => hmac,
        };
        if fits(edit.signer) {
            return;
        }
        let fitting = self.keys.iter().position(|k| can_sign(k, alg));
        let choice = if fitting.is_none() && hmac { None } else { fitting };
        if fits(choice) {
            edit.signer = choice;
            let name =
                choice.and_then(|i| self.keys.get(i)).map_or_else(|| "the HMAC secret field".to_owned(), Key::label);
            self.note = format!("signing with {name}: the key that fits {alg}");
        }
    }

    /// What the last preset made, while the token is still the one it made (an edit after
    /// it, or a new token, and the note no longer describes what is on screen).
    pub fn preset_note(&self) -> Option<String> {
        let edit = self.inputs.edit.as_ref()?;
        let (preset, token) = edit.preset.as_ref()?;
        if *token != self.inputs.token {
            return None;
        }
        let mut note = format!("{}: {}", preset.label(), preset.explanation());
        if !edit.auto_sign {
            note.push_str(" Re-signing is off so the forged token stays as made: tick “re-sign on every edit” to sign edits again.");
        }
        Some(note)
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
        let signing = if self.inputs.edit.as_ref().is_some_and(|e| e.signer.is_some()) {
            "re-signed with the key chosen under Sign"
        } else {
            "re-signed with the HMAC secret field"
        };
        self.note = format!("editing: each edit re-encodes the token, {signing}");
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
                    state.preset = Some((preset.clone(), applied.token.clone()));
                    // The preset's token is shown as made, so edits keep its signature (the
                    // note says so, and how to turn re-signing back on).
                    state.auto_sign = false;
                }
                self.inputs.token = applied.token;
                self.selected = 0;
                self.dirty = true;
                // The last note (e.g. about the demo) described the token before.
                self.note = format!("applied the tester preset {}", preset.label());
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
