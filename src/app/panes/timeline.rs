//! Pane 4: the timeline. A time axis spanning the token's time claims and now, the valid
//! window shaded, the leeway as bands on its edges, a live "now" line, hover for exact
//! times, and a draggable "evaluate at" cursor. Absurd values (year 30000, before 1970) are
//! drawn at the edge with an arrow and named, so the axis stays readable.

use std::fmt::Write as _;

use chrono::{DateTime, Datelike as _, NaiveDate, NaiveTime, TimeDelta, Utc};
use egui::{Align2, Color32, FontId, Pos2, Rect, RichText, Sense, Stroke, Vec2};

use crate::app::command::Command;
use crate::app::panes::Cx;
use crate::jose::timeline::{TimeStatus, human_duration, relative};

/// Where things were drawn in the last frame (tests read it).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    /// The area the timeline was drawn in.
    pub rect: Rect,
    /// x of the clock's "now" line.
    pub now_x: f32,
    /// x of the evaluation instant (equal to `now_x` unless the cursor was dragged).
    pub evaluated_x: f32,
    /// x of the `exp` marker, if one was drawn (at an edge when it is far off).
    pub exp_x: Option<f32>,
    /// x of the `iat` marker, if one was drawn (at an edge when it is far off).
    pub iat_x: Option<f32>,
}

/// The timeline pane.
#[derive(Default)]
pub struct TimelinePane {
    /// Where things were drawn in the last frame.
    pub geometry: Option<Geometry>,
    /// The axis held still while the cursor is dragged: rescaling it under the pointer
    /// would move the instant under it, and the drag would run away.
    held_axis: Option<(i64, i64)>,
}

// Markers beyond this distance from now are drawn at the edge instead of stretching the axis.
const FAR: i64 = 50 * 365 * 86_400;

/// The time axis: Unix seconds `start..end` drawn from x `left` to `right`.
#[derive(Clone, Copy)]
struct Axis {
    start: i64,
    end: i64,
    left: f32,
    right: f32,
    /// The clock's now, which decides what is near enough to be drawn in place.
    clock: DateTime<Utc>,
}

#[allow(clippy::cast_precision_loss, clippy::cast_possible_truncation, reason = "screen coordinates")]
impl Axis {
    /// The span of the events near now, now and the evaluation instant, padded.
    fn span(events: &[(&str, DateTime<Utc>)], clock: DateTime<Utc>, evaluated: DateTime<Utc>) -> (i64, i64) {
        let mut times: Vec<i64> =
            events.iter().map(|e| e.1).filter(|t| near(*t, clock)).map(|t| t.timestamp()).collect();
        times.push(clock.timestamp());
        times.push(evaluated.timestamp());
        let (min, max) = (times.iter().min().copied().unwrap_or(0), times.iter().max().copied().unwrap_or(0));
        let span = (max - min).max(120);
        let pad = (span / 10).max(30);
        (min - pad, max + pad)
    }

    fn x_of(self, t: i64) -> f32 {
        let fraction = (t.saturating_sub(self.start)) as f64 / (self.end - self.start).max(1) as f64;
        self.left + (self.right - self.left) * fraction.clamp(0.0, 1.0) as f32
    }

    fn t_of(self, x: f32) -> i64 {
        let fraction = f64::from(((x - self.left) / (self.right - self.left)).clamp(0.0, 1.0));
        self.start + ((self.end - self.start) as f64 * fraction).round() as i64
    }

    fn near(self, t: DateTime<Utc>) -> bool {
        near(t, self.clock)
    }
}

fn near(t: DateTime<Utc>, clock: DateTime<Utc>) -> bool {
    (t - clock).num_seconds().abs() <= FAR
}

impl TimelinePane {
    /// Draws the pane.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &mut Cx<'_>) {
        heading_ui(ui, cx);
        let timeline = &cx.inspection.timeline;
        let height = ui.available_height().clamp(70.0, 160.0);
        let (response, painter) = ui.allocate_painter(Vec2::new(ui.available_width(), height), Sense::click_and_drag());
        let rect = response.rect;
        painter.rect_filled(rect, 4.0, ui.visuals().extreme_bg_color);
        let events: Vec<(&str, DateTime<Utc>)> = timeline.events.iter().map(|e| (e.claim, e.at)).collect();
        if events.is_empty() {
            let text = match timeline.status {
                TimeStatus::Invalid => "The time claims are not dates: see above.",
                TimeStatus::NotApplicable => {
                    "No claims to judge: there is no token, or its payload is not a JSON object."
                }
                _ => "This token has no time claims (iat, nbf, exp): it never expires.",
            };
            painter.text(rect.center(), Align2::CENTER_CENTER, text, FontId::proportional(14.0), cx.palette.muted);
            self.geometry = None;
            self.held_axis = None;
            return;
        }
        let dragging = response.dragged();
        let (start, end) = match self.held_axis {
            Some(held) if dragging => held,
            _ => Axis::span(&events, cx.clock, timeline.now),
        };
        self.held_axis = dragging.then_some((start, end));
        let axis = Axis { start, end, left: rect.left() + 12.0, right: rect.right() - 12.0, clock: cx.clock };
        let axis_y = rect.bottom() - 26.0;
        draw_window(&painter, cx, axis, rect.top() + 18.0..=axis_y);
        draw_ticks(&painter, ui.visuals(), cx, axis, axis_y);
        let mut geometry = Geometry {
            rect,
            now_x: axis.x_of(cx.clock.timestamp()),
            evaluated_x: axis.x_of(timeline.now.timestamp()),
            exp_x: None,
            iat_x: None,
        };
        draw_markers(&painter, ui.visuals(), cx, axis, &events, &mut geometry);
        draw_now(&painter, ui.visuals(), cx, &geometry, axis_y);
        if let Some(pointer) = response.hover_pos() {
            painter.line_segment(
                [Pos2::new(pointer.x, rect.top()), Pos2::new(pointer.x, rect.bottom())],
                Stroke::new(1.0, cx.palette.muted),
            );
            response.clone().on_hover_text_at_pointer(hover_text(cx, axis, &events, pointer.x));
        }
        if (dragging || response.clicked())
            && let Some(pointer) = response.interact_pointer_pos()
        {
            cx.commands.push(Command::EvaluateAt(Some(axis.t_of(pointer.x))));
        }
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Canvas, true, "Timeline"));
        self.geometry = Some(geometry);

        // The live "now" line: one repaint a second while the timeline is visible, woken
        // just after the second turns (a timer that fires a little early would otherwise
        // schedule a second frame a few milliseconds later).
        if !cx.evaluating_elsewhere {
            let millis = i64::from(Utc::now().timestamp_subsec_millis());
            let wait =
                TimeDelta::milliseconds(1_000 - millis + 30).to_std().unwrap_or(std::time::Duration::from_secs(1));
            ui.ctx().request_repaint_after(wait);
        }
    }
}

/// The status, the phrase, lifetime, leeway, "evaluated at" with Back to now, and notes.
fn heading_ui(ui: &mut egui::Ui, cx: &mut Cx<'_>) {
    let timeline = &cx.inspection.timeline;
    let palette = cx.palette;
    ui.horizontal_wrapped(|ui| {
        ui.heading("Timeline");
        let (color, label) = palette.look(crate::present::time(timeline.status));
        ui.label(RichText::new(label).strong().color(color));
        ui.label(RichText::new(&timeline.phrase).color(color));
        if let Some(lifetime) = timeline.lifetime {
            ui.label(RichText::new(format!("· lifetime {}", human_duration(lifetime))).color(palette.muted));
        }
        if timeline.leeway > 0 {
            ui.label(RichText::new(format!("· leeway {} s", timeline.leeway)).color(palette.muted));
        }
        // Only a dragged instant is named: the clock moving on is not "evaluated at".
        if cx.evaluating_elsewhere {
            ui.label(RichText::new(format!("· evaluated at {}", cx.format_date(timeline.now))).color(palette.info));
            let back = Command::EvaluateAt(None);
            if ui.button(back.label()).on_hover_text(back.tooltip()).clicked() {
                cx.commands.push(back);
            }
        }
    });
    for claim in &timeline.claims {
        for note in &claim.notes {
            ui.label(RichText::new(format!("{}: {note}", claim.name)).small().color(palette.warn));
        }
    }
}

/// The valid window, and the leeway bands on its edges.
fn draw_window(painter: &egui::Painter, cx: &Cx<'_>, axis: Axis, y: std::ops::RangeInclusive<f32>) {
    let timeline = &cx.inspection.timeline;
    let from_x = timeline.valid_from.filter(|t| axis.near(*t)).map_or(axis.left, |t| axis.x_of(t.timestamp()));
    let until_x = timeline.valid_until.filter(|t| axis.near(*t)).map_or(axis.right, |t| axis.x_of(t.timestamp()));
    if until_x > from_x {
        let window = Rect::from_x_y_ranges(from_x..=until_x, y.clone());
        painter.rect_filled(window, 0.0, cx.palette.good.gamma_multiply(0.18));
    }
    let leeway = timeline.leeway;
    if leeway > 0 {
        for edge in [timeline.valid_from, timeline.valid_until].into_iter().flatten().filter(|t| axis.near(*t)) {
            let (a, b) = (axis.x_of(edge.timestamp() - leeway), axis.x_of(edge.timestamp() + leeway));
            let band = Rect::from_x_y_ranges(a..=b.max(a + 2.0), y.clone());
            painter.rect_filled(band, 0.0, cx.palette.warn.gamma_multiply(0.25));
        }
    }
}

/// The axis line with its ticks and their labels.
fn draw_ticks(painter: &egui::Painter, visuals: &egui::Visuals, cx: &Cx<'_>, axis: Axis, axis_y: f32) {
    let text_color = visuals.text_color();
    let stroke = Stroke::new(1.0, text_color);
    painter.line_segment([Pos2::new(axis.left, axis_y), Pos2::new(axis.right, axis_y)], stroke);
    for (tick, label) in ticks(axis.start, axis.end) {
        let x = axis.x_of(tick);
        painter.line_segment([Pos2::new(x, axis_y), Pos2::new(x, axis_y + 4.0)], stroke);
        let at = Pos2::new(x, axis_y + 6.0);
        painter.text(at, Align2::CENTER_TOP, label, FontId::proportional(11.0), cx.palette.muted);
    }
}

/// The claim markers; far ones at the edge with an arrow and their year.
#[allow(clippy::cast_precision_loss, reason = "a row index")]
fn draw_markers(
    painter: &egui::Painter,
    visuals: &egui::Visuals,
    cx: &Cx<'_>,
    axis: Axis,
    events: &[(&str, DateTime<Utc>)],
    geometry: &mut Geometry,
) {
    let (palette, clock, rect) = (cx.palette, cx.clock, geometry.rect);
    let axis_y = rect.bottom() - 26.0;
    let mut placed: Vec<(f32, usize)> = Vec::new();
    for (claim, at) in events {
        let color = match *claim {
            "exp" => palette.bad,
            "nbf" => palette.warn,
            "iat" => palette.info,
            _ => palette.payload,
        };
        let far = !axis.near(*at);
        let x = if far { if *at > clock { axis.right } else { axis.left } } else { axis.x_of(at.timestamp()) };
        match *claim {
            "exp" => geometry.exp_x = Some(x),
            "iat" => geometry.iat_x = Some(x),
            _ => {}
        }
        // Labels closer than 48 points go on the next row down.
        let row = (0..3).find(|r| placed.iter().all(|(px, pr)| *pr != *r || (px - x).abs() > 48.0)).unwrap_or(0);
        placed.push((x, row));
        let label_y = rect.top() + 4.0 + row as f32 * 15.0;
        painter.line_segment([Pos2::new(x, label_y + 14.0), Pos2::new(x, axis_y)], Stroke::new(2.0, color));
        let text = if far {
            format!("{claim} {} {}", if *at > clock { "→" } else { "←" }, at.format("%Y"))
        } else {
            (*claim).to_owned()
        };
        let align = if x > axis.right - 40.0 {
            Align2::RIGHT_TOP
        } else if x < axis.left + 40.0 {
            Align2::LEFT_TOP
        } else {
            Align2::CENTER_TOP
        };
        // A backing keeps the label readable where marker lines cross it.
        let galley = painter.layout_no_wrap(text, FontId::proportional(12.0), color);
        let label_rect = align.anchor_size(Pos2::new(x, label_y), galley.size()).expand(1.0);
        painter.rect_filled(label_rect, 2.0, visuals.extreme_bg_color);
        painter.galley(label_rect.min + Vec2::splat(1.0), galley, color);
    }
}

/// The clock's now, and the evaluation cursor when it was dragged elsewhere.
fn draw_now(painter: &egui::Painter, visuals: &egui::Visuals, cx: &Cx<'_>, geometry: &Geometry, axis_y: f32) {
    let top = geometry.rect.top() + 36.0;
    let now_color = if visuals.dark_mode { Color32::WHITE } else { Color32::BLACK };
    let now_x = geometry.now_x;
    painter.line_segment([Pos2::new(now_x, top), Pos2::new(now_x, axis_y)], Stroke::new(2.0, now_color));
    let at = Pos2::new(now_x, axis_y - 14.0);
    painter.text(at, Align2::LEFT_BOTTOM, " now", FontId::proportional(12.0), now_color);
    if cx.evaluating_elsewhere {
        let x = geometry.evaluated_x;
        painter.line_segment([Pos2::new(x, top), Pos2::new(x, axis_y)], Stroke::new(2.0, cx.palette.info));
        painter.text(Pos2::new(x, top), Align2::LEFT_TOP, " evaluated", FontId::proportional(12.0), cx.palette.info);
    }
}

/// The exact time under the pointer, and the timestamp of a marker under it.
fn hover_text(cx: &Cx<'_>, axis: Axis, events: &[(&str, DateTime<Utc>)], x: f32) -> String {
    let clock = cx.clock;
    let mut tip = DateTime::from_timestamp(axis.t_of(x), 0)
        .map(|d| format!("{} ({})", cx.format_date(d), relative(d, clock)))
        .unwrap_or_default();
    for (claim, at) in events {
        if axis.near(*at) && (axis.x_of(at.timestamp()) - x).abs() < 6.0 {
            // Writing to a String cannot fail.
            let _ = write!(tip, "\n{claim} = {} ({}, {})", at.timestamp(), cx.format_date(*at), relative(*at, clock));
        }
    }
    tip.push_str("\nDrag to evaluate validity at another instant.");
    tip
}

/// About 4 to 8 ticks between `start` and `end` (Unix seconds) with their labels; ticks a
/// year or more apart sit on New Year's Day so "2015" means 2015-01-01.
fn ticks(start: i64, end: i64) -> Vec<(i64, String)> {
    let step = tick_step(end - start);
    let mut out = Vec::new();
    if step >= 31_536_000 {
        let years = i32::try_from(step / 31_536_000).unwrap_or(1).max(1);
        let Some(first) = DateTime::from_timestamp(start, 0) else { return out };
        let mut year = first.year() + 1;
        year += (years - year.rem_euclid(years)) % years;
        while let Some(at) =
            NaiveDate::from_ymd_opt(year, 1, 1).map(|d| d.and_time(NaiveTime::MIN).and_utc().timestamp())
        {
            if at >= end || out.len() > 20 {
                break;
            }
            out.push((at, year.to_string()));
            year += years;
        }
        return out;
    }
    let mut tick = start.div_euclid(step) * step + step;
    while tick < end && out.len() <= 20 {
        if let Some(date) = DateTime::from_timestamp(tick, 0) {
            let label = match step {
                ..60 => date.format("%H:%M:%S").to_string(),
                60..86_400 => date.format("%H:%M").to_string(),
                86_400..2_592_000 => date.format("%b %d").to_string(),
                _ => date.format("%Y-%m").to_string(),
            };
            out.push((tick, label));
        }
        tick += step;
    }
    out
}

/// A tick interval giving about 4 to 8 ticks over `span` seconds.
fn tick_step(span: i64) -> i64 {
    const STEPS: [i64; 16] =
        [1, 5, 15, 30, 60, 300, 900, 1_800, 3_600, 10_800, 21_600, 43_200, 86_400, 604_800, 2_592_000, 31_536_000];
    STEPS.iter().copied().find(|step| span / step <= 8).unwrap_or_else(|| (span / 8 / 31_536_000 + 1) * 31_536_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tick_labels_differ_from_one_tick_to_the_next() {
        // Spans from two minutes (a token whose only claim is far away) to centuries.
        for span in [120, 900, 7_200, 86_400 * 3, 86_400 * 90, 86_400 * 365 * 30] {
            let start = 1_795_348_800;
            let labels: Vec<String> = ticks(start, start + span).into_iter().map(|(_, label)| label).collect();
            assert!(labels.len() >= 2, "span {span}: {labels:?}");
            assert!(labels.windows(2).all(|w| w[0] != w[1]), "span {span}: {labels:?}");
        }
    }
}
