//! The `created_by` strings of history entries, as Docker's classic builder writes them.

use crate::dockerfile::{Command, Healthcheck, Instruction, ShellOrExec};

/// JSON array text as Docker prints exec-form arguments (`["sh","-c"]`).
pub fn json_array(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_default()
}

/// The `created_by` of a metadata (non-RUN, non-COPY/ADD) instruction:
/// `/bin/sh -c #(nop)  CMD ["sh"]`; shell forms through `shell` (the stage's SHELL, empty
/// for the default).
pub fn nop(ins: &Instruction, shell: &[String]) -> String {
    let form = |f: &ShellOrExec| json_array(&f.argv(shell));
    let body = match &ins.command {
        Command::Cmd(f) | Command::Entrypoint(f) => format!("{} {}", ins.keyword(), form(f)),
        Command::Shell(v) => format!("SHELL {}", json_array(v)),
        Command::Env(kv) => {
            let parts: Vec<String> = kv.iter().map(|(k, v)| format!("{k}={v}")).collect();
            format!("ENV {}", parts.join(" "))
        }
        Command::Label(kv) => {
            let parts: Vec<String> = kv.iter().map(|(k, v)| format!("{k}={v}")).collect();
            format!("LABEL {}", parts.join(" "))
        }
        Command::Arg(args) => {
            let parts: Vec<String> = args
                .iter()
                .map(|(k, v)| match v {
                    Some(v) => format!("{k}={v}"),
                    None => k.clone(),
                })
                .collect();
            format!("ARG {}", parts.join(" "))
        }
        Command::Expose(ports) => {
            format!("EXPOSE {}", ports.iter().map(|p| normalize_port(p)).collect::<Vec<_>>().join(" "))
        }
        Command::User(u) => format!("USER {u}"),
        Command::Volume(v) => format!("VOLUME [{}]", v.join(" ")),
        Command::Workdir(w) => return format!("/bin/sh -c #(nop) WORKDIR {w}"),
        Command::Maintainer(m) => format!("MAINTAINER {m}"),
        Command::Stopsignal(s) => format!("STOPSIGNAL {s}"),
        Command::Onbuild(inner) => format!(
            "ONBUILD {}",
            inner
                .original
                .split_once(char::is_whitespace)
                .map(|(_, rest)| format!("{} {}", inner.keyword(), rest.trim()))
                .unwrap_or_default()
        ),
        Command::Healthcheck(Healthcheck { cmd: None, .. }) => "HEALTHCHECK NONE".to_string(),
        Command::Healthcheck(Healthcheck { cmd: Some(f), .. }) => format!("HEALTHCHECK {}", form(f)),
        Command::From { .. } | Command::Run { .. } | Command::Copy { .. } | Command::Add { .. } => ins.original.clone(),
    };
    format!("/bin/sh -c #(nop)  {body}")
}

/// `80` → `80/tcp`, as Docker records exposed ports.
pub fn normalize_port(p: &str) -> String {
    if p.contains('/') {
        p.to_ascii_lowercase()
    } else {
        format!("{p}/tcp")
    }
}

/// The `created_by` of a RUN: the shell and command, prefixed by the build arguments in
/// scope as `|N k=v …` when there are any.
pub fn run(argv: &[String], args: &[(String, String)]) -> String {
    let mut s = String::new();
    if !args.is_empty() {
        s.push_str(&format!("|{}", args.len()));
        for (k, v) in args {
            s.push_str(&format!(" {k}={v}"));
        }
        s.push(' ');
    }
    s.push_str(&argv.join(" "));
    s
}

/// The `created_by` of COPY/ADD: `/bin/sh -c #(nop) COPY file:<sha> in /dst `.
pub fn copy(keyword: &str, kind: &str, checksum: &str, dest: &str) -> String {
    format!("/bin/sh -c #(nop) {keyword} {kind}:{checksum} in {dest} ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_strings() {
        let argv = vec!["/bin/sh".to_string(), "-c".into(), "echo hi".into()];
        assert_eq!(run(&argv, &[]), "/bin/sh -c echo hi");
        assert_eq!(run(&argv, &[("V".into(), "1".into())]), "|1 V=1 /bin/sh -c echo hi");
        assert_eq!(normalize_port("80"), "80/tcp");
        assert_eq!(normalize_port("53/UDP"), "53/udp");
        assert_eq!(copy("COPY", "file", "ab", "/app/"), "/bin/sh -c #(nop) COPY file:ab in /app/ ");
    }
}
