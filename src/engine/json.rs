//! A JSON value that keeps its keys in the order given, written the way Go's
//! `encoding/json` writes it (`<`, `>`, `&` escaped, `MarshalIndent` layout), so
//! `docker inspect` and `{{json .}}` print what Docker prints.

/// A JSON value with ordered object keys.
#[derive(Clone, Debug, PartialEq)]
pub enum J {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<J>),
    /// An object, keys in order.
    Obj(Vec<(String, J)>),
}

impl J {
    /// An object from `(key, value)` pairs.
    pub fn obj<K: Into<String>>(pairs: impl IntoIterator<Item = (K, J)>) -> J {
        J::Obj(pairs.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    /// A string value.
    pub fn s(v: impl Into<String>) -> J {
        J::Str(v.into())
    }

    /// An array of strings.
    pub fn strs<S: AsRef<str>>(v: impl IntoIterator<Item = S>) -> J {
        J::Arr(v.into_iter().map(|s| J::Str(s.as_ref().to_string())).collect())
    }

    /// An array of strings, or `null` when absent.
    pub fn opt_strs(v: Option<&Vec<String>>) -> J {
        v.map_or(J::Null, J::strs)
    }

    /// The value of a key of an object.
    pub fn get(&self, key: &str) -> Option<&J> {
        match self {
            J::Obj(o) => o.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// Converts a serde_json value (object keys come out sorted, as serde_json keeps them).
    pub fn from_serde(v: &serde_json::Value) -> J {
        match v {
            serde_json::Value::Null => J::Null,
            serde_json::Value::Bool(b) => J::Bool(*b),
            serde_json::Value::Number(n) => J::Int(n.as_i64().unwrap_or(0)),
            serde_json::Value::String(s) => J::Str(s.clone()),
            serde_json::Value::Array(a) => J::Arr(a.iter().map(J::from_serde).collect()),
            serde_json::Value::Object(o) => J::Obj(o.iter().map(|(k, v)| (k.clone(), J::from_serde(v))).collect()),
        }
    }

    /// Compact JSON (`json.Marshal`).
    pub fn compact(&self) -> String {
        let mut s = String::new();
        self.write(&mut s, None, 0);
        s
    }

    /// Indented JSON (`json.MarshalIndent(v, "", "    ")`).
    pub fn pretty(&self) -> String {
        let mut s = String::new();
        self.write(&mut s, Some("    "), 0);
        s
    }

    fn write(&self, out: &mut String, indent: Option<&str>, depth: usize) {
        let nl = |out: &mut String, d: usize| {
            if let Some(i) = indent {
                out.push('\n');
                for _ in 0..d {
                    out.push_str(i);
                }
            }
        };
        match self {
            J::Null => out.push_str("null"),
            J::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            J::Int(n) => out.push_str(&n.to_string()),
            J::Str(s) => quote_into(out, s),
            J::Arr(a) if a.is_empty() => out.push_str("[]"),
            J::Arr(a) => {
                out.push('[');
                for (i, v) in a.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    nl(out, depth + 1);
                    v.write(out, indent, depth + 1);
                }
                nl(out, depth);
                out.push(']');
            }
            J::Obj(o) if o.is_empty() => out.push_str("{}"),
            J::Obj(o) => {
                out.push('{');
                for (i, (k, v)) in o.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    nl(out, depth + 1);
                    quote_into(out, k);
                    out.push(':');
                    if indent.is_some() {
                        out.push(' ');
                    }
                    v.write(out, indent, depth + 1);
                }
                nl(out, depth);
                out.push('}');
            }
        }
    }

    /// The value as Go's `fmt` prints it in a template (`[sh -c echo]`, `map[a:b]`).
    pub fn go_string(&self) -> String {
        match self {
            J::Null => "[]".into(),
            J::Bool(b) => b.to_string(),
            J::Int(n) => n.to_string(),
            J::Str(s) => s.clone(),
            J::Arr(a) => format!("[{}]", a.iter().map(J::go_string).collect::<Vec<_>>().join(" ")),
            J::Obj(o) => {
                let mut pairs: Vec<&(String, J)> = o.iter().collect();
                crate::util::sort::sort_by(&mut pairs, |a, b| a.0.cmp(&b.0));
                format!(
                    "map[{}]",
                    pairs.iter().map(|(k, v)| format!("{k}:{}", v.go_string())).collect::<Vec<_>>().join(" ")
                )
            }
        }
    }

    /// Go's truthiness (`{{if}}`): false, 0, "", empty collections and null are false.
    pub fn truthy(&self) -> bool {
        match self {
            J::Null => false,
            J::Bool(b) => *b,
            J::Int(n) => *n != 0,
            J::Str(s) => !s.is_empty(),
            J::Arr(a) => !a.is_empty(),
            J::Obj(o) => !o.is_empty(),
        }
    }
}

/// A string as Go's encoder quotes it.
pub fn quote(s: &str) -> String {
    let mut out = String::new();
    quote_into(&mut out, s);
    out
}

fn quote_into(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_encoding() {
        let v = J::obj([("Id", J::s("a<b")), ("Tags", J::strs(["x"])), ("Empty", J::Arr(vec![])), ("N", J::Null)]);
        assert_eq!(v.compact(), r#"{"Id":"a\u003cb","Tags":["x"],"Empty":[],"N":null}"#);
        assert_eq!(v.pretty(), "{\n    \"Id\": \"a\\u003cb\",\n    \"Tags\": [\n        \"x\"\n    ],\n    \"Empty\": [],\n    \"N\": null\n}");
        assert_eq!(J::strs(["sh", "-c", "echo hi"]).go_string(), "[sh -c echo hi]");
        assert_eq!(J::obj([("b", J::s("2")), ("a", J::s("1"))]).go_string(), "map[a:1 b:2]");
    }
}
