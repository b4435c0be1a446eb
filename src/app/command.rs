//! Every user action is a `Command`: buttons, menus, shortcuts, drag-and-drop, the file
//! dialog and tests all send them, and the app applies them at the end of the frame. The
//! menu bar's labels and shortcut hints are generated from here.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::jose::keys::SecretEncoding;
use crate::jose::lint::Part;

/// A decoded member to highlight across the panes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Highlight {
    pub part: Part,
    /// Index of the top-level member in that part's object.
    pub member: usize,
}

/// The colour scheme to use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ThemeChoice {
    #[default]
    System,
    Dark,
    Light,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    // --- Actions with a menu entry (and maybe a shortcut) ---
    OpenTokenDialog,
    OpenKeyDialog,
    LoadDemo,
    /// Paste the clipboard as the token (Ctrl+V when no text field has focus).
    PasteToken(String),
    CopyToken,
    CopyHeader,
    CopyPayload,
    FocusEditor,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    TogglePresenter,
    SetTheme(ThemeChoice),
    SetLocalTime(bool),
    Quit,

    // --- Actions from panes, drops, dialogs and tests ---
    /// Replace the whole input text.
    SetInput(String),
    /// The token editor's text was edited in place.
    InputEdited,
    SelectCandidate(usize),
    /// Token text read from a file (dialog or drop).
    LoadToken {
        name: String,
        bytes: Vec<u8>,
    },
    /// Key material read from a file (dialog or drop) or handed in by a test.
    LoadKey {
        name: String,
        bytes: Vec<u8>,
    },
    /// Load the key paste box's text.
    LoadPastedKey,
    RemoveKey(usize),
    /// Dismiss an entry of the unusable-key list.
    DismissUnusableKey(usize),
    ClearKeys,
    /// Replace the HMAC secret (tests; the field itself edits in place and sends `SecretEdited`).
    SetSecret {
        text: String,
        encoding: SecretEncoding,
    },
    SecretEdited,
    /// Leeway or expectations changed.
    SettingsEdited,
    /// Evaluate times at this Unix second instead of now (`None`: back to now).
    EvaluateAt(Option<i64>),
    Highlight(Option<Highlight>),
    /// Keep a member highlighted until something else is clicked (a finding was clicked).
    Pin(Option<Highlight>),
    /// A message for the status line, e.g. "copied".
    Notify(String),

    // --- Editing, signing and the tester's toolkit ---
    /// Start or stop editing the header and payload.
    ToggleEdit,
    /// The header or payload text was edited in place: re-encode (and re-sign).
    EditChanged,
    Edit(EditAction),
    /// Sign the edited header and payload now with the chosen key.
    SignEdited,
    ApplyPreset(crate::jose::presets::Preset),
    GenerateKey(crate::jose::keygen::KeyKind),
    /// Save text through the file dialog (the user picks where; nothing is written otherwise).
    SaveAs {
        name: String,
        contents: String,
    },
    /// Try the built-in list of known secrets on the HS token, in the background.
    CheckWeakSecret,
    /// The same, with a user wordlist after the built-in list.
    CheckWeakSecretWith {
        name: String,
        bytes: Vec<u8>,
    },
    OpenWordlistDialog,
    CancelWeakSecret,
}

/// Quick claim actions of the editor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditAction {
    /// Set a time claim to now plus this many seconds.
    SetTime {
        claim: &'static str,
        from_now: i64,
    },
    RemoveClaim(String),
    /// Add a registered claim with a sensible default value.
    AddClaim(String),
    /// Set the header's alg.
    SetAlg(String),
    /// Minify the header and payload text.
    Compact,
    /// Sign with this key (index into the loaded keys; `None`: the secret field).
    SetSigner(Option<usize>),
}

impl Command {
    /// The actions shown in the menus, in menu order.
    pub fn file_menu() -> Vec<Self> {
        vec![Self::OpenTokenDialog, Self::OpenKeyDialog, Self::LoadDemo, Self::Quit]
    }

    pub fn edit_menu() -> Vec<Self> {
        vec![Self::PasteToken(String::new()), Self::CopyToken, Self::CopyHeader, Self::CopyPayload, Self::FocusEditor]
    }

    pub fn view_menu() -> Vec<Self> {
        vec![Self::ZoomIn, Self::ZoomOut, Self::ZoomReset, Self::TogglePresenter]
    }

    /// Menu and tooltip text.
    pub fn label(&self) -> &'static str {
        match self {
            Self::OpenTokenDialog => "Open token…",
            Self::OpenKeyDialog => "Open key…",
            Self::LoadDemo => "Load demo token and key",
            Self::PasteToken(_) => "Paste token",
            Self::CopyToken => "Copy token",
            Self::CopyHeader => "Copy header JSON",
            Self::CopyPayload => "Copy payload JSON",
            Self::FocusEditor => "Focus token editor",
            Self::ZoomIn => "Zoom in",
            Self::ZoomOut => "Zoom out",
            Self::ZoomReset => "Reset zoom",
            Self::TogglePresenter => "Presenter mode",
            Self::SetTheme(ThemeChoice::System) => "Follow system theme",
            Self::SetTheme(ThemeChoice::Dark) => "Dark theme",
            Self::SetTheme(ThemeChoice::Light) => "Light theme",
            Self::SetLocalTime(true) => "Show local time",
            Self::SetLocalTime(false) => "Show UTC",
            Self::Quit => "Quit",
            _ => "",
        }
    }

    /// The keyboard shortcut, for actions that have one.
    pub fn shortcut(&self) -> Option<KeyboardShortcut> {
        let ctrl = Modifiers::COMMAND;
        let ctrl_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        Some(match self {
            Self::OpenKeyDialog => KeyboardShortcut::new(ctrl, Key::O),
            Self::OpenTokenDialog => KeyboardShortcut::new(ctrl_shift, Key::O),
            Self::FocusEditor => KeyboardShortcut::new(ctrl, Key::L),
            Self::CopyToken => KeyboardShortcut::new(ctrl_shift, Key::C),
            Self::PasteToken(_) => KeyboardShortcut::new(ctrl, Key::V),
            Self::ZoomIn => KeyboardShortcut::new(ctrl, Key::Equals),
            Self::ZoomOut => KeyboardShortcut::new(ctrl, Key::Minus),
            Self::ZoomReset => KeyboardShortcut::new(ctrl, Key::Num0),
            Self::TogglePresenter => KeyboardShortcut::new(Modifiers::NONE, Key::F11),
            Self::Quit => KeyboardShortcut::new(ctrl, Key::Q),
            _ => return None,
        })
    }

    /// Actions triggered by their shortcut alone (Ctrl+V is handled as a paste event).
    pub fn with_shortcuts() -> Vec<Self> {
        vec![
            Self::OpenKeyDialog,
            Self::OpenTokenDialog,
            Self::FocusEditor,
            Self::CopyToken,
            Self::ZoomIn,
            Self::ZoomOut,
            Self::ZoomReset,
            Self::TogglePresenter,
            Self::Quit,
        ]
    }
}
