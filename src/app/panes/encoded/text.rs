//! The encoded pane's text: colours by segment, folding of long inputs, and layout in
//! chunks egui can cache.

use std::sync::Arc;

use egui::text::{ByteIndex, LayoutJob, TextFormat};
use egui::{Color32, FontId, Stroke};

use super::{KEEP, Styling};

/// The byte ranges of `text` a folded view keeps: both ends and the surroundings of every
/// segment boundary of the selected token, merged, on character boundaries.
pub(super) fn visible_ranges(text: &str, inspection: &crate::inspection::Inspection) -> Vec<std::ops::Range<usize>> {
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
pub(super) fn fold(
    text: &str,
    full: &LayoutJob,
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

/// Colours the input: the selected token by segment, other tokens dimmer, the rest plain;
/// highlighted characters get a background, error characters a red one. Only the first
/// `styled_upto` bytes are styled: they are what `text` shares with the text the inspection
/// was made from (all of it, unless the user just edited it); the rest is plain until the
/// session has inspected the new text. Typing at the end thus keeps the chunks before it
/// as they were laid out, and egui's cache serves them.
pub(super) fn layout_job(
    text: &str,
    inspection: &crate::inspection::Inspection,
    styling: &Styling<'_>,
    styled_upto: usize,
) -> LayoutJob {
    let (palette, font) = (styling.palette, &styling.font);
    let plain = TextFormat { font_id: font.clone(), color: palette.muted, ..Default::default() };
    let (highlight, errors) = (styling.highlight.as_deref(), &styling.error_offsets);
    // Per-byte style class: 0 plain, 1.. segment index + 1, 100 dot.
    let mut class = vec![0u8; styled_upto.min(text.len())];
    for (index, candidate) in inspection.candidates.iter().enumerate() {
        let selected = inspection.selected == Some(index);
        let mut segment = 0u8;
        for (piece, token_start) in crate::jose::positions::Positions::new(&candidate.pieces).pieces() {
            for (offset, token_offset) in (piece.start..piece.end).zip(token_start..) {
                let byte = candidate.token.as_bytes().get(token_offset).copied();
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
        if offset >= styled_upto {
            return (0, 0);
        }
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
                    let role = inspection.token.as_ref().and_then(|t| t.segments.get(segment)).map(|s| s.role);
                    match role.map(super::marks) {
                        Some(super::Mark::Italics) => format.italics = true,
                        Some(super::Mark::Underline) => format.underline = Stroke::new(1.0, format.color),
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

/// How many leading bytes `text` shares with `inspected` (the text the inspection was made
/// from), on a character boundary of `text`; 0 without an inspected text.
pub(super) fn shared_prefix(text: &str, inspected: Option<&str>) -> usize {
    let Some(inspected) = inspected else { return 0 };
    let mut shared = text.bytes().zip(inspected.bytes()).take_while(|(a, b)| a == b).count();
    while !text.is_char_boundary(shared) {
        shared -= 1;
    }
    shared
}

/// Inputs longer than this are laid out in chunks.
const CHUNKED_FROM: usize = 16 * 1024;

/// Lays a job out in chunks that egui caches one by one, so that an edit near the end of a
/// huge one-line token re-lays out one chunk instead of the whole line (egui itself only
/// splits at line breaks). Chunks are cut at multiples of the row length, where a
/// monospace, break-anywhere layout wraps anyway, so the result looks the same.
pub(super) fn layout_in_chunks(
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
    use egui::text::CCursor;

    #[test]
    fn the_styled_prefix_ends_where_the_edit_begins_on_a_character_boundary() {
        assert_eq!(shared_prefix("eyJhbGc.x", Some("eyJhbGc.")), 8);
        assert_eq!(shared_prefix("same", Some("same")), 4);
        assert_eq!(shared_prefix("abc", None), 0, "no inspection of this input: nothing styled");
        // "é" and "è" share their first byte: the prefix stops before the character.
        assert_eq!(shared_prefix("aé", Some("aè")), 1);
    }

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
