//! Pane 6: the status bar: segment sizes, algorithm, verdict, signature and time status,
//! transient notes.

use egui::RichText;

use crate::app::panes::Cx;
use crate::present;

/// The status bar.
#[derive(Default)]
pub struct StatusBar {}

impl StatusBar {
    /// Draws the bar, ending with the session's `note`.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut Cx<'_>, note: &str) {
        let Self {} = self;
        let inspection = cx.inspection;
        ui.horizontal(|ui| {
            match &inspection.token {
                Some(token) => {
                    let sizes: Vec<String> = token
                        .segments
                        .iter()
                        .map(|s| format!("{} {} B", s.role.label(), s.span.end - s.span.start))
                        .collect();
                    ui.label(RichText::new(format!("{} B: {}", token.text.len(), sizes.join(" · "))).small());
                    ui.separator();
                    ui.label(RichText::new(inspection.alg.label()).small().monospace());
                    ui.separator();
                    let (color, label) = cx.palette.look(present::outcome(inspection.verdict.outcome));
                    ui.label(RichText::new(label).small().strong().color(color));
                    ui.separator();
                    let (color, label) = cx.palette.look(present::signature(inspection.signature.status));
                    ui.label(RichText::new(format!("signature {label}")).small().color(color));
                    ui.separator();
                    let (color, label) = cx.palette.look(present::time(inspection.timeline.status));
                    ui.label(RichText::new(format!("time {label}")).small().color(color));
                }
                None => {
                    ui.label(RichText::new("no token").small());
                }
            }
            if !note.is_empty() {
                ui.separator();
                ui.label(RichText::new(note).small().color(cx.palette.info));
            }
        });
    }
}
