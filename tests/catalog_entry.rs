//! One data entry is a whole image: an entry the test adds to the catalogue's data (as the
//! page adds what it fetched) is pulled, built on, run, listed and searched, with no other
//! code naming it. (Its own test binary: the entry is global data.)

use layerlab::build::{BuildRequest, Context};
use layerlab::catalog::data;
use layerlab::engine::Engine;

const ENTRY: &str = r#"{
  "repository": "greeter",
  "description": "A greeting for the catalogue's one-entry test.",
  "stars": 7,
  "sources": ["tests/catalog_entry.rs"],
  "images": [
    {
      "tags": ["1.0", "latest"],
      "created": "2025-02-03T04:05:06Z",
      "parent": "alpine:3.20",
      "layers": [
        { "kind": "files", "files": ["D /usr/share/greeter", "X /usr/local/bin/greet #!/bin/sh\\necho \"hello from ${GREETING:-the catalogue}\"\\n", "f /usr/share/greeter/words.db 1.5M"] },
        { "kind": "files", "package": "jq", "version": "1.7.1", "files": ["f /usr/local/bin/jq 1.5M"] }
      ],
      "config": {
        "Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "GREETING=greeter 1.0"],
        "Cmd": ["greet"],
        "WorkingDir": "/usr/share/greeter",
        "ExposedPorts": ["8080/tcp"],
        "Labels": { "org.opencontainers.image.version": "1.0" }
      },
      "history": [
        { "created_by": "COPY greet words.db / # buildkit", "comment": "buildkit.dockerfile.v0" },
        { "created_by": "COPY jq /usr/local/bin/ # buildkit", "comment": "buildkit.dockerfile.v0" },
        { "created_by": "CMD [\"greet\"]", "comment": "buildkit.dockerfile.v0", "empty_layer": true }
      ],
      "programs": ["greet"]
    }
  ]
}
"#;

fn run(e: &mut Engine, line: &str) -> (i32, String, String) {
    let o = e.exec_line(line);
    (o.code, o.stdout, o.stderr)
}

#[test]
fn a_test_only_entry_is_pulled_built_on_run_and_listed() {
    let mut e = Engine::new(|| 1_750_000_000);
    let (code, _, err) = run(&mut e, "docker pull greeter");
    assert_ne!(code, 0, "not in the catalogue yet");
    assert!(err.contains("pull access denied for greeter"), "{err}");
    assert!(
        err.contains("its catalogue has alpine, ") && err.contains(" busybox, ") && err.contains(" debian, "),
        "the error lists the catalogue: {err}"
    );
    assert!(!run(&mut e, "docker pull --help").1.contains("greeter"));

    data::provide("images/greeter.json", ENTRY).unwrap();
    let (code, help, _) = run(&mut e, "docker pull --help");
    assert_eq!(code, 0);
    assert!(help.starts_with("\nUsage:  docker pull [OPTIONS] NAME[:TAG|@DIGEST]\n"), "{help}");
    assert!(help.contains("\nImages available offline (layerlab's catalogue):\n  alpine: 3.21, 3.21.2, "), "{help}");
    assert!(help.contains("\n  greeter: 1.0, latest\n"), "{help}");

    let (code, out, err) = run(&mut e, "docker pull greeter:1.0");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("1.0: Pulling from library/greeter"), "{out}");
    assert!(out.contains("Status: Downloaded newer image for greeter:1.0"), "{out}");

    let (code, out, err) = run(&mut e, "docker run --rm greeter:1.0");
    assert_eq!((code, out.as_str()), (0, "hello from greeter 1.0\n"), "{err}");

    let (_, out, _) = run(&mut e, "docker images greeter");
    assert!(out.lines().nth(1).is_some_and(|l| l.starts_with("greeter ") && l.contains("1.0")), "{out}");
    let (_, out, _) = run(&mut e, "docker history greeter:1.0");
    let rows: Vec<&str> = out.lines().collect();
    assert!(
        rows[1].contains("CMD [\"greet\"]")
            && rows[2].contains("COPY jq /usr/local/bin/")
            && rows[3].contains("COPY greet words.db /"),
        "{out}"
    );
    assert!(
        rows.iter().any(|r| r.contains("ADD alpine-minirootfs-3.20.3-x86_64.tar.gz")),
        "the parent's history comes first: {out}"
    );
    let (_, out, _) =
        run(&mut e, "docker inspect --format '{{.Config.WorkingDir}} {{json .Config.ExposedPorts}}' greeter:1.0");
    assert_eq!(out, "/usr/share/greeter {\"8080/tcp\":{}}\n");

    let req = BuildRequest {
        dockerfile: "FROM greeter\nRUN greet > /greeting.txt && test -s /usr/share/greeter/words.db\nCMD [\"cat\", \"/greeting.txt\"]\n".into(),
        context: Context::new(),
        tags: vec!["mine:latest".into()],
        ..Default::default()
    };
    let mut job = e.start_build(req);
    while !job.is_done() {
        e.build_step(&mut job);
    }
    assert!(job.result().unwrap().is_ok(), "{:?}", job.result());
    let (code, out, _) = run(&mut e, "docker run --rm mine");
    assert_eq!((code, out.as_str()), (0, "hello from greeter 1.0\n"));
    // A program an image layer put on PATH runs, knowing its version, with no package installed.
    let (code, out, err) = run(&mut e, "docker run --rm greeter:1.0 jq --version");
    assert_eq!((code, out.as_str()), (0, "jq-1.7.1\n"), "{err}");

    let (_, out, _) = run(&mut e, "docker search greeter");
    assert_eq!(
        out.lines().nth(1).map(|l| l.split_whitespace().collect::<Vec<_>>().join(" ")),
        Some("greeter A greeting for the catalogue's one-entry tes… 7 [OK]".into()),
        "{out}"
    );
}
