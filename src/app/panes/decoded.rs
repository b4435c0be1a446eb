//! Pane 2: the decoded header and payload. Members in source order (duplicates included),
//! syntax-coloured, each registered name with its meaning and RFC in a tooltip, time claims
//! with their date and a relative phrase inline. Non-object or non-JSON content is shown as
//! text or hex. Hovering a member highlights the encoded characters that carry it.

use std::fmt::Write as _;

use egui::text::LayoutJob;
use egui::{RichText, TextFormat, TextStyle};

use crate::app::command::{Command, Highlight};
use crate::app::panes::{Cx, copy_button};
use crate::app::theme::Palette;
use crate::jose::json::{Node, Value};
use crate::jose::lint::Part;
use crate::jose::registry::{self, Place};
use crate::jose::timeline::relative;
use crate::jose::token::{Content, TokenKind};

/// Values longer than this are folded (a "show all" toggle unfolds them).
const FOLD_AT: usize = 2_000;

/// The decoded pane.
#[derive(Default)]
pub struct DecodedPane {
    /// Members whose long values the user unfolded: (part, index).
    unfolded: Vec<(Part, usize)>,
}

impl DecodedPane {
    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut Cx<'_>) {
        ui.horizontal(|ui| {
            if ui
                .button("Edit token")
                .on_hover_text("Edit the header and payload, re-sign, and apply tester presets")
                .clicked()
            {
                cx.commands.push(Command::ToggleEdit);
            }
        });
        let Some(token) = cx.inspection.token.as_ref() else {
            ui.heading("Decoded");
            ui.label(
                RichText::new("Nothing to decode yet. Paste a token, or press Edit to write one.")
                    .color(cx.palette.muted),
            );
            return;
        };
        egui::ScrollArea::vertical().id_salt("decoded-scroll").auto_shrink([false, false]).show(ui, |ui| {
            self.part_ui(ui, cx, Part::Header, token.header.as_ref());
            ui.add_space(8.0);
            if token.kind == TokenKind::Jwe {
                for segment in token.segments.iter().skip(1) {
                    let len = segment.decoded.as_ref().map_or(0, Vec::len);
                    ui.label(RichText::new(format!("{}: {len} bytes", segment.role.label())).monospace().small());
                }
                if token.payload.is_some() {
                    // Decrypted: the plaintext is the payload every pane reads.
                    let signature = &cx.inspection.signature;
                    let look = crate::present::signature(signature.status);
                    let text = format!("{} {}", look.icon, signature.reason);
                    ui.label(RichText::new(text).color(cx.palette.tone(look.tone)));
                    self.part_ui(ui, cx, Part::Payload, token.payload.as_ref());
                } else {
                    ui.heading(RichText::new("Encrypted content").color(cx.palette.payload));
                    ui.label("This is a JWE: its claims are encrypted. Load the recipient's key (or type a PBES2 password as the secret) to decrypt it.");
                }
            } else {
                self.part_ui(ui, cx, Part::Payload, token.payload.as_ref());
            }
            if let Some(nested) = &cx.inspection.nested {
                ui.add_space(8.0);
                ui.heading("Nested token (cty: JWT)");
                ui.label(crate::present::headline(&nested.verdict));
                if let Some(claims) = nested.token.as_ref().and_then(|t| t.claims()) {
                    ui.label(
                        RichText::new(serde_json::to_string_pretty(&claims.to_serde()).unwrap_or_default()).monospace(),
                    );
                }
            }
        });
    }

    fn part_ui(&mut self, ui: &mut egui::Ui, cx: &mut Cx<'_>, part: Part, content: Option<&Content>) {
        let (title, color) = match part {
            Part::Header => ("Header", cx.palette.header),
            _ => ("Payload", cx.palette.payload),
        };
        ui.horizontal_wrapped(|ui| {
            ui.heading(RichText::new(title).color(color));
            if let Some(content) = content {
                ui.label(RichText::new(content.describe()).small().color(cx.palette.muted));
                let text = || match content {
                    Content::Json { root, .. } => serde_json::to_string_pretty(&root.to_serde()).ok(),
                    other => other.text().map(str::to_owned),
                };
                copy_button(ui, &format!("{} JSON", title.to_lowercase()), text, cx.commands);
            }
        });
        let Some(content) = content else {
            ui.label(
                RichText::new("(this segment could not be decoded; see the error on the left)").color(cx.palette.bad),
            );
            return;
        };
        match content {
            Content::Json { root, text } if matches!(root.value, Value::Object(_)) => {
                self.members_ui(ui, cx, part, root, text);
            }
            Content::Json { root, text } => {
                ui.label(json_job(text.get(root.span.start..root.span.end).unwrap_or_default(), ui, cx.palette));
            }
            Content::Text { text, json_error } => {
                ui.label(
                    RichText::new(format!("Not JSON ({json_error}); shown as text:")).small().color(cx.palette.muted),
                );
                ui.label(RichText::new(fold(text, FOLD_AT)).monospace());
            }
            Content::Binary { bytes, utf8_error } => {
                ui.label(
                    RichText::new(format!("Binary, {} bytes ({utf8_error}); shown as hex:", bytes.len()))
                        .small()
                        .color(cx.palette.muted),
                );
                ui.label(RichText::new(hex_dump(bytes, 512)).monospace());
            }
        }
    }

    fn members_ui(&mut self, ui: &mut egui::Ui, cx: &mut Cx<'_>, part: Part, root: &Node, text: &str) {
        let place = if part == Part::Header { Place::Header } else { Place::Claim };
        let members = root.value.members();
        let duplicates: Vec<&str> = root.duplicate_members().into_iter().map(|(n, _)| n).collect();
        for (index, member) in members.iter().enumerate() {
            let highlighted = cx.highlight.is_some_and(|h| h.part == part && h.member == index);
            let frame = egui::Frame::new()
                .inner_margin(egui::Margin::symmetric(4, 1))
                .fill(if highlighted { cx.palette.highlight_bg } else { egui::Color32::TRANSPARENT })
                .corner_radius(3.0);
            let row = frame.show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.spacing_mut().item_spacing.x = 4.0;
                    let name =
                        ui.label(RichText::new(format!("\"{}\"", member.name)).monospace().color(cx.palette.json_key));
                    let name = match registry::lookup(place, &member.name) {
                        Some(entry) => {
                            name.on_hover_text(format!("{} — {}\n{}", entry.title, entry.meaning, entry.reference))
                        }
                        None => name.on_hover_text(if place == Place::Claim {
                            "a private claim (not registered with IANA)"
                        } else {
                            "an unregistered header parameter"
                        }),
                    };
                    let _ = name;
                    ui.label(RichText::new(":").monospace());
                    let source = text.get(member.value.span.start..member.value.span.end).unwrap_or_default();
                    let unfolded = self.unfolded.contains(&(part, index));
                    let shown = if source.len() > FOLD_AT && !unfolded {
                        fold(source, FOLD_AT)
                    } else {
                        pretty(&member.value, source)
                    };
                    ui.label(json_job(&shown, ui, cx.palette));
                    if source.len() > FOLD_AT && ui.small_button(if unfolded { "fold" } else { "show all" }).clicked() {
                        if unfolded {
                            self.unfolded.retain(|u| *u != (part, index));
                        } else {
                            self.unfolded.push((part, index));
                        }
                    }
                    if duplicates.contains(&member.name.as_str()) {
                        let last = members.iter().rposition(|m| m.name == member.name) == Some(index);
                        let note = if last {
                            "⚠ duplicate (libraries read this one)"
                        } else {
                            "⚠ duplicate (ignored by most libraries)"
                        };
                        ui.label(RichText::new(note).small().color(cx.palette.warn));
                    }
                    if part == Part::Payload
                        && let Some(claim) = cx.inspection.timeline.claim(&member.name)
                        && members.iter().rposition(|m| m.name == member.name) == Some(index)
                    {
                        match &claim.value {
                            Ok(date) => {
                                let phrase = relative(*date, cx.inspection.timeline.now);
                                ui.label(
                                    RichText::new(format!("{} {} · {phrase}", claim.name, cx.format_date(*date)))
                                        .small()
                                        .color(cx.palette.info),
                                );
                            }
                            Err(error) => {
                                ui.label(RichText::new(format!("✖ {error}")).small().color(cx.palette.bad));
                            }
                        }
                    }
                });
            });
            if ui.rect_contains_pointer(row.response.rect) {
                cx.commands.push(Command::Highlight(Some(Highlight { part, member: index })));
            }
        }
        if members.is_empty() {
            ui.label(RichText::new("{} (empty object)").monospace().color(cx.palette.muted));
        }
    }
}

/// A value's text for display: scalars exactly as written, containers pretty-printed.
fn pretty(node: &Node, source: &str) -> String {
    match node.value {
        Value::Object(_) | Value::Array(_) if source.len() > 60 || source.contains('\n') => {
            serde_json::to_string_pretty(&node.to_serde()).unwrap_or_else(|_| source.to_owned())
        }
        _ => source.to_owned(),
    }
}

fn fold(text: &str, at: usize) -> String {
    if text.len() <= at {
        return text.to_owned();
    }
    let mut cut = at;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}… ({} more bytes)", text.get(..cut).unwrap_or_default(), text.len() - cut)
}

fn hex_dump(bytes: &[u8], limit: usize) -> String {
    let mut out = String::new();
    for (row, chunk) in bytes.iter().take(limit).collect::<Vec<_>>().chunks(16).enumerate() {
        let hex: Vec<String> = chunk.iter().map(|b| format!("{b:02x}")).collect();
        let ascii: String = chunk.iter().map(|b| if b.is_ascii_graphic() { char::from(**b) } else { '.' }).collect();
        // Writing to a String cannot fail.
        let _ = writeln!(out, "{:06x}  {:<48} {ascii}", row * 16, hex.join(" "));
    }
    if bytes.len() > limit {
        let _ = write!(out, "… {} more bytes", bytes.len() - limit);
    }
    out
}

/// JSON text coloured by token kind (names, strings, numbers, literals).
pub fn json_job(text: &str, ui: &egui::Ui, palette: &Palette) -> LayoutJob {
    let font = TextStyle::Monospace.resolve(ui.style());
    let format = |color| TextFormat { font_id: font.clone(), color, ..Default::default() };
    let mut job = LayoutJob::default();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let color = match bytes.get(i) {
            Some(b'"') => {
                i += 1;
                while let Some(&b) = bytes.get(i) {
                    i += 1;
                    if b == b'\\' {
                        i += 1;
                    } else if b == b'"' {
                        break;
                    }
                }
                // A string followed by ':' is a member name.
                let rest = text.get(i.min(text.len())..).unwrap_or_default();
                if rest.trim_start().starts_with(':') { palette.json_key } else { palette.json_string }
            }
            Some(b'-' | b'0'..=b'9') => {
                while bytes.get(i).is_some_and(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
                {
                    i += 1;
                }
                palette.json_number
            }
            Some(b't' | b'f' | b'n') => {
                while bytes.get(i).is_some_and(u8::is_ascii_alphabetic) {
                    i += 1;
                }
                palette.json_literal
            }
            _ => {
                i += 1;
                while bytes.get(i).is_some_and(|b| !matches!(b, b'"' | b'-' | b'0'..=b'9' | b't' | b'f' | b'n')) {
                    i += 1;
                }
                palette.muted
            }
        };
        let mut end = i.min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        i = end;
        job.append(text.get(start..end).unwrap_or_default(), 0.0, format(color));
    }
    job
}
