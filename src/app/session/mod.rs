//! The workbench's state and what each command does to it, without egui: what the user
//! typed and loaded (token text, selection, keys with their origin, the edit draft,
//! "evaluate at"), the `Inspection` rebuilt from it, and `apply(Command) -> Vec<Effect>`.
//! What needs the window (dialogs, the clipboard, background jobs) comes back as an
//! [`Effect`] for the eframe `App` to carry out; a job's result comes back through a method
//! (`inspected`, `known_searched`, `crack_finished`).

use chrono::{DateTime, Utc};

use crate::app::command::{Command, Expect, Highlight, Pick};
use crate::app::settings::{Inputs, UiSettings};

use crate::inspection::{Inspection, Request, Settings};
use crate::jose::alg::Algorithm;
use crate::jose::json::Member;
use crate::jose::keys::{Key, UnusableKey};
use crate::jose::token::Content;
use crate::present::Tone;

mod edit;
mod jobs;
mod key_store;
mod view;

/// Inputs longer than this are inspected off the UI thread: up to 16 MB takes up to half a
/// second, and the window must keep repainting meanwhile (typing into smaller tokens stays
/// on the UI thread, where it costs under a frame).
pub const BACKGROUND_ABOVE: usize = 256 * 1024;

/// The `source` of the key made from the HMAC secret field.
pub const SECRET_FIELD: &str = "the secret field";

/// A 64-bit fingerprint of a text (not cryptographic), to tell cheaply whether the editor's
/// text is still the one inspected.
pub fn fingerprint(text: &str) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// The decoded byte span of a highlighted member.
pub fn member_span(inspection: &Inspection, highlight: &Highlight) -> Option<crate::jose::json::Span> {
    let token = inspection.token.as_ref()?;
    let content = match highlight.part {
        crate::jose::lint::Part::Header => token.header.as_ref(),
        crate::jose::lint::Part::Payload => token.payload.as_ref(),
        crate::jose::lint::Part::Signature => None,
    }?;
    content.object()?.value.members().get(highlight.member).map(Member::span)
}

/// Where "now" comes from: the system clock, or a fixed instant (tests, screenshots).
#[derive(Clone, Copy, Debug)]
pub enum Clock {
    /// The system clock.
    System,
    /// Always this instant.
    Fixed(DateTime<Utc>),
}

impl Clock {
    /// The current instant by this clock.
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
    /// Open a file dialog; what the user picks comes back as commands.
    OpenDialog(Pick),
    /// Ask where to save a text, and write it there.
    Save {
        /// The file name offered.
        name: String,
        /// What to write.
        contents: String,
    },
    /// Put this text on the clipboard.
    Copy(String),
    /// Close the window.
    Quit,
    /// Put the keyboard focus in the token editor.
    FocusEditor,
    /// Start the weak-secret search on a worker thread; hand the outcome to
    /// [`Session::crack_finished`].
    StartCrack {
        /// The token's algorithm (only HS256/384/512 can be searched).
        alg: Algorithm,
        /// The bytes the MAC is computed over: `header.payload` as received.
        signing_input: Vec<u8>,
        /// The signature's bytes, to match.
        signature: Vec<u8>,
        /// The user's wordlist, tried after the built-in list (empty: the built-in list only).
        wordlist: Vec<u8>,
    },
    /// Ask the running weak-secret search to stop.
    CancelCrack,
    /// Inspect a large input on a worker thread; hand the result to [`Session::inspected`].
    Inspect(Box<BackgroundInspection>),
    /// Search the known-secret list; hand the result to [`Session::known_searched`].
    SearchKnownSecret {
        /// A hash of the signing input and the signature, handed back with the result.
        fingerprint: u64,
        /// The token's HMAC algorithm.
        alg: Algorithm,
        /// The bytes the MAC is computed over: `header.payload` as received.
        signing_input: Vec<u8>,
        /// The signature's bytes, to match.
        signature: Vec<u8>,
    },
}

/// Everything a background inspection needs, owned (it runs on another thread).
#[derive(Debug)]
pub struct BackgroundInspection {
    /// The session's generation when it was sent: the result is dropped if the inspection
    /// was rebuilt since.
    pub generation: u64,
    /// The input text.
    pub input: String,
    /// Which of the tokens found in the input to inspect.
    pub selected: usize,
    /// The keys to verify with: the loaded keys, then the secret field's.
    pub keys: Vec<Key>,
    /// Key inputs that could not be used, with why.
    pub unusable_keys: Vec<UnusableKey>,
    /// Leeway, lifetime limit and expectations.
    pub settings: Settings,
    /// The instant to evaluate times at.
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
        (self.generation, inspection, fingerprint(&self.input))
    }
}

/// The workbench's state: what the user typed and loaded, the settings, and the inspection
/// made from them. Commands change it through [`Session::apply`].
pub struct Session {
    inputs: Inputs,
    selected: usize,
    /// Keys loaded from files, drops, pastes, the demo and the searches.
    keys: Vec<Key>,
    /// Indices into `keys` that are bundled demo keys.
    demo_keys: Vec<usize>,
    /// Key inputs that could not be used, with why (shown beside the key list).
    unusable_keys: Vec<UnusableKey>,
    /// Signing inputs already searched for a known secret (a miss is not searched again).
    known_searched: Vec<u64>,
    /// The signing input whose known-secret search is running.
    known_searching: Option<u64>,
    /// The inspection changed since the known-secret search was last considered.
    known_check_pending: bool,
    /// Counts rebuilds of the inspection: a background inspection sent before the latest
    /// rebuild is dropped.
    generation: u64,
    /// (generation, bytes) of the input being inspected in the background.
    pending: Option<(u64, usize)>,
    /// The secret field's key, when it holds one.
    secret_key: Option<Key>,
    /// `keys` followed by the secret: what the inspection was made with.
    all_keys: Vec<Key>,
    settings: UiSettings,
    clock: Clock,
    evaluate_at: Option<i64>,
    inspection: Inspection,
    inspected_second: i64,
    dirty: bool,
    hover: Option<Highlight>,
    pinned: Option<Highlight>,
    note: String,
    /// Fingerprint of the text the inspection was made from.
    inspected_fingerprint: u64,
    /// The last generated key, for its exports.
    generated: Option<crate::jose::keygen::Generated>,
    crack_result: Option<(Tone, String)>,
    /// The secret the last weak-secret search found, offered for the secret field.
    crack_secret: Option<String>,
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
            inspected_fingerprint: fingerprint(""),
            generated: None,
            crack_result: None,
            crack_secret: None,
        }
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

    /// Applies one command; what needs the window (dialogs, the clipboard, background jobs)
    /// comes back as effects for the app to carry out.
    pub fn apply(&mut self, command: Command) -> Vec<Effect> {
        let mut effects = Vec::new();
        match command {
            Command::SetInput(text) | Command::PasteToken(text) => self.new_input(text),
            Command::EditInput(text) => {
                self.inputs.token = text;
                self.pinned = None;
                self.dirty = true;
            }
            Command::SelectCandidate(index) => {
                self.selected = index;
                self.pinned = None;
                self.dirty = true;
            }
            Command::LoadToken { name, bytes } => self.load_token(&name, &bytes),
            Command::LoadKey { name, bytes } => {
                self.load_keys(&name, &bytes);
            }
            Command::SetKeyPaste(text) => self.inputs.key_paste = text,
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
            Command::RemoveKey(index) => self.remove_key(index),
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
            Command::ShowSecret(visible) => self.inputs.secret_visible = visible,
            Command::SetExpectation(expect) => self.set_expectation(expect),
            Command::EvaluateAt(at) => {
                self.evaluate_at = at;
                self.dirty = true;
            }
            Command::Highlight(highlight) => self.hover = highlight,
            Command::Pin(highlight) => self.pinned = highlight,
            Command::Notify(note) => self.note = note,
            Command::ResizePane(edge, fraction) => self.settings.resize(edge, fraction),
            Command::LoadDemo => self.load_demo(),
            Command::SetTheme(choice) => self.settings.theme = choice,
            Command::SetLocalTime(local) => self.settings.local_time = local,
            Command::ZoomIn => self.settings.zoom = (self.settings.zoom + 0.1).min(3.0),
            Command::ZoomOut => self.settings.zoom = (self.settings.zoom - 0.1).max(0.5),
            Command::ZoomReset => self.settings.zoom = 1.0,
            Command::TogglePresenter => self.settings.presenter = !self.settings.presenter,
            Command::FocusEditor => effects.push(Effect::FocusEditor),
            Command::ToggleEdit => {
                if self.inputs.edit.take().is_none() {
                    // The draft starts from the token as it is now, not from a stale inspection.
                    effects.extend(self.refresh());
                    self.start_editing();
                }
            }
            Command::Edit(action) => self.edit_action(action),
            Command::SignEdited => self.reencode(true),
            Command::ApplyPreset(preset) => self.apply_preset(&preset),
            Command::GenerateKey(kind) => self.generate_key(kind),
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
            Command::CopyText { what, text } => effects.extend(self.copy(Some(text), &what)),
            Command::CheckWeakSecret => effects.extend(self.start_crack(Vec::new())),
            Command::CheckWeakSecretWith { name, bytes } => {
                self.note = format!("trying the built-in list and {name}");
                effects.extend(self.start_crack(bytes));
            }
        }
        effects
    }

    /// A new input replaces the old (a paste, a file, Clear): the demo key and the edit go.
    fn new_input(&mut self, text: String) {
        self.drop_demo_keys();
        // The last note (e.g. about the demo) no longer describes what is on screen.
        self.note.clear();
        // A new token ends the edit: the draft described the old one, and the next quick
        // action would otherwise re-encode it over what was just pasted.
        if self.inputs.edit.take().is_some() {
            self.note = "stopped editing: a new token came in (Edit token edits this one)".to_owned();
        }
        self.set_input(text);
    }

    /// A token file's bytes; bytes that are not UTF-8 are read lossily, and the note says so
    /// (as the CLI does).
    fn load_token(&mut self, name: &str, bytes: &[u8]) {
        let invalid_at = std::str::from_utf8(bytes).err().map(|e| e.valid_up_to());
        self.new_input(String::from_utf8_lossy(bytes).into_owned());
        // After the input: a new input clears the previous note.
        self.note = match invalid_at {
            Some(offset) => {
                format!(
                    "opened {name}: not UTF-8 (first invalid byte at offset {offset}), read with U+FFFD replacements"
                )
            }
            None => format!("opened {name}"),
        };
    }

    fn set_expectation(&mut self, expect: Expect) {
        let settings = &mut self.settings;
        match expect {
            Expect::Issuer(issuer) => settings.inspection.expect.issuer = issuer.filter(|t| !t.is_empty()),
            Expect::Audience(audience) => settings.inspection.expect.audience = audience.filter(|t| !t.is_empty()),
            Expect::Algorithms(text) => {
                settings.inspection.expect.algorithms =
                    text.split([',', ' ']).filter(|s| !s.is_empty()).map(str::to_owned).collect();
                settings.algorithms_text = text;
            }
            Expect::Leeway(seconds) => settings.inspection.leeway = seconds.clamp(0, 86_400),
        }
        self.dirty = true;
    }

    fn copy(&mut self, text: Option<String>, what: &str) -> Option<Effect> {
        let Some(text) = text else {
            self.note = format!("nothing to copy: no {what}");
            return None;
        };
        self.note = format!("copied {what}");
        Some(Effect::Copy(text))
    }
}

fn pretty(content: Option<&Content>) -> Option<String> {
    match content? {
        Content::Json { root, .. } => serde_json::to_string_pretty(&root.to_serde()).ok(),
        other => other.text().map(str::to_owned),
    }
}
