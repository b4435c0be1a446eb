//! The workbench's state and what each command does to it, without egui: what the user
//! typed and loaded (token text, selection, keys with their origin, the edit draft,
//! "evaluate at"), the `Inspection` rebuilt from it, and `apply(Command) -> Vec<Effect>`.
//! What needs the window (dialogs, the clipboard, background jobs) comes back as an
//! [`Effect`] for the eframe `App` to carry out; a job's result comes back through a method
//! (`inspected`, `known_searched`, `crack_finished`).

use chrono::{DateTime, Utc};

use crate::app::command::{Command, Highlight};
use crate::app::file_dialog::Pick;
use crate::app::settings::{Inputs, UiSettings};
use crate::demo;
use crate::inspection::{EncodedRange, Inspection, Request, Settings};
use crate::jose::alg::Algorithm;
use crate::jose::keys::{self, Key, Origin, UnusableKey};
use crate::jose::secrets::CrackOutcome;
use crate::jose::token::Content;
use crate::present::Tone;

/// Inputs longer than this are inspected off the UI thread: up to 16 MB takes up to half a
/// second, and the window must keep repainting meanwhile (typing into smaller tokens stays
/// on the UI thread, where it costs under a frame).
pub const BACKGROUND_ABOVE: usize = 256 * 1024;

/// Where "now" comes from: the system clock, or a fixed instant (tests, screenshots).
#[derive(Clone, Copy, Debug)]
pub enum Clock {
    System,
    Fixed(DateTime<Utc>),
}

impl Clock {
    pub fn now(self) -> DateTime<Utc> {
        match self {
            Self::System => Utc::now(),
            Self::Fixed(at) => at,
        }
    }
}

/// What the app must do for the session: things that need the window or a thread.
#[derive(Debug)]
pub enum Effect {
    OpenDialog(Pick),
    Save {
        name: String,
        contents: String,
    },
    Copy(String),
    Quit,
    FocusEditor,
    StartCrack {
        alg: Algorithm,
        signing_input: Vec<u8>,
        signature: Vec<u8>,
        wordlist: Vec<u8>,
    },
    CancelCrack,
    /// Inspect a large input on a worker thread; hand the result to [`Session::inspected`].
    Inspect(Box<BackgroundInspection>),
    /// Search the known-secret list; hand the result to [`Session::known_searched`].
    SearchKnownSecret {
        fingerprint: u64,
        alg: Algorithm,
        signing_input: Vec<u8>,
        signature: Vec<u8>,
    },
}

/// Everything a background inspection needs, owned (it runs on another thread).
#[derive(Debug)]
pub struct BackgroundInspection {
    pub generation: u64,
    pub input: String,
    pub selected: usize,
    pub keys: Vec<Key>,
    pub unusable_keys: Vec<UnusableKey>,
    pub settings: Settings,
    pub now: DateTime<Utc>,
}

impl BackgroundInspection {
    /// Runs the inspection: (generation, the inspection, the fingerprint of the text).
    pub fn run(&self) -> (u64, Inspection, u64) {
        let inspection = Inspection::inspect(&Request {
            input: &self.input,
            selected: self.selected,
            keys: &self.keys,
            unusable_keys: &self.unusable_keys,
            settings: &self.settings,
            now: self.now,
            known_secrets: false,
        });
        (self.generation, inspection, crate::app::panes::fingerprint(&self.input))
    }
}

pub struct Session {
    pub(crate) inputs: Inputs,
    pub(crate) selected: usize,
    /// Keys loaded from files, drops, pastes, the demo and the searches.
    pub(crate) keys: Vec<Key>,
    /// Indices into `keys` that are bundled demo keys.
    pub(crate) demo_keys: Vec<usize>,
    /// Key inputs that could not be used, with why (shown beside the key list).
    pub(crate) unusable_keys: Vec<UnusableKey>,
    /// Signing inputs already searched for a known secret (a miss is not searched again).
    known_searched: Vec<u64>,
    /// The signing input whose known-secret search is running.
    known_searching: Option<u64>,
    /// The inspection changed since the known-secret search was last considered.
    known_check_pending: bool,
    /// Counts input changes: a background inspection of an older input is dropped.
    generation: u64,
    /// (generation, bytes) of the input being inspected in the background.
    pending: Option<(u64, usize)>,
    /// The secret field's key, when it holds one.
    secret_key: Option<Key>,
    /// `keys` followed by the secret: what the inspection was made with.
    pub(crate) all_keys: Vec<Key>,
    pub(crate) settings: UiSettings,
    pub(crate) clock: Clock,
    evaluate_at: Option<i64>,
    pub(crate) inspection: Inspection,
    inspected_second: i64,
    dirty: bool,
    pub(crate) hover: Option<Highlight>,
    pinned: Option<Highlight>,
    pub(crate) note: String,
    /// Fingerprint of the text the inspection was made from.
    pub(crate) inspected_fingerprint: u64,
    /// The last generated key, for its exports.
    pub(crate) generated: Option<crate::jose::keygen::Generated>,
    pub(crate) crack_result: Option<(Tone, String)>,
}

impl Session {
    /// A session with the given settings and clock and nothing loaded.
    pub fn new(settings: UiSettings, clock: Clock) -> Self {
        let inspection = Inspection::new("", &[], &settings.inspection, clock.now());
        Self {
            inputs: Inputs::default(),
            selected: 0,
            keys: Vec::new(),
            demo_keys: Vec::new(),
            unusable_keys: Vec::new(),
            known_searched: Vec::new(),
            known_searching: None,
            known_check_pending: false,
            generation: 0,
            pending: None,
            secret_key: None,
            all_keys: Vec::new(),
            settings,
            clock,
            evaluate_at: None,
            inspection,
            inspected_second: clock.now().timestamp(),
            dirty: false,
            hover: None,
            pinned: None,
            note: String::new(),
            inspected_fingerprint: crate::app::panes::fingerprint(""),
            generated: None,
            crack_result: None,
        }
    }

    /// The editor's state, while editing.
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

    pub fn edit_state(&self) -> Option<&crate::app::settings::EditState> {
        self.inputs.edit.as_ref()
    }

    pub fn inspection(&self) -> &Inspection {
        &self.inspection
    }

    pub fn input(&self) -> &str {
        &self.inputs.token
    }

    /// Every key the inspection used: loaded keys, then the secret field's.
    pub fn inspection_keys(&self) -> &[Key] {
        &self.all_keys
    }

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
            .and_then(|h| {
                crate::app::panes::encoded::member_span(&self.inspection, h)
                    .map(|span| self.inspection.encoded_ranges(h.part, span))
            })
            .unwrap_or_default()
    }

    /// Checks the edited texts and, when both are JSON, encodes them (re-signing when asked)
    /// into the token being inspected. While one is broken the token stays as it was.
    fn reencode(&mut self, sign: bool) {
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
    fn check_edit(&mut self) -> bool {
        let Some(edit) = self.inputs.edit.as_mut() else { return false };
        let errors = crate::jose::draft::check(&edit.header, &edit.payload);
        edit.header_error = errors.header.as_ref().map(ToString::to_string);
        edit.payload_error = errors.payload.as_ref().map(ToString::to_string);
        errors.is_empty()
    }

    fn start_editing(&mut self) {
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
    fn auto_sign(&self) -> bool {
        self.inputs.edit.as_ref().is_some_and(|e| e.auto_sign)
    }

    fn edit_action(&mut self, action: crate::app::command::EditAction) {
        use crate::app::command::EditAction;
        use crate::jose::edit;
        let now = self.clock.now().timestamp();
        let Some(state) = self.inputs.edit.as_mut() else { return };
        let result = match &action {
            EditAction::SetTime { claim, from_now } => {
                edit::set_member(&state.payload, claim, &(now + from_now).to_string()).map(|t| state.payload = t)
            }
            EditAction::RemoveClaim(name) => edit::remove_member(&state.payload, name).map(|t| state.payload = t),
            EditAction::AddClaim(name) => {
                let value = crate::app::panes::edit::default_value(name, now);
                edit::set_member(&state.payload, name, &value).map(|t| state.payload = t)
            }
            EditAction::SetAlg(alg) => {
                let value = serde_json::to_string(alg).unwrap_or_default();
                edit::set_member(&state.header, "alg", &value).map(|t| state.header = t)
            }
            EditAction::Compact => edit::compact(&state.header).and_then(|h| {
                let p = edit::compact(&state.payload)?;
                state.header = h;
                state.payload = p;
                Ok(())
            }),
            EditAction::SetSigner(signer) => {
                state.signer = *signer;
                Ok(())
            }
        };
        match result {
            Ok(()) => self.reencode(self.auto_sign()),
            Err(error) => self.note = format!("✖ fix the JSON first: {error}"),
        }
    }

    fn apply_preset(&mut self, preset: &crate::jose::presets::Preset) {
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

    /// Adds a key unless the same key is loaded already.
    fn add_key(&mut self, key: Key) {
        if !self.keys.iter().any(|k| k.material == key.material && k.kid == key.kid) {
            self.keys.push(key);
        }
        self.dirty = true;
    }

    /// The bundled demo key checks only the demo token: once the user brings their own
    /// token, it goes.
    fn drop_demo_keys(&mut self) {
        let demo = std::mem::take(&mut self.demo_keys);
        let mut index = 0;
        self.keys.retain(|_| {
            let keep = !demo.contains(&index);
            index += 1;
            keep
        });
        self.dirty = true;
    }

    fn set_input(&mut self, text: String) {
        self.inputs.token = text;
        self.selected = 0;
        self.pinned = None;
        self.dirty = true;
    }

    /// The instant the inspection is evaluated at: the dragged one, or the clock's.
    fn now(&self) -> DateTime<Utc> {
        match self.evaluate_at.and_then(|t| DateTime::from_timestamp(t, 0)) {
            Some(at) => at,
            None => self.clock.now(),
        }
    }

    /// Loads key material; returns whether any key was loaded. What could not be used is
    /// listed beside the keys, with why.
    fn load_keys(&mut self, name: &str, bytes: &[u8]) -> bool {
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
                    self.note.push_str(&format!("; skipped {warning}"));
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

    fn secret_changed(&mut self) {
        let inputs = &mut self.inputs;
        inputs.secret_error = None;
        self.secret_key = if inputs.secret.is_empty() {
            None
        } else {
            match keys::secret_from_text(&inputs.secret, inputs.secret_encoding, crate::app::panes::edit::SECRET_FIELD)
            {
                Ok(key) => Some(key),
                Err(error) => {
                    inputs.secret_error = Some(error.to_string());
                    None
                }
            }
        };
        self.dirty = true;
    }

    /// Applies one command now.
    /// Applies one command; what needs the window (dialogs, the clipboard, background jobs)
    /// comes back as effects for the app to carry out.
    pub fn apply(&mut self, command: Command) -> Vec<Effect> {
        let mut effects = Vec::new();
        match command {
            Command::SetInput(text) | Command::PasteToken(text) => {
                self.drop_demo_keys();
                // The last note (e.g. about the demo) no longer describes what is on screen.
                self.note.clear();
                // A new token ends the edit: the draft described the old one, and the next
                // quick action would otherwise re-encode it over what was just pasted.
                if self.inputs.edit.take().is_some() {
                    self.note = "stopped editing: a new token came in (Edit token edits this one)".to_owned();
                }
                self.set_input(text);
            }
            Command::InputEdited => {
                self.dirty = true;
                self.pinned = None;
            }
            Command::SelectCandidate(index) => {
                self.selected = index;
                self.pinned = None;
                self.dirty = true;
            }
            Command::LoadToken { name, bytes } => {
                self.note = format!("opened {name}");
                effects.extend(self.apply(Command::SetInput(String::from_utf8_lossy(&bytes).into_owned())));
            }
            Command::LoadKey { name, bytes } => {
                self.load_keys(&name, &bytes);
            }
            Command::LoadPastedKey => {
                let text = std::mem::take(&mut self.inputs.key_paste);
                // Keep the text when it did not load, so nothing typed is lost.
                if !self.load_keys("pasted key", text.as_bytes()) {
                    self.inputs.key_paste = text;
                }
            }
            Command::DismissUnusableKey(index) => {
                if index < self.unusable_keys.len() {
                    self.unusable_keys.remove(index);
                    self.dirty = true;
                }
            }
            Command::RemoveKey(index) => {
                if index < self.keys.len() {
                    self.keys.remove(index);
                    self.demo_keys.retain(|d| *d != index);
                    for d in &mut self.demo_keys {
                        if *d > index {
                            *d -= 1;
                        }
                    }
                } else {
                    self.inputs.secret.clear();
                    self.secret_changed();
                }
                self.dirty = true;
            }
            Command::ClearKeys => {
                self.keys.clear();
                self.demo_keys.clear();
                self.unusable_keys.clear();
                self.dirty = true;
            }
            Command::SetSecret { text, encoding } => {
                self.inputs.secret = text;
                self.inputs.secret_encoding = encoding;
                self.secret_changed();
            }
            Command::SecretEdited => self.secret_changed(),
            Command::SettingsEdited => self.dirty = true,
            Command::EvaluateAt(at) => {
                self.evaluate_at = at;
                self.dirty = true;
            }
            Command::Highlight(highlight) => self.hover = highlight,
            Command::Pin(highlight) => self.pinned = highlight,
            Command::Notify(note) => self.note = note,
            Command::LoadDemo => {
                if let Some(key) = demo::public_key() {
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
            Command::SetTheme(choice) => self.settings.theme = choice,
            Command::SetLocalTime(local) => self.settings.local_time = local,
            Command::ZoomIn => self.settings.zoom = (self.settings.zoom + 0.1).min(3.0),
            Command::ZoomOut => self.settings.zoom = (self.settings.zoom - 0.1).max(0.5),
            Command::ZoomReset => self.settings.zoom = 1.0,
            Command::TogglePresenter => self.settings.presenter = !self.settings.presenter,
            Command::FocusEditor => effects.push(Effect::FocusEditor),
            Command::ToggleEdit => {
                if self.inputs.edit.take().is_none() {
                    self.start_editing();
                }
            }
            Command::EditChanged => self.reencode(self.auto_sign()),
            Command::Edit(action) => self.edit_action(action),
            Command::SignEdited => self.reencode(true),
            Command::ApplyPreset(preset) => self.apply_preset(&preset),
            Command::GenerateKey(kind) => match crate::jose::keygen::generate(kind) {
                Ok(mut generated) => {
                    generated.key.origin = Origin::Generated;
                    self.keys.push(generated.key.clone());
                    self.note = format!(
                        "generated {} (kid {})",
                        generated.key.short_name(),
                        generated.key.kid.clone().unwrap_or_default()
                    );
                    self.generated = Some(generated);
                    self.dirty = true;
                }
                Err(error) => self.note = format!("✖ {error}"),
            },
            Command::CancelWeakSecret => effects.push(Effect::CancelCrack),
            Command::OpenTokenDialog => effects.push(Effect::OpenDialog(Pick::Token)),
            Command::OpenKeyDialog => effects.push(Effect::OpenDialog(Pick::Keys)),
            Command::OpenWordlistDialog => effects.push(Effect::OpenDialog(Pick::Wordlist)),
            Command::SaveAs { name, contents } => effects.push(Effect::Save { name, contents }),
            Command::Quit => effects.push(Effect::Quit),
            Command::CopyToken => {
                let text = self.inspection.token.as_ref().map(|t| t.text.clone());
                effects.extend(self.copy(text, "token"));
            }
            Command::CopyHeader => {
                let text = pretty(self.inspection.token.as_ref().and_then(|t| t.header.as_ref()));
                effects.extend(self.copy(text, "header JSON"));
            }
            Command::CopyPayload => {
                let text = pretty(self.inspection.token.as_ref().and_then(|t| t.payload.as_ref()));
                effects.extend(self.copy(text, "payload JSON"));
            }
            Command::CheckWeakSecret => effects.extend(self.start_crack(Vec::new())),
            Command::CheckWeakSecretWith { name, bytes } => {
                self.note = format!("trying the built-in list and {name}");
                effects.extend(self.start_crack(bytes));
            }
        }
        effects
    }

    fn copy(&mut self, text: Option<String>, what: &str) -> Option<Effect> {
        match text {
            Some(text) => {
                self.note = format!("copied {what}");
                Some(Effect::Copy(text))
            }
            None => {
                self.note = format!("nothing to copy: no {what}");
                None
            }
        }
    }

    /// The weak-secret search of the current token's MAC, with `wordlist` after the built-in
    /// list, as an effect (it runs in the background).
    fn start_crack(&mut self, wordlist: Vec<u8>) -> Option<Effect> {
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
        self.crack_result = Some(match outcome {
            CrackOutcome::Found(secret) => {
                let text = String::from_utf8_lossy(&secret).into_owned();
                let known = crate::jose::secrets::is_known(&secret);
                let source = if known { "the built-in list of known secrets" } else { "the weak-secret search" };
                if let Ok(mut key) = keys::secret_from_text(&text, keys::SecretEncoding::Utf8, source) {
                    key.origin = if known { Origin::KnownSecret } else { Origin::Loaded };
                    self.add_key(key);
                }
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
    fn known_search(&mut self) -> Option<Effect> {
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
        let fingerprint = crate::app::panes::fingerprint(&format!("{input}.{}", crate::jose::base64url::encode(bytes)));
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

    fn reinspect(&mut self) -> Option<Effect> {
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
            // Searched in the background instead (`start_known_search`).
            known_secrets: false,
        });
        self.inspected_fingerprint = crate::app::panes::fingerprint(&self.inputs.token);
        self.known_check_pending = true;
        None
    }

    /// A background inspection is done; it is taken if it is of the newest input.
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

fn pretty(content: Option<&Content>) -> Option<String> {
    match content? {
        Content::Json { root, .. } => serde_json::to_string_pretty(&root.to_serde()).ok(),
        other => other.text().map(str::to_owned),
    }
}
