//! Every lint hint fires on a Dockerfile that should trigger it, on the right line, and not
//! on its fixed version; the savings are measured by building both.

use layerlab::analysis::{lint, Hint};
use layerlab::build::Context;
use layerlab::image::Store;

struct Case {
    code: &'static str,
    line: usize,
    dockerfile: &'static str,
    files: &'static [(&'static str, &'static str)],
    /// The fixed Dockerfile for hints that offer no automatic fix.
    manual_fix: Option<&'static str>,
}

const CASES: &[Case] = &[
    Case {
        code: "apt-lists",
        line: 2,
        dockerfile: "FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nUSER nobody\n",
        files: &[],
        manual_fix: None,
    },
    Case {
        code: "apk-cache",
        line: 2,
        dockerfile: "FROM alpine:3.20\nRUN apk update && apk add curl\nUSER nobody\n",
        files: &[],
        manual_fix: None,
    },
    Case {
        code: "apt-recommends",
        line: 2,
        dockerfile: "FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nUSER nobody\n",
        files: &[],
        manual_fix: None,
    },
    Case {
        code: "merge-runs",
        line: 2,
        dockerfile: "FROM alpine:3.20\nRUN mkdir /app\nRUN echo hi > /app/hi\nUSER nobody\n",
        files: &[],
        manual_fix: None,
    },
    Case {
        code: "deleted-later",
        line: 2,
        dockerfile: "FROM alpine:3.20\nRUN dd if=/dev/zero of=/big bs=1000 count=100\nWORKDIR /srv\nRUN rm /big\nUSER nobody\n",
        files: &[],
        manual_fix: None,
    },
    Case {
        code: "add-for-copy",
        line: 2,
        dockerfile: "FROM alpine:3.20\nADD app.sh /app.sh\nUSER nobody\n",
        files: &[("app.sh", "echo hi\n")],
        manual_fix: None,
    },
    Case { code: "latest-tag", line: 1, dockerfile: "FROM alpine\nUSER nobody\n", files: &[], manual_fix: None },
    Case { code: "no-user", line: 1, dockerfile: "FROM alpine:3.20\nCMD [\"sh\"]\n", files: &[], manual_fix: None },
    Case {
        code: "secret-deleted",
        line: 2,
        dockerfile: "FROM alpine:3.20\nCOPY id_rsa /root/.ssh/id_rsa\nRUN wc -c /root/.ssh/id_rsa && rm /root/.ssh/id_rsa\nUSER nobody\n",
        files: &[("id_rsa", "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n")],
        manual_fix: Some("FROM alpine:3.20\nUSER nobody\n"),
    },
    Case {
        code: "cache-order",
        line: 3,
        dockerfile: "FROM alpine:3.20\nWORKDIR /app\nCOPY . .\nRUN apk add --no-cache make\nUSER nobody\n",
        files: &[("Makefile", "all:\n\techo hi\n")],
        manual_fix: None,
    },
    Case {
        code: "shell-entrypoint",
        line: 2,
        dockerfile: "FROM alpine:3.20\nENTRYPOINT top -b\nUSER nobody\n",
        files: &[],
        manual_fix: None,
    },
];

fn context(files: &[(&str, &str)]) -> Context {
    let mut ctx = Context::new();
    for (p, text) in files {
        ctx.add_file(p, *text);
    }
    ctx
}

fn hints(store: &mut Store, df: &str, files: &[(&str, &str)]) -> Vec<Hint> {
    lint(df, &context(files), store).unwrap_or_else(|e| panic!("lint failed: {e}\n{df}"))
}

#[test]
fn every_hint_fires_and_its_fix_silences_it() {
    let mut store = Store::new();
    for case in CASES {
        let found = hints(&mut store, case.dockerfile, case.files);
        let Some(h) = found.iter().find(|h| h.code == case.code) else {
            panic!("{} did not fire on\n{}\ngot {:?}", case.code, case.dockerfile, found);
        };
        assert_eq!(h.line, case.line, "{}", case.code);
        let fixed = match (&h.fix, case.manual_fix) {
            (Some(f), None) => f.clone(),
            (None, Some(f)) => f.to_string(),
            (f, m) => panic!("{}: automatic fix {:?}, manual fix {:?}", case.code, f.is_some(), m.is_some()),
        };
        if h.fix.is_some() {
            assert!(h.saves_bytes.is_some(), "{}: the fix was not measured (does it build?)\n{fixed}", case.code);
        }
        let again = hints(&mut store, &fixed, case.files);
        assert!(again.iter().all(|h| h.code != case.code), "{} still fires on its fix\n{fixed}\n{again:?}", case.code);
    }
}

fn hint<'a>(list: &'a [Hint], code: &str) -> &'a Hint {
    list.iter().find(|h| h.code == code).unwrap_or_else(|| panic!("no {code} in {list:?}"))
}

#[test]
fn savings_are_measured_by_building_the_fix() {
    let mut store = Store::new();
    let case = |code| CASES.iter().find(|c| c.code == code).unwrap();
    let deleted = hints(&mut store, case("deleted-later").dockerfile, &[]);
    let h = hint(&deleted, "deleted-later");
    assert_eq!((h.saves_bytes, h.saves_layers), (Some(100_000), Some(1)));
    assert!(h.message.contains("/big"), "{}", h.message);
    let merge = hints(&mut store, case("merge-runs").dockerfile, &[]);
    assert_eq!((hint(&merge, "merge-runs").saves_bytes, hint(&merge, "merge-runs").saves_layers), (Some(0), Some(1)));
    let apk = hints(&mut store, case("apk-cache").dockerfile, &[]);
    assert!(hint(&apk, "apk-cache").saves_bytes.unwrap() > 0);
    let apt = hints(&mut store, case("apt-lists").dockerfile, &[]);
    assert!(hint(&apt, "apt-lists").saves_bytes.unwrap() > 1_000_000);
    let latest = hints(&mut store, case("latest-tag").dockerfile, &[]);
    assert_eq!(hint(&latest, "latest-tag").fix.as_deref(), Some("FROM alpine:3.20.3\nUSER nobody\n"));
    assert_eq!(hint(&latest, "latest-tag").saves_bytes, Some(0));
    let entry = hints(&mut store, case("shell-entrypoint").dockerfile, &[]);
    assert!(hint(&entry, "shell-entrypoint").fix.as_deref().unwrap().contains("ENTRYPOINT [\"top\", \"-b\"]"));
}

#[test]
fn layer_limit_fires_near_127_layers() {
    let mut df = String::from("FROM alpine:3.20\n");
    for i in 0..100 {
        df.push_str(&format!("RUN echo {i} > /f{i}\n"));
    }
    df.push_str("USER nobody\n");
    let mut store = Store::new();
    let found = hints(&mut store, &df, &[]);
    let h = hint(&found, "layer-limit");
    assert_eq!(h.line, 1);
    assert_eq!(h.saves_layers, Some(99));
    let again = hints(&mut store, h.fix.as_ref().unwrap(), &[]);
    assert!(again.iter().all(|h| h.code != "layer-limit"));
}

#[test]
fn clean_dockerfiles_get_no_hints_and_invalid_ones_an_error() {
    let mut store = Store::new();
    let df = "FROM alpine:3.20\nRUN apk add --no-cache curl\nUSER nobody\nENTRYPOINT [\"curl\"]\n";
    assert_eq!(hints(&mut store, df, &[]), vec![]);
    let err = lint("FROM alpine:3.20\nRUNN x\n", &Context::new(), &mut store).unwrap_err();
    assert_eq!(err.line, 2);
    // A Dockerfile that fails to build still gets its text hints, unmeasured.
    let broken = hints(&mut store, "FROM alpine:3.20\nCOPY missing /x\nRUN a\nRUN b\nUSER nobody\n", &[]);
    assert_eq!(hint(&broken, "merge-runs").saves_bytes, None);
}
