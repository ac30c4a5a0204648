use crate::shell::{install_busybox, run_script, Budget, Process};
use crate::vfs::{Content, Meta, Tree};

fn tree(makefile: &str) -> Tree {
    let mut t = Tree::new();
    install_busybox(&mut t, 0);
    let m = Meta { mode: 0o755, uid: 0, gid: 0, mtime: 100 };
    t.mkdir_all("/", "/usr/bin", m).unwrap();
    t.write_file("/", "/usr/bin/make", Content::synthetic(235_000, 1, "make"), m).unwrap();
    t.mkdir_all("/", "/w", m).unwrap();
    t.write_file("/", "/w/Makefile", makefile.into(), Meta { mode: 0o644, ..m }).unwrap();
    t
}

fn sh(t: &mut Tree, script: &str) -> (i32, String) {
    let mut env = std::collections::BTreeMap::new();
    env.insert("PATH".to_string(), crate::util::DEFAULT_PATH.to_string());
    let p = Process {
        cwd: "/w".into(),
        env,
        uid: 0,
        gid: 0,
        now: 200,
        stdin: Vec::new(),
        network: Default::default(),
        procs: Vec::new(),
    };
    let o = run_script(t, &p, script, &mut Budget::default());
    (o.code, String::from_utf8_lossy(&o.combined).into_owned())
}

fn read(t: &Tree, p: &str) -> String {
    String::from_utf8_lossy(&t.read("/", p).unwrap().bytes()).into_owned()
}

#[test]
fn variables_targets_and_prerequisites() {
    let mut t = tree("CC = cc\nNAME := app\nOBJS = a.o b.o\nFLAGS ?= -O2\nFLAGS += -g\n\nall: $(NAME)\n\n$(NAME): $(OBJS)\n\techo link $@ from $^ with $(FLAGS) > $@\n\n%.o: %.src\n\t@echo build $< to $@\n\ttouch $@\n\n.PHONY: all clean\nclean:\n\trm -f *.o $(NAME)\n");
    t.write_file("/", "/w/a.src", "x".into(), Meta { mode: 0o644, uid: 0, gid: 0, mtime: 100 }).unwrap();
    t.write_file("/", "/w/b.src", "y".into(), Meta { mode: 0o644, uid: 0, gid: 0, mtime: 100 }).unwrap();
    let (code, out) = sh(&mut t, "make");
    assert_eq!(code, 0, "{out}");
    assert_eq!(
        out,
        "build a.src to a.o\ntouch a.o\nbuild b.src to b.o\ntouch b.o\necho link app from a.o b.o with -O2 -g > app\n"
    );
    assert_eq!(read(&t, "/w/app"), "link app from a.o b.o with -O2 -g\n");
    // Everything is up to date now.
    assert_eq!(sh(&mut t, "make app"), (0, "make: 'app' is up to date.\n".into()));
    assert_eq!(sh(&mut t, "make all"), (0, "make: Nothing to be done for 'all'.\n".into()));
    assert_eq!(
        sh(&mut t, "make FLAGS=-O0 -B app").1.lines().last().unwrap(),
        "echo link app from a.o b.o with -O0 > app"
    );
    assert_eq!(sh(&mut t, "make clean").0, 0);
    assert!(t.get("/w/app").is_none());
}

#[test]
fn functions_conditionals_and_errors() {
    let mut t = tree("SRCS = $(wildcard *.c)\nOBJS = $(SRCS:.c=.o)\nifeq ($(MODE),debug)\nX = dbg\nelse\nX = rel\nendif\nshow:\n\t@echo $(OBJS) $(patsubst %.c,%.x,$(SRCS)) $(X) $(words $(SRCS)) $(notdir /a/b.c) $(addprefix -I,inc lib)\n\t@echo $(foreach s,$(SRCS),[$(basename $(s))]) $(if $(X),yes,no) $(shell echo hi)\nfail:\n\tfalse\n\techo never\nsoft:\n\t-false\n\t@echo after\n");
    for f in ["/w/one.c", "/w/two.c"] {
        t.write_file("/", f, "int x;\n".into(), Meta::root(0o644)).unwrap();
    }
    assert_eq!(sh(&mut t, "make").1, "one.o two.o one.x two.x rel 2 b.c -Iinc -Ilib\n[one] [two] yes hi\n");
    assert_eq!(
        sh(&mut t, "make MODE=debug show").1.lines().next().unwrap(),
        "one.o two.o one.x two.x dbg 2 b.c -Iinc -Ilib"
    );
    assert_eq!(sh(&mut t, "make fail"), (2, "false\nmake: *** [Makefile:12: fail] Error 1\n".into()));
    assert_eq!(sh(&mut t, "make soft"), (0, "false\nmake: [Makefile:15: soft] Error 1 (ignored)\nafter\n".into()));
    assert_eq!(sh(&mut t, "make nothing"), (2, "make: *** No rule to make target 'nothing'.  Stop.\n".into()));
    assert_eq!(
        sh(&mut t, "cd / && make"),
        (2, "make: *** No targets specified and no makefile found.  Stop.\n".into())
    );
}

#[test]
fn recursion_and_directories() {
    let mut t = tree("default: all\n\n.DEFAULT:\n\tcd sub && $(MAKE) $@\n");
    t.mkdir_all("/", "/w/sub", Meta::root(0o755)).unwrap();
    t.write_file(
        "/",
        "/w/sub/Makefile",
        "all:\n\t@echo in sub level $(MAKELEVEL)\ninstall: all\n\t@echo installing\n".into(),
        Meta::root(0o644),
    )
    .unwrap();
    let (code, out) = sh(&mut t, "make -C /w");
    assert_eq!(code, 0, "{out}");
    assert_eq!(out, "make: Entering directory '/w'\ncd sub && make all\nmake[1]: Entering directory '/w/sub'\nin sub level 1\nmake[1]: Leaving directory '/w/sub'\nmake: Leaving directory '/w'\n");
    let (code, out) = sh(&mut t, "make install");
    assert_eq!(code, 0, "{out}");
    assert!(out.ends_with("in sub level 1\ninstalling\nmake[1]: Leaving directory '/w/sub'\n"), "{out}");
    assert_eq!(sh(&mut t, "make -C /nope").0, 2);
}
