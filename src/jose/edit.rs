//! Small, exact edits of JSON text: set, add or remove one top-level member, or compact the
//! whole text on request. Edits touch only the bytes of that member (found through the
//! spans `json.rs` keeps), so the rest of the user's text, spacing and number spelling
//! included, stays exactly as typed.

use crate::jose::json::{self, JsonError, Value};

/// Sets top-level member `name` to `value_json` (JSON text): replaces the value of the last
/// member of that name (the one libraries read), or appends a new member.
pub fn set_member(text: &str, name: &str, value_json: &str) -> Result<String, JsonError> {
    let root = json::parse(text)?;
    let Value::Object(members) = &root.value else {
        return Err(not_object(text, root.span.start));
    };
    if let Some(member) = members.iter().rev().find(|m| m.name == name) {
        let span = member.value.span;
        return Ok(format!(
            "{}{value_json}{}",
            text.get(..span.start).unwrap_or_default(),
            text.get(span.end..).unwrap_or_default()
        ));
    }
    let name_json = serde_json::to_string(name).unwrap_or_else(|_| format!("\"{name}\""));
    let close = root.span.end.saturating_sub(1);
    let (before, after) = (text.get(..close).unwrap_or_default(), text.get(close..).unwrap_or_default());
    // Follow the text's own style: a new line per member when it has them.
    let multiline = before.contains('\n');
    let indent =
        if multiline { before.lines().nth(1).map_or("  ", |l| &l[..l.len() - l.trim_start().len()]) } else { "" };
    let trimmed = before.trim_end();
    let separator = if members.is_empty() { "" } else { "," };
    let (lead, tail) = if multiline { (format!("\n{indent}"), "\n") } else { (String::new(), "") };
    Ok(format!("{trimmed}{separator}{lead}{name_json}:{value_json}{tail}{after}"))
}

/// Removes every top-level member called `name`, with its separating comma.
pub fn remove_member(text: &str, name: &str) -> Result<String, JsonError> {
    let mut out = text.to_owned();
    loop {
        let root = json::parse(&out)?;
        let Value::Object(members) = &root.value else { return Err(not_object(&out, root.span.start)) };
        let Some(index) = members.iter().position(|m| m.name == name) else { return Ok(out) };
        let Some(member) = members.get(index) else { return Ok(out) };
        let span = member.span();
        // Remove from the previous member's end (taking its comma), or, for the first
        // member, up to the next member's start.
        let (start, end) = match (index.checked_sub(1).and_then(|i| members.get(i)), members.get(index + 1)) {
            (Some(previous), _) => (previous.span().end, span.end),
            (None, Some(next)) => (span.start, next.span().start),
            (None, None) => (span.start, span.end),
        };
        out = format!("{}{}", out.get(..start).unwrap_or_default(), out.get(end..).unwrap_or_default());
    }
}

/// The text minified, on request: only whitespace between tokens goes. Member order,
/// repeated members, string escapes and number spelling stay as typed.
pub fn compact(text: &str) -> Result<String, JsonError> {
    let root = json::parse(text)?;
    let mut out = String::with_capacity(text.len());
    write_compact(&root, text, &mut out);
    Ok(out)
}

fn write_compact(node: &json::Node, text: &str, out: &mut String) {
    match &node.value {
        Value::Object(members) => {
            out.push('{');
            for (i, member) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(text.get(member.name_span.start..member.name_span.end).unwrap_or_default());
                out.push(':');
                write_compact(&member.value, text, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_compact(item, text, out);
            }
            out.push(']');
        }
        // Scalars are copied exactly as written.
        _ => out.push_str(text.get(node.span.start..node.span.end).unwrap_or_default()),
    }
}

fn not_object(text: &str, offset: usize) -> JsonError {
    let line = text.get(..offset).unwrap_or_default().matches('\n').count() + 1;
    JsonError { message: "the text is not a JSON object".to_owned(), offset, line, column: 1 }
}

/// A sensible default value (JSON text) for a newly added registered claim.
pub fn default_value(name: &str, now: i64) -> String {
    match crate::jose::registry::lookup(crate::jose::registry::Place::Claim, name).map(|e| e.kind) {
        Some(crate::jose::registry::ValueKind::NumericDate) => now.to_string(),
        Some(crate::jose::registry::ValueKind::Boolean) => "false".to_owned(),
        Some(crate::jose::registry::ValueKind::Array) => "[]".to_owned(),
        Some(crate::jose::registry::ValueKind::Object) => "{}".to_owned(),
        Some(crate::jose::registry::ValueKind::Number) => "0".to_owned(),
        Some(crate::jose::registry::ValueKind::Any) => "null".to_owned(),
        _ => match name {
            "iss" => "\"https://issuer.example\"".to_owned(),
            "aud" => "\"api://example\"".to_owned(),
            "jti" => format!("\"{now:x}\""),
            _ => "\"\"".to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setting_an_existing_member_touches_only_its_value() {
        let text = "{\n  \"sub\": \"a\",\n  \"exp\": 1e3,\n  \"n\": 1.50\n}";
        assert_eq!(
            set_member(text, "exp", "2000").unwrap(),
            "{\n  \"sub\": \"a\",\n  \"exp\": 2000,\n  \"n\": 1.50\n}"
        );
    }

    #[test]
    fn adding_a_member_follows_the_text_style() {
        assert_eq!(set_member(r#"{"a":1}"#, "exp", "5").unwrap(), r#"{"a":1,"exp":5}"#);
        assert_eq!(set_member("{}", "exp", "5").unwrap(), r#"{"exp":5}"#);
        assert_eq!(set_member("{\n  \"a\": 1\n}", "b", "true").unwrap(), "{\n  \"a\": 1,\n  \"b\":true\n}");
    }

    #[test]
    fn removing_members_keeps_the_rest_valid() {
        assert_eq!(remove_member(r#"{"a":1,"b":2,"c":3}"#, "b").unwrap(), r#"{"a":1,"c":3}"#);
        assert_eq!(remove_member(r#"{"a":1,"b":2}"#, "a").unwrap(), r#"{"b":2}"#);
        assert_eq!(remove_member(r#"{"a":1}"#, "a").unwrap(), "{}");
        assert_eq!(remove_member(r#"{"a":1,"a":2,"b":3}"#, "a").unwrap(), r#"{"b":3}"#);
    }

    #[test]
    fn broken_json_is_refused_with_its_position_and_compact_is_on_request() {
        let error = set_member("{\"a\":", "b", "1").unwrap_err();
        assert_eq!(error.line, 1);
        assert_eq!(
            compact("{ \"a\" : 1e20 ,\n \"b\":[1, 2], \"a\": \"\\u00e9\" }").unwrap(),
            r#"{"a":1e20,"b":[1,2],"a":"\u00e9"}"#
        );
    }
}
