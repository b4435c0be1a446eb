//! Where the panes go: verdict on top, status at the bottom, timeline and findings above
//! it, encoded on the left, signature on the right, decoded (or the editor) in the middle.
//! Pane sizes are fractions of the window, bounded so the decoded pane always keeps room;
//! presenter mode has a layout of its own. A dragged edge is sent as a command.

use crate::app::command::{Command, PaneEdge};
use crate::app::panes::Cx;
use crate::app::panes::decoded::DecodedPane;
use crate::app::panes::edit::EditPane;
use crate::app::panes::encoded::EncodedPane;
use crate::app::panes::findings::FindingsPane;
use crate::app::panes::signature::SignaturePane;
use crate::app::panes::status::StatusBar;
use crate::app::panes::timeline::TimelinePane;
use crate::app::panes::verdict::VerdictBar;

/// The panes, with what each keeps between frames (caches, view state).
#[derive(Default)]
pub struct Panes {
    pub encoded: EncodedPane,
    pub decoded: DecodedPane,
    pub edit: EditPane,
    pub signature: SignaturePane,
    pub timeline: TimelinePane,
    pub findings: FindingsPane,
    pub status: StatusBar,
    pub verdict: VerdictBar,
}

/// A size of `of` from a stored fraction, within the pane's bounds.
fn size(fraction: f32, of: f32) -> f32 {
    (fraction * of).clamp(of * 0.12, of * 0.5)
}

/// Sends the edge's new fraction when the user moved it.
fn resized(cx: &mut Cx<'_>, edge: PaneEdge, stored: f32, size: f32, of: f32) {
    let fraction = size / of.max(1.0);
    if (fraction - stored).abs() > 0.001 {
        cx.commands.push(Command::ResizePane(edge, fraction));
    }
}

impl Panes {
    /// Lays out and draws every pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut Cx<'_>, note: &str) {
        let settings = cx.settings;
        egui::Panel::top("verdict").show(ui, |ui| self.verdict.ui(ui, cx));
        egui::Panel::bottom("status-bar").show(ui, |ui| self.status.ui(ui, cx, note));
        let mode = if settings.presenter { "presenter" } else { "normal" };
        let space = ui.available_rect_before_wrap().size();
        let bottom = egui::Panel::bottom(format!("timeline-and-findings-{mode}"))
            .resizable(true)
            .default_size(size(settings.bottom_fraction, space.y))
            .size_range(space.y * 0.12..=space.y * 0.5)
            .show(ui, |ui| {
                let width = ui.available_width();
                let findings = egui::Panel::right(format!("findings-{mode}"))
                    .resizable(true)
                    .default_size(size(settings.findings_fraction, width))
                    .size_range(width * 0.2..=width * 0.6)
                    .show(ui, |ui| self.findings.ui(ui, cx));
                resized(cx, PaneEdge::Findings, settings.findings_fraction, findings.response.rect.width(), width);
                egui::CentralPanel::default().show(ui, |ui| self.timeline.ui(ui, cx));
            });
        resized(cx, PaneEdge::Bottom, settings.bottom_fraction, bottom.response.rect.height(), space.y);
        let width = ui.available_rect_before_wrap().width();
        let left = egui::Panel::left(format!("encoded-{mode}"))
            .resizable(true)
            .default_size(size(settings.encoded_fraction, width))
            .size_range(width * 0.15..=width * 0.4)
            .show(ui, |ui| self.encoded.ui(ui, cx));
        resized(cx, PaneEdge::Encoded, settings.encoded_fraction, left.response.rect.width(), width);
        let right = egui::Panel::right(format!("signature-{mode}"))
            .resizable(true)
            .default_size(size(settings.signature_fraction, width))
            .size_range(width * 0.15..=width * 0.4)
            .show(ui, |ui| self.signature.ui(ui, cx));
        resized(cx, PaneEdge::Signature, settings.signature_fraction, right.response.rect.width(), width);
        egui::CentralPanel::default().show(ui, |ui| {
            if cx.inputs.edit.is_some() {
                self.edit.ui(ui, cx);
            } else {
                self.decoded.ui(ui, cx);
            }
        });
    }
}
