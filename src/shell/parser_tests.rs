//! Tests of the shell grammar ([`super`]).

use super::*;
use crate::shell::ast::{Param, ParamOp};

fn lit(s: &str) -> WordPart {
    WordPart::Lit(s.into())
}

#[test]
fn simple_words_and_quotes() {
    let s = parse("echo 'a b' \"c $x\" d\\ e").unwrap();
    let Command::Simple { words, .. } = &s[0].first.cmds[0] else { panic!() };
    assert_eq!(words[0], vec![lit("echo")]);
    assert_eq!(words[1], vec![WordPart::Quoted("a b".into())]);
    assert_eq!(
        words[2],
        vec![WordPart::Double(vec![
            WordPart::Quoted("c ".into()),
            WordPart::Param(Box::new(Param { name: "x".into(), op: ParamOp::Plain }))
        ])]
    );
    assert_eq!(words[3], vec![lit("d"), WordPart::Quoted(" ".into()), lit("e")]);
}

#[test]
fn structure() {
    let s = parse("a && b || c; d | e\nif x; then y; elif z; then w; else v; fi").unwrap();
    assert_eq!(s.len(), 3);
    assert_eq!(s[0].rest.len(), 2);
    assert_eq!(s[1].first.cmds.len(), 2);
    assert!(matches!(&s[2].first.cmds[0], Command::If { arms, otherwise: Some(_), .. } if arms.len() == 2));
    let f = parse("f() { echo hi; }").unwrap();
    assert!(matches!(&f[0].first.cmds[0], Command::FuncDef { name, .. } if name == "f"));
    let c = parse("case $x in a|b) echo 1;; *) echo 2;; esac").unwrap();
    assert!(matches!(&c[0].first.cmds[0], Command::Case { arms, .. } if arms.len() == 2 && arms[0].0.len() == 2));
}

#[test]
fn assignments_and_redirs() {
    let s = parse("A=1 B=\"x y\" cmd >out 2>&1 <in").unwrap();
    let Command::Simple { assigns, words, redirs } = &s[0].first.cmds[0] else { panic!() };
    assert_eq!(assigns[0], ("A".into(), vec![lit("1")]));
    assert_eq!(words.len(), 1);
    assert_eq!(redirs.len(), 3);
    assert_eq!(redirs[1], Redir { fd: 2, op: RedirOp::Dup, target: vec![lit("1")] });
}

#[test]
fn heredocs() {
    let s = parse("cat <<EOF; echo after\nhello $x\nEOF\necho next").unwrap();
    assert_eq!(s.len(), 3);
    let Command::Simple { redirs, .. } = &s[0].first.cmds[0] else { panic!() };
    assert_eq!(redirs[0].target[0], WordPart::Quoted("hello ".into()));
    let s = parse("cat <<-'E'\n\tliteral $x\n\tE\n").unwrap();
    let Command::Simple { redirs, .. } = &s[0].first.cmds[0] else { panic!() };
    assert_eq!(redirs[0].target, vec![WordPart::Quoted("literal $x\n".into())]);
}

#[test]
fn and_or_lists_know_their_line() {
    let s = parse("a\nb; c\n\nd $(e\nf) &&\n g\n# note\nh").unwrap();
    assert_eq!(s.iter().map(|ao| ao.line).collect::<Vec<_>>(), [1, 2, 2, 4, 8]);
}

#[test]
fn errors_like_ash() {
    assert_eq!(parse("if true; then echo a; fi fi").unwrap_err().to_string(), "syntax error: unexpected \"fi\"");
    assert_eq!(
        parse("for x in; do").unwrap_err().to_string(),
        "syntax error: unexpected end of file (expecting \"done\")"
    );
    assert_eq!(parse("echo \"abc").unwrap_err().to_string(), "syntax error: unterminated quoted string");
    assert_eq!(parse(")").unwrap_err().to_string(), "syntax error: unexpected \")\"");
}

#[test]
fn substitutions() {
    let s = parse("echo $(echo a; echo b) `echo c` $((1+2)) ${x:-d} ${#y} ${z%%.*}").unwrap();
    let Command::Simple { words, .. } = &s[0].first.cmds[0] else { panic!() };
    assert!(matches!(&words[1][0], WordPart::Command(sc) if sc.len() == 2));
    assert!(matches!(&words[2][0], WordPart::Command(_)));
    assert!(matches!(&words[3][0], WordPart::Arith(_)));
    assert!(matches!(&words[4][0], WordPart::Param(p) if matches!(p.op, ParamOp::Default { colon: true, .. })));
    assert!(matches!(&words[5][0], WordPart::Param(p) if p.op == ParamOp::Length));
    assert!(matches!(&words[6][0], WordPart::Param(p) if matches!(p.op, ParamOp::TrimSuffix { longest: true, .. })));
}

mod more_tests {
    use super::*;

    #[test]
    fn heredoc_in_substitution() {
        // The body belongs to the substitution's `cat`; the outer script goes on after `)`.
        let script = "x=$(cat <<EOF\nhi $((1+1))\nEOF\n); echo \"[$x]\"\necho after\n";
        assert!(parse(script).is_ok());
        let mut t = crate::vfs::Tree::new();
        crate::shell::install_busybox(&mut t, 0);
        let env = [("PATH".to_string(), "/bin".to_string())].into_iter().collect();
        let p = crate::shell::Process {
            cwd: "/".into(),
            env,
            uid: 0,
            gid: 0,
            now: 0,
            stdin: Vec::new(),
            network: Default::default(),
        };
        let o = crate::shell::run_script(&mut t, &p, script, &mut crate::shell::Budget::default());
        assert_eq!((String::from_utf8_lossy(&o.stdout).as_ref(), o.code), ("[hi 2]\nafter\n", 0));
    }
}
