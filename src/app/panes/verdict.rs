//! The verdict line at the top of the window: the answer a server would reach, in the
//! largest text there is, with the checklist behind it (each step an icon and a word, its
//! particulars on hover). Everything here is read from the core's `Verdict`.

use egui::RichText;

use crate::app::panes::Cx;
use crate::present;

/// The verdict line.
#[derive(Default)]
pub struct VerdictBar {}

impl VerdictBar {
    /// Draws the line (a spinner instead while a large input is being inspected).
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut Cx<'_>) {
        let Self {} = self;
        if let Some(bytes) = cx.inspecting {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(
                    RichText::new(format!("Inspecting {}…", crate::app::panes::size_text(bytes)))
                        .size(22.0)
                        .color(cx.palette.muted),
                );
            });
            return;
        }
        let verdict = &cx.inspection.verdict;
        let color = cx.palette.tone(present::outcome(verdict.outcome).tone);
        ui.add_space(2.0);
        ui.add(egui::Label::new(RichText::new(present::headline(verdict)).size(22.0).strong().color(color)).wrap());
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new("What a server checks:").small().color(cx.palette.muted));
            for (index, step) in verdict.steps.iter().enumerate() {
                if index > 0 {
                    ui.label(RichText::new("›").small().color(cx.palette.muted));
                }
                let look = present::step_status(step.status);
                ui.label(
                    RichText::new(format!("{} {}. {}", look.icon, index + 1, present::step_short(step.id)))
                        .color(cx.palette.tone(look.tone)),
                )
                .on_hover_text(format!(
                    "{} — {}: {}",
                    present::step_name(step.id),
                    look.word,
                    step.detail
                ));
            }
        });
        ui.add_space(2.0);
    }
}
