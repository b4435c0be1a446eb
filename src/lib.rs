//! JWT Inspector: look inside JSON Web Tokens, prove them, and make new ones, offline.
//!
//! - [`jose`] is the core: pure functions over bytes, keys and a `now` passed in.
//! - [`inspection`] derives everything shown about one input from (input, keys, settings, now).
//! - [`batch`] verifies many tokens, a JSON line each, with the same verdict.
//! - [`present`] gives statuses their words and icons, for the CLI and the GUI alike.
//! - [`report`] turns an inspection into the stable JSON the CLI prints.
//! - [`cli`] is the command line, [`app`] the desktop workbench (egui).

// TEMPORARY(missing-docs): these modules are being edited in parallel and are documented
// by those changes; each `allow` goes when its module's public items have docs.
#[cfg(feature = "gui")]
pub mod app;
#[allow(missing_docs, reason = "TEMPORARY(missing-docs): documented by the batch verifier's own change")]
pub mod batch;
#[allow(missing_docs, reason = "TEMPORARY(missing-docs): documented by the command line's own change")]
pub mod cli;
pub mod demo;
pub mod inspection;
pub mod jose;
pub mod present;
#[allow(missing_docs, reason = "TEMPORARY(missing-docs): documented by the JSON report's own change")]
pub mod report;
pub mod startup;

pub use inspection::{Inspection, Settings};
