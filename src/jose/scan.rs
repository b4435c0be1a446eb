//! Byte scanning for megabyte inputs: how long a run of bytes that pass a test is, checked
//! 32 bytes at a time without branching inside a block (the compiler turns that into vector
//! compares), then byte by byte in the block that ends the run.

/// The length of the run at the start of `bytes` whose every byte passes `test`.
#[inline]
pub fn run_len(bytes: &[u8], test: impl Fn(u8) -> bool) -> usize {
    const BLOCK: usize = 32;
    let mut len = 0;
    for block in bytes.chunks_exact(BLOCK) {
        if !block.iter().fold(true, |all, &b| all & test(b)) {
            break;
        }
        len += BLOCK;
    }
    let rest = bytes.get(len..).unwrap_or_default();
    len + rest.iter().position(|&b| !test(b)).unwrap_or(rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_lengths_across_block_edges() {
        let digit = |b: u8| b.is_ascii_digit();
        for len in [0, 1, 31, 32, 33, 63, 64, 65, 100] {
            let mut text = "7".repeat(len).into_bytes();
            assert_eq!(run_len(&text, digit), len);
            text.extend_from_slice(b"x77");
            assert_eq!(run_len(&text, digit), len, "stops at the first failing byte after {len}");
        }
    }
}
