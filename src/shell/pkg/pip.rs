//! `pip` and `python3 -m venv`: a small PyPI, site-packages with synthetic files, the
//! `~/.cache/pip` that `--no-cache-dir` avoids, and PEP 668's externally-managed error.

use crate::catalog::distro::{Distro, Family};
use crate::catalog::install::read_text;
use crate::catalog::model::hash64;
use crate::shell::Ctx;
use crate::vfs::{Content, Meta};

/// name, version, installed KiB, wheel KiB, dependencies.
const PYPI: &[(&str, &str, u64, u64, &[&str])] = &[
    ("flask", "3.0.3", 292, 101, &["werkzeug", "jinja2", "itsdangerous", "click", "blinker"]),
    ("werkzeug", "3.0.4", 1_100, 227, &["markupsafe"]),
    ("jinja2", "3.1.4", 792, 133, &["markupsafe"]),
    ("markupsafe", "2.1.5", 64, 26, &[]),
    ("itsdangerous", "2.2.0", 56, 16, &[]),
    ("click", "8.1.7", 420, 97, &[]),
    ("blinker", "1.8.2", 40, 9, &[]),
    ("requests", "2.32.3", 244, 64, &["charset-normalizer", "idna", "urllib3", "certifi"]),
    ("charset-normalizer", "3.3.2", 520, 140, &[]),
    ("idna", "3.10", 392, 70, &[]),
    ("urllib3", "2.2.3", 616, 126, &[]),
    ("certifi", "2024.8.30", 300, 167, &[]),
    ("numpy", "2.1.1", 68_000, 16_300, &[]),
    ("pandas", "2.2.3", 72_400, 13_100, &["numpy", "python-dateutil", "pytz", "tzdata"]),
    ("python-dateutil", "2.9.0.post0", 820, 229, &["six"]),
    ("six", "1.16.0", 48, 11, &[]),
    ("pytz", "2024.2", 2_800, 508, &[]),
    ("tzdata", "2024.2", 1_700, 346, &[]),
    ("django", "5.1.1", 38_600, 8_200, &["asgiref", "sqlparse"]),
    ("asgiref", "3.8.1", 128, 23, &[]),
    ("sqlparse", "0.5.1", 268, 44, &[]),
    ("gunicorn", "23.0.0", 468, 85, &["packaging"]),
    ("packaging", "24.1", 212, 53, &[]),
    ("fastapi", "0.115.0", 1_040, 94, &["starlette", "pydantic", "typing-extensions"]),
    ("starlette", "0.38.6", 692, 71, &["anyio"]),
    ("anyio", "4.6.0", 600, 89, &["idna", "sniffio"]),
    ("sniffio", "1.3.1", 24, 10, &[]),
    ("pydantic", "2.9.2", 1_900, 434, &["pydantic-core", "annotated-types", "typing-extensions"]),
    ("pydantic-core", "2.23.4", 5_200, 2_100, &["typing-extensions"]),
    ("annotated-types", "0.7.0", 52, 13, &[]),
    ("typing-extensions", "4.12.2", 136, 37, &[]),
    ("uvicorn", "0.30.6", 312, 62, &["click", "h11"]),
    ("h11", "0.14.0", 188, 58, &[]),
    ("pyyaml", "6.0.2", 2_400, 737, &[]),
    ("psycopg2-binary", "2.9.9", 8_900, 3_000, &[]),
    ("redis", "5.0.8", 1_200, 255, &[]),
    ("boto3", "1.35.29", 820, 139, &["botocore", "jmespath", "s3transfer"]),
    ("botocore", "1.35.29", 87_000, 12_600, &["jmespath", "python-dateutil", "urllib3"]),
    ("jmespath", "1.0.1", 96, 20, &[]),
    ("s3transfer", "0.10.2", 404, 82, &["botocore"]),
    ("pip", "24.2", 11_900, 1_800, &[]),
    ("setuptools", "75.1.0", 5_300, 1_200, &[]),
    ("wheel", "0.44.0", 212, 67, &[]),
];

fn norm(name: &str) -> String {
    name.to_ascii_lowercase().replace('_', "-")
}

/// The requirement name of `flask==3.0.3`, `requests>=2`, `uvicorn[standard]`.
fn req_name(spec: &str) -> String {
    norm(spec.split(['=', '<', '>', '~', '!', '[', ';', ' ']).next().unwrap_or(spec).trim())
}

/// The `major.minor` of a Python an image layer built under `/usr/local` (the official
/// `python` images), named by its interpreter file.
pub(crate) fn local_python(fs: &crate::vfs::Tree) -> Option<String> {
    let content = fs.read("/", "/usr/local/bin/python3").ok()?;
    let (name, version) = crate::catalog::model::label_of(&content)?;
    (name == "python").then(|| crate::catalog::model::major_minor(&version))
}

/// The version of the distribution `name` installed in `site` (its `NAME-VERSION.dist-info`).
fn installed_version(ctx: &Ctx<'_>, site: &str, name: &str) -> Option<String> {
    let prefix = format!("{name}-");
    ctx.fs
        .children(site)
        .find_map(|(n, _)| n.strip_suffix(".dist-info").and_then(|s| s.strip_prefix(&prefix)).map(String::from))
}

/// The Python `major.minor` of the tree.
fn python_mm(fs: &crate::vfs::Tree, d: &Distro) -> String {
    // The rpm family's python3 is the installed python3 (Enterprise Linux 8's python36).
    if d.family == Family::Rpm {
        let db = crate::catalog::rpmdb::load(fs);
        if let Some(e) = db.iter().find(|e| e.name == "python3" || e.name == "python36") {
            return crate::catalog::model::major_minor(&e.version);
        }
    }
    let key = if d.family == Family::Alpine { "python3" } else { "python3-ver" };
    crate::catalog::repo::find(crate::catalog::repo::catalogue(d), key)
        .map_or("3.12".into(), |p| crate::catalog::model::major_minor(&p.version))
}

/// The active virtual environment: `$VIRTUAL_ENV`, or the first `PATH` directory holding
/// `pip` whose parent has a `pyvenv.cfg`.
fn active_venv(ctx: &Ctx<'_>) -> Option<String> {
    if let Some(v) = ctx.env.get("VIRTUAL_ENV") {
        return Some(v.clone());
    }
    let path = ctx.env.get("PATH").cloned().unwrap_or_default();
    for dir in path.split(':').filter(|d| !d.is_empty()) {
        if ctx.fs.lookup("/", &format!("{dir}/pip"), true).is_ok() {
            let root = crate::vfs::path::parent(&crate::vfs::path::normalize("/", dir)).to_string();
            return ctx.fs.get(&format!("{root}/pyvenv.cfg")).map(|_| root);
        }
    }
    None
}

/// The `pip` program.
pub fn pip(ctx: &mut Ctx<'_>, d: &Distro, pip_version: &str, args: &[String]) -> i32 {
    let local = local_python(ctx.fs);
    let mm = local.clone().unwrap_or_else(|| python_mm(ctx.fs, d));
    let venv = active_venv(ctx);
    let site = match (&venv, d.family) {
        (Some(v), _) => format!("{v}/lib/python{mm}/site-packages"),
        (None, _) if local.is_some() => format!("/usr/local/lib/python{mm}/site-packages"),
        (None, Family::Alpine) => format!("/usr/lib/python{mm}/site-packages"),
        (None, Family::Rpm) => format!("/usr/local/lib/python{mm}/site-packages"),
        (None, _) => format!("/usr/local/lib/python{mm}/dist-packages"),
    };
    let pip_version =
        installed_version(ctx, &site, "pip").filter(|_| local.is_some()).unwrap_or_else(|| pip_version.to_string());
    match args.first().map(String::as_str) {
        Some("--version" | "-V") => {
            let system = venv.is_none() && local.is_none();
            let pip_dir = if system && d.family == Family::Rpm {
                // pip before 10 names the site-packages folder, later ones the package's.
                let old = pip_version.split('.').next().and_then(|m| m.parse::<u32>().ok()).is_some_and(|m| m < 10);
                format!("/usr/lib/python{mm}/site-packages{}", if old { "" } else { "/pip" })
            } else if system && d.family != Family::Alpine {
                "/usr/lib/python3/dist-packages/pip".to_string()
            } else {
                format!("{site}/pip")
            };
            ctx.out(&format!("pip {pip_version} from {pip_dir} (python {mm})\n"));
            0
        }
        Some("install") => install(ctx, &site, &mm, venv.is_some(), &args[1..]),
        Some("freeze" | "list") => {
            let mut names: Vec<String> =
                ctx.fs.children(&site).filter_map(|(n, _)| n.strip_suffix(".dist-info").map(String::from)).collect();
            crate::util::sort::sort(&mut names);
            for n in names {
                let (name, ver) = n.rsplit_once('-').unwrap_or((&n, ""));
                ctx.out(&format!("{name}=={ver}\n"));
            }
            0
        }
        _ => super::programs::simulated(ctx, "pip"),
    }
}

fn install(ctx: &mut Ctx<'_>, site: &str, mm: &str, in_venv: bool, args: &[String]) -> i32 {
    let mut specs: Vec<String> = Vec::new();
    let mut no_cache = ctx.env.get("PIP_NO_CACHE_DIR").is_some_and(|v| !matches!(v.as_str(), "0" | "false" | "off"));
    let mut brk = ctx.env.get("PIP_BREAK_SYSTEM_PACKAGES").is_some_and(|v| v == "1" || v == "true");
    let mut user = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--no-cache-dir" => no_cache = true,
            "--break-system-packages" => brk = true,
            "--user" => user = true,
            "-r" | "--requirement" => {
                let Some(f) = it.next() else { continue };
                match ctx.fs.read(&ctx.cwd, f) {
                    Ok(c) => specs.extend(
                        String::from_utf8_lossy(&c.bytes())
                            .lines()
                            .map(|l| l.split('#').next().unwrap_or("").trim().to_string())
                            .filter(|l| !l.is_empty() && !l.starts_with('-')),
                    ),
                    Err(_) => {
                        ctx.err(&format!(
                            "ERROR: Could not open requirements file: [Errno 2] No such file or directory: '{f}'\n"
                        ));
                        return 1;
                    }
                }
            }
            "-c" | "--constraint" | "-i" | "--index-url" | "--extra-index-url" | "-t" | "--target"
            | "--root-user-action" => {
                it.next();
            }
            s if s.starts_with('-') => {}
            s => specs.push(s.to_string()),
        }
    }
    let em = format!("/usr/lib/python{mm}/EXTERNALLY-MANAGED");
    if !in_venv && !brk && ctx.fs.get(&em).is_some() {
        let text = read_text(ctx.fs, &em);
        let body: Vec<String> =
            text.lines().skip(1).map(|l| l.strip_prefix("Error=").unwrap_or(l).trim_start().to_string()).collect();
        ctx.err("error: externally-managed-environment\n\n\u{d7} This environment is externally managed\n\u{2570}\u{2500}> ");
        ctx.err(&body.join("\n    "));
        ctx.err("\n\nnote: If you believe this is a mistake, please contact your Python installation or OS distribution provider. You can override this, at the risk of breaking your Python installation or OS, by passing --break-system-packages.\nhint: See PEP 668 for the detailed specification.\n");
        return 1;
    }
    if specs.is_empty() {
        ctx.err("ERROR: You must give at least one requirement to install (see \"pip help install\")\n");
        return 1;
    }
    let home = ctx.env.get("HOME").cloned().unwrap_or_else(|| "/root".into());
    let site = if user && !in_venv { format!("{home}/.local/lib/python{mm}/site-packages") } else { site.to_string() };
    // Resolve.
    let mut order: Vec<&(&str, &str, u64, u64, &[&str])> = Vec::new();
    let mut lines = Vec::new();
    let mut todo: Vec<(String, Option<String>)> = specs.iter().map(|s| (req_name(s), None)).collect();
    todo.reverse();
    while let Some((name, parent)) = todo.pop() {
        if order.iter().any(|p| p.0 == name) {
            continue;
        }
        let Some(p) = PYPI.iter().find(|p| p.0 == name) else {
            let shown: String = lines.concat();
            ctx.out(&shown);
            ctx.err(&format!("ERROR: Could not find a version that satisfies the requirement {name} (from versions: none)\nERROR: No matching distribution found for {name}\n"));
            return 1;
        };
        match &parent {
            Some(par) => lines.push(format!("Collecting {name} (from {par})\n")),
            None => lines.push(format!("Collecting {name}\n")),
        }
        lines.push(format!(
            "  Downloading {}-{}-py3-none-any.whl.metadata ({:.1} kB)\n",
            name.replace('-', "_"),
            p.1,
            1.0 + (hash64(name.as_bytes()) % 90) as f64 / 10.0
        ));
        order.push(p);
        for dep in p.4.iter().rev() {
            todo.push((dep.to_string(), Some(name.clone())));
        }
    }
    for l in &lines {
        ctx.out(l);
    }
    for p in &order {
        ctx.out(&format!("Downloading {}-{}-py3-none-any.whl ({} kB)\n", p.0.replace('-', "_"), p.1, p.3));
    }
    let names: Vec<&str> = order.iter().rev().map(|p| p.0).collect();
    ctx.out(&format!("Installing collected packages: {}\n", names.join(", ")));
    let now = ctx.now;
    let meta = Meta { mode: 0o755, uid: ctx.uid, gid: ctx.gid, mtime: now };
    let file = Meta { mode: 0o644, ..meta };
    for p in &order {
        let module = p.0.replace('-', "_");
        let _ = ctx.fs.mkdir_all("/", &format!("{site}/{module}"), meta);
        let c = Content::synthetic(
            p.2 * 1024,
            hash64(format!("{}{}", p.0, p.1).as_bytes()),
            &format!("python package {} {}", p.0, p.1),
        );
        let _ = ctx.fs.write_file("/", &format!("{site}/{module}/__init__.py"), c, file);
        let info = format!("{site}/{module}-{}.dist-info", p.1);
        let _ = ctx.fs.mkdir_all("/", &info, meta);
        let _ = ctx.fs.write_file(
            "/",
            &format!("{info}/METADATA"),
            format!("Metadata-Version: 2.1\nName: {}\nVersion: {}\n", p.0, p.1).into(),
            file,
        );
        let _ = ctx.fs.write_file("/", &format!("{info}/INSTALLER"), "pip\n".into(), file);
        if !no_cache {
            let dir = format!("{home}/.cache/pip/http-v2/{:x}", hash64(p.0.as_bytes()) & 0xf);
            let _ = ctx.fs.mkdir_all("/", &dir, Meta { mode: 0o700, ..meta });
            let c =
                Content::synthetic(p.3 * 1024 + 600, hash64(p.1.as_bytes()), &format!("pip http cache: {} wheel", p.0));
            let _ = ctx.fs.write_file(
                "/",
                &format!("{dir}/{:016x}", hash64(format!("{}-{}", p.0, p.1).as_bytes())),
                c,
                Meta { mode: 0o600, ..meta },
            );
        }
    }
    let mut done: Vec<String> = order.iter().map(|p| format!("{}-{}", p.0, p.1)).collect();
    crate::util::sort::sort(&mut done);
    ctx.out(&format!("Successfully installed {}\n", done.join(" ")));
    if ctx.uid == 0 && !in_venv {
        ctx.err("WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager, possibly rendering your system unusable. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv. Use the --root-user-action option if you intend to suppress this warning.\n");
    }
    0
}

/// `python3 -m venv DIR`.
pub fn venv(ctx: &mut Ctx<'_>, d: &Distro, py_version: &str, args: &[String]) -> i32 {
    let Some(dir) = args.iter().find(|a| !a.starts_with('-')) else {
        ctx.err("usage: venv [-h] [--system-site-packages] [--symlinks | --copies] [--clear] [--upgrade] [--without-pip] ENV_DIR [ENV_DIR ...]\nvenv: error: the following arguments are required: ENV_DIR\n");
        return 2;
    };
    let mm = python_mm(ctx.fs, d);
    let root = crate::vfs::path::normalize(&ctx.cwd, dir);
    let without_pip = args.iter().any(|a| a == "--without-pip");
    if !without_pip && d.family != Family::Alpine && ctx.fs.get(&format!("/usr/lib/python{mm}/ensurepip")).is_none() {
        ctx.out(&format!("The virtual environment was not created successfully because ensurepip is not\navailable.  On Debian/Ubuntu systems, you need to install the python3-venv\npackage using the following command.\n\n    apt install python{mm}-venv\n\nYou may need to use sudo with that command.  After installing the python3-venv\npackage, recreate your virtual environment.\n\nFailing command: {root}/bin/python3\n\n"));
        return 1;
    }
    let now = ctx.now;
    let meta = Meta { mode: 0o755, uid: ctx.uid, gid: ctx.gid, mtime: now };
    let file = Meta { mode: 0o644, ..meta };
    let site = format!("{root}/lib/python{mm}/site-packages");
    if ctx.fs.mkdir_all("/", &site, meta).is_err() || ctx.fs.mkdir_all("/", &format!("{root}/bin"), meta).is_err() {
        ctx.err(&format!("Error: [Errno 13] Permission denied: '{root}'\n"));
        return 1;
    }
    let _ = ctx.fs.mkdir_all("/", &format!("{root}/include/python{mm}"), meta);
    if d.family != Family::Alpine {
        let _ = ctx.fs.symlink("/", "lib", &format!("{root}/lib64"), meta);
    }
    let _ = ctx.fs.symlink("/", "/usr/bin/python3", &format!("{root}/bin/python3"), meta);
    let _ = ctx.fs.symlink("/", "python3", &format!("{root}/bin/python"), meta);
    let _ = ctx.fs.symlink("/", "python3", &format!("{root}/bin/python{mm}"), meta);
    let cfg = format!("home = /usr/bin\ninclude-system-site-packages = false\nversion = {py_version}\nexecutable = /usr/bin/python{mm}\ncommand = /usr/bin/python3 -m venv {root}\n");
    let _ = ctx.fs.write_file("/", &format!("{root}/pyvenv.cfg"), cfg.into(), file);
    let activate = format!("# This file must be used with \"source bin/activate\" *from bash*\n# You cannot run it directly\n\nVIRTUAL_ENV=\"{root}\"\nexport VIRTUAL_ENV\n\n_OLD_VIRTUAL_PATH=\"$PATH\"\nPATH=\"$VIRTUAL_ENV/bin:$PATH\"\nexport PATH\n");
    let _ = ctx.fs.write_file("/", &format!("{root}/bin/activate"), activate.into(), file);
    if !without_pip {
        let script = format!("#!{root}/bin/python3\n# -*- coding: utf-8 -*-\nimport re\nimport sys\nfrom pip._internal.cli.main import main\nif __name__ == '__main__':\n    sys.argv[0] = re.sub(r'(-script\\.pyw|\\.exe)?$', '', sys.argv[0])\n    sys.exit(main())\n");
        for name in ["pip", "pip3", &format!("pip{mm}")] {
            let _ = ctx.fs.write_file("/", &format!("{root}/bin/{name}"), script.clone().into(), meta);
        }
        let _ = ctx.fs.mkdir_all("/", &format!("{site}/pip"), meta);
        let c = Content::synthetic(12_582_912, hash64(root.as_bytes()), "pip installed into the virtual environment");
        let _ = ctx.fs.write_file("/", &format!("{site}/pip/vendored.tar"), c, file);
        let _ = ctx.fs.mkdir_all("/", &format!("{site}/pip-24.2.dist-info"), meta);
    }
    0
}

#[cfg(test)]
mod tests {
    use crate::shell::pkg::testutil::{run, run_in, tree_of};

    #[test]
    fn pep668_cache_and_venv() {
        let mut t = tree_of("debian:bookworm");
        run(&mut t, 0, &["apt-get", "update"]);
        run(&mut t, 0, &["apt-get", "install", "-y", "--no-install-recommends", "python3-pip", "python3-venv"]);
        let (code, _, err) = run(&mut t, 0, &["pip", "install", "flask"]);
        assert_eq!(code, 1);
        assert!(err.starts_with("error: externally-managed-environment\n"), "{err}");
        let (code, out, _) = run(&mut t, 0, &["pip", "install", "--break-system-packages", "flask"]);
        assert_eq!(code, 0);
        assert!(out.ends_with("Successfully installed blinker-1.8.2 click-8.1.7 flask-3.0.3 itsdangerous-2.2.0 jinja2-3.1.4 markupsafe-2.1.5 werkzeug-3.0.4\n"), "{out}");
        assert!(t.get("/usr/local/lib/python3.11/dist-packages/flask/__init__.py").is_some());
        assert!(t.subtree("/root/.cache/pip").any(|(_, n)| n.is_file()));
        assert_eq!(run(&mut t, 0, &["python3", "-m", "venv", "/opt/venv"]).0, 0);
        let env = [("PATH", "/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin")];
        let (code, _, _) = run_in(&mut t, 0, &env, "", &["pip", "install", "--no-cache-dir", "requests"]);
        assert_eq!(code, 0);
        assert!(t.get("/opt/venv/lib/python3.11/site-packages/requests/__init__.py").is_some());
        let (code, _, err) = run(&mut t, 0, &["pip", "install", "--break-system-packages", "nosuchpkg"]);
        assert_eq!(code, 1);
        assert!(err.contains("No matching distribution found for nosuchpkg"));
    }
}
