//! `npm run SCRIPT` (and `npm start`, `npm test`): runs the script `package.json` names
//! through the shell, with `node_modules/.bin` on `PATH`, after npm's `> name@version
//! script` banner. Other npm commands go to the package's `npm` program.

use crate::shell::exec::{Res, Shell};
use crate::vfs::path;

/// The `npm` shell program.
pub(crate) fn npm(sh: &mut Shell<'_>, argv: &[String]) -> Res {
    let script = match argv.get(1).map(String::as_str) {
        Some("run" | "run-script" | "rum" | "urn") => argv.get(2).cloned(),
        Some(s @ ("start" | "test" | "stop" | "restart")) => Some(s.to_string()),
        _ => None,
    };
    let env = sh.exported_env();
    let Some(script) = script else {
        return sh.run_applet(crate::shell::pkg::programs::program, argv, env);
    };
    let cwd = sh.st.cwd.clone();
    let pkg_path = path::join(&cwd, "package.json");
    let text = sh.fs.read("/", &pkg_path).ok().map(|c| String::from_utf8_lossy(&c.bytes()).into_owned());
    let Some(json) = text.as_deref().and_then(|t| serde_json::from_str::<serde_json::Value>(t).ok()) else {
        let msg = format!("npm error code ENOENT\nnpm error syscall open\nnpm error path {pkg_path}\nnpm error errno -2\nnpm error enoent Could not read package.json: Error: ENOENT: no such file or directory, open '{pkg_path}'\n");
        let _ = sh.write_fd(2, msg.as_bytes());
        return Ok(254);
    };
    let field = |k: &str| json.get(k).and_then(|v| v.as_str()).unwrap_or("").to_string();
    let command = json.get("scripts").and_then(|s| s.get(&script)).and_then(|v| v.as_str()).map(String::from);
    let command = match (command, script.as_str()) {
        (Some(c), _) => c,
        // npm's default start script.
        (None, "start") if sh.fs.get(&path::join(&cwd, "server.js")).is_some() => "node server.js".to_string(),
        (None, _) => {
            // npm 10's wording (the node images bundle npm 10).
            let msg = format!("npm error Missing script: \"{script}\"\nnpm error\nnpm error To see a list of scripts, run:\nnpm error   npm run\n");
            let _ = sh.write_fd(2, msg.as_bytes());
            return Ok(1);
        }
    };
    let extra: Vec<String> = argv.iter().skip_while(|a| *a != "--").skip(1).cloned().collect();
    let full = if extra.is_empty() { command.clone() } else { format!("{command} {}", extra.join(" ")) };
    let (name, version) = (field("name"), field("version"));
    let id = if name.is_empty() { cwd.clone() } else { format!("{name}@{version}") };
    let banner = format!("\n> {id} {script}\n> {full}\n\n");
    let _ = sh.write_fd(1, banner.as_bytes());
    let mut env = env;
    let bin = path::join(&cwd, "node_modules/.bin");
    let path_var = env.get("PATH").cloned().unwrap_or_default();
    env.insert("PATH".into(), format!("{bin}:{path_var}"));
    env.insert("npm_lifecycle_event".into(), script.clone());
    // npm runs scripts with `sh -c`.
    let dialect = crate::shell::dialect::Dialect::of(sh.fs, "/bin/sh");
    sh.run_script_file(&full, "sh", &[], env, (dialect, false))
}
