//! The JOSE core and the `Inspection`, called as a library: RFC vectors, key formats,
//! signing, the verdict, findings, bad input and properties over arbitrary input.
//! One test binary for the area; each module is one concept.

// clippy.toml already allows these inside #[test] functions; the helpers outside them
// (runners, fixtures, signers) fail just as loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "test helpers fail loudly")]

mod common;

#[path = "core/algs.rs"]
mod algs;
#[path = "core/bad_input.rs"]
mod bad_input;
#[path = "core/findings.rs"]
mod findings;
#[path = "core/jwe.rs"]
mod jwe;
#[path = "core/jwe_encrypt.rs"]
mod jwe_encrypt;
#[path = "core/jws_json.rs"]
mod jws_json;
#[path = "core/keys.rs"]
mod keys;
#[path = "core/properties.rs"]
mod properties;
#[path = "core/rfc_vectors.rs"]
mod rfc_vectors;
#[path = "core/sign.rs"]
mod sign;
#[path = "core/verdict.rs"]
mod verdict;
