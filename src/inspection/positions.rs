//! Where the inspected token's members are in the input: the [`Positions`] of the selected
//! candidate and token, asked in terms of header and payload members.

use crate::inspection::Inspection;
use crate::jose::json::Span;
use crate::jose::lint::Part;
use crate::jose::positions::{EncodedRange, Positions};
use crate::jose::token::{Content, SegmentRole};

impl Inspection {
    /// The map between input, token and decoded positions of the selected token.
    pub fn positions(&self) -> Option<Positions<'_>> {
        let positions = self.candidate()?.positions();
        Some(self.token.as_ref().map_or(positions, |token| positions.with_token(token)))
    }

    /// The input characters that encode bytes `decoded` of the header or payload.
    pub fn encoded_ranges(&self, part: Part, decoded: Span) -> Vec<EncodedRange> {
        self.positions().map(|p| p.encoded_ranges(segment_role(part), decoded)).unwrap_or_default()
    }

    /// The decoded member whose encoding covers input byte `offset`: the part, and the index
    /// of the top-level member in that part's object.
    pub fn member_at_input(&self, offset: usize) -> Option<(Part, usize)> {
        let (role, bytes) = self.positions()?.decoded_at(offset)?;
        let token = self.token.as_ref()?;
        let (part, content) = match role {
            SegmentRole::Header => (Part::Header, token.header.as_ref()),
            SegmentRole::Payload => (Part::Payload, token.payload.as_ref()),
            _ => return None,
        };
        let root = content.and_then(Content::object)?;
        root.value
            .members()
            .iter()
            .position(|m| m.span().start < bytes.end && bytes.start < m.span().end)
            .map(|i| (part, i))
    }
}

/// The segment that holds a part of a JWS.
fn segment_role(part: Part) -> SegmentRole {
    match part {
        Part::Header => SegmentRole::Header,
        Part::Payload => SegmentRole::Payload,
        Part::Signature => SegmentRole::Signature,
    }
}

#[cfg(test)]
mod tests {
    use chrono::DateTime;

    use super::*;
    use crate::inspection::Settings;
    use crate::jose::base64url;
    use crate::jose::token::Token;

    fn b64(text: &str) -> String {
        base64url::encode(text)
    }

    #[test]
    fn encoded_ranges_and_member_at_input_map_both_ways_through_a_wrapped_token() {
        let payload = r#"{"sub":"abc","name":"Grace Hopper"}"#;
        let token = format!("{}.{}.{}", b64(r#"{"alg":"none"}"#), b64(payload), "");
        let (first, second) = token.split_at(30);
        let input = format!("Bearer {first}\n  {second}");
        let inspection = Inspection::new(&input, &[], &Settings::default(), DateTime::UNIX_EPOCH);
        let claims = inspection.token.as_ref().and_then(Token::claims).expect("claims");
        let name = claims.value.members().get(1).expect("name").span();
        let ranges = inspection.encoded_ranges(Part::Payload, name);
        let covered: usize = ranges.iter().map(|r| r.span.end - r.span.start).sum();
        assert!(!ranges.is_empty());
        // Every character in the ranges maps back to the same member.
        for range in &ranges {
            for offset in range.span.start..range.span.end {
                let (part, member) = inspection.member_at_input(offset).expect("member");
                assert_eq!(part, Part::Payload);
                // Edge characters shared with the neighbour may map to it instead.
                let edge = (range.partial_start && offset == range.span.start)
                    || (range.partial_end && offset + 1 == range.span.end);
                assert!(member == 1 || edge, "offset {offset} maps to member {member}");
            }
        }
        assert_eq!(covered, (name.end * 8).div_ceil(6) - name.start * 4 / 3);
        // "Bearer " is not part of any member.
        assert_eq!(inspection.member_at_input(0), None);
    }
}
