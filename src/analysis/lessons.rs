//! The guided lessons: data files under `www/lessons/`, one per lesson, each a Dockerfile
//! with its build context, a few sentences, a task, the commands to try, and the
//! Dockerfile after the task is done.
//!
//! A lesson file is a txtar-like text: `key: value` header lines (`title`, `task`), a
//! blank line, the prose, then sections that each start with a `-- name --` line:
//! `Dockerfile`, `commands` (one docker command a line), `solution` (the Dockerfile once
//! the task is done) and every other name is a context file (`app/hello.sh`,
//! `.dockerignore`). Adding a lesson is adding a file and a line to [`SOURCES`].

use crate::build::Context;

/// Every lesson file, in teaching order: (name, text).
pub const SOURCES: &[(&str, &str)] = &[
    ("layers", include_str!("../../www/lessons/layers.txt")),
    ("empty-layers", include_str!("../../www/lessons/empty-layers.txt")),
    ("whiteout", include_str!("../../www/lessons/whiteout.txt")),
    ("copy-up", include_str!("../../www/lessons/copy-up.txt")),
    ("build-cache", include_str!("../../www/lessons/build-cache.txt")),
    ("multi-stage", include_str!("../../www/lessons/multi-stage.txt")),
    ("cmd-entrypoint", include_str!("../../www/lessons/cmd-entrypoint.txt")),
    ("arg-env", include_str!("../../www/lessons/arg-env.txt")),
    ("dockerignore", include_str!("../../www/lessons/dockerignore.txt")),
    ("scratch", include_str!("../../www/lessons/scratch.txt")),
    ("container-commit", include_str!("../../www/lessons/container-commit.txt")),
    ("save-export", include_str!("../../www/lessons/save-export.txt")),
    ("dangling", include_str!("../../www/lessons/dangling.txt")),
    ("one-run", include_str!("../../www/lessons/one-run.txt")),
];

/// One lesson.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lesson {
    /// Short name (the file name without `.txt`), used in URLs.
    pub name: String,
    /// Title for the gallery.
    pub title: String,
    /// What the lesson explains: a few sentences.
    pub text: String,
    /// What the learner should try.
    pub task: String,
    /// The Dockerfile the lesson opens with.
    pub dockerfile: String,
    /// The build context's files: relative path and text.
    pub files: Vec<(String, String)>,
    /// Docker commands to type in the terminal, in order.
    pub commands: Vec<String>,
    /// The Dockerfile once the task is done, if the task edits it.
    pub solution: Option<String>,
}

impl Lesson {
    /// The build context (files with mode 0644, `.sh` files 0755).
    pub fn context(&self) -> Context {
        let mut ctx = Context::new();
        for (path, text) in &self.files {
            let mode = if path.ends_with(".sh") { 0o755 } else { 0o644 };
            ctx.add_file_mode(path, text.as_str(), mode);
        }
        ctx
    }
}

/// Reads a lesson file; the error names what is missing.
pub fn parse(name: &str, text: &str) -> Result<Lesson, String> {
    let mut lesson = Lesson {
        name: name.to_string(),
        title: String::new(),
        text: String::new(),
        task: String::new(),
        dockerfile: String::new(),
        files: Vec::new(),
        commands: Vec::new(),
        solution: None,
    };
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next_if(|l| !l.trim().is_empty()) {
        match line.split_once(':') {
            Some(("title", v)) => lesson.title = v.trim().to_string(),
            Some(("task", v)) => lesson.task = v.trim().to_string(),
            _ => return Err(format!("lesson {name}: header line without a known key: {line}")),
        }
    }
    let mut section: Option<String> = None;
    let mut body = String::new();
    let mut prose = String::new();
    let finish = |section: Option<String>, body: &mut String, prose: &mut String, lesson: &mut Lesson| {
        let b = std::mem::take(body);
        match section.as_deref() {
            None => *prose = b,
            Some("Dockerfile") => lesson.dockerfile = b,
            Some("solution") => lesson.solution = Some(b),
            Some("commands") => {
                lesson.commands = b.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect()
            }
            Some(path) => lesson.files.push((path.to_string(), b)),
        }
    };
    for line in lines {
        if let Some(n) = line.strip_prefix("-- ").and_then(|l| l.strip_suffix(" --")) {
            finish(section.take(), &mut body, &mut prose, &mut lesson);
            section = Some(n.trim().to_string());
            continue;
        }
        body.push_str(line);
        body.push('\n');
    }
    finish(section, &mut body, &mut prose, &mut lesson);
    lesson.text = prose
        .split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    if lesson.title.is_empty() || lesson.task.is_empty() || lesson.text.is_empty() || lesson.dockerfile.is_empty() {
        return Err(format!("lesson {name}: needs a title, a task, some text and a Dockerfile"));
    }
    Ok(lesson)
}

/// Every lesson, in order.
pub fn all() -> Vec<Lesson> {
    SOURCES.iter().filter_map(|(name, text)| parse(name, text).ok()).collect()
}

/// The lesson called `name`.
pub fn find(name: &str) -> Option<Lesson> {
    SOURCES.iter().find(|(n, _)| *n == name).and_then(|(n, t)| parse(n, t).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lesson_file_reads_into_its_parts() {
        let text = "title: T\ntask: Do it.\n\nFirst\nparagraph.\n\nSecond.\n-- Dockerfile --\nFROM busybox:1.37\n-- commands --\ndocker build -t x .\n\ndocker images\n-- app/a.sh --\necho hi\n-- solution --\nFROM scratch\n";
        let l = parse("t", text).unwrap();
        assert_eq!((l.title.as_str(), l.task.as_str()), ("T", "Do it."));
        assert_eq!(l.text, "First paragraph.\n\nSecond.");
        assert_eq!(l.dockerfile, "FROM busybox:1.37\n");
        assert_eq!(l.commands, vec!["docker build -t x .", "docker images"]);
        assert_eq!(l.files, vec![("app/a.sh".to_string(), "echo hi\n".to_string())]);
        assert_eq!(l.solution.as_deref(), Some("FROM scratch\n"));
        assert!(l.context().file("app/a.sh").is_some());
        assert!(parse("bad", "title: T\n\ntext\n").is_err());
    }

    #[test]
    fn every_lesson_file_is_listed_and_reads() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/www/lessons");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .filter_map(|e| e.file_name().to_str()?.strip_suffix(".txt").map(String::from))
            .collect();
        crate::util::sort::sort(&mut on_disk);
        let mut listed: Vec<String> = SOURCES.iter().map(|(n, _)| n.to_string()).collect();
        crate::util::sort::sort(&mut listed);
        assert_eq!(on_disk, listed);
        for (name, text) in SOURCES {
            parse(name, text).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}
