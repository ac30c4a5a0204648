//! Lexical path helpers. Tree paths are absolute, normalized, without a trailing slash:
//! `/`, `/etc`, `/etc/passwd`.

/// Normalizes `path` relative to the directory `cwd` (itself absolute): resolves `.` and
/// `..` lexically, clamping at the root, and removes repeated slashes.
pub fn normalize(cwd: &str, path: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    let joined;
    let full = if path.starts_with('/') {
        path
    } else {
        joined = format!("{cwd}/{path}");
        &joined
    };
    for part in full.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    if parts.is_empty() {
        "/".to_string()
    } else {
        let mut s = String::new();
        for p in parts {
            s.push('/');
            s.push_str(p);
        }
        s
    }
}

/// The parent of a normalized path (`/` for `/` itself).
pub fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(i) => &path[..i],
    }
}

/// The last component of a normalized path (empty for `/`).
pub fn file_name(path: &str) -> &str {
    match path.rfind('/') {
        Some(i) => &path[i + 1..],
        None => path,
    }
}

/// Joins a normalized directory and a child name.
pub fn join(dir: &str, name: &str) -> String {
    if dir == "/" {
        format!("/{name}")
    } else {
        format!("{dir}/{name}")
    }
}

/// True when `path` is `dir` itself or lies below it.
pub fn is_within(path: &str, dir: &str) -> bool {
    dir == "/" || path == dir || (path.starts_with(dir) && path.as_bytes().get(dir.len()) == Some(&b'/'))
}

/// The proper ancestors of a normalized path, nearest last: `/a/b/c` gives `/`, `/a`, `/a/b`.
pub fn ancestors(path: &str) -> Vec<&str> {
    let mut out = vec!["/"];
    for (i, c) in path.char_indices().skip(1) {
        if c == '/' {
            out.push(&path[..i]);
        }
    }
    if path == "/" {
        out.clear();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizing() {
        assert_eq!(normalize("/", "a//b/./c/"), "/a/b/c");
        assert_eq!(normalize("/x/y", "../z"), "/x/z");
        assert_eq!(normalize("/x", "../../.."), "/");
        assert_eq!(normalize("/x", "/abs"), "/abs");
        assert_eq!(parent("/a/b"), "/a");
        assert_eq!(parent("/a"), "/");
        assert_eq!(file_name("/a/b"), "b");
        assert_eq!(join("/", "a"), "/a");
        assert!(is_within("/a/b", "/a"));
        assert!(!is_within("/ab", "/a"));
        assert_eq!(ancestors("/a/b/c"), vec!["/", "/a", "/a/b"]);
        assert!(ancestors("/").is_empty());
    }
}
