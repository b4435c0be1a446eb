//! The eframe app: carries out the session's effects (dialogs, the clipboard, background
//! jobs), turns shortcuts, pastes and drops into commands, and lays out the panes. What the
//! commands do is in `session.rs`, which knows no egui.

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
pub use crate::app::session::{BACKGROUND_ABOVE, Clock};
use crate::app::session::{Effect, Session};
use crate::app::settings::{PRESENTER_SCALE, STORAGE_KEY, UiSettings};
use crate::app::theme;
use crate::inspection::{EncodedRange, Inspection};
use crate::jose::keys::Key;
use crate::startup::Startup;

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
    session: Session,
    title: String,
    dialogs: FileDialogs,
    /// Commands from panes, menus, shortcuts and tests, applied at the end of the frame.
    commands: Vec<Command>,
    /// Effects the session asked for outside a frame (tests, start-up), carried out in the next.
    effects: Vec<Effect>,
    focus_editor: bool,
    applied_view: Option<(ThemeChoice, f32)>,
    /// Measurement aids from the command line: (process start, report it, close after).
    measure: Option<(std::time::Instant, bool, Option<std::time::Duration>)>,
    /// Frames drawn, reported on exit when measuring.
    frames: u64,
    /// Whether the window's clear colour is the background (eframe): panels are transparent,
    /// so no full-window quad is rasterised per frame. Otherwise (tests) `ui` paints it.
    background_by_clear_color: bool,
    panes: Panes,
    /// The weak-secret search running in the background, if any.
    crack: Option<CrackJob>,
    /// The automatic known-secret search running in the background: (fingerprint, result).
    known_search: Option<(u64, std::sync::mpsc::Receiver<Option<Key>>)>,
    /// Background inspections of large inputs; the session keeps only the newest.
    inspections: Vec<std::sync::mpsc::Receiver<(u64, Inspection, u64)>>,
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
            app.session.settings.presenter = true;
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
        app
    }

    /// An app with the given settings and clock and nothing loaded (tests start here).
    pub fn with_settings(settings: UiSettings, clock: Clock) -> Self {
        Self {
            session: Session::new(settings, clock),
            title: String::new(),
            dialogs: FileDialogs::default(),
            commands: Vec::new(),
            effects: Vec::new(),
            focus_editor: false,
            applied_view: None,
            measure: None,
            frames: 0,
            background_by_clear_color: false,
            panes: Panes::default(),
            crack: None,
            known_search: None,
            inspections: Vec::new(),
        }
    }

    /// Applies one command now; what needs the window happens in the next frame.
    pub fn apply(&mut self, command: Command) {
        let effects = self.session.apply(command);
        self.effects.extend(effects);
    }

    /// Queues a command, as a button would; it is applied at the end of the next frame.
    pub fn send(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// The session: everything the user typed and loaded, and the inspection (tests read it).
    pub fn session(&self) -> &Session {
        &self.session
    }

    pub fn inspection(&self) -> &Inspection {
        &self.session.inspection
    }

    pub fn input(&self) -> &str {
        self.session.input()
    }

    /// Every key the inspection used: loaded keys, then the secret field's.
    pub fn inspection_keys(&self) -> &[Key] {
        self.session.inspection_keys()
    }

    pub fn settings(&self) -> &UiSettings {
        &self.session.settings
    }

    /// The editor's state, while editing.
    pub fn edit_state(&self) -> Option<&crate::app::settings::EditState> {
        self.session.edit_state()
    }

    /// The member highlighted now (by hover, or by a clicked finding).
    pub fn highlight(&self) -> Option<&Highlight> {
        self.session.highlight()
    }

    /// The input characters painted as carrying the highlighted member.
    pub fn highlighted_input(&self) -> Vec<EncodedRange> {
        self.session.highlighted_input()
    }

    /// The window title as last sent to the window.
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Where the timeline was last drawn.
    pub fn timeline_geometry(&self) -> Option<timeline::Geometry> {
        self.panes.timeline.geometry
    }

    /// Whether a large input is being inspected off the UI thread (tests wait on it).
    pub fn inspecting(&self) -> bool {
        self.session.inspecting().is_some()
    }

    /// Carries out what the session asked for.
    fn run_effects(&mut self, ctx: &egui::Context, effects: Vec<Effect>) {
        for effect in effects {
            match effect {
                Effect::OpenDialog(pick) => self.dialogs.open(pick, ctx),
                Effect::Save { name, contents } => self.dialogs.save(name, contents, ctx),
                Effect::Copy(text) => ctx.copy_text(text),
                Effect::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
                Effect::FocusEditor => self.focus_editor = true,
                Effect::StartCrack { alg, signing_input, signature, wordlist } => {
                    self.start_crack(ctx, alg, signing_input, signature, wordlist);
                }
                Effect::CancelCrack => {
                    if let Some(job) = &self.crack {
                        job.cancel.store(true, std::sync::atomic::Ordering::Relaxed);
                    }
                }
                Effect::Inspect(job) => {
                    let (sender, result) = std::sync::mpsc::channel();
                    let ctx = ctx.clone();
                    let spawned = std::thread::Builder::new().name("inspection".to_owned()).spawn(move || {
                        // The receiver is gone when the app has closed: nothing to deliver then.
                        let _ = sender.send(job.run());
                        ctx.request_repaint();
                    });
                    match spawned {
                        Ok(_) => self.inspections.push(result),
                        Err(error) => self.session.note = format!("✖ cannot start the inspection: {error}"),
                    }
                }
                Effect::SearchKnownSecret { fingerprint, alg, signing_input, signature } => {
                    let (sender, result) = std::sync::mpsc::channel();
                    let ctx = ctx.clone();
                    let spawned = std::thread::Builder::new().name("known-secrets".to_owned()).spawn(move || {
                        // The receiver may be gone (a newer token won): nothing to tell then.
                        let _ = sender.send(crate::jose::secrets::find_known(alg, &signing_input, &signature));
                        ctx.request_repaint();
                    });
                    if spawned.is_ok() {
                        self.known_search = Some((fingerprint, result));
                    }
                }
            }
        }
    }

    fn start_crack(
        &mut self,
        ctx: &egui::Context,
        alg: crate::jose::alg::Algorithm,
        input: Vec<u8>,
        signature: Vec<u8>,
        wordlist: Vec<u8>,
    ) {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
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
            // The receiver is gone when the app has closed: nothing to deliver then.
            let _ = sender.send(outcome);
            ctx.request_repaint();
        });
        if spawned.is_ok() {
            self.crack = Some(CrackJob { tried, cancel, total, result });
        }
    }

    /// Applies the queued commands and carries out what they asked for.
    fn apply_queued(&mut self, ctx: &egui::Context) {
        let mut effects = std::mem::take(&mut self.effects);
        for command in std::mem::take(&mut self.commands) {
            effects.extend(self.session.apply(command));
        }
        self.run_effects(ctx, effects);
    }

    /// Hands finished background jobs to the session.
    fn poll_jobs(&mut self) {
        if let Some(job) = &self.crack
            && let Ok(outcome) = job.result.try_recv()
        {
            self.crack = None;
            self.session.crack_finished(outcome);
        }
        if let Some((fingerprint, result)) = &self.known_search
            && let Ok(found) = result.try_recv()
        {
            let fingerprint = *fingerprint;
            self.known_search = None;
            self.session.known_searched(fingerprint, found);
        }
        let mut finished = Vec::new();
        self.inspections.retain(|result| match result.try_recv() {
            Ok(done) => {
                finished.push(done);
                false
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => true,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => false,
        });
        for (generation, inspection, fingerprint) in finished {
            self.session.inspected(generation, inspection, fingerprint);
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
                Err(error) => self.session.note = error,
            }
        }
        self.commands.extend(self.dialogs.poll());
        self.poll_jobs();
    }

    /// Applies theme and zoom when they changed; returns whether they did.
    fn apply_view(&mut self, ctx: &egui::Context) -> bool {
        let scale = self.session.settings.zoom * if self.session.settings.presenter { PRESENTER_SCALE } else { 1.0 };
        let view = (self.session.settings.theme, scale);
        let changed = self.applied_view != Some(view);
        if changed {
            ctx.set_theme(match self.session.settings.theme {
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
                    if ui.radio(self.session.settings.theme == choice, command.label()).clicked() {
                        self.commands.push(command);
                    }
                }
                ui.separator();
                for local in [false, true] {
                    let command = Command::SetLocalTime(local);
                    if ui.radio(self.session.settings.local_time == local, command.label()).clicked() {
                        self.commands.push(command);
                    }
                }
            });
            if self.session.settings.presenter {
                ui.label(egui::RichText::new("Presenter mode (F11 to leave)").strong());
            }
        });
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
        self.apply_queued(&ctx);
        let effects = self.session.refresh();
        self.run_effects(&ctx, effects);
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
        let highlight = self.session.highlight().cloned();
        let crack_progress =
            self.crack.as_ref().map(|job| (job.tried.load(std::sync::atomic::Ordering::Relaxed), job.total));
        let inspecting = self.session.inspecting();
        let Self { session, panes, commands, dialogs, known_search, .. } = self;
        let Session {
            inputs,
            all_keys,
            demo_keys,
            settings,
            inspection,
            note,
            clock,
            generated,
            crack_result,
            inspected_fingerprint,
            unusable_keys,
            ..
        } = session;
        let dialog_unavailable = dialogs.unavailable.clone();
        let mut cx = Cx {
            inspected_fingerprint: *inspected_fingerprint,
            generated: generated.as_ref(),
            crack_progress,
            crack_result: crack_result.as_ref(),
            unusable_keys,
            known_secret_search: known_search.is_some(),
            inspecting,
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

        let hovered_before = self.session.hover.take();
        self.apply_queued(&ctx);
        if self.session.hover != hovered_before {
            ctx.request_repaint();
        }
        let generation = self.session.generation();
        let effects = self.session.refresh();
        if self.session.generation() != generation {
            ctx.request_repaint();
        }
        self.run_effects(&ctx, effects);
        let title = format!("JWT Inspector — {}", crate::present::title(&self.session.inspection));
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, &self.session.settings);
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
