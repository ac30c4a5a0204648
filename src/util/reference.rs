//! Image references as Docker normalizes them: `alpine` is `alpine:latest` in its familiar
//! form and `docker.io/library/alpine:latest` in full; `docker.io/library/alpine:3.20`,
//! `library/alpine:3.20` and `alpine:3.20` are the same reference. The one parser of the
//! tree: the store, the catalogue and the archive readers and writers all use it.

/// Longest repository path a registry accepts (distribution/reference's
/// `RepositoryNameTotalLengthMax`).
const MAX_PATH_LEN: usize = 255;

/// A normalized `repository:tag` reference.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Reference {
    /// Repository in its familiar form, as `docker images` shows it (`alpine`, `myorg/app`,
    /// `localhost:5000/app`, `gcr.io/distroless/static`).
    pub repository: String,
    /// Tag (`latest` when none was given).
    pub tag: String,
}

impl Reference {
    /// Parses and normalizes `name[:tag]`. Errors use Docker's wording.
    pub fn parse(s: &str) -> Result<Reference, String> {
        let s = s.trim();
        if s.is_empty() || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err("invalid reference format".into());
        }
        if s.contains('@') {
            return Err(format!("invalid reference format: digest references are not supported here: {s}"));
        }
        let (name, tag) = match s.rfind(':') {
            Some(i) if !s[i + 1..].contains('/') => (&s[..i], &s[i + 1..]),
            _ => (s, "latest"),
        };
        let tag_ok = !tag.is_empty()
            && tag.len() <= 128
            && tag.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-'))
            && !tag.starts_with(['.', '-']);
        if name.is_empty() || !tag_ok {
            return Err("invalid reference format".into());
        }
        let mut parts: Vec<&str> = name.split('/').collect();
        let first = parts[0];
        let domain = if parts.len() > 1 && (first.contains(['.', ':']) || first == "localhost") {
            Some(parts.remove(0))
        } else {
            None
        };
        let remote = parts.join("/");
        if remote.chars().any(|c| c.is_ascii_uppercase()) {
            let shown = if domain.is_none() && parts.len() == 1 { format!("library/{remote}") } else { remote };
            return Err(format!("invalid reference format: repository name ({shown}) must be lowercase"));
        }
        let component_ok = |c: &&str| {
            !c.is_empty()
                && c.chars().all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || matches!(ch, '.' | '_' | '-'))
                && c.starts_with(|ch: char| ch.is_ascii_alphanumeric())
                && c.ends_with(|ch: char| ch.is_ascii_alphanumeric())
        };
        if parts.is_empty() || !parts.iter().all(component_ok) {
            return Err("invalid reference format".into());
        }
        let hub = matches!(domain, None | Some("docker.io" | "index.docker.io" | "registry-1.docker.io"));
        let repository = if hub {
            if parts.len() == 2 && parts[0] == "library" {
                parts[1].to_string()
            } else {
                parts.join("/")
            }
        } else {
            format!("{}/{}", domain.unwrap_or_default(), parts.join("/"))
        };
        let reference = Reference { repository, tag: tag.to_string() };
        // distribution/reference measures the path inside the registry (`library/…` included).
        if reference.path().len() > MAX_PATH_LEN {
            return Err("repository name must not be more than 255 characters".into());
        }
        Ok(reference)
    }

    /// The registry host (`docker.io`, `ghcr.io`, `localhost:5000`).
    pub fn domain(&self) -> &str {
        match self.repository.split_once('/') {
            Some((first, _)) if first.contains(['.', ':']) || first == "localhost" => first,
            _ => "docker.io",
        }
    }

    /// The repository path inside its registry (`library/alpine`, `me/app`, `distroless/static`).
    pub fn path(&self) -> String {
        if self.domain() != "docker.io" {
            return self.repository[self.domain().len() + 1..].to_string();
        }
        if self.repository.contains('/') {
            self.repository.clone()
        } else {
            format!("library/{}", self.repository)
        }
    }

    /// True for a Docker Hub official image (`alpine`, `library/alpine`).
    pub fn is_official(&self) -> bool {
        !self.repository.contains('/')
    }

    /// The fully qualified name (`docker.io/library/alpine:3.20`).
    pub fn full_name(&self) -> String {
        format!("{}/{}:{}", self.domain(), self.path(), self.tag)
    }
}

impl std::fmt::Display for Reference {
    /// The familiar form (`alpine:3.20`), as `docker images` and `RepoTags` show it.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.repository, self.tag)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> String {
        Reference::parse(s).unwrap().to_string()
    }

    #[test]
    fn normalizing() {
        assert_eq!(r("alpine"), "alpine:latest");
        assert_eq!(r("docker.io/library/alpine:3.20"), "alpine:3.20");
        assert_eq!(r("index.docker.io/library/alpine:3.20"), "alpine:3.20");
        assert_eq!(r("library/debian:bookworm-slim"), "debian:bookworm-slim");
        assert_eq!(r("docker.io/me/app"), "me/app:latest");
        assert_eq!(r("localhost:5000/app"), "localhost:5000/app:latest");
        assert_eq!(r("me/app:v1.2"), "me/app:v1.2");
        assert_eq!(r("gcr.io/distroless/static:nonroot"), "gcr.io/distroless/static:nonroot");
    }

    #[test]
    fn full_names() {
        let full = |s| Reference::parse(s).unwrap().full_name();
        assert_eq!(full("busybox"), "docker.io/library/busybox:latest");
        assert_eq!(full("me/app:1.0"), "docker.io/me/app:1.0");
        assert_eq!(full("localhost:5000/app"), "localhost:5000/app:latest");
        assert_eq!(full("gcr.io/distroless/static"), "gcr.io/distroless/static:latest");
        let a = Reference::parse("alpine").unwrap();
        assert_eq!((a.domain(), a.path().as_str(), a.is_official()), ("docker.io", "library/alpine", true));
        assert!(!Reference::parse("someone/alpine").unwrap().is_official());
    }

    #[test]
    fn rejects_what_docker_rejects() {
        assert_eq!(
            Reference::parse("App").unwrap_err(),
            "invalid reference format: repository name (library/App) must be lowercase"
        );
        assert_eq!(
            Reference::parse("me/App:v1").unwrap_err(),
            "invalid reference format: repository name (me/App) must be lowercase"
        );
        for bad in ["", "a:b:c", "a:", "a/../b", "a@sha256:00", "a b", ":tag", "a:-x", "-a"] {
            assert!(Reference::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(Reference::parse("a/../b").unwrap_err(), "invalid reference format");
    }

    #[test]
    fn repository_paths_over_255_characters_are_refused() {
        let too_long = "repository name must not be more than 255 characters";
        // `library/` counts: 247 characters make a 255-character path, 248 one too many.
        assert!(Reference::parse(&"a".repeat(247)).is_ok());
        assert_eq!(Reference::parse(&"a".repeat(248)).unwrap_err(), too_long);
        assert!(Reference::parse(&format!("me/{}", "a".repeat(252))).is_ok());
        assert_eq!(Reference::parse(&format!("me/{}", "a".repeat(253))).unwrap_err(), too_long);
        // The registry host is not part of the path.
        assert!(Reference::parse(&format!("ghcr.io/{}", "a".repeat(255))).is_ok());
    }
}
