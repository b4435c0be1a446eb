//! Frame time of the real `App`, driven headless through egui_kittest: median and worst
//! CPU time per frame (egui pass + tessellation; no GPU) while a 1 MB token is shown, and
//! while one character at a time is typed into a 100 KB token.
//!
//! Run: `cargo bench --bench frame_time` (release profile).

#![allow(clippy::expect_used, clippy::unwrap_used, reason = "a benchmark fails loudly")]

use std::time::{Duration, Instant};

use chrono::DateTime;
use egui_kittest::Harness;
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

fn harness(token: String) -> Harness<'static, App> {
    let now = DateTime::from_timestamp(1_795_349_000, 0).expect("time");
    let mut harness = Harness::builder().with_size([1400.0, 900.0]).with_max_steps(1_000).build_eframe(move |_cc| {
        let mut app = App::with_settings(UiSettings::default(), Clock::Fixed(now));
        app.apply(Command::SetInput(token));
        app.apply(Command::SetSecret { text: SECRET.to_owned(), encoding: SecretEncoding::Utf8 });
        app
    });
    harness.run_steps(3);
    harness
}

/// One frame: the egui pass (what `App::ui` and layout cost) plus tessellation.
fn timed_step(harness: &mut Harness<'_, App>) -> Duration {
    let start = Instant::now();
    harness.step();
    let shapes = harness.output().shapes.clone();
    let ppp = harness.output().pixels_per_point;
    let _ = harness.ctx.tessellate(shapes, ppp);
    start.elapsed()
}

fn report(what: &str, mut times: Vec<Duration>) {
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    let p95 = times.get(times.len() * 95 / 100).copied().unwrap_or_default();
    let worst = times.last().copied().unwrap_or_default();
    println!(
        "{what:<48} frames {:>4}  median {:>7.2} ms  p95 {:>7.2} ms  worst {:>7.2} ms",
        times.len(),
        ms(median),
        ms(p95),
        ms(worst)
    );
}

fn main() {
    // An unchanged 1 MB token: what every idle frame (hover, timeline tick) costs.
    let mut idle = harness(token_with_payload_bytes(1_000_000));
    let frames: Vec<Duration> = (0..60).map(|_| timed_step(&mut idle)).collect();
    report("1 MB token loaded, idle frames", frames);

    // Typing into a 100 KB token: every character re-inspects and re-lays out the text.
    let mut typing = harness(token_with_payload_bytes(100_000));
    typing.get_by_role_and_label(egui::Role::MultilineTextInput, "Encoded token").focus();
    typing.run_steps(2);
    typing.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::End);
    typing.run_steps(2);
    let mut frames = Vec::new();
    for c in "abcdefghijklmnopqrstuvwxyz0123456789".chars().cycle().take(60) {
        typing.get_by_role_and_label(egui::Role::MultilineTextInput, "Encoded token").type_text(&c.to_string());
        frames.push(timed_step(&mut typing));
    }
    assert!(
        typing.state().input().ends_with("6789abcdefghijklmnopqrstuvwx"),
        "the typed characters reached the editor"
    );
    report("typing into a 100 KB token, one char per frame", frames);
}
