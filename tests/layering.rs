//! The library's layering, read from its source: every `crate::…`, `super::…`, `self::…` and
//! child-module path in each file under `src/` (comments and string literals skipped), resolved
//! to the module it names. The core (`src/jose`) imports only the core; the inspection only the
//! core; the desktop app nothing of the command line; the GUI's state machine no egui; and the
//! core's modules import downward through its layers of concern (text, keys, crypto, analysis,
//! tools) and form no cycle.
//!
//! `src/main.rs` is left out: it is the binary crate (its `crate` is not the library's), glue
//! that may call anything.

#![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "tests fail loudly")]

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// A module's path from the crate root: `["jose", "json"]`; the root is `[]`.
type ModulePath = Vec<String>;

#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Ident(String),
    /// `::`
    PathSep,
    Punct(char),
}

/// A token and the 1-based line it is on.
#[derive(Clone, Debug)]
struct Token {
    tok: Tok,
    line: usize,
}

/// Rust source as tokens, without comments, string and character literals (so a message or a
/// doc comment that mentions `crate::app` is not an import). Numbers come out as identifiers,
/// lifetimes as `'` and a name: neither can start a path.
fn tokens(source: &str) -> Vec<Token> {
    let chars: Vec<char> = source.chars().collect();
    let at = |i: usize| chars.get(i).copied().unwrap_or('\0');
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    // Skips to just past `end` (a position), counting lines.
    let skip_to = |i: &mut usize, line: &mut usize, end: usize| {
        *line += chars[*i..end.min(chars.len())].iter().filter(|c| **c == '\n').count();
        *i = end;
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && at(i + 1) == '/' {
            let end = (i..chars.len()).find(|&j| chars[j] == '\n').unwrap_or(chars.len());
            i = end;
        } else if c == '/' && at(i + 1) == '*' {
            // Block comments nest.
            let (mut depth, mut j) = (1, i + 2);
            while j < chars.len() && depth > 0 {
                if chars[j] == '/' && at(j + 1) == '*' {
                    depth += 1;
                    j += 2;
                } else if chars[j] == '*' && at(j + 1) == '/' {
                    depth -= 1;
                    j += 2;
                } else {
                    j += 1;
                }
            }
            skip_to(&mut i, &mut line, j);
        } else if c == '"' {
            let mut j = i + 1;
            while j < chars.len() && chars[j] != '"' {
                j += if chars[j] == '\\' { 2 } else { 1 };
            }
            skip_to(&mut i, &mut line, j + 1);
        } else if c == '\'' {
            if at(i + 1) == '\\' {
                // '\n', '\'', '\u{1F600}'
                let end = (i + 3..chars.len()).find(|&j| chars[j] == '\'').unwrap_or(chars.len());
                i = end + 1;
            } else if at(i + 2) == '\'' {
                i += 3;
            } else {
                // A lifetime or a label.
                out.push(Token { tok: Tok::Punct('\''), line });
                i += 1;
            }
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while at(i).is_alphanumeric() || at(i) == '_' {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let hashes = (i..chars.len()).take_while(|&j| chars[j] == '#').count();
            if matches!(word.as_str(), "r" | "br" | "cr") && at(i + hashes) == '"' {
                // A raw string: ends at a quote followed by as many hashes.
                let mut j = i + hashes + 1;
                while j < chars.len() && !(chars[j] == '"' && (1..=hashes).all(|k| at(j + k) == '#')) {
                    j += 1;
                }
                skip_to(&mut i, &mut line, j + 1 + hashes);
            } else if word == "r" && hashes == 1 {
                // A raw identifier, r#type.
                i += 1;
            } else {
                out.push(Token { tok: Tok::Ident(word), line });
            }
        } else if c == ':' && at(i + 1) == ':' {
            out.push(Token { tok: Tok::PathSep, line });
            i += 2;
        } else {
            out.push(Token { tok: Tok::Punct(c), line });
            i += 1;
        }
    }
    out
}

fn ident(tokens: &[Token], i: usize) -> Option<&str> {
    match tokens.get(i).map(|t| &t.tok) {
        Some(Tok::Ident(word)) => Some(word),
        _ => None,
    }
}

fn is(tokens: &[Token], i: usize, tok: &Tok) -> bool {
    tokens.get(i).is_some_and(|t| t.tok == *tok)
}

/// The paths of a path or `use` tree starting at `i` (`a::b::{c, d::e as f}` is three), each
/// with the name it is known by after a `use` (its last segment or its alias), and the index
/// after the tree.
fn path_tree(tokens: &[Token], mut i: usize, prefix: &[String]) -> (Vec<(Vec<String>, String)>, usize) {
    let mut path = prefix.to_vec();
    loop {
        match tokens.get(i).map(|t| &t.tok) {
            Some(Tok::Ident(word)) => {
                path.push(word.clone());
                i += 1;
            }
            Some(Tok::Punct('*')) => return (vec![(path, "*".to_owned())], i + 1),
            Some(Tok::Punct('{')) => {
                let mut out = Vec::new();
                i += 1;
                while i < tokens.len() && !is(tokens, i, &Tok::Punct('}')) {
                    let (paths, next) = path_tree(tokens, i, &path);
                    out.extend(paths);
                    i = if is(tokens, next, &Tok::Punct(',')) { next + 1 } else { next.max(i + 1) };
                }
                return (out, i + 1);
            }
            _ => break,
        }
        if !is(tokens, i, &Tok::PathSep) {
            break;
        }
        i += 1;
    }
    // `use a::b::{self}` names `a::b`.
    if path.last().is_some_and(|s| s == "self") && path.len() > 1 {
        path.pop();
    }
    let mut name = path.last().cloned().unwrap_or_default();
    if ident(tokens, i) == Some("as")
        && let Some(alias) = ident(tokens, i + 1)
    {
        name = alias.to_owned();
        i += 2;
    }
    (vec![(path, name)], i)
}

/// One path in a file that names a module of the crate.
#[derive(Clone, Debug)]
struct Import {
    file: String,
    line: usize,
    /// As written, e.g. `super::keys::Key`.
    written: String,
    /// From the crate root, e.g. `jose::keys::Key`.
    absolute: Vec<String>,
}

/// A source file: where it is, the module it is, and its tokens.
struct File {
    /// Relative to the crate, with `/`: `src/jose/json/mod.rs`.
    name: String,
    module: ModulePath,
    tokens: Vec<Token>,
}

/// Calls `visit` with each token's index and the module it is in: the file's module, or an
/// inline `mod name { … }` inside it (where `super` means the file's module).
fn walk_scopes(file: &File, mut visit: impl FnMut(usize, &ModulePath)) {
    let mut scope = file.module.clone();
    // Inline modules open: the brace depth just outside each.
    let mut open: Vec<usize> = Vec::new();
    let mut depth = 0;
    for i in 0..file.tokens.len() {
        visit(i, &scope);
        match file.tokens[i].tok {
            Tok::Punct('{') => {
                if ident(&file.tokens, i.wrapping_sub(2)) == Some("mod")
                    && let Some(name) = ident(&file.tokens, i.wrapping_sub(1))
                {
                    scope.push(name.to_owned());
                    open.push(depth);
                }
                depth += 1;
            }
            Tok::Punct('}') => {
                depth -= 1;
                if open.last() == Some(&depth) {
                    open.pop();
                    scope.pop();
                }
            }
            _ => {}
        }
    }
}

/// Every module of the crate, with the modules it declares and the names it imports or
/// re-exports (for `crate::Inspection`, which names no module).
#[derive(Default)]
struct Crate {
    children: BTreeMap<ModulePath, BTreeSet<String>>,
    uses: BTreeMap<ModulePath, BTreeMap<String, Vec<String>>>,
}

impl Crate {
    fn declare(&mut self, file: &File) {
        self.children.entry(file.module.clone()).or_default();
        walk_scopes(file, |i, scope| {
            if ident(&file.tokens, i) == Some("mod")
                && let Some(name) = ident(&file.tokens, i + 1)
            {
                self.children.entry(scope.clone()).or_default().insert(name.to_owned());
                let mut child = scope.clone();
                child.push(name.to_owned());
                self.children.entry(child).or_default();
            }
        });
    }

    fn is_module(&self, path: &[String]) -> bool {
        self.children.contains_key(path)
    }

    /// `path` from the crate root, when it names something in the crate: it starts with
    /// `crate`, `super` or `self`, or with a module declared in `scope`.
    fn absolute(&self, scope: &ModulePath, path: &[String]) -> Option<Vec<String>> {
        let (first, rest) = path.split_first()?;
        let mut base = match first.as_str() {
            "crate" => Vec::new(),
            "self" => scope.clone(),
            "super" => scope.get(..scope.len().checked_sub(1)?)?.to_vec(),
            name if self.children.get(scope).is_some_and(|c| c.contains(name)) => {
                let mut base = scope.clone();
                base.push(name.to_owned());
                base
            }
            _ => return None,
        };
        let mut rest = rest;
        while let Some(("super", tail)) = rest.split_first().map(|(s, t)| (s.as_str(), t)) {
            base.pop()?;
            rest = tail;
        }
        base.extend(rest.iter().cloned());
        Some(base)
    }

    /// The deepest module `path` names; a name imported into the crate root or `jose`
    /// (`crate::Inspection`) is followed to where it comes from.
    fn owner(&self, path: &[String]) -> Result<ModulePath, String> {
        let mut path = path.to_vec();
        for _ in 0..8 {
            let mut module = Vec::new();
            for segment in &path {
                let mut child = module.clone();
                child.push(segment.clone());
                if !self.is_module(&child) {
                    break;
                }
                module = child;
            }
            let Some(item) = path.get(module.len()) else { return Ok(module) };
            // `crate::X` and `crate::jose::X` name no module of their own: where X comes from
            // is what is imported. Elsewhere the module named is (`crate::inspection::Check`).
            let facade = module.is_empty() || module == ["jose"];
            match self.uses.get(&module).and_then(|names| names.get(item)) {
                Some(target) if facade => {
                    path = target.iter().chain(path.get(module.len() + 1..).unwrap_or_default()).cloned().collect();
                }
                // An item defined in a module, e.g. `crate::jose::json::Span`.
                _ if !module.is_empty() => return Ok(module),
                _ => return Err(format!("`crate::{item}` is neither a module nor a name imported into lib.rs")),
            }
        }
        Err(format!("`{}` is re-exported in a loop", path.join("::")))
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/jose/json/mod.rs` → `jose::json`; `src/lib.rs` → the root.
fn module_of(relative: &str) -> ModulePath {
    let inner = relative.strip_prefix("src/").unwrap().strip_suffix(".rs").unwrap();
    let mut path: ModulePath = inner.split('/').map(str::to_owned).collect();
    if matches!(path.last().map(String::as_str), Some("mod" | "lib")) {
        path.pop();
    }
    path
}

/// The library's files and every path in them that names a module of the crate.
fn read_crate(root: &Path) -> (Vec<File>, Crate, Vec<Import>) {
    let mut paths = Vec::new();
    rust_files(&root.join("src"), &mut paths);
    let files: Vec<File> = paths
        .iter()
        .map(|path| {
            let name = path.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
            let tokens = tokens(&std::fs::read_to_string(path).unwrap());
            File { module: module_of(&name), name, tokens }
        })
        .filter(|file| file.name != "src/main.rs")
        .collect();
    let mut krate = Crate::default();
    for file in &files {
        krate.declare(file);
    }
    let mut imports = Vec::new();
    for file in &files {
        let mut after = 0;
        let mut found = Vec::new();
        walk_scopes(file, |i, scope| {
            // A path starts at a name that follows no `::` and is followed by one, or follows `use`.
            let starts =
                i >= after && ident(&file.tokens, i).is_some() && !is(&file.tokens, i.wrapping_sub(1), &Tok::PathSep);
            if !starts {
                return;
            }
            let in_use = ident(&file.tokens, i.wrapping_sub(1)) == Some("use");
            if !in_use && !is(&file.tokens, i + 1, &Tok::PathSep) {
                return;
            }
            let (paths, next) = path_tree(&file.tokens, i, &[]);
            after = next;
            for (path, name) in paths {
                let Some(absolute) = krate.absolute(scope, &path) else { continue };
                if in_use {
                    found.push((scope.clone(), name, absolute.clone()));
                }
                imports.push(Import {
                    file: file.name.clone(),
                    line: file.tokens[i].line,
                    written: path.join("::"),
                    absolute,
                });
            }
        });
        for (scope, name, absolute) in found {
            krate.uses.entry(scope).or_default().insert(name, absolute);
        }
    }
    (files, krate, imports)
}

/// The crate's layering, with the imports that break it.
struct Layering {
    violations: Vec<String>,
    /// Between the modules of `src/jose`: which imports which, with one import as evidence.
    core_graph: BTreeMap<String, BTreeMap<String, Import>>,
}

/// The core's modules by concern, lowest first: a module imports only from its own layer and
/// the layers below. Key material, the aws-lc-rs parameters and the prepared keys sit with the
/// keys (a `Key` carries its prepared form, and PEM and JWK loading derive public keys), below
/// the cryptography that uses them; the known-secret list sits with the cryptography, as the
/// linter reads it.
const CORE_LAYERS: &[(&str, &[&str])] = &[
    ("text", &["scan", "base64url", "json", "token", "positions", "extract", "alg"]),
    ("keys", &["material", "params", "prepared", "keys"]),
    ("crypto", &["verify", "jws_json", "jwe", "sign", "keygen", "secrets"]),
    ("analysis", &["timeline", "registry", "findings", "verdict", "expect", "lint"]),
    ("tools", &["draft", "presets", "edit"]),
];

fn layering(root: &Path, layers: &[(&str, &[&str])]) -> Layering {
    let (files, krate, imports) = read_crate(root);
    let mut violations = Vec::new();
    let mut core_graph: BTreeMap<String, BTreeMap<String, Import>> = BTreeMap::new();
    for name in krate.children.get(&vec!["jose".to_owned()]).into_iter().flatten() {
        core_graph.entry(name.clone()).or_default();
    }
    for import in &imports {
        let Import { file, line, written, .. } = import;
        let owner = match krate.owner(&import.absolute) {
            Ok(owner) => owner,
            Err(why) => {
                violations.push(format!("{file}:{line}: cannot place `{written}`: {why}"));
                continue;
            }
        };
        let from = module_of(file);
        let top = |path: &ModulePath| path.first().cloned().unwrap_or_default();
        let named = owner.join("::");
        let mut forbid = |rule: &str| violations.push(format!("{file}:{line}: `{written}` imports `{named}`: {rule}"));
        match (top(&from).as_str(), top(&owner).as_str()) {
            ("jose", "jose") | ("inspection", "jose" | "inspection") => {}
            ("jose", _) => forbid("the core (src/jose) imports only the core"),
            ("inspection", _) => forbid("the inspection imports only the core (src/jose) and itself"),
            ("app", "cli") => forbid("the desktop app imports nothing from the command line (startup.rs sits between)"),
            _ => {}
        }
        // An edge between two modules of the core.
        if let ([core, a, ..], [core_too, b, ..]) = (from.as_slice(), owner.as_slice())
            && core == "jose"
            && core_too == "jose"
            && a != b
        {
            core_graph.entry(a.clone()).or_default().entry(b.clone()).or_insert_with(|| import.clone());
        }
    }
    for file in files.iter().filter(|f| f.name.starts_with("src/app/session/")) {
        for token in &file.tokens {
            if let Tok::Ident(word) = &token.tok
                && (word == "egui" || word == "eframe")
            {
                violations.push(format!(
                    "{}:{}: names `{word}`: the GUI's state machine (src/app/session) knows no egui; the workbench carries out its effects",
                    file.name, token.line
                ));
            }
        }
    }
    let layer = |module: &str| layers.iter().position(|(_, modules)| modules.contains(&module));
    for (from, imported) in &core_graph {
        let Some(from_layer) = layer(from) else {
            violations.push(format!("src/jose/{from}: not in a layer: add it to CORE_LAYERS in tests/layering.rs"));
            continue;
        };
        for (to, import) in imported {
            if let Some(to_layer) = layer(to).filter(|&to_layer| to_layer > from_layer) {
                let Import { file, line, written, .. } = import;
                violations.push(format!(
                    "{file}:{line}: `{written}` imports upward, from {} ({from}) to {} ({to}): move the shared piece down",
                    layers[from_layer].0, layers[to_layer].0
                ));
            }
        }
    }
    if let Some(cycle) = find_cycle(&core_graph) {
        let mut message = String::from("the modules of src/jose import each other in a cycle:");
        for pair in cycle.windows(2) {
            let import = &core_graph[&pair[0]][&pair[1]];
            write!(message, "\n  {} → {}: {}:{} `{}`", pair[0], pair[1], import.file, import.line, import.written)
                .unwrap();
        }
        violations.push(message);
    }
    Layering { violations, core_graph }
}

/// A cycle in `graph` as its modules, the first repeated at the end; `None` when acyclic.
fn find_cycle<T>(graph: &BTreeMap<String, BTreeMap<String, T>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit<T>(
        node: &str,
        graph: &BTreeMap<String, BTreeMap<String, T>>,
        marks: &mut BTreeMap<String, Mark>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let start = stack.iter().position(|n| n == node)?;
                let mut cycle = stack[start..].to_vec();
                cycle.push(node.to_owned());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.to_owned(), Mark::Open);
        stack.push(node.to_owned());
        for next in graph.get(node).into_iter().flat_map(BTreeMap::keys) {
            if let Some(cycle) = visit(next, graph, marks, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        marks.insert(node.to_owned(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    graph.keys().find_map(|node| visit(node, graph, &mut marks, &mut Vec::new()))
}

#[test]
fn imports_run_downward_and_the_core_has_no_cycle() {
    let layering = layering(Path::new(env!("CARGO_MANIFEST_DIR")), CORE_LAYERS);
    assert!(
        layering.violations.is_empty(),
        "{} import(s) break the layering (ARCHITECTURE.md, invariants):\n{}",
        layering.violations.len(),
        layering.violations.join("\n")
    );
    // The reader found the imports it is judging: the core's modules do use each other.
    let edges: usize = layering.core_graph.values().map(BTreeMap::len).sum();
    assert!(edges > 20, "only {edges} imports between the modules of src/jose were found: is the reader broken?");
}

/// Writes `files` (path → text) under a fresh directory, as a crate to read.
fn scratch_crate(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let root = std::env::temp_dir().join(format!("jwt-inspector-layering-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    for (path, text) in files {
        let path = root.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    root
}

#[test]
fn comments_and_strings_are_not_imports_but_use_trees_and_child_modules_are() {
    let root = scratch_crate(
        "reader",
        &[
            ("src/lib.rs", "pub mod app;\npub mod cli;\npub mod jose;\npub use cli::Args;\n"),
            ("src/cli.rs", "pub struct Args;\n"),
            ("src/jose/mod.rs", "pub mod a;\npub mod b;\n"),
            (
                "src/jose/a.rs",
                "//! Not an import: crate::cli::Args\nmod inner;\nuse inner::X;\nconst T: &str = \"crate::cli\";\nconst R: &str = r#\"crate::app\"#;\nconst C: char = '\"';\nfn f<'a>(x: &'a str) { let _ = super::b::g(); }\n",
            ),
            ("src/jose/a/inner.rs", "pub struct X;\n"),
            ("src/jose/b.rs", "use crate::{Args, jose::{a::{self}, b as bee}};\npub fn g() {}\n"),
            ("src/app/mod.rs", "mod session;\n"),
            ("src/app/session/mod.rs", "/* egui::Ui in a comment */ fn f() { crate::cli::Args; }\n"),
        ],
    );
    let layering = layering(&root, &[("low", &["a"]), ("high", &["b"])]);
    let _ = std::fs::remove_dir_all(&root);
    let edges: Vec<(&str, &str)> = layering
        .core_graph
        .iter()
        .flat_map(|(from, to)| to.keys().map(move |to| (from.as_str(), to.as_str())))
        .collect();
    assert_eq!(edges, [("a", "b"), ("b", "a")], "super::b from a; a::self from b");
    let expected = [
        "src/app/session/mod.rs:1: `crate::cli::Args` imports `cli`: the desktop app imports nothing from the command line (startup.rs sits between)",
        "src/jose/b.rs:1: `crate::Args` imports `cli`: the core (src/jose) imports only the core",
    ];
    for line in expected {
        assert!(layering.violations.iter().any(|v| v == line), "missing {line:?} in {:#?}", layering.violations);
    }
    let upward = "src/jose/a.rs:7: `super::b::g` imports upward, from low (a) to high (b): move the shared piece down";
    assert_eq!(layering.violations[2], upward);
    let cycle = "the modules of src/jose import each other in a cycle:\n  a → b: src/jose/a.rs:7 `super::b::g`\n  b → a: src/jose/b.rs:1 `crate::jose::a`";
    assert_eq!(layering.violations[3], cycle);
    assert_eq!(layering.violations.len(), 4, "{:#?}", layering.violations);
}
