//! The JOSE core and the `Inspection`, called as a library: RFC vectors, key formats,
//! signing, the verdict, findings, bad input and properties over arbitrary input.
//! One test binary for the area; each module is one concept.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "tests fail loudly"
)]

mod common;

#[path = "core/bad_input.rs"]
mod bad_input;
#[path = "core/findings.rs"]
mod findings;
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
