//! The workbench's state machine without a window: `Session::apply(Command) -> Vec<Effect>`.

use crate::common::{at, read};
use jwt_inspector::app::command::EditAction;
use jwt_inspector::app::{Clock, Command, Effect, Session, UiSettings};
use jwt_inspector::jose::alg::Algorithm;
use jwt_inspector::jose::keys::{Origin, SecretEncoding};
use jwt_inspector::jose::presets::Preset;
use jwt_inspector::jose::secrets::{self, CrackOutcome};
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
    assert_eq!(inspection.timeline.claim("exp").and_then(|c| c.date()).map(|d| d.timestamp()), Some(NOW + 3600));
}

#[test]
fn a_preset_forges_its_token_and_says_re_signing_is_off() {
    let mut s = session();
    apply(&mut s, [Command::SetInput(hs256(r#"{"sub":"u"}"#)), Command::ToggleEdit]);
    apply(&mut s, [Command::ApplyPreset(Preset::AlgNone("none"))]);
    assert_eq!(s.inspection().signature.status, SignatureStatus::NotSigned);
    let edit = s.edit_state().expect("still editing");
    assert!(!edit.auto_sign, "the preset's token is kept as made");
    assert!(edit.preset_note.as_deref().is_some_and(|n| n.contains("none")));
}

#[test]
fn keys_load_list_unusable_ones_and_remove() {
    let mut s = session();
    apply(&mut s, [Command::LoadKey { name: "rsa.pem".into(), bytes: read("keys/rsa2048.pub.pem") }]);
    assert_eq!(s.inspection_keys().len(), 1);
    apply(&mut s, [Command::LoadKey { name: "k1.pem".into(), bytes: read("keys/secp256k1.pub.pem") }]);
    assert_eq!(s.inspection_keys().len(), 1, "an unusable file adds no key");
    assert!(s.unusable_keys()[0].error.to_string().starts_with("secp256k1 (ES256K)"));
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
