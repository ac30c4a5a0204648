//! Interactive shells inside a container of a built image, for the terminal:
//! `docker run -it IMAGE sh`. The container's filesystem is the image's union view; each
//! line runs in layerlab's simulated shell, and the working directory and exported
//! variables carry over from one line to the next.

use std::collections::BTreeMap;

use crate::image::Store;
use crate::shell::{self, Budget, Process};
use crate::vfs::Tree;

use super::state::TermLine;

/// Separates the user's output from the state the trailer prints.
const MARK: char = '\u{1e}';

/// What `docker run` was asked for, as far as an interactive shell needs.
#[derive(Debug, PartialEq, Eq)]
pub struct RunRequest {
    /// `-i` / `-t` given.
    pub interactive: bool,
    /// The image.
    pub image: String,
    /// The command after the image (empty: the image's CMD).
    pub command: Vec<String>,
    /// `-e K=V`.
    pub env: Vec<String>,
    /// `-w DIR`.
    pub workdir: Option<String>,
    /// `-u USER`.
    pub user: Option<String>,
}

/// Reads `run` arguments (after `docker run`); `None` when they do not name an image.
pub fn parse_run(args: &[String]) -> Option<RunRequest> {
    let mut r = RunRequest { interactive: false, image: String::new(), command: Vec::new(), env: Vec::new(), workdir: None, user: None };
    let mut i = 0;
    while i < args.len() {
        let a = args[i].as_str();
        if !a.starts_with('-') || a == "-" {
            r.image = a.to_string();
            r.command = args[i + 1..].to_vec();
            return Some(r);
        }
        let (flag, inline) = match a.split_once('=') {
            Some((f, v)) => (f, Some(v.to_string())),
            None => (a, None),
        };
        let mut value = || inline.clone().or_else(|| {
            i += 1;
            args.get(i).cloned()
        });
        match flag {
            "-e" | "--env" => r.env.extend(value()),
            "-w" | "--workdir" => r.workdir = value(),
            "-u" | "--user" => r.user = value(),
            "--name" | "-h" | "--hostname" | "--entrypoint" | "-p" | "--publish" | "-v" | "--volume" | "--platform" => {
                value();
            }
            f if !f.starts_with("--") && f[1..].chars().all(|c| "itd".contains(c)) => {
                r.interactive |= f.contains('i') || f.contains('t');
            }
            "--interactive" | "--tty" => r.interactive = true,
            _ => {}
        }
        i += 1;
    }
    None
}

/// True for the shells a session can stand in for.
pub fn is_shell(cmd: &[String]) -> bool {
    matches!(cmd, [one] if matches!(one.as_str(), "sh" | "/bin/sh" | "ash" | "/bin/ash" | "bash" | "/bin/bash"))
}

/// An open shell in a container.
pub struct Session {
    tree: Tree,
    process: Process,
}

fn passwd_lookup(tree: &Tree, user: &str) -> Option<(u32, u32, String)> {
    let text = tree.read("/", "/etc/passwd").ok()?;
    let text = String::from_utf8_lossy(&text.bytes()).into_owned();
    text.lines().find_map(|l| {
        let f: Vec<&str> = l.split(':').collect();
        (f.len() >= 6 && (f[0] == user || f[2] == user))
            .then(|| Some((f[2].parse().ok()?, f[3].parse().ok()?, f[5].to_string())))
            .flatten()
    })
}

impl Session {
    /// Opens a shell in a new container of `req.image`.
    pub fn open(store: &Store, req: &RunRequest, now: i64, seq: u64) -> Result<Session, String> {
        let image = store.resolve(&req.image).map_err(|e| format!("Unable to find image '{}' locally: {e}", req.image))?;
        let tree = Tree::from_layers(image.layers.iter().map(|l| l.layer()));
        let cfg = &image.config.config;
        let mut env: BTreeMap<String, String> = BTreeMap::new();
        for kv in cfg.env.iter().chain(req.env.iter()) {
            if let Some((k, v)) = kv.split_once('=') {
                env.insert(k.to_string(), v.to_string());
            }
        }
        env.entry("PATH".into()).or_insert_with(|| crate::util::DEFAULT_PATH.to_string());
        let user = req.user.clone().unwrap_or_else(|| cfg.user.clone());
        let (name, group) = user.split_once(':').map_or((user.as_str(), None), |(u, g)| (u, Some(g)));
        let (uid, mut gid, home) = if name.is_empty() || name == "root" || name == "0" {
            (0, 0, "/root".to_string())
        } else if let Some(found) = passwd_lookup(&tree, name) {
            found
        } else if let Ok(n) = name.parse::<u32>() {
            (n, n, "/".to_string())
        } else {
            return Err(format!("unable to find user {name}: no matching entries in passwd file"));
        };
        if let Some(g) = group.and_then(|g| g.parse().ok()) {
            gid = g;
        }
        let hostname = {
            use sha2::{Digest, Sha256};
            let d = Sha256::digest(format!("{}/{now}/{seq}", image.id).as_bytes());
            d.iter().take(6).map(|b| format!("{b:02x}")).collect::<String>()
        };
        env.entry("HOME".into()).or_insert(home);
        env.insert("HOSTNAME".into(), hostname);
        env.entry("TERM".into()).or_insert_with(|| "xterm".into());
        let cwd = req.workdir.clone().filter(|w| !w.is_empty()).unwrap_or_else(|| {
            if cfg.working_dir.is_empty() { "/".into() } else { cfg.working_dir.clone() }
        });
        let process = Process { cwd, env, uid, gid, now, stdin: Vec::new(), network: Default::default() };
        Ok(Session { tree, process })
    }

    /// The prompt busybox `sh` shows: `/ # ` for root, `/home/app $ ` for others.
    pub fn prompt(&self) -> String {
        let sign = if self.process.uid == 0 { '#' } else { '$' };
        format!("{} {sign} ", self.process.cwd)
    }

    /// Runs one typed line; returns its output and whether the shell is still open.
    pub fn run(&mut self, line: &str, now: i64) -> (Vec<TermLine>, bool) {
        if line.trim().is_empty() {
            return (Vec::new(), true);
        }
        if let Err(e) = shell::parser::parse(line) {
            return (vec![TermLine { text: format!("sh: {e}"), kind: "err" }], true);
        }
        self.process.now = now;
        let script = format!(
            "{line}\n__layerlab_rc=$?; printf '\\036%s\\036' \"$(pwd)\"; env; exit $__layerlab_rc"
        );
        let out = shell::run_script(&mut self.tree, &self.process, &script, &mut Budget::default());
        let text = String::from_utf8_lossy(&out.combined).into_owned();
        let (shown, open) = match text.find(MARK) {
            Some(at) => {
                let rest = &text[at + MARK.len_utf8()..];
                if let Some((cwd, env)) = rest.split_once(MARK) {
                    self.process.cwd = cwd.to_string();
                    self.process.env = env
                        .lines()
                        .filter_map(|l| l.split_once('='))
                        .filter(|(k, _)| !k.starts_with("__layerlab"))
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect();
                }
                (text[..at].to_string(), true)
            }
            // `exit` (or a stopped budget) ended the shell before the trailer ran.
            None => (text, out.stopped.is_some()),
        };
        let lines = shown.lines().map(|l| TermLine { text: l.to_string(), kind: "out" }).collect();
        (lines, open)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(String::from).collect()
    }

    #[wasm_bindgen_test]
    fn run_arguments() {
        let r = parse_run(&words("-it --rm -e A=1 -w /srv --name x alpine:3.20 sh")).unwrap();
        assert!(r.interactive);
        assert_eq!((r.image.as_str(), r.command.clone()), ("alpine:3.20", words("sh")));
        assert_eq!((r.env.clone(), r.workdir.clone()), (vec!["A=1".to_string()], Some("/srv".to_string())));
        assert!(is_shell(&r.command));
        let r = parse_run(&words("--rm playground cat /etc/os-release")).unwrap();
        assert!(!r.interactive);
        assert!(!is_shell(&r.command));
        assert_eq!(parse_run(&words("-it")), None);
    }
}
