//! `service`, the SysV init front end of CentOS's initscripts.

use crate::catalog::distro::detect;
use crate::shell::Ctx;

/// `service NAME start|stop|status` of CentOS's initscripts: SysV scripts on CentOS 6,
/// a redirect to systemctl (which has no D-Bus in a container) on CentOS 7.
pub fn service(ctx: &mut Ctx<'_>, argv: &[String]) -> i32 {
    let args = &argv[1.min(argv.len())..];
    let Some(d) = detect(ctx.fs) else {
        ctx.err("service: no init system in this image\n");
        return 1;
    };
    let (Some(name), Some(action)) = (args.first(), args.get(1)) else {
        ctx.err("Usage: service < option > | --status-all | [ service_name [ command | --full-restart ] ]\n");
        return 1;
    };
    if d.major() != "6" {
        ctx.out(&format!("Redirecting to /bin/systemctl {action} {name}.service\n"));
        ctx.err("Failed to get D-Bus connection: Operation not permitted\n");
        return 1;
    }
    if ctx.fs.get(&format!("/etc/rc.d/init.d/{name}")).is_none() {
        ctx.err(&format!("{name}: unrecognized service\n"));
        return 1;
    }
    let verb = match action.as_str() {
        "start" => "Starting",
        "stop" => "Stopping",
        "restart" => "Starting",
        "status" => {
            ctx.out(&format!("{name} is stopped\n"));
            return 3;
        }
        other => {
            ctx.out(&format!("Usage: {name} {{start|stop|restart|status}} ({other})\n"));
            return 2;
        }
    };
    let text = format!("{verb} {name}: ");
    if name == "httpd" && action != "stop" {
        ctx.out(&text);
        ctx.err("httpd: Could not reliably determine the server's fully qualified domain name, using 172.17.0.2 for ServerName\n");
        ctx.out(&format!("{:>60}\n", "[  OK  ]"));
    } else {
        ctx.out(&format!("{text}{:>w$}\n", "[  OK  ]", w = 60usize.saturating_sub(text.len()) + 8));
    }
    0
}

#[cfg(test)]
mod tests {
    use super::super::testutil::{run, tree_of};

    #[test]
    fn starts_sysv_services_on_centos_6_only() {
        let mut t = tree_of("centos:6");
        let (code, _, err) = run(&mut t, 0, &["service", "httpd", "start"]);
        assert_eq!((code, err.as_str()), (1, "httpd: unrecognized service\n"));
        assert_eq!(run(&mut t, 0, &["yum", "install", "-y", "httpd"]).0, 0);
        let (code, out, _) = run(&mut t, 0, &["service", "httpd", "start"]);
        assert_eq!(code, 0);
        assert!(out.starts_with("Starting httpd: ") && out.ends_with("[  OK  ]\n"), "{out}");
        let mut t = tree_of("centos:7");
        let (code, out, err) = run(&mut t, 0, &["service", "httpd", "start"]);
        assert_eq!((code, out.as_str()), (1, "Redirecting to /bin/systemctl start httpd.service\n"));
        assert_eq!(err, "Failed to get D-Bus connection: Operation not permitted\n");
    }
}
