//! Edit mode (in place of the decoded view): the header and payload as editable text, exactly
//! what gets encoded; live JSON errors with line and column (the token and its verdict stay
//! at the last valid text meanwhile); quick claim actions; the signing key; tester presets.

use std::borrow::Cow;

use egui::RichText;

use crate::app::command::{Command, EditAction};
use crate::app::panes::Cx;
use crate::app::settings::EditState;
use crate::jose::alg::Algorithm;
use crate::jose::keys::Key;
use crate::jose::presets::Preset;
use crate::jose::registry;
use crate::jose::sign;

/// The editor pane (it keeps nothing between frames: the draft is the session's).
#[derive(Default)]
pub struct EditPane {}

/// A code text field over `text`; returns the new text when the user edited it.
fn code_field(ui: &mut egui::Ui, text: &str, id: &str, rows: usize, name: &'static str) -> Option<String> {
    let mut buffer = Cow::Borrowed(text);
    let response = ui.add(
        egui::TextEdit::multiline(&mut buffer)
            .id_salt(id)
            .code_editor()
            .desired_rows(rows)
            .desired_width(f32::INFINITY),
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, name));
    match buffer {
        Cow::Owned(edited) => Some(edited),
        Cow::Borrowed(_) => None,
    }
}

/// The alg the header text names, if it is JSON with a string `alg`.
fn header_alg(header: &str) -> Option<String> {
    serde_json::from_str::<serde_json::Value>(header).ok()?.get("alg")?.as_str().map(str::to_owned)
}

impl EditPane {
    /// Draws the editor.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut Cx<'_>) {
        let Self {} = self;
        let Some(edit) = cx.inputs.edit.as_ref() else { return };
        egui::ScrollArea::vertical().id_salt("edit-scroll").auto_shrink([false, false]).show(ui, |ui| {
            texts_ui(ui, cx, edit);
            quick_actions_ui(ui, cx, edit);
            signing_ui(ui, cx, edit);
            presets_ui(ui, cx, edit);
            current_ui(ui, cx, edit);
        });
    }
}

/// The heading, and the header and payload texts with their JSON errors.
fn texts_ui(ui: &mut egui::Ui, cx: &mut Cx<'_>, edit: &EditState) {
    let palette = cx.palette;
    ui.horizontal_wrapped(|ui| {
        ui.heading("Edit and re-sign");
        if ui.button("Done").on_hover_text("Back to the decoded view").clicked() {
            cx.commands.push(Command::ToggleEdit);
        }
        let compact = EditAction::Compact;
        if ui.small_button(compact.label()).on_hover_text(compact.tooltip()).clicked() {
            cx.commands.push(Command::Edit(compact));
        }
    });
    ui.label(
        RichText::new(
            "These texts are encoded byte for byte; while one is not JSON, the token keeps its last valid form.",
        )
        .small()
        .color(palette.muted),
    );

    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Header").strong().color(palette.header));
        let current = header_alg(&edit.header).unwrap_or_default();
        let combo =
            egui::ComboBox::from_id_salt("edit-alg").selected_text(format!("alg {current}")).show_ui(ui, |ui| {
                for name in Algorithm::ALL.iter().map(|a| a.name()).chain(["none"]) {
                    if ui.selectable_label(current == name, name).clicked() {
                        cx.commands.push(Command::Edit(EditAction::SetAlg(name.to_owned())));
                    }
                }
            });
        combo.response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Header alg"));
    });
    if let Some(text) = code_field(ui, &edit.header, "edit-header", 3, "Header JSON") {
        cx.commands.push(Command::Edit(EditAction::Header(text)));
    }
    if let Some(error) = &edit.header_error {
        ui.label(RichText::new(format!("✖ header: {error}")).color(palette.bad));
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Payload").strong().color(palette.payload));
    if let Some(text) = code_field(ui, &edit.payload, "edit-payload", 8, "Payload JSON") {
        cx.commands.push(Command::Edit(EditAction::Payload(text)));
    }
    if let Some(error) = &edit.payload_error {
        ui.label(RichText::new(format!("✖ payload: {error}")).color(palette.bad));
    }
}

/// Quick claim actions: exp, iat, nbf, remove and add claims.
fn quick_actions_ui(ui: &mut egui::Ui, cx: &mut Cx<'_>, edit: &EditState) {
    ui.horizontal_wrapped(|ui| {
        for (label, from_now) in [("exp = now + 5 min", 300), ("+ 1 h", 3_600), ("+ 1 day", 86_400)] {
            if ui.small_button(label).clicked() {
                cx.commands.push(Command::Edit(EditAction::SetTime { claim: "exp", from_now }));
            }
        }
        let mut minutes = edit.custom_minutes;
        if ui.add(egui::DragValue::new(&mut minutes).range(-525_600..=5_256_000).suffix(" min")).changed() {
            cx.commands.push(Command::Edit(EditAction::SetCustomMinutes(minutes)));
        }
        let set = EditAction::SetCustomMinutes(0);
        if ui.small_button("set exp").on_hover_text(set.tooltip()).clicked() {
            cx.commands.push(Command::Edit(EditAction::SetTime { claim: "exp", from_now: minutes * 60 }));
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
        egui::ComboBox::from_id_salt("remove-claim")
            .selected_text("remove a claim")
            .show_ui(ui, |ui| {
                for name in &names {
                    if ui.selectable_label(false, name).clicked() {
                        cx.commands.push(Command::Edit(EditAction::RemoveClaim(name.clone())));
                    }
                }
            })
            .response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Remove a claim"));
        egui::ComboBox::from_id_salt("add-claim")
            .selected_text("add a registered claim")
            .height(300.0)
            .show_ui(ui, |ui| {
                for entry in registry::CLAIMS.iter().filter(|e| !names.iter().any(|n| n == e.name)) {
                    if ui
                        .selectable_label(false, format!("{} — {}", entry.name, entry.title))
                        .on_hover_text(entry.meaning)
                        .clicked()
                    {
                        cx.commands.push(Command::Edit(EditAction::AddClaim(entry.name.to_owned())));
                    }
                }
            })
            .response
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Add a registered claim"));
    });
}

/// The signing key, re-sign on every edit, Sign.
fn signing_ui(ui: &mut egui::Ui, cx: &mut Cx<'_>, edit: &EditState) {
    ui.add_space(6.0);
    ui.separator();
    ui.label(RichText::new("Sign").strong().color(cx.palette.signature));
    let alg = header_alg(&edit.header).as_deref().and_then(Algorithm::from_name);
    let has_secret = !cx.inputs.secret.is_empty();
    let keys = cx.keys;
    let signer_label = |index: Option<usize>| match index {
        None if !has_secret => "the HMAC secret field (empty: signs with the empty secret)".to_owned(),
        None => "the HMAC secret field".to_owned(),
        Some(i) => keys.get(i).map_or_else(String::new, Key::label),
    };
    ui.horizontal_wrapped(|ui| {
        ui.label("with");
        let combo = egui::ComboBox::from_id_salt("signer").selected_text(signer_label(edit.signer)).show_ui(ui, |ui| {
            if ui.selectable_label(edit.signer.is_none(), signer_label(None)).clicked() {
                cx.commands.push(Command::Edit(EditAction::SetSigner(None)));
            }
            for (i, key) in keys.iter().enumerate() {
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
        let mut auto_sign = edit.auto_sign;
        let toggle = EditAction::SetAutoSign(auto_sign);
        if ui.checkbox(&mut auto_sign, toggle.label()).on_hover_text(toggle.tooltip()).changed() {
            cx.commands.push(Command::Edit(EditAction::SetAutoSign(auto_sign)));
        }
        if ui.button("Sign").on_hover_text(Command::SignEdited.tooltip()).clicked() {
            cx.commands.push(Command::SignEdited);
        }
    });
    if let Some(error) = &edit.sign_error {
        ui.label(RichText::new(format!("✖ {error}")).color(cx.palette.bad));
    }
}

/// The tester presets and the URL the jku / x5u presets use.
fn presets_ui(ui: &mut egui::Ui, cx: &mut Cx<'_>, edit: &EditState) {
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
        let mut url = Cow::Borrowed(edit.preset_url.as_str());
        let field = EditAction::SetPresetUrl(String::new());
        ui.add(egui::TextEdit::singleline(&mut url).desired_width(260.0))
            .on_hover_text(field.tooltip())
            .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "URL for jku / x5u"));
        if let Cow::Owned(url) = url {
            cx.commands.push(Command::Edit(EditAction::SetPresetUrl(url)));
        }
    });
    if let Some(note) = &cx.preset_note {
        ui.label(RichText::new(note).color(cx.palette.info));
    }
}

/// What the token holds now: while a text is broken, the last valid decode.
fn current_ui(ui: &mut egui::Ui, cx: &Cx<'_>, edit: &EditState) {
    ui.add_space(6.0);
    ui.separator();
    let broken = edit.header_error.is_some() || edit.payload_error.is_some();
    let title = if broken { "The token still holds (last valid text)" } else { "The token holds" };
    egui::CollapsingHeader::new(title).id_salt("edit-current").default_open(broken).show(ui, |ui| {
        let token = cx.inspection.token.as_ref();
        for content in
            [token.and_then(|t| t.header.as_ref()), token.and_then(|t| t.payload.as_ref())].into_iter().flatten()
        {
            let text = match content {
                crate::jose::token::Content::Json { root, .. } => {
                    serde_json::to_string_pretty(&root.to_serde()).unwrap_or_default()
                }
                other => other.text().unwrap_or_default().to_owned(),
            };
            crate::app::panes::code_label(ui, &text, cx.palette.muted, true);
        }
    });
}
