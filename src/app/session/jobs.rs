//! Rebuilding the inspection, and the background work it needs: large inputs, the
//! automatic known-secret search and the weak-secret search, sent out as effects and taken
//! back through these methods.

use crate::app::session::{BACKGROUND_ABOVE, BackgroundInspection, Effect, Session};
use crate::inspection::{Inspection, Request};
use crate::jose::keys::{self, Key, Origin};
use crate::jose::secrets::CrackOutcome;
use crate::present::Tone;

impl Session {
    /// The weak-secret search of the current token's MAC, with `wordlist` after the built-in
    /// list, as an effect (it runs in the background).
    pub(super) fn start_crack(&mut self, wordlist: Vec<u8>) -> Option<Effect> {
        let (Some(token), Some(alg)) = (self.inspection.token.as_ref(), self.inspection.alg.known()) else {
            return None;
        };
        let (Some(input), Some(signature)) = (token.signing_input(), token.signature()) else { return None };
        self.crack_result = None;
        Some(Effect::StartCrack {
            alg,
            signing_input: input.as_bytes().to_vec(),
            signature: signature.to_vec(),
            wordlist,
        })
    }

    /// Collects a finished weak-secret search: a found secret is added to the keys (named as
    /// found), never written over the secret the user typed.
    pub fn crack_finished(&mut self, outcome: CrackOutcome) {
        self.crack_secret = None;
        self.crack_result = Some(match outcome {
            CrackOutcome::Found(secret) => {
                let text = String::from_utf8_lossy(&secret).into_owned();
                let known = crate::jose::secrets::is_known(&secret);
                let source = if known { "the built-in list of known secrets" } else { "the weak-secret search" };
                if let Ok(mut key) = keys::secret_from_text(&text, keys::SecretEncoding::Utf8, source) {
                    key.origin = if known { Origin::KnownSecret } else { Origin::Loaded };
                    self.add_key(key);
                }
                self.crack_secret = Some(text.clone());
                (Tone::Bad, format!("✖ weak secret: the token verifies with {text:?}"))
            }
            CrackOutcome::NotFound { tried } => {
                (Tone::Good, format!("✔ none of the {tried} publicly known secrets verifies this token"))
            }
            CrackOutcome::Cancelled { tried } => (Tone::Muted, format!("cancelled after {tried} secrets")),
            CrackOutcome::NotHmac => (Tone::Muted, "only HS256/384/512 secrets can be guessed".to_owned()),
        });
    }

    /// Starts the automatic known-secret search when the token is HMAC and no key of the
    /// user's checks it (the CLI runs the same search inline: `Request::known_secrets`).
    pub(super) fn known_search(&mut self) -> Option<Effect> {
        use crate::jose::verify::SignatureCause;
        if !std::mem::take(&mut self.known_check_pending) {
            return None;
        }
        let signature = &self.inspection.signature;
        if !matches!(signature.cause, SignatureCause::NoKey | SignatureCause::OnlyDemoKey) {
            return None;
        }
        let alg = self.inspection.alg.known().filter(|a| a.family() == crate::jose::alg::Family::Hmac)?;
        let token = self.inspection.token.as_ref()?;
        let (input, bytes) = (token.signing_input()?, token.signature()?);
        // A long token is not searched unasked (minutes of CPU): the button still offers it.
        if !crate::jose::secrets::auto_search(input.len()) {
            return None;
        }
        // The signing input and the signature's bytes, hashed without copying the token.
        let fingerprint = {
            use std::hash::{Hash as _, Hasher as _};
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            (input, bytes).hash(&mut hasher);
            hasher.finish()
        };
        if self.known_searched.contains(&fingerprint) || self.known_searching == Some(fingerprint) {
            return None;
        }
        self.known_searching = Some(fingerprint);
        Some(Effect::SearchKnownSecret {
            fingerprint,
            alg,
            signing_input: input.as_bytes().to_vec(),
            signature: bytes.to_vec(),
        })
    }

    /// The automatic known-secret search is done: a hit becomes a key, named as known.
    pub fn known_searched(&mut self, fingerprint: u64, found: Option<Key>) {
        self.known_searched.push(fingerprint);
        if self.known_searching == Some(fingerprint) {
            self.known_searching = None;
        }
        if let Some(key) = found {
            self.note = format!("the token is signed with {}", key.label());
            self.add_key(key);
        }
    }

    /// Rebuilds the inspection when an input changed or (with a countdown on screen) the
    /// clock's second ticked; large inputs come back as an effect to inspect in the
    /// background. Then the automatic known-secret search, when it applies.
    pub fn refresh(&mut self) -> Vec<Effect> {
        let live = self.evaluate_at.is_none() && !self.inspection.timeline.claims.is_empty() && self.pending.is_none();
        let mut effects = Vec::new();
        if self.dirty || (live && self.clock.now().timestamp() != self.inspected_second) {
            effects.extend(self.reinspect());
        }
        effects.extend(self.known_search());
        effects
    }

    pub(super) fn reinspect(&mut self) -> Option<Effect> {
        let now = self.now();
        self.all_keys = self.keys.iter().cloned().chain(self.secret_key.clone()).collect();
        self.generation += 1;
        self.inspected_second = self.clock.now().timestamp();
        self.dirty = false;
        if self.inputs.token.len() > BACKGROUND_ABOVE {
            self.pending = Some((self.generation, self.inputs.token.len()));
            return Some(Effect::Inspect(Box::new(BackgroundInspection {
                generation: self.generation,
                input: self.inputs.token.clone(),
                selected: self.selected,
                keys: self.all_keys.clone(),
                unusable_keys: self.unusable_keys.clone(),
                settings: self.settings.inspection.clone(),
                now,
            })));
        }
        // A small input replaces any large one still being inspected.
        self.pending = None;
        self.inspection = Inspection::inspect(&Request {
            input: &self.inputs.token,
            selected: self.selected,
            keys: &self.all_keys,
            unusable_keys: &self.unusable_keys,
            settings: &self.settings.inspection,
            now,
            // Searched in the background instead (`known_search`).
            known_secrets: false,
        });
        self.inspected_fingerprint = super::fingerprint(&self.inputs.token);
        self.known_check_pending = true;
        None
    }

    /// A background inspection is done; it is taken if the inspection was not rebuilt since
    /// it was sent.
    pub fn inspected(&mut self, generation: u64, inspection: Inspection, fingerprint: u64) {
        if generation == self.generation {
            self.inspection = inspection;
            self.inspected_fingerprint = fingerprint;
            self.known_check_pending = true;
        }
        if self.pending.is_some_and(|(pending, _)| pending == generation) {
            self.pending = None;
        }
    }

    /// Counts rebuilds of the inspection (and large inputs sent to be inspected).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// The size of the input being inspected in the background, while it is.
    pub fn inspecting(&self) -> Option<usize> {
        self.pending.map(|(_, bytes)| bytes)
    }
}
