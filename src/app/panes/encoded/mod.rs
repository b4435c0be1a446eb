//! Pane 1: the encoded token. A multi-line editor for whatever the user pastes; the token
//! in it is coloured by segment as they type (and told apart without colour: the payload
//! in italics, the signature underlined), errors are marked at their character, and the
//! characters carrying a hovered member are highlighted.

mod text;

use std::sync::Arc;

use egui::text::CCursor;
use egui::{FontId, TextStyle};

use text::{fold, layout_in_chunks, layout_job, shared_prefix, visible_ranges};

use crate::app::command::{Command, Highlight};
use crate::app::panes::Cx;

/// Id of the token editor, for focusing it.
pub fn editor_id() -> egui::Id {
    egui::Id::unique("token-editor")
}

/// Inputs longer than this are shown folded (the middle of long stretches hidden) until
/// the user asks for all of it: an editor holding a megabyte costs little to draw once
/// laid out, but a screen reader (AccessKit) is sent every one of its rows every frame.
pub const FOLD_ABOVE: usize = 256 * 1024;
/// Bytes kept visible on each side of a segment boundary and at both ends when folded.
pub(super) const KEEP: usize = 1536;

/// The encoded pane.
#[derive(Default)]
pub struct EncodedPane {
    /// The last galley: reused while the text, its styling and the wrap width are unchanged,
    /// so an idle frame costs nothing whatever the token's size.
    cache: Option<CachedLayout>,
    /// The folded view's galley, keyed like `cache` (style, wrap width) plus the input's
    /// fingerprint.
    folded: Option<(CachedLayout, u64)>,
    /// The user asked to see (and edit) all of a long input.
    show_all: bool,
}

struct CachedLayout {
    style: String,
    wrap_width: f32,
    galley: Arc<egui::Galley>,
}

/// How the text is styled this frame: a change of any of these lays the text out again.
pub(super) struct Styling<'a> {
    /// The characters carrying the highlighted member.
    highlight: Option<Vec<crate::inspection::EncodedRange>>,
    error_offsets: Vec<usize>,
    palette: &'a crate::app::theme::Palette,
    font: FontId,
    /// All of the above, with the theme, as a cache key.
    key: String,
}

impl Styling<'_> {
    fn new<'a>(ui: &egui::Ui, cx: &Cx<'a>) -> Styling<'a> {
        let inspection = cx.inspection;
        let highlight = cx.highlight.and_then(|h| {
            crate::app::session::member_span(inspection, h).map(|span| inspection.encoded_ranges(h.part, span))
        });
        let error_offsets: Vec<usize> = inspection.errors.iter().filter_map(|e| e.offset).collect();
        let font = TextStyle::Monospace.resolve(ui.style());
        let key = format!(
            "{highlight:?}{error_offsets:?}{:?}{}{font:?}{}",
            inspection.selected,
            ui.visuals().dark_mode,
            cx.inspected_fingerprint
        );
        Styling { highlight, error_offsets, palette: cx.palette, font, key }
    }
}

impl EncodedPane {
    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut Cx<'_>) {
        heading_ui(ui, cx);
        let styling = Styling::new(ui, cx);
        let long = cx.inputs.token.len() > FOLD_ABOVE;
        if long {
            self.fold_bar_ui(ui, cx);
        } else {
            self.show_all = false;
        }
        let legend_height = 28.0;
        let max_height = ui.available_height() - legend_height;
        if let (true, false, Some(bytes)) = (long, self.show_all, cx.inspecting) {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(format!("Reading {}…", crate::app::panes::size_text(bytes)));
            });
        } else if long && !self.show_all {
            self.folded_ui(ui, cx, &styling, max_height);
        } else {
            self.folded = None;
        }
        if !long || self.show_all {
            self.editor_ui(ui, cx, &styling, max_height);
        }
        legend_ui(ui, cx);
    }

    /// Over a long input: its size, and Fold / Show all.
    fn fold_bar_ui(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>) {
        let muted = cx.palette.muted;
        ui.horizontal_wrapped(|ui| {
            let size = crate::app::panes::size_text(cx.inputs.token.len());
            if self.show_all {
                ui.label(egui::RichText::new(format!("All {size} shown.")).small().color(muted));
                if ui.small_button("Fold").on_hover_text("Hide the middle of long stretches again").clicked() {
                    self.show_all = false;
                }
            } else {
                let text = format!(
                    "{size}: the middle of long stretches is folded. Paste replaces the text; Copy copies all of it."
                );
                ui.label(egui::RichText::new(text).small().color(muted));
                if ui.small_button("Show all").on_hover_text("Show and edit the whole text").clicked() {
                    self.show_all = true;
                }
            }
        });
    }

    /// A long input, folded: both ends and the surroundings of each segment boundary.
    fn folded_ui(&mut self, ui: &mut egui::Ui, cx: &Cx<'_>, styling: &Styling<'_>, max_height: f32) {
        let folded = &mut self.folded;
        egui::ScrollArea::vertical().id_salt("encoded-folded-scroll").max_height(max_height).show(ui, |ui| {
            egui::Frame::new()
                .fill(ui.visuals().extreme_bg_color)
                .inner_margin(egui::Margin::same(4))
                .corner_radius(ui.visuals().widgets.inactive.corner_radius)
                .show(ui, |ui| {
                    // Laid out for the width inside the frame: wider text would widen the pane.
                    let text = cx.inputs.token.as_str();
                    let wrap_width = ui.available_width();
                    // The inspection's fingerprint of this text: hashing a megabyte per
                    // frame would cost a millisecond.
                    let fingerprint = cx.inspected_fingerprint;
                    #[allow(clippy::float_cmp, reason = "a cache key: only the very same width reuses the layout")]
                    let galley = match folded.as_ref() {
                        Some((cached, at))
                            if *at == fingerprint && cached.style == styling.key && cached.wrap_width == wrap_width =>
                        {
                            cached.galley.clone()
                        }
                        _ => {
                            let full = layout_job(text, cx.inspection, styling, text.len());
                            let visible = visible_ranges(text, cx.inspection);
                            let mut job = fold(text, &full, &visible, styling.palette, &styling.font);
                            job.wrap.max_width = wrap_width;
                            job.wrap.break_anywhere = true;
                            let galley = ui.fonts_mut(|f| f.layout_job(job));
                            let layout =
                                CachedLayout { style: styling.key.clone(), wrap_width, galley: galley.clone() };
                            *folded = Some((layout, fingerprint));
                            galley
                        }
                    };
                    ui.set_min_width(wrap_width);
                    // Not selectable: a screen reader gets the folded text as one label
                    // rather than a run per row.
                    ui.add(egui::Label::new(galley).selectable(false));
                });
        });
    }

    /// The editor. It edits a copy-on-write view of the session's text: an edit sends the
    /// new text as a command (nothing is copied while the user only looks).
    fn editor_ui(&mut self, ui: &mut egui::Ui, cx: &mut Cx<'_>, styling: &Styling<'_>, max_height: f32) {
        let cache = &mut self.cache;
        let inspection = cx.inspection;
        let inspected_text = cx.inspected_text;
        #[allow(clippy::float_cmp, reason = "a cache key: only the very same width reuses the layout")]
        let mut layouter = |ui: &egui::Ui, text: &dyn egui::TextBuffer, wrap_width: f32| {
            let text = text.as_str();
            // An unchanged frame reuses the galley (comparing the text is a memcmp).
            if let Some(cached) = cache.as_ref()
                && cached.style == styling.key
                && cached.wrap_width == wrap_width
                && cached.galley.text() == text
            {
                return cached.galley.clone();
            }
            // Text edited during this pass has no inspection yet: what follows the edit is
            // laid out plain, and the app redraws the frame once the session has inspected it.
            let styled_upto = shared_prefix(text, inspected_text);
            let mut job = layout_job(text, inspection, styling, styled_upto);
            job.wrap.max_width = wrap_width;
            // Break anywhere: a token is one long word.
            job.wrap.break_anywhere = true;
            let pixels_per_point = ui.pixels_per_point();
            let galley = ui.fonts_mut(|f| layout_in_chunks(f, job, pixels_per_point));
            *cache = Some(CachedLayout { style: styling.key.clone(), wrap_width, galley: galley.clone() });
            galley
        };
        egui::ScrollArea::vertical().id_salt("encoded-scroll").max_height(max_height).show(ui, |ui| {
            let mut text = std::borrow::Cow::Borrowed(cx.inputs.token.as_str());
            let output = egui::TextEdit::multiline(&mut text)
                .id(editor_id())
                .hint_text("Paste a token, an Authorization header, a cookie, JSON or a log line…")
                .desired_width(f32::INFINITY)
                .desired_rows(12)
                .code_editor()
                .layouter(&mut layouter)
                .show(ui);
            let response = &output.response.response;
            response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, "Encoded token"));
            // Hovering the encoded text highlights the decoded member it carries.
            if let Some(pointer) = response.hover_pos() {
                let cursor = output.galley.cursor_from_pos(pointer - output.galley_pos);
                if let Some(offset) = byte_offset(&text, cursor)
                    && let Some((part, member)) = inspection.member_at_input(offset)
                {
                    cx.commands.push(Command::Highlight(Some(Highlight { part, member })));
                }
            }
            if let std::borrow::Cow::Owned(edited) = text {
                cx.commands.push(Command::EditInput(edited));
            }
        });
    }
}

/// The heading and its buttons, the token picker when the input holds several, what was
/// stripped around the token, and why the input is not a token.
fn heading_ui(ui: &mut egui::Ui, cx: &mut Cx<'_>) {
    let inspection = cx.inspection;
    // Wrapped, so a narrow pane (presenter mode) moves the buttons below the heading.
    ui.horizontal_wrapped(|ui| {
        ui.heading("Encoded token");
        for command in [Command::OpenTokenDialog, Command::CopyToken, Command::SetInput(String::new())] {
            let label = match command {
                Command::OpenTokenDialog => "Open…",
                Command::CopyToken => "Copy",
                _ => command.label(),
            };
            let hint = match command {
                Command::SetInput(_) => command.tooltip().to_owned(),
                _ => crate::app::menu::hint(ui.ctx(), &command),
            };
            if ui.small_button(label).on_hover_text(hint).clicked() {
                cx.commands.push(command);
            }
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
}

/// How a segment is told apart without colour: the payload (a JWE's ciphertext) in italics,
/// the signature (a JWE's tag) underlined, as their colours pair them.
#[derive(Clone, Copy)]
pub(super) enum Mark {
    Plain,
    Italics,
    Underline,
}

pub(super) fn marks(role: crate::jose::token::SegmentRole) -> Mark {
    use crate::jose::token::SegmentRole;
    match role {
        SegmentRole::Payload | SegmentRole::Ciphertext => Mark::Italics,
        SegmentRole::Signature | SegmentRole::AuthenticationTag => Mark::Underline,
        SegmentRole::Header | SegmentRole::EncryptedKey | SegmentRole::InitializationVector => Mark::Plain,
    }
}

/// The legend with sizes: tells the segments apart without colour.
fn legend_ui(ui: &mut egui::Ui, cx: &Cx<'_>) {
    let Some(token) = &cx.inspection.token else { return };
    ui.horizontal_wrapped(|ui| {
        let count = token.segments.len();
        for (i, segment) in token.segments.iter().enumerate() {
            let bytes = segment.decoded.as_ref().map_or_else(|_| "?".to_owned(), |b| b.len().to_string());
            let mut text = egui::RichText::new(format!("■ {} ({bytes} B)", segment.role.label()))
                .color(cx.palette.segment(i, count))
                .small();
            text = match marks(segment.role) {
                Mark::Italics => text.italics(),
                Mark::Underline => text.underline(),
                Mark::Plain => text,
            };
            ui.label(text);
        }
    });
}

fn byte_offset(text: &str, cursor: CCursor) -> Option<usize> {
    text.char_indices().nth(cursor.index.0).map(|(offset, _)| offset)
}
