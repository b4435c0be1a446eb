//! The workbench's state machine without a window: `Session::apply(Command) -> Vec<Effect>`.

use crate::common::{at, read};
use jwt_inspector::app::command::EditAction;
use jwt_inspector::app::{Clock, Command, Effect, Session, UiSettings};
use jwt_inspector::jose::alg::Algorithm;
use jwt_inspector::jose::keys::{Origin, SecretEncoding};
use jwt_inspector::jose::presets::Preset;
use jwt_inspector::jose::secrets::{self, CrackOutcome};
use jwt_inspector::jose::timeline::TimeClaim;
use jwt_inspector::jose::verify::SignatureStatus;

const NOW: i64 = 1_795_348_800;
const SECRET: &str = "a session secret that is long enough";

fn session() -> Session {
    Session::new(UiSettings::default(), Clock::Fixed(at(NOW)))
}

fn hs256(payload: &str) -> String {
    hs256_with(SECRET, payload)
}

fn hs256_with(secret: &str, payload: &str) -> String {
    let key = jwt_inspector::jose::keys::secret_from_text(secret, SecretEncoding::Utf8, "t").unwrap();
    jwt_inspector::jose::sign::encode(r#"{"alg":"HS256","typ":"JWT"}"#, payload, Algorithm::HS256, &key).unwrap()
}

/// Applies commands and rebuilds the inspection, as a frame does.
fn apply(session: &mut Session, commands: impl IntoIterator<Item = Command>) -> Vec<Effect> {
    let mut effects: Vec<Effect> = commands.into_iter().flat_map(|c| session.apply(c)).collect();
    effects.extend(session.refresh());
    effects
}

#[test]
fn an_edit_re_signs_with_the_secret_and_verifies() {
    let mut s = session();
    apply(
        &mut s,
        [
            Command::SetInput(hs256(&format!(r#"{{"sub":"u","exp":{}}}"#, NOW + 60))),
            Command::SetSecret { text: SECRET.into(), encoding: SecretEncoding::Utf8 },
        ],
    );
    apply(&mut s, [Command::ToggleEdit]);
    apply(&mut s, [Command::Edit(EditAction::SetTime { claim: "exp", from_now: 3600 })]);
    let inspection = s.inspection();
    assert_eq!(inspection.signature.status, SignatureStatus::Valid, "{}", inspection.signature.reason);
    assert_eq!(inspection.timeline.claim("exp").and_then(TimeClaim::date).map(|d| d.timestamp()), Some(NOW + 3600));
}

#[test]
fn a_preset_forges_its_token_and_says_re_signing_is_off() {
    let mut s = session();
    apply(&mut s, [Command::SetInput(hs256(r#"{"sub":"u"}"#)), Command::ToggleEdit]);
    apply(&mut s, [Command::ApplyPreset(Preset::AlgNone("none"))]);
    assert_eq!(s.inspection().signature.status, SignatureStatus::NotSigned);
    let edit = s.edit_state().expect("still editing");
    assert!(!edit.auto_sign, "the preset's token is kept as made");
    let note = s.preset_note().expect("the note of the token the preset made");
    assert!(note.contains("none") && note.contains("Re-signing is off"), "{note}");
    // An edit after it: the token is no longer the preset's, and neither is the note.
    apply(&mut s, [Command::Edit(EditAction::Payload(r#"{"sub":"v"}"#.into()))]);
    assert_eq!(s.preset_note(), None);
}

#[test]
fn keys_load_list_unusable_ones_and_remove() {
    let mut s = session();
    apply(&mut s, [Command::LoadKey { name: "rsa.pem".into(), bytes: read("keys/rsa2048.pub.pem") }]);
    assert_eq!(s.inspection_keys().len(), 1);
    apply(&mut s, [Command::LoadKey { name: "k1.pem".into(), bytes: read("keys/ed448.pub.pem") }]);
    assert_eq!(s.inspection_keys().len(), 1, "an unusable file adds no key");
    assert!(s.unusable_keys()[0].error.to_string().starts_with("Ed448"));
    apply(&mut s, [Command::RemoveKey(0), Command::DismissUnusableKey(0)]);
    assert!(s.inspection_keys().is_empty() && s.unusable_keys().is_empty());
}

#[test]
fn a_new_token_during_an_edit_ends_the_edit_and_is_not_overwritten() {
    let mut s = session();
    apply(&mut s, [Command::SetInput(hs256(r#"{"sub":"old"}"#)), Command::ToggleEdit]);
    let pasted = hs256(r#"{"sub":"pasted"}"#);
    apply(&mut s, [Command::PasteToken(pasted.clone())]);
    assert!(s.edit_state().is_none(), "the draft of the old token is closed");
    // A quick action now has no draft to re-encode over the pasted token.
    apply(&mut s, [Command::Edit(EditAction::SetTime { claim: "exp", from_now: 3600 })]);
    assert_eq!(s.input(), pasted);
    assert!(s.note().starts_with("stopped editing"));
}

#[test]
fn the_weak_secret_search_starts_cancels_and_adds_what_it_finds_as_a_key() {
    let mut s = session();
    // Signed with a publicly listed secret; the user typed another one.
    apply(
        &mut s,
        [
            Command::SetInput(hs256_with("secret", "{}")),
            Command::SetSecret { text: "what I typed".into(), encoding: SecretEncoding::Utf8 },
        ],
    );
    assert_eq!(s.inspection().signature.status, SignatureStatus::Invalid);
    let effects = apply(&mut s, [Command::CheckWeakSecret]);
    let search = effects.into_iter().find(|e| matches!(e, Effect::StartCrack { .. })).expect("a search starts");
    let effects = apply(&mut s, [Command::CancelWeakSecret]);
    assert!(effects.iter().any(|e| matches!(e, Effect::CancelCrack)));
    // The search the window runs on a worker thread, run here on what the effect carries.
    let outcome = run_search(search);
    assert_eq!(outcome, CrackOutcome::Found(b"secret".to_vec()));
    s.crack_finished(outcome);
    s.refresh();
    assert_eq!(s.secret_text(), "what I typed", "the typed secret is never overwritten");
    let found = s.inspection_keys().iter().find(|k| k.origin == Origin::KnownSecret).expect("the found key");
    assert_eq!(found.label(), "the publicly known secret \"secret\"");
    let inspection = s.inspection();
    assert_eq!(inspection.signature.status, SignatureStatus::Valid, "{}", inspection.signature.reason);
    assert_eq!(inspection.signature_key(s.inspection_keys()).map(|k| k.origin), Some(Origin::KnownSecret));

    // Offered for the field, put there only when asked.
    assert_eq!(s.crack_secret(), Some("secret"));
    let offered = s.crack_secret().unwrap().to_owned();
    apply(&mut s, [Command::SetSecret { text: offered, encoding: SecretEncoding::Utf8 }]);
    assert_eq!(s.secret_text(), "secret");

    // A secret only in the user's wordlist: the wordlist travels with the effect.
    apply(&mut s, [Command::SetInput(hs256_with("my very own secret 42", "{}"))]);
    let effects = apply(
        &mut s,
        [Command::CheckWeakSecretWith { name: "words.txt".into(), bytes: b"not it\nmy very own secret 42\n".to_vec() }],
    );
    let search = effects.into_iter().find(|e| matches!(e, Effect::StartCrack { .. })).expect("a search starts");
    s.crack_finished(run_search(search));
    s.refresh();
    let inspection = s.inspection();
    assert_eq!(inspection.signature.status, SignatureStatus::Valid, "{}", inspection.signature.reason);
    assert_eq!(inspection.signature_key(s.inspection_keys()).map(|k| k.origin), Some(Origin::Loaded));
}

/// Runs a weak-secret search effect as the workbench's worker thread does.
fn run_search(effect: Effect) -> CrackOutcome {
    let Effect::StartCrack { alg, signing_input, signature, wordlist } = effect else {
        panic!("not a weak-secret search: {effect:?}");
    };
    assert_eq!(alg, Algorithm::HS256);
    secrets::crack(alg, &signing_input, &signature, secrets::candidates(&wordlist), |_| true)
}

#[test]
fn a_large_input_is_inspected_by_an_effect_and_the_newest_wins() {
    let mut s = session();
    let big = hs256(&format!(r#"{{"data":"{}"}}"#, "x".repeat(300_000)));
    let effects = apply(&mut s, [Command::SetInput(big)]);
    let Some(Effect::Inspect(job)) = effects.into_iter().find(|e| matches!(e, Effect::Inspect(_))) else {
        panic!("a large input goes to the background");
    };
    assert!(s.inspecting().is_some());
    // A small input comes in before the large one is done: the late result is dropped.
    apply(&mut s, [Command::SetInput(hs256(r#"{"sub":"small"}"#))]);
    let (generation, inspection, fingerprint) = job.run();
    s.inspected(generation, inspection, fingerprint);
    assert_eq!(s.inspection().token.as_ref().and_then(|t| t.claims()).and_then(|c| c.get_str("sub")), Some("small"));
    assert!(s.inspecting().is_none());
}

#[test]
fn an_opened_file_that_is_not_utf8_is_read_lossily_and_the_note_says_where() {
    let mut s = session();
    let mut bytes = b"caf\xe9 Authorization: Bearer ".to_vec();
    bytes.extend_from_slice(hs256("{}").as_bytes());
    apply(&mut s, [Command::LoadToken { name: "log.txt".into(), bytes }]);
    assert!(s.inspection().token.is_some(), "the token after the bad byte is still found");
    assert_eq!(s.note(), "opened log.txt: not UTF-8 (first invalid byte at offset 3), read with U+FFFD replacements");
    apply(&mut s, [Command::LoadToken { name: "ok.txt".into(), bytes: hs256("{}").into_bytes() }]);
    assert_eq!(s.note(), "opened ok.txt");
}

#[test]
fn text_fields_change_the_session_only_through_commands() {
    use jwt_inspector::app::command::Expect;
    use jwt_inspector::jose::verdict::Outcome;
    let mut s = session();
    let token = hs256(&format!(r#"{{"sub":"u","aud":"api://a","exp":{}}}"#, NOW + 60));
    apply(&mut s, [Command::SetInput(token.clone())]);
    // The token editor sends its whole new text: a space typed at the end keeps the token.
    apply(&mut s, [Command::EditInput(format!("{token} "))]);
    assert_eq!(s.input(), format!("{token} "));
    assert_eq!(s.inspection().token.as_ref().map(|t| t.text.as_str()), Some(token.as_str()));
    // The secret field and its encoding.
    apply(&mut s, [Command::SetSecret { text: SECRET.into(), encoding: SecretEncoding::Utf8 }]);
    assert_eq!(s.inspection().verdict.outcome, Outcome::Accepted);
    apply(&mut s, [Command::SetSecret { text: "%%".into(), encoding: SecretEncoding::Base64 }]);
    assert!(s.inputs().secret_error.is_some(), "a secret that is not base64 says why");
    assert_eq!(s.secret_text(), "%%", "what was typed stays");
    apply(&mut s, [Command::SetSecret { text: SECRET.into(), encoding: SecretEncoding::Utf8 }]);
    // An audience expectation the token does not meet rejects it; clearing it accepts again.
    apply(&mut s, [Command::SetExpectation(Expect::Audience(Some("api://b".into())))]);
    assert_eq!(s.inspection().verdict.outcome, Outcome::Rejected);
    apply(&mut s, [Command::SetExpectation(Expect::Audience(Some(String::new())))]);
    assert_eq!(s.settings().inspection.expect.audience, None, "an emptied field expects nothing");
    assert_eq!(s.inspection().verdict.outcome, Outcome::Accepted);
    // Allowed algorithms as typed, parsed into the list the verifier checks.
    apply(&mut s, [Command::SetExpectation(Expect::Algorithms("RS256, ES256".into()))]);
    assert_eq!(s.settings().inspection.expect.algorithms, ["RS256", "ES256"]);
    assert_eq!(s.settings().algorithms_text, "RS256, ES256");
    assert_eq!(s.inspection().verdict.outcome, Outcome::Rejected);
    // Leeway is bounded.
    apply(&mut s, [Command::SetExpectation(Expect::Leeway(10_000_000))]);
    assert_eq!(s.settings().inspection.leeway, 86_400);
    // A pasted key that does not load stays in the box; one that loads empties it.
    apply(&mut s, [Command::SetKeyPaste("not a key".into()), Command::LoadPastedKey]);
    assert_eq!(s.inputs().key_paste, "not a key");
    let pem = String::from_utf8(read("keys/rsa2048.pub.pem")).unwrap();
    apply(&mut s, [Command::SetKeyPaste(pem), Command::LoadPastedKey]);
    assert_eq!(s.inputs().key_paste, "");
    assert!(s.inspection_keys().iter().any(|k| k.source == "pasted key"));
}

#[test]
fn the_draft_texts_re_sign_or_keep_the_old_signature() {
    let mut s = session();
    apply(
        &mut s,
        [
            Command::SetInput(hs256(r#"{"sub":"u"}"#)),
            Command::SetSecret { text: SECRET.into(), encoding: SecretEncoding::Utf8 },
            Command::ToggleEdit,
        ],
    );
    apply(&mut s, [Command::Edit(EditAction::Payload(r#"{"sub":"admin"}"#.into()))]);
    assert_eq!(s.inspection().signature.status, SignatureStatus::Valid);
    assert!(s.input().contains(&jwt_inspector::jose::base64url::encode(r#"{"sub":"admin"}"#)));
    // Broken JSON: the error is shown, the text kept, the token stays at its last valid form.
    let before = s.input().to_owned();
    apply(&mut s, [Command::Edit(EditAction::Payload(r#"{"sub":"#.into()))]);
    assert!(s.edit_state().and_then(|e| e.payload_error.as_ref()).is_some());
    assert_eq!(s.edit_state().map(|e| e.payload.as_str()), Some(r#"{"sub":"#));
    assert_eq!(s.input(), before);
    // Re-signing off: an edit keeps the old signature, and the verdict names the mismatch.
    apply(&mut s, [Command::Edit(EditAction::SetAutoSign(false))]);
    apply(&mut s, [Command::Edit(EditAction::Payload(r#"{"sub":"root"}"#.into()))]);
    assert_eq!(s.inspection().signature.status, SignatureStatus::Invalid);
    assert_eq!(before.rsplit('.').next(), s.input().rsplit('.').next(), "the signature segment is kept");
    // The header's text and the preset URL are the draft's, as typed.
    apply(&mut s, [Command::Edit(EditAction::SetPresetUrl("https://x.example/jwks".into()))]);
    assert_eq!(s.edit_state().map(|e| e.preset_url.as_str()), Some("https://x.example/jwks"));
    apply(&mut s, [Command::Edit(EditAction::SetCustomMinutes(-5))]);
    assert_eq!(s.edit_state().map(|e| e.custom_minutes), Some(-5));
}

#[test]
fn copying_and_pane_sizes_are_commands_too() {
    use jwt_inspector::app::command::PaneEdge;
    let mut s = session();
    apply(&mut s, [Command::SetInput(hs256("{}"))]);
    let effects = apply(&mut s, [Command::CopyText { what: "the public JWK".into(), text: "{}".into() }]);
    assert!(matches!(effects.as_slice(), [Effect::Copy(text)] if text == "{}"));
    assert_eq!(s.note(), "copied the public JWK");
    apply(&mut s, [Command::ResizePane(PaneEdge::Encoded, 0.4)]);
    assert!((s.settings().encoded_fraction - 0.4).abs() < f32::EPSILON);
    apply(&mut s, [Command::ResizePane(PaneEdge::Encoded, f32::NAN)]);
    assert!((s.settings().encoded_fraction - 0.4).abs() < f32::EPSILON, "a NaN size is ignored");
}

#[test]
fn the_demo_re_signs_when_edited_and_shows_tampering_when_it_does_not() {
    use jwt_inspector::jose::verify::SignatureCause;
    let mut s = session();
    apply(&mut s, [Command::LoadDemo, Command::ToggleEdit]);
    assert!(s.edit_state().and_then(|e| e.signer).is_some(), "the demo's private key signs");
    apply(&mut s, [Command::Edit(EditAction::SetTime { claim: "exp", from_now: 3600 })]);
    assert_eq!(s.inspection().signature.cause, SignatureCause::Verified, "{}", s.inspection().signature.reason);
    // Re-signing off: the trainer's tampering demo says the signature no longer matches.
    apply(&mut s, [Command::Edit(EditAction::SetAutoSign(false))]);
    apply(&mut s, [Command::Edit(EditAction::Payload(r#"{"sub":"admin"}"#.into()))]);
    assert_eq!(s.inspection().signature.cause, SignatureCause::Mismatch, "{}", s.inspection().signature.reason);
}

#[test]
fn a_draft_no_key_can_sign_keeps_its_old_signature_and_says_why() {
    use jwt_inspector::jose::verify::SignatureCause;
    let mut s = session();
    // An RS256 token with only the public key loaded: nothing can re-sign it.
    let private = jwt_inspector::jose::keys::load(&read("keys/rsa2048.pkcs8.pem"), "k").unwrap().keys.remove(0);
    let token =
        jwt_inspector::jose::sign::encode(r#"{"alg":"RS256"}"#, r#"{"sub":"u"}"#, Algorithm::RS256, &private).unwrap();
    apply(
        &mut s,
        [
            Command::SetInput(token.clone()),
            Command::LoadKey { name: "pub.pem".into(), bytes: read("keys/rsa2048.pub.pem") },
        ],
    );
    apply(&mut s, [Command::ToggleEdit, Command::Edit(EditAction::Payload(r#"{"sub":"admin"}"#.into()))]);
    assert_eq!(s.input().rsplit('.').next(), token.rsplit('.').next(), "the old signature is kept");
    assert_eq!(s.inspection().signature.cause, SignatureCause::Mismatch);
    let error = s.edit_state().and_then(|e| e.sign_error.clone()).unwrap_or_default();
    assert!(error.starts_with("not re-signed"), "{error}");
}

#[test]
fn changing_alg_switches_the_signer_to_a_key_that_fits() {
    use jwt_inspector::jose::verify::SignatureCause;
    let mut s = session();
    apply(
        &mut s,
        [
            Command::SetInput(hs256(r#"{"sub":"u"}"#)),
            Command::SetSecret { text: SECRET.into(), encoding: SecretEncoding::Utf8 },
            Command::LoadKey { name: "ec.pem".into(), bytes: read("keys/ecp256.pkcs8.pem") },
            Command::ToggleEdit,
        ],
    );
    assert_eq!(s.edit_state().and_then(|e| e.signer), None, "HS256: the secret field signs");
    apply(&mut s, [Command::Edit(EditAction::SetAlg("ES256".into()))]);
    assert_eq!(s.edit_state().and_then(|e| e.signer), Some(0), "ES256: the EC key signs");
    assert_eq!(s.inspection().signature.cause, SignatureCause::Verified, "{}", s.inspection().signature.reason);
    assert!(s.note().starts_with("signing with"), "{}", s.note());
    // And back: HS256 goes back to the secret field.
    apply(&mut s, [Command::Edit(EditAction::SetAlg("HS256".into()))]);
    assert_eq!(s.edit_state().and_then(|e| e.signer), None);
    assert_eq!(s.inspection().signature.cause, SignatureCause::Verified);
}

#[test]
fn removing_a_key_while_editing_never_signs_with_another_key_unasked() {
    let mut s = session();
    apply(
        &mut s,
        [
            Command::LoadKey { name: "a.pem".into(), bytes: read("keys/ecp256.pkcs8.pem") },
            Command::LoadKey { name: "b.pem".into(), bytes: read("keys/rsa2048.pkcs8.pem") },
        ],
    );
    let private = jwt_inspector::jose::keys::load(&read("keys/rsa2048.pkcs8.pem"), "k").unwrap().keys.remove(0);
    let token = jwt_inspector::jose::sign::encode(r#"{"alg":"RS256"}"#, "{}", Algorithm::RS256, &private).unwrap();
    apply(&mut s, [Command::EditInput(token), Command::ToggleEdit]);
    assert_eq!(s.edit_state().and_then(|e| e.signer), Some(1), "the RSA key signs RS256");
    // Removing the EC key before it: the signer follows the RSA key to index 0.
    apply(&mut s, [Command::RemoveKey(0)]);
    assert_eq!(s.edit_state().and_then(|e| e.signer), Some(0));
    // Removing the signer itself: back to the secret field, not to whatever key is next.
    apply(&mut s, [Command::RemoveKey(0)]);
    assert_eq!(s.edit_state().and_then(|e| e.signer), None);
}
