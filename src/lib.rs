//! JWT Inspector: look inside JSON Web Tokens, prove them, and make new ones, offline.
//!
//! - [`jose`] is the core: pure functions over bytes, keys and a `now` passed in.
//! - [`inspection`] derives everything shown about one input from (input, keys, settings, now).
//! - [`batch`] verifies many tokens, a JSON line each, with the same verdict.
//! - [`present`] gives statuses their words and icons, for the CLI and the GUI alike.
//! - [`report`] is the one typed report of an inspection: the CLI prints it as JSON or as text.
//! - [`cli`] is the command line, [`app`] the desktop workbench (egui).

#[cfg(feature = "gui")]
pub mod app;
pub mod batch;
pub mod cli;
pub mod demo;
pub mod inspection;
pub mod jose;
pub mod present;
pub mod report;
pub mod startup;

pub use inspection::{Inspection, Settings};
