//! Every user action is a `Command`: buttons, menus, shortcuts, drag-and-drop, the file
//! dialog and tests all send them, and the app applies them at the end of the frame. The
//! menu bar's labels and shortcut hints are generated from here.

use crate::jose::keys::SecretEncoding;
use crate::jose::lint::Part;

/// What a file dialog will open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pick {
    /// A token, or any text holding one.
    Token,
    /// Key files.
    Keys,
    /// A wordlist for the weak-secret check.
    Wordlist,
}

/// A keyboard shortcut, without egui: the app turns it into egui's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shortcut {
    /// Ctrl (Cmd on macOS) is held.
    pub command: bool,
    /// Shift is held.
    pub shift: bool,
    /// The key pressed.
    pub key: ShortcutKey,
}

/// The keys our shortcuts use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[allow(missing_docs, reason = "the key's name says it")]
pub enum ShortcutKey {
    O,
    L,
    C,
    V,
    Q,
    Equals,
    Minus,
    Num0,
    F11,
}

/// A decoded member to highlight across the panes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Highlight {
    /// The part the member is in: the header or the payload.
    pub part: Part,
    /// Index of the top-level member in that part's object.
    pub member: usize,
}

/// The colour scheme to use.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ThemeChoice {
    /// Follow the system's light or dark setting.
    #[default]
    System,
    /// Always dark.
    Dark,
    /// Always light.
    Light,
}

/// A pane edge the user can drag; its position is kept as a fraction of the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaneEdge {
    /// The encoded pane's right edge.
    Encoded,
    /// The signature pane's left edge.
    Signature,
    /// The top of the timeline-and-findings band.
    Bottom,
    /// The findings pane's left edge.
    Findings,
}

/// An expectation of the verifier, typed in the signature pane.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Expect {
    /// The issuer `iss` must equal (`None`: any).
    Issuer(Option<String>),
    /// A value `aud` must hold (`None`: any).
    Audience(Option<String>),
    /// The allowed algorithms as typed ("RS256, ES256"; empty: any).
    Algorithms(String),
    /// Seconds of clock-skew tolerance on `exp` and `nbf`.
    Leeway(i64),
}

/// Something the user did. Buttons, menus, shortcuts, text fields, drag-and-drop, the file
/// dialog and tests all send these; the session applies them (panes never change state).
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    // --- Actions with a menu entry (and maybe a shortcut) ---
    /// Pick a token file.
    OpenTokenDialog,
    /// Pick key files.
    OpenKeyDialog,
    /// Load the bundled demo token and its key.
    LoadDemo,
    /// Paste the clipboard as the token (Ctrl+V when no text field has focus).
    PasteToken(String),
    /// Copy the selected token.
    CopyToken,
    /// Copy the header as pretty JSON.
    CopyHeader,
    /// Copy the payload as pretty JSON.
    CopyPayload,
    /// Put the keyboard focus in the token editor.
    FocusEditor,
    /// Zoom in one step.
    ZoomIn,
    /// Zoom out one step.
    ZoomOut,
    /// Back to 100 %.
    ZoomReset,
    /// Large fonts for teaching, and back.
    TogglePresenter,
    /// Choose the colour scheme.
    SetTheme(ThemeChoice),
    /// Show dates in local time (`true`) or UTC.
    SetLocalTime(bool),
    /// Close the window.
    Quit,

    // --- Text fields (each sends the field's whole new text) ---
    /// Replace the whole input (Clear, tests): a new token, as if pasted.
    SetInput(String),
    /// The token editor's text after an edit in place.
    EditInput(String),
    /// The key paste box's text.
    SetKeyPaste(String),
    /// The HMAC secret field's text and how to read it.
    SetSecret {
        /// The text as typed.
        text: String,
        /// How the text is read into bytes.
        encoding: SecretEncoding,
    },
    /// Show the secret's characters (`true`) or dots.
    ShowSecret(bool),
    /// An expectation or the leeway changed.
    SetExpectation(Expect),

    // --- Actions from panes, drops, dialogs and tests ---
    /// Inspect this one of the tokens found in the input.
    SelectCandidate(usize),
    /// Token text read from a file (dialog or drop).
    LoadToken {
        /// The file's name.
        name: String,
        /// Its bytes, UTF-8 or not.
        bytes: Vec<u8>,
    },
    /// Key material read from a file (dialog or drop) or handed in by a test.
    LoadKey {
        /// The file's name.
        name: String,
        /// Its bytes.
        bytes: Vec<u8>,
    },
    /// Load the key paste box's text.
    LoadPastedKey,
    /// Remove a loaded key (an index past the loaded keys: the secret field's).
    RemoveKey(usize),
    /// Dismiss an entry of the unusable-key list.
    DismissUnusableKey(usize),
    /// Remove every loaded key, and the unusable-key list (the secret field stays).
    ClearKeys,
    /// Evaluate times at this Unix second instead of now (`None`: back to now).
    EvaluateAt(Option<i64>),
    /// Highlight a decoded member across the panes while hovered (`None`: nothing hovered).
    Highlight(Option<Highlight>),
    /// Keep a member highlighted (a finding was clicked) until another finding is clicked, the
    /// token editor's text is replaced or edited, or another of its tokens is picked (`None`:
    /// unpin).
    Pin(Option<Highlight>),
    /// Copy a text shown in a pane (a key export, a thumbprint…).
    CopyText {
        /// What it is, for the note ("public key PEM").
        what: String,
        /// The text.
        text: String,
    },
    /// A message for the status line from outside the session (a dialog saved or failed).
    Notify(String),
    /// A pane edge was dragged to this fraction of the window.
    ResizePane(PaneEdge, f32),

    // --- Editing, signing and the tester's toolkit ---
    /// Start or stop editing the header and payload.
    ToggleEdit,
    /// Change the draft being edited.
    Edit(EditAction),
    /// Sign the edited header and payload now with the chosen key.
    SignEdited,
    /// Apply a tester preset to the draft.
    ApplyPreset(crate::jose::presets::Preset),
    /// Generate a key pair or secret and load it.
    GenerateKey(crate::jose::keygen::KeyKind),
    /// Save text through the file dialog (the user picks where; nothing is written otherwise).
    SaveAs {
        /// The file name offered.
        name: String,
        /// What to write.
        contents: String,
    },
    /// Try the built-in list of known secrets on the HS token, in the background.
    CheckWeakSecret,
    /// The same, with a user wordlist after the built-in list.
    CheckWeakSecretWith {
        /// The wordlist file's name.
        name: String,
        /// Its bytes: one candidate per line.
        bytes: Vec<u8>,
    },
    /// Pick a wordlist file for the weak-secret search.
    OpenWordlistDialog,
    /// Stop the weak-secret search.
    CancelWeakSecret,
}

/// Changes to the draft being edited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EditAction {
    /// The header text as typed.
    Header(String),
    /// The payload text as typed.
    Payload(String),
    /// Set a time claim to now plus this many seconds.
    SetTime {
        /// `exp`, `nbf` or `iat`.
        claim: &'static str,
        /// Seconds from now (negative: in the past).
        from_now: i64,
    },
    /// Remove a top-level claim.
    RemoveClaim(String),
    /// Add a registered claim with a sensible default value.
    AddClaim(String),
    /// Set the header's alg.
    SetAlg(String),
    /// Minify the header and payload text.
    Compact,
    /// Sign with this key (index into the loaded keys; `None`: the secret field).
    SetSigner(Option<usize>),
    /// Re-sign on every edit, or keep the old signature (a tampering demo).
    SetAutoSign(bool),
    /// Minutes for the "set exp" action.
    SetCustomMinutes(i64),
    /// The URL the jku / x5u presets put in the header (never fetched).
    SetPresetUrl(String),
}

impl EditAction {
    /// What the action is called.
    pub fn label(&self) -> &'static str {
        match self {
            Self::Header(_) => "Header JSON",
            Self::Payload(_) => "Payload JSON",
            Self::SetTime { .. } => "Set a time claim",
            Self::RemoveClaim(_) => "Remove a claim",
            Self::AddClaim(_) => "Add a registered claim",
            Self::SetAlg(_) => "Header alg",
            Self::Compact => "Compact",
            Self::SetSigner(_) => "Signing key",
            Self::SetAutoSign(_) => "re-sign on every edit",
            Self::SetCustomMinutes(_) => "Minutes from now",
            Self::SetPresetUrl(_) => "URL for jku / x5u",
        }
    }

    /// What the action does.
    pub fn tooltip(&self) -> &'static str {
        match self {
            Self::Header(_) | Self::Payload(_) => "Encoded byte for byte as typed",
            Self::SetTime { .. } => "Set the claim to now plus the time given",
            Self::RemoveClaim(_) => "Remove a top-level claim from the payload",
            Self::AddClaim(_) => "Add a registered claim with a sensible value",
            Self::SetAlg(_) => "The algorithm the header names",
            Self::Compact => "Remove the whitespace from both texts",
            Self::SetSigner(_) => "The key the draft is signed with",
            Self::SetAutoSign(_) => "Off: edits keep the old signature (a tampering demo)",
            Self::SetCustomMinutes(_) => "exp = now + this many minutes (negative: already expired)",
            Self::SetPresetUrl(_) => "Put into the header only: this tool never fetches it",
        }
    }
}

impl Command {
    /// The File menu's actions, in menu order.
    pub fn file_menu() -> Vec<Self> {
        vec![Self::OpenTokenDialog, Self::OpenKeyDialog, Self::LoadDemo, Self::Quit]
    }

    /// The Edit menu's actions, in menu order.
    pub fn edit_menu() -> Vec<Self> {
        vec![Self::PasteToken(String::new()), Self::CopyToken, Self::CopyHeader, Self::CopyPayload, Self::FocusEditor]
    }

    /// The View menu's actions, in menu order (its theme and time choices follow them).
    pub fn view_menu() -> Vec<Self> {
        vec![Self::ZoomIn, Self::ZoomOut, Self::ZoomReset, Self::TogglePresenter]
    }

    /// What the action is called: menu entries, buttons' accessible names, tooltips' first
    /// words. Every command has one (the match is exhaustive).
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
            Self::SetInput(text) if text.is_empty() => "Clear",
            Self::SetInput(_) => "Replace the input",
            Self::EditInput(_) => "Edit the token text",
            Self::SetKeyPaste(_) => "Pasted key",
            Self::SetSecret { .. } => "HMAC secret",
            Self::ShowSecret(_) => "show",
            Self::SetExpectation(Expect::Issuer(_)) => "Issuer (iss)",
            Self::SetExpectation(Expect::Audience(_)) => "Audience (aud)",
            Self::SetExpectation(Expect::Algorithms(_)) => "Allowed algorithms",
            Self::SetExpectation(Expect::Leeway(_)) => "Leeway (seconds)",
            Self::SelectCandidate(_) => "Pick a token",
            Self::LoadToken { .. } => "Open token",
            Self::LoadKey { .. } => "Load key",
            Self::LoadPastedKey => "Load pasted key",
            Self::RemoveKey(_) => "Remove",
            Self::DismissUnusableKey(_) => "Dismiss",
            Self::ClearKeys => "Remove all keys",
            Self::EvaluateAt(None) => "Back to now",
            Self::EvaluateAt(Some(_)) => "Evaluate at",
            Self::Highlight(_) => "Highlight",
            Self::Pin(_) => "Pin the highlight",
            Self::CopyText { .. } => "Copy",
            Self::Notify(_) => "Note",
            Self::ResizePane(..) => "Resize pane",
            Self::ToggleEdit => "Edit token",
            Self::Edit(action) => action.label(),
            Self::SignEdited => "Sign",
            Self::ApplyPreset(_) => "Tester preset",
            Self::GenerateKey(_) => "Generate a key",
            Self::SaveAs { .. } => "Save…",
            Self::CheckWeakSecret => "Check for a weak secret",
            Self::CheckWeakSecretWith { .. } | Self::OpenWordlistDialog => "…and a wordlist",
            Self::CancelWeakSecret => "Cancel",
        }
    }

    /// The tooltip: what the action does, in a sentence (empty where the label says it all).
    pub fn tooltip(&self) -> &'static str {
        match self {
            Self::OpenTokenDialog => "Read a token (or any text holding one) from a file",
            Self::OpenKeyDialog => "Load keys: PEM, DER, certificates, JWK or JWKS",
            Self::LoadDemo => "A token signed just now with the bundled demo key (public demo material)",
            Self::PasteToken(_) => "Replace the input with the clipboard's text",
            Self::CopyToken => "Copy the selected token to the clipboard",
            Self::CopyHeader | Self::CopyPayload => "Copy it, pretty-printed, to the clipboard",
            Self::FocusEditor => "Put the cursor in the token editor",
            Self::ZoomIn | Self::ZoomOut | Self::ZoomReset => "Everything larger or smaller",
            Self::TogglePresenter => "Large fonts and a roomy layout for teaching",
            Self::SetTheme(_) => "The colour scheme",
            Self::SetLocalTime(_) => "How dates are shown",
            Self::Quit => "Close the window (nothing typed is saved)",
            Self::SetInput(text) if text.is_empty() => "Empty the editor",
            Self::SetInput(_) => "Replace the input with a new text",
            Self::EditInput(_) => "Paste a token, an Authorization header, a cookie, JSON or a log line",
            Self::SetKeyPaste(_) => "A PEM key, a certificate, a JWK or a JWKS",
            Self::SetSecret { .. } => "For HS256/384/512 tokens. Never saved to disk.",
            Self::ShowSecret(_) => "Show the secret's characters",
            Self::SetExpectation(Expect::Issuer(_)) => "The token is rejected unless iss equals this",
            Self::SetExpectation(Expect::Audience(_)) => "The token is rejected unless aud holds this",
            Self::SetExpectation(Expect::Algorithms(_)) => "The token is rejected unless its alg is listed",
            Self::SetExpectation(Expect::Leeway(_)) => "Clock-skew tolerance on exp and nbf",
            Self::SelectCandidate(_) => "The input holds several tokens: inspect this one",
            Self::LoadToken { .. } => "Inspect the text of a file",
            Self::LoadKey { .. } => "Use the keys in a file",
            Self::LoadPastedKey => "Use the key pasted above",
            Self::RemoveKey(_) => "Stop using this key",
            Self::DismissUnusableKey(_) => "Remove this message",
            Self::ClearKeys => "Stop using every loaded key",
            Self::EvaluateAt(None) => "Judge the times at the clock's now again",
            Self::EvaluateAt(Some(_)) => "Judge the times at another instant (drag the timeline)",
            Self::Highlight(_) => "Show where a member is in every pane",
            Self::Pin(_) => "Keep the member highlighted",
            Self::CopyText { .. } => "Copy to the clipboard",
            Self::Notify(_) => "",
            Self::ResizePane(..) => "Drag to resize",
            Self::ToggleEdit => "Edit the header and payload, and re-sign",
            Self::Edit(action) => action.tooltip(),
            Self::SignEdited => "Sign the edited header and payload with the chosen key now",
            Self::ApplyPreset(_) => "Turn the draft into a known attack, to test a server",
            Self::GenerateKey(_) => "A fresh key, loaded at once; its exports can be copied or saved",
            Self::SaveAs { .. } => "Save to a file you pick (nothing is written otherwise)",
            Self::CheckWeakSecret => "Try the publicly known JWT secrets against this token",
            Self::CheckWeakSecretWith { .. } | Self::OpenWordlistDialog => "Also try each line of a file you pick",
            Self::CancelWeakSecret => "Stop the search",
        }
    }

    /// The keyboard shortcut, for actions that have one.
    pub fn shortcut(&self) -> Option<Shortcut> {
        let ctrl = |key| Shortcut { command: true, shift: false, key };
        let ctrl_shift = |key| Shortcut { command: true, shift: true, key };
        Some(match self {
            Self::OpenKeyDialog => ctrl(ShortcutKey::O),
            Self::OpenTokenDialog => ctrl_shift(ShortcutKey::O),
            Self::FocusEditor => ctrl(ShortcutKey::L),
            Self::CopyToken => ctrl_shift(ShortcutKey::C),
            Self::PasteToken(_) => ctrl(ShortcutKey::V),
            Self::ZoomIn => ctrl(ShortcutKey::Equals),
            Self::ZoomOut => ctrl(ShortcutKey::Minus),
            Self::ZoomReset => ctrl(ShortcutKey::Num0),
            Self::TogglePresenter => Shortcut { command: false, shift: false, key: ShortcutKey::F11 },
            Self::Quit => ctrl(ShortcutKey::Q),
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
