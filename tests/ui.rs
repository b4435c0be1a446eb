//! The desktop workbench driven through `egui_kittest` (AccessKit): typing, loading keys by
//! command (no dialog), hovering, and whole-window snapshots in dark and light themes.
//! Snapshots render on the CPU with wgpu's GL backend (Mesa llvmpipe), which every machine
//! with Mesa has; `UPDATE_SNAPSHOTS=1 cargo test --test ui` refreshes them.

// clippy.toml already allows these inside #[test] functions; the helpers outside them
// (runners, fixtures, signers) fail just as loudly.
#![allow(clippy::unwrap_used, clippy::panic, reason = "test helpers fail loudly")]

#[allow(dead_code, reason = "the session tests need only part of the fixtures")]
mod common;
// The egui-free state machine behind the window.
#[path = "ui/session.rs"]
mod session;

use chrono::DateTime;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use jwt_inspector::app::{App, Clock, Command, ThemeChoice, UiSettings};
use jwt_inspector::jose::alg::Algorithm;
use jwt_inspector::jose::base64url;
use jwt_inspector::jose::keys::{self, SecretEncoding};
use jwt_inspector::jose::lint::Part;
use jwt_inspector::jose::sign;
use jwt_inspector::jose::timeline::{TimeClaim, TimeStatus};
use jwt_inspector::jose::verdict::Outcome;
use jwt_inspector::jose::verify::SignatureStatus;
use jwt_inspector::present;

// 2026-11-22 12:00:00 UTC.
const NOW: i64 = 1_795_348_800;
const SECRET: &str = "a demo secret that is long enough for HS256";

fn clock() -> Clock {
    Clock::Fixed(DateTime::from_timestamp(NOW, 0).unwrap())
}

fn gl_only() -> eframe::egui_wgpu::WgpuSetup {
    let mut setup = eframe::egui_wgpu::WgpuSetupCreateNew::without_display_handle();
    setup.instance_descriptor.backends = eframe::egui_wgpu::wgpu::Backends::GL;
    eframe::egui_wgpu::WgpuSetup::CreateNew(setup)
}

fn harness(theme: egui::Theme, demo: bool) -> Harness<'static, App> {
    Harness::builder().with_size([1400.0, 900.0]).with_theme(theme).wgpu_setup(gl_only()).build_eframe(move |_cc| {
        let choice = if theme == egui::Theme::Dark { ThemeChoice::Dark } else { ThemeChoice::Light };
        let mut app = App::with_settings(UiSettings { theme: choice, ..UiSettings::default() }, clock());
        if demo {
            app.apply(Command::LoadDemo);
        }
        app
    })
}

fn hs256(payload: &str) -> String {
    let key = keys::secret_from_text(SECRET, SecretEncoding::Utf8, "t").unwrap();
    sign::encode(r#"{"alg":"HS256","typ":"JWT"}"#, payload, Algorithm::HS256, &key).unwrap()
}

fn step(harness: &mut Harness<'_, App>) {
    harness.run_steps(3);
}

/// Asserts that some widget shows exactly `label` (a verdict appears in its pane and in the
/// status bar).
fn shows(harness: &Harness<'_, App>, label: &str) {
    assert!(harness.query_all_by_label(label).next().is_some(), "nothing shows {label:?}");
}

/// The signature pane's verdict, in the shared presentation's words.
fn signature_label(status: SignatureStatus) -> String {
    present::signature(status).label()
}

fn editor<'h>(harness: &'h Harness<'_, App>) -> egui_kittest::Node<'h> {
    harness.get_by_role_and_label(egui::Role::MultilineTextInput, "Encoded token")
}

#[test]
fn typed_token_shows_its_decoded_claim() {
    let mut harness = harness(egui::Theme::Dark, false);
    let token = hs256(&format!(r#"{{"sub":"user-42","name":"Grace Hopper","exp":{}}}"#, NOW + 600));
    editor(&harness).click();
    step(&mut harness);
    editor(&harness).type_text(&token);
    step(&mut harness);
    assert_eq!(harness.state().input(), token);
    harness.get_by_label("\"Grace Hopper\"");
    harness.get_by_label("\"user-42\"");
    // No key yet: the verdict says what to do.
    shows(&harness, &signature_label(SignatureStatus::Unverifiable));
}

#[test]
fn key_loaded_by_command_verifies_and_a_wrong_secret_does_not_match() {
    let mut harness = harness(egui::Theme::Dark, false);
    let token = hs256(r#"{"sub":"user-42"}"#);
    harness.state_mut().send(Command::SetInput(token));
    harness.state_mut().send(Command::LoadKey {
        name: "secret.jwk".into(),
        bytes: format!(r#"{{"kty":"oct","k":"{}"}}"#, base64url::encode(SECRET)).into_bytes(),
    });
    step(&mut harness);
    shows(&harness, &signature_label(SignatureStatus::Valid));
    assert_eq!(harness.state().inspection().signature.status, SignatureStatus::Valid);

    // Replace the key with a wrong secret typed into the secret field.
    harness.state_mut().send(Command::ClearKeys);
    step(&mut harness);
    harness.get_by_role_and_label(egui::Role::TextInput, "HMAC secret").click();
    step(&mut harness);
    harness.get_by_role_and_label(egui::Role::TextInput, "HMAC secret").type_text("not the secret");
    step(&mut harness);
    shows(&harness, &signature_label(SignatureStatus::Invalid));
    assert_eq!(harness.state().inspection().signature.reason, "signature does not match the key");
}

#[test]
fn demo_key_verifies_the_demo_token_with_no_findings() {
    let mut harness = harness(egui::Theme::Dark, true);
    step(&mut harness);
    let inspection = harness.state().inspection();
    assert_eq!(inspection.signature.status, SignatureStatus::Valid, "{}", inspection.signature.reason);
    assert!(inspection.findings.is_empty(), "{:?}", inspection.findings);
    shows(&harness, &signature_label(SignatureStatus::Valid));
    harness.get_by_label("Demo key: public demo material, never use it for anything real");
}

#[test]
fn expired_token_says_expired_and_now_is_after_exp_on_the_timeline() {
    let mut harness = harness(egui::Theme::Dark, false);
    let token = hs256(&format!(r#"{{"sub":"x","iat":{},"exp":{}}}"#, NOW - 7200, NOW - 3600));
    harness.state_mut().send(Command::SetInput(token));
    harness.state_mut().send(Command::SetSecret { text: SECRET.into(), encoding: SecretEncoding::Utf8 });
    step(&mut harness);
    shows(&harness, &present::time(TimeStatus::Expired).label());
    harness.get_by_label("expired 1 h ago");
    let geometry = harness.state().timeline_geometry().expect("timeline drawn");
    let exp_x = geometry.exp_x.expect("exp marker");
    assert!(geometry.now_x > exp_x, "now {} should be right of exp {}", geometry.now_x, exp_x);
    assert!(geometry.iat_x.is_some_and(|iat| iat < exp_x));
}

#[test]
fn hovering_a_payload_member_highlights_exactly_its_encoded_characters() {
    let mut harness = harness(egui::Theme::Dark, false);
    let payload = r#"{"sub":"user-42","name":"Grace Hopper"}"#;
    let token = hs256(payload);
    harness.state_mut().send(Command::SetInput(token.clone()));
    step(&mut harness);
    harness.get_by_label("\"name\"").hover();
    step(&mut harness);
    let app = harness.state();
    let highlight = app.highlight().expect("highlight");
    assert_eq!((highlight.part, highlight.member), (Part::Payload, 1));
    let ranges = app.highlighted_input();
    assert_eq!(ranges.len(), 1);
    // "name":"Grace Hopper" is bytes 17..38 of the payload: characters 22..51 of the
    // payload segment, sharing bits with neighbours at both edges.
    let member = r#""name":"Grace Hopper""#;
    let start = payload.find(member).unwrap();
    let end = start + member.len();
    let payload_start = token.find('.').unwrap() + 1;
    let range = ranges[0];
    assert_eq!(range.span.start, payload_start + start * 4 / 3);
    assert_eq!(range.span.end, payload_start + (end * 8).div_ceil(6));
    assert_eq!(
        (range.partial_start, range.partial_end),
        (!(start * 8).is_multiple_of(6), !(end * 8).is_multiple_of(6))
    );
}

#[test]
fn malformed_token_shows_the_error_and_keeps_the_text() {
    let mut harness = harness(egui::Theme::Dark, false);
    let token = hs256(r#"{"sub":"user-42"}"#);
    let broken = token.replacen('.', ".*", 1);
    editor(&harness).click();
    step(&mut harness);
    editor(&harness).type_text(&broken);
    step(&mut harness);
    assert_eq!(harness.state().input(), broken);
    harness.get_by_label("✖ segment 2, character 1: '*' is not base64url");
}

#[test]
fn several_tokens_offer_a_picker() {
    let mut harness = harness(egui::Theme::Dark, false);
    let first = hs256(r#"{"sub":"first"}"#);
    let second = hs256(r#"{"sub":"second"}"#);
    harness.state_mut().send(Command::SetInput(format!(r#"{{"access_token":"{first}","id_token":"{second}"}}"#)));
    step(&mut harness);
    harness.get_by_label("\"first\"");
    // Picked the way a user picks: open the picker, click the second token.
    harness.get_by_role_and_label(egui::Role::ComboBox, "Token picker").click();
    step(&mut harness);
    harness.get_by_label("Token 2 of 2 — JSON member id_token").click();
    step(&mut harness);
    harness.get_by_label("\"second\"");
    assert!(harness.query_by_label("\"first\"").is_none(), "the first token's claims are gone");
}

#[test]
fn f11_toggles_presenter_mode() {
    let mut harness = harness(egui::Theme::Dark, true);
    step(&mut harness);
    harness.key_press(egui::Key::F11);
    step(&mut harness);
    assert!(harness.state().settings().presenter);
    harness.get_by_label("Presenter mode (F11 to leave)");
    // The larger zoom must not squeeze the decoded pane: side panes keep their share.
    let settings = harness.state().settings();
    assert!(settings.encoded_fraction < 0.35 && settings.signature_fraction < 0.35, "{settings:?}");
}

fn snapshot(theme: egui::Theme, name: &str) {
    let mut harness = harness(theme, true);
    step(&mut harness);
    harness.snapshot(name);
}

#[test]
fn whole_window_snapshot_in_dark_theme() {
    snapshot(egui::Theme::Dark, "workbench_dark");
}

#[test]
fn whole_window_snapshot_in_light_theme() {
    snapshot(egui::Theme::Light, "workbench_light");
}

fn payload_editor<'h>(harness: &'h Harness<'_, App>) -> egui_kittest::Node<'h> {
    harness.get_by_role_and_label(egui::Role::MultilineTextInput, "Payload JSON")
}

fn replace_payload(harness: &mut Harness<'_, App>, text: &str) {
    payload_editor(harness).click();
    step(harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    step(harness);
    payload_editor(harness).type_text(text);
    step(harness);
}

#[test]
fn editing_a_claim_and_signing_with_the_secret_gives_a_verified_token() {
    let mut harness = harness(egui::Theme::Dark, false);
    harness.state_mut().send(Command::SetInput(hs256(r#"{"sub":"user-42","admin":false}"#)));
    harness.state_mut().send(Command::SetSecret { text: SECRET.into(), encoding: SecretEncoding::Utf8 });
    step(&mut harness);
    harness.get_by_label("Edit token").click();
    step(&mut harness);
    replace_payload(&mut harness, r#"{"sub":"user-42","admin":true}"#);
    let inspection = harness.state().inspection();
    let claims = inspection.token.as_ref().and_then(|t| t.claims()).expect("claims");
    assert_eq!(claims.get("admin").map(|n| &n.value), Some(&jwt_inspector::jose::json::Value::Bool(true)));
    assert_eq!(inspection.signature.status, SignatureStatus::Valid, "{}", inspection.signature.reason);
    shows(&harness, &signature_label(SignatureStatus::Valid));

    // A quick action: exp = now + 1 h, re-signed at once.
    harness.get_by_label("+ 1 h").click();
    step(&mut harness);
    let inspection = harness.state().inspection();
    assert_eq!(inspection.timeline.claim("exp").and_then(TimeClaim::date).map(|d| d.timestamp()), Some(NOW + 3_600));
    assert_eq!(inspection.signature.status, SignatureStatus::Valid);
}

#[test]
fn broken_json_in_the_editor_shows_its_error_and_keeps_the_text_and_the_last_token() {
    let mut harness = harness(egui::Theme::Dark, false);
    let token = hs256(r#"{"sub":"user-42"}"#);
    harness.state_mut().send(Command::SetInput(token.clone()));
    harness.state_mut().send(Command::SetSecret { text: SECRET.into(), encoding: SecretEncoding::Utf8 });
    step(&mut harness);
    harness.state_mut().send(Command::ToggleEdit);
    step(&mut harness);
    assert_eq!(harness.state().input(), token, "entering edit mode changes nothing");
    replace_payload(&mut harness, r#"{"sub": "user-42", "admin": tru"#);
    let edit = harness.state().edit_state().expect("editing");
    assert_eq!(edit.payload, r#"{"sub": "user-42", "admin": tru"#, "the broken text is kept as typed");
    harness.get_by_label_contains("✖ payload: unexpected 't': expected a JSON value at line 1, column 29");
    assert_eq!(harness.state().input(), token, "the token keeps its last valid form");
    shows(&harness, &signature_label(SignatureStatus::Valid));
}

#[test]
fn a_preset_forges_a_token_the_inspector_does_not_trust() {
    let mut harness = harness(egui::Theme::Dark, false);
    harness.state_mut().send(Command::SetInput(hs256(r#"{"sub":"user-42","admin":false}"#)));
    harness.state_mut().send(Command::SetSecret { text: SECRET.into(), encoding: SecretEncoding::Utf8 });
    step(&mut harness);
    harness.state_mut().send(Command::ToggleEdit);
    harness.state_mut().send(Command::ApplyPreset(jwt_inspector::jose::presets::Preset::AlgNone("nOnE")));
    step(&mut harness);
    let inspection = harness.state().inspection();
    assert_eq!(inspection.signature.status, SignatureStatus::NotSigned);
    assert!(inspection.findings.iter().any(|f| f.id == jwt_inspector::jose::findings::FindingId::AlgNone));
    shows(&harness, &signature_label(SignatureStatus::NotSigned));
}

#[test]
fn a_generated_key_joins_the_key_list_and_verifies_what_it_signs() {
    let mut harness = harness(egui::Theme::Dark, false);
    harness
        .state_mut()
        .send(Command::GenerateKey(jwt_inspector::jose::keygen::KeyKind::Ec(jwt_inspector::jose::alg::Curve::P256)));
    step(&mut harness);
    let key = harness.state().inspection_keys().first().expect("generated key").clone();
    let token = sign::encode(r#"{"alg":"ES256"}"#, r#"{"sub":"g"}"#, Algorithm::ES256, &key).unwrap();
    harness.state_mut().send(Command::SetInput(token));
    step(&mut harness);
    assert_eq!(harness.state().inspection().signature.status, SignatureStatus::Valid);
}

#[test]
fn edit_mode_with_a_preset_snapshot() {
    let mut harness = harness(egui::Theme::Dark, true);
    step(&mut harness);
    harness.state_mut().send(Command::ToggleEdit);
    step(&mut harness);
    harness
        .state_mut()
        .send(Command::ApplyPreset(jwt_inspector::jose::presets::Preset::KeyConfusion { trailing_newline: true }));
    step(&mut harness);
    assert!(
        harness
            .state()
            .inspection()
            .findings
            .iter()
            .any(|f| f.id == jwt_inspector::jose::findings::FindingId::KeyConfusion)
    );
    harness.snapshot("edit_mode_key_confusion");
}

#[test]
fn entering_edit_mode_keeps_the_text_around_the_token() {
    let mut harness = harness(egui::Theme::Dark, true);
    step(&mut harness);
    let before = harness.state().input().to_owned();
    assert!(before.starts_with("Authorization: Bearer "));
    harness.state_mut().send(Command::ToggleEdit);
    step(&mut harness);
    assert_eq!(harness.state().input(), before, "only an edit changes the input");
}

/// An input over `FOLD_ABOVE` is shown folded (both ends and each segment boundary), with
/// its verdicts intact; "Show all" brings back the editor with every character.
#[test]
fn a_huge_token_is_folded_until_show_all() {
    let mut harness = harness(egui::Theme::Dark, false);
    let filler = "x".repeat(jwt_inspector::app::panes::encoded::FOLD_ABOVE);
    let token = hs256(&format!(r#"{{"sub":"big","data":"{filler}","exp":{}}}"#, NOW + 600));
    harness.state_mut().send(Command::SetInput(token.clone()));
    step(&mut harness);
    // Inspected off the UI thread: the window says so and keeps drawing meanwhile.
    wait_for_inspection(&mut harness);
    assert!(
        harness.query_by_role_and_label(egui::Role::MultilineTextInput, "Encoded token").is_none(),
        "the editor is folded away"
    );
    let folded = harness.get_by_label_contains("characters folded");
    let shown = folded.accesskit_node().value().unwrap_or_default();
    assert!(shown.contains("characters folded"), "{}", &shown[..200.min(shown.len())]);
    assert!(shown.starts_with(&token[..100]) && shown.ends_with(&token[token.len() - 43..]), "both ends stay");
    assert!(shown.len() < 20_000, "folded to {} bytes", shown.len());
    shows(&harness, "\"big\"");

    harness.get_by_label("Show all").click();
    step(&mut harness);
    assert!(harness.query_by_label_contains("characters folded").is_none());
    editor(&harness).click();
    step(&mut harness);
    assert_eq!(harness.state().input(), token, "nothing was lost");
}

/// Runs frames until a background inspection (inputs over 256 KB) has arrived.
fn wait_for_inspection(harness: &mut Harness<'_, App>) {
    for _ in 0..500 {
        if !harness.state().inspecting() {
            step(harness);
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    panic!("the background inspection never arrived");
}

#[test]
fn a_large_paste_is_inspected_off_the_ui_thread_and_the_newest_input_wins() {
    let mut harness = harness(egui::Theme::Dark, false);
    let big = hs256(&format!(r#"{{"sub":"big","data":"{}"}}"#, "y".repeat(2_000_000)));
    harness.state_mut().send(Command::PasteToken(big));
    // The frame that takes the paste starts the worker and draws at once: the result can
    // only be taken at the start of a later frame.
    harness.step();
    assert!(harness.state().inspecting());
    assert!(harness.query_by_label_contains("Inspecting 2.7 MB…").is_some(), "the window says it is working");
    // A newer, small paste wins over the large one still being inspected.
    let small = hs256(r#"{"sub":"small"}"#);
    harness.state_mut().send(Command::PasteToken(small.clone()));
    step(&mut harness);
    wait_for_inspection(&mut harness);
    let claims = harness
        .state()
        .inspection()
        .token
        .as_ref()
        .and_then(|t| t.claims())
        .map(|c| c.get_str("sub").map(str::to_owned));
    assert_eq!(claims, Some(Some("small".to_owned())));
    assert_eq!(harness.state().input(), small);
}

fn with_settings(settings: UiSettings) -> Harness<'static, App> {
    Harness::builder()
        .with_size([1400.0, 900.0])
        .wgpu_setup(gl_only())
        .build_eframe(move |_cc| App::with_settings(settings.clone(), clock()))
}

#[test]
fn an_audience_expectation_turns_the_verdict_line_and_the_title_to_rejected() {
    let mut settings = UiSettings::default();
    settings.inspection.expect.audience = Some("orders-api".to_owned());
    let mut harness = with_settings(settings);
    harness.state_mut().send(Command::SetInput(hs256(&format!(r#"{{"aud":"billing-api","exp":{}}}"#, NOW + 600))));
    harness.state_mut().send(Command::SetSecret { text: SECRET.into(), encoding: SecretEncoding::Utf8 });
    step(&mut harness);
    // The signature verifies, and still the answer is no: the audience is wrong.
    assert_eq!(harness.state().inspection().signature.status, SignatureStatus::Valid);
    let line = harness
        .query_all_by_label_contains(
            "✖ Rejected: aud is [\"billing-api\"], which does not include the expected \"orders-api\"",
        )
        .count();
    assert_eq!(line, 1, "the verdict line names the audience");
    assert_eq!(harness.state().title(), "JWT Inspector — HS256 · ✖ rejected · wrong audience");
    // Nowhere does the window say yes: the status bar gives the verdict line's answer.
    shows(&harness, &present::outcome(Outcome::Rejected).label());
    assert!(harness.query_all_by_label_contains(&present::outcome(Outcome::Accepted).label()).next().is_none());
    assert!(harness.query_all_by_label_contains("✔ Accepted").next().is_none());
}

#[test]
fn a_pasted_token_with_only_the_demo_key_loaded_raises_no_false_alarm() {
    let mut harness = harness(egui::Theme::Dark, true);
    step(&mut harness);
    // The user's own RS256 token, signed with a key they have not loaded.
    let other = jwt_inspector::jose::keygen::generate(jwt_inspector::jose::keygen::KeyKind::Rsa(2048)).unwrap();
    let token =
        sign::encode(r#"{"alg":"RS256","kid":"prod-2026"}"#, r#"{"sub":"me"}"#, Algorithm::RS256, &other.key).unwrap();
    harness.state_mut().send(Command::PasteToken(format!("Authorization: Bearer {token}")));
    step(&mut harness);
    assert!(harness.query_all_by_label_contains("does not match").next().is_none(), "no red mismatch");
    assert!(harness.state().inspection_keys().is_empty(), "the demo key went with the demo token");
    shows(&harness, &signature_label(SignatureStatus::Unverifiable));
}

#[test]
fn the_status_bar_and_the_cli_use_the_same_words_for_every_status() {
    let bin = env!("CARGO_BIN_EXE_jwt-inspector");
    let expired = hs256(&format!(r#"{{"exp":{}}}"#, NOW - 60));
    let valid = hs256(&format!(r#"{{"exp":{}}}"#, NOW + 60));
    let none = format!("{}.{}.", base64url::encode(r#"{"alg":"none"}"#), base64url::encode("{}"));
    let text = format!("{}.{}.{}", base64url::encode(r#"{"alg":"HS256"}"#), base64url::encode("text"), "AAAA");
    let cases = [
        (valid.clone(), Some(SECRET), SignatureStatus::Valid, TimeStatus::Valid),
        (valid, Some("wrong secret"), SignatureStatus::Invalid, TimeStatus::Valid),
        (expired.clone(), None, SignatureStatus::Unverifiable, TimeStatus::Expired),
        (hs256("{}"), Some(SECRET), SignatureStatus::Valid, TimeStatus::NoExp),
        (none, None, SignatureStatus::NotSigned, TimeStatus::NoExp),
        (text, None, SignatureStatus::Invalid, TimeStatus::NotApplicable),
        (
            hs256(&format!(r#"{{"nbf":{},"exp":{}}}"#, NOW + 600, NOW + 900)),
            Some(SECRET),
            SignatureStatus::Valid,
            TimeStatus::NotYetValid,
        ),
        (
            hs256(&format!(r#"{{"iat":{},"exp":{}}}"#, NOW + 600, NOW + 900)),
            Some(SECRET),
            SignatureStatus::Valid,
            TimeStatus::IssuedInFuture,
        ),
        (hs256(r#"{"exp":"tomorrow"}"#), Some(SECRET), SignatureStatus::Valid, TimeStatus::Invalid),
    ];
    for (token, secret, signature, time) in cases {
        let mut harness = harness(egui::Theme::Dark, false);
        harness.state_mut().send(Command::SetInput(token.clone()));
        if let Some(secret) = secret {
            harness.state_mut().send(Command::SetSecret { text: secret.into(), encoding: SecretEncoding::Utf8 });
        }
        step(&mut harness);
        let inspection = harness.state().inspection();
        assert_eq!((inspection.signature.status, inspection.timeline.status), (signature, time), "{token}");
        let (signature, time) = (present::signature(signature).label(), present::time(time).label());
        shows(&harness, &format!("signature {signature}"));
        shows(&harness, &format!("time {time}"));
        let mut args = vec!["inspect", token.as_str(), "--now", "1795348800", "--color", "never"];
        if let Some(secret) = secret {
            args.extend(["--secret", secret]);
        }
        let output = std::process::Command::new(bin).args(&args).output().unwrap();
        let cli = String::from_utf8_lossy(&output.stdout);
        assert!(cli.contains(&format!("): {signature} — ")), "CLI says the signature differently:\n{cli}");
        assert!(cli.contains(&format!(": {time} — ")), "CLI says the time differently:\n{cli}");
    }
}

#[test]
fn dragging_the_timeline_holds_the_axis_still_until_the_drag_ends() {
    let mut harness = harness(egui::Theme::Dark, false);
    let token = hs256(&format!(r#"{{"sub":"x","iat":{},"exp":{}}}"#, NOW - 600, NOW + 600));
    harness.state_mut().send(Command::SetInput(token));
    step(&mut harness);
    let geometry = harness.state().timeline_geometry().expect("timeline drawn");
    let exp_x = geometry.exp_x.expect("exp marker");
    let y = geometry.rect.center().y;
    harness.hover_at(egui::pos2(geometry.now_x, y));
    harness.drag_at(egui::pos2(geometry.now_x, y));
    step(&mut harness);
    // Held just past exp for many frames: the instant under the pointer must not creep on.
    harness.hover_at(egui::pos2(exp_x + 20.0, y));
    step(&mut harness);
    let first = harness.state().session().evaluate_at().expect("dragged");
    assert!(first > NOW + 600, "the pointer is past exp");
    for _ in 0..30 {
        harness.hover_at(egui::pos2(exp_x + 20.0, y));
        step(&mut harness);
    }
    let held = harness.state().session().evaluate_at().expect("still dragged");
    assert_eq!(held, first, "the axis moved under a still pointer");
    let geometry = harness.state().timeline_geometry().expect("timeline drawn");
    assert!((geometry.evaluated_x - (exp_x + 20.0)).abs() < 1.0, "the cursor stays under the pointer");
    harness.drop_at(egui::pos2(exp_x + 20.0, y));
    step(&mut harness);
    // Released: the axis takes in the evaluated instant again, and Back to now returns.
    harness.get_by_label("Back to now").click();
    step(&mut harness);
    assert_eq!(harness.state().session().evaluate_at(), None);
}

#[test]
fn the_clock_moving_on_is_not_an_evaluated_at() {
    // The real clock: a second after loading, nothing was dragged, so nothing says
    // "evaluated at" (it did, whenever the inspection was a second old).
    let mut harness = Harness::builder().with_size([1400.0, 900.0]).wgpu_setup(gl_only()).build_eframe(|_cc| {
        let mut app = App::with_settings(UiSettings::default(), Clock::System);
        app.apply(Command::SetInput(hs256(r#"{"sub":"no time claims"}"#)));
        app
    });
    step(&mut harness);
    std::thread::sleep(std::time::Duration::from_millis(2100));
    step(&mut harness);
    assert!(harness.query_by_label("Back to now").is_none(), "no drag, no Back to now");
    assert!(harness.query_by_label_contains("evaluated at").is_none());
}

#[test]
fn clicking_a_findings_text_highlights_its_member() {
    let mut harness = harness(egui::Theme::Dark, false);
    // A long lifetime: the finding concerns `exp`.
    harness
        .state_mut()
        .send(Command::SetInput(hs256(&format!(r#"{{"sub":"x","iat":{NOW},"exp":{}}}"#, NOW + 400 * 86_400))));
    step(&mut harness);
    let finding = harness.state().inspection().findings.iter().find(|f| f.id.name() == "long-lifetime").cloned();
    let finding = finding.expect("long-lifetime finding");
    // Press and release on the message text itself, not on the row's blank part.
    let at = harness.get_by_label(&finding.message).rect().center();
    harness.hover_at(at);
    step(&mut harness);
    harness.drag_at(at);
    step(&mut harness);
    harness.drop_at(at);
    step(&mut harness);
    let pinned = harness.state().highlight().cloned().expect("the click pinned a highlight");
    assert_eq!(pinned.part, jwt_inspector::jose::lint::Part::Payload);
    let payload =
        harness.state().inspection().token.as_ref().and_then(|t| t.payload.as_ref()).and_then(|p| p.object()).unwrap();
    assert_eq!(payload.value.members()[pinned.member].name, "exp");
}

#[test]
fn a_long_kid_wraps_instead_of_widening_the_signature_pane() {
    for presenter in [false, true] {
        let settings = UiSettings { presenter, theme: ThemeChoice::Dark, ..UiSettings::default() };
        let mut harness = Harness::builder()
            .with_size([1400.0, 900.0])
            .wgpu_setup(gl_only())
            .build_eframe(move |_cc| App::with_settings(settings.clone(), clock()));
        // A token whose kid is 200 characters without a space.
        let kid = "k".repeat(200);
        let header = format!(r#"{{"alg":"HS256","kid":"{kid}"}}"#);
        let key = keys::secret_from_text(SECRET, SecretEncoding::Utf8, "t").unwrap();
        let token = sign::encode(&header, r#"{"sub":"x"}"#, Algorithm::HS256, &key).unwrap();
        harness.state_mut().send(Command::SetInput(token));
        step(&mut harness);
        let before = harness.state().settings().signature_fraction;
        harness.state_mut().send(Command::GenerateKey(jwt_inspector::jose::keygen::KeyKind::Ed25519));
        harness.state_mut().send(Command::LoadKey {
            name: "long-kid.jwk".into(),
            bytes: format!(r#"{{"kty":"oct","k":"c2VjcmV0","kid":"{kid}"}}"#).into_bytes(),
        });
        step(&mut harness);
        step(&mut harness);
        let after = harness.state().settings().signature_fraction;
        assert!((after - before).abs() < 0.001, "presenter {presenter}: the pane went from {before} to {after}");
        // Every key card's remove button is inside the window, not pushed out by the kid.
        for button in harness.query_all_by_label("✖") {
            assert!(button.rect().max.x <= 1400.0, "presenter {presenter}: ✖ at {:?}", button.rect());
        }
    }
}
