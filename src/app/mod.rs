//! The desktop workbench (egui/eframe): draws an `Inspection`, turns user actions into
//! `Command`s. It reads files, the clipboard and the clock; the core does the rest.

mod background;
pub mod command;
mod file_dialog;
mod layout;
mod menu;
pub mod panes;
pub mod session;
pub mod settings;
pub mod theme;
mod workbench;

pub use command::{Command, Highlight, ThemeChoice};
pub use session::{Clock, Effect, Session};
pub use settings::UiSettings;
pub use workbench::{App, run};
