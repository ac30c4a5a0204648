//! The command table: which module answers `docker X` and `docker image|container|system
//! X`, the top-level help, and Docker's errors for unknown commands.

use super::spec::Cmd;
use super::{
    archive_cmd as ar, build_cmd as b, container_create as create, container_exec as exec, container_fs as fs,
    container_life as life, container_pause as pause, container_ps as ps, container_run as run,
    container_stats as stats, image_cmds as img, images_cmd as ls, inspect as ins, network_cmd as net, ports,
    registry as reg, restart, system as sys, volumes as vol, Engine, Output,
};

type Handler = fn(&mut Engine, &Cmd, &[String]) -> Output;

/// A command: its interface and what runs it.
struct Entry {
    name: &'static str,
    cmd: Cmd,
    run: Handler,
}

const fn entry(name: &'static str, cmd: Cmd, run: Handler) -> Entry {
    Entry { name, cmd, run }
}

fn inspect_any(e: &mut Engine, c: &Cmd, a: &[String]) -> Output {
    ins::inspect(e, c, a, ins::Kind::Any)
}

fn inspect_image(e: &mut Engine, c: &Cmd, a: &[String]) -> Output {
    ins::inspect(e, c, a, ins::Kind::Image)
}

fn inspect_container(e: &mut Engine, c: &Cmd, a: &[String]) -> Output {
    ins::inspect(e, c, a, ins::Kind::Container)
}

/// Top-level commands (`docker X`).
const TOP: &[Entry] = &[
    entry("run", create::RUN, run::run),
    entry("exec", exec::EXEC, exec::exec),
    entry("ps", ps::PS, ps::ps),
    entry("build", b::BUILD, b::build),
    entry("pull", reg::PULL, reg::pull_cmd),
    entry("push", reg::PUSH, reg::push),
    entry("images", ls::IMAGES, ls::images),
    entry("login", reg::LOGIN, reg::login),
    entry("logout", reg::LOGOUT, reg::logout),
    entry("search", reg::SEARCH, reg::search),
    entry("version", sys::VERSION_CMD, sys::version),
    entry("info", sys::INFO, sys::info),
    entry("commit", fs::COMMIT, fs::commit),
    entry("cp", fs::CP, fs::cp),
    entry("create", create::CREATE, create::create),
    entry("diff", fs::DIFF, fs::diff),
    entry("export", fs::EXPORT, fs::export),
    entry("history", img::HISTORY, img::history),
    entry("import", ar::IMPORT, ar::import),
    entry("inspect", ins::INSPECT, inspect_any),
    entry("kill", life::KILL, life::kill),
    entry("load", ar::LOAD, ar::load),
    entry("logs", life::LOGS, life::logs),
    entry("pause", pause::PAUSE, pause::pause),
    entry("port", ports::PORT, ports::port),
    entry("rename", life::RENAME, life::rename),
    entry("restart", life::RESTART, life::restart),
    entry("rm", life::RM, life::rm),
    entry("rmi", img::RMI, img::rmi),
    entry("save", ar::SAVE, ar::save),
    entry("start", run::START, run::start),
    entry("stats", stats::STATS, stats::stats),
    entry("stop", life::STOP, life::stop),
    entry("tag", img::TAG, img::tag),
    entry("top", life::TOP, life::top),
    entry("unpause", pause::UNPAUSE, pause::unpause),
    entry("update", restart::UPDATE, restart::update),
    entry("wait", life::WAIT, life::wait),
];

/// `docker image X`: (subcommand names, top-level entry it shares, or its own).
const IMAGE: &[(&[&str], &str)] = &[
    (&["build"], "build"),
    (&["history"], "history"),
    (&["import"], "import"),
    (&["load"], "load"),
    (&["ls", "list"], "images"),
    (&["pull"], "pull"),
    (&["push"], "push"),
    (&["rm", "remove"], "rmi"),
    (&["save"], "save"),
    (&["tag"], "tag"),
];

const CONTAINER: &[(&[&str], &str)] = &[
    (&["commit"], "commit"),
    (&["cp"], "cp"),
    (&["create"], "create"),
    (&["diff"], "diff"),
    (&["exec"], "exec"),
    (&["export"], "export"),
    (&["kill"], "kill"),
    (&["logs"], "logs"),
    (&["pause"], "pause"),
    (&["port"], "port"),
    (&["unpause"], "unpause"),
    (&["update"], "update"),
    (&["stats"], "stats"),
    (&["ls", "list", "ps"], "ps"),
    (&["rename"], "rename"),
    (&["restart"], "restart"),
    (&["rm", "remove"], "rm"),
    (&["run"], "run"),
    (&["start"], "start"),
    (&["stop"], "stop"),
    (&["top"], "top"),
    (&["wait"], "wait"),
];

/// The names `docker X` answers to (top-level commands and management groups), sorted.
pub fn names() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = TOP.iter().map(|t| t.name).chain(["container", "help", "image", "system"]).collect();
    crate::util::sort::sort(&mut v);
    v
}

/// The top-level command an argv (without `docker`) names, however it is spelt (`save`,
/// `image save`; `export`, `container export`; `builder build`), and where its arguments
/// start; `None` for anything else (a group's own subcommands, unknown names).
pub(super) fn named(argv: &[String]) -> Option<(&'static str, usize)> {
    let first = argv.first()?.as_str();
    let sub = argv.get(1).map(String::as_str);
    let subs = match first {
        "image" => IMAGE,
        "container" => CONTAINER,
        "builder" if sub == Some("build") => return Some(("build", 2)),
        _ => return TOP.iter().find(|t| t.name == first).map(|t| (t.name, 1)),
    };
    let sub = sub?;
    let (_, top) = subs.iter().find(|(names, _)| names.contains(&sub))?;
    TOP.iter().find(|t| t.name == *top).map(|t| (t.name, 2))
}

/// Runs argv (without `docker`).
pub fn dispatch(e: &mut Engine, argv: &[String]) -> Output {
    let Some((first, rest)) = argv.split_first() else {
        return Output::ok(help());
    };
    match first.as_str() {
        "--help" | "-h" | "help" if rest.is_empty() => Output::ok(help()),
        "help" => dispatch(e, &[rest[0].clone(), "--help".into()]),
        "--version" | "-v" => Output::ok(format!("Docker version {}, build layerlab\n", sys::VERSION)),
        "image" => management(e, "image", "Manage images", IMAGE, rest),
        "container" => management(e, "container", "Manage containers", CONTAINER, rest),
        "system" => management(e, "system", "Manage Docker", &[], rest),
        "network" => management(e, "network", "Manage networks", &[], rest),
        "volume" => management(e, "volume", "Manage volumes", &[], rest),
        "builder" if rest.first().is_some_and(|s| s == "build") => {
            run_top(e, "build", "docker builder build", &rest[1..])
        }
        name => match TOP.iter().find(|t| t.name == name) {
            Some(t) => (t.run)(e, &t.cmd, rest),
            None if name.starts_with('-') => Output::fail(125, format!("unknown flag: {name}\nSee 'docker --help'.")),
            None => Output::fail(1, format!("docker: '{name}' is not a docker command.\nSee 'docker --help'")),
        },
    }
}

fn run_top(e: &mut Engine, name: &str, path: &'static str, args: &[String]) -> Output {
    let t = TOP.iter().find(|t| t.name == name).expect("listed");
    let cmd = Cmd { path, ..t.cmd };
    (t.run)(e, &cmd, args)
}

/// The path a subcommand answers to (`docker image ls`), leaked once per name so command
/// specs can stay `'static`.
fn sub_path(group: &str, sub: &str) -> &'static str {
    use std::sync::Mutex;
    static PATHS: Mutex<Vec<&'static str>> = Mutex::new(Vec::new());
    let want = format!("docker {group} {sub}");
    let mut paths = PATHS.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(p) = paths.iter().find(|p| **p == want) {
        return p;
    }
    let leaked: &'static str = Box::leak(want.into_boxed_str());
    paths.push(leaked);
    leaked
}

fn management(e: &mut Engine, group: &str, short: &str, subs: &[(&[&str], &str)], args: &[String]) -> Output {
    let own: &[(&str, Cmd, Handler)] = match group {
        "image" => &[("inspect", ins::IMAGE_INSPECT, inspect_image), ("prune", img::PRUNE, img::prune)],
        "container" => &[("inspect", ins::CONTAINER_INSPECT, inspect_container), ("prune", life::PRUNE, life::prune)],
        "network" => &[
            ("connect", net::CONNECT, net::connect),
            ("create", net::CREATE, net::create),
            ("disconnect", net::DISCONNECT, net::disconnect),
            ("inspect", net::INSPECT, net::inspect),
            ("ls", net::LS, net::ls),
            ("rm", net::RM, net::rm),
        ],
        "volume" => &[
            ("create", vol::CREATE, vol::create),
            ("inspect", vol::INSPECT, vol::inspect),
            ("ls", vol::LS, vol::ls),
            ("prune", vol::PRUNE, vol::prune),
            ("rm", vol::RM, vol::rm),
        ],
        _ => &[("df", sys::DF, sys::df), ("info", sys::INFO, sys::info)],
    };
    let Some((sub, rest)) = args.split_first() else {
        return Output::ok(group_help(group, short, subs, own));
    };
    if sub == "--help" || sub == "-h" {
        return Output::ok(group_help(group, short, subs, own));
    }
    if let Some((_, cmd, run)) = own.iter().find(|(n, _, _)| n == sub) {
        let cmd = Cmd { path: sub_path(group, sub), ..*cmd };
        return run(e, &cmd, rest);
    }
    if let Some((_, top)) = subs.iter().find(|(names, _)| names.contains(&sub.as_str())) {
        return run_top(e, top, sub_path(group, sub), rest);
    }
    Output::fail(
        1,
        format!("docker: unknown command: docker {group} {sub}\n\nUsage:  docker {group} COMMAND\n\nRun 'docker {group} --help' for more information"),
    )
}

fn group_help(group: &str, short: &str, subs: &[(&[&str], &str)], own: &[(&str, Cmd, Handler)]) -> String {
    let mut lines: Vec<(String, String)> = own.iter().map(|(n, c, _)| (n.to_string(), c.short.to_string())).collect();
    for (names, top) in subs {
        if let Some(t) = TOP.iter().find(|t| t.name == *top) {
            lines.push((names[0].to_string(), t.cmd.short.lines().next().unwrap_or("").to_string()));
        }
    }
    crate::util::sort::sort(&mut lines);
    let width = lines.iter().map(|(n, _)| n.len()).max().unwrap_or(0).max(10) + 2;
    let mut s = format!("\nUsage:  docker {group} COMMAND\n\n{short}\n\nCommands:\n");
    for (n, d) in lines {
        s.push_str(&format!("  {n:width$}{d}\n"));
    }
    s.push_str(&format!("\nRun 'docker {group} COMMAND --help' for more information on a command.\n"));
    s
}

/// `docker --help`.
fn help() -> String {
    let common =
        ["run", "exec", "ps", "build", "pull", "push", "images", "login", "logout", "search", "version", "info"];
    let mut s = String::from(
        "\nUsage:  docker [OPTIONS] COMMAND\n\nA self-sufficient runtime for containers (layerlab: a simulated Docker Engine in your browser)\n\nCommon Commands:\n",
    );
    let line = |name: &str, short: &str| format!("  {name:<11} {}\n", short.lines().next().unwrap_or(""));
    for n in common {
        if let Some(t) = TOP.iter().find(|t| t.name == n) {
            s.push_str(&line(n, t.cmd.short));
        }
    }
    s.push_str("\nManagement Commands:\n");
    s.push_str(&line("container", "Manage containers"));
    s.push_str(&line("image", "Manage images"));
    s.push_str(&line("system", "Manage Docker"));
    s.push_str("\nCommands:\n");
    let mut rest: Vec<&Entry> = TOP.iter().filter(|t| !common.contains(&t.name)).collect();
    crate::util::sort::sort_by_key(&mut rest, |t| t.name);
    for t in rest {
        s.push_str(&line(t.name, t.cmd.short));
    }
    s.push_str("\nRun 'docker COMMAND --help' for more information on a command.\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_of_a_command_names_the_same_one() {
        let named = |line: &str| named(&line.split(' ').map(String::from).collect::<Vec<_>>());
        assert_eq!(named("save -o x.tar img"), Some(("save", 1)));
        assert_eq!(named("image save img"), Some(("save", 2)));
        assert_eq!(named("export box"), Some(("export", 1)));
        assert_eq!(named("container export box"), Some(("export", 2)));
        assert_eq!(named("image load"), Some(("load", 2)));
        assert_eq!(named("container ls"), Some(("ps", 2)));
        assert_eq!(named("builder build ."), Some(("build", 2)));
        // A group's own subcommands, unknown names and bare groups name no top-level command.
        assert_eq!(named("image prune"), None);
        assert_eq!(named("image"), None);
        assert_eq!(named("container save"), None);
        assert_eq!(named("nosuch"), None);
    }
}
