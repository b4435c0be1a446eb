//! Values nested past [`MAX_DEPTH`](crate::jose::json::MAX_DEPTH): checked without recursion,
//! in linear time, and kept only as their span, so a deep value costs its own display and
//! never the members around it.

use crate::jose::json::parse::Parser;
use crate::jose::json::{JsonError, Value};

impl Parser<'_> {
    /// Checks one value of any depth without recursing and without keeping it: an explicit
    /// stack of open containers, one byte of stack per level, linear in the text.
    pub(super) fn skip_value(&mut self) -> Result<(), JsonError> {
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
}

#[cfg(test)]
mod tests {
    use crate::jose::json::{MAX_DEPTH, Value, parse};

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
        assert_eq!(text.get(inner.span.start..inner.span.end).map(str::len), Some(1 + 2 * (300 - MAX_DEPTH + 1)));
        // Past the limit, bad JSON is still bad JSON.
        let broken = format!(r#"{{"exp":1,"deep":{}1,{}}}"#, "[".repeat(300), "]".repeat(300));
        assert!(parse(&broken).is_err());
        let object_deep = format!("{}{}", r#"{"a":"#.repeat(200), "}".repeat(200));
        assert!(parse(&object_deep).is_err(), "a member with no value");
        let objects = format!("{}1{}", r#"{"a":"#.repeat(200), "}".repeat(200));
        assert!(parse(&objects).is_ok());
    }
}
