//! `zip: "DEF"` (RFC 7516 §4.1.3): raw DEFLATE (RFC 1951), inflated with `miniz_oxide` under a
//! size cap. The output buffer grows by doubling only as far as the data really inflates and
//! never past [`MAX_INFLATED`], so a decompression bomb is refused after at most the cap has
//! been allocated, not its full size.

use miniz_oxide::inflate::{self, TINFLStatus};

use crate::jose::jwe::MAX_INFLATED;
use crate::jose::jwe::error::JweError;

/// The inflated bytes, or why not.
pub(super) fn inflate(compressed: &[u8]) -> Result<Vec<u8>, JweError> {
    inflate_capped(compressed, MAX_INFLATED)
}

fn inflate_capped(compressed: &[u8], cap: usize) -> Result<Vec<u8>, JweError> {
    inflate::decompress_to_vec_with_limit(compressed, cap).map_err(|error| match error.status {
        TINFLStatus::HasMoreOutput => JweError::InflateOverCap,
        _ => JweError::InflateInvalid,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_past_the_cap_is_refused_and_garbage_is_not_deflate() {
        let compressed = miniz_oxide::deflate::compress_to_vec(&[0u8; 4096], 9);
        assert_eq!(inflate_capped(&compressed, 4096).map(|v| v.len()), Ok(4096));
        assert_eq!(inflate_capped(&compressed, 4095), Err(JweError::InflateOverCap));
        assert_eq!(inflate(&[0xff, 0xff, 0xff]), Err(JweError::InflateInvalid));
    }
}
