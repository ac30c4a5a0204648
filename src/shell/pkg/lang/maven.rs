//! `mvn` (Apache Maven): `-v`, and `package` / `install` / `verify` / `dependency:go-offline`
//! from `pom.xml`: the local repository under `~/.m2` that bloats a layer, and the jar
//! under `target/`.

use crate::shell::Ctx;

/// The git revision each Maven release prints (`mvn -v`).
const REVISIONS: &[(&str, &str)] =
    &[("3.9.9", "8e8579a9e76f7d015ee5ec7bfcdc97d260186937"), ("3.9.8", "36645f6c9b5079805ea5009217e36f2cffd34256")];

/// The `mvn` program.
pub fn mvn(ctx: &mut Ctx<'_>, v: &str, args: &[String]) -> i32 {
    let java = super::env(ctx, "JAVA_VERSION")
        .map(|j| j.trim_start_matches("jdk-").split('+').next().unwrap_or("").trim_start_matches("8u").to_string())
        .unwrap_or_else(|| "21.0.5".into());
    if super::has(args, &["-v", "-version", "--version"]) {
        let rev = REVISIONS.iter().find(|r| r.0 == v).map_or("0000000000000000000000000000000000000000", |r| r.1);
        let home = super::env(ctx, "MAVEN_HOME").unwrap_or_else(|| "/usr/share/maven".into());
        let jhome = super::env(ctx, "JAVA_HOME").unwrap_or_else(|| "/opt/java/openjdk".into());
        ctx.out(&format!("Apache Maven {v} ({rev})\nMaven home: {home}\nJava version: {java}, vendor: Eclipse Adoptium, runtime: {jhome}\nDefault locale: en_US, platform encoding: UTF-8\nOS name: \"linux\", version: \"6.6.0-layerlab\", arch: \"amd64\", family: \"unix\"\n"));
        return 0;
    }
    let goals: Vec<&str> = args.iter().filter(|a| !a.starts_with('-')).map(String::as_str).collect();
    if goals.is_empty() {
        ctx.out("[INFO] Scanning for projects...\n[INFO] ------------------------------------------------------------------------\n[INFO] BUILD FAILURE\n[INFO] ------------------------------------------------------------------------\n[ERROR] No goals have been specified for this build. You must specify a valid lifecycle phase or a goal in the format <plugin-prefix>:<goal> or <plugin-group-id>:<plugin-artifact-id>[:<plugin-version>]:<goal>.\n");
        return 1;
    }
    let Some(pom) = super::read(ctx, "pom.xml") else {
        ctx.out(&format!("[INFO] Scanning for projects...\n[INFO] ------------------------------------------------------------------------\n[INFO] BUILD FAILURE\n[INFO] ------------------------------------------------------------------------\n[ERROR] The goal you specified requires a project to execute but there is no POM in this directory ({}). Please verify you invoked Maven from the correct directory. -> [Help 1]\n", ctx.cwd));
        return 1;
    };
    let body = strip_parent(&pom);
    let artifact = tag(&body, "artifactId").unwrap_or_else(|| "app".into());
    let version = tag(&body, "version").unwrap_or_else(|| "1.0-SNAPSHOT".into());
    let group = tag(&body, "groupId").or_else(|| tag(&pom, "groupId")).unwrap_or_else(|| "com.example".into());
    let packaging = tag(&body, "packaging").unwrap_or_else(|| "jar".into());
    let deps = pom.matches("<dependency>").count() as u64;
    let m2 = super::env(ctx, "MAVEN_CONFIG").unwrap_or_else(|| format!("{}/.m2", super::home(ctx)));
    let quiet = super::has(args, &["-q", "--quiet"]);
    let mut log = String::new();
    log.push_str(&format!("[INFO] Scanning for projects...\n[INFO] \n[INFO] {:-^72}\n[INFO] Building {artifact} {version}\n[INFO]   from pom.xml\n[INFO] {:-^72}\n", format!("< {group}:{artifact} >"), format!("[ {packaging} ]")));
    // Plugins and dependencies land in the local repository: the classic cache layer.
    let repo_size = (28 + deps * 6) << 20;
    super::put(
        ctx,
        &format!("{m2}/repository/org/apache/maven/plugins/bundle.jar"),
        repo_size * 2 / 3,
        "maven plugins",
    );
    super::put(
        ctx,
        &format!("{m2}/repository/dependencies/bundle.jar"),
        repo_size / 3,
        &format!("maven dependencies of {artifact}"),
    );
    let build = goals.iter().any(|g| matches!(*g, "package" | "install" | "verify" | "compile" | "test"));
    if build {
        log.push_str("[INFO] \n[INFO] --- resources:3.3.1:resources (default-resources) @ ");
        log.push_str(&format!("{artifact} ---\n[INFO] --- compiler:3.13.0:compile (default-compile) @ {artifact} ---\n[INFO] Recompiling the module because of changed source code.\n"));
        super::put(ctx, "target/classes/Main.class", 2_400, &format!("classes of {artifact}"));
        if goals.iter().any(|g| matches!(*g, "package" | "install" | "verify")) {
            let jar = format!("target/{artifact}-{version}.{packaging}");
            log.push_str(&format!(
                "[INFO] \n[INFO] --- jar:3.4.1:jar (default-jar) @ {artifact} ---\n[INFO] Building jar: {}/{jar}\n",
                ctx.cwd.trim_end_matches('/')
            ));
            if !super::put(ctx, &jar, 3_000 + deps * 1_200_000, &format!("jar {artifact}-{version}")) {
                ctx.out(&log);
                ctx.out(&format!("[ERROR] Failed to execute goal: Could not create {jar}\n"));
                return 1;
            }
        }
    }
    log.push_str("[INFO] ------------------------------------------------------------------------\n[INFO] BUILD SUCCESS\n[INFO] ------------------------------------------------------------------------\n");
    if !quiet {
        ctx.out(&log);
    }
    0
}

/// The POM without its `<parent>` block (whose ids are not the project's).
fn strip_parent(pom: &str) -> String {
    match (pom.find("<parent>"), pom.find("</parent>")) {
        (Some(a), Some(b)) if b > a => format!("{}{}", &pom[..a], &pom[b + 9..]),
        _ => pom.to_string(),
    }
}

/// The text of the first `<name>…</name>` at the project level (before `<dependencies>`).
fn tag(pom: &str, name: &str) -> Option<String> {
    let head = pom.split("<dependencies>").next().unwrap_or(pom);
    let head = head.split("<build>").next().unwrap_or(head);
    let open = format!("<{name}>");
    let start = head.find(&open)? + open.len();
    let end = head[start..].find('<')? + start;
    Some(head[start..end].trim().to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_the_project_ids() {
        let pom = "<project><parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.3.4</version></parent><groupId>com.example</groupId><artifactId>demo</artifactId><version>0.0.1-SNAPSHOT</version><dependencies><dependency><artifactId>x</artifactId></dependency></dependencies></project>";
        let body = super::strip_parent(pom);
        assert_eq!(super::tag(&body, "artifactId").as_deref(), Some("demo"));
        assert_eq!(super::tag(&body, "version").as_deref(), Some("0.0.1-SNAPSHOT"));
    }
}
