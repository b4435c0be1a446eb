//! The eframe app: carries out the session's effects (dialogs, the clipboard, background
//! jobs), turns shortcuts, pastes and drops into commands, and lays out the panes. What the
//! commands do is in the `session` module, which knows no egui.

use egui::ThemePreference;

use crate::app::background::Background;
use crate::app::command::{Command, Highlight, ThemeChoice};
use crate::app::file_dialog::FileDialogs;
use crate::app::layout::Panes;
use crate::app::menu;
use crate::app::panes::{Cx, encoded, timeline};
pub use crate::app::session::Clock;
use crate::app::session::{Effect, Session};
use crate::app::settings::{PRESENTER_SCALE, STORAGE_KEY, UiSettings, WINDOW_KEY, WindowState};
use crate::app::theme;
use crate::inspection::{EncodedRange, Inspection};
use crate::jose::keys::Key;
use crate::startup::Startup;

/// The desktop app: the session, and what needs the window.
pub struct App {
    session: Session,
    title: String,
    dialogs: FileDialogs,
    /// Commands from panes, menus, shortcuts, dialogs and tests: those queued before the
    /// panes are drawn are applied then, the panes' and the menus' at the end of the frame.
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
    /// The worker threads.
    background: Background,
    /// The window's size at zoom 1, saved on exit.
    window: Option<WindowState>,
}

impl App {
    /// The app as `cargo run` starts it: settings from eframe's storage, and the demo (or
    /// the token and keys named on the command line) loaded.
    pub fn new(cc: &eframe::CreationContext<'_>, startup: Startup) -> Self {
        let settings: UiSettings = cc.storage.and_then(|s| eframe::get_value(s, STORAGE_KEY)).unwrap_or_default();
        let mut app = Self::with_settings(UiSettings { presenter: false, ..settings }, Clock::System);
        app.background_by_clear_color = true;
        // The window's size is ours to keep (see `WindowState`): eframe opened it at the
        // default size, hidden until the first frame, and it takes the saved size now.
        let window: Option<WindowState> = cc.storage.and_then(|s| eframe::get_value(s, WINDOW_KEY));
        if let Some(window) = window {
            let [width, height] = window.opening_size();
            cc.egui_ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(egui::vec2(width, height)));
            if window.maximized {
                cc.egui_ctx.send_viewport_cmd(egui::ViewportCommand::Maximized(true));
            }
        }
        app.window = window;
        if startup.presenter && !app.session.settings().presenter {
            app.apply(Command::TogglePresenter);
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
            background: Background::default(),
            window: None,
        }
    }

    /// Applies one command now; what needs the window happens in the next frame.
    pub fn apply(&mut self, command: Command) {
        let effects = self.session.apply(command);
        self.effects.extend(effects);
    }

    /// Queues a command, as a button would; it is applied in the next frame, before the panes
    /// are drawn.
    pub fn send(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// The session: everything the user typed and loaded, and the inspection (tests read it).
    pub fn session(&self) -> &Session {
        &self.session
    }

    /// The inspection of the current input.
    pub fn inspection(&self) -> &Inspection {
        self.session.inspection()
    }

    /// The token editor's text.
    pub fn input(&self) -> &str {
        self.session.input()
    }

    /// Every key the inspection used: loaded keys, then the secret field's.
    pub fn inspection_keys(&self) -> &[Key] {
        self.session.inspection_keys()
    }

    /// The UI settings (persisted between runs).
    pub fn settings(&self) -> &UiSettings {
        self.session.settings()
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
                    let job = (alg, signing_input, signature);
                    let more = self.background.start_crack(ctx, &mut self.session, job, wordlist);
                    self.effects.extend(more);
                }
                Effect::CancelCrack => self.background.cancel_crack(),
                Effect::Inspect(job) => {
                    if let Err(error) = self.background.inspect(ctx, job) {
                        let note = format!("✖ cannot start the inspection: {error}");
                        self.effects.extend(self.session.apply(Command::Notify(note)));
                    }
                }
                Effect::SearchKnownSecret { fingerprint, alg, signing_input, signature } => {
                    let job = (alg, signing_input, signature);
                    self.background.search_known(ctx, &mut self.session, fingerprint, job);
                }
            }
        }
    }

    /// Applies the queued commands and carries out what they asked for; returns whether a
    /// command changed what the panes show (not a hover or a pane size).
    fn apply_queued(&mut self, ctx: &egui::Context) -> bool {
        let mut effects = std::mem::take(&mut self.effects);
        let mut changed = false;
        for command in std::mem::take(&mut self.commands) {
            changed |= !matches!(command, Command::Highlight(_) | Command::ResizePane(..));
            effects.extend(self.session.apply(command));
        }
        self.run_effects(ctx, effects);
        changed
    }

    /// Applies theme and zoom when they changed; returns whether they did.
    fn apply_view(&mut self, ctx: &egui::Context) -> bool {
        let settings = self.session.settings();
        let scale = settings.zoom * if settings.presenter { PRESENTER_SCALE } else { 1.0 };
        let view = (settings.theme, scale);
        let changed = self.applied_view != Some(view);
        if changed {
            ctx.set_theme(match settings.theme {
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

    /// Start-up measurements asked for on the command line (`--report-startup`, `--exit-after`).
    fn measure(&mut self, ctx: &egui::Context) {
        self.frames += 1;
        let Some((started, report, exit_after)) = self.measure else { return };
        if report {
            eprintln!("jwt-inspector: first frame {} ms after the process started", started.elapsed().as_millis());
            self.measure = Some((started, false, exit_after));
        }
        if let Some(after) = exit_after {
            if let Some(left) = after.checked_sub(started.elapsed()) {
                ctx.request_repaint_after(left);
            } else {
                eprintln!("jwt-inspector: {} frames in {:.1} s", self.frames, started.elapsed().as_secs_f64());
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// After the panes: apply what the user did, and redraw at once when it changed what
    /// they show (egui discards this pass and runs another before painting, so no frame
    /// shows a text with the colours of the text before).
    fn end_frame(&mut self, ctx: &egui::Context) {
        let hovered_before = self.session.take_hover();
        let changed = self.apply_queued(ctx);
        if self.session.hover() != hovered_before.as_ref() {
            ctx.request_repaint();
        }
        let generation = self.session.generation();
        let effects = self.session.refresh();
        if changed || self.session.generation() != generation {
            ctx.request_discard("the session changed");
        }
        self.run_effects(ctx, effects);
        let title = format!("JWT Inspector — {}", crate::present::title(self.session.inspection()));
        if title != self.title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title = title;
        }
    }
}

impl eframe::App for App {
    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        theme::background(visuals.dark_mode).to_normalized_gamma_f32()
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.measure(&ctx);
        let (inner, maximized, fullscreen) = ctx.input(|i| {
            let viewport = i.viewport();
            (viewport.inner_rect, viewport.maximized.unwrap_or(false), viewport.fullscreen.unwrap_or(false))
        });
        if let Some(inner) = inner {
            let size = [inner.width(), inner.height()];
            self.window = Some(WindowState::observe(size, ctx.zoom_factor(), maximized || fullscreen, self.window));
        }
        menu::read_input(&ctx, &mut self.commands);
        self.commands.extend(self.dialogs.poll());
        let effects = self.background.poll(&mut self.session);
        self.effects.extend(effects);
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
        if std::mem::take(&mut self.focus_editor) {
            ctx.memory_mut(|m| m.request_focus(encoded::editor_id()));
        }
        if !self.background_by_clear_color {
            ui.painter().rect_filled(ui.max_rect(), 0.0, theme::background(ui.visuals().dark_mode));
        }
        let Self { session, panes, commands, dialogs, background, .. } = self;
        egui::Panel::top("menu-bar").show(ui, |ui| menu::menu_bar(ui, session.settings(), commands));
        let mut cx = Cx::new(session, theme::palette(ui.visuals().dark_mode), commands);
        cx.dialog_unavailable = dialogs.unavailable.as_deref();
        cx.crack_progress = background.crack_progress();
        cx.known_secret_search = background.searching_known_secret();
        panes.ui(ui, &mut cx, session.note());
        self.end_frame(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        // Presenter mode is for one session in front of a class: the next start is normal.
        let settings = UiSettings { presenter: false, ..self.session.settings().clone() };
        eframe::set_value(storage, STORAGE_KEY, &settings);
        if let Some(window) = self.window {
            eframe::set_value(storage, WINDOW_KEY, &window);
        }
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
        persist_window: false,
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    eframe::run_native("JWT Inspector", options, Box::new(|cc| Ok(Box::new(App::new(cc, startup)))))
}
