//! Frame time of the real `App` without a GPU. Median and worst frame while a 1 MB token is
//! shown, and while one character at a time is typed into a 100 KB token, measured twice:
//! - on a plain `egui::Context` as eframe runs it (AccessKit off until a screen reader
//!   connects): the egui pass (`App::ui`, layout) plus tessellation;
//! - through `egui_kittest`, which drives the app through AccessKit: each step adds building
//!   the accessibility tree and kittest consuming it.
//!
//! A 1 MB token is shown folded (see `encoded::FOLD_ABOVE`); a 100 KB one is in the editor.
//! Run: `cargo bench --bench frame_time` (release profile). `FRAME_TIME_PARTS=1` adds the
//! cost of the parts (inspection, text layout).

#![allow(clippy::expect_used, reason = "a benchmark fails loudly")]

use std::time::{Duration, Instant};

use chrono::DateTime;
use eframe::App as _;
use egui_kittest::kittest::Queryable as _;
use jwt_inspector::app::{App, Clock, Command, UiSettings};
use jwt_inspector::jose::alg::Algorithm;
use jwt_inspector::jose::keys::{self, SecretEncoding};
use jwt_inspector::jose::sign;

const SECRET: &str = "benchmark secret, long enough for HS256";

fn token_with_payload_bytes(size: usize) -> String {
    let key = keys::secret_from_text(SECRET, SecretEncoding::Utf8, "bench").expect("secret");
    let filler = "x".repeat(size.saturating_sub(80));
    let payload = format!(r#"{{"sub":"bench","iat":1795348800,"exp":1795352400,"data":"{filler}"}}"#);
    sign::encode(r#"{"alg":"HS256","typ":"JWT"}"#, &payload, Algorithm::HS256, &key).expect("sign")
}

struct Window {
    ctx: egui::Context,
    app: App,
    frame: eframe::Frame,
}

impl Window {
    fn new(token: String) -> Self {
        let now = DateTime::from_timestamp(1_795_349_000, 0).expect("time");
        let mut app = App::with_settings(UiSettings::default(), Clock::Fixed(now));
        app.apply(Command::SetInput(token));
        app.apply(Command::SetSecret { text: SECRET.to_owned(), encoding: SecretEncoding::Utf8 });
        let mut window = Self { ctx: egui::Context::default(), app, frame: eframe::Frame::_new_kittest() };
        for _ in 0..3 {
            window.frame(Vec::new());
        }
        window
    }

    /// One frame with these input events: the egui pass plus tessellation.
    fn frame(&mut self, events: Vec<egui::Event>) -> Duration {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1400.0, 900.0))),
            events,
            ..Default::default()
        };
        let start = Instant::now();
        let Self { ctx, app, frame } = self;
        let mut output = ctx.run_ui(input, |ui| app.ui(ui, frame));
        let _ = ctx.tessellate(output.shapes, output.pixels_per_point);
        // No GPU here: the font atlas upload is not measured.
        output.textures_delta.clear();
        start.elapsed()
    }
}

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    let worst = times.last().copied().unwrap_or_default();
    println!("{what:<50} frames {:>4}  median {:>7.2} ms  worst {:>7.2} ms", times.len(), ms(median), ms(worst));
}

fn main() {
    if std::env::var_os("FRAME_TIME_PARTS").is_some() {
        parts();
    }
    // An unchanged 1 MB token: what every idle frame (hover, the timeline's tick) costs.
    let mut idle = Window::new(token_with_payload_bytes(1_000_000));
    let frames: Vec<Duration> = (0..60).map(|_| idle.frame(Vec::new())).collect();
    report("1 MB token loaded, idle frames", frames);

    // Typing at the end of a 100 KB token: every character re-inspects and re-lays out.
    let mut typing = Window::new(token_with_payload_bytes(100_000));
    typing.ctx.memory_mut(|m| m.request_focus(jwt_inspector::app::panes::encoded::editor_id()));
    typing.frame(Vec::new());
    let end = egui::Event::Key {
        key: egui::Key::End,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::COMMAND,
    };
    typing.frame(vec![end]);
    let frames: Vec<Duration> = "abcdefghijklmnopqrstuvwxyz0123456789"
        .chars()
        .cycle()
        .take(60)
        .map(|c| typing.frame(vec![egui::Event::Text(c.to_string())]))
        .collect();
    assert!(
        typing.app.input().ends_with("wx"),
        "the typed characters reached the editor: …{}",
        &typing.app.input()[typing.app.input().len() - 10..]
    );
    report("typing into a 100 KB token, one char per frame", frames);
    kittest();
}

/// The same two measurements through `egui_kittest`, which drives the app through AccessKit
/// (as a screen reader would): each step is the egui pass, tessellation and the AccessKit
/// tree update that kittest consumes.
fn kittest() {
    let harness = |token: String| {
        let now = DateTime::from_timestamp(1_795_349_000, 0).expect("time");
        let mut harness = egui_kittest::Harness::builder().with_size([1400.0, 900.0]).build_eframe(move |_cc| {
            let mut app = App::with_settings(UiSettings::default(), Clock::Fixed(now));
            app.apply(Command::SetInput(token));
            app.apply(Command::SetSecret { text: SECRET.to_owned(), encoding: SecretEncoding::Utf8 });
            app
        });
        harness.run_steps(3);
        harness
    };
    let timed = |harness: &mut egui_kittest::Harness<'_, App>| {
        let start = Instant::now();
        harness.step();
        start.elapsed()
    };
    let mut idle = harness(token_with_payload_bytes(1_000_000));
    let frames: Vec<Duration> = (0..30).map(|_| timed(&mut idle)).collect();
    report("kittest: 1 MB token loaded, idle frames", frames);

    let mut typing = harness(token_with_payload_bytes(100_000));
    typing.get_by_role_and_label(egui::Role::MultilineTextInput, "Encoded token").focus();
    typing.step();
    typing.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::End);
    typing.step();
    let frames: Vec<Duration> = "abcdefghijklmnopqrstuvwxyz0123456789"
        .chars()
        .cycle()
        .take(30)
        .map(|c| {
            typing.event(egui::Event::Text(c.to_string()));
            timed(&mut typing)
        })
        .collect();
    let input = typing.state().input();
    assert!(input.ends_with("z0123"), "the typed characters reached the editor: …{}", &input[input.len() - 10..]);
    report("kittest: typing into a 100 KB token, one char per frame", frames);
}

fn parts() {
    for size in [100_000, 1_000_000] {
        let token = token_with_payload_bytes(size);
        let key = keys::secret_from_text(SECRET, SecretEncoding::Utf8, "bench").expect("secret");
        let now = DateTime::from_timestamp(1_795_349_000, 0).expect("time");
        let runs = 20;
        let start = Instant::now();
        for _ in 0..runs {
            let _ = jwt_inspector::Inspection::new(
                &token,
                std::slice::from_ref(&key),
                &jwt_inspector::Settings::default(),
                now,
            );
        }
        println!("Inspection::new, {size} B payload: {:.2} ms", start.elapsed().as_secs_f64() * 1e3 / f64::from(runs));
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            for pass in ["cold", "warm"] {
                let start = Instant::now();
                let text = format!("{token}{pass}");
                let job =
                    egui::text::LayoutJob::simple(text, egui::FontId::monospace(12.0), egui::Color32::WHITE, 400.0);
                let galley = ui.fonts_mut(|f| f.layout_job(job));
                println!(
                    "egui text layout, {size} B, {pass}: {:.2} ms ({} rows)",
                    start.elapsed().as_secs_f64() * 1e3,
                    galley.rows.len()
                );
            }
        });
        output.textures_delta.clear();
    }
}
