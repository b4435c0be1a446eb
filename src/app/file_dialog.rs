//! The one place the file dialog is called. It runs on its own thread so the window never
//! freezes, and turns what the user picked into `Command`s. rfd's portal backend returns
//! nothing (exactly like Cancel) when there is neither an XDG desktop portal nor `zenity`,
//! so that case is detected up front and said beside the buttons.

use std::path::Path;
use std::sync::mpsc::{Receiver, Sender, channel};

use crate::app::command::Command;
pub use crate::app::command::Pick;

/// What a dialog thread reports.
enum Reply {
    /// A picked file was read or a save was written: the command that loads the file, or a
    /// note saying what happened.
    Command(Command),
    /// The dialog closed (picked, saved or cancelled): another may open.
    Closed,
}

/// The open and save dialogs, one at a time, and what their threads report.
pub struct FileDialogs {
    sender: Sender<Reply>,
    receiver: Receiver<Reply>,
    /// Why no dialog can be shown on this machine, if none can.
    pub unavailable: Option<String>,
    /// A dialog is open.
    pub busy: bool,
}

impl Default for FileDialogs {
    fn default() -> Self {
        let (sender, receiver) = channel();
        Self { sender, receiver, unavailable: dialog_unavailable(), busy: false }
    }
}

impl FileDialogs {
    /// Opens the dialog on a worker thread; the files it picks arrive as commands.
    pub fn open(&mut self, pick: Pick, ctx: &egui::Context) {
        if self.busy {
            return;
        }
        self.busy = true;
        let sender = self.sender.clone();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new().name("file-dialog".to_owned()).spawn(move || {
            let dialog = rfd::FileDialog::new();
            let files = match pick {
                Pick::Token => dialog
                    .set_title("Open token")
                    .add_filter("Tokens and text", &["jwt", "txt", "token", "log", "json", "har"])
                    .add_filter("All files", &["*"])
                    .pick_file()
                    .map(|f| vec![f]),
                Pick::Wordlist => dialog.set_title("Open a wordlist").pick_file().map(|f| vec![f]),
                Pick::Keys => dialog
                    .set_title("Open keys")
                    .add_filter("Keys", &["pem", "crt", "cer", "der", "key", "pub", "json", "jwk", "jwks"])
                    .add_filter("All files", &["*"])
                    .pick_files(),
            };
            for path in files.unwrap_or_default() {
                let _ = sender.send(Reply::Command(read(&path, pick)));
            }
            let _ = sender.send(Reply::Closed);
            ctx.request_repaint();
        });
        if spawned.is_err() {
            self.busy = false;
        }
    }

    /// Asks where to save `contents` (named `name` by default) and writes it there: the
    /// only way the app writes a key, and only where the user chose.
    pub fn save(&mut self, name: String, contents: String, ctx: &egui::Context) {
        if self.busy {
            return;
        }
        self.busy = true;
        let sender = self.sender.clone();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new().name("save-dialog".to_owned()).spawn(move || {
            if let Some(path) = rfd::FileDialog::new().set_title("Save").set_file_name(&name).save_file() {
                let note = match std::fs::write(&path, contents) {
                    Ok(()) => format!("saved {}", path.display()),
                    Err(error) => format!("✖ cannot write {}: {error}", path.display()),
                };
                let _ = sender.send(Reply::Command(Command::Notify(note)));
            }
            let _ = sender.send(Reply::Closed);
            ctx.request_repaint();
        });
        if spawned.is_err() {
            self.busy = false;
        }
    }

    /// Commands the dialog thread has sent since the last frame.
    pub fn poll(&mut self) -> Vec<Command> {
        let mut out = Vec::new();
        while let Ok(reply) = self.receiver.try_recv() {
            match reply {
                Reply::Command(command) => out.push(command),
                Reply::Closed => self.busy = false,
            }
        }
        out
    }
}

/// Reads a picked file into the command that loads it, or a note saying why it could not.
pub fn read(path: &Path, pick: Pick) -> Command {
    let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
    match std::fs::read(path) {
        Ok(bytes) => match pick {
            Pick::Token => Command::LoadToken { name, bytes },
            Pick::Keys => Command::LoadKey { name, bytes },
            Pick::Wordlist => Command::CheckWeakSecretWith { name, bytes },
        },
        Err(error) => Command::Notify(format!("cannot read {}: {error}", path.display())),
    }
}

/// Guesses from a dropped file's name and content whether it holds keys or a token.
pub fn classify(name: &str, bytes: &[u8]) -> Pick {
    let lower = name.to_ascii_lowercase();
    let key_ext = [".pem", ".crt", ".cer", ".der", ".key", ".pub", ".jwk", ".jwks"];
    if key_ext.iter().any(|e| lower.ends_with(e)) {
        return Pick::Keys;
    }
    let token_ext = [".jwt", ".token"];
    if token_ext.iter().any(|e| lower.ends_with(e)) {
        return Pick::Token;
    }
    let text = String::from_utf8_lossy(bytes.get(..bytes.len().min(4096)).unwrap_or_default()).into_owned();
    let looks_like_key = text.contains("-----BEGIN")
        || (text.trim_start().starts_with('{') && (text.contains("\"kty\"") || text.contains("\"keys\"")));
    if looks_like_key || std::str::from_utf8(bytes).is_err() { Pick::Keys } else { Pick::Token }
}

/// Neither a desktop portal (on the session bus, or activatable on it) nor zenity.
fn dialog_unavailable() -> Option<String> {
    let on_path = |program: &str| {
        std::env::var_os("PATH")
            .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
    };
    if on_path("zenity") {
        return None;
    }
    let session_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some()
        || std::env::var_os("XDG_RUNTIME_DIR").is_some_and(|dir| Path::new(&dir).join("bus").exists());
    let mut service_dirs = vec![std::path::PathBuf::from("/usr/share/dbus-1/services")];
    if let Some(home) = std::env::var_os("HOME") {
        service_dirs.push(Path::new(&home).join(".local/share/dbus-1/services"));
    }
    let portal = service_dirs.iter().any(|d| d.join("org.freedesktop.portal.Desktop.service").exists());
    if session_bus && portal {
        return None;
    }
    Some(
        "No file dialog on this system (no XDG desktop portal and no zenity): drag and drop files onto the window, or paste the text."
            .to_owned(),
    )
}
