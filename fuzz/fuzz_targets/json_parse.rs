//! Any text given to the JSON reader alone must parse or fail with a position in the text,
//! never panic; what it accepts, serde_json accepts too; every span it reports is a slice of
//! the text.
#![no_main]

use jwt_inspector::jose::json::{self, Node, Value};
use libfuzzer_sys::fuzz_target;

fn assert_spans_in(text: &str, node: &Node) {
    assert!(text.get(node.span.start..node.span.end).is_some(), "span {:?} of {text:?}", node.span);
    match &node.value {
        Value::Array(items) => items.iter().for_each(|item| assert_spans_in(text, item)),
        Value::Object(members) => {
            for member in members {
                let name = text.get(member.name_span.start..member.name_span.end);
                assert!(name.is_some_and(|n| n.starts_with('"')), "name span {:?} of {text:?}", member.name_span);
                assert_spans_in(text, &member.value);
            }
        }
        _ => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match json::parse(text) {
        Ok(node) => {
            assert_spans_in(text, &node);
            let _ = node.to_serde();
            assert!(serde_json::from_str::<serde_json::Value>(text).is_ok(), "serde_json refuses {text:?}");
        }
        Err(error) => assert!(error.offset <= text.len(), "{error:?} for {} bytes", text.len()),
    }
});
