//! Edit mode (in place of the decoded view): the header and payload as editable text, exactly
//! what gets encoded; live JSON errors with line and column (the token and its verdict stay
//! at the last valid text meanwhile); quick claim actions; the signing key; tester presets.

use egui::RichText;

use crate::app::command::{Command, EditAction};
use crate::app::panes::Cx;
use crate::jose::alg::Algorithm;
use crate::jose::presets::Preset;
use crate::jose::registry::{self, ValueKind};
use crate::jose::sign;

/// The `source` of the key made from the HMAC secret field.
pub const SECRET_FIELD: &str = "the secret field";

#[derive(Default)]
pub struct EditPane {}

impl EditPane {
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut Cx<'_>) {
        let Self {} = self;
        let Some(edit) = cx.inputs.edit.as_mut() else { return };
        let palette = cx.palette;
        egui::ScrollArea::vertical().id_salt("edit-scroll").auto_shrink([false, false]).show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.heading("Edit and re-sign");
                if ui.button("Done").on_hover_text("Back to the decoded view").clicked() {
                    cx.commands.push(Command::ToggleEdit);
                }
                if ui.small_button("Compact").on_hover_text("Remove the whitespace from both texts").clicked() {
                    cx.commands.push(Command::Edit(EditAction::Compact));
                }
            });
            ui.label(RichText::new("These texts are encoded byte for byte; while one is not JSON, the token keeps its last valid form.").small().color(palette.muted));

            // Header.
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("Header").strong().color(palette.header));
                let current = serde_json::from_str::<serde_json::Value>(&edit.header)
                    .ok()
                    .and_then(|h| h.get("alg").and_then(|a| a.as_str()).map(str::to_owned))
                    .unwrap_or_default();
                let combo = egui::ComboBox::from_id_salt("edit-alg").selected_text(format!("alg {current}")).show_ui(ui, |ui| {
                    for name in Algorithm::ALL.iter().map(|a| a.name()).chain(["none"]) {
                        if ui.selectable_label(current == name, name).clicked() {
                            cx.commands.push(Command::Edit(EditAction::SetAlg(name.to_owned())));
                        }
                    }
                });
                combo.response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Header alg"));
            });
            let header = ui.add(egui::TextEdit::multiline(&mut edit.header).id_salt("edit-header").code_editor().desired_rows(3).desired_width(f32::INFINITY));
            header.widget_info(|| egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, "Header JSON"));
            if header.changed() {
                cx.commands.push(Command::EditChanged);
            }
            if let Some(error) = &edit.header_error {
                ui.label(RichText::new(format!("✖ header: {error}")).color(palette.bad));
            }

            // Payload.
            ui.add_space(6.0);
            ui.label(RichText::new("Payload").strong().color(palette.payload));
            let payload = ui.add(egui::TextEdit::multiline(&mut edit.payload).id_salt("edit-payload").code_editor().desired_rows(8).desired_width(f32::INFINITY));
            payload.widget_info(|| egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, "Payload JSON"));
            if payload.changed() {
                cx.commands.push(Command::EditChanged);
            }
            if let Some(error) = &edit.payload_error {
                ui.label(RichText::new(format!("✖ payload: {error}")).color(palette.bad));
            }
            ui.horizontal_wrapped(|ui| {
                for (label, from_now) in [("exp = now + 5 min", 300), ("+ 1 h", 3_600), ("+ 1 day", 86_400)] {
                    if ui.small_button(label).clicked() {
                        cx.commands.push(Command::Edit(EditAction::SetTime { claim: "exp", from_now }));
                    }
                }
                ui.add(egui::DragValue::new(&mut edit.custom_minutes).range(-525_600..=5_256_000).suffix(" min"));
                if ui.small_button("set exp").on_hover_text("exp = now + this many minutes (negative: already expired)").clicked() {
                    cx.commands.push(Command::Edit(EditAction::SetTime { claim: "exp", from_now: edit.custom_minutes * 60 }));
                }
                for claim in ["iat", "nbf"] {
                    if ui.small_button(format!("{claim} = now")).clicked() {
                        cx.commands.push(Command::Edit(EditAction::SetTime { claim, from_now: 0 }));
                    }
                }
            });
            ui.horizontal_wrapped(|ui| {
                let names: Vec<String> = crate::jose::json::parse(&edit.payload)
                    .map(|root| root.value.members().iter().map(|m| m.name.clone()).collect())
                    .unwrap_or_default();
                egui::ComboBox::from_id_salt("remove-claim").selected_text("remove a claim").show_ui(ui, |ui| {
                    for name in &names {
                        if ui.selectable_label(false, name).clicked() {
                            cx.commands.push(Command::Edit(EditAction::RemoveClaim(name.clone())));
                        }
                    }
                }).response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Remove a claim"));
                egui::ComboBox::from_id_salt("add-claim").selected_text("add a registered claim").height(300.0).show_ui(ui, |ui| {
                    for entry in registry::CLAIMS.iter().filter(|e| !names.iter().any(|n| n == e.name)) {
                        if ui.selectable_label(false, format!("{} — {}", entry.name, entry.title)).on_hover_text(entry.meaning).clicked() {
                            cx.commands.push(Command::Edit(EditAction::AddClaim(entry.name.to_owned())));
                        }
                    }
                }).response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Add a registered claim"));
            });

            // Signing.
            ui.add_space(6.0);
            ui.separator();
            ui.label(RichText::new("Sign").strong().color(palette.signature));
            let alg = serde_json::from_str::<serde_json::Value>(&edit.header)
                .ok()
                .and_then(|h| h.get("alg").and_then(|a| a.as_str()).and_then(Algorithm::from_name));
            let has_secret = !cx.inputs.secret.is_empty();
            let signer_label = |index: Option<usize>| match index {
                None if !has_secret => "the HMAC secret field (empty: signs with the empty secret)".to_owned(),
                None => "the HMAC secret field".to_owned(),
                Some(i) => cx.keys.get(i).map_or_else(String::new, |k| k.label()),
            };
            ui.horizontal_wrapped(|ui| {
                ui.label("with");
                let combo = egui::ComboBox::from_id_salt("signer").selected_text(signer_label(edit.signer)).show_ui(ui, |ui| {
                    if ui.selectable_label(edit.signer.is_none(), signer_label(None)).clicked() {
                        cx.commands.push(Command::Edit(EditAction::SetSigner(None)));
                    }
                    for (i, key) in cx.keys.iter().enumerate() {
                        // The secret field's key is offered as the entry above.
                        if key.origin == crate::jose::keys::Origin::SecretField {
                            continue;
                        }
                        let fits = alg.is_some_and(|a| sign::can_sign(key, a));
                        let label = format!("{}{}", key.label(), if fits { "" } else { " (cannot sign this alg)" });
                        if ui.selectable_label(edit.signer == Some(i), label).clicked() {
                            cx.commands.push(Command::Edit(EditAction::SetSigner(Some(i))));
                        }
                    }
                });
                combo.response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Signing key"));
                if ui.checkbox(&mut edit.auto_sign, "re-sign on every edit").changed() {
                    cx.commands.push(Command::EditChanged);
                }
                if ui.button("Sign").clicked() {
                    cx.commands.push(Command::SignEdited);
                }
            });
            if let Some(error) = &edit.sign_error {
                ui.label(RichText::new(format!("✖ {error}")).color(palette.bad));
            }

            // Presets.
            ui.add_space(6.0);
            ui.separator();
            ui.horizontal_wrapped(|ui| {
                ui.menu_button("Tester presets…", |ui| {
                    for preset in Preset::all() {
                        let preset = match preset {
                            Preset::Jku(_) => Preset::Jku(edit.preset_url.clone()),
                            Preset::X5u(_) => Preset::X5u(edit.preset_url.clone()),
                            other => other,
                        };
                        if ui.button(preset.label()).on_hover_text(preset.explanation()).clicked() {
                            cx.commands.push(Command::ApplyPreset(preset));
                            ui.close();
                        }
                    }
                });
                ui.label("URL for jku / x5u:");
                ui.add(egui::TextEdit::singleline(&mut edit.preset_url).desired_width(260.0))
                    .on_hover_text("Put into the header only: this tool never fetches it")
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "URL for jku / x5u"));
            });
            if let Some(note) = &edit.preset_note {
                ui.label(RichText::new(note).color(palette.info));
            }

            // What the token holds now: while a text is broken, the last valid decode.
            ui.add_space(6.0);
            ui.separator();
            let broken = edit.header_error.is_some() || edit.payload_error.is_some();
            let title = if broken { "The token still holds (last valid text)" } else { "The token holds" };
            egui::CollapsingHeader::new(title).id_salt("edit-current").default_open(broken).show(ui, |ui| {
                let token = cx.inspection.token.as_ref();
                for content in [token.and_then(|t| t.header.as_ref()), token.and_then(|t| t.payload.as_ref())].into_iter().flatten() {
                    let text = match content {
                        crate::jose::token::Content::Json { root, .. } => serde_json::to_string_pretty(&root.to_serde()).unwrap_or_default(),
                        other => other.text().unwrap_or_default().to_owned(),
                    };
                    crate::app::panes::code_label(ui, &text, palette.muted, true);
                }
            });
        });
    }
}

/// A sensible default value (JSON text) for a newly added registered claim.
pub fn default_value(name: &str, now: i64) -> String {
    match registry::lookup(registry::Place::Claim, name).map(|e| e.kind) {
        Some(ValueKind::NumericDate) => now.to_string(),
        Some(ValueKind::Boolean) => "false".to_owned(),
        Some(ValueKind::Array) => "[]".to_owned(),
        Some(ValueKind::Object) => "{}".to_owned(),
        Some(ValueKind::Number) => "0".to_owned(),
        Some(ValueKind::Any) => "null".to_owned(),
        _ => match name {
            "iss" => "\"https://issuer.example\"".to_owned(),
            "aud" => "\"api://example\"".to_owned(),
            "jti" => format!("\"{now:x}\""),
            _ => "\"\"".to_owned(),
        },
    }
}
