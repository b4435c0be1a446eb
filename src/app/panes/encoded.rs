//! Pane 1: the encoded token. A multi-line editor for whatever the user pastes; the token
//! in it is coloured by segment as they type (and told apart without colour: the payload
//! in italics, the signature underlined), errors are marked at their character, and the
//! characters carrying a hovered member are highlighted.

use std::hash::{Hash as _, Hasher as _};
use std::sync::Arc;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Color32, FontId, Stroke, TextStyle};

use crate::app::command::{Command, Highlight};
use crate::app::panes::Cx;
use crate::jose::lint::Part;

/// Id of the token editor, for focusing it.
pub fn editor_id() -> egui::Id {
    egui::Id::unique("token-editor")
}

#[derive(Default)]
pub struct EncodedPane {
    /// The last layout job and the hash of what it was built from: rebuilt only when the
    /// text, the highlight, the errors or the theme change.
    cache: Option<(u64, Arc<LayoutJob>)>,
}

impl EncodedPane {
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut Cx<'_>) {
        let Self { cache } = self;
        let inspection = cx.inspection;
        // Wrapped, so a narrow pane (presenter mode) moves the buttons below the heading.
        ui.horizontal_wrapped(|ui| {
            ui.heading("Encoded token");
            if ui.small_button("Open…").on_hover_text(shortcut_hint(ui, &Command::OpenTokenDialog)).clicked() {
                cx.commands.push(Command::OpenTokenDialog);
            }
            let copy = Command::CopyToken;
            if ui.small_button("Copy").on_hover_text(shortcut_hint(ui, &copy)).clicked() {
                cx.commands.push(copy);
            }
            if ui.small_button("Clear").on_hover_text("Empty the editor").clicked() {
                cx.commands.push(Command::SetInput(String::new()));
            }
        });

        if inspection.candidates.len() > 1 {
            let selected = inspection.selected.unwrap_or(0);
            let label = |i: usize| {
                let c = inspection.candidates.get(i);
                let context = c.and_then(|c| c.context.clone()).unwrap_or_else(|| "in the text".to_owned());
                format!("Token {} of {} — {context}", i + 1, inspection.candidates.len())
            };
            let combo = egui::ComboBox::from_id_salt("candidate-picker")
                .selected_text(label(selected))
                .width(ui.available_width() - 8.0)
                .show_ui(ui, |ui| {
                    for i in 0..inspection.candidates.len() {
                        if ui.selectable_label(i == selected, label(i)).clicked() {
                            cx.commands.push(Command::SelectCandidate(i));
                        }
                    }
                });
            combo.response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Token picker"));
        } else if let Some(context) = inspection.candidate().and_then(|c| c.context.as_ref()) {
            ui.label(egui::RichText::new(format!("Found in {context}")).small().color(cx.palette.muted));
        }
        if let Some(candidate) = inspection.candidate() {
            for stripped in &candidate.stripped {
                ui.label(egui::RichText::new(format!("Ignored: {stripped}")).small().color(cx.palette.muted));
            }
        }
        for error in &inspection.errors {
            ui.label(egui::RichText::new(format!("✖ {}", error.message)).color(cx.palette.bad));
        }

        // The character ranges to paint, computed from the core's spans.
        let highlight =
            cx.highlight.and_then(|h| member_span(inspection, h).map(|span| inspection.encoded_ranges(h.part, span)));
        let error_offsets: Vec<usize> = inspection.errors.iter().filter_map(|e| e.offset).collect();
        let dark = ui.visuals().dark_mode;
        let palette = cx.palette;
        let font = TextStyle::Monospace.resolve(ui.style());
        let key = {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            cx.inputs.token.hash(&mut hasher);
            inspection.selected.hash(&mut hasher);
            format!("{highlight:?}{error_offsets:?}{dark}{font:?}").hash(&mut hasher);
            hasher.finish()
        };
        let job = match cache {
            Some((cached, job)) if *cached == key => job.clone(),
            _ => {
                let job = Arc::new(layout_job(
                    &cx.inputs.token,
                    inspection,
                    highlight.as_deref(),
                    &error_offsets,
                    palette,
                    &font,
                ));
                *cache = Some((key, job.clone()));
                job
            }
        };
        let mut layouter = |ui: &egui::Ui, _text: &dyn egui::TextBuffer, wrap_width: f32| {
            let mut job = (*job).clone();
            job.wrap.max_width = wrap_width;
            // Break anywhere: a token is one long word.
            job.wrap.break_anywhere = true;
            ui.fonts_mut(|f| f.layout_job(job))
        };

        let legend_height = 28.0;
        egui::ScrollArea::vertical().id_salt("encoded-scroll").max_height(ui.available_height() - legend_height).show(
            ui,
            |ui| {
                let output = egui::TextEdit::multiline(&mut cx.inputs.token)
                    .id(editor_id())
                    .hint_text("Paste a token, an Authorization header, a cookie, JSON or a log line…")
                    .desired_width(f32::INFINITY)
                    .desired_rows(12)
                    .code_editor()
                    .layouter(&mut layouter)
                    .show(ui);
                let response = output.response.response.clone();
                response
                    .widget_info(|| egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, "Encoded token"));
                if response.changed() {
                    cx.commands.push(Command::InputEdited);
                }
                // Hovering the encoded text highlights the decoded member it carries.
                if let Some(pointer) = response.hover_pos() {
                    let cursor = output.galley.cursor_from_pos(pointer - output.galley_pos);
                    if let Some(offset) = byte_offset(&cx.inputs.token, cursor)
                        && let Some((part, member)) = inspection.member_at_input(offset)
                    {
                        cx.commands.push(Command::Highlight(Some(Highlight { part, member })));
                    }
                }
            },
        );

        // Legend with sizes: tells segments apart without colour.
        if let Some(token) = &inspection.token {
            ui.horizontal_wrapped(|ui| {
                let count = token.segments.len();
                for (i, segment) in token.segments.iter().enumerate() {
                    let bytes = segment.decoded.as_ref().map_or_else(|_| "?".to_owned(), |b| b.len().to_string());
                    let mut text = egui::RichText::new(format!("■ {} ({bytes} B)", segment.role.label()))
                        .color(palette.segment(i, count))
                        .small();
                    text = match i {
                        1 => text.italics(),
                        2 => text.underline(),
                        _ => text,
                    };
                    ui.label(text);
                }
            });
        }
    }
}

fn shortcut_hint(ui: &egui::Ui, command: &Command) -> String {
    match command.shortcut() {
        Some(shortcut) => format!("{} ({})", command.label(), ui.ctx().format_shortcut(&shortcut)),
        None => command.label().to_owned(),
    }
}

/// The decoded byte span of a highlighted member.
pub fn member_span(
    inspection: &crate::inspection::Inspection,
    highlight: &Highlight,
) -> Option<crate::jose::json::Span> {
    let token = inspection.token.as_ref()?;
    let content = match highlight.part {
        Part::Header => token.header.as_ref(),
        Part::Payload => token.payload.as_ref(),
        Part::Signature => None,
    }?;
    content.object()?.value.members().get(highlight.member).map(|m| m.span())
}

fn byte_offset(text: &str, cursor: CCursor) -> Option<usize> {
    text.char_indices().nth(cursor.index.0).map(|(offset, _)| offset)
}

/// Colours the whole input: the selected token by segment, other tokens dimmer, the rest
/// plain; highlighted characters get a background, error characters a red one.
fn layout_job(
    text: &str,
    inspection: &crate::inspection::Inspection,
    highlight: Option<&[crate::inspection::EncodedRange]>,
    errors: &[usize],
    palette: &crate::app::theme::Palette,
    font: &FontId,
) -> LayoutJob {
    let plain = TextFormat { font_id: font.clone(), color: palette.muted, ..Default::default() };
    // Per-byte style class: 0 plain, 1.. segment index + 1, 100 dot.
    let mut class = vec![0u8; text.len()];
    for (index, candidate) in inspection.candidates.iter().enumerate() {
        let selected = inspection.selected == Some(index);
        let mut segment = 0u8;
        let mut token_offset = 0;
        for piece in &candidate.pieces {
            for offset in piece.start..piece.end {
                let byte = candidate.token.as_bytes().get(token_offset).copied();
                token_offset += 1;
                let Some(slot) = class.get_mut(offset) else { continue };
                if byte == Some(b'.') {
                    *slot = 100;
                    segment += 1;
                } else {
                    *slot = if selected { segment + 1 } else { 50 };
                }
            }
        }
    }
    let segments = inspection.token.as_ref().map_or(3, |t| t.segments.len());
    let mut job = LayoutJob::default();
    let mut start = 0;
    let style = |offset: usize| -> (u8, u8) {
        let lit = highlight.map_or(0, |ranges| {
            ranges.iter().find(|r| r.span.contains(offset)).map_or(0, |r| {
                let edge = (r.partial_start && offset == r.span.start) || (r.partial_end && offset + 1 == r.span.end);
                if edge { 1 } else { 2 }
            })
        });
        let error = if errors.contains(&offset) { 3 } else { 0 };
        (class.get(offset).copied().unwrap_or(0), lit.max(error))
    };
    let mut current = style(0);
    let boundaries = text.char_indices().map(|(i, _)| i).skip(1).chain(std::iter::once(text.len()));
    for boundary in boundaries {
        let next = if boundary < text.len() { style(boundary) } else { (255, 255) };
        if next != current || boundary == text.len() {
            let (kind, lit) = current;
            let mut format = plain.clone();
            match kind {
                0 => {}
                100 => format.color = palette.dot,
                50 => format.color = palette.muted,
                n => {
                    let segment = usize::from(n - 1);
                    format.color = palette.segment(segment, segments);
                    match segment {
                        1 => format.italics = true,
                        2 => format.underline = Stroke::new(1.0, format.color),
                        _ => {}
                    }
                }
            }
            format.background = match lit {
                1 => palette.partial_bg,
                2 => palette.highlight_bg,
                3 => palette.error_bg,
                _ => Color32::TRANSPARENT,
            };
            job.append(text.get(start..boundary).unwrap_or_default(), 0.0, format);
            start = boundary;
            current = next;
        }
    }
    if text.is_empty() {
        job.append("", 0.0, plain);
    }
    job
}
