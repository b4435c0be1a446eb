//! Pane 1: the encoded token. A multi-line editor for whatever the user pastes; the token
//! in it is coloured by segment as they type (and told apart without colour: the payload
//! in italics, the signature underlined), errors are marked at their character, and the
//! characters carrying a hovered member are highlighted.

use std::sync::Arc;

use egui::text::{ByteIndex, CCursor, LayoutJob, TextFormat};
use egui::{Color32, FontId, Stroke, TextStyle};

use crate::app::command::{Command, Highlight};
use crate::app::panes::Cx;
use crate::jose::lint::Part;

/// Id of the token editor, for focusing it.
pub fn editor_id() -> egui::Id {
    egui::Id::unique("token-editor")
}

/// Inputs longer than this are shown folded (the middle of long stretches hidden) until
/// the user asks for all of it: an editor holding a megabyte costs little to draw once
/// laid out, but a screen reader (AccessKit) is sent every one of its rows every frame.
pub const FOLD_ABOVE: usize = 256 * 1024;
/// Bytes kept visible on each side of a segment boundary and at both ends when folded.
const KEEP: usize = 1536;

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

impl EncodedPane {
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut Cx<'_>) {
        let Self { cache, folded, show_all } = self;
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

        // How the text is styled: the highlight, the errors, the theme, the font.
        let highlight =
            cx.highlight.and_then(|h| member_span(inspection, h).map(|span| inspection.encoded_ranges(h.part, span)));
        let error_offsets: Vec<usize> = inspection.errors.iter().filter_map(|e| e.offset).collect();
        let palette = cx.palette;
        let font = TextStyle::Monospace.resolve(ui.style());
        let style =
            format!("{highlight:?}{error_offsets:?}{:?}{}{font:?}", inspection.selected, ui.visuals().dark_mode);
        let (keys, settings, now, inspected) =
            (cx.keys, &cx.settings.inspection, inspection.timeline.now, cx.inspected_fingerprint);
        let mut layouter = |ui: &egui::Ui, text: &dyn egui::TextBuffer, wrap_width: f32| {
            let text = text.as_str();
            // An unchanged frame reuses the galley (comparing the text is a memcmp).
            if let Some(cached) = cache.as_ref()
                && cached.style == style
                && cached.wrap_width == wrap_width
                && cached.galley.text() == text
            {
                return cached.galley.clone();
            }
            // The text may have been edited during this frame, after the inspection: style
            // the new text from a fresh inspection of it, so no frame shows stale colours.
            let fresh;
            let current = if crate::app::panes::fingerprint(text) == inspected {
                inspection
            } else if text.len() > crate::app::workbench::BACKGROUND_ABOVE {
                // Too large to inspect inside a frame: uncoloured until the background
                // inspection of this text arrives.
                fresh = crate::inspection::Inspection::new("", &[], settings, now);
                &fresh
            } else {
                fresh = crate::inspection::Inspection::with_selection(
                    text,
                    inspection.selected.unwrap_or(0),
                    keys,
                    settings,
                    now,
                );
                &fresh
            };
            let ranges = if std::ptr::eq(current, inspection) { highlight.as_deref() } else { None };
            let errors: Vec<usize> = current.errors.iter().filter_map(|e| e.offset).collect();
            let mut job = layout_job(text, current, ranges, &errors, palette, &font);
            job.wrap.max_width = wrap_width;
            // Break anywhere: a token is one long word.
            job.wrap.break_anywhere = true;
            let pixels_per_point = ui.pixels_per_point();
            let galley = ui.fonts_mut(|f| layout_in_chunks(f, job, pixels_per_point));
            *cache = Some(CachedLayout { style: style.clone(), wrap_width, galley: galley.clone() });
            galley
        };

        let long = cx.inputs.token.len() > FOLD_ABOVE;
        if long {
            ui.horizontal_wrapped(|ui| {
                let size = crate::app::panes::size_text(cx.inputs.token.len());
                if *show_all {
                    ui.label(egui::RichText::new(format!("All {size} shown.")).small().color(palette.muted));
                    if ui.small_button("Fold").on_hover_text("Hide the middle of long stretches again").clicked() {
                        *show_all = false;
                    }
                } else {
                    ui.label(
                        egui::RichText::new(format!(
                            "{size}: the middle of long stretches is folded. Paste replaces the text; Copy copies all of it."
                        ))
                        .small()
                        .color(palette.muted),
                    );
                    if ui.small_button("Show all").on_hover_text("Show and edit the whole text").clicked() {
                        *show_all = true;
                    }
                }
            });
        } else {
            *show_all = false;
        }

        let legend_height = 28.0;
        if let (true, false, Some(bytes)) = (long, *show_all, cx.inspecting) {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(format!("Reading {}…", crate::app::panes::size_text(bytes)));
            });
        } else if long && !*show_all {
            egui::ScrollArea::vertical()
                .id_salt("encoded-folded-scroll")
                .max_height(ui.available_height() - legend_height)
                .show(ui, |ui| {
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
                            let fingerprint = inspected;
                            let galley = match folded.as_ref() {
                                Some((cached, at))
                                    if *at == fingerprint
                                        && cached.style == style
                                        && cached.wrap_width == wrap_width =>
                                {
                                    cached.galley.clone()
                                }
                                _ => {
                                    let full = layout_job(
                                        text,
                                        inspection,
                                        highlight.as_deref(),
                                        &error_offsets,
                                        palette,
                                        &font,
                                    );
                                    let mut job = fold(text, full, &visible_ranges(text, inspection), palette, &font);
                                    job.wrap.max_width = wrap_width;
                                    job.wrap.break_anywhere = true;
                                    let galley = ui.fonts_mut(|f| f.layout_job(job));
                                    let layout =
                                        CachedLayout { style: style.clone(), wrap_width, galley: galley.clone() };
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
        } else {
            *folded = None;
        }
        if !long || *show_all {
            egui::ScrollArea::vertical()
                .id_salt("encoded-scroll")
                .max_height(ui.available_height() - legend_height)
                .show(ui, |ui| {
                    let output = egui::TextEdit::multiline(&mut cx.inputs.token)
                        .id(editor_id())
                        .hint_text("Paste a token, an Authorization header, a cookie, JSON or a log line…")
                        .desired_width(f32::INFINITY)
                        .desired_rows(12)
                        .code_editor()
                        .layouter(&mut layouter)
                        .show(ui);
                    let response = output.response.response.clone();
                    response.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::MultilineTextInput, true, "Encoded token")
                    });
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
                });
        }

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

/// The byte ranges of `text` a folded view keeps: both ends and the surroundings of every
/// segment boundary of the selected token, merged, on character boundaries.
fn visible_ranges(text: &str, inspection: &crate::inspection::Inspection) -> Vec<std::ops::Range<usize>> {
    let mut points = vec![0, text.len()];
    if let (Some(candidate), Some(token)) = (inspection.candidate(), &inspection.token) {
        for segment in &token.segments {
            points.push(candidate.input_offset(segment.span.start));
            points.push(candidate.input_offset(segment.span.end));
        }
    }
    points.sort_unstable();
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let mut ranges: Vec<std::ops::Range<usize>> = Vec::new();
    for point in points {
        let start = floor(point.saturating_sub(KEEP));
        let end = floor((point + KEEP).min(text.len()));
        match ranges.last_mut() {
            Some(last) if start <= last.end => last.end = last.end.max(end),
            _ => ranges.push(start..end),
        }
    }
    ranges
}

/// The part of `full` (a job over all of `text`) that falls in `visible`, with a marker
/// saying how much was left out between the pieces.
fn fold(
    text: &str,
    full: LayoutJob,
    visible: &[std::ops::Range<usize>],
    palette: &crate::app::theme::Palette,
    font: &FontId,
) -> LayoutJob {
    let marker = TextFormat { font_id: font.clone(), color: palette.info, italics: true, ..Default::default() };
    let mut job = LayoutJob::default();
    let mut previous_end = 0;
    for range in visible {
        if range.start > previous_end {
            let hidden = text.get(previous_end..range.start).map_or(0, |t| t.chars().count());
            job.append(&format!("\n  ⋯ {hidden} characters folded ⋯\n"), 0.0, marker.clone());
        }
        for section in &full.sections {
            let start = section.byte_range.start.0.max(range.start);
            let end = section.byte_range.end.0.min(range.end);
            if start < end
                && let Some(piece) = text.get(start..end)
            {
                job.append(piece, 0.0, section.format.clone());
            }
        }
        previous_end = range.end;
    }
    job
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

/// Inputs longer than this are laid out in chunks.
const CHUNKED_FROM: usize = 16 * 1024;

/// Lays a job out in chunks that egui caches one by one, so that an edit near the end of a
/// huge one-line token re-lays out one chunk instead of the whole line (egui itself only
/// splits at line breaks). Chunks are cut at multiples of the row length, where a
/// monospace, break-anywhere layout wraps anyway, so the result looks the same.
fn layout_in_chunks(
    fonts: &mut egui::epaint::FontsView<'_>,
    job: LayoutJob,
    pixels_per_point: f32,
) -> Arc<egui::Galley> {
    if job.text.len() < CHUNKED_FROM {
        return fonts.layout_job(job);
    }
    let font = job.sections.first().map(|s| s.format.font_id.clone()).unwrap_or_default();
    let advance = fonts.glyph_width(&font, 'W').max(1.0);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, reason = "a small positive count")]
    let per_row = ((job.wrap.max_width / advance).floor() as usize).max(1);
    let chunk_chars = per_row * (2048 / per_row).max(1);

    // (start, end, ends a line): chunk byte ranges, line breaks left out as egui does.
    let mut chunks: Vec<(usize, usize, bool)> = Vec::new();
    let mut line_start = 0;
    for line in job.text.split_inclusive('\n') {
        let content = line.strip_suffix('\n').unwrap_or(line);
        let mut start = line_start;
        let mut count = 0;
        for (offset, _) in content.char_indices() {
            if count == chunk_chars {
                chunks.push((start, line_start + offset, false));
                start = line_start + offset;
                count = 0;
            }
            count += 1;
        }
        chunks.push((start, line_start + content.len(), true));
        line_start += line.len();
    }
    if job.text.ends_with('\n') {
        chunks.push((job.text.len(), job.text.len(), true));
    }

    let galleys: Vec<Arc<egui::Galley>> = chunks
        .iter()
        .map(|&(start, end, _)| {
            let mut part = LayoutJob {
                text: job.text.get(start..end).unwrap_or_default().to_owned(),
                wrap: job.wrap.clone(),
                ..Default::default()
            };
            for section in &job.sections {
                let (from, to) = (section.byte_range.start.0.max(start), section.byte_range.end.0.min(end));
                if from < to {
                    let byte_range = ByteIndex(from - start)..ByteIndex(to - start);
                    part.sections.push(egui::text::LayoutSection {
                        leading_space: 0.0,
                        byte_range,
                        format: section.format.clone(),
                    });
                }
            }
            if part.sections.is_empty() {
                part.sections.push(egui::text::LayoutSection {
                    leading_space: 0.0,
                    byte_range: ByteIndex(0)..ByteIndex(0),
                    format: TextFormat { font_id: font.clone(), ..Default::default() },
                });
            }
            fonts.layout_job(part)
        })
        .collect();
    let mut galley = egui::Galley::concat(Arc::new(job), &galleys, pixels_per_point);
    // `concat` assumes every join was a line break; within a line it was not.
    let total = galley.rows.len();
    let mut row = 0;
    for (galley_part, &(_, _, ends_line)) in galleys.iter().zip(&chunks) {
        row += galley_part.rows.len();
        if let Some(last) = row.checked_sub(1).and_then(|r| galley.rows.get_mut(r)) {
            last.ends_with_newline = ends_line && row < total;
        }
    }
    Arc::new(galley)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(galley: &egui::Galley) -> Vec<(usize, bool)> {
        galley.rows.iter().map(|r| (r.char_count_excluding_newline().0, r.ends_with_newline)).collect()
    }

    #[test]
    fn chunked_layout_matches_one_piece_layout_row_for_row() {
        let token: String = (0..40_000).map(|i| char::from(b'a' + u8::try_from(i % 26).unwrap_or(0))).collect();
        let text = format!("Bearer {token}\nsecond line\n\n{}", &token[..20_000]);
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let font = egui::FontId::monospace(13.0);
            let mut job = LayoutJob::simple(text.clone(), font, egui::Color32::WHITE, 400.0);
            job.wrap.break_anywhere = true;
            let whole = ui.fonts_mut(|f| f.layout_job(job.clone()));
            let ppp = ui.pixels_per_point();
            let chunked = ui.fonts_mut(|f| layout_in_chunks(f, job, ppp));
            assert_eq!(chunked.text(), text);
            assert_eq!(rows(&chunked), rows(&whole));
            // Every character maps to the same place, within the float error the one-piece
            // layout accumulates along a 300,000-point line.
            for index in [0, 1, 7_000, 40_006, 40_007, 40_020, 60_000] {
                let cursor = CCursor::new(index);
                let (a, b) = (chunked.pos_from_cursor(cursor).min, whole.pos_from_cursor(cursor).min);
                assert!((a - b).length() <= 1.0, "char {index}: {a:?} vs {b:?}");
            }
        });
        // No renderer here: the font atlas upload is not needed.
        output.textures_delta.clear();
    }
}
