use super::*;
use crate::dockerfile::ast::test_cmds::*;
use crate::dockerfile::ast::{Flag, Heredoc, Warning};

fn p(src: &str) -> Dockerfile {
    parse(src).unwrap_or_else(|e| panic!("{e}"))
}

fn cmd(src: &str) -> Command {
    p(&format!("FROM scratch\n{src}\n")).instructions[1].command.clone()
}

fn error(src: &str) -> (usize, String) {
    let e = parse(src).unwrap_err();
    (e.line, e.message)
}

fn s(v: &str) -> String {
    v.to_string()
}

fn flag(name: &str, value: Option<&str>) -> Flag {
    Flag { name: s(name), value: value.map(s) }
}

#[test]
fn from_forms() {
    let d = p("FROM --platform=$BUILDPLATFORM golang:1.22 AS Build\nfrom scratch\n");
    assert_eq!(
        d.instructions[0].command,
        Command::From { image: s("golang:1.22"), name: Some(s("build")), platform: Some(s("$BUILDPLATFORM")) }
    );
    assert_eq!(d.instructions[0].flags, vec![flag("platform", Some("$BUILDPLATFORM"))]);
    assert_eq!(d.instructions[1].command, from_cmd(s("scratch"), None));
    assert_eq!(d.instructions[1].original, "from scratch");
    assert_eq!(error("FROM a b\n"), (1, s("FROM requires either one or three arguments")));
    assert_eq!(error("FROM\n"), (1, s("FROM requires either one or three arguments")));
    assert_eq!(
        error("FROM a AS 1x\n"),
        (1, s("invalid name for build stage: \"1x\", name can't start with a number or contain symbols"))
    );
    assert_eq!(error("FROM --plat=x a\n"), (1, s("unknown flag: --plat")));
}

#[test]
fn run_cmd_entrypoint_forms() {
    assert_eq!(cmd("RUN echo hi"), run_cmd(ShellOrExec::Shell(s("echo hi"))));
    assert_eq!(cmd("run [\"echo\", \"hi there\"]"), run_cmd(ShellOrExec::Exec(vec![s("echo"), s("hi there")])));
    assert_eq!(cmd("CMD [\"a\", 'b']"), Command::Cmd(ShellOrExec::Shell(s("[\"a\", 'b']"))));
    assert_eq!(cmd("CMD []"), Command::Cmd(ShellOrExec::Exec(vec![])));
    assert_eq!(cmd("ENTRYPOINT [\"/bin/app\"]"), Command::Entrypoint(ShellOrExec::Exec(vec![s("/bin/app")])));
    let d = p("FROM a\nRUN --mount=type=cache,target=/root/.cache --network=none make\n");
    assert_eq!(
        d.instructions[1].flags,
        vec![flag("mount", Some("type=cache,target=/root/.cache")), flag("network", Some("none"))]
    );
    assert_eq!(
        d.instructions[1].command,
        Command::Run {
            cmd: ShellOrExec::Shell(s("make")),
            mounts: vec![s("type=cache,target=/root/.cache")],
            network: Some(s("none")),
            security: None
        }
    );
    assert_eq!(
        error("FROM a\nRUN [\"a\", 1]\n"),
        (2, s("when using JSON array syntax, arrays must be comprised of strings only"))
    );
}

#[test]
fn shell_instruction() {
    assert_eq!(cmd("SHELL [\"/bin/bash\", \"-c\"]"), Command::Shell(vec![s("/bin/bash"), s("-c")]));
    assert_eq!(error("FROM a\nSHELL /bin/bash -c\n"), (2, s("SHELL requires the arguments to be in JSON form")));
    assert_eq!(error("FROM a\nSHELL []\n"), (2, s("SHELL requires at least one argument")));
}

#[test]
fn copy_and_add() {
    let d = p("FROM a\nCOPY --from=build --chown=1000:1000 --chmod=755 --link /src/a /src/b /dst/\n");
    let i = &d.instructions[1];
    assert_eq!(
        i.command,
        Command::Copy {
            args: CopyArgs {
                sources: vec![s("/src/a"), s("/src/b")],
                dest: s("/dst/"),
                chown: Some(s("1000:1000")),
                chmod: Some(s("755")),
                link: true,
                exclude: vec![]
            },
            from: Some(s("build")),
            parents: false
        }
    );
    assert_eq!(i.flags.len(), 4);
    assert_eq!(i.flags[3], flag("link", None));
    assert_eq!(cmd("COPY [\"my file.txt\", \"/dst dir/\"]"), copy_cmd(vec![s("my file.txt")], s("/dst dir/")));
    assert_eq!(
        cmd("ADD --checksum=sha256:abc --exclude=*.md --exclude=x https://e.com/a.tgz /opt/"),
        Command::Add {
            args: CopyArgs {
                sources: vec![s("https://e.com/a.tgz")],
                dest: s("/opt/"),
                exclude: vec![s("*.md"), s("x")],
                ..Default::default()
            },
            keep_git_dir: false,
            checksum: Some(s("sha256:abc")),
            unpack: None
        }
    );
    let d = p("FROM a\nCOPY --parents --exclude=a --exclude=b x/ /y\n");
    assert_eq!(d.instructions[1].flags.iter().filter(|f| f.name == "exclude").count(), 2);
    assert_eq!(
        error("FROM a\nCOPY onlyone\n"),
        (2, s("COPY requires at least two arguments, but only one was provided. Destination could not be determined"))
    );
    assert_eq!(error("FROM a\nCOPY --foo=1 a b\n"), (2, s("unknown flag: --foo (did you mean from?)")));
    assert_eq!(error("FROM a\nADD --from=x a b\n"), (2, s("unknown flag: --from")));
    assert_eq!(error("FROM a\nCOPY --chown a b\n"), (2, s("missing a value on flag: --chown")));
}

#[test]
fn env_label_arg() {
    assert_eq!(
        cmd("ENV A=1 B=\"two words\" C=x\\ y"),
        Command::Env(vec![(s("A"), s("1")), (s("B"), s("\"two words\"")), (s("C"), s("x\\ y"))])
    );
    assert_eq!(cmd("ENV PATH /usr/local/bin:$PATH"), Command::Env(vec![(s("PATH"), s("/usr/local/bin:$PATH"))]));
    assert_eq!(
        cmd("LABEL org.opencontainers.image.title=\"demo\" version=1"),
        Command::Label(vec![(s("org.opencontainers.image.title"), s("\"demo\"")), (s("version"), s("1"))])
    );
    let d = p("ARG A\nARG B=2 C\nFROM x\nARG D=\"a b\"\n");
    assert_eq!(d.instructions[0].command, Command::Arg(vec![(s("A"), None)]));
    assert_eq!(d.instructions[1].command, Command::Arg(vec![(s("B"), Some(s("2"))), (s("C"), None)]));
    assert_eq!(d.instructions[3].command, Command::Arg(vec![(s("D"), Some(s("\"a b\"")))]));
    assert_eq!(error("FROM a\nENV =x\n"), (2, s("ENV names can not be blank")));
    assert_eq!(error("FROM a\nENV\n"), (2, s("ENV requires at least one argument")));
    assert_eq!(error("FROM a\nENV onlykey\n"), (2, s("ENV must have two arguments")));
    assert_eq!(error("FROM a\nARG =1\n"), (2, s("ARG names can not be blank")));
    assert_eq!(error("FROM a\nARG\n"), (2, s("ARG requires at least one argument")));
    assert_eq!(error("FROM a\nLABEL\n"), (2, s("LABEL requires at least one argument")));
}

#[test]
fn single_value_instructions() {
    assert_eq!(cmd("WORKDIR /app dir"), Command::Workdir(s("/app dir")));
    assert_eq!(cmd("USER app:app"), Command::User(s("app:app")));
    assert_eq!(cmd("STOPSIGNAL SIGQUIT"), Command::Stopsignal(s("SIGQUIT")));
    assert_eq!(cmd("EXPOSE 80 443/tcp 53/udp"), Command::Expose(vec![s("80"), s("443/tcp"), s("53/udp")]));
    assert_eq!(cmd("VOLUME [\"/data\", \"/logs\"]"), Command::Volume(vec![s("/data"), s("/logs")]));
    assert_eq!(cmd("VOLUME /data /logs"), Command::Volume(vec![s("/data"), s("/logs")]));
    assert_eq!(error("FROM a\nWORKDIR\n"), (2, s("WORKDIR requires exactly one argument")));
    assert_eq!(error("FROM a\nUSER\n"), (2, s("USER requires exactly one argument")));
    assert_eq!(error("FROM a\nEXPOSE\n"), (2, s("EXPOSE requires at least one argument")));
    assert_eq!(error("FROM a\nVOLUME [\"\"]\n"), (2, s("VOLUME specified can not be an empty string")));
    assert_eq!(error("FROM a\nUSER --x=1 root\n"), (2, s("unknown flag: --x")));
}

#[test]
fn maintainer_and_warnings() {
    let d = p("FROM a\nMAINTAINER Jane <j@x.org>\nENV K v\nLABEL k v\nCMD run me\nENTRYPOINT [\"x\"]\n");
    assert_eq!(d.instructions[1].command, Command::Maintainer(s("Jane <j@x.org>")));
    let w: Vec<(usize, &str)> = d.warnings.iter().map(|w| (w.line, w.message.as_str())).collect();
    assert_eq!(w, vec![
        (2, "MaintainerDeprecated: Maintainer instruction is deprecated in favor of using label"),
        (3, "LegacyKeyValueFormat: \"ENV key=value\" should be used instead of legacy \"ENV key value\" format"),
        (4, "LegacyKeyValueFormat: \"LABEL key=value\" should be used instead of legacy \"LABEL key value\" format"),
        (5, "JSONArgsRecommended: JSON arguments recommended for CMD to prevent unintended behavior related to OS signals"),
    ]);
    // A SHELL in the stage silences JSONArgsRecommended; check=skip removes rules.
    assert!(p("FROM a\nSHELL [\"sh\", \"-c\"]\nCMD x\n").warnings.is_empty());
    assert!(p("# check=skip=MaintainerDeprecated\nFROM a\nMAINTAINER x\n").warnings.is_empty());
    assert!(p("# check=skip=all\nFROM a\nCMD x\n").warnings.is_empty());
}

#[test]
fn onbuild() {
    let c = cmd("ONBUILD RUN echo hi");
    let Command::Onbuild(inner) = c else { panic!("{c:?}") };
    assert_eq!(inner.command, run_cmd(ShellOrExec::Shell(s("echo hi"))));
    assert_eq!(inner.original, "RUN echo hi");
    let c = cmd("onbuild COPY --chown=1 . /app");
    let Command::Onbuild(inner) = c else { panic!() };
    assert_eq!(inner.flags, vec![flag("chown", Some("1"))]);
    assert_eq!(
        error("FROM a\nONBUILD ONBUILD RUN x\n"),
        (2, s("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed"))
    );
    assert_eq!(error("FROM a\nONBUILD FROM b\n"), (2, s("FROM isn't allowed as an ONBUILD trigger")));
    assert_eq!(error("FROM a\nONBUILD maintainer b\n"), (2, s("MAINTAINER isn't allowed as an ONBUILD trigger")));
    assert_eq!(error("FROM a\nONBUILD\n"), (2, s("ONBUILD requires at least one argument")));
}

#[test]
fn healthcheck() {
    let d = p("FROM a\nHEALTHCHECK --interval=30s --timeout=3s --start-period=5s --start-interval=1s --retries=3 CMD curl -f http://localhost/ || exit 1\n");
    let i = &d.instructions[1];
    assert_eq!(
        i.command,
        Command::Healthcheck(Healthcheck {
            cmd: Some(ShellOrExec::Shell(s("curl -f http://localhost/ || exit 1"))),
            interval: 30_000_000_000,
            timeout: 3_000_000_000,
            start_period: 5_000_000_000,
            start_interval: 1_000_000_000,
            retries: 3
        })
    );
    assert_eq!(cmd("HEALTHCHECK NONE"), health_cmd(None));
    assert_eq!(cmd("HEALTHCHECK CMD [\"/bin/check\"]"), health_cmd(Some(ShellOrExec::Exec(vec![s("/bin/check")]))));
    assert_eq!(error("FROM a\nHEALTHCHECK NONE x\n"), (2, s("HEALTHCHECK NONE takes no arguments")));
    assert_eq!(error("FROM a\nHEALTHCHECK CMD\n"), (2, s("Missing command after HEALTHCHECK CMD")));
    assert_eq!(error("FROM a\nHEALTHCHECK RUN x\n"), (2, s("Unknown type \"RUN\" in HEALTHCHECK (try CMD)")));
    assert_eq!(error("FROM a\nHEALTHCHECK\n"), (2, s("HEALTHCHECK requires at least one argument")));
    assert_eq!(error("FROM a\nHEALTHCHECK --interval=5 CMD x\n"), (2, s("time: missing unit in duration \"5\"")));
    assert_eq!(
        error("FROM a\nHEALTHCHECK --interval=1ns CMD x\n"),
        (2, s("Interval \"interval\" cannot be less than 1ms"))
    );
    assert_eq!(error("FROM a\nHEALTHCHECK --retries=-1 CMD x\n"), (2, s("--retries cannot be negative (-1)")));
    assert_eq!(
        error("FROM a\nHEALTHCHECK --retires=1 CMD x\n"),
        (2, s("unknown flag: --retires (did you mean retries?)"))
    );
}

#[test]
fn unknown_instruction_and_stage_errors() {
    assert_eq!(error("FROM a\nRUNN echo\n"), (2, s("unknown instruction: RUNN (did you mean RUN?)")));
    assert_eq!(error("FROM a\ncopyy a b\n"), (2, s("unknown instruction: copyy (did you mean copy?)")));
    assert_eq!(error("FROM a\nFOOBAR x\n"), (2, s("unknown instruction: FOOBAR")));
    assert_eq!(error("ARG V=1\nRUN echo\nFROM a\n"), (2, s("no build stage in current context")));
    assert_eq!(error("\n# just a comment\n\n"), (3, s("file with no instructions")));
    assert_eq!(error(""), (1, s("file with no instructions")));
}

#[test]
fn keywords_are_case_insensitive() {
    let d = p("from alpine as B\nRuN echo\nwOrKdIr /x\n");
    assert_eq!(d.instructions.iter().map(|i| i.keyword()).collect::<Vec<_>>(), vec!["FROM", "RUN", "WORKDIR"]);
    assert_eq!(d.instructions[0].command, from_cmd(s("alpine"), Some(s("b"))));
}

#[test]
fn directives() {
    let d = p("# syntax=docker/dockerfile:1\n# escape=`\n# check=error=true\nFROM a\n");
    assert_eq!(d.escape, '`');
    assert_eq!(
        d.directives,
        vec![(s("syntax"), s("docker/dockerfile:1"), 1), (s("escape"), s("`"), 2), (s("check"), s("error=true"), 3)]
    );
    // After a comment, blank line or instruction, directives are plain comments.
    assert_eq!(p("# hello\n# escape=`\nFROM a\n").escape, '\\');
    assert_eq!(p("\n# escape=`\nFROM a\n").escape, '\\');
    assert_eq!(p("FROM a\n# escape=`\n").directives, vec![]);
    assert_eq!(p("  #  ESCAPE = ` \nFROM a\n").escape, '`');
    assert_eq!(error("# escape=x\nFROM a\n"), (1, s("invalid escape token 'x' does not match ` or \\")));
    assert_eq!(error("# escape=`\n# escape=\\\nFROM a\n"), (2, s("only one escape parser directive can be used")));
}

#[test]
fn continuations_and_comments() {
    let src = "FROM a\nRUN apt-get update && \\\n    # a comment inside\n    apt-get install -y \\\n      curl \\\n      git\nUSER x\n";
    let d = p(src);
    let run = &d.instructions[1];
    assert_eq!((run.start_line, run.end_line), (2, 6));
    assert_eq!(run.original, "RUN apt-get update &&     apt-get install -y       curl       git");
    assert_eq!(d.instructions[2].start_line, 7);
    assert!(d.warnings.is_empty());
    // Empty continuation lines are skipped with a warning on the instruction's last line.
    let d = p("FROM a\nRUN a \\\n\n  b\n");
    assert_eq!(d.instructions[1].command, run_cmd(ShellOrExec::Shell(s("a   b"))));
    assert_eq!(d.warnings, vec![Warning { line: 4, message: s("NoEmptyContinuation: Empty continuation line") }]);
    // A trailing escape at EOF ends the instruction; a double escape is not a continuation.
    let d = p("FROM a\nRUN echo \\");
    assert_eq!(d.instructions[1].command, run_cmd(ShellOrExec::Shell(s("echo"))));
    let d = p("FROM a\nRUN echo \\\\\nUSER x\n");
    assert_eq!(d.instructions.len(), 3);
    // Comments and indentation.
    let d = p("  # comment\n\tFROM a\n");
    assert_eq!(d.instructions[0].start_line, 2);
    assert_eq!(error("FROM a # x\n"), (1, s("FROM requires either one or three arguments")));
}

#[test]
fn backtick_escape_windows_paths() {
    let d = p("# escape=`\nFROM mcr.microsoft.com/windows/servercore\nCOPY testfile.txt c:\\\nRUN dir c:\\ `\n    && echo done\nWORKDIR c:\\app\n");
    assert_eq!(d.instructions[1].command, copy_cmd(vec![s("testfile.txt")], s("c:\\")));
    assert_eq!(d.instructions[2].command, run_cmd(ShellOrExec::Shell(s("dir c:\\     && echo done"))));
    assert_eq!((d.instructions[2].start_line, d.instructions[2].end_line), (4, 5));
    assert_eq!(d.instructions[3].command, Command::Workdir(s("c:\\app")));
}

#[test]
fn heredocs() {
    let d = p("FROM a\nRUN <<EOF\necho $HOME\n  indented\nEOF\nUSER x\n");
    let run = &d.instructions[1];
    assert_eq!(run.command, run_cmd(ShellOrExec::Shell(s("<<EOF"))));
    assert_eq!(
        run.heredocs,
        vec![Heredoc { name: s("EOF"), content: s("echo $HOME\n  indented\n"), expand: true, chomp: false }]
    );
    assert_eq!((run.start_line, run.end_line), (2, 5));
    assert_eq!(d.instructions[2].start_line, 6);

    let d = p("FROM a\nRUN <<-'EOT' bash\n\techo hi\n\tEOT\n");
    let h = &d.instructions[1].heredocs[0];
    assert_eq!((h.name.as_str(), h.expand, h.chomp), ("EOT", false, true));
    assert_eq!(h.content, "\techo hi\n");
    assert_eq!(h.body(), "echo hi\n");

    let d = p("FROM a\nRUN cat <<A > /a && cat <<\"B\" > /b\nfirst\nA\nsecond\nB\n");
    let names: Vec<(&str, bool)> = d.instructions[1].heredocs.iter().map(|h| (h.name.as_str(), h.expand)).collect();
    assert_eq!(names, vec![("A", true), ("B", false)]);
    assert_eq!(d.instructions[1].heredocs[1].content, "second\n");

    let d = p("FROM a\nCOPY <<EOF /etc/app.conf\nkey=value\nEOF\n");
    assert_eq!(d.instructions[1].command, copy_cmd(vec![s("<<EOF")], s("/etc/app.conf")));
    assert_eq!(d.instructions[1].heredocs[0].content, "key=value\n");

    // JSON form and other instructions do not take heredocs.
    let d = p("FROM a\nRUN [\"cat\", \"<<EOF\"]\nUSER x\n");
    assert_eq!((d.instructions.len(), d.instructions[1].heredocs.len()), (3, 0));
    let d = p("FROM a\nENV A=<<EOF\nUSER x\n");
    assert_eq!(d.instructions.len(), 3);
    assert_eq!(error("FROM a\nRUN <<EOF\nno end\n"), (2, s("unterminated heredoc")));
    assert_eq!(error("FROM a\nCOPY a <<EOF\nx\nEOF\n"), (2, s("COPY cannot accept a heredoc as a destination")));
}

#[test]
fn unterminated_quotes_are_reported() {
    assert_eq!(
        error("FROM a\nENV A=\"unterminated\n"),
        (2, s("failed to process \"\\\"unterminated\": unexpected end of statement while looking for matching double-quote"))
    );
    assert_eq!(
        error("FROM a\nWORKDIR /a/'b\n"),
        (2, s("failed to process \"/a/'b\": unexpected end of statement while looking for matching single-quote"))
    );
    assert_eq!(error("FROM ${IMAGE\n"), (1, s("failed to process \"${IMAGE\": syntax error: missing '}'")));
    // RUN is left to the shell.
    assert!(parse("FROM a\nRUN echo \"oops\n").is_ok());
}

#[test]
fn json_form_detection() {
    let d = p("FROM a\nCOPY [\"a\", \"b\"]\nVOLUME /x\nCMD [\"x\"]\nCMD x\n");
    let forms: Vec<bool> = d.instructions.iter().map(|i| is_json_form(i, d.escape)).collect();
    assert_eq!(forms, vec![false, true, false, true, false]);
}

#[test]
fn bom_and_crlf() {
    let d = p("\u{feff}FROM a\r\nRUN echo hi\r\n");
    assert_eq!(d.instructions[1].command, run_cmd(ShellOrExec::Shell(s("echo hi"))));
}

#[test]
fn odd_inputs_never_panic() {
    let inputs = [
        "\\",
        "\\\n",
        "`",
        "#",
        "# escape=",
        "FROM",
        "FROM a\nRUN <<",
        "FROM a\nRUN <<-",
        "FROM a\nRUN 3<<EOF\nEOF\n",
        "FROM a\nCOPY <<\"EOF /x\n",
        "FROM a\nENV a=\"",
        "FROM a\nENV ${",
        "FROM a\nWORKDIR ${:}",
        "FROM a\nLABEL =",
        "FROM a\nRUN [",
        "FROM a\nRUN [\"a\"",
        "FROM a\nHEALTHCHECK --interval=1.5.5s CMD x",
        "FROM a\nONBUILD ONBUILD",
        "FROM a\nARG ==",
        "FROM a\nEXPOSE ${X/",
        "FROM a\nUSER ${X//a}",
        "FROM a\nUSER ${X#\\",
        "ＦＲＯＭ ａ",
        "FROM 안녕\nRUN 🐳",
        "FROM a\nCOPY --=x a b",
        "FROM a\nCOPY -- a b",
        "FROM a\r\n\r\nRUN x\\\r\n\r\n",
    ];
    for input in inputs {
        let _ = parse(input);
    }
    let d = p("FROM a\nRUN 3<<EOF cat\nx\nEOF\n");
    assert_eq!(d.instructions[1].heredocs[0].name, "EOF");
}
