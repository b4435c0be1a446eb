//! Pane 5: the core's findings, most severe first, each with its reference. Clicking one
//! highlights the member it concerns in the decoded and encoded views.

use egui::RichText;

use crate::app::command::{Command, Highlight};
use crate::app::panes::Cx;
use crate::jose::lint::Part;
use crate::jose::token::Content;

/// The findings pane.
#[derive(Default)]
pub struct FindingsPane {}

impl FindingsPane {
    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut Cx<'_>) {
        let Self {} = self;
        let findings = &cx.inspection.findings;
        ui.heading(format!("Findings ({})", findings.len()));
        egui::ScrollArea::vertical().id_salt("findings-scroll").auto_shrink([false, false]).show(ui, |ui| {
            if findings.is_empty() {
                ui.label(RichText::new("No findings.").color(cx.palette.muted));
            }
            for finding in findings {
                let color = cx.palette.severity(finding.severity);
                let target = finding.location.as_ref().and_then(|location| {
                    let member = location.member.as_deref()?;
                    let token = cx.inspection.token.as_ref()?;
                    let content = match location.part {
                        Part::Header => token.header.as_ref(),
                        Part::Payload => token.payload.as_ref(),
                        Part::Signature => None,
                    };
                    let root = content.and_then(Content::object)?;
                    let index = root.value.members().iter().rposition(|m| m.name == member)?;
                    Some(Highlight { part: location.part, member: index })
                });
                let response = ui
                    .horizontal_wrapped(|ui| {
                        // The row is the button: selectable text would take the click.
                        ui.style_mut().interaction.selectable_labels = false;
                        ui.label(RichText::new(finding.severity.name().to_uppercase()).small().strong().color(color));
                        ui.label(RichText::new(finding.id.name()).monospace().color(color));
                        ui.label(&finding.message);
                        ui.label(RichText::new(finding.reference).small().color(cx.palette.muted));
                    })
                    .response;
                let response = response.interact(egui::Sense::click());
                if let Some(target) = target {
                    let response = response.on_hover_text("Click to highlight the member it concerns");
                    if response.clicked() {
                        cx.commands.push(Command::Pin(Some(target)));
                    }
                }
                ui.add_space(2.0);
            }
        });
    }
}
