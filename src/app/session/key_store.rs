//! Keys and the secret field: loading, removing, the demo's key pair, generated keys.

use crate::app::session::{SECRET_FIELD, Session};
use crate::demo;
use crate::jose::keys::{self, Key, Origin, UnusableKey};

impl Session {
    /// Adds a key unless the same key is loaded already.
    pub(super) fn add_key(&mut self, key: Key) {
        if !self.keys.iter().any(|k| k.material == key.material && k.kid == key.kid) {
            self.keys.push(key);
        }
        self.dirty = true;
    }

    /// The bundled demo key checks only the demo token: once the user brings their own
    /// token, it goes.
    pub(super) fn drop_demo_keys(&mut self) {
        let demo = std::mem::take(&mut self.demo_keys);
        let mut index = 0;
        self.keys.retain(|_| {
            let keep = !demo.contains(&index);
            index += 1;
            keep
        });
        self.dirty = true;
    }

    /// Loads key material; returns whether any key was loaded. What could not be used is
    /// listed beside the keys, with why.
    pub(super) fn load_keys(&mut self, name: &str, bytes: &[u8]) -> bool {
        self.dirty = true;
        match keys::load(bytes, name) {
            Ok(loaded) => {
                let count = loaded.keys.len();
                for key in loaded.keys {
                    self.add_key(key);
                }
                self.unusable_keys.retain(|u| u.source != name);
                self.note = format!("loaded {count} key{} from {name}", if count == 1 { "" } else { "s" });
                for warning in loaded.warnings {
                    self.note.push_str("; skipped ");
                    self.note.push_str(&warning);
                }
                true
            }
            Err(error) => {
                self.note = format!("✖ {name}: {error}");
                self.unusable_keys.retain(|u| u.source != name);
                self.unusable_keys.push(UnusableKey { source: name.to_owned(), error });
                false
            }
        }
    }

    pub(super) fn secret_changed(&mut self) {
        let inputs = &mut self.inputs;
        inputs.secret_error = None;
        self.secret_key = if inputs.secret.is_empty() {
            None
        } else {
            match keys::secret_from_text(&inputs.secret, inputs.secret_encoding, SECRET_FIELD) {
                Ok(key) => Some(key),
                Err(error) => {
                    inputs.secret_error = Some(error.to_string());
                    None
                }
            }
        };
        self.dirty = true;
    }

    pub(super) fn remove_key(&mut self, index: usize) {
        if index < self.keys.len() {
            self.keys.remove(index);
            self.demo_keys.retain(|d| *d != index);
            for d in &mut self.demo_keys {
                if *d > index {
                    *d -= 1;
                }
            }
            // The draft's signer is an index too: it follows its key, or falls back to the
            // secret field (the next edit picks a key that fits, and says so).
            if let Some(edit) = self.inputs.edit.as_mut() {
                edit.signer = match edit.signer {
                    Some(signer) if signer == index => None,
                    Some(signer) if signer > index => Some(signer - 1),
                    other => other,
                };
            }
        } else {
            self.inputs.secret.clear();
            self.secret_changed();
        }
        self.dirty = true;
    }

    pub(super) fn load_demo(&mut self) {
        if let Some(key) = demo::key_pair() {
            match self.keys.iter().position(|k| k.material == key.material) {
                Some(index) if !self.demo_keys.contains(&index) => self.demo_keys.push(index),
                Some(_) => {}
                None => {
                    self.demo_keys.push(self.keys.len());
                    self.keys.push(key);
                }
            }
        }
        if let Some(token) = demo::token(self.clock.now()) {
            self.set_input(token);
        }
        self.note = "demo token signed just now with the bundled demo key (public demo material)".to_owned();
    }

    pub(super) fn generate_key(&mut self, kind: crate::jose::keygen::KeyKind) {
        match crate::jose::keygen::generate(kind) {
            Ok(mut generated) => {
                generated.key.origin = Origin::Generated;
                self.keys.push(generated.key.clone());
                let key = &generated.key;
                self.note = format!("generated {} (kid {})", key.short_name(), key.kid.as_deref().unwrap_or_default());
                self.generated = Some(generated);
                self.dirty = true;
            }
            Err(error) => self.note = format!("✖ {error}"),
        }
    }
}
