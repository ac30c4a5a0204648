//! Image references as Docker normalizes them: `alpine` is `alpine:latest`,
//! `docker.io/library/alpine:3.20` is `alpine:3.20`.

/// A normalized `repository:tag` reference.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Reference {
    /// Repository as `docker images` shows it (`alpine`, `myorg/app`, `localhost:5000/app`).
    pub repository: String,
    /// Tag (`latest` when none was given).
    pub tag: String,
}

impl Reference {
    /// Parses and normalizes a reference. Errors use Docker's wording.
    pub fn parse(s: &str) -> Result<Reference, String> {
        let s = s.trim();
        if s.is_empty() {
            return Err("invalid reference format".into());
        }
        let (name, tag) = match s.rfind(':') {
            Some(i) if !s[i + 1..].contains('/') => (&s[..i], &s[i + 1..]),
            _ => (s, "latest"),
        };
        if s.contains('@') {
            return Err(format!("invalid reference format: digest references are not supported here: {s}"));
        }
        if name.is_empty() || tag.is_empty() || tag.len() > 128 {
            return Err("invalid reference format".into());
        }
        if !tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-')
            || tag.starts_with(['.', '-'])
        {
            return Err("invalid reference format".into());
        }
        if name.chars().any(|c| c.is_ascii_uppercase()) {
            return Err("invalid reference format: repository name (library/".to_string()
                + name
                + ") must be lowercase");
        }
        let has_slash = name.contains('/');
        let valid = name.split('/').enumerate().all(|(i, part)| {
            !part.is_empty()
                && part.chars().all(|c| {
                    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-') || (i == 0 && has_slash && c == ':')
                })
        });
        if !valid {
            return Err("invalid reference format".into());
        }
        let mut repo = name;
        for prefix in ["docker.io/library/", "index.docker.io/library/", "docker.io/", "library/"] {
            if let Some(rest) = repo.strip_prefix(prefix) {
                repo = rest;
                break;
            }
        }
        Ok(Reference { repository: repo.to_string(), tag: tag.to_string() })
    }

    /// The fully qualified name (`docker.io/library/alpine:3.20`).
    pub fn full_name(&self) -> String {
        let first = self.repository.split('/').next().unwrap_or("");
        let has_registry = self.repository.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
        if has_registry {
            format!("{}:{}", self.repository, self.tag)
        } else if self.repository.contains('/') {
            format!("docker.io/{}:{}", self.repository, self.tag)
        } else {
            format!("docker.io/library/{}:{}", self.repository, self.tag)
        }
    }
}

impl std::fmt::Display for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.repository, self.tag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizing() {
        let r = |s| Reference::parse(s).unwrap().to_string();
        assert_eq!(r("alpine"), "alpine:latest");
        assert_eq!(r("docker.io/library/alpine:3.20"), "alpine:3.20");
        assert_eq!(r("localhost:5000/app"), "localhost:5000/app:latest");
        assert_eq!(r("me/app:v1.2"), "me/app:v1.2");
        assert!(Reference::parse("App").is_err());
        assert!(Reference::parse("a:b:c").is_err());
        assert_eq!(Reference::parse("alpine").unwrap().full_name(), "docker.io/library/alpine:latest");
    }
}
