//! Realistic Dockerfiles (modelled on official images) through the parser, the expansion and
//! the ARG scope, with concrete expected instructions and lines.

use layerlab::dockerfile::{parse, to_json, Command, CopyArgs, Dockerfile, ShellOrExec, VarScope};

fn fixture(name: &str) -> Dockerfile {
    let path = format!("{}/tests/fixtures/dockerfiles/{name}", env!("CARGO_MANIFEST_DIR"));
    let src = std::fs::read_to_string(&path).unwrap();
    parse(&src).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// (keyword, start_line, end_line) for every instruction.
fn outline(d: &Dockerfile) -> Vec<(&'static str, usize, usize)> {
    d.instructions.iter().map(|i| (i.keyword(), i.start_line, i.end_line)).collect()
}

fn s(v: &str) -> String {
    v.to_string()
}

#[test]
fn go_multistage() {
    let d = fixture("go-multistage.Dockerfile");
    assert_eq!(d.directives, vec![(s("syntax"), s("docker/dockerfile:1.7"), 1)]);
    assert_eq!(
        outline(&d),
        vec![
            ("ARG", 3, 3),
            ("ARG", 4, 4),
            ("FROM", 6, 6),
            ("WORKDIR", 7, 7),
            ("ARG", 8, 8),
            ("ARG", 9, 9),
            ("RUN", 10, 13),
            ("COPY", 14, 14),
            ("RUN", 15, 17),
            ("FROM", 19, 19),
            ("COPY", 20, 20),
            ("USER", 21, 21),
            ("EXPOSE", 22, 22),
            ("ENTRYPOINT", 23, 23),
        ]
    );
    let run = &d.instructions[6];
    let Command::Run { cmd, mounts, network, security } = &run.command else { panic!("{run:?}") };
    assert_eq!(mounts.len(), 3);
    assert!(mounts.iter().all(|m| m.starts_with("type=")), "{mounts:?}");
    assert_eq!((network, security), (&None, &None));
    assert_eq!(cmd, &ShellOrExec::Shell(s("go mod download -x")));
    assert!(d.warnings.is_empty());

    // Global scope: FROM sees the global ARGs and the automatic platform ARGs.
    let mut global = VarScope::global(&[(s("GO_VERSION"), s("1.23"))]);
    for i in &d.instructions[..2] {
        let Command::Arg(args) = &i.command else { panic!() };
        for (name, default) in args {
            global.declare_global_arg(name, default.as_deref(), d.escape).unwrap();
        }
    }
    let from = d.instructions[2].expanded(d.escape, &|n| global.lookup(n)).unwrap();
    assert_eq!(
        from.command,
        Command::From { image: s("golang:1.23-alpine3.20"), name: Some(s("build")), platform: Some(s("linux/amd64")) }
    );

    // Stage scope: TARGETARCH only after `ARG TARGETARCH`.
    let mut stage = global.for_stage(&[(s("PATH"), s("/usr/local/go/bin:/usr/bin"))]);
    assert_eq!(stage.lookup("TARGETARCH"), None);
    stage.declare_arg("TARGETOS", None, d.escape).unwrap();
    stage.declare_arg("TARGETARCH", None, d.escape).unwrap();
    assert_eq!(stage.args_for_run(), vec![(s("TARGETOS"), s("linux")), (s("TARGETARCH"), s("amd64"))]);
    assert_eq!(stage.lookup("GO_VERSION"), None);
    assert_eq!(global.unused_build_args(), Vec::<String>::new());

    let copy = &d.instructions[10];
    assert_eq!(
        copy.command,
        Command::Copy {
            args: CopyArgs {
                sources: vec![s("/out/server")],
                dest: s("/server"),
                chmod: Some(s("0755")),
                ..Default::default()
            },
            from: Some(s("build")),
            parents: false,
        }
    );
    assert_eq!(d.instructions[13].command, Command::Entrypoint(ShellOrExec::Exec(vec![s("/server")])));
}

#[test]
fn nginx_long_continuation_with_comments() {
    let d = fixture("nginx.Dockerfile");
    assert_eq!(
        outline(&d),
        vec![
            ("FROM", 1, 1),
            ("LABEL", 3, 3),
            ("ENV", 5, 5),
            ("ENV", 6, 6),
            ("ENV", 7, 7),
            ("RUN", 9, 18),
            ("COPY", 20, 20),
            ("COPY", 21, 21),
            ("ENTRYPOINT", 22, 22),
            ("EXPOSE", 24, 24),
            ("STOPSIGNAL", 26, 26),
            ("CMD", 28, 28),
        ]
    );
    let Command::Run { cmd: ShellOrExec::Shell(script), .. } = &d.instructions[5].command else { panic!() };
    assert!(script.starts_with("set -x     && groupadd --system --gid 101 nginx     && useradd"));
    assert!(!script.contains('#'));
    assert!(script.ends_with("&& ln -sf /dev/stderr /var/log/nginx/error.log"));
    assert_eq!(d.instructions[2].command, Command::Env(vec![(s("NGINX_VERSION"), s("1.27.0"))]));
    let label = d.instructions[1].expanded(d.escape, &|_| None).unwrap();
    assert_eq!(
        label.command,
        Command::Label(vec![(s("maintainer"), s("NGINX Docker Maintainers <docker-maint@nginx.com>"))])
    );
    assert_eq!(
        d.instructions[11].command,
        Command::Cmd(ShellOrExec::Exec(vec![s("nginx"), s("-g"), s("daemon off;")]))
    );
    let lines: Vec<usize> = d.warnings.iter().map(|w| w.line).collect();
    assert_eq!(lines, vec![5, 6, 7]);
    assert!(d.warnings.iter().all(|w| w.message.starts_with("LegacyKeyValueFormat: ")));
}

#[test]
fn python_stages_env_healthcheck() {
    let d = fixture("python.Dockerfile");
    let stages: Vec<_> = d
        .instructions
        .iter()
        .filter_map(|i| match &i.command {
            Command::From { image, name, .. } => Some((image.as_str(), name.clone().unwrap_or_default(), i.start_line)),
            _ => None,
        })
        .collect();
    assert_eq!(stages, vec![("python:3.12-slim", s("base"), 1), ("base", s("deps"), 7), ("deps", s("runtime"), 11)]);
    let env = &d.instructions[1];
    assert_eq!((env.start_line, env.end_line), (2, 4));
    assert_eq!(
        env.command,
        Command::Env(vec![
            (s("PYTHONDONTWRITEBYTECODE"), s("1")),
            (s("PYTHONUNBUFFERED"), s("1")),
            (s("PIP_NO_CACHE_DIR"), s("off"))
        ])
    );
    let hc = d.instructions.iter().find(|i| i.keyword() == "HEALTHCHECK").unwrap();
    assert_eq!((hc.start_line, hc.end_line), (16, 17));
    let Command::Healthcheck(h) = &hc.command else { panic!() };
    assert_eq!(h.interval, 30_000_000_000);
    assert_eq!(
        h.cmd,
        Some(ShellOrExec::Shell(s(
            "python -c \"import urllib.request; urllib.request.urlopen('http://localhost:8000/health')\""
        )))
    );

    // ARG default reaches COPY --chown and USER through the stage scope.
    let mut scope = VarScope::global(&[]).for_stage(&[]);
    scope.declare_arg("APP_USER", Some("app"), d.escape).unwrap();
    let copy = d.instructions.iter().find(|i| i.start_line == 14).unwrap();
    let copy = copy.expanded(d.escape, &|n| scope.lookup(n)).unwrap();
    assert_eq!(copy.command.copy_args().and_then(|a| a.chown.as_deref()), Some("app:app"));
    let user = d.instructions.iter().find(|i| i.start_line == 15).unwrap();
    assert_eq!(user.expanded(d.escape, &|n| scope.lookup(n)).unwrap().command, Command::User(s("app")));
    assert!(d.warnings.is_empty());
}

#[test]
fn node_heredocs_and_warnings() {
    let d = fixture("node.Dockerfile");
    let copy = &d.instructions[6];
    assert_eq!((copy.keyword(), copy.start_line, copy.end_line), ("COPY", 7, 10));
    assert_eq!(copy.heredocs[0].content, "registry=https://registry.npmjs.org/\nfund=false\n");
    let run = &d.instructions[7];
    assert_eq!((run.start_line, run.end_line), (11, 15));
    assert_eq!(
        run.command,
        Command::Run { cmd: ShellOrExec::Shell(s("<<-SCRIPT sh")), mounts: vec![], network: None, security: None }
    );
    assert_eq!(run.heredocs[0].body(), "set -e\nmkdir -p /usr/src/app/logs\nchown node:node /usr/src/app/logs\n");
    assert_eq!(d.instructions[8].start_line, 16);
    let rules: Vec<(usize, &str)> = d.warnings.iter().map(|w| (w.line, w.message.split(':').next().unwrap())).collect();
    assert_eq!(rules, vec![(2, "MaintainerDeprecated"), (3, "LegacyKeyValueFormat"), (19, "JSONArgsRecommended")]);
    let json = to_json(&d);
    assert_eq!(json["instructions"][6]["heredocs"][0]["name"], "EOF");
    assert_eq!(json["instructions"].as_array().unwrap().len(), 12);
}

#[test]
fn windows_escape_directive() {
    let d = fixture("windows.Dockerfile");
    assert_eq!(d.escape, '`');
    assert_eq!(outline(&d)[5], ("RUN", 8, 9));
    assert_eq!(
        d.instructions[4].command,
        Command::Copy {
            args: CopyArgs { sources: vec![s("bin\\Release\\")], dest: s("C:\\app\\"), ..Default::default() },
            from: None,
            parents: false,
        }
    );
    assert_eq!(
        d.instructions[1].command,
        Command::Shell(vec![s("powershell"), s("-Command"), s("$ErrorActionPreference = 'Stop';")])
    );
    let mut scope = VarScope::global(&[]).for_stage(&[]);
    let Command::Env(kv) = d.instructions[2].expanded(d.escape, &|n| scope.lookup(n)).unwrap().command else {
        panic!()
    };
    assert_eq!(kv, vec![(s("APP_HOME"), s("C:\\app"))]);
    scope.set_env(&kv[0].0, &kv[0].1);
    let workdir = d.instructions[3].expanded(d.escape, &|n| scope.lookup(n)).unwrap();
    assert_eq!(workdir.command, Command::Workdir(s("C:\\app")));
    assert_eq!(d.instructions[6].command, Command::Entrypoint(ShellOrExec::Exec(vec![s("C:\\app\\service.exe")])));
    // JSONArgsRecommended is not raised: ENTRYPOINT is exec form.
    assert!(d.warnings.is_empty());
}
