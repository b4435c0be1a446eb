//! The workbench: owns what the user typed and loaded, rebuilds the `Inspection` when an
//! input changes (never every frame), lays out the panes, and applies the `Command`s they
//! send at the end of the frame.

use chrono::{DateTime, Utc};
use egui::ThemePreference;

use crate::app::command::{Command, Highlight, ThemeChoice};
use crate::app::file_dialog::{self, FileDialogs, Pick};
use crate::app::panes::Cx;
use crate::app::panes::decoded::DecodedPane;
use crate::app::panes::encoded::{self, EncodedPane};
use crate::app::panes::findings::FindingsPane;
use crate::app::panes::signature::SignaturePane;
use crate::app::panes::status::StatusBar;
use crate::app::panes::timeline::{self, TimelinePane};
use crate::app::panes::verdict::VerdictBar;
use crate::app::settings::{Inputs, PRESENTER_SCALE, STORAGE_KEY, UiSettings};
use crate::app::theme;
use crate::demo;
use crate::inspection::{EncodedRange, Inspection, Request};
use crate::jose::keys::{self, Key, Origin, UnusableKey};
use crate::jose::token::Content;
use crate::present::Tone;
use crate::startup::Startup;

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

#[derive(Default)]
struct Panes {
    encoded: EncodedPane,
    decoded: DecodedPane,
    edit: crate::app::panes::edit::EditPane,
    signature: SignaturePane,
    timeline: TimelinePane,
    findings: FindingsPane,
    status: StatusBar,
    verdict: VerdictBar,
}

pub struct App {
    inputs: Inputs,
    selected: usize,
    /// Keys loaded from files, drops, pastes and the demo.
    keys: Vec<Key>,
    /// Indices into `keys` that are bundled demo keys.
    demo_keys: Vec<usize>,
    /// Key inputs that could not be used, with why (shown beside the key list).
    unusable_keys: Vec<UnusableKey>,
    /// The search of the known-secret list for the current HMAC token, in the background.
    known_search: Option<KnownSearch>,
    /// Signing inputs already searched (so a miss is not searched again every rebuild).
    known_searched: Vec<u64>,
    /// The inspection changed since the known-secret search was last considered.
    known_check_pending: bool,
    /// Counts input changes: a background inspection of an older input is dropped.
    generation: u64,
    /// The inspection of a large input, running off the UI thread.
    pending: Option<PendingInspection>,
    /// The context of the last frame, so background work can wake the window.
    ctx: Option<egui::Context>,
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
    title: String,
    dialogs: FileDialogs,
    commands: Vec<Command>,
    focus_editor: bool,
    applied_view: Option<(ThemeChoice, f32)>,
    /// Fingerprint of the text the inspection was made from.
    inspected_fingerprint: u64,
    /// Measurement aids from the command line: (process start, report it, close after).
    measure: Option<(std::time::Instant, bool, Option<std::time::Duration>)>,
    /// Frames drawn, reported on exit when measuring.
    frames: u64,
    /// Whether the window's clear colour is the background (eframe): panels are transparent,
    /// so no full-window quad is rasterised per frame. Otherwise (tests) `ui` paints it.
    background_by_clear_color: bool,
    panes: Panes,
    /// The last generated key, for its exports.
    generated: Option<crate::jose::keygen::Generated>,
    /// The weak-secret search running in the background, if any.
    crack: Option<CrackJob>,
    crack_result: Option<(Tone, String)>,
}

/// Inputs longer than this are inspected off the UI thread: up to 16 MB takes up to half a
/// second, and the window must keep repainting meanwhile (typing into smaller tokens stays
/// on the UI thread, where it costs under a frame).
pub const BACKGROUND_ABOVE: usize = 256 * 1024;

/// An inspection of a large input on a worker thread; the newest input wins.
struct PendingInspection {
    generation: u64,
    bytes: usize,
    /// (generation, the inspection, the fingerprint of the text inspected).
    result: std::sync::mpsc::Receiver<(u64, Inspection, u64)>,
}

/// The automatic known-secret search for an HMAC token no key of the user's checks: off the
/// UI thread (67 ms for HS256, 200 ms for HS512 on a 300-byte token), the newest token wins.
struct KnownSearch {
    /// Fingerprint of the signing input and signature searched.
    fingerprint: u64,
    result: std::sync::mpsc::Receiver<Option<Key>>,
}

/// A weak-secret search on a worker thread: progress and cancellation are shared atomics.
struct CrackJob {
    tried: std::sync::Arc<std::sync::atomic::AtomicUsize>,
    cancel: std::sync::Arc<std::sync::atomic::AtomicBool>,
    total: usize,
    result: std::sync::mpsc::Receiver<crate::jose::secrets::CrackOutcome>,
}

impl App {
    /// The app as `cargo run` starts it: settings from eframe's storage, and the demo (or
    /// the token and keys named on the command line) loaded.
    pub fn new(cc: &eframe::CreationContext<'_>, startup: Startup) -> Self {
        let settings: UiSettings = cc.storage.and_then(|s| eframe::get_value(s, STORAGE_KEY)).unwrap_or_default();
        let mut app = Self::with_settings(settings, Clock::System);
        app.background_by_clear_color = true;
        if startup.presenter {
            app.settings.presenter = true;
        }
        if let Some(started) = startup.started {
            app.measure = Some((started, startup.report_startup, startup.exit_after));
        }
        if startup.token.is_none() && startup.keys.is_empty() {
            app.apply(Command::LoadDemo);
        }
        for (name, bytes) in startup.keys {
            app.apply(Command::LoadKey { name, bytes });
        }
        if let Some(token) = startup.token {
            app.apply(Command::SetInput(token));
        }
        // The known-secret search needs a context to wake the UI when it is done.
        app.start_known_search(&cc.egui_ctx);
        app
    }

    /// An app with the given settings and clock and nothing loaded (tests start here).
    pub fn with_settings(settings: UiSettings, clock: Clock) -> Self {
        let inspection = Inspection::new("", &[], &settings.inspection, clock.now());
        Self {
            inputs: Inputs::default(),
            selected: 0,
            keys: Vec::new(),
            demo_keys: Vec::new(),
            unusable_keys: Vec::new(),
            known_search: None,
            known_searched: Vec::new(),
            known_check_pending: false,
            generation: 0,
            pending: None,
            ctx: None,
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
            title: String::new(),
            dialogs: FileDialogs::default(),
            commands: Vec::new(),
            focus_editor: false,
            applied_view: None,
            inspected_fingerprint: crate::app::panes::fingerprint(""),
            measure: None,
            background_by_clear_color: false,
            frames: 0,
            panes: Panes::default(),
            generated: None,
            crack: None,
            crack_result: None,
        }
    }

    /// The editor's state, while editing.
    pub fn edit_state(&self) -> Option<&crate::app::settings::EditState> {
        self.inputs.edit.as_ref()
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

    fn start_crack(&mut self, ctx: &egui::Context, wordlist: Vec<u8>) {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
        let (Some(token), Some(alg)) = (self.inspection.token.as_ref(), self.inspection.alg.known()) else { return };
        let (Some(input), Some(signature)) = (token.signing_input(), token.signature()) else { return };
        let (input, signature) = (input.as_bytes().to_vec(), signature.to_vec());
        let total = crate::jose::secrets::candidates(&wordlist).count();
        let tried = Arc::new(AtomicUsize::new(0));
        let cancel = Arc::new(AtomicBool::new(false));
        let (sender, result) = std::sync::mpsc::channel();
        let (progress, stop, ctx) = (tried.clone(), cancel.clone(), ctx.clone());
        let spawned = std::thread::Builder::new().name("weak-secret".to_owned()).spawn(move || {
            let candidates = crate::jose::secrets::candidates(&wordlist);
            let outcome = crate::jose::secrets::crack(alg, &input, &signature, candidates, |n| {
                progress.store(n, Ordering::Relaxed);
                ctx.request_repaint();
                !stop.load(Ordering::Relaxed)
            });
            let _ = sender.send(outcome);
            ctx.request_repaint();
        });
        if spawned.is_ok() {
            self.crack_result = None;
            self.crack = Some(CrackJob { tried, cancel, total, result });
        }
    }

    /// Collects a finished weak-secret search: a found secret is added to the keys (named as
    /// found), never written over the secret the user typed.
    fn poll_crack(&mut self) {
        use crate::jose::secrets::CrackOutcome;
        let Some(job) = &self.crack else { return };
        let Ok(outcome) = job.result.try_recv() else { return };
        self.crack = None;
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
    fn start_known_search(&mut self, ctx: &egui::Context) {
        use crate::jose::verify::SignatureCause;
        if !std::mem::take(&mut self.known_check_pending) {
            return;
        }
        let signature = &self.inspection.signature;
        if !matches!(signature.cause, SignatureCause::NoKey | SignatureCause::OnlyDemoKey) {
            return;
        }
        let Some(alg) = self.inspection.alg.known().filter(|a| a.family() == crate::jose::alg::Family::Hmac) else {
            return;
        };
        let Some(token) = self.inspection.token.as_ref() else { return };
        let (Some(input), Some(bytes)) = (token.signing_input(), token.signature()) else { return };
        let fingerprint = crate::app::panes::fingerprint(&format!("{input}.{}", crate::jose::base64url::encode(bytes)));
        if self.known_searched.contains(&fingerprint)
            || self.known_search.as_ref().is_some_and(|s| s.fingerprint == fingerprint)
        {
            return;
        }
        let (input, bytes) = (input.as_bytes().to_vec(), bytes.to_vec());
        let (sender, result) = std::sync::mpsc::channel();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new().name("known-secrets".to_owned()).spawn(move || {
            // The receiver may be gone (a newer token won): nothing to tell then.
            let _ = sender.send(crate::jose::secrets::find_known(alg, &input, &bytes));
            ctx.request_repaint();
        });
        if spawned.is_ok() {
            self.known_search = Some(KnownSearch { fingerprint, result });
        }
    }

    /// Collects the automatic known-secret search: a hit becomes a key, named as known.
    fn poll_known_search(&mut self) {
        let Some(search) = &self.known_search else { return };
        let Ok(found) = search.result.try_recv() else { return };
        self.known_searched.push(search.fingerprint);
        self.known_search = None;
        if let Some(key) = found {
            self.note = format!("the token is signed with {}", key.label());
            self.add_key(key);
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

    pub fn inspection(&self) -> &Inspection {
        &self.inspection
    }

    /// The window title as last sent to the window.
    pub fn title(&self) -> &str {
        &self.title
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
                encoded::member_span(&self.inspection, h).map(|span| self.inspection.encoded_ranges(h.part, span))
            })
            .unwrap_or_default()
    }

    /// Where the timeline was last drawn.
    pub fn timeline_geometry(&self) -> Option<timeline::Geometry> {
        self.panes.timeline.geometry
    }

    /// Queues a command, as a button would; it is applied at the end of the next frame.
    pub fn send(&mut self, command: Command) {
        self.commands.push(command);
    }

    fn now(&self) -> DateTime<Utc> {
        match self.evaluate_at.and_then(|t| DateTime::from_timestamp(t, 0)) {
            Some(at) => at,
            None => self.clock.now(),
        }
    }

    fn reinspect(&mut self) {
        let now = self.now();
        self.all_keys = self.keys.iter().cloned().chain(self.secret_key.clone()).collect();
        self.generation += 1;
        self.inspected_second = self.clock.now().timestamp();
        self.dirty = false;
        if self.inputs.token.len() > BACKGROUND_ABOVE
            && let Some(ctx) = self.ctx.clone()
        {
            self.inspect_in_background(ctx, now);
            return;
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
    }

    /// Inspects the current (large) input on a worker thread; the current inspection stays
    /// on screen, marked as being replaced, until the result arrives.
    fn inspect_in_background(&mut self, ctx: egui::Context, now: DateTime<Utc>) {
        let generation = self.generation;
        let input = self.inputs.token.clone();
        let (keys, unusable, settings) =
            (self.all_keys.clone(), self.unusable_keys.clone(), self.settings.inspection.clone());
        let selected = self.selected;
        let (sender, result) = std::sync::mpsc::channel();
        let bytes = input.len();
        let spawned = std::thread::Builder::new().name("inspection".to_owned()).spawn(move || {
            let inspection = Inspection::inspect(&Request {
                input: &input,
                selected,
                keys: &keys,
                unusable_keys: &unusable,
                settings: &settings,
                now,
                known_secrets: false,
            });
            let fingerprint = crate::app::panes::fingerprint(&input);
            // The receiver is gone when a newer input won: nothing to deliver then.
            let _ = sender.send((generation, inspection, fingerprint));
            ctx.request_repaint();
        });
        match spawned {
            Ok(_) => self.pending = Some(PendingInspection { generation, bytes, result }),
            Err(error) => self.note = format!("✖ cannot start the inspection: {error}"),
        }
    }

    /// Takes a finished background inspection, if it is of the newest input.
    fn poll_pending(&mut self) {
        let Some(pending) = &self.pending else { return };
        let Ok((generation, inspection, fingerprint)) = pending.result.try_recv() else { return };
        if generation == self.generation {
            self.inspection = inspection;
            self.inspected_fingerprint = fingerprint;
            self.known_check_pending = true;
        }
        if pending.generation == generation {
            self.pending = None;
        }
    }

    /// Whether a large input is being inspected off the UI thread (tests wait on it).
    pub fn inspecting(&self) -> bool {
        self.pending.is_some()
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
    pub fn apply(&mut self, command: Command) {
        match command {
            Command::SetInput(text) | Command::PasteToken(text) => {
                self.drop_demo_keys();
                // The last note (e.g. about the demo) no longer describes what is on screen.
                self.note.clear();
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
                self.apply(Command::SetInput(String::from_utf8_lossy(&bytes).into_owned()));
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
            Command::FocusEditor => self.focus_editor = true,
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
            Command::CancelWeakSecret => {
                if let Some(job) = &self.crack {
                    job.cancel.store(true, std::sync::atomic::Ordering::Relaxed);
                }
            }
            // These need the egui context: handled in `apply_with_context`.
            Command::OpenTokenDialog
            | Command::OpenKeyDialog
            | Command::SaveAs { .. }
            | Command::CheckWeakSecret
            | Command::CheckWeakSecretWith { .. }
            | Command::OpenWordlistDialog
            | Command::CopyToken
            | Command::CopyHeader
            | Command::CopyPayload
            | Command::Quit => self.commands.push(command),
        }
    }

    fn apply_with_context(&mut self, command: Command, ctx: &egui::Context) {
        let copy = |ctx: &egui::Context, text: Option<String>, what: &str| match text {
            Some(text) => {
                ctx.copy_text(text);
                format!("copied {what}")
            }
            None => format!("nothing to copy: no {what}"),
        };
        match command {
            Command::OpenTokenDialog => self.dialogs.open(Pick::Token, ctx),
            Command::OpenKeyDialog => self.dialogs.open(Pick::Keys, ctx),
            Command::CopyToken => {
                self.note = copy(ctx, self.inspection.token.as_ref().map(|t| t.text.clone()), "token")
            }
            Command::CopyHeader => {
                self.note =
                    copy(ctx, pretty(self.inspection.token.as_ref().and_then(|t| t.header.as_ref())), "header JSON")
            }
            Command::CopyPayload => {
                self.note =
                    copy(ctx, pretty(self.inspection.token.as_ref().and_then(|t| t.payload.as_ref())), "payload JSON")
            }
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::SaveAs { name, contents } => self.dialogs.save(name, contents, ctx),
            Command::CheckWeakSecret => self.start_crack(ctx, Vec::new()),
            Command::CheckWeakSecretWith { name, bytes } => {
                self.note = format!("trying the built-in list and {name}");
                self.start_crack(ctx, bytes);
            }
            Command::OpenWordlistDialog => self.dialogs.open(Pick::Wordlist, ctx),
            other => self.apply(other),
        }
    }

    /// Shortcuts, paste-anywhere and dropped files become commands.
    fn read_input(&mut self, ctx: &egui::Context) {
        for command in Command::with_shortcuts() {
            if let Some(shortcut) = command.shortcut()
                && ctx.input_mut(|i| i.consume_shortcut(&shortcut))
            {
                self.commands.push(command);
            }
        }
        if !ctx.egui_wants_keyboard_input() {
            let pasted = ctx.input(|i| {
                i.events.iter().find_map(|e| match e {
                    egui::Event::Paste(text) => Some(text.clone()),
                    _ => None,
                })
            });
            if let Some(text) = pasted {
                self.commands.push(Command::PasteToken(text));
            }
        }
        let dropped = ctx.input(|i| i.raw.dropped_files.clone());
        for file in dropped {
            let path = file.path();
            let bytes = file.bytes().map_err(|e| format!("cannot read {}: {e}", path.display()));
            let name =
                path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
            match bytes {
                Ok(bytes) => self.commands.push(match file_dialog::classify(&name, &bytes) {
                    Pick::Token => Command::LoadToken { name, bytes },
                    Pick::Keys => Command::LoadKey { name, bytes },
                    Pick::Wordlist => Command::CheckWeakSecretWith { name, bytes },
                }),
                Err(error) => self.note = error,
            }
        }
        self.commands.extend(self.dialogs.poll());
        self.poll_crack();
        self.poll_known_search();
        self.poll_pending();
    }

    /// Applies theme and zoom when they changed; returns whether they did.
    fn apply_view(&mut self, ctx: &egui::Context) -> bool {
        let scale = self.settings.zoom * if self.settings.presenter { PRESENTER_SCALE } else { 1.0 };
        let view = (self.settings.theme, scale);
        let changed = self.applied_view != Some(view);
        if changed {
            ctx.set_theme(match self.settings.theme {
                ThemeChoice::System => ThemePreference::System,
                ThemeChoice::Dark => ThemePreference::Dark,
                ThemeChoice::Light => ThemePreference::Light,
            });
            ctx.set_zoom_factor(scale);
            // Panels draw no fill: the background is painted once, by the clear colour (or
            // by `ui` in tests). With software rendering each full-window fill costs as much
            // as the rest of the frame, and nested panels stacked three of them.
            for theme in [egui::Theme::Dark, egui::Theme::Light] {
                ctx.style_mut_of(theme, |style| style.visuals.panel_fill = egui::Color32::TRANSPARENT);
            }
            self.applied_view = Some(view);
        }
        changed
    }

    fn menu_ui(&mut self, ui: &mut egui::Ui) {
        let item = |ui: &mut egui::Ui, command: Command, commands: &mut Vec<Command>| {
            let mut button = egui::Button::new(command.label());
            if let Some(shortcut) = command.shortcut() {
                // egui spells keys out ("Equals"); menus show the symbols people press.
                let text = ui.ctx().format_shortcut(&shortcut).replace("Equals", "=").replace("Minus", "-");
                button = button.shortcut_text(text);
            }
            if ui.add(button).clicked() {
                let command = match command {
                    // The menu's Paste reads the clipboard through a paste event.
                    Command::PasteToken(_) => {
                        ui.ctx().send_viewport_cmd(egui::ViewportCommand::RequestPaste);
                        return;
                    }
                    other => other,
                };
                commands.push(command);
            }
        };
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                for command in Command::file_menu() {
                    item(ui, command, &mut self.commands);
                }
            });
            ui.menu_button("Edit", |ui| {
                for command in Command::edit_menu() {
                    item(ui, command, &mut self.commands);
                }
            });
            ui.menu_button("View", |ui| {
                for command in Command::view_menu() {
                    item(ui, command, &mut self.commands);
                }
                ui.separator();
                for choice in [ThemeChoice::System, ThemeChoice::Dark, ThemeChoice::Light] {
                    let command = Command::SetTheme(choice);
                    if ui.radio(self.settings.theme == choice, command.label()).clicked() {
                        self.commands.push(command);
                    }
                }
                ui.separator();
                for local in [false, true] {
                    let command = Command::SetLocalTime(local);
                    if ui.radio(self.settings.local_time == local, command.label()).clicked() {
                        self.commands.push(command);
                    }
                }
            });
            if self.settings.presenter {
                ui.label(egui::RichText::new("Presenter mode (F11 to leave)").strong());
            }
        });
    }
}

fn pretty(content: Option<&Content>) -> Option<String> {
    match content? {
        Content::Json { root, .. } => serde_json::to_string_pretty(&root.to_serde()).ok(),
        other => other.text().map(str::to_owned),
    }
}

impl eframe::App for App {
    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        theme::background(visuals.dark_mode).to_normalized_gamma_f32()
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.frames += 1;
        if let Some((started, report, exit_after)) = self.measure {
            if report {
                eprintln!("jwt-inspector: first frame {} ms after the process started", started.elapsed().as_millis());
                self.measure = Some((started, false, exit_after));
            }
            if let Some(after) = exit_after {
                match after.checked_sub(started.elapsed()) {
                    Some(left) => ctx.request_repaint_after(left),
                    None => {
                        eprintln!("jwt-inspector: {} frames in {:.1} s", self.frames, started.elapsed().as_secs_f64());
                        ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                    }
                }
            }
        }
        self.read_input(&ctx);
        // Commands queued from outside a frame (tests, dialogs) take effect before drawing.
        for command in std::mem::take(&mut self.commands) {
            self.apply_with_context(command, &ctx);
        }
        self.ctx = Some(ctx.clone());
        // While a large input is inspected in the background, the clock's tick waits for it.
        let live = self.evaluate_at.is_none() && !self.inspection.timeline.claims.is_empty() && self.pending.is_none();
        if self.dirty || (live && self.clock.now().timestamp() != self.inspected_second) {
            self.reinspect();
        }
        if self.apply_view(&ctx) {
            // A new zoom takes effect from the next pass; laying panes out now would size
            // them for the old screen and remember those sizes.
            ctx.request_repaint();
            return;
        }
        if self.focus_editor {
            ctx.memory_mut(|m| m.request_focus(encoded::editor_id()));
            self.focus_editor = false;
        }

        if !self.background_by_clear_color {
            ui.painter().rect_filled(ui.max_rect(), 0.0, theme::background(ui.visuals().dark_mode));
        }
        egui::Panel::top("menu-bar").show(ui, |ui| self.menu_ui(ui));

        let palette = theme::palette(ui.visuals().dark_mode);
        let highlight = self.highlight().cloned();
        let crack_progress =
            self.crack.as_ref().map(|job| (job.tried.load(std::sync::atomic::Ordering::Relaxed), job.total));
        let Self {
            inputs,
            all_keys,
            demo_keys,
            settings,
            inspection,
            panes,
            commands,
            dialogs,
            note,
            clock,
            generated,
            crack_result,
            inspected_fingerprint,
            unusable_keys,
            known_search,
            pending,
            ..
        } = self;
        let dialog_unavailable = dialogs.unavailable.clone();
        let mut cx = Cx {
            inspected_fingerprint: *inspected_fingerprint,
            generated: generated.as_ref(),
            crack_progress,
            crack_result: crack_result.as_ref(),
            unusable_keys,
            known_secret_search: known_search.is_some(),
            inspecting: pending.as_ref().map(|p| p.bytes),
            inspection,
            inputs,
            keys: all_keys,
            demo_keys,
            settings,
            highlight: highlight.as_ref(),
            palette,
            clock: clock.now(),
            dialog_unavailable: dialog_unavailable.as_deref(),
            commands,
        };
        egui::Panel::top("verdict").show(ui, |ui| panes.verdict.ui(ui, &mut cx));
        egui::Panel::bottom("status-bar").show(ui, |ui| panes.status.ui(ui, &mut cx, note));
        // Sizes are fractions of the space, bounded so the decoded pane always keeps room;
        // presenter mode has a layout of its own.
        let mode = if cx.settings.presenter { "presenter" } else { "normal" };
        let space = ui.available_rect_before_wrap().size();
        let fraction = |value: f32, of: f32| (value * of).clamp(of * 0.12, of * 0.5);
        let bottom = egui::Panel::bottom(format!("timeline-and-findings-{mode}"))
            .resizable(true)
            .default_size(fraction(cx.settings.bottom_fraction, space.y))
            .size_range(space.y * 0.12..=space.y * 0.5)
            .show(ui, |ui| {
                let width = ui.available_width();
                let findings = egui::Panel::right(format!("findings-{mode}"))
                    .resizable(true)
                    .default_size(fraction(cx.settings.findings_fraction, width))
                    .size_range(width * 0.2..=width * 0.6)
                    .show(ui, |ui| panes.findings.ui(ui, &mut cx));
                cx.settings.findings_fraction = findings.response.rect.width() / width.max(1.0);
                egui::CentralPanel::default().show(ui, |ui| panes.timeline.ui(ui, &mut cx));
            });
        cx.settings.bottom_fraction = bottom.response.rect.height() / space.y.max(1.0);
        let width = ui.available_rect_before_wrap().width();
        let left = egui::Panel::left(format!("encoded-{mode}"))
            .resizable(true)
            .default_size(fraction(cx.settings.encoded_fraction, width))
            .size_range(width * 0.15..=width * 0.4)
            .show(ui, |ui| panes.encoded.ui(ui, &mut cx));
        cx.settings.encoded_fraction = left.response.rect.width() / width.max(1.0);
        let right = egui::Panel::right(format!("signature-{mode}"))
            .resizable(true)
            .default_size(fraction(cx.settings.signature_fraction, width))
            .size_range(width * 0.15..=width * 0.4)
            .show(ui, |ui| panes.signature.ui(ui, &mut cx));
        cx.settings.signature_fraction = right.response.rect.width() / width.max(1.0);
        egui::CentralPanel::default().show(ui, |ui| {
            if cx.inputs.edit.is_some() {
                panes.edit.ui(ui, &mut cx);
            } else {
                panes.decoded.ui(ui, &mut cx);
            }
        });

        let hovered_before = self.hover.clone();
        self.hover = None;
        for command in std::mem::take(&mut self.commands) {
            self.apply_with_context(command, &ctx);
        }
        if self.hover != hovered_before {
            ctx.request_repaint();
        }
        if self.dirty {
            self.reinspect();
            ctx.request_repaint();
        }
        self.start_known_search(&ctx);
        let title = format!("JWT Inspector — {}", crate::present::title(&self.inspection));
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, &self.settings);
    }

    // egui's memory would save text-field state (and with it tokens and secrets): only
    // `UiSettings` is persisted.
    fn persist_egui_memory(&self) -> bool {
        false
    }
}

/// Starts the desktop app.
pub fn run(startup: Startup) -> eframe::Result {
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("JWT Inspector")
        .with_app_id("jwt-inspector")
        .with_inner_size([1400.0, 900.0])
        .with_min_inner_size([900.0, 560.0])
        .with_drag_and_drop(true);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(include_bytes!("../../assets/icon.png")) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        persist_window: true,
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native("JWT Inspector", options, Box::new(|cc| Ok(Box::new(App::new(cc, startup)))))
}
