//! A strict RFC 8259 JSON reader that keeps what generic parsers throw away: member order,
//! repeated member names, the exact text of numbers, and the byte span of every name and
//! value in the decoded text (so the GUI can colour and cross-highlight members).
//!
//! It never recurses deeper than [`MAX_DEPTH`] and never panics on any input. A value nested
//! deeper is still checked (without recursion, in linear time) but kept only as its span,
//! [`Value::TooDeep`]: the limit costs the display of that value, never the members around
//! it (a payload with `exp` next to a 300-level array still has its `exp`).

mod deep;
mod parse;

pub use parse::parse;

/// Nesting limit; `serde_json` uses the same, so both accept the same documents.
pub const MAX_DEPTH: usize = 128;

/// Byte range `start..end` in the text that was parsed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// Whether byte `offset` is inside.
    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
}

/// A JSON value with the span of its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// What was written.
    pub value: Value,
    /// Where: from its first character to its last (quotes and brackets included).
    pub span: Span,
}

/// A JSON value as written: numbers keep their text, objects their order and repeated names.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// The number exactly as written (`1e400` stays `1e400`).
    Number(String),
    /// A string, unescaped.
    String(String),
    /// Items in source order.
    Array(Vec<Node>),
    /// Members in source order, repeated names included.
    Object(Vec<Member>),
    /// A valid value nested deeper than [`MAX_DEPTH`]: checked, not kept (its text is at
    /// the node's span).
    TooDeep,
}

/// One `"name": value` of an object.
#[derive(Clone, Debug, PartialEq)]
pub struct Member {
    /// The name, unescaped.
    pub name: String,
    /// The name's span, quotes included.
    pub name_span: Span,
    /// The value, with its span.
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
    /// What is wrong: "unexpected '}': expected a JSON value".
    pub message: String,
    /// 0-based byte offset into the text.
    pub offset: usize,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
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

    /// The string, when this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::String(s) => Some(s),
            _ => None,
        }
    }

    /// An object's members in source order; empty for any other value.
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

    /// The value of `name` (the last one, as [`Node::get`]) when it is a string.
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

    /// A `serde_json` value, as a typical library would see it (last repeated member wins,
    /// first position kept). Numbers keep their exact text.
    pub fn to_serde(&self) -> serde_json::Value {
        use serde_json::Value as V;
        match &self.value {
            Value::Null => V::Null,
            Value::Bool(b) => V::Bool(*b),
            Value::Number(text) => {
                serde_json::from_str::<serde_json::Number>(text).map_or_else(|_| V::String(text.clone()), V::Number)
            }
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
}
