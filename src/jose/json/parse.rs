//! The reader: one JSON document, strictly (RFC 8259), into [`Node`]s with their spans.

use std::fmt::Write as _;

use crate::jose::json::{JsonError, MAX_DEPTH, Member, Node, Span, Value};

/// Parses one JSON document that must fill the whole text (surrounding whitespace allowed).
pub fn parse(text: &str) -> Result<Node, JsonError> {
    let mut parser = Parser { text, bytes: text.as_bytes(), pos: 0 };
    parser.skip_whitespace();
    let node = parser.value(0)?;
    parser.skip_whitespace();
    if parser.pos < parser.bytes.len() {
        return Err(parser.error("unexpected text after the JSON value"));
    }
    Ok(node)
}

/// A cursor over the text being read.
pub(super) struct Parser<'a> {
    pub(super) text: &'a str,
    pub(super) bytes: &'a [u8],
    /// Byte offset of the next byte to read.
    pub(super) pos: usize,
}

impl Parser<'_> {
    pub(super) fn error(&self, message: &str) -> JsonError {
        self.error_at(self.pos, message.to_owned())
    }

    fn error_at(&self, offset: usize, message: String) -> JsonError {
        let offset = offset.min(self.text.len());
        let before = self.text.get(..offset).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
        JsonError { message, offset, line, column }
    }

    pub(super) fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    pub(super) fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    pub(super) fn describe_here(&self) -> String {
        match self.text.get(self.pos..).and_then(|rest| rest.chars().next()) {
            Some(c) => format!("unexpected {c:?}"),
            None => "unexpected end of text".to_owned(),
        }
    }

    fn value(&mut self, depth: usize) -> Result<Node, JsonError> {
        let start = self.pos;
        if depth >= MAX_DEPTH {
            self.skip_value()?;
            return Ok(Node { value: Value::TooDeep, span: Span { start, end: self.pos } });
        }
        let value = match self.peek() {
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            Some(b't') => self.literal("true", Value::Bool(true))?,
            Some(b'f') => self.literal("false", Value::Bool(false))?,
            Some(b'n') => self.literal("null", Value::Null)?,
            _ => {
                let what = self.describe_here();
                return Err(self.error(&format!("{what}: expected a JSON value")));
            }
        };
        Ok(Node { value, span: Span { start, end: self.pos } })
    }

    pub(super) fn literal(&mut self, word: &str, value: Value) -> Result<Value, JsonError> {
        if self.bytes.get(self.pos..self.pos + word.len()) == Some(word.as_bytes()) {
            self.pos += word.len();
            Ok(value)
        } else {
            let what = self.describe_here();
            Err(self.error(&format!("{what}: expected a JSON value")))
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.pos += 1; // '{'
        let mut members = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b'}') {
            self.pos += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_whitespace();
            if self.peek() != Some(b'"') {
                let what = self.describe_here();
                return Err(self.error(&format!("{what}: expected a member name in double quotes")));
            }
            let name_start = self.pos;
            let name = self.string()?;
            let name_span = Span { start: name_start, end: self.pos };
            self.skip_whitespace();
            if self.peek() != Some(b':') {
                let what = self.describe_here();
                return Err(self.error(&format!("{what}: expected ':' after the member name")));
            }
            self.pos += 1;
            self.skip_whitespace();
            let value = self.value(depth + 1)?;
            members.push(Member { name, name_span, value });
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(Value::Object(members));
                }
                _ => {
                    let what = self.describe_here();
                    return Err(self.error(&format!("{what}: expected ',' or '}}'")));
                }
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, JsonError> {
        self.pos += 1; // '['
        let mut items = Vec::new();
        self.skip_whitespace();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.skip_whitespace();
            items.push(self.value(depth + 1)?);
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => {
                    let what = self.describe_here();
                    return Err(self.error(&format!("{what}: expected ',' or ']'")));
                }
            }
        }
    }

    pub(super) fn number(&mut self) -> Result<String, JsonError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                if matches!(self.peek(), Some(b'0'..=b'9')) {
                    return Err(self.error("a number may not have a leading zero"));
                }
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.error("expected a digit")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("expected a digit after the decimal point"));
            }
            self.digits();
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if !matches!(self.peek(), Some(b'0'..=b'9')) {
                return Err(self.error("expected a digit in the exponent"));
            }
            self.digits();
        }
        Ok(self.text.get(start..self.pos).unwrap_or_default().to_owned())
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }

    pub(super) fn string(&mut self) -> Result<String, JsonError> {
        let open = self.pos;
        self.pos += 1; // '"'
        let mut out = String::new();
        loop {
            // Copy the run of plain characters in one go.
            let run_start = self.pos;
            let rest = self.bytes.get(self.pos..).unwrap_or_default();
            #[allow(clippy::needless_bitwise_bool, reason = "no branches, so the run is measured a block at a time")]
            let plain = |b: u8| (b != b'"') & (b != b'\\') & (b >= 0x20);
            self.pos += crate::jose::scan::run_len(rest, plain);
            out.push_str(self.text.get(run_start..self.pos).unwrap_or_default());
            match self.peek() {
                None => return Err(self.error_at(open, "string is never closed".to_owned())),
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape(&mut out)?;
                }
                Some(b) => {
                    let mut message = String::from("control character ");
                    let _ = write!(message, "U+{b:04X} must be escaped inside a string");
                    return Err(self.error(&message));
                }
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), JsonError> {
        let Some(b) = self.peek() else {
            return Err(self.error("unfinished escape sequence"));
        };
        self.pos += 1;
        let c = match b {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                let first = self.hex4()?;
                if (0xD800..0xDC00).contains(&first) {
                    if self.bytes.get(self.pos..self.pos + 2) != Some(b"\\u") {
                        return Err(self.error("lone leading surrogate in a \\u escape"));
                    }
                    self.pos += 2;
                    let second = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&second) {
                        return Err(self.error("invalid trailing surrogate in a \\u escape"));
                    }
                    let code = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00);
                    char::from_u32(code).ok_or_else(|| self.error("invalid \\u escape"))?
                } else {
                    char::from_u32(first).ok_or_else(|| self.error("lone trailing surrogate in a \\u escape"))?
                }
            }
            _ => {
                self.pos -= 1;
                let what = self.describe_here();
                return Err(self.error(&format!("{what}: invalid escape sequence")));
            }
        };
        out.push(c);
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, JsonError> {
        let digits = self.text.get(self.pos..self.pos + 4).unwrap_or("");
        if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(self.error("expected four hex digits after \\u"));
        }
        self.pos += 4;
        u32::from_str_radix(digits, 16).map_err(|_| self.error("expected four hex digits after \\u"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_line_and_column() {
        let error = parse("{\n  \"a\": tru\n}").expect_err("invalid");
        assert_eq!(error.line, 2);
        assert_eq!(error.column, 8);
        assert!(error.to_string().contains("expected a JSON value"), "{error}");
    }

    #[test]
    fn unclosed_deep_nesting_is_an_error_without_overflowing_the_stack() {
        let text = "[".repeat(100_000);
        let error = parse(&text).expect_err("never closed");
        assert!(error.message.contains("unexpected end of text"), "{error}");
    }

    #[test]
    fn escapes_and_surrogate_pairs_decode() {
        let node = parse(r#""a\n\u00e9\ud83d\ude00""#).expect("valid");
        assert_eq!(node.value.as_str(), Some("a\né😀"));
        assert!(parse(r#""\ud83d""#).is_err());
    }

    #[test]
    fn trailing_text_and_leading_zeros_are_rejected() {
        assert!(parse("{} x").is_err());
        assert!(parse("01").is_err());
        assert!(parse("\"a\u{1}\"").is_err());
    }
}
