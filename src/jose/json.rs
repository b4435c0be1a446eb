//! A strict RFC 8259 JSON reader that keeps what generic parsers throw away: member order,
//! repeated member names, the exact text of numbers, and the byte span of every name and
//! value in the decoded text (so the GUI can colour and cross-highlight members).
//!
//! It never recurses deeper than [`MAX_DEPTH`] and never panics on any input. A value nested
//! deeper is still checked (without recursion, in linear time) but kept only as its span,
//! [`Value::TooDeep`]: the limit costs the display of that value, never the members around
//! it (a payload with `exp` next to a 300-level array still has its `exp`).

use std::fmt::Write as _;

/// Nesting limit; serde_json uses the same, so both accept the same documents.
pub const MAX_DEPTH: usize = 128;

/// Byte range `start..end` in the text that was parsed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
}

/// A JSON value with the span of its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// The number exactly as written (`1e400` stays `1e400`).
    Number(String),
    String(String),
    Array(Vec<Node>),
    /// Members in source order, repeated names included.
    Object(Vec<Member>),
    /// A valid value nested deeper than [`MAX_DEPTH`]: checked, not kept (its text is at
    /// the node's span).
    TooDeep,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    pub name: String,
    pub name_span: Span,
    pub value: Node,
}

impl Member {
    /// From the opening quote of the name to the end of the value.
    pub fn span(&self) -> Span {
        Span { start: self.name_span.start, end: self.value.span.end }
    }
}

/// Why text is not JSON, with where (1-based line and column, 0-based byte offset).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message} at line {line}, column {column}")]
pub struct JsonError {
    pub message: String,
    pub offset: usize,
    pub line: usize,
    pub column: usize,
}

impl Value {
    /// The JSON type's name, for messages ("a string", "an array").
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Bool(_) => "a boolean",
            Self::Number(_) => "a number",
            Self::String(_) => "a string",
            Self::Array(_) => "an array",
            Self::Object(_) => "an object",
            Self::TooDeep => "a value nested too deep to show",
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn members(&self) -> &[Member] {
        match self {
            Self::Object(members) => members,
            _ => &[],
        }
    }
}

impl Node {
    /// The value a typical JWT library reads for `name`: the last of repeated members.
    pub fn get(&self, name: &str) -> Option<&Node> {
        self.value.members().iter().rev().find(|m| m.name == name).map(|m| &m.value)
    }

    pub fn get_str(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(|node| node.value.as_str())
    }

    /// Whether a value somewhere inside was nested past [`MAX_DEPTH`] (kept as its span).
    pub fn has_too_deep(&self) -> bool {
        let mut visit = vec![self];
        while let Some(node) = visit.pop() {
            match &node.value {
                Value::TooDeep => return true,
                Value::Array(items) => visit.extend(items),
                Value::Object(members) => visit.extend(members.iter().map(|m| &m.value)),
                _ => {}
            }
        }
        false
    }

    /// Names that occur more than once among this object's members, in first-seen order,
    /// each with the indices of its members.
    pub fn duplicate_members(&self) -> Vec<(&str, Vec<usize>)> {
        let members = self.value.members();
        let mut out: Vec<(&str, Vec<usize>)> = Vec::new();
        for (index, member) in members.iter().enumerate() {
            if let Some(entry) = out.iter_mut().find(|(name, _)| *name == member.name) {
                entry.1.push(index);
            } else {
                out.push((&member.name, vec![index]));
            }
        }
        out.retain(|(_, indices)| indices.len() > 1);
        out
    }

    /// A serde_json value, as a typical library would see it (last repeated member wins,
    /// first position kept). Numbers keep their exact text.
    pub fn to_serde(&self) -> serde_json::Value {
        use serde_json::Value as V;
        match &self.value {
            Value::Null => V::Null,
            Value::Bool(b) => V::Bool(*b),
            Value::Number(text) => serde_json::from_str::<serde_json::Number>(text)
                .map(V::Number)
                .unwrap_or_else(|_| V::String(text.clone())),
            Value::String(s) => V::String(s.clone()),
            Value::Array(items) => V::Array(items.iter().map(Node::to_serde).collect()),
            Value::TooDeep => V::String(format!("(JSON nested deeper than {MAX_DEPTH} levels, not shown)")),
            Value::Object(members) => {
                let mut map = serde_json::Map::new();
                for member in members {
                    map.insert(member.name.clone(), member.value.to_serde());
                }
                V::Object(map)
            }
        }
    }
}

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

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, message: &str) -> JsonError {
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

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn describe_here(&self) -> String {
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

    /// Checks one value of any depth without recursing and without keeping it: an explicit
    /// stack of open containers, one byte of stack per level, linear in the text.
    fn skip_value(&mut self) -> Result<(), JsonError> {
        // `true` for an object, `false` for an array.
        let mut open: Vec<bool> = Vec::new();
        loop {
            // A value.
            self.skip_whitespace();
            match self.peek() {
                Some(b'{') => {
                    self.pos += 1;
                    self.skip_whitespace();
                    if self.peek() == Some(b'}') {
                        self.pos += 1;
                    } else {
                        open.push(true);
                        self.member_name()?;
                        continue;
                    }
                }
                Some(b'[') => {
                    self.pos += 1;
                    self.skip_whitespace();
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                    } else {
                        open.push(false);
                        continue;
                    }
                }
                Some(b'"') => {
                    self.string()?;
                }
                Some(b'-' | b'0'..=b'9') => {
                    self.number()?;
                }
                Some(b't') => {
                    self.literal("true", Value::Null)?;
                }
                Some(b'f') => {
                    self.literal("false", Value::Null)?;
                }
                Some(b'n') => {
                    self.literal("null", Value::Null)?;
                }
                _ => {
                    let what = self.describe_here();
                    return Err(self.error(&format!("{what}: expected a JSON value")));
                }
            }
            // After a value: close containers, or go on to the next item.
            loop {
                let Some(&object) = open.last() else { return Ok(()) };
                self.skip_whitespace();
                match (self.peek(), object) {
                    (Some(b','), true) => {
                        self.pos += 1;
                        self.member_name()?;
                        break;
                    }
                    (Some(b','), false) => {
                        self.pos += 1;
                        break;
                    }
                    (Some(b'}'), true) | (Some(b']'), false) => {
                        self.pos += 1;
                        open.pop();
                    }
                    _ => {
                        let what = self.describe_here();
                        let expected = if object { "',' or '}'" } else { "',' or ']'" };
                        return Err(self.error(&format!("{what}: expected {expected}")));
                    }
                }
            }
        }
    }

    /// `"name" :` inside an object being skipped.
    fn member_name(&mut self) -> Result<(), JsonError> {
        self.skip_whitespace();
        if self.peek() != Some(b'"') {
            let what = self.describe_here();
            return Err(self.error(&format!("{what}: expected a member name in double quotes")));
        }
        self.string()?;
        self.skip_whitespace();
        if self.peek() != Some(b':') {
            let what = self.describe_here();
            return Err(self.error(&format!("{what}: expected ':' after the member name")));
        }
        self.pos += 1;
        Ok(())
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, JsonError> {
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

    fn number(&mut self) -> Result<String, JsonError> {
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

    fn string(&mut self) -> Result<String, JsonError> {
        let open = self.pos;
        self.pos += 1; // '"'
        let mut out = String::new();
        loop {
            // Copy the run of plain characters in one go.
            let run_start = self.pos;
            let rest = self.bytes.get(self.pos..).unwrap_or_default();
            self.pos += crate::jose::scan::run_len(rest, |b| (b != b'"') & (b != b'\\') & (b >= 0x20));
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
    fn members_keep_order_duplicates_and_spans() {
        let text = r#"{"b":1, "a":"x", "b":2}"#;
        let node = parse(text).expect("valid");
        let members = node.value.members();
        let names: Vec<_> = members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["b", "a", "b"]);
        let a = members.get(1).expect("a");
        assert_eq!(text.get(a.name_span.start..a.name_span.end), Some(r#""a""#));
        assert_eq!(text.get(a.value.span.start..a.value.span.end), Some(r#""x""#));
        assert_eq!(node.get("b").map(|n| &n.value), Some(&Value::Number("2".into())));
        assert_eq!(node.duplicate_members(), vec![("b", vec![0, 2])]);
    }

    #[test]
    fn numbers_keep_their_exact_text() {
        let node = parse("[1e400, 12345678901234567890123, -0.5]").expect("valid");
        let Value::Array(items) = &node.value else { unreachable!("an array") };
        let texts: Vec<_> = items.iter().map(|i| i.value.clone()).collect();
        assert_eq!(texts, ["1e400", "12345678901234567890123", "-0.5"].map(|t| Value::Number(t.into())));
        // serde_json (arbitrary_precision) keeps the digits; it writes the exponent sign.
        assert_eq!(node.to_serde().to_string(), "[1e+400,12345678901234567890123,-0.5]");
    }

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
    fn values_nested_past_the_limit_keep_the_members_around_them() {
        let deep = format!("{}1{}", "[".repeat(300), "]".repeat(300));
        let text = format!(r#"{{"exp":4102444800,"deep":{deep},"after":{{"a":[{{"b":null}}]}}}}"#);
        let node = parse(&text).expect("valid JSON, however deep");
        assert_eq!(node.get("exp").map(|n| &n.value), Some(&Value::Number("4102444800".into())));
        assert!(node.get("after").is_some());
        // Somewhere inside "deep", the value past the limit is kept as its span only.
        let mut inner = node.get("deep").expect("deep");
        while let Value::Array(items) = &inner.value {
            inner = items.first().expect("one item per level");
        }
        assert_eq!(inner.value, Value::TooDeep);
        assert_eq!(text.get(inner.span.start..inner.span.end).map(|t| t.len()), Some(1 + 2 * (300 - MAX_DEPTH + 1)));
        // Past the limit, bad JSON is still bad JSON.
        let broken = format!(r#"{{"exp":1,"deep":{}1,{}}}"#, "[".repeat(300), "]".repeat(300));
        assert!(parse(&broken).is_err());
        let object_deep = format!("{}{}", r#"{"a":"#.repeat(200), "}".repeat(200));
        assert!(parse(&object_deep).is_err(), "a member with no value");
        let objects = format!("{}1{}", r#"{"a":"#.repeat(200), "}".repeat(200));
        assert!(parse(&objects).is_ok());
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
