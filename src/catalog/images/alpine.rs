//! `alpine`: the minirootfs of Alpine 3.19, 3.20 and 3.21 (about 7.8 MB).

use super::applets::{names, ALPINE_BIN, ALPINE_SBIN, ALPINE_USR_BIN, ALPINE_USR_SBIN};
use super::assemble::Rootfs;
use super::{config, history, Built};
use crate::catalog::model::parse;

/// One Alpine release.
struct Release {
    column: usize,
    version: &'static str,
    created: &'static str,
    world: &'static [&'static str],
}

const RELEASES: &[(&str, Release)] = &[
    (
        "3.19",
        Release {
            column: 0,
            version: "3.19.4",
            created: "2024-09-06T12:05:36Z",
            world: &["alpine-baselayout", "alpine-keys", "apk-tools", "busybox", "ca-certificates-bundle", "libc-utils", "ssl_client"],
        },
    ),
    (
        "3.20",
        Release {
            column: 1,
            version: "3.20.3",
            created: "2024-09-06T12:05:36Z",
            world: &["alpine-baselayout", "alpine-keys", "apk-tools", "busybox", "ca-certificates-bundle", "libc-utils", "ssl_client"],
        },
    ),
    (
        "3.21",
        Release {
            column: 2,
            version: "3.21.2",
            created: "2025-01-08T12:07:30Z",
            world: &["alpine-baselayout", "alpine-keys", "alpine-release", "apk-tools", "busybox", "ca-certificates-bundle", "musl-utils", "ssl_client"],
        },
    ),
];

/// Builds the release named `key` (`3.20`).
pub(crate) fn build(key: &str) -> Option<Built> {
    let (_, rel) = RELEASES.iter().find(|(k, _)| *k == key)?;
    let branch = key;
    let texts_owned = texts(rel.version, branch);
    let texts: Vec<(&str, &str)> = texts_owned.iter().map(|(a, b)| (*a, b.as_str())).collect();
    let pkgs = parse(BASE, rel.column, &texts).ok()?;
    let mut fs = Rootfs::new(rel.created);
    for d in ["/dev", "/proc", "/sys", "/run", "/home", "/mnt", "/opt", "/srv", "/media"] {
        fs.dir(d, 0o755, 0, 0);
    }
    fs.install_apk(&pkgs, rel.world);
    let repos = texts.iter().find(|(n, _)| *n == "REPOSITORIES").map_or("", |(_, t)| *t);
    fs.text("/etc/apk/repositories", repos);
    // busybox's post-install script makes the applet links (not owned by the package).
    for (dir, list) in [("/bin", ALPINE_BIN), ("/sbin", ALPINE_SBIN), ("/usr/bin", ALPINE_USR_BIN), ("/usr/sbin", ALPINE_USR_SBIN)] {
        for name in names(list) {
            let path = format!("{dir}/{name}");
            if fs.tree.get(&path).is_none() {
                fs.link(&path, "/bin/busybox");
            }
        }
    }
    let created = rel.created.to_string();
    let tarball = format!("alpine-minirootfs-{}-x86_64.tar.gz", rel.version);
    Some(Built {
        config: config(&["/bin/sh"]),
        history: vec![
            history(&created, &format!("ADD {tarball} / # buildkit"), Some("buildkit.dockerfile.v0"), false),
            history(&created, "CMD [\"/bin/sh\"]", Some("buildkit.dockerfile.v0"), true),
        ],
        created,
        layers: vec![fs.into_layer()],
    })
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

/// The base packages; columns are 3.19 | 3.20 | 3.21.
const BASE: &str = r#"
@ musl 1.2.4_git20230717-r4|1.2.5-r0|1.2.5-r8
d the musl c library (libc) implementation
u https://musl.libc.org/
l MIT
f /lib/ld-musl-x86_64.so.1 646K
L /lib/libc.musl-x86_64.so.1 ld-musl-x86_64.so.1

@ busybox 1.36.1-r20|1.36.1-r29|1.37.0-r12
d Size optimized toolbox of many common UNIX utilities
u https://busybox.net/
l GPL-2.0-only
dep musl
script post-install post-upgrade trigger
f /bin/busybox 788K
D /etc/busybox-paths.d
x /etc/busybox-paths.d/busybox bin/busybox\n
D /etc/logrotate.d
x /etc/logrotate.d/acpid /var/log/acpid.log {\n\tmissingok\n\tnotifempty\n\tsharedscripts\n\tpostrotate\n\t\t/etc/init.d/acpid --ifstarted restart || true\n\tendscript\n}\n
D /etc/network/if-up.d
f /etc/network/if-up.d/dad 775 0775
x /etc/securetty console\ntty1\ntty2\ntty3\ntty4\ntty5\ntty6\n
D /etc/udhcpc
x /etc/udhcpc/udhcpc.conf # udhcpc configuration\n
D /usr/share/udhcpc
f /usr/share/udhcpc/default.script 3.6K 0755

@ busybox-binsh 1.36.1-r20|1.36.1-r29|1.37.0-r12
d busybox ash /bin/sh
u https://busybox.net/
l GPL-2.0-only
dep busybox
L /bin/sh /bin/busybox

@ alpine-baselayout-data 3.4.3-r2|3.6.5-r0|3.6.8-r1
d Alpine base dir structure and init scripts
u https://git.alpinelinux.org/cgit/aports/tree/main/alpine-baselayout
l GPL-2.0-only
t /etc/fstab FSTAB
t /etc/group GROUP
t /etc/hosts HOSTS
x /etc/inittab # /etc/inittab\n\n::sysinit:/sbin/openrc sysinit\n::sysinit:/sbin/openrc boot\n::wait:/sbin/openrc default\n
x /etc/modules af_packet\nipv6\n
L /etc/mtab ../proc/mounts
t /etc/nsswitch.conf NSSWITCH
t /etc/passwd PASSWD
t /etc/profile PROFILE
f /etc/protocols 3.1K 0644
f /etc/services 12.5K 0644
t /etc/shadow SHADOW 0640 0:42
t /etc/shells SHELLS
x /etc/sysctl.conf # content of this file will override /etc/sysctl.d/*\n
[01]t /etc/os-release OS_RELEASE
[01]t /etc/alpine-release ALPINE_RELEASE
[01]t /etc/issue ISSUE

@ alpine-baselayout 3.4.3-r2|3.6.5-r0|3.6.8-r1
d Alpine base dir structure and init scripts
u https://git.alpinelinux.org/cgit/aports/tree/main/alpine-baselayout
l GPL-2.0-only
dep alpine-baselayout-data busybox-binsh
script pre-install post-install pre-upgrade post-upgrade
D /bin
D /etc/apk
D /etc/conf.d
D /etc/crontabs
t /etc/crontabs/root CRONTAB 0600
D /etc/init.d
D /etc/modprobe.d
x /etc/modprobe.d/aliases.conf # Aliases to tell insmod/modprobe which modules to use\n
x /etc/modprobe.d/blacklist.conf # blacklist of modules that should not be loaded\n
x /etc/modprobe.d/i386.conf alias parport_pc.ko\n
x /etc/modprobe.d/kms.conf # enable modeset for the kms drivers\n
D /etc/modules-load.d
t /etc/motd MOTD
D /etc/network/if-down.d
D /etc/network/if-post-down.d
D /etc/network/if-pre-up.d
D /etc/opt
D /etc/periodic/15min
D /etc/periodic/daily
D /etc/periodic/hourly
D /etc/periodic/monthly
D /etc/periodic/weekly
D /etc/profile.d
x /etc/profile.d/20locale.sh # LC_COLLATE=C keeps sort order stable\nexport CHARSET=${CHARSET:-UTF-8}\nexport LANG=${LANG:-C.UTF-8}\nexport LC_COLLATE=${LC_COLLATE:-C}\n
x /etc/profile.d/README Files with the .sh extension in this directory are sourced by /etc/profile.\n
x /etc/profile.d/color_prompt.sh.disabled # Setup a red prompt for root and a green one for users.\n
D /etc/sysctl.d
D /home
D /lib/firmware
D /lib/modules-load.d
D /lib/sysctl.d
x /lib/sysctl.d/00-alpine.conf net.ipv4.conf.all.rp_filter = 1\nkernel.panic = 120\n
D /media/cdrom
D /media/floppy
D /media/usb
D /mnt
D /opt
D /proc
D /root 0700
D /run
D /sbin
D /srv
D /sys
D /tmp 1777
D /usr/bin
D /usr/lib/modules-load.d
D /usr/local/bin
D /usr/local/lib
D /usr/local/share
D /usr/sbin
D /usr/share/man
D /usr/share/misc
D /var/cache/misc
D /var/empty 0555
D /var/lib/misc
D /var/local
L /var/lock ../run/lock
D /var/log
D /var/mail
D /var/opt
L /var/run ../run
D /var/spool/cron
L /var/spool/cron/crontabs ../../../etc/crontabs
D /var/tmp 1777

@ alpine-release -|-|3.21.2-r0
d Alpine release data
u https://alpinelinux.org
l MIT
t /usr/lib/os-release OS_RELEASE
L /etc/os-release ../usr/lib/os-release
t /etc/alpine-release ALPINE_RELEASE
t /etc/issue ISSUE
x /etc/secfixes.d/alpine # secfixes\n

@ alpine-keys 2.4-r1|2.4-r1|2.5-r0
d Public keys for Alpine Linux packages
u https://alpinelinux.org
l MIT
D /etc/apk/keys
L /etc/apk/keys/alpine-devel@lists.alpinelinux.org-4a6a0840.rsa.pub ../../../usr/share/apk/keys/x86_64/alpine-devel@lists.alpinelinux.org-4a6a0840.rsa.pub
L /etc/apk/keys/alpine-devel@lists.alpinelinux.org-5261cecb.rsa.pub ../../../usr/share/apk/keys/x86_64/alpine-devel@lists.alpinelinux.org-5261cecb.rsa.pub
L /etc/apk/keys/alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub ../../../usr/share/apk/keys/x86_64/alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub
f /usr/share/apk/keys/alpine-devel@lists.alpinelinux.org-4a6a0840.rsa.pub 451
f /usr/share/apk/keys/alpine-devel@lists.alpinelinux.org-5243ef4b.rsa.pub 451
f /usr/share/apk/keys/alpine-devel@lists.alpinelinux.org-524d27bb.rsa.pub 451
f /usr/share/apk/keys/alpine-devel@lists.alpinelinux.org-5261cecb.rsa.pub 451
f /usr/share/apk/keys/alpine-devel@lists.alpinelinux.org-58199dcc.rsa.pub 451
f /usr/share/apk/keys/alpine-devel@lists.alpinelinux.org-58cbb476.rsa.pub 451
f /usr/share/apk/keys/alpine-devel@lists.alpinelinux.org-58e4f17d.rsa.pub 451
f /usr/share/apk/keys/alpine-devel@lists.alpinelinux.org-5e69ca50.rsa.pub 451
f /usr/share/apk/keys/alpine-devel@lists.alpinelinux.org-60ac2099.rsa.pub 451
f /usr/share/apk/keys/alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub 800
f /usr/share/apk/keys/alpine-devel@lists.alpinelinux.org-61666e3f.rsa.pub 800
f /usr/share/apk/keys/alpine-devel@lists.alpinelinux.org-616a9724.rsa.pub 800
f /usr/share/apk/keys/alpine-devel@lists.alpinelinux.org-616abc23.rsa.pub 800
f /usr/share/apk/keys/alpine-devel@lists.alpinelinux.org-616ac3bc.rsa.pub 800
f /usr/share/apk/keys/alpine-devel@lists.alpinelinux.org-616adfeb.rsa.pub 800
f /usr/share/apk/keys/alpine-devel@lists.alpinelinux.org-616ae350.rsa.pub 800
f /usr/share/apk/keys/alpine-devel@lists.alpinelinux.org-616db30d.rsa.pub 800
D /usr/share/apk/keys/x86_64
L /usr/share/apk/keys/x86_64/alpine-devel@lists.alpinelinux.org-4a6a0840.rsa.pub ../alpine-devel@lists.alpinelinux.org-4a6a0840.rsa.pub
L /usr/share/apk/keys/x86_64/alpine-devel@lists.alpinelinux.org-5261cecb.rsa.pub ../alpine-devel@lists.alpinelinux.org-5261cecb.rsa.pub
L /usr/share/apk/keys/x86_64/alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub ../alpine-devel@lists.alpinelinux.org-6165ee59.rsa.pub

@ ca-certificates-bundle 20240226-r0|20240705-r0|20241121-r1
d Pre generated bundle of Mozilla certificates
u https://www.mozilla.org/en-US/about/governance/policies/security-group/certs/
l MPL-2.0 AND MIT
f /etc/ssl/certs/ca-certificates.crt 219K
L /etc/ssl/cert.pem certs/ca-certificates.crt

@ libcrypto3 3.1.7-r0|3.3.2-r0|3.3.2-r4
d Crypto library from openssl
u https://www.openssl.org/
l Apache-2.0
dep musl
[0]f /lib/libcrypto.so.3 4.0M
[12]f /usr/lib/libcrypto.so.3 4.2M
f /usr/lib/engines-3/afalg.so 23K
f /usr/lib/engines-3/capi.so 15K
f /usr/lib/engines-3/loader_attic.so 59K
f /usr/lib/engines-3/padlock.so 15K
f /usr/lib/ossl-modules/legacy.so 115K
f /etc/ssl/openssl.cnf 12.3K
f /etc/ssl/openssl.cnf.dist 12.3K
f /etc/ssl/ct_log_list.cnf 412
f /etc/ssl/ct_log_list.cnf.dist 412
D /etc/ssl/certs
D /etc/ssl/private
D /etc/ssl/misc
f /etc/ssl/misc/CA.pl 7.9K 0755
f /etc/ssl/misc/tsget.pl 6.6K 0755
L /etc/ssl/misc/tsget tsget.pl

@ libssl3 3.1.7-r0|3.3.2-r0|3.3.2-r4
d SSL shared libraries
u https://www.openssl.org/
l Apache-2.0
dep libcrypto3 musl
[0]f /lib/libssl.so.3 593K
[12]f /usr/lib/libssl.so.3 770K

@ zlib 1.3.1-r0|1.3.1-r1|1.3.1-r2
d A compression/decompression Library
u https://zlib.net/
l Zlib
dep musl
[0]f /lib/libz.so.1.3.1 98K
[0]L /lib/libz.so.1 libz.so.1.3.1
[12]f /usr/lib/libz.so.1.3.1 98K
[12]L /usr/lib/libz.so.1 libz.so.1.3.1

@ apk-tools 2.14.4-r0|2.14.4-r1|2.14.6-r2
d Alpine Package Keeper - package manager for alpine
u https://gitlab.alpinelinux.org/alpine/apk-tools
l GPL-2.0-only
dep musl ca-certificates-bundle libcrypto3 libssl3 zlib
D /etc/apk/keys
D /etc/apk/protected_paths.d
[0]f /lib/libapk.so.2.14.0 183K
[12]f /usr/lib/libapk.so.2.14.0 186K
f /sbin/apk 65K
D /lib/apk/db
D /lib/apk/exec
D /var/cache/apk
D /var/lib/apk

@ scanelf 1.3.7-r2|1.3.7-r2|1.3.8-r1
d Scan ELF binaries for stuff
u https://wiki.gentoo.org/wiki/Hardened/PaX_Utilities
l GPL-2.0-only
dep musl
f /usr/bin/scanelf 64K

@ musl-utils 1.2.4_git20230717-r4|1.2.5-r0|1.2.5-r8
d the musl c library (libc) implementation
u https://musl.libc.org/
l MIT AND BSD-2-Clause AND GPL-2.0-or-later
dep musl scanelf
t /sbin/ldconfig LDCONFIG 0755
f /usr/bin/getconf 34K
f /usr/bin/getent 47K
f /usr/bin/iconv 21K
L /usr/bin/ldd ../../lib/ld-musl-x86_64.so.1

@ libc-utils 0.7.2-r5|0.7.2-r5|-
d Meta package to pull in correct libc
u https://alpinelinux.org
l BSD-2-Clause AND BSD-3-Clause
dep musl-utils

@ ssl_client 1.36.1-r20|1.36.1-r29|1.37.0-r12
d EXternal ssl_client for busybox wget
u https://busybox.net/
l GPL-2.0-only
dep libcrypto3 libssl3 musl
f /usr/bin/ssl_client 14K
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vfs::{NodeKind, Tree};

    #[test]
    fn alpine_320_layout() {
        let b = build("3.20").unwrap();
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
        let t = Tree::from_layers(&build("3.21").unwrap().layers);
        assert_eq!(t.resolve("/", "/etc/os-release", true).unwrap(), "/usr/lib/os-release");
        assert!(t.get("/usr/lib/libc-utils").is_none());
    }
}
