//! Colours: the segment convention users know from jwt.io (header red-pink, payload purple,
//! signature cyan-blue), tuned to stay readable on dark and light backgrounds, and status
//! colours that always come with a word and an icon.

use egui::Color32;

use crate::jose::lint::Severity;
use crate::present::{self, Look, Tone};

/// Colours for one theme.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    pub header: Color32,
    pub payload: Color32,
    pub signature: Color32,
    /// JWE's extra segments.
    pub other_segment: Color32,
    pub dot: Color32,
    pub good: Color32,
    pub bad: Color32,
    pub warn: Color32,
    pub info: Color32,
    pub highlight_bg: Color32,
    pub partial_bg: Color32,
    pub error_bg: Color32,
    pub json_key: Color32,
    pub json_string: Color32,
    pub json_number: Color32,
    pub json_literal: Color32,
    pub muted: Color32,
}

pub const DARK: Palette = Palette {
    header: Color32::from_rgb(0xfb, 0x4b, 0x7e),
    payload: Color32::from_rgb(0xd6, 0x6b, 0xff),
    signature: Color32::from_rgb(0x2e, 0xc8, 0xf5),
    other_segment: Color32::from_rgb(0xf0, 0xa0, 0x40),
    dot: Color32::from_rgb(0xb0, 0xb0, 0xb8),
    good: Color32::from_rgb(0x5c, 0xd6, 0x6e),
    bad: Color32::from_rgb(0xff, 0x6b, 0x6b),
    warn: Color32::from_rgb(0xf2, 0xc1, 0x4e),
    info: Color32::from_rgb(0x8c, 0xb4, 0xff),
    highlight_bg: Color32::from_rgb(0x55, 0x55, 0x20),
    partial_bg: Color32::from_rgb(0x38, 0x38, 0x20),
    error_bg: Color32::from_rgb(0x80, 0x10, 0x10),
    json_key: Color32::from_rgb(0x9c, 0xdc, 0xfe),
    json_string: Color32::from_rgb(0xce, 0x91, 0x78),
    json_number: Color32::from_rgb(0xb5, 0xce, 0xa8),
    json_literal: Color32::from_rgb(0x56, 0x9c, 0xd6),
    muted: Color32::from_rgb(0x9a, 0x9a, 0xa4),
};

pub const LIGHT: Palette = Palette {
    header: Color32::from_rgb(0xc8, 0x00, 0x4a),
    payload: Color32::from_rgb(0x8a, 0x1e, 0xc0),
    signature: Color32::from_rgb(0x00, 0x76, 0xa8),
    other_segment: Color32::from_rgb(0xa8, 0x5a, 0x00),
    dot: Color32::from_rgb(0x50, 0x50, 0x58),
    good: Color32::from_rgb(0x1a, 0x7f, 0x37),
    bad: Color32::from_rgb(0xc0, 0x1c, 0x28),
    warn: Color32::from_rgb(0x9a, 0x67, 0x00),
    info: Color32::from_rgb(0x1f, 0x5f, 0xbf),
    highlight_bg: Color32::from_rgb(0xff, 0xe8, 0x70),
    partial_bg: Color32::from_rgb(0xff, 0xf6, 0xc4),
    error_bg: Color32::from_rgb(0xff, 0xb0, 0xb0),
    json_key: Color32::from_rgb(0x00, 0x4f, 0x9e),
    json_string: Color32::from_rgb(0xa3, 0x15, 0x15),
    json_number: Color32::from_rgb(0x09, 0x86, 0x58),
    json_literal: Color32::from_rgb(0x00, 0x00, 0xd0),
    muted: Color32::from_rgb(0x60, 0x60, 0x68),
};

/// The window background: egui's panel colour, painted once per frame as the clear colour
/// (panels themselves are transparent).
pub fn background(dark: bool) -> Color32 {
    if dark { egui::Visuals::dark().panel_fill } else { egui::Visuals::light().panel_fill }
}

pub fn palette(dark: bool) -> &'static Palette {
    if dark { &DARK } else { &LIGHT }
}

impl Palette {
    /// Colour of segment `index` (0 header, 1 payload, 2 signature; JWE's others after).
    pub fn segment(&self, index: usize, segments: usize) -> Color32 {
        match (index, segments) {
            (0, _) => self.header,
            (1, 3) => self.payload,
            (2, 3) => self.signature,
            (3, 5) => self.payload,
            (4, 5) => self.signature,
            _ => self.other_segment,
        }
    }

    /// The colour of a tone from the shared presentation ([`crate::present`]), which gives
    /// the icon and the word: the GUI adds only colour.
    pub fn tone(&self, tone: Tone) -> Color32 {
        match tone {
            Tone::Good => self.good,
            Tone::Bad => self.bad,
            Tone::Warn => self.warn,
            Tone::Info => self.info,
            Tone::Muted => self.muted,
        }
    }

    /// A status as the GUI shows it: its colour, and "icon word" from [`crate::present`].
    pub fn look(&self, look: Look) -> (Color32, String) {
        (self.tone(look.tone), look.label())
    }

    pub fn severity(&self, severity: Severity) -> Color32 {
        self.tone(present::severity(severity).tone)
    }
}
