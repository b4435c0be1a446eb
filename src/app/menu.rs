//! The menu bar and the keyboard: both generated from [`Command`]'s one list of labels and
//! shortcuts. Also turns pastes outside a text field and dropped files into commands.

use crate::app::command::{Command, Pick, Shortcut, ShortcutKey, ThemeChoice};
use crate::app::file_dialog;
use crate::app::settings::UiSettings;

/// egui's form of one of our shortcuts.
pub fn egui_shortcut(shortcut: Shortcut) -> egui::KeyboardShortcut {
    let mut modifiers = egui::Modifiers::NONE;
    if shortcut.command {
        modifiers |= egui::Modifiers::COMMAND;
    }
    if shortcut.shift {
        modifiers |= egui::Modifiers::SHIFT;
    }
    let key = match shortcut.key {
        ShortcutKey::O => egui::Key::O,
        ShortcutKey::L => egui::Key::L,
        ShortcutKey::C => egui::Key::C,
        ShortcutKey::V => egui::Key::V,
        ShortcutKey::Q => egui::Key::Q,
        ShortcutKey::Equals => egui::Key::Equals,
        ShortcutKey::Minus => egui::Key::Minus,
        ShortcutKey::Num0 => egui::Key::Num0,
        ShortcutKey::F11 => egui::Key::F11,
    };
    egui::KeyboardShortcut::new(modifiers, key)
}

/// The shortcut as people read it ("Ctrl+=", not "Ctrl+Equals").
pub fn shortcut_text(ctx: &egui::Context, shortcut: Shortcut) -> String {
    ctx.format_shortcut(&egui_shortcut(shortcut)).replace("Equals", "=").replace("Minus", "-")
}

/// A tooltip naming the command and its shortcut: "Copy token (Ctrl+Shift+C)".
pub fn hint(ctx: &egui::Context, command: &Command) -> String {
    match command.shortcut() {
        Some(shortcut) => format!("{} ({})", command.label(), shortcut_text(ctx, shortcut)),
        None => command.label().to_owned(),
    }
}

/// Shortcuts, a paste outside any text field and dropped files, as commands. A file that
/// cannot be read gives a note saying why.
pub fn read_input(ctx: &egui::Context, commands: &mut Vec<Command>) {
    for command in Command::with_shortcuts() {
        if let Some(shortcut) = command.shortcut()
            && ctx.input_mut(|i| i.consume_shortcut(&egui_shortcut(shortcut)))
        {
            commands.push(command);
        }
    }
    if !ctx.egui_wants_keyboard_input() {
        let pasted = ctx.input(|i| {
            i.events.iter().find_map(|e| match e {
                egui::Event::Paste(text) => Some(text.clone()),
                _ => None,
            })
        });
        if let Some(text) = pasted {
            commands.push(Command::PasteToken(text));
        }
    }
    for file in ctx.input(|i| i.raw.dropped_files.clone()) {
        let path = file.path();
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        commands.push(match file.bytes() {
            Ok(bytes) => match file_dialog::classify(&name, &bytes) {
                Pick::Token => Command::LoadToken { name, bytes },
                Pick::Keys => Command::LoadKey { name, bytes },
                Pick::Wordlist => Command::CheckWeakSecretWith { name, bytes },
            },
            Err(error) => Command::Notify(format!("cannot read {}: {error}", path.display())),
        });
    }
}

/// One menu entry: the command's label and shortcut.
fn item(ui: &mut egui::Ui, command: Command, commands: &mut Vec<Command>) {
    let mut button = egui::Button::new(command.label());
    if let Some(shortcut) = command.shortcut() {
        button = button.shortcut_text(shortcut_text(ui.ctx(), shortcut));
    }
    let response = ui.add(button);
    let response = if command.tooltip().is_empty() { response } else { response.on_hover_text(command.tooltip()) };
    if response.clicked() {
        match command {
            // The menu's Paste reads the clipboard through a paste event.
            Command::PasteToken(_) => ui.ctx().send_viewport_cmd(egui::ViewportCommand::RequestPaste),
            other => commands.push(other),
        }
    }
}

/// The menu bar.
pub fn menu_bar(ui: &mut egui::Ui, settings: &UiSettings, commands: &mut Vec<Command>) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            for command in Command::file_menu() {
                item(ui, command, commands);
            }
        });
        ui.menu_button("Edit", |ui| {
            for command in Command::edit_menu() {
                item(ui, command, commands);
            }
        });
        ui.menu_button("View", |ui| {
            for command in Command::view_menu() {
                item(ui, command, commands);
            }
            ui.separator();
            for choice in [ThemeChoice::System, ThemeChoice::Dark, ThemeChoice::Light] {
                let command = Command::SetTheme(choice);
                if ui.radio(settings.theme == choice, command.label()).clicked() {
                    commands.push(command);
                }
            }
            ui.separator();
            for local in [false, true] {
                let command = Command::SetLocalTime(local);
                if ui.radio(settings.local_time == local, command.label()).clicked() {
                    commands.push(command);
                }
            }
        });
        if settings.presenter {
            ui.label(egui::RichText::new("Presenter mode (F11 to leave)").strong());
        }
    });
}
