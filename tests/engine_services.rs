//! Services reachable from the host: a published web server answers `curl localhost:PORT`
//! in the host's terminal (what the page's terminal runs), with the container's current
//! files; stopping it closes the port.

use layerlab::build::{BuildRequest, Context};
use layerlab::engine::Engine;
use layerlab::shell::programs::curl::curl;
use layerlab::shell::{Budget, Ctx};
use layerlab::vfs::Tree;

fn host_curl(e: &Engine, url: &str) -> (i32, String, String) {
    let mut t = Tree::new();
    let (mut out, mut err, mut b) = (Vec::new(), Vec::new(), Budget::default());
    let mut ctx = Ctx::new(&mut t, b"", &mut out, &mut err, &mut b);
    ctx.network = e.host_network();
    let argv: Vec<String> = ["curl", "-sS", url].iter().map(|s| s.to_string()).collect();
    let code = curl(&mut ctx, &argv, "8.9.1");
    (code, String::from_utf8_lossy(&out).into_owned(), String::from_utf8_lossy(&err).into_owned())
}

#[test]
fn published_web_server_answers_the_host() {
    let mut e = Engine::new(|| 1_740_830_400);
    let df = "FROM alpine:3.20\nRUN apk add --no-cache nginx\nRUN mkdir -p /srv && echo '<h1>hi</h1>' > /srv/index.html && printf 'server {\\n    listen 80;\\n    root /srv;\\n}\\n' > /etc/nginx/http.d/default.conf\nEXPOSE 80\nCMD [\"nginx\", \"-g\", \"daemon off;\"]\n";
    let mut job = e.start_build(BuildRequest {
        dockerfile: df.into(),
        context: Context::new(),
        tags: vec!["site".into()],
        ..Default::default()
    });
    while !job.is_done() {
        e.build_step(&mut job);
    }
    job.result().unwrap().as_ref().unwrap();
    assert_eq!(e.exec_line("docker run -d --name web -p 8080:80 site").code, 0);
    assert_eq!(host_curl(&e, "localhost:8080"), (0, "<h1>hi</h1>\n".into(), String::new()));
    assert_eq!(e.exec_line("docker exec web sh -c 'echo changed > /srv/index.html'").code, 0);
    assert_eq!(host_curl(&e, "http://127.0.0.1:8080/").1, "changed\n");
    assert_eq!(host_curl(&e, "localhost:8080/nope").1.lines().nth(3), Some("<center><h1>404 Not Found</h1></center>"));
    assert_eq!(host_curl(&e, "localhost:80").0, 7, "port 80 is not published");
    assert_eq!(e.exec_line("docker stop web").code, 0);
    assert_eq!(host_curl(&e, "localhost:8080").0, 7);
}

/// The seed walkthrough's `docker diff webserver` shows what the official nginx image's
/// start-up changes besides the learner's page, as on Docker: the entrypoint's IPv6 edit of
/// `default.conf`, nginx's pid file and its temporary directories; `docker top` shows the
/// master process and its workers.
#[test]
fn official_nginx_changes_its_container_as_it_starts() {
    let mut e = Engine::new(|| 1_740_830_400);
    assert_eq!(e.exec_line("docker run --name webserver -d -p 80:80 nginx").code, 0);
    let page = "docker exec webserver bash -c \"echo '<h1>Hello, Docker!</h1>' > /usr/share/nginx/html/index.html\"";
    assert_eq!(e.exec_line(page).code, 0);
    let diff = e.exec_line("docker diff webserver").stdout;
    for line in [
        "C /etc/nginx/conf.d/default.conf",
        "C /run",
        "A /run/nginx.pid",
        "C /usr/share/nginx/html/index.html",
        "A /var/cache/nginx/client_temp",
        "A /var/cache/nginx/uwsgi_temp",
    ] {
        assert!(diff.lines().any(|l| l == line), "{line} missing from\n{diff}");
    }
    let conf = e.exec_line("docker exec webserver cat /etc/nginx/conf.d/default.conf").stdout;
    assert!(conf.contains("    listen       80;\n    listen  [::]:80;\n"), "{conf}");
    let logs = e.exec_line("docker logs webserver");
    assert!(logs.stdout.contains("info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf"), "{}", logs.stdout);
    let top = e.exec_line("docker top webserver").stdout;
    let cmds: Vec<&str> = top.lines().skip(1).map(|l| l.split("00:00:00").nth(1).unwrap_or("").trim()).collect();
    assert_eq!(cmds[0], "nginx: master process nginx -g daemon off;", "{top}");
    assert!(cmds.len() > 1 && cmds[1..].iter().all(|c| *c == "nginx: worker process"), "{top}");
}
