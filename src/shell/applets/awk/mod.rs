//! `awk [-F FS] [-v VAR=VAL] 'PROGRAM' [FILE | VAR=VAL]…`: a POSIX awk subset (patterns,
//! ranges, BEGIN/END, fields, arrays, functions, printf, the string builtins).

mod builtins;
mod interp;
mod lexer;
mod parser;

use interp::{Awk, Ctl, V};

use super::common::{fail, read_input, write_file};
use crate::shell::applet::Ctx;

/// `awk` entry point.
pub fn awk(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let mut fs = None;
    let mut assigns = Vec::new();
    let mut program = None;
    let mut i = 1;
    while i < argv.len() {
        let a = &argv[i];
        if a == "--" {
            i += 1;
            break;
        }
        if let Some(rest) = a.strip_prefix("-F") {
            fs = Some(if rest.is_empty() {
                i += 1;
                argv.get(i).cloned().unwrap_or_default()
            } else {
                rest.to_string()
            });
        } else if let Some(rest) = a.strip_prefix("-v") {
            let v = if rest.is_empty() {
                i += 1;
                argv.get(i).cloned().unwrap_or_default()
            } else {
                rest.to_string()
            };
            assigns.push(v);
        } else if let Some(rest) = a.strip_prefix("-f") {
            let f = if rest.is_empty() {
                i += 1;
                argv.get(i).cloned().unwrap_or_default()
            } else {
                rest.to_string()
            };
            match read_input(ctx, &f) {
                Ok(d) => program = Some(String::from_utf8_lossy(&d).into_owned()),
                Err(e) => {
                    fail(ctx, "awk", &format!("{f}: {e}"));
                    return 2;
                }
            }
        } else if a.starts_with('-') && a.len() > 1 {
            fail(ctx, "awk", &format!("unrecognized option '{a}'"));
            return 2;
        } else {
            break;
        }
        i += 1;
    }
    if program.is_none() {
        program = argv.get(i).cloned();
        i += 1;
    }
    let Some(src) = program else {
        ctx.err("Usage: awk [OPTIONS] [AWK_PROGRAM] [FILE]...\n");
        return 1;
    };
    let prog = match parser::parse(&src) {
        Ok(p) => p,
        Err(e) => {
            fail(ctx, "awk", &format!("cmd. line:1: {e}"));
            return 2;
        }
    };
    let operands: Vec<String> = argv.get(i..).map(|a| a.to_vec()).unwrap_or_default();
    let status;
    let files;
    {
        let mut a = Awk::new(ctx, &prog);
        if let Some(f) = fs {
            let f = if f == "t" || f == "\\t" { "\t".to_string() } else { f };
            a.globals.insert("FS".into(), V::Str(f));
        }
        for v in &assigns {
            if let Some((k, val)) = v.split_once('=') {
                a.globals.insert(k.to_string(), V::StrNum(unescape(val)));
            }
        }
        status = run(&mut a, &prog, &operands);
        a.flush();
        files = std::mem::take(&mut a.files);
    }
    for (name, (data, append)) in files {
        let mut content = if append { read_input(ctx, &name).unwrap_or_default() } else { Vec::new() };
        content.extend(data);
        if let Err(e) = write_file(ctx, &name, content) {
            fail(ctx, "awk", &format!("{name}: {e}"));
        }
    }
    status
}

fn unescape(s: &str) -> String {
    s.replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\")
}

fn run(a: &mut Awk<'_, '_>, prog: &parser::Program, operands: &[String]) -> i32 {
    let report = |a: &mut Awk<'_, '_>, e: String| {
        a.flush();
        a.ctx.err(&format!("awk: {e}\n"));
        2
    };
    for (pat, action) in &prog.rules {
        if let (parser::Pattern::Begin, Some(b)) = (pat, action) {
            match a.block(b) {
                Ok(()) | Err(Ctl::Next) | Err(Ctl::Break) | Err(Ctl::Continue) | Err(Ctl::Return(_)) => {}
                Err(Ctl::Exit(c)) => return end_rules(a, prog, c),
                Err(Ctl::Err(e)) => return report(a, e),
            }
        }
    }
    let has_main = prog.rules.iter().any(|(p, _)| !matches!(p, parser::Pattern::Begin));
    if !has_main {
        return 0;
    }
    let mut inputs: Vec<Option<String>> = Vec::new();
    for op in operands {
        if op.contains('=')
            && op.split('=').next().is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_alphanumeric() || c == '_'))
        {
            inputs.push(Some(format!("\0{op}")));
        } else {
            inputs.push(Some(op.clone()));
        }
    }
    if !inputs.iter().any(|x| x.as_deref().is_some_and(|s| !s.starts_with('\0'))) {
        inputs.push(None);
    }
    for inp in inputs {
        let data = match inp.as_deref() {
            Some(s) if s.starts_with('\0') => {
                if let Some((k, v)) = s[1..].split_once('=') {
                    a.globals.insert(k.to_string(), V::StrNum(unescape(v)));
                }
                continue;
            }
            Some(f) => {
                a.globals.insert("FILENAME".into(), V::Str(f.to_string()));
                match read_input(a.ctx, f) {
                    Ok(d) => d,
                    Err(e) => {
                        a.flush();
                        a.ctx.err(&format!("awk: cannot open \"{f}\" ({e})\n"));
                        return 2;
                    }
                }
            }
            None => a.ctx.input().to_vec(),
        };
        let rs = a.globals.get("RS").map(|v| match v {
            V::Str(s) | V::StrNum(s) => s.clone(),
            _ => "\n".into(),
        });
        let text = String::from_utf8_lossy(&data).into_owned();
        a.input = match rs.as_deref() {
            Some("") => {
                text.split("\n\n").map(|p| p.trim_matches('\n').to_string()).filter(|p| !p.is_empty()).collect()
            }
            Some(r) if r != "\n" && r.chars().count() == 1 => {
                let mut v: Vec<String> = text.split(r).map(String::from).collect();
                if v.last().is_some_and(|l| l.is_empty() || l == "\n") {
                    v.pop();
                }
                v
            }
            _ => super::common::lines(&data),
        };
        a.pos = 0;
        a.globals.insert("FNR".into(), V::Num(0.0));
        while a.pos < a.input.len() {
            let rec = a.input[a.pos].clone();
            a.pos += 1;
            for k in ["NR", "FNR"] {
                let n = match a.globals.get(k) {
                    Some(V::Num(n)) => *n,
                    Some(V::StrNum(s)) | Some(V::Str(s)) => s.parse().unwrap_or(0.0),
                    _ => 0.0,
                };
                a.globals.insert(k.into(), V::Num(n + 1.0));
            }
            a.set_record(&rec);
            match a.record_rules() {
                Ok(()) | Err(Ctl::Next) => {}
                Err(Ctl::Exit(c)) => return end_rules(a, prog, c),
                Err(Ctl::Err(e)) => return report(a, e),
                Err(_) => {}
            }
        }
    }
    end_rules(a, prog, 0)
}

fn end_rules(a: &mut Awk<'_, '_>, prog: &parser::Program, code: i32) -> i32 {
    for (pat, action) in &prog.rules {
        if let (parser::Pattern::End, Some(b)) = (pat, action) {
            match a.block(b) {
                Err(Ctl::Exit(c)) => return c,
                Err(Ctl::Err(e)) => {
                    a.flush();
                    a.ctx.err(&format!("awk: {e}\n"));
                    return 2;
                }
                _ => {}
            }
        }
    }
    code
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::applet::Budget;
    use crate::vfs::Tree;

    fn run_awk(args: &[&str], input: &str) -> (String, i32) {
        let mut fs = Tree::new();
        let mut out = Vec::new();
        let mut err = Vec::new();
        let mut b = Budget::default();
        let mut ctx = Ctx::new(&mut fs, input.as_bytes(), &mut out, &mut err, &mut b);
        let mut argv = vec!["awk".to_string()];
        argv.extend(args.iter().map(|s| s.to_string()));
        let code = awk(&mut ctx, &argv);
        (String::from_utf8_lossy(&out).into_owned() + &String::from_utf8_lossy(&err), code)
    }

    #[test]
    fn programs() {
        assert_eq!(run_awk(&["{print $2}"], "a b c\nd e f\n").0, "b\ne\n");
        assert_eq!(run_awk(&["-F:", "{print $NF, NR}"], "a:b\nc:d:e\n").0, "b 1\ne 2\n");
        assert_eq!(run_awk(&["{s+=$1} END {print s, s/NR}"], "1\n2\n4\n").0, "7 2.33333\n");
        assert_eq!(run_awk(&["/b/"], "abc\nxyz\nb\n").0, "abc\nb\n");
        assert_eq!(run_awk(&["NR==2 {next} {print}"], "1\n2\n3\n").0, "1\n3\n");
        assert_eq!(
            run_awk(&["BEGIN {printf \"%5.2f|%-3s|%d\\n\", 3.14159, \"x\", \"42abc\"}"], "").0,
            " 3.14|x  |42\n"
        );
        assert_eq!(run_awk(&["{c[$1]++} END {for (k in c) print k, c[k]}"], "a\nb\na\n").0, "a 2\nb 1\n");
        assert_eq!(run_awk(&["BEGIN {x = \"hello\"; gsub(/l/, \"L\", x); print x, length(x), substr(x, 2, 3), index(x, \"L\"), toupper(x)}"], "").0, "heLLo 5 eLL 3 HELLO\n");
        assert_eq!(run_awk(&["BEGIN {n = split(\"a,b,c\", p, \",\"); print n, p[3]}"], "").0, "3 c\n");
        assert_eq!(run_awk(&["function f(a, b) { return a * b } BEGIN { print f(3, 4) }"], "").0, "12\n");
        assert_eq!(run_awk(&["$1 > 5 && $2 ~ /^x/ { print \"hit\", $0 }"], "6 xa\n7 ya\n3 xb\n").0, "hit 6 xa\n");
        assert_eq!(run_awk(&["-v", "n=3", "BEGIN { for (i = 1; i <= n; i++) s = s i; print s }"], "").0, "123\n");
        assert_eq!(run_awk(&["{ $2 = \"X\"; print; print NF }"], "a b c\n").0, "a X c\n3\n");
        assert_eq!(
            run_awk(&["BEGIN { if (\"10\" < \"9\") print \"str\"; if (10 < 9) print \"num\"; else print \"ok\" }"], "")
                .0,
            "str\nok\n"
        );
        assert_eq!(run_awk(&["{ print ($1 < $2) }"], "10 9\n").0, "0\n");
        assert_eq!(run_awk(&["/start/,/end/ { print NR }"], "x\nstart\ny\nend\nz\n").0, "2\n3\n4\n");
        assert_eq!(run_awk(&["BEGIN { exit 3 } END { print \"end\" }"], "").1, 3);
        assert_eq!(run_awk(&["{ print length() }"], "abcd\n").0, "4\n");
        assert_eq!(
            run_awk(&["BEGIN { print 1e6, 0.1 + 0.2, 100 / 3, -7 % 3, 2 ^ 10 }"], "").0,
            "1000000 0.3 33.3333 -1 1024\n"
        );
        assert_eq!(run_awk(&["BEGIN { OFS = \"-\" } { $1 = $1; print }"], "a b\n").0, "a-b\n");
        assert_eq!(run_awk(&["BEGIN { while (i < 3) { i++; if (i == 2) continue; print i } }"], "").0, "1\n3\n");
        assert_eq!(run_awk(&["{ print NR \": \" $0 }"], "a\n").0, "1: a\n");
        assert_eq!(run_awk(&["{ print; getline; print \"next:\" $0 }"], "1\n2\n").0, "1\nnext:2\n");
        assert_eq!(run_awk(&["BEGIN { match(\"foobar\", /ob/); print RSTART, RLENGTH }"], "").0, "3 2\n");
    }
}
