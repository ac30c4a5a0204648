//! `java` / `javac` of Eclipse Temurin (the `eclipse-temurin`, `maven` and `tomcat`
//! images) and of the `openjdk` images: the version banner as each build prints it.

use crate::shell::Ctx;

/// `java -version` (standard error) and `java --version` (standard output); `version` is
/// the build of the image layer (`21.0.5+11`).
pub fn java(ctx: &mut Ctx<'_>, cmd: &str, version: &str, args: &[String]) -> i32 {
    let (v, build) = version.split_once('+').unwrap_or((version, "0"));
    let feature = v.split('.').next().unwrap_or(v);
    let lts = matches!(feature, "21" | "25");
    let suffix = if lts { "-LTS" } else { "" };
    let date = "2024-10-15";
    let long = match version_query(ctx, cmd, v, args) {
        Ok(long) => long,
        Err(code) => return code,
    };
    let rt = format!("OpenJDK Runtime Environment Temurin-{v}+{build} (build {v}+{build}{suffix})\nOpenJDK 64-Bit Server VM Temurin-{v}+{build} (build {v}+{build}{suffix}, mixed mode, sharing)\n");
    let lts_word = if lts { " LTS" } else { "" };
    if long {
        ctx.out(&format!("openjdk {v} {date}{lts_word}\n{rt}"));
    } else {
        ctx.err(&format!("openjdk version \"{v}\" {date}{lts_word}\n{rt}"));
    }
    0
}

/// When the OpenJDK updates of the rpm family's JDKs came out (Oracle's quarterly
/// critical patch updates).
const RPM_JDK_DATES: &[(&str, &str)] = &[("17.0.9", "2023-10-17"), ("17.0.20", "2026-07-21"), ("21.0.9", "2025-10-21")];

/// `java` / `javac` of the rpm family's JDK packages: Amazon Corretto
/// (`java-17-amazon-corretto-headless` `1:17.0.20+8-1.amzn2023.1` prints `Corretto-17.0.20.8.1`)
/// and Fedora's OpenJDK (`java-21-openjdk-headless` `1:21.0.9.0.10-1.fc43` prints
/// `Red_Hat-21.0.9.0.10-1`).
pub fn rpm_jdk(ctx: &mut Ctx<'_>, cmd: &str, package: &str, version: &str, args: &[String]) -> i32 {
    let full = crate::catalog::model::without_epoch(version);
    let (upstream, release) = full.rsplit_once('-').unwrap_or((full, "1"));
    let corretto = package.contains("corretto");
    let (v, build) = if corretto {
        upstream.split_once('+').unwrap_or((upstream, "0"))
    } else {
        // `21.0.9.0.10`: the version, then `0` and the build.
        let parts: Vec<&str> = upstream.split('.').collect();
        (
            if parts.len() > 3 { &upstream[..parts[..3].join(".").len()] } else { upstream },
            parts.last().copied().unwrap_or("0"),
        )
    };
    let long = match version_query(ctx, cmd, v, args) {
        Ok(long) => long,
        Err(code) => return code,
    };
    let date = RPM_JDK_DATES.iter().find(|(x, _)| *x == v).map_or("2025-10-21", |(_, d)| d);
    let lts = matches!(v.split('.').next(), Some("11" | "17" | "21" | "25"));
    let lts_word = if lts { " LTS" } else { "" };
    let rt = if corretto {
        let vendor = format!("Corretto-{v}.{build}.{}", release.split('.').next().unwrap_or("1"));
        let b = format!("{v}+{build}{}", if lts { "-LTS" } else { "" });
        format!("OpenJDK Runtime Environment {vendor} (build {b})\nOpenJDK 64-Bit Server VM {vendor} (build {b}, mixed mode, sharing)\n")
    } else {
        let vendor = format!("Red_Hat-{upstream}-{}", release.split('.').next().unwrap_or("1"));
        // Enterprise Linux builds mark the long-term releases in the build string.
        let b = format!("{v}+{build}{}", if lts && release.contains(".el") { "-LTS" } else { "" });
        format!("OpenJDK Runtime Environment ({vendor}) (build {b})\nOpenJDK 64-Bit Server VM ({vendor}) (build {b}, mixed mode, sharing)\n")
    };
    if long {
        ctx.out(&format!("openjdk {v} {date}{lts_word}\n{rt}"));
    } else {
        ctx.err(&format!("openjdk version \"{v}\" {date}{lts_word}\n{rt}"));
    }
    0
}

/// What `java`/`javac` (9 and later) of version `v` were asked: `javac -version` is answered
/// here, as is anything but a version query (`Err` with the status); for `java`, whether the
/// long form (`--version`, on standard output) was asked rather than `-version`.
fn version_query(ctx: &mut Ctx<'_>, cmd: &str, v: &str, args: &[String]) -> Result<bool, i32> {
    if cmd == "javac" {
        if super::has(args, &["-version", "--version"]) {
            ctx.out(&format!("javac {v}\n"));
            return Err(0);
        }
        return Err(crate::shell::pkg::programs::simulated(ctx, cmd));
    }
    let long = super::has(args, &["--version", "-showversion"]);
    if !long && !super::has(args, &["-version"]) {
        return Err(crate::shell::pkg::programs::simulated(ctx, cmd));
    }
    Ok(long)
}

/// The GA dates of the `openjdk` images' releases (OpenJDK's release calendar:
/// https://openjdk.org/projects/jdk-updates/ and the jdk8u/jdk11u/jdk17u release notes).
const OPENJDK_DATES: &[(&str, &str)] = &[("11.0.16", "2022-07-19"), ("17.0.2", "2022-01-18")];

/// `java`/`javac` of the `openjdk` images: the OpenJDK 8 and 11 upstream builds
/// (`8u342-b07`, `11.0.16+8`: Red Hat's builds, version `18.9` on 11) and Oracle's
/// jdk.java.net builds (`17.0.2+8-86`). Java 8 knows only `-version`, on standard error,
/// and so does its `javac`.
pub fn openjdk(ctx: &mut Ctx<'_>, cmd: &str, version: &str, args: &[String]) -> i32 {
    if let Some((update, build)) = version.strip_prefix("8u").and_then(|r| r.split_once('-')) {
        return java8(ctx, cmd, update, &format!("(build 1.8.0_{update}-{build})"), build, args);
    }
    // Alpine's IcedTea package (`8.212.04-r0`: update 212, build 04).
    if let Some((update, build)) = version.strip_prefix("8.").and_then(|r| r.split('-').next()?.split_once('.')) {
        let icedtea = ICEDTEA.iter().find(|(u, _)| *u == update).map_or("", |(_, i)| i);
        let rt = format!("(IcedTea {icedtea}) (Alpine {version})");
        return java8(ctx, cmd, update, &rt, &format!("b{build}"), args);
    }
    let v = version.split('+').next().unwrap_or(version);
    let long = match version_query(ctx, cmd, v, args) {
        Ok(long) => long,
        Err(code) => return code,
    };
    let date = OPENJDK_DATES.iter().find(|(n, _)| *n == v).map_or("", |(_, d)| d);
    let vendor = if v.starts_with("11.") { " 18.9" } else { "" };
    let rt = format!("OpenJDK Runtime Environment{vendor} (build {version})\nOpenJDK 64-Bit Server VM{vendor} (build {version}, mixed mode, sharing)\n");
    if long {
        ctx.out(&format!("openjdk {v} {date}\n{rt}"));
    } else {
        ctx.err(&format!("openjdk version \"{v}\" {date}\n{rt}"));
    }
    0
}

/// IcedTea releases of Alpine's `openjdk8` packages, by update (icedtea.classpath.org
/// release notes: IcedTea 3.12.0 is OpenJDK 8u212-b04).
const ICEDTEA: &[(&str, &str)] = &[("212", "3.12.0")];

/// Java 8's `java -version` / `javac -version` (standard error; `--version` is unknown to
/// it); `runtime` is what the runtime line names after its product.
fn java8(ctx: &mut Ctx<'_>, cmd: &str, update: &str, runtime: &str, build: &str, args: &[String]) -> i32 {
    let short = format!("1.8.0_{update}");
    if super::has(args, &["--version"]) {
        ctx.err("Unrecognized option: --version\nError: Could not create the Java Virtual Machine.\nError: A fatal exception has occurred. Program will exit.\n");
        return 1;
    }
    if !super::has(args, &["-version", "-showversion"]) {
        return crate::shell::pkg::programs::simulated(ctx, cmd);
    }
    if cmd == "javac" {
        ctx.err(&format!("javac {short}\n"));
    } else {
        ctx.err(&format!("openjdk version \"{short}\"\nOpenJDK Runtime Environment {runtime}\nOpenJDK 64-Bit Server VM (build 25.{update}-{build}, mixed mode)\n"));
    }
    0
}
