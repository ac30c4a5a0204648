//! Image references as Docker normalizes them: `busybox` is `docker.io/library/busybox:latest`
//! in full and `busybox:latest` in its familiar form.

/// A named, tagged image reference.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef {
    /// Registry host (`docker.io`, `ghcr.io`, `localhost:5000`).
    pub domain: String,
    /// Repository path (`library/busybox`).
    pub path: String,
    /// Tag (`latest` when none was given).
    pub tag: String,
}

impl ImageRef {
    /// Parses `name[:tag]`; `None` for digests and malformed names.
    pub fn parse(s: &str) -> Option<ImageRef> {
        if s.is_empty() || s.contains('@') || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return None;
        }
        let (name, tag) = match s.rfind(':') {
            Some(i) if !s[i + 1..].contains('/') => (&s[..i], &s[i + 1..]),
            _ => (s, "latest"),
        };
        let tag_ok = !tag.is_empty()
            && tag.len() <= 128
            && tag.chars().all(|c| c.is_ascii_alphanumeric() || "_.-".contains(c))
            && !tag.starts_with(['.', '-']);
        if !tag_ok {
            return None;
        }
        let mut parts: Vec<&str> = name.split('/').collect();
        let first = parts[0];
        let has_domain = parts.len() > 1 && (first.contains(['.', ':']) || first == "localhost");
        let mut domain = if has_domain { parts.remove(0).to_string() } else { "docker.io".to_string() };
        if domain == "index.docker.io" {
            domain = "docker.io".into();
        }
        let component_ok = |c: &&str| {
            !c.is_empty()
                && c.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || "._-".contains(ch))
                && c.starts_with(|ch: char| ch.is_ascii_alphanumeric())
                && c.ends_with(|ch: char| ch.is_ascii_alphanumeric())
        };
        if parts.is_empty() || !parts.iter().all(component_ok) {
            return None;
        }
        if domain == "docker.io" && parts.len() == 1 {
            parts.insert(0, "library");
        }
        Some(ImageRef { domain, path: parts.join("/"), tag: tag.to_string() })
    }

    /// `docker.io/library/busybox:latest`.
    pub fn full(&self) -> String {
        format!("{}/{}:{}", self.domain, self.path, self.tag)
    }

    /// The familiar repository name: `busybox`, `user/app`, `ghcr.io/x/y`.
    pub fn familiar_name(&self) -> String {
        if self.domain == "docker.io" {
            match self.path.strip_prefix("library/") {
                Some(rest) if !rest.contains('/') => rest.to_string(),
                _ => self.path.clone(),
            }
        } else {
            format!("{}/{}", self.domain, self.path)
        }
    }

    /// `busybox:latest`, as `docker images` and `RepoTags` show it.
    pub fn familiar(&self) -> String {
        format!("{}:{}", self.familiar_name(), self.tag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_like_docker() {
        let r = ImageRef::parse("busybox").unwrap();
        assert_eq!((r.full(), r.familiar()), ("docker.io/library/busybox:latest".into(), "busybox:latest".into()));
        let r = ImageRef::parse("me/app:1.0").unwrap();
        assert_eq!((r.full(), r.familiar()), ("docker.io/me/app:1.0".into(), "me/app:1.0".into()));
        let r = ImageRef::parse("localhost:5000/app").unwrap();
        assert_eq!((r.full(), r.familiar()), ("localhost:5000/app:latest".into(), "localhost:5000/app:latest".into()));
        assert_eq!(ImageRef::parse("docker.io/library/alpine:3.19").unwrap().familiar(), "alpine:3.19");
        assert_eq!(ImageRef::parse("Upper"), None);
        assert_eq!(ImageRef::parse("a@sha256:00"), None);
        assert_eq!(ImageRef::parse("a:"), None);
        assert_eq!(ImageRef::parse("a/../b"), None);
    }
}
