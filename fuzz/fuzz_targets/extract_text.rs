//! Any text given to the extractor alone must come back as candidates that are slices of it:
//! in order, not overlapping, each token the concatenation of its pieces; and the bytes
//! examined stay a bounded multiple of the text's length.
#![no_main]

use jwt_inspector::jose::extract;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (candidates, work) = extract::extract_counting(&text);
    assert!(work <= 32 * text.len() + 256, "{work} bytes examined for {}", text.len());
    let mut after = 0;
    for candidate in &candidates {
        assert!(after <= candidate.span.start, "{candidates:?}");
        after = candidate.span.end;
        let mut token = String::new();
        for piece in &candidate.pieces {
            assert!(candidate.span.start <= piece.start && piece.start < piece.end && piece.end <= candidate.span.end);
            token.push_str(text.get(piece.start..piece.end).expect("a piece is a slice of the text"));
        }
        assert_eq!(token, candidate.token);
        assert_eq!(candidate.input_offset(0), candidate.span.start);
    }
});
