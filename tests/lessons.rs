//! Every lesson under `www/lessons/` builds, its commands run as a learner would type
//! them, and the point it teaches shows in the result.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use layerlab::analysis::lessons::{self, Lesson};
use layerlab::analysis::{analyze, measure};
use layerlab::build::Context;
use layerlab::engine::{Engine, Host, Output};
use layerlab::image::{Image, Store};
use layerlab::vfs::Tree;

/// The lesson's folder as the terminal sees it: its Dockerfile and context at `.`, and
/// the files `save`/`export` write.
#[derive(Clone)]
struct LessonHost {
    dockerfile: Rc<RefCell<String>>,
    context: Rc<RefCell<Context>>,
    written: Rc<RefCell<BTreeMap<String, Vec<u8>>>>,
}

impl Host for LessonHost {
    fn load_context(&self, path: &str, dockerfile: Option<&str>) -> Result<(String, Context), String> {
        if path != "." || dockerfile.is_some() {
            return Err(format!("unable to prepare context: path \"{path}\" not found"));
        }
        Ok((self.dockerfile.borrow().clone(), self.context.borrow().clone()))
    }

    fn read_file(&self, path: &str) -> Result<Vec<u8>, String> {
        self.written.borrow().get(path).cloned().ok_or_else(|| format!("open {path}: no such file or directory"))
    }

    fn write_file(&mut self, path: &str, bytes: &[u8]) -> Result<(), String> {
        self.written.borrow_mut().insert(path.to_string(), bytes.to_vec());
        Ok(())
    }

    fn stdout_is_terminal(&self) -> bool {
        false
    }
}

struct Session {
    engine: Engine,
    host: LessonHost,
    lesson: Lesson,
}

impl Session {
    fn new(name: &str) -> Session {
        let lesson = lessons::find(name).unwrap_or_else(|| panic!("no lesson {name}"));
        let host = LessonHost {
            dockerfile: Rc::new(RefCell::new(lesson.dockerfile.clone())),
            context: Rc::new(RefCell::new(lesson.context())),
            written: Rc::default(),
        };
        let mut engine = Engine::new(|| 1_700_000_000);
        engine.set_host(host.clone());
        Session { engine, host, lesson }
    }

    /// Runs a command line; it must succeed.
    fn run(&mut self, line: &str) -> Output {
        let out = self.engine.exec_line(line);
        assert_eq!(out.code, 0, "lesson {}: `{line}` failed:\n{}{}", self.lesson.name, out.stdout, out.stderr);
        out
    }

    /// Runs the lesson's own commands, in order.
    fn run_lesson_commands(&mut self) -> Vec<Output> {
        let cmds = self.lesson.commands.clone();
        assert!(!cmds.is_empty(), "lesson {} has no commands", self.lesson.name);
        cmds.iter().map(|c| self.run(c)).collect()
    }

    fn image(&self, name: &str) -> Image {
        self.engine.store.resolve(name).unwrap_or_else(|e| panic!("{name}: {e}")).clone()
    }
}

fn build(lesson: &Lesson, dockerfile: &str) -> measure::Built {
    let mut store = Store::new();
    measure::build(&mut store, dockerfile, &lesson.context())
        .unwrap_or_else(|e| panic!("lesson {}: {e}\n{dockerfile}", lesson.name))
}

fn base_layers(reference: &str) -> (usize, u64) {
    let mut store = Store::new();
    let (id, _) = layerlab::build::resolve_base(&mut store, reference).unwrap();
    let img = store.get(&id).unwrap();
    (img.layers.len(), img.size())
}

fn tree(img: &Image) -> Tree {
    Tree::from_layers(img.layers.iter().map(|l| l.layer()))
}

fn read(img: &Image, path: &str) -> String {
    let c = tree(img).read("/", path).unwrap_or_else(|e| panic!("{path}: {e:?}"));
    String::from_utf8_lossy(&c.bytes()).into_owned()
}

fn solution(l: &Lesson) -> &str {
    l.solution.as_deref().unwrap_or_else(|| panic!("lesson {} has no solution", l.name))
}

#[test]
fn every_lesson_is_checked() {
    let checked = [
        "layers",
        "empty-layers",
        "whiteout",
        "copy-up",
        "build-cache",
        "multi-stage",
        "cmd-entrypoint",
        "arg-env",
        "dockerignore",
        "scratch",
        "container-commit",
        "save-export",
        "dangling",
        "one-run",
    ];
    let all: Vec<String> = lessons::all().into_iter().map(|l| l.name).collect();
    assert_eq!(all.len(), lessons::SOURCES.len(), "a lesson file does not read");
    for name in &all {
        assert!(checked.contains(&name.as_str()), "lesson {name} has no test of its point");
    }
}

#[test]
fn layers_one_per_filesystem_instruction() {
    let mut s = Session::new("layers");
    s.run_lesson_commands();
    let (base, _) = base_layers("busybox:1.37");
    let img = s.image("layers");
    assert_eq!(img.layers.len(), base + 2);
    assert!(img.layers[base + 1].layer().get("/greeting.txt").is_some());
    assert!(img.layers[base + 1].layer().get("/hello.txt").is_none());
    assert_eq!(build(&s.lesson, solution(&s.lesson)).layer_count(), base + 3);
}

#[test]
fn empty_layers_for_metadata_steps() {
    let mut s = Session::new("empty-layers");
    let out = s.run_lesson_commands();
    let (base, _) = base_layers("busybox:1.37");
    let img = s.image("empty");
    assert_eq!(img.layers.len(), base + 1);
    let own: Vec<bool> = img.config.history.iter().rev().take(5).rev().map(|h| h.empty_layer).collect();
    assert_eq!(own, vec![true, true, true, false, true]);
    assert_eq!(out[2].stdout, "hello\n");
}

#[test]
fn whiteout_image_is_not_smaller() {
    let mut s = Session::new("whiteout");
    s.run_lesson_commands();
    let (_, base_size) = base_layers("busybox:1.37");
    let img = s.image("whiteout");
    assert_eq!(img.size(), base_size + 2_000_000, "deleting did not shrink the image");
    assert_eq!(analyze(&img).wasted_bytes, 2_000_000);
    assert_eq!(build(&s.lesson, solution(&s.lesson)).size(), base_size);
}

#[test]
fn copy_up_ships_the_file_twice() {
    let mut s = Session::new("copy-up");
    s.run_lesson_commands();
    let img = s.image("copyup");
    let n = img.layers.len();
    assert_eq!((img.layers[n - 2].size, img.layers[n - 1].size), (1_000_000, 1_000_000));
    assert_eq!(analyze(&img).wasted_bytes, 1_000_000);
    let fixed = build(&s.lesson, solution(&s.lesson));
    assert_eq!(fixed.size() + 1_000_000, img.size());
}

/// Builds the current Dockerfile and returns which Dockerfile lines came from the cache.
fn cached_lines(s: &mut Session) -> Vec<usize> {
    let req = layerlab::build::BuildRequest {
        dockerfile: s.host.dockerfile.borrow().clone(),
        context: s.host.context.borrow().clone(),
        tags: vec!["cache".into()],
        ..Default::default()
    };
    let mut job = s.engine.start_build(req);
    let mut cached = Vec::new();
    while !job.is_done() {
        for ev in s.engine.build_step(&mut job) {
            if let layerlab::build::Event::Layer(l) = ev {
                if l.cached {
                    cached.push(l.line);
                }
            }
        }
    }
    assert!(matches!(job.result(), Some(Ok(_))), "{:?}", job.result());
    cached
}

#[test]
fn build_cache_depends_on_instruction_order() {
    let mut s = Session::new("build-cache");
    let out = s.run_lesson_commands();
    assert!(!out[0].stdout.contains("Using cache"));
    assert_eq!(out[1].stdout.matches("Using cache").count(), 4, "{}", out[1].stdout);
    s.host.context.borrow_mut().add_file("VERSION", "1.1\n");
    assert_eq!(cached_lines(&mut s), vec![1, 2], "the install after COPY . must run again");
    *s.host.dockerfile.borrow_mut() = solution(&s.lesson).to_string();
    cached_lines(&mut s);
    s.host.context.borrow_mut().add_file("VERSION", "1.2\n");
    assert_eq!(cached_lines(&mut s), vec![1, 2, 3], "with the install first, an edit reuses it");
}

#[test]
fn multi_stage_ships_only_the_last_stage() {
    let mut s = Session::new("multi-stage");
    let out = s.run_lesson_commands();
    let (small, big) = (s.image("small"), s.image("big"));
    let (base, _) = base_layers("busybox:1.37");
    assert_eq!(small.layers.len(), base + 1);
    assert!(small.size() < big.size(), "{} vs {}", small.size(), big.size());
    assert!(tree(&small).get("/usr/bin/make").is_none());
    assert_eq!(out[3].stdout, "hello from a small image\n");
}

#[test]
fn entrypoint_exec_form_takes_arguments_shell_form_ignores_them() {
    let mut s = Session::new("cmd-entrypoint");
    let out = s.run_lesson_commands();
    assert_eq!(out[1].stdout, "Hello, world\n");
    assert_eq!(out[2].stdout, "Hello, Docker\n");
    *s.host.dockerfile.borrow_mut() = solution(&s.lesson).to_string();
    s.run("docker build -t greet .");
    assert_eq!(s.run("docker run --rm greet Docker").stdout, "Hello,\n");
}

#[test]
fn arg_is_gone_after_the_build_env_stays() {
    let mut s = Session::new("arg-env");
    let out = s.run_lesson_commands();
    assert_eq!(out[1].stdout, "VERSION= APP_HOME=/app\n1.0\n");
    assert_eq!(out[3].stdout, "VERSION= APP_HOME=/app\n2.0\n");
    let env = s.image("args").config.config.env.clone();
    assert!(env.iter().any(|e| e == "APP_HOME=/app"), "{env:?}");
    assert!(!env.iter().any(|e| e.starts_with("VERSION=")), "{env:?}");
}

#[test]
fn dockerignore_keeps_files_out() {
    let mut s = Session::new("dockerignore");
    let out = s.run_lesson_commands();
    let listing = &out[1].stdout;
    assert!(listing.contains("app.sh"), "{listing}");
    assert!(!listing.contains("debug.log") && !listing.contains(".env"), "{listing}");
    let t = tree(&s.image("ignore"));
    assert!(t.get("/app/.env").is_none(), "{:?}", t.get("/app/.env"));
    assert!(
        t.get("/app/app.sh").is_some(),
        "{:?}",
        t.iter().map(|(p, _)| p.as_str()).filter(|p| p.starts_with("/app")).collect::<Vec<_>>()
    );
}

#[test]
fn scratch_holds_only_what_is_copied() {
    let mut s = Session::new("scratch");
    s.run_lesson_commands();
    let img = s.image("empty");
    assert_eq!(img.layers.len(), 1);
    assert_eq!(img.size(), "nothing else is in this image\n".len() as u64);
    let with_run = format!("{}RUN echo hi\n", s.lesson.dockerfile);
    let mut store = Store::new();
    assert!(measure::build(&mut store, &with_run, &s.lesson.context()).is_err(), "RUN must fail without a shell");
}

#[test]
fn commit_captures_the_container_layer_without_a_recipe() {
    let mut s = Session::new("container-commit");
    let out = s.run_lesson_commands();
    assert_eq!(out[1].stdout, "A /index.html\n");
    let (committed, built) = (s.image("hello:commit"), s.image("hello:dockerfile"));
    assert_eq!(committed.layers.len(), built.layers.len());
    assert_eq!(read(&committed, "/index.html"), read(&built, "/index.html"));
    assert!(!out[3].stdout.contains("/bin/sh -c echo"), "{}", out[3].stdout);
    assert!(out[5].stdout.contains("/bin/sh -c echo"), "{}", out[5].stdout);
}

#[test]
fn save_keeps_layers_export_flattens() {
    let mut s = Session::new("save-export");
    s.run_lesson_commands();
    let (base, _) = base_layers("busybox:1.37");
    let (layered, flat) = (s.image("layered"), s.image("flat"));
    assert_eq!(layered.layers.len(), base + 2);
    assert_eq!(flat.layers.len(), 1);
    assert_eq!(flat.config.history.len(), 1);
    assert_eq!(read(&flat, "/two.txt"), "two\n");
    let written = s.host.written.borrow();
    assert!(written.contains_key("layered.tar") && written.contains_key("flat.tar"));
}

#[test]
fn rebuilding_a_tag_leaves_a_dangling_image_prune_removes_it() {
    let mut s = Session::new("dangling");
    let out = s.run_lesson_commands();
    assert!(out[2].stdout.contains("<none>"), "{}", out[2].stdout);
    assert_eq!(out[3].stdout.lines().count(), 2, "{}", out[3].stdout);
    assert!(out[4].stdout.contains("deleted: sha256:"), "{}", out[4].stdout);
    assert!(!out[5].stdout.contains("<none>"), "{}", out[5].stdout);
}

#[test]
fn one_run_with_cleanup_is_smaller() {
    let l = lessons::find("one-run").unwrap();
    let seven = build(&l, &l.dockerfile);
    let one = build(&l, solution(&l));
    assert!(one.size() < seven.size(), "{} vs {}", one.size(), seven.size());
    assert_eq!(seven.layer_count() - one.layer_count(), 5);
    let (w7, w1) = (analyze(&seven.image).wasted_bytes, analyze(&one.image).wasted_bytes);
    assert!(w7 > w1 + 10_000_000, "{w7} vs {w1}");
}
