//! Pane 3: signature and keys. The core's verdict (word, colour, icon, cause and repair
//! hints), the signing input and signature bytes, the loaded keys, the key loaders (file
//! dialog, drop, paste), the HMAC secret field and the weak-secret search, plus the optional
//! expectations and key generation.

use egui::RichText;

use crate::app::command::Command;
use crate::app::panes::{Cx, code_label};
use crate::jose::keys::SecretEncoding;
use crate::jose::token::TokenKind;

/// The signature and keys pane.
#[derive(Default)]
pub struct SignaturePane {}

impl SignaturePane {
    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut Cx<'_>) {
        let Self {} = self;
        egui::ScrollArea::vertical().id_salt("signature-scroll").auto_shrink([false, false]).show(ui, |ui| {
            verdict_ui(ui, cx);
            ui.separator();
            keys_ui(ui, cx);
            ui.separator();
            secret_ui(ui, cx);
            ui.separator();
            weak_secret_ui(ui, cx);
            expectations_ui(ui, cx);
            generate_ui(ui, cx);
        });
    }
}

fn verdict_ui(ui: &mut egui::Ui, cx: &mut Cx<'_>) {
    let inspection = cx.inspection;
    let verdict = &inspection.signature;
    ui.heading(RichText::new("Signature").color(cx.palette.signature));
    let (color, label) = cx.palette.look(crate::present::signature(verdict.status));
    ui.label(RichText::new(label).strong().size(18.0).color(color));
    ui.label(RichText::new(&verdict.reason).color(color));
    for hint in &verdict.hints {
        ui.label(RichText::new(format!("Hint: {hint}")).color(cx.palette.info));
    }
    if verdict.attempts.len() > 1 {
        egui::CollapsingHeader::new(format!("{} keys tried", verdict.attempts.len())).id_salt("attempts").show(
            ui,
            |ui| {
                for attempt in &verdict.attempts {
                    ui.label(RichText::new(format!("{}: {}", attempt.label, attempt.outcome)).small());
                }
            },
        );
    }
    let Some(token) = &inspection.token else { return };
    if token.kind == TokenKind::Jwe {
        return;
    }
    egui::Grid::new("signature-facts").num_columns(2).spacing([8.0, 2.0]).show(ui, |ui| {
        ui.label("Algorithm");
        ui.label(RichText::new(inspection.alg.label()).monospace().strong());
        ui.end_row();
    });
    // Below the grid, wrapping anywhere: a long kid must not widen the pane.
    if let Some(kid) = &inspection.kid {
        ui.horizontal_wrapped(|ui| {
            ui.label("Key id (kid)");
            code_label(ui, kid, ui.visuals().strong_text_color(), false);
        });
    }
    egui::CollapsingHeader::new("Signing input and signature bytes")
        .id_salt("signing-input")
        .default_open(cx.settings.presenter)
        .show(ui, |ui| {
            ui.label(
                RichText::new("Signing input = base64url(header) . base64url(payload), the exact received bytes:")
                    .small(),
            );
            if let Some(input) = token.signing_input() {
                let shown = if input.len() > 600 {
                    format!("{}… ({} bytes)", input.get(..600).unwrap_or_default(), input.len())
                } else {
                    input.to_owned()
                };
                code_label(ui, &shown, ui.visuals().text_color(), true);
            }
            match token.signature() {
                Some(sig) => {
                    ui.label(RichText::new(format!("Signature: {} bytes", sig.len())).small());
                    let hex: Vec<String> = sig.iter().take(256).map(|b| format!("{b:02x}")).collect();
                    code_label(ui, &hex.join(" "), cx.palette.signature, true);
                }
                None => {
                    ui.label(RichText::new("The signature segment is not base64url.").color(cx.palette.bad));
                }
            }
        });
}

fn keys_ui(ui: &mut egui::Ui, cx: &mut Cx<'_>) {
    ui.horizontal(|ui| {
        ui.heading("Keys");
        let open = Command::OpenKeyDialog;
        let hint = format!("{}: {}", crate::app::menu::hint(ui.ctx(), &open), open.tooltip());
        if ui.button("Load key…").on_hover_text(hint).clicked() {
            cx.commands.push(open);
        }
        if !cx.keys.is_empty() && ui.small_button("Remove all").clicked() {
            cx.commands.push(Command::ClearKeys);
        }
    });
    if let Some(why) = cx.dialog_unavailable {
        ui.label(RichText::new(why).small().color(cx.palette.warn));
    } else {
        ui.label(RichText::new("…or drop key files on the window, or paste below.").small().color(cx.palette.muted));
    }
    let verified = cx
        .inspection
        .signature
        .key
        .filter(|_| cx.inspection.signature.status == crate::jose::verify::SignatureStatus::Valid);
    for (index, key) in cx.keys.iter().enumerate() {
        let frame = egui::Frame::group(ui.style()).inner_margin(egui::Margin::same(4));
        frame.show(ui, |ui| key_card_ui(ui, cx, index, key, verified == Some(index)));
    }
    for (index, unusable) in cx.unusable_keys.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            let look = crate::present::UNUSABLE_KEY;
            let text = format!("{} {}: {}", look.icon, unusable.source, unusable.error);
            ui.label(RichText::new(text).color(cx.palette.tone(look.tone)));
            if ui.small_button("Dismiss").on_hover_text("Remove this message").clicked() {
                cx.commands.push(Command::DismissUnusableKey(index));
            }
        });
    }
    egui::CollapsingHeader::new("Paste a key (PEM, certificate, JWK or JWKS)").id_salt("paste-key").show(ui, |ui| {
        let mut text = std::borrow::Cow::Borrowed(cx.inputs.key_paste.as_str());
        let response = ui.add(
            egui::TextEdit::multiline(&mut text)
                .id_salt("key-paste")
                .desired_rows(4)
                .desired_width(f32::INFINITY)
                .code_editor()
                .hint_text("-----BEGIN PUBLIC KEY-----\n…"),
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, "Pasted key"));
        if let std::borrow::Cow::Owned(text) = text {
            cx.commands.push(Command::SetKeyPaste(text));
        }
        if ui.button("Load pasted key").clicked() {
            cx.commands.push(Command::LoadPastedKey);
        }
    });
}

/// One loaded key: its name, kid, origin, format, thumbprint and notes, and ✖.
fn key_card_ui(ui: &mut egui::Ui, cx: &mut Cx<'_>, index: usize, key: &crate::jose::keys::Key, verified: bool) {
    // The remove button first, on the right, so nothing long can push it out; the
    // kid (a thumbprint has no spaces) wraps anywhere below the name.
    ui.horizontal(|ui| {
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.small_button("✖").on_hover_text("Remove this key").clicked() {
                cx.commands.push(Command::RemoveKey(index));
            }
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center).with_main_wrap(true), |ui| {
                if verified {
                    ui.label(RichText::new("✔ verified").color(cx.palette.good).strong());
                }
                ui.label(RichText::new(key.short_name()).strong());
            });
        });
    });
    if let Some(kid) = &key.kid {
        ui.horizontal_wrapped(|ui| {
            ui.label("kid");
            code_label(ui, kid, ui.visuals().text_color(), false);
        });
    }
    if key.origin == crate::jose::keys::Origin::KnownSecret {
        ui.label(
            RichText::new("Found automatically in the public list of known JWT secrets").small().color(cx.palette.bad),
        );
    }
    if cx.demo_keys.contains(&index) {
        ui.label(
            RichText::new("Demo key: public demo material, never use it for anything real")
                .small()
                .color(cx.palette.warn),
        );
    }
    let algorithms: Vec<&str> = key.algorithms().iter().map(|a| a.name()).collect();
    ui.label(RichText::new(format!("{} · from {} · fits {}", key.format, key.source, algorithms.join(", "))).small());
    code_label(ui, &format!("thumbprint {}", key.thumbprint()), cx.palette.muted, true)
        .on_hover_text("RFC 7638 JWK thumbprint (SHA-256)");
    if let Some(cert) = &key.certificate {
        ui.label(RichText::new(format!("certificate: {}", cert.subject)).small());
    }
    for note in &key.notes {
        ui.label(RichText::new(format!("note: {note}")).small().color(cx.palette.info));
    }
}

fn secret_ui(ui: &mut egui::Ui, cx: &mut Cx<'_>) {
    let inputs = cx.inputs;
    ui.label(RichText::new("HMAC secret").strong()).on_hover_text("For HS256/384/512 tokens. Never saved to disk.");
    ui.horizontal(|ui| {
        let width = ui.available_width() - 190.0;
        let mut text = std::borrow::Cow::Borrowed(inputs.secret.as_str());
        let response = ui.add(
            egui::TextEdit::singleline(&mut text)
                .id_salt("secret")
                .password(!inputs.secret_visible)
                .desired_width(width.max(80.0))
                .hint_text("secret"),
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "HMAC secret"));
        let mut encoding = inputs.secret_encoding;
        let combo = egui::ComboBox::from_id_salt("secret-encoding")
            .selected_text(encoding.label())
            .width(90.0)
            .show_ui(ui, |ui| {
                for choice in SecretEncoding::ALL {
                    ui.selectable_value(&mut encoding, choice, choice.label());
                }
            });
        combo
            .response
            .on_hover_text("How the secret's text is read: the tool never guesses")
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Secret encoding"));
        if matches!(text, std::borrow::Cow::Owned(_)) || encoding != inputs.secret_encoding {
            cx.commands.push(Command::SetSecret { text: text.into_owned(), encoding });
        }
        let mut visible = inputs.secret_visible;
        if ui.checkbox(&mut visible, "show").changed() {
            cx.commands.push(Command::ShowSecret(visible));
        }
    });
    if let Some(error) = &inputs.secret_error {
        ui.label(RichText::new(format!("✖ {error}")).color(cx.palette.bad));
    }
}

fn expectations_ui(ui: &mut egui::Ui, cx: &mut Cx<'_>) {
    use crate::app::command::Expect;
    let settings = cx.settings;
    egui::CollapsingHeader::new("Expectations and leeway").id_salt("expectations").show(ui, |ui| {
        let expect = &settings.inspection.expect;
        egui::Grid::new("expect-grid").num_columns(2).show(ui, |ui| {
            let fields = [
                (Command::SetExpectation(Expect::Issuer(None)), &expect.issuer),
                (Command::SetExpectation(Expect::Audience(None)), &expect.audience),
            ];
            for (command, field) in fields {
                ui.label(command.label()).on_hover_text(command.tooltip());
                let mut text = std::borrow::Cow::Borrowed(field.as_deref().unwrap_or_default());
                ui.add(egui::TextEdit::singleline(&mut text).desired_width(220.0).hint_text("any"));
                if let std::borrow::Cow::Owned(text) = text {
                    cx.commands.push(match command {
                        Command::SetExpectation(Expect::Issuer(_)) => {
                            Command::SetExpectation(Expect::Issuer(Some(text)))
                        }
                        _ => Command::SetExpectation(Expect::Audience(Some(text))),
                    });
                }
                ui.end_row();
            }
            ui.label("Allowed algorithms");
            let mut text = std::borrow::Cow::Borrowed(settings.algorithms_text.as_str());
            ui.add(egui::TextEdit::singleline(&mut text).desired_width(220.0).hint_text("any, e.g. RS256, ES256"));
            if let std::borrow::Cow::Owned(text) = text {
                cx.commands.push(Command::SetExpectation(Expect::Algorithms(text)));
            }
            ui.end_row();
            ui.label("Leeway (seconds)");
            let mut leeway = settings.inspection.leeway;
            if ui.add(egui::DragValue::new(&mut leeway).range(0..=86_400)).changed() {
                cx.commands.push(Command::SetExpectation(Expect::Leeway(leeway)));
            }
            ui.end_row();
        });
        for check in &cx.inspection.checks {
            let look = crate::present::check(check.passed);
            let text = format!("{} {}", look.icon, check.message);
            ui.label(RichText::new(text).color(cx.palette.tone(look.tone)));
        }
    });
}

fn weak_secret_ui(ui: &mut egui::Ui, cx: &mut Cx<'_>) {
    let hmac = cx.inspection.alg.known().is_some_and(|a| a.family() == crate::jose::alg::Family::Hmac);
    if !hmac {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        if let Some((tried, total)) = cx.crack_progress {
            #[allow(clippy::cast_precision_loss, reason = "a progress fraction")]
            let fraction = tried as f32 / total.max(1) as f32;
            ui.add(egui::ProgressBar::new(fraction).desired_width(160.0).text(format!("{tried} / {total}")));
            if ui.button("Cancel").clicked() {
                cx.commands.push(Command::CancelWeakSecret);
            }
        } else {
            let count = crate::jose::secrets::known().len();
            if ui
                .button("Check for a weak secret")
                .on_hover_text(format!(
                    "Try the {count} publicly known JWT secrets (wallarm/jwt-secrets) against this token"
                ))
                .clicked()
            {
                cx.commands.push(Command::CheckWeakSecret);
            }
            if ui.small_button("…and a wordlist").on_hover_text("Also try each line of a file you pick").clicked() {
                cx.commands.push(Command::OpenWordlistDialog);
            }
        }
    });
    if cx.known_secret_search {
        ui.label(RichText::new("Trying the publicly known secrets…").small().color(cx.palette.muted));
    }
    if let Some((tone, result)) = cx.crack_result {
        ui.label(RichText::new(result).color(cx.palette.tone(*tone)));
    }
    // Found: it is loaded as a key already; the secret field (which the editor signs with)
    // changes only when the user says so.
    if let Some(secret) = cx.crack_secret
        && cx.inputs.secret != secret
        && ui
            .button("Use this secret")
            .on_hover_text("Put it in the HMAC secret field (the editor signs with it)")
            .clicked()
    {
        cx.commands.push(Command::SetSecret { text: secret.to_owned(), encoding: SecretEncoding::Utf8 });
    }
    ui.separator();
}

fn generate_ui(ui: &mut egui::Ui, cx: &mut Cx<'_>) {
    use crate::jose::keygen::KeyKind;
    egui::CollapsingHeader::new("Generate a key").id_salt("generate").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            for kind in KeyKind::ALL {
                if ui.small_button(kind.label()).clicked() {
                    cx.commands.push(Command::GenerateKey(kind));
                }
            }
        });
        let Some(generated) = cx.generated else {
            ui.label(
                RichText::new(
                    "A generated key is added to the keys above; its files are written only where you save them.",
                )
                .small()
                .color(cx.palette.muted),
            );
            return;
        };
        let kid = generated.key.kid.clone().unwrap_or_default();
        ui.label(RichText::new(format!("{} · kid {kid}", generated.key.short_name())).strong());
        let pretty = |v: &serde_json::Value| serde_json::to_string_pretty(v).unwrap_or_default();
        let mut exports: Vec<(&str, String, String)> = Vec::new();
        if let Some(pem) = &generated.private_pem {
            exports.push(("private PEM", pem.clone(), "private.pem".to_owned()));
        }
        if let Some(pem) = &generated.public_pem {
            exports.push(("public PEM", pem.clone(), "public.pem".to_owned()));
        }
        exports.push(("private JWK", pretty(&generated.private_jwk), "private.jwk.json".to_owned()));
        if generated.public_pem.is_some() {
            exports.push(("public JWK", pretty(&generated.public_jwk), "public.jwk.json".to_owned()));
            exports.push(("JWKS", pretty(&generated.jwks), "jwks.json".to_owned()));
        }
        egui::Grid::new("exports").num_columns(3).show(ui, |ui| {
            for (what, text, file) in exports {
                ui.label(what);
                if ui.small_button("Copy").clicked() {
                    cx.commands.push(Command::CopyText { what: format!("the {what}"), text: text.clone() });
                }
                if ui.small_button("Save…").clicked() {
                    cx.commands.push(Command::SaveAs { name: format!("{kid}.{file}"), contents: text });
                }
                ui.end_row();
            }
        });
    });
}
