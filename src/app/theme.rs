//! Colours: the segment convention users know from jwt.io (header red-pink, payload purple,
//! signature cyan-blue), tuned to stay readable on dark and light backgrounds, and status
//! colours that always come with a word and an icon.

use egui::Color32;

use crate::jose::lint::Severity;
use crate::present::{self, Look, Tone};

/// Colours for one theme.
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    /// The header segment (and a JWE's header).
    pub header: Color32,
    /// The payload segment (a JWE's ciphertext too).
    pub payload: Color32,
    /// The signature segment (a JWE's authentication tag too).
    pub signature: Color32,
    /// JWE's extra segments: the encrypted key and the initialization vector.
    pub other_segment: Color32,
    /// The dots between the segments.
    pub dot: Color32,
    /// The good tone: valid, passed.
    pub good: Color32,
    /// The bad tone: invalid, failed, an error.
    pub bad: Color32,
    /// The warning tone.
    pub warn: Color32,
    /// The informational tone: notes and hints.
    pub info: Color32,
    /// Behind the highlighted member: its decoded row and the encoded characters that carry it.
    pub highlight_bg: Color32,
    /// Behind an encoded character that carries the highlighted member only in part (it
    /// also holds bits of a neighbouring byte).
    pub partial_bg: Color32,
    /// Behind the encoded character an error points at.
    pub error_bg: Color32,
    /// JSON member names.
    pub json_key: Color32,
    /// JSON strings.
    pub json_string: Color32,
    /// JSON numbers.
    pub json_number: Color32,
    /// JSON `true`, `false` and `null`.
    pub json_literal: Color32,
    /// Secondary text: hints, references, the input around the token and its other tokens.
    pub muted: Color32,
}

/// The palette on dark backgrounds.
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

/// The palette on light backgrounds.
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

/// The palette of the dark or the light theme.
pub fn palette(dark: bool) -> &'static Palette {
    if dark { &DARK } else { &LIGHT }
}

impl Palette {
    /// Colour of segment `index` of a token of `segments` segments: a JWS's header, payload
    /// and signature; a JWE's header, then its ciphertext and tag in the payload's and the
    /// signature's colours, the encrypted key and IV in [`Self::other_segment`].
    pub fn segment(&self, index: usize, segments: usize) -> Color32 {
        match (index, segments) {
            (0, _) => self.header,
            (1, 3) | (3, 5) => self.payload,
            (2, 3) | (4, 5) => self.signature,
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

    /// The colour of a finding's severity (its tone from [`crate::present`]).
    pub fn severity(&self, severity: Severity) -> Color32 {
        self.tone(present::severity(severity).tone)
    }
}
