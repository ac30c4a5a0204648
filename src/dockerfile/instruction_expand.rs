//! [`Instruction::expanded`]: variable expansion of exactly the parts BuildKit expands when it
//! dispatches an instruction.

use super::ast::{Command, CopyArgs, Instruction, SourceError};
use super::expand::{expand_word, expand_words, Lex, Lookup};
use super::lexer::parse_heredoc;

impl Instruction {
    /// Returns the instruction with variables expanded and quotes removed where Docker does
    /// it: `ADD`/`COPY` sources, destination, `--chown`/`--chmod`/`--checksum` and unquoted
    /// heredoc bodies; `ENV`/`LABEL` keys and values; `EXPOSE` (re-split into words);
    /// `FROM` image and `--platform` (pass the global scope's lookup); `STOPSIGNAL`, `USER`,
    /// `VOLUME`, `WORKDIR`; `RUN --mount` values.
    ///
    /// Left untouched: `RUN`/`CMD`/`ENTRYPOINT`/`SHELL`/`HEALTHCHECK` commands (the shell
    /// expands them), `ONBUILD` (expanded when triggered), `MAINTAINER`, and `ARG`, whose
    /// defaults are expanded by [`super::VarScope::declare_arg`] only when used.
    ///
    /// Heredoc bodies of `COPY`/`ADD` come back with `<<-` tabs already stripped
    /// (`chomp == false`).
    pub fn expanded(&self, escape: char, lookup: &dyn Fn(&str) -> Option<String>) -> Result<Instruction, SourceError> {
        self.expand_inner(escape, lookup).map_err(|message| SourceError {
            line: self.start_line,
            column: None,
            message,
        })
    }

    fn expand_inner(&self, escape: char, lookup: Lookup<'_>) -> Result<Instruction, String> {
        let word = |w: &str| expand_word(w, escape, lookup);
        let mut out = self.clone();
        match &mut out.command {
            Command::From { image, platform, .. } => {
                let expanded = word(image)?;
                if expanded.is_empty() {
                    return Err(format!("base name ({image}) should not be blank"));
                }
                *image = expanded;
                if let Some(p) = platform {
                    let expanded = word(p)?;
                    if expanded.is_empty() {
                        return Err(format!("empty platform value from expression {p}"));
                    }
                    *p = expanded;
                }
            }
            Command::Copy { args, from, .. } => {
                if let Some(from) = from {
                    if expand_word(from, escape, &|_| None)? != *from {
                        return Err("variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround".into());
                    }
                }
                expand_copy_args(args, &word)?;
            }
            Command::Add { args, checksum, .. } => {
                expand_copy_args(args, &word)?;
                if let Some(c) = checksum {
                    *c = word(c)?;
                }
            }
            Command::Env(kv) | Command::Label(kv) => {
                for (k, v) in kv {
                    *k = word(k)?;
                    *v = word(v)?;
                }
            }
            Command::Expose(ports) => {
                let mut all = Vec::new();
                for p in ports.iter() {
                    all.extend(expand_words(p, escape, lookup)?);
                }
                *ports = all;
            }
            Command::Volume(v) | Command::Run { mounts: v, .. } => {
                for s in v {
                    *s = word(s)?;
                }
            }
            Command::Workdir(s) | Command::User(s) | Command::Stopsignal(s) => *s = word(s)?,
            _ => {}
        }
        if matches!(out.command, Command::Copy { .. } | Command::Add { .. }) {
            let mut body_lex = Lex::new('\\');
            body_lex.skip_process_quotes = true;
            for h in &mut out.heredocs {
                let body = h.body();
                h.content = if h.expand { body_lex.process_word(&body, lookup)? } else { body };
                h.chomp = false;
            }
        }
        Ok(out)
    }
}

/// Expands COPY/ADD sources (heredoc names excepted), destination, `--chown`, `--chmod`.
fn expand_copy_args(args: &mut CopyArgs, word: &dyn Fn(&str) -> Result<String, String>) -> Result<(), String> {
    for s in &mut args.sources {
        if parse_heredoc(s).ok().flatten().is_none() {
            *s = word(s)?;
        }
    }
    args.dest = word(&args.dest)?;
    for f in [&mut args.chown, &mut args.chmod].into_iter().flatten() {
        *f = word(f)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::dockerfile::ast::test_cmds::*;
    use crate::dockerfile::{parse, Command, CopyArgs, ShellOrExec};

    fn env(name: &str) -> Option<String> {
        match name {
            "VERSION" => Some("1.2".into()),
            "APP" => Some("/srv/app".into()),
            "PORTS" => Some("80 443".into()),
            "UID" => Some("1000".into()),
            "ARCH" => Some("amd64".into()),
            "EMPTY" => Some(String::new()),
            _ => None,
        }
    }

    fn expand(line: &str) -> Result<crate::dockerfile::Instruction, String> {
        let d = parse(&format!("FROM a\n{line}\n")).map_err(|e| e.to_string())?;
        d.instructions[1].expanded(d.escape, &env).map_err(|e| e.to_string())
    }

    fn s(v: &str) -> String {
        v.to_string()
    }

    #[test]
    fn expands_docker_expanded_instructions() {
        assert_eq!(expand("WORKDIR $APP/src").unwrap().command, Command::Workdir(s("/srv/app/src")));
        assert_eq!(expand("USER ${UID}:${GID:-100}").unwrap().command, Command::User(s("1000:100")));
        assert_eq!(expand("STOPSIGNAL SIG${SIG:-TERM}").unwrap().command, Command::Stopsignal(s("SIGTERM")));
        assert_eq!(
            expand("VOLUME $APP/data /logs").unwrap().command,
            Command::Volume(vec![s("/srv/app/data"), s("/logs")])
        );
        // Plain-form VOLUME splits on spaces before expansion, so quotes cannot span words.
        assert!(expand("VOLUME \"/x y\"").unwrap_err().contains("matching double-quote"));
        assert_eq!(
            expand("ENV A=$VERSION B=\"v ${VERSION}\" C='$VERSION'").unwrap().command,
            Command::Env(vec![(s("A"), s("1.2")), (s("B"), s("v 1.2")), (s("C"), s("$VERSION"))])
        );
        assert_eq!(
            expand("ENV LEGACY some $VERSION").unwrap().command,
            Command::Env(vec![(s("LEGACY"), s("some 1.2"))])
        );
        assert_eq!(
            expand("LABEL version=\"$VERSION\"").unwrap().command,
            Command::Label(vec![(s("version"), s("1.2"))])
        );
        assert_eq!(
            expand("EXPOSE $PORTS 53/udp").unwrap().command,
            Command::Expose(vec![s("80"), s("443"), s("53/udp")])
        );
    }

    #[test]
    fn copy_expansion() {
        let i = expand("COPY --chown=$UID:$UID --from=build app-$VERSION.tar.gz \"$APP/\"").unwrap();
        assert_eq!(
            i.command,
            Command::Copy {
                args: CopyArgs {
                    sources: vec![s("app-1.2.tar.gz")],
                    dest: s("/srv/app/"),
                    chown: Some(s("1000:1000")),
                    ..Default::default()
                },
                from: Some(s("build")),
                parents: false
            }
        );
        assert_eq!(i.flags[0].value.as_deref(), Some("$UID:$UID"), "flags stay as written");
        assert_eq!(
            expand("COPY --from=$STAGE a b").unwrap_err(),
            "Dockerfile:2: variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround"
        );
        let d = parse("FROM a\nCOPY <<EOF <<'RAW' /dst/\nv=$VERSION \"q\" \\$x\nEOF\nv=$VERSION\nRAW\n").unwrap();
        let i = d.instructions[1].expanded('\\', &env).unwrap();
        assert_eq!(i.command, copy_cmd(vec![s("<<EOF"), s("<<'RAW'")], s("/dst/")));
        assert_eq!(i.heredocs[0].content, "v=1.2 \"q\" $x\n");
        assert_eq!(i.heredocs[1].content, "v=$VERSION\n");
    }

    #[test]
    fn from_and_untouched_instructions() {
        let d =
            parse("ARG ARCH\nFROM --platform=linux/$ARCH base:$VERSION AS b\nRUN echo $VERSION\nCMD echo $VERSION\n")
                .unwrap();
        let from = d.instructions[1].expanded('\\', &env).unwrap();
        assert_eq!(
            from.command,
            Command::From { image: s("base:1.2"), name: Some(s("b")), platform: Some(s("linux/amd64")) }
        );
        assert_eq!(
            d.instructions[2].expanded('\\', &env).unwrap().command,
            run_cmd(ShellOrExec::Shell(s("echo $VERSION")))
        );
        assert_eq!(d.instructions[3].expanded('\\', &env).unwrap(), d.instructions[3]);
        let d = parse("FROM $EMPTY\n").unwrap();
        assert_eq!(
            d.instructions[0].expanded('\\', &env).unwrap_err().message,
            "base name ($EMPTY) should not be blank"
        );
        assert_eq!(
            expand("WORKDIR ${MISSING:?set it}").unwrap_err(),
            "Dockerfile:2: failed to process \"${MISSING:?set it}\": MISSING: set it"
        );
    }

    #[test]
    fn backtick_escape_expansion() {
        let d = parse("# escape=`\nFROM a\nWORKDIR C:\\Users\\$UID\nENV P=`$APP\n").unwrap();
        assert_eq!(d.instructions[1].expanded(d.escape, &env).unwrap().command, Command::Workdir(s("C:\\Users\\1000")));
        assert_eq!(
            d.instructions[2].expanded(d.escape, &env).unwrap().command,
            Command::Env(vec![(s("P"), s("$APP"))])
        );
    }
}
