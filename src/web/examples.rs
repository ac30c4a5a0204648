//! The teaching examples bundled into the page (sources in `www/examples/<name>/`).

use std::rc::Rc;

use super::state::{Context, CtxEntry};

/// One bundled example.
pub struct Example {
    /// Short name used in URLs (`?example=alpine`).
    pub name: &'static str,
    /// Title for the menu.
    pub title: &'static str,
    /// Its Dockerfile.
    pub dockerfile: &'static str,
    /// Context files: path, contents, mode.
    pub files: &'static [(&'static str, &'static str, u32)],
}

/// Every example; the first is opened on a first visit.
pub const EXAMPLES: &[Example] = &[
    Example {
        name: "apt-layers",
        title: "Debian: apt-get in separate RUNs",
        dockerfile: include_str!("../../www/examples/apt-layers/Dockerfile"),
        files: &[],
    },
    Example {
        name: "apt-one-run",
        title: "Debian: one RUN with cleanup",
        dockerfile: include_str!("../../www/examples/apt-one-run/Dockerfile"),
        files: &[],
    },
    Example {
        name: "alpine",
        title: "Alpine: package, script and user",
        dockerfile: include_str!("../../www/examples/alpine/Dockerfile"),
        files: &[
            ("greet.sh", include_str!("../../www/examples/alpine/greet.sh"), 0o644),
            (".dockerignore", include_str!("../../www/examples/alpine/.dockerignore"), 0o644),
        ],
    },
    Example {
        name: "multi-stage",
        title: "Multi-stage build",
        dockerfile: include_str!("../../www/examples/multi-stage/Dockerfile"),
        files: &[("app/hello.sh", include_str!("../../www/examples/multi-stage/app/hello.sh"), 0o755)],
    },
    Example {
        name: "whiteout",
        title: "Deleting in a later layer (whiteouts)",
        dockerfile: include_str!("../../www/examples/whiteout/Dockerfile"),
        files: &[],
    },
];

/// The example called `name`.
pub fn find(name: &str) -> Option<&'static Example> {
    EXAMPLES.iter().find(|e| e.name == name)
}

impl Example {
    /// The example's build context, parent folders included.
    pub fn context(&self) -> Context {
        let mut ctx = Context::new();
        for (path, text, mode) in self.files {
            let parts: Vec<&str> = path.split('/').collect();
            for i in 1..parts.len() {
                ctx.insert(parts[..i].join("/"), CtxEntry::Dir);
            }
            ctx.insert((*path).to_string(), CtxEntry::File { data: Rc::from(text.as_bytes()), mode: *mode });
        }
        ctx
    }
}
