//! The image references a Dockerfile or a docker command line may pull, so a host that
//! provides the catalogue's data on demand (the page) knows what to fetch before it runs
//! the synchronous engine (see [`super::data::missing`]). Liberal on purpose: a word that
//! names no catalogue image (a stage name, a container name) costs nothing.

use crate::dockerfile::{self, expand::expand_word, Command};

/// Every `FROM` image and `COPY --from` value of `src` with its line, the `ARG`s declared
/// before the first `FROM` expanded (their defaults, overridden by `build_args`). Empty
/// when the Dockerfile does not parse (the build then reports why).
pub fn in_dockerfile(src: &str, build_args: &[(String, String)]) -> Vec<(usize, String)> {
    let Ok(df) = dockerfile::parse(src) else { return Vec::new() };
    let mut meta: Vec<(String, String)> = Vec::new();
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut seen_from = false;
    for i in &df.instructions {
        let word = match &i.command {
            Command::Arg(args) if !seen_from => {
                for (name, default) in args {
                    let given = build_args.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.clone());
                    let lookup = |n: &str| lookup(&meta, n);
                    let value =
                        given.or_else(|| default.as_ref().and_then(|d| expand_word(d, df.escape, &lookup).ok()));
                    meta.push((name.clone(), value.unwrap_or_default()));
                }
                continue;
            }
            Command::From { image, .. } => {
                seen_from = true;
                image
            }
            Command::Copy { from: Some(from), .. } => from,
            _ => continue,
        };
        if let Ok(w) = expand_word(word, df.escape, &|n: &str| lookup(&meta, n)) {
            if !w.is_empty() && !out.iter().any(|(_, r)| *r == w) {
                out.push((i.start_line, w));
            }
        }
    }
    out
}

fn lookup(meta: &[(String, String)], name: &str) -> Option<String> {
    meta.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.clone())
}

/// The words of a docker command line (`argv` after `docker`) that may name an image to
/// pull: the operands of `pull`, `run` and `create` (also as `image pull`, `container
/// run`, `container create`). Empty for every other command.
pub fn in_command(argv: &[String]) -> Vec<String> {
    let words: Vec<&str> = argv.iter().map(String::as_str).collect();
    let rest = match words.as_slice() {
        ["pull" | "run" | "create", rest @ ..] => rest,
        ["image", "pull", rest @ ..] | ["container", "run" | "create", rest @ ..] => rest,
        _ => return Vec::new(),
    };
    rest.iter().filter(|w| !w.starts_with('-') && !w.is_empty()).map(|w| w.to_string()).collect()
}

/// Whether a docker command line (`argv` after `docker`) builds a Dockerfile (`build`,
/// `image build`, `buildx build`), whose `FROM` images it then pulls.
pub fn builds(argv: &[String]) -> bool {
    let words: Vec<&str> = argv.iter().take(2).map(String::as_str).collect();
    matches!(words.as_slice(), ["build", ..] | ["image" | "buildx", "build"])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dockerfile_references_expand_meta_args() {
        let src = "ARG BASE=python\nARG TAG=3.12-slim\nFROM ${BASE}:$TAG AS build\nRUN echo hi\nFROM nginx\nCOPY --from=build /a /b\nCOPY --from=redis:7 /x /y\n";
        let refs = in_dockerfile(src, &[]);
        let words: Vec<&str> = refs.iter().map(|(_, r)| r.as_str()).collect();
        assert_eq!(words, ["python:3.12-slim", "nginx", "build", "redis:7"]);
        assert_eq!((refs[0].0, refs[1].0), (3, 5));
        let args = [("TAG".to_string(), "3.11".to_string())];
        assert_eq!(in_dockerfile(src, &args)[0], (3, "python:3.11".to_string()));
        assert!(in_dockerfile("FROM", &[]).is_empty());
    }

    #[test]
    fn command_references_are_the_operands_of_pull_run_and_create() {
        let argv = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        assert_eq!(in_command(&argv("run -it --rm ubuntu:18.04 bash")), ["ubuntu:18.04", "bash"]);
        assert_eq!(in_command(&argv("image pull hello-world")), ["hello-world"]);
        assert_eq!(in_command(&argv("container create nginx")), ["nginx"]);
        assert!(in_command(&argv("images")).is_empty());
        assert!(in_command(&argv("search nginx")).is_empty());
        assert!(builds(&argv("build -t x .")) && builds(&argv("image build .")) && builds(&argv("buildx build .")));
        assert!(!builds(&argv("pull build")) && !builds(&argv("run -it alpine")));
    }
}
