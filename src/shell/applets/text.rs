//! Text filters: `head`, `tail`, `wc`, `sort`, `uniq`, `tr`, `cut`, `rev`, `nl`.

use super::common::{fail, read_all, Opts};
use crate::shell::applet::Ctx;

/// Normalizes the old `-5` / `+5` count forms into `-n 5` / `-n +5`.
fn count_args(argv: &[String]) -> Vec<String> {
    let mut out = vec![argv[0].clone()];
    for (i, a) in argv.iter().enumerate().skip(1) {
        if i == 1 && a.len() > 1 && a.starts_with('-') && a[1..].chars().all(|c| c.is_ascii_digit()) {
            out.push("-n".into());
            out.push(a[1..].to_string());
        } else {
            out.push(a.clone());
        }
    }
    out
}

fn split_lines(d: &[u8]) -> Vec<&[u8]> {
    let mut v: Vec<&[u8]> = d.split_inclusive(|b| *b == b'\n').collect();
    if v.last().is_some_and(|l| l.is_empty()) {
        v.pop();
    }
    v
}

fn head_tail(ctx: &mut Ctx<'_>, argv: &[String], tail: bool) -> i32 {
    let name = if tail { "tail" } else { "head" };
    let argv = count_args(argv);
    let o = Opts::parse(&argv, "nc");
    let (files, failed) = read_all(ctx, name, &o.args);
    let multi = files.len() > 1 && !o.has('q');
    let bytes = o.val('c');
    let spec = bytes.or(o.val('n')).unwrap_or("10").to_string();
    let from_start = tail && spec.starts_with('+');
    let neg = !tail && spec.starts_with('-');
    let n: usize =
        spec.trim_start_matches(['+', '-']).trim_end_matches(|c: char| c.is_alphabetic()).parse().unwrap_or(10);
    for (i, (fname, d)) in files.iter().enumerate() {
        if multi {
            ctx.out(&format!("{}==> {fname} <==\n", if i > 0 { "\n" } else { "" }));
        }
        let out: Vec<u8> = if bytes.is_some() {
            if tail {
                if from_start {
                    d[(n.max(1) - 1).min(d.len())..].to_vec()
                } else {
                    d[d.len().saturating_sub(n)..].to_vec()
                }
            } else if neg {
                d[..d.len().saturating_sub(n)].to_vec()
            } else {
                d[..n.min(d.len())].to_vec()
            }
        } else {
            let ls = split_lines(d);
            let sel: &[&[u8]] = if tail {
                if from_start {
                    &ls[(n.max(1) - 1).min(ls.len())..]
                } else {
                    &ls[ls.len().saturating_sub(n)..]
                }
            } else if neg {
                &ls[..ls.len().saturating_sub(n)]
            } else {
                &ls[..n.min(ls.len())]
            };
            sel.concat()
        };
        if !tail && !neg && out.len() < d.len() {
            // `head` stops reading after what it prints.
            ctx.io.stdin_partial = true;
        }
        ctx.write_out(&out);
    }
    failed as i32
}

/// `head [-n N|-N] [-c N] [FILE…]`
pub fn head(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    head_tail(ctx, argv, false)
}

/// `tail [-n [+]N] [-c N] [FILE…]` (`-f` prints once)
pub fn tail(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    head_tail(ctx, argv, true)
}

/// `wc [-lwcm] [FILE…]`
pub fn wc(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "");
    let (files, failed) = read_all(ctx, "wc", &o.args);
    let mut sel: Vec<char> = ['l', 'w', 'c', 'm', 'L'].into_iter().filter(|c| o.has(*c)).collect();
    if sel.is_empty() {
        sel = vec!['l', 'w', 'c'];
    }
    let mut total = [0usize; 5];
    let mut rows = Vec::new();
    for (name, d) in &files {
        let s = String::from_utf8_lossy(d);
        let counts = [
            d.iter().filter(|b| **b == b'\n').count(),
            s.split_whitespace().count(),
            d.len(),
            s.chars().count(),
            s.lines().map(|l| l.chars().count()).max().unwrap_or(0),
        ];
        for k in 0..5 {
            total[k] += counts[k];
        }
        rows.push((name.clone(), counts));
    }
    if files.len() > 1 {
        rows.push(("total".into(), total));
    }
    let idx = |c: char| match c {
        'l' => 0,
        'w' => 1,
        'c' => 2,
        'm' => 3,
        _ => 4,
    };
    let single = sel.len() == 1 && files.len() == 1;
    for (name, c) in rows {
        let mut line = String::new();
        for (k, s) in sel.iter().enumerate() {
            if single {
                line.push_str(&c[idx(*s)].to_string());
            } else {
                if k > 0 {
                    line.push(' ');
                }
                line.push_str(&format!("{:>9}", c[idx(*s)]));
            }
        }
        if name != "-" {
            line.push(' ');
            line.push_str(&name);
        }
        line.push('\n');
        ctx.out(&line);
    }
    failed as i32
}

struct Key {
    start_field: usize,
    start_char: usize,
    end_field: Option<usize>,
    numeric: bool,
    reverse: bool,
}

fn parse_key(spec: &str) -> Key {
    let (main, _) = spec.split_once(|c: char| c.is_ascii_alphabetic()).map(|(a, _)| (a, ())).unwrap_or((spec, ()));
    let flags: String = spec.chars().filter(|c| c.is_ascii_alphabetic()).collect();
    let (start, end) = match main.split_once(',') {
        Some((s, e)) => (s, Some(e)),
        None => (main, None),
    };
    let (sf, sc) = match start.split_once('.') {
        Some((f, c)) => (f.parse().unwrap_or(1), c.parse().unwrap_or(1)),
        None => (start.parse().unwrap_or(1), 1),
    };
    let ef = end
        .map(|e| e.split('.').next().unwrap_or("0").trim_end_matches(|c: char| c.is_alphabetic()).parse().unwrap_or(0));
    Key { start_field: sf, start_char: sc, end_field: ef, numeric: flags.contains('n'), reverse: flags.contains('r') }
}

fn fields_of(line: &str, sep: Option<char>) -> Vec<(usize, usize)> {
    // Byte ranges of fields; with the default separator a field keeps its leading blanks.
    let mut out = Vec::new();
    match sep {
        Some(s) => {
            let mut start = 0;
            for (i, c) in line.char_indices() {
                if c == s {
                    out.push((start, i));
                    start = i + c.len_utf8();
                }
            }
            out.push((start, line.len()));
        }
        None => {
            let b = line.as_bytes();
            let mut i = 0;
            while i < b.len() {
                let st = i;
                while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
                    i += 1;
                }
                while i < b.len() && b[i] != b' ' && b[i] != b'\t' {
                    i += 1;
                }
                out.push((st, i));
            }
        }
    }
    out
}

fn key_text<'l>(line: &'l str, k: &Key, sep: Option<char>) -> &'l str {
    let f = fields_of(line, sep);
    if k.start_field == 0 || k.start_field > f.len() {
        return "";
    }
    let (s0, _) = f[k.start_field - 1];
    let s = (s0 + k.start_char - 1).min(line.len());
    let e = match k.end_field {
        Some(e) if e > 0 && e <= f.len() => f[e - 1].1,
        Some(e) if e > f.len() => line.len(),
        _ => line.len(),
    };
    if e < s {
        return "";
    }
    line.get(s..e).unwrap_or("")
}

fn num_key(s: &str) -> f64 {
    super::printf::parse_num_prefix(s.trim_start())
}

/// `sort [-nrufbV] [-t SEP] [-k KEY]… [-o FILE] [FILE…]`
pub fn sort(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "tko");
    let (files, failed) = read_all(ctx, "sort", &o.args);
    let term = if o.has('z') { '\0' } else { '\n' };
    let mut lines: Vec<String> = Vec::new();
    for (_, d) in &files {
        let text = String::from_utf8_lossy(d);
        let mut parts: Vec<String> = text.split(term).map(String::from).collect();
        if parts.last().is_some_and(|l| l.is_empty()) {
            parts.pop();
        }
        lines.extend(parts);
    }
    let sep = o.val('t').and_then(|s| s.chars().next());
    let keys: Vec<Key> =
        o.flags.iter().filter(|(f, _)| *f == 'k').filter_map(|(_, v)| v.as_deref().map(parse_key)).collect();
    let numeric = o.has('n') || o.has('g') || o.has('h');
    let fold = o.has('f');
    let ignore_blanks = o.has('b');
    let cmp_text = |a: &str, b: &str, num: bool| -> std::cmp::Ordering {
        if num {
            num_key(a).partial_cmp(&num_key(b)).unwrap_or(std::cmp::Ordering::Equal)
        } else {
            let (a, b) = if ignore_blanks { (a.trim_start(), b.trim_start()) } else { (a, b) };
            if fold {
                a.to_uppercase().cmp(&b.to_uppercase())
            } else {
                a.cmp(b)
            }
        }
    };
    let reverse = o.has('r');
    crate::util::sort::sort_by(&mut lines, |a, b| {
        for k in &keys {
            let mut c = cmp_text(key_text(a, k, sep), key_text(b, k, sep), k.numeric || numeric);
            if k.reverse {
                c = c.reverse();
            }
            if c != std::cmp::Ordering::Equal {
                return if reverse { c.reverse() } else { c };
            }
        }
        let mut c = if keys.is_empty() { cmp_text(a, b, numeric) } else { std::cmp::Ordering::Equal };
        if c == std::cmp::Ordering::Equal && !o.has('s') && !(o.has('u')) {
            c = a.cmp(b);
        }
        if reverse {
            c.reverse()
        } else {
            c
        }
    });
    if o.has('u') {
        let same = |a: &String, b: &String| -> bool {
            if keys.is_empty() {
                cmp_text(a, b, numeric) == std::cmp::Ordering::Equal
            } else {
                keys.iter().all(|k| {
                    cmp_text(key_text(a, k, sep), key_text(b, k, sep), k.numeric || numeric)
                        == std::cmp::Ordering::Equal
                })
            }
        };
        lines.dedup_by(|b, a| same(a, b));
    }
    let mut s = String::new();
    for l in lines {
        s.push_str(&l);
        s.push(term);
    }
    match o.val('o') {
        Some(f) => {
            let f = f.to_string();
            if let Err(e) = super::common::write_file(ctx, &f, s.into_bytes()) {
                fail(ctx, "sort", &format!("{f}: {e}"));
                return 2;
            }
        }
        None => ctx.out(&s),
    }
    if failed {
        2
    } else {
        0
    }
}

/// `uniq [-cdu] [-i] [INPUT [OUTPUT]]`
pub fn uniq(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "fs");
    let (files, failed) = read_all(ctx, "uniq", &o.args[..o.args.len().min(1)]);
    let text = String::from_utf8_lossy(&files.first().map(|f| f.1.clone()).unwrap_or_default()).into_owned();
    let skip_fields: usize = o.val('f').and_then(|v| v.parse().ok()).unwrap_or(0);
    let key = |l: &str| -> String {
        let mut rest = l;
        for _ in 0..skip_fields {
            rest = rest.trim_start_matches([' ', '\t']);
            rest = rest.trim_start_matches(|c: char| c != ' ' && c != '\t');
        }
        if o.has('i') {
            rest.to_lowercase()
        } else {
            rest.to_string()
        }
    };
    let mut groups: Vec<(String, usize)> = Vec::new();
    for l in text.lines() {
        match groups.last_mut() {
            Some((g, n)) if key(g) == key(l) => *n += 1,
            _ => groups.push((l.to_string(), 1)),
        }
    }
    let mut s = String::new();
    for (l, n) in groups {
        if (o.has('d') && n < 2) || (o.has('u') && n > 1) {
            continue;
        }
        if o.has('c') {
            s.push_str(&format!("{n:>7} {l}\n"));
        } else {
            s.push_str(&l);
            s.push('\n');
        }
    }
    if let Some(out) = o.args.get(1) {
        let out = out.clone();
        let _ = super::common::write_file(ctx, &out, s.into_bytes());
    } else {
        ctx.out(&s);
    }
    failed as i32
}

/// Expands a `tr` set: ranges, classes and escapes.
fn tr_set(s: &str) -> Vec<char> {
    let cs: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let esc = |c: char| match c {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        '0' => '\0',
        'a' => '\x07',
        'b' => '\x08',
        'f' => '\x0c',
        'v' => '\x0b',
        c => c,
    };
    let mut items: Vec<char> = Vec::new();
    while i < cs.len() {
        if cs[i] == '[' && cs.get(i + 1) == Some(&':') {
            let rest: String = cs[i + 2..].iter().collect();
            if let Some(end) = rest.find(":]") {
                let class = &rest[..end];
                for c in (0u8..=127).map(|b| b as char) {
                    if crate::shell::glob::class_match(class, c) {
                        items.push(c);
                    }
                }
                i += 2 + class.chars().count() + 2;
                continue;
            }
        }
        let (c, adv) = if cs[i] == '\\' && i + 1 < cs.len() { (esc(cs[i + 1]), 2) } else { (cs[i], 1) };
        i += adv;
        if cs.get(i) == Some(&'-') && i + 1 < cs.len() {
            let (hi, adv2) = if cs[i + 1] == '\\' && i + 2 < cs.len() { (esc(cs[i + 2]), 3) } else { (cs[i + 1], 2) };
            i += adv2;
            for x in c as u32..=hi as u32 {
                if let Some(ch) = char::from_u32(x) {
                    items.push(ch);
                }
            }
            continue;
        }
        items.push(c);
    }
    out.extend(items);
    out
}

/// `tr [-dsc] SET1 [SET2]`
pub fn tr(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "");
    let Some(s1) = o.args.first() else {
        fail(ctx, "tr", "missing operand");
        return 1;
    };
    let set1 = tr_set(s1);
    let set2 = o.args.get(1).map(|s| tr_set(s)).unwrap_or_default();
    let complement = o.has('c') || o.has('C');
    let in1 = |c: char| set1.contains(&c) != complement;
    let input = String::from_utf8_lossy(ctx.input()).into_owned();
    let mut out = String::with_capacity(input.len());
    let mut last: Option<char> = None;
    let squeeze_set: &Vec<char> = if o.has('d') || set2.is_empty() { &set1 } else { &set2 };
    for c in input.chars() {
        let mapped = if o.has('d') {
            if in1(c) {
                continue;
            }
            c
        } else if !set2.is_empty() && in1(c) {
            if complement {
                *set2.last().unwrap_or(&c)
            } else {
                let idx = set1.iter().position(|x| *x == c).unwrap_or(0);
                *set2.get(idx).or(set2.last()).unwrap_or(&c)
            }
        } else {
            c
        };
        if o.has('s') && last == Some(mapped) && (squeeze_set.contains(&mapped) != (complement && set2.is_empty())) {
            continue;
        }
        last = Some(mapped);
        out.push(mapped);
    }
    ctx.out(&out);
    0
}

fn parse_list(spec: &str) -> Vec<(usize, usize)> {
    spec.split(',')
        .filter_map(|r| {
            let (a, b) = match r.split_once('-') {
                Some((a, b)) => (a.parse().unwrap_or(1), if b.is_empty() { usize::MAX } else { b.parse().ok()? }),
                None => {
                    let n = r.parse().ok()?;
                    (n, n)
                }
            };
            Some((a, b))
        })
        .collect()
}

/// `cut (-f LIST [-d D] [-s] | -c LIST | -b LIST) [FILE…]`
pub fn cut(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "dfcb");
    let (files, failed) = read_all(ctx, "cut", &o.args);
    let delim = o.val('d').and_then(|d| d.chars().next()).unwrap_or('\t');
    let ranges = parse_list(o.val('f').or(o.val('c')).or(o.val('b')).unwrap_or(""));
    if ranges.is_empty() {
        fail(ctx, "cut", "expected a list of bytes, characters, or fields");
        return 1;
    }
    let want = |i: usize| ranges.iter().any(|(a, b)| i >= *a && i <= *b);
    let mut s = String::new();
    for (_, d) in &files {
        for line in String::from_utf8_lossy(d).lines() {
            if o.val('f').is_some() {
                if !line.contains(delim) {
                    if !o.has('s') {
                        s.push_str(line);
                        s.push('\n');
                    }
                    continue;
                }
                let parts: Vec<&str> =
                    line.split(delim).enumerate().filter(|(i, _)| want(i + 1)).map(|(_, p)| p).collect();
                s.push_str(&parts.join(&delim.to_string()));
            } else {
                s.extend(line.chars().enumerate().filter(|(i, _)| want(i + 1)).map(|(_, c)| c));
            }
            s.push('\n');
        }
    }
    ctx.out(&s);
    failed as i32
}

/// `rev [FILE…]`
pub fn rev(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let (files, failed) = read_all(ctx, "rev", &argv[1..]);
    let mut s = String::new();
    for (_, d) in &files {
        for l in String::from_utf8_lossy(d).lines() {
            s.extend(l.chars().rev());
            s.push('\n');
        }
    }
    ctx.out(&s);
    failed as i32
}

/// `nl [FILE…]` (numbers non-empty lines)
pub fn nl(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let o = Opts::parse(argv, "bwsv");
    let (files, failed) = read_all(ctx, "nl", &o.args);
    let all = o.val('b') == Some("a");
    let mut n = 0;
    let mut s = String::new();
    for (_, d) in &files {
        for l in String::from_utf8_lossy(d).lines() {
            if l.is_empty() && !all {
                s.push_str("       \n");
            } else {
                n += 1;
                s.push_str(&format!("{n:>6}\t{l}\n"));
            }
        }
    }
    ctx.out(&s);
    failed as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_and_keys() {
        assert_eq!(tr_set("a-e"), vec!['a', 'b', 'c', 'd', 'e']);
        assert_eq!(tr_set("\\n "), vec!['\n', ' ']);
        assert_eq!(tr_set("[:digit:]").len(), 10);
        let k = parse_key("2,2n");
        assert_eq!((k.start_field, k.end_field, k.numeric), (2, Some(2), true));
        assert_eq!(key_text("a b c", &parse_key("2,2"), None), " b");
        assert_eq!(key_text("a:b:c", &parse_key("2"), Some(':')), "b:c");
        assert_eq!(parse_list("1,3-4,6-"), vec![(1, 1), (3, 4), (6, usize::MAX)]);
    }
}
