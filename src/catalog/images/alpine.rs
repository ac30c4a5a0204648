//! `alpine`: the minirootfs of an Alpine release (about 7.8 MB), from the packages of
//! `data/packages/alpine/base.pkgs`.

use super::applets::{names, ALPINE_BIN, ALPINE_SBIN, ALPINE_USR_BIN, ALPINE_USR_SBIN};
use super::assemble::{base_packages, Rootfs};
use crate::catalog::model::ParseError;
use crate::vfs::Layer;

/// The root filesystem of Alpine `release` (`3.20`) at `version` (`3.20.3`), with
/// `/etc/apk/world` listing `world`, every file stamped with `created`.
pub(crate) fn rootfs(release: &str, version: &str, world: &[String], created: &str) -> Result<Layer, ParseError> {
    let texts_owned = texts(version, release);
    let texts: Vec<(&str, &str)> = texts_owned.iter().map(|(a, b)| (*a, b.as_str())).collect();
    let pkgs = base_packages("alpine", release, &texts)?;
    let mut fs = Rootfs::new(created);
    for d in ["/dev", "/proc", "/sys", "/run", "/home", "/mnt", "/opt", "/srv", "/media"] {
        fs.dir(d, 0o755, 0, 0);
    }
    let world: Vec<&str> = world.iter().map(String::as_str).collect();
    // Releases generated from their minirootfs list the files no package owns (`.rootfs`):
    // the applet links and `/etc/apk/repositories` exactly as the tarball has them.
    let complete = pkgs.iter().any(|p| p.name == ".rootfs");
    fs.install_apk(&pkgs, &world);
    if complete {
        return Ok(fs.into_layer());
    }
    let repos = texts.iter().find(|(n, _)| *n == "REPOSITORIES").map_or("", |(_, t)| *t);
    fs.text("/etc/apk/repositories", repos);
    // busybox's post-install script makes the applet links (not owned by the package).
    for (dir, list) in
        [("/bin", ALPINE_BIN), ("/sbin", ALPINE_SBIN), ("/usr/bin", ALPINE_USR_BIN), ("/usr/sbin", ALPINE_USR_SBIN)]
    {
        for name in names(list) {
            let path = format!("{dir}/{name}");
            if fs.tree.get(&path).is_none() {
                fs.link(&path, "/bin/busybox");
            }
        }
    }
    Ok(fs.into_layer())
}

fn texts(version: &str, branch: &str) -> Vec<(&'static str, String)> {
    vec![
        (
            "OS_RELEASE",
            format!(
                "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID={version}\nPRETTY_NAME=\"Alpine Linux v{branch}\"\n\
                 HOME_URL=\"https://alpinelinux.org/\"\nBUG_REPORT_URL=\"https://gitlab.alpinelinux.org/alpine/aports/-/issues\"\n"
            ),
        ),
        ("ALPINE_RELEASE", format!("{version}\n")),
        ("ISSUE", format!("Welcome to Alpine Linux {branch}\nKernel \\r on an \\m (\\l)\n\n")),
        (
            "REPOSITORIES",
            format!("https://dl-cdn.alpinelinux.org/alpine/v{branch}/main\nhttps://dl-cdn.alpinelinux.org/alpine/v{branch}/community\n"),
        ),
        ("PASSWD", PASSWD.to_string()),
        ("GROUP", GROUP.to_string()),
        ("SHADOW", PASSWD.lines().map(|l| format!("{}:{}::0:::::\n", l.split(':').next().unwrap_or(""), if l.starts_with("root:") { "*" } else { "!" })).collect()),
        ("PROFILE", PROFILE.to_string()),
        ("SHELLS", "# valid login shells\n/bin/sh\n/bin/ash\n".to_string()),
        ("HOSTS", "127.0.0.1\tlocalhost localhost.localdomain\n::1\t\tlocalhost localhost.localdomain\n".to_string()),
        ("FSTAB", "/dev/cdrom\t/media/cdrom\tiso9660\tnoauto,ro 0 0\n/dev/usbdisk\t/media/usb\tvfat\tnoauto,ro 0 0\n".to_string()),
        ("NSSWITCH", "# musl itself does not support NSS, however some third-party DNS\n# implementations use the nsswitch.conf file to determine what\n# policy to follow.\n# Editing this file is not recommended.\nhosts: files dns\n".to_string()),
        ("MOTD", "Welcome to Alpine!\n\nThe Alpine Wiki contains a large amount of how-to guides and general\ninformation about administrating Alpine systems.\nSee <https://wiki.alpinelinux.org/>.\n\nYou can setup the system with the command: setup-alpine\n\nYou may change this message by editing /etc/motd.\n\n".to_string()),
        ("CRONTAB", "# do daily/weekly/monthly maintenance\n# min\thour\tday\tmonth\tweekday\tcommand\n*/15\t*\t*\t*\t*\trun-parts /etc/periodic/15min\n0\t*\t*\t*\t*\trun-parts /etc/periodic/hourly\n0\t2\t*\t*\t*\trun-parts /etc/periodic/daily\n0\t3\t*\t*\t6\trun-parts /etc/periodic/weekly\n0\t5\t1\t*\t*\trun-parts /etc/periodic/monthly\n\n".to_string()),
        ("LDCONFIG", "#!/bin/sh\nscan_dirs() {\n\tscanelf -qS \"$@\" | while read SONAME FILE; do\n\t\tTARGET=\"${FILE##*/}\"\n\t\tLINK=\"${FILE%/*}/$SONAME\"\n\t\tcase \"$SONAME\" in\n\t\t\tlib*.so*) ;;\n\t\t\t*) continue ;;\n\t\tesac\n\t\t[ -e \"$LINK\" ] || ln -sf \"$TARGET\" \"$LINK\"\n\tdone\n}\nexit 0\n".to_string()),
    ]
}

const PASSWD: &str = "root:x:0:0:root:/root:/bin/sh
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/mail:/sbin/nologin
news:x:9:13:news:/usr/lib/news:/sbin/nologin
uucp:x:10:14:uucp:/var/spool/uucppublic:/sbin/nologin
cron:x:16:16:cron:/var/spool/cron:/sbin/nologin
ftp:x:21:21::/var/lib/ftp:/sbin/nologin
sshd:x:22:22:sshd:/dev/null:/sbin/nologin
games:x:35:35:games:/usr/games:/sbin/nologin
ntp:x:123:123:NTP:/var/empty:/sbin/nologin
guest:x:405:100:guest:/dev/null:/sbin/nologin
nobody:x:65534:65534:nobody:/:/sbin/nologin
";

const GROUP: &str = "root:x:0:root
bin:x:1:root,bin,daemon
daemon:x:2:root,bin,daemon
sys:x:3:root,bin
adm:x:4:root,daemon
tty:x:5:
disk:x:6:root
lp:x:7:lp
kmem:x:9:
wheel:x:10:root
floppy:x:11:root
mail:x:12:mail
news:x:13:news
uucp:x:14:uucp
cron:x:16:cron
console:x:17:
audio:x:18:
cdrom:x:19:
dialout:x:20:root
ftp:x:21:
sshd:x:22:
input:x:23:
tape:x:26:root
video:x:27:root
netdev:x:28:
kvm:x:34:kvm
games:x:35:
shadow:x:42:
www-data:x:82:
users:x:100:games
ntp:x:123:
abuild:x:300:
utmp:x:406:
ping:x:999:
nogroup:x:65533:
nobody:x:65534:
";

const PROFILE: &str = "export CHARSET=UTF-8
export LANG=C.UTF-8
export LC_COLLATE=C

export PATH=\"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"
export PAGER=less
umask 022

for script in /etc/profile.d/*.sh ; do
\tif [ -r \"$script\" ] ; then
\t\t. \"$script\"
\tfi
done
unset script
";

#[cfg(test)]
mod tests {
    use crate::catalog::images::lookup;
    use crate::vfs::{NodeKind, Tree};

    #[test]
    fn alpine_320_layout() {
        let b = lookup("alpine:3.20").unwrap().unwrap();
        let t = Tree::from_layers(&b.layers);
        assert_eq!(t.resolve("/", "/bin/sh", true).unwrap(), "/bin/busybox");
        assert!(matches!(&t.get("/usr/bin/wget").unwrap().kind, NodeKind::Symlink(s) if s == "/bin/busybox"));
        assert_eq!(t.get("/tmp").unwrap().meta.mode, 0o1777);
        let shadow = t.get("/etc/shadow").unwrap();
        assert_eq!((shadow.meta.mode, shadow.meta.gid), (0o640, 42));
        let db = String::from_utf8(t.read("/", "/lib/apk/db/installed").unwrap().bytes().into_owned()).unwrap();
        assert_eq!(db.matches("\nP:").count(), 15);
        assert!(db.contains("P:busybox\nV:1.36.1-r29\n"));
        let osr = String::from_utf8(t.read("/", "/etc/os-release").unwrap().bytes().into_owned()).unwrap();
        assert!(osr.contains("VERSION_ID=3.20.3\n"));
        assert_eq!(b.history[0].created_by, "ADD alpine-minirootfs-3.20.3-x86_64.tar.gz / # buildkit");
        assert!(t.get("/etc/hostname").is_none());
        assert!(t.children("/var/cache/apk").next().is_none());
    }

    #[test]
    fn alpine_321_uses_usr_lib_os_release() {
        let t = Tree::from_layers(&lookup("alpine:3.21").unwrap().unwrap().layers);
        assert_eq!(t.resolve("/", "/etc/os-release", true).unwrap(), "/usr/lib/os-release");
        assert!(t.get("/usr/lib/libc-utils").is_none());
    }
}
