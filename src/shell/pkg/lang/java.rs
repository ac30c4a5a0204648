//! `java` / `javac` of Eclipse Temurin (the `eclipse-temurin`, `maven` and `tomcat`
//! images): the version banner as the Adoptium builds print it.

use crate::shell::Ctx;

/// `java -version` (standard error) and `java --version` (standard output); `version` is
/// the build of the image layer (`21.0.5+11`).
pub fn java(ctx: &mut Ctx<'_>, cmd: &str, version: &str, args: &[String]) -> i32 {
    let (v, build) = version.split_once('+').unwrap_or((version, "0"));
    let feature = v.split('.').next().unwrap_or(v);
    let lts = matches!(feature, "21" | "25");
    let suffix = if lts { "-LTS" } else { "" };
    let date = "2024-10-15";
    if cmd == "javac" {
        if super::has(args, &["-version", "--version"]) {
            ctx.out(&format!("javac {v}\n"));
            return 0;
        }
        return crate::shell::pkg::programs::simulated(ctx, cmd);
    }
    let long = super::has(args, &["--version", "-showversion"]);
    if !long && !super::has(args, &["-version"]) {
        return crate::shell::pkg::programs::simulated(ctx, cmd);
    }
    let rt = format!("OpenJDK Runtime Environment Temurin-{v}+{build} (build {v}+{build}{suffix})\nOpenJDK 64-Bit Server VM Temurin-{v}+{build} (build {v}+{build}{suffix}, mixed mode, sharing)\n");
    let lts_word = if lts { " LTS" } else { "" };
    if long {
        ctx.out(&format!("openjdk {v} {date}{lts_word}\n{rt}"));
    } else {
        ctx.err(&format!("openjdk version \"{v}\" {date}{lts_word}\n{rt}"));
    }
    0
}
