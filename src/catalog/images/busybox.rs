//! `busybox`: the glibc variant of the official image (about 4.3 MB): one `/bin/busybox`
//! with a hard link per applet, glibc's shared libraries and minimal `/etc`.

use super::applets::{names, ALPINE_BIN, ALPINE_SBIN, ALPINE_USR_BIN, ALPINE_USR_SBIN, BUSYBOX_EXTRA};
use super::assemble::Rootfs;
use crate::vfs::{Content, Layer};

/// The image's filesystem for BusyBox `version` whose binary is `size` bytes.
pub(crate) fn rootfs(version: &str, size: u64, created: &str) -> Layer {
    let mut fs = Rootfs::new(created);
    for (d, mode) in [
        ("/bin", 0o755),
        ("/dev", 0o755),
        ("/etc", 0o755),
        ("/etc/network", 0o755),
        ("/home", 0o755),
        ("/lib", 0o755),
        ("/root", 0o700),
        ("/tmp", 0o1777),
        ("/usr/sbin", 0o755),
        ("/var/spool/mail", 0o755),
        ("/var/www", 0o755),
    ] {
        fs.dir(d, mode, 0, 0);
    }
    fs.file(
        "/bin/busybox",
        Content::synthetic(size, 0xb0b0 + size, &format!("busybox {version} (glibc) static binary")),
        0o755,
        0,
        0,
    );
    let mut all: Vec<&str> =
        [ALPINE_BIN, ALPINE_SBIN, ALPINE_USR_BIN, ALPINE_USR_SBIN, BUSYBOX_EXTRA].into_iter().flat_map(names).collect();
    crate::util::sort::sort(&mut all);
    all.dedup();
    for name in all {
        if name != "busybox" {
            fs.hard_link(&format!("/bin/{name}"), "/bin/busybox");
        }
    }
    fs.link("/lib64", "lib");
    for (lib, size) in [
        ("ld-linux-x86-64.so.2", 214_888u64),
        ("libc.so.6", 1_922_136),
        ("libm.so.6", 907_784),
        ("libresolv.so.2", 68_104),
        ("libnss_files.so.2", 27_000),
        ("libnss_dns.so.2", 27_000),
        ("libnss_compat.so.2", 43_848),
        ("libpthread.so.0", 21_344),
    ] {
        fs.file(&format!("/lib/{lib}"), Content::synthetic(size, size, &format!("glibc 2.36 {lib}")), 0o755, 0, 0);
    }
    fs.text("/etc/passwd", PASSWD);
    fs.text("/etc/group", GROUP);
    fs.file("/etc/shadow", Content::from(SHADOW), 0o600, 0, 0);
    fs.text("/etc/nsswitch.conf", "hosts: files dns\nnetworks: files\n");
    fs.link("/etc/localtime", "/usr/share/zoneinfo/UTC");
    fs.into_layer()
}

const PASSWD: &str = "root:x:0:0:root:/root:/bin/sh
daemon:x:1:1:daemon:/usr/sbin:/bin/false
bin:x:2:2:bin:/bin:/bin/false
sys:x:3:3:sys:/dev:/bin/false
sync:x:4:100:sync:/bin:/bin/sync
mail:x:8:8:mail:/var/spool/mail:/bin/false
www-data:x:33:33:www-data:/var/www:/bin/false
operator:x:37:37:Operator:/var:/bin/false
nobody:x:65534:65534:nobody:/home:/bin/false
";

const SHADOW: &str = "root:*::0:::::
daemon:*::0:::::
bin:*::0:::::
sys:*::0:::::
sync:*::0:::::
mail:*::0:::::
www-data:*::0:::::
operator:*::0:::::
nobody:*::0:::::
";

const GROUP: &str = "root:x:0:
daemon:x:1:
bin:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mail:x:8:
kmem:x:9:
wheel:x:10:root
cdrom:x:11:
dialout:x:18:
floppy:x:19:
video:x:28:
audio:x:29:
tape:x:32:
www-data:x:33:
operator:x:37:
utmp:x:43:
plugdev:x:46:
staff:x:50:
lock:x:54:
netdev:x:82:
users:x:100:
nogroup:x:65534:
";

#[cfg(test)]
mod tests {
    use crate::catalog::images::lookup;
    use crate::vfs::Tree;

    #[test]
    fn busybox_image() {
        let b = lookup("busybox:1.36").unwrap().unwrap();
        let t = Tree::from_layers(&b.layers);
        let bb = t.get("/bin/busybox").unwrap().ino;
        assert_eq!(t.get("/bin/sh").unwrap().ino, bb);
        assert_eq!(t.get("/bin/ls").unwrap().ino, bb);
        let size = t.content_size() as f64 / 1e6;
        assert!((4.0..4.6).contains(&size), "{size}");
        assert_eq!(b.config.cmd, Some(vec!["sh".to_string()]));
    }
}
