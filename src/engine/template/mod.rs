//! A subset of Go's `text/template`, enough for `--format`: fields (`{{.Config.Cmd}}`),
//! variables, pipelines, `if`/`else`/`range`/`with`/`end`, trim markers (`{{-`, `-}}`) and
//! Docker's functions (`json`, `index`, `join`, `split`, `upper`, `lower`, `title`,
//! `println`, `printf`, `len`, `truncate`, `pad`, comparisons). Values are [`J`]s; they
//! print as Go's `fmt` prints them. Errors use Go's wording.

mod exec;
mod parse;

use exec::Exec;
use parse::{parse_list, split_actions};

use super::json::J;

/// What a missing field does: print `<no value>` (maps, as `docker inspect` falls back
/// to) or fail like a Go struct does (`can't evaluate field X in type T`).
#[derive(Clone, Copy, Debug)]
pub enum Missing<'a> {
    /// Print `<no value>`.
    NoValue,
    /// Fail naming this Go type (`*formatter.imageContext`).
    Error(&'a str),
}

/// A parsed template.
#[derive(Clone, Debug)]
pub struct Template {
    nodes: Vec<Node>,
}

#[derive(Clone, Debug)]
pub(super) enum Node {
    Text(String),
    Out(Pipe),
    If(Pipe, Vec<Node>, Vec<Node>),
    Range(Pipe, Vec<Node>, Vec<Node>),
    With(Pipe, Vec<Node>, Vec<Node>),
}

#[derive(Clone, Debug, Default)]
pub(super) struct Pipe {
    pub(super) decl: Vec<String>,
    pub(super) cmds: Vec<Vec<Arg>>,
}

#[derive(Clone, Debug)]
pub(super) enum Arg {
    Field(Vec<String>, usize),
    Var(String, Vec<String>),
    Str(String),
    Int(i64),
    Bool(bool),
    Func(String),
    Sub(Pipe),
}

pub(super) const FUNCS: &[&str] = &[
    "json", "index", "join", "split", "upper", "lower", "title", "println", "print", "printf", "len", "truncate",
    "pad", "eq", "ne", "lt", "le", "gt", "ge", "not", "and", "or",
];

impl Template {
    /// Parses template text. Errors read `template: :1: …` as Go's do.
    pub fn parse(text: &str) -> Result<Template, String> {
        let items = split_actions(text)?;
        let mut pos = 0;
        let (nodes, end) = parse_list(&items, &mut pos)?;
        if let Some(kw) = end {
            return Err(format!("template: :1: unexpected {{{{{kw}}}}}"));
        }
        Ok(Template { nodes })
    }

    /// Runs the template on `data`.
    pub fn execute(&self, data: &J, missing: Missing) -> Result<String, String> {
        let mut ex = Exec { root: data, vars: vec![("$".into(), data.clone())], missing, header: false };
        let mut out = String::new();
        ex.nodes(&self.nodes, data, &mut out)?;
        Ok(out)
    }

    /// Runs the template for a table header: fields print the header names in `headers`
    /// and functions pass their argument through, as Docker's header functions do.
    pub fn execute_header(&self, headers: &J) -> Result<String, String> {
        let mut ex =
            Exec { root: headers, vars: vec![("$".into(), headers.clone())], missing: Missing::NoValue, header: true };
        let mut out = String::new();
        ex.nodes(&self.nodes, headers, &mut out)?;
        Ok(out)
    }
}

/// Renders `format` for each of `rows`, Docker style: a `table` prefix gives a header
/// row (from `headers`) and column alignment, `json` gives `{{json .}}`, `\t` and `\n`
/// escapes are expanded. Each row ends with a newline.
pub fn render_rows(format: &str, rows: &[J], headers: &J, missing: Missing) -> Result<String, String> {
    let (is_table, body) = match format.strip_prefix("table") {
        Some(rest) => (true, rest),
        None => (false, format),
    };
    let body = if format == "json" { "{{json .}}" } else { body.trim_matches(' ') };
    let body = body.replace("\\t", "\t").replace("\\n", "\n");
    let t = Template::parse(&body).map_err(|e| format!("template parsing error: {e}"))?;
    let mut text = String::new();
    if is_table {
        text.push_str(&t.execute_header(headers)?);
        text.push('\n');
    }
    for r in rows {
        text.push_str(&t.execute(r, missing)?);
        text.push('\n');
    }
    Ok(if is_table { super::format::tabwrite(&text) } else { text })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(t: &str, data: &J) -> String {
        Template::parse(t).unwrap().execute(data, Missing::NoValue).unwrap()
    }

    fn image() -> J {
        J::obj([
            ("Id", J::s("sha256:abc")),
            (
                "Config",
                J::obj([
                    ("Cmd", J::strs(["sh", "-c", "echo hi"])),
                    ("Entrypoint", J::Null),
                    ("Labels", J::obj([("a.b", J::s("1")), ("v", J::s("2"))])),
                ]),
            ),
            ("RootFS", J::obj([("Layers", J::strs(["sha256:1", "sha256:2"]))])),
            ("Size", J::Int(42)),
        ])
    }

    #[test]
    fn fields_functions_and_ranges() {
        let d = image();
        assert_eq!(run("{{.Id}}", &d), "sha256:abc");
        assert_eq!(run("{{.Config.Cmd}}", &d), "[sh -c echo hi]");
        assert_eq!(run("{{.Config.Entrypoint}}", &d), "[]");
        assert_eq!(run("{{json .RootFS.Layers}}", &d), r#"["sha256:1","sha256:2"]"#);
        assert_eq!(run(r#"{{index .Config.Labels "a.b"}}"#, &d), "1");
        assert_eq!(run("{{range .RootFS.Layers}}{{println .}}{{end}}", &d), "sha256:1\nsha256:2\n");
        assert_eq!(run("{{range $k, $v := .Config.Labels}}{{$k}}={{$v}};{{end}}", &d), "a.b=1;v=2;");
        assert_eq!(run("{{join .Config.Cmd \",\"}} {{upper .Id}} {{.Size}}", &d), "sh,-c,echo hi SHA256:ABC 42");
        assert_eq!(run("{{if .Config.Entrypoint}}yes{{else}}no{{end}}", &d), "no");
        assert_eq!(run("{{.Nope}}", &d), "<no value>");
        assert_eq!(run("a {{- .Size -}} b", &d), "a42b");
        assert_eq!(run("{{.Id | upper}}", &d), "SHA256:ABC");
        assert_eq!(run("{{with .Config}}{{len .Cmd}}{{end}}", &d), "3");
        assert_eq!(run("{{printf \"%s=%d\" .Id .Size}}", &d), "sha256:abc=42");
    }

    #[test]
    fn errors() {
        assert_eq!(Template::parse("{{.Id").unwrap_err(), "template: :1: unclosed action");
        assert_eq!(Template::parse("{{foo .Id}}").unwrap_err(), "template: :1: function \"foo\" not defined");
        let t = Template::parse("{{.Foo}}").unwrap();
        assert_eq!(
            t.execute(&image(), Missing::Error("*formatter.imageContext")).unwrap_err(),
            "template: :1:2: executing \"\" at <.Foo>: can't evaluate field Foo in type *formatter.imageContext"
        );
    }

    #[test]
    fn tables() {
        let rows = vec![J::obj([("ID", J::s("abc")), ("Tag", J::s("latest"))])];
        let headers = J::obj([("ID", J::s("IMAGE ID")), ("Tag", J::s("TAG"))]);
        assert_eq!(
            render_rows("table {{.ID}}\\t{{.Tag}}", &rows, &headers, Missing::NoValue).unwrap(),
            "IMAGE ID   TAG\nabc        latest\n"
        );
        assert_eq!(render_rows("{{.ID}}: {{.Tag}}", &rows, &headers, Missing::NoValue).unwrap(), "abc: latest\n");
        assert_eq!(
            render_rows("json", &rows, &headers, Missing::NoValue).unwrap(),
            "{\"ID\":\"abc\",\"Tag\":\"latest\"}\n"
        );
    }
}
