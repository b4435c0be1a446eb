//! Where a token's characters are in the text it was found in, both ways: input byte ↔
//! token byte (through the pieces of a token hard-wrapped over several lines) ↔ decoded
//! byte of a segment (through base64url's 3 bytes to 4 characters, or one to one for an
//! unencoded payload). Every such mapping goes through [`Positions`], so the error markers,
//! the highlighted member and the hovered character cannot disagree on where a byte is.

use crate::jose::base64url;
use crate::jose::json::Span;
use crate::jose::token::{SegmentRole, Token};

/// Input characters that carry part of a decoded span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EncodedRange {
    /// Byte range in the input text.
    pub span: Span,
    /// The first character also carries bits of the byte before the span (base64url maps
    /// 3 bytes to 4 characters, so a member rarely starts on a boundary).
    pub partial_start: bool,
    /// The last character also carries bits of the byte after the span.
    pub partial_end: bool,
}

/// The map between a token's bytes and the input it was found in: the input ranges that
/// make up the token (one, or several when it was wrapped), and the parsed token for the
/// decoded side.
#[derive(Clone, Copy, Debug)]
pub struct Positions<'a> {
    /// Byte ranges of the input, in order; their texts concatenated are the token.
    pieces: &'a [Span],
    /// The parsed token, for mapping decoded bytes; `None` maps input ↔ token bytes only.
    token: Option<&'a Token>,
}

impl<'a> Positions<'a> {
    /// The map for a token made of the input ranges `pieces` (in order, not overlapping).
    pub fn new(pieces: &'a [Span]) -> Self {
        Self { pieces, token: None }
    }

    /// The same map, also able to place the decoded bytes of `token`'s segments.
    #[must_use]
    pub fn with_token(self, token: &'a Token) -> Self {
        Self { token: Some(token), ..self }
    }

    /// Each piece with the token byte offset it starts at: the one walk over the pieces.
    pub fn pieces(&self) -> impl Iterator<Item = (Span, usize)> + 'a {
        self.pieces.iter().scan(0, |consumed, piece| {
            let start = *consumed;
            *consumed += piece.end.saturating_sub(piece.start);
            Some((*piece, start))
        })
    }

    /// The input byte offset of token byte `token_offset`; past the token's end, the end of
    /// its last piece (so a span's end maps to the end of its text).
    pub fn input_offset(&self, token_offset: usize) -> usize {
        match self.pieces().find(|(piece, start)| token_offset < start + (piece.end - piece.start)) {
            Some((piece, start)) => piece.start + token_offset - start,
            None => self.pieces.last().map_or(0, |p| p.end),
        }
    }

    /// The token byte offset of input byte `input_offset`, when the token covers it.
    pub fn token_offset(&self, input_offset: usize) -> Option<usize> {
        self.pieces()
            .find(|(piece, _)| piece.contains(input_offset))
            .map(|(piece, start)| start + input_offset - piece.start)
    }

    /// The input ranges that carry token bytes `token` (several when the token was wrapped).
    pub fn input_ranges(&self, token: Span) -> Vec<Span> {
        self.pieces()
            .filter_map(|(piece, start)| {
                let len = piece.end - piece.start;
                let (from, to) = (token.start.max(start), token.end.min(start + len));
                (from < to).then(|| Span { start: piece.start + from - start, end: piece.start + to - start })
            })
            .collect()
    }

    /// Whether the segment's text is its bytes (an RFC 7797 unencoded payload), not base64url.
    fn unencoded(token: &Token, role: SegmentRole) -> bool {
        role == SegmentRole::Payload && token.unencoded_payload
    }

    /// The input characters that encode bytes `decoded` of the segment `role`; empty without
    /// a token or that segment.
    pub fn encoded_ranges(&self, role: SegmentRole, decoded: Span) -> Vec<EncodedRange> {
        let Some(token) = self.token else { return Vec::new() };
        let Some(segment) = token.segment(role) else { return Vec::new() };
        let (first, end, partial_start, partial_end) = if Self::unencoded(token, role) {
            (decoded.start, decoded.end, false, false)
        } else {
            base64url::chars_for_bytes(decoded.start, decoded.end)
        };
        let end = (segment.span.start + end).min(segment.span.end);
        let start = (segment.span.start + first).min(end);
        let pieces = self.input_ranges(Span { start, end });
        let count = pieces.len();
        pieces
            .into_iter()
            .enumerate()
            .map(|(i, span)| EncodedRange {
                span,
                partial_start: partial_start && i == 0,
                partial_end: partial_end && i + 1 == count,
            })
            .collect()
    }

    /// The segment whose text covers input byte `input_offset`, and the decoded bytes that
    /// character contributes to (one or two bytes of base64url; the byte itself when the
    /// payload is unencoded).
    pub fn decoded_at(&self, input_offset: usize) -> Option<(SegmentRole, Span)> {
        let token = self.token?;
        let token_offset = self.token_offset(input_offset)?;
        let segment = token.segments.iter().find(|s| s.span.contains(token_offset))?;
        let char_index = token_offset - segment.span.start;
        let (start, end) = if Self::unencoded(token, segment.role) {
            (char_index, char_index + 1)
        } else {
            base64url::bytes_for_chars(char_index, char_index + 1)
        };
        Some((segment.role, Span { start, end }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jose::token;

    #[test]
    fn token_and_input_offsets_map_both_ways_through_the_pieces_of_a_wrapped_token() {
        // "abc" at 2..5 and "de" at 8..10 of "  abc\n  de".
        let pieces = [Span { start: 2, end: 5 }, Span { start: 8, end: 10 }];
        let positions = Positions::new(&pieces);
        let inputs: Vec<usize> = (0..6).map(|t| positions.input_offset(t)).collect();
        assert_eq!(inputs, [2, 3, 4, 8, 9, 10], "past the end: the end of the last piece");
        let tokens: Vec<Option<usize>> = (0..11).map(|i| positions.token_offset(i)).collect();
        let expected = [None, None, Some(0), Some(1), Some(2), None, None, None, Some(3), Some(4), None];
        assert_eq!(tokens, expected);
        assert_eq!(
            positions.input_ranges(Span { start: 1, end: 4 }),
            [Span { start: 3, end: 5 }, Span { start: 8, end: 9 }]
        );
        assert_eq!(positions.input_ranges(Span { start: 5, end: 5 }), []);
    }

    #[test]
    fn decoded_bytes_map_to_the_characters_that_carry_them_and_back() {
        // Header "{}" (2 bytes → 3 characters), payload "abc" (3 bytes → 4 characters).
        let text = format!("{}.{}.", base64url::encode("{}"), base64url::encode("abc"));
        let parsed = token::parse(&text).expect("parses");
        let pieces = [Span { start: 10, end: 10 + text.len() }];
        let positions = Positions::new(&pieces).with_token(&parsed);
        // Payload byte 1 ("b") is carried by characters 1 and 2 of the payload segment, both
        // shared with the neighbouring bytes.
        let ranges = positions.encoded_ranges(SegmentRole::Payload, Span { start: 1, end: 2 });
        assert_eq!(
            ranges,
            [EncodedRange { span: Span { start: 15, end: 17 }, partial_start: true, partial_end: true }]
        );
        assert_eq!(positions.decoded_at(15), Some((SegmentRole::Payload, Span { start: 0, end: 2 })));
        assert_eq!(positions.decoded_at(10), Some((SegmentRole::Header, Span { start: 0, end: 1 })));
        assert_eq!(positions.decoded_at(13), None, "the dot is in no segment");
        assert_eq!(positions.decoded_at(9), None, "before the token");
    }
}
