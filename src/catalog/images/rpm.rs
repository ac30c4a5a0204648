//! `centos` root filesystems: the packages of `data/packages/rpm/base*.pkgs` installed
//! with their rpm database records, yum's configuration and the repository file of the
//! release, as the official images built from the CentOS kickstarts have them.
//!
//! Layout: merged `/usr` (`/bin` → `usr/bin`) as CentOS 7 has it; CentOS 6 is not
//! usr-merged: `/bin`, `/sbin`, `/lib` and `/lib64` are directories of their own holding
//! what its packages put there (see [`EL6_ROOT`]).

use super::assemble::{base_packages, Rootfs};
use super::debian::add_coreutils;
use super::entry::RpmSpec;
use crate::catalog::install::{install_files, PathFilter};
use crate::catalog::model::{FileEntry, Package, ParseError};
use crate::catalog::rpmdb::{self, RpmEntry};
use crate::vfs::{Content, Layer};

/// The root filesystem `spec` describes, every file stamped with `created`.
pub(crate) fn rootfs(spec: &RpmSpec, created: &str) -> Result<Layer, ParseError> {
    // Enterprise Linux 8 and 9, Amazon Linux 2023 and Fedora (setup 2.12 and later) name
    // uid 65534 `nobody`; Rocky's full image adds the accounts of the systemd and tpm2-tss
    // packages of its base set (`el9min`, the minimal image, has neither).
    let (passwd, group) = match spec.release.as_str() {
        "el9" => (format!("{PASSWD_EL9}{PASSWD_EL9_SYSTEMD}"), format!("{GROUP_EL9}{GROUP_EL9_SYSTEMD}")),
        r if r.starts_with("el8") || r.starts_with("el9") || r.starts_with("amzn2023") || r.starts_with("fc") => {
            (PASSWD_EL9.to_string(), GROUP_EL9.to_string())
        }
        _ => (PASSWD.to_string(), GROUP.to_string()),
    };
    let texts = [
        ("RELEASE", spec.release_text.as_str()),
        ("OS_RELEASE", spec.os_release.as_deref().unwrap_or("")),
        ("PASSWD", passwd.as_str()),
        ("GROUP", group.as_str()),
        ("YUM_CONF", YUM_CONF),
        ("DNF_CONF", DNF_CONF),
        ("REPOS", spec.repos.text.as_str()),
    ];
    let mut pkgs = base_packages("rpm", &spec.release, &texts)?;
    add_coreutils(&mut pkgs);
    let mut fs = Rootfs::new(created);
    for d in ["/usr/bin", "/usr/sbin", "/usr/lib", "/usr/lib64"] {
        fs.dir(d, 0o555, 0, 0);
    }
    if spec.release == "el6" {
        for d in ["/bin", "/sbin", "/lib", "/lib64"] {
            fs.dir(d, 0o555, 0, 0);
        }
        split_usr(&mut pkgs);
    } else {
        for (link, target) in [("/bin", "usr/bin"), ("/sbin", "usr/sbin"), ("/lib", "usr/lib"), ("/lib64", "usr/lib64")]
        {
            fs.link(link, target);
        }
    }
    let mut entries = Vec::new();
    for p in &pkgs {
        let paths = install_files(&mut fs.tree, p, &PathFilter::none(), fs.now);
        entries.push(RpmEntry::from_package(p, &paths, fs.now));
    }
    if spec.os_release.is_none() {
        fs.tree.remove_subtree("/usr/lib/os-release");
        fs.tree.remove_subtree("/etc/os-release");
    }
    let shadow: String =
        passwd.lines().map(|l| format!("{}:*:18487:0:99999:7:::\n", l.split(':').next().unwrap_or(""))).collect();
    fs.file("/etc/shadow", Content::from(shadow), 0o000, 0, 0);
    fs.text(&spec.repos.path, &spec.repos.text);
    rpmdb::save(&mut fs.tree, &mut entries, fs.now);
    Ok(fs.into_layer())
}

/// What CentOS 6 keeps outside `/usr`: the file names its packages install into `/bin`,
/// `/sbin` and `/lib64` (from the file lists of the CentOS 6.10 bash, coreutils, grep, sed,
/// gawk, findutils, tar, gzip, hostname, procps, util-linux-ng, vim-minimal, rpm and glibc
/// packages on vault.centos.org).
const EL6_ROOT: [(&str, &str); 3] = [
    (
        "/bin",
        "arch awk basename bash cat chgrp chmod chown cp cut date dd df echo egrep env false fgrep \
         find gawk grep gunzip gzip hostname kill link ln ls mkdir mknod mktemp more mount mv nice \
         ps pwd readlink rm rmdir rpm sed sh sleep sort stty sync tar touch true umount uname \
         unlink vi zcat",
    ),
    ("/sbin", "ldconfig"),
    ("/lib64", "libc.so.6 ld-linux-x86-64.so.2 libm.so.6 libpthread.so.0 libdl.so.2 libresolv.so.2"),
];

/// Moves the files CentOS 6 keeps in `/bin`, `/sbin` and `/lib64` out of `/usr`.
fn split_usr(pkgs: &mut [Package]) {
    let moved = |path: &str| -> Option<String> {
        let (dir, name) = path.rsplit_once('/')?;
        EL6_ROOT
            .iter()
            .find(|(root, names)| dir == format!("/usr{root}") && names.split_whitespace().any(|n| n == name))
            .map(|(root, _)| format!("{root}/{name}"))
    };
    for p in pkgs.iter_mut() {
        for f in p.files.iter_mut() {
            if let FileEntry::File { path, .. } | FileEntry::Link { path, .. } = f {
                if let Some(new) = moved(path) {
                    *path = new;
                }
            }
        }
    }
}

/// `/etc/yum.conf` of the CentOS images (`tsflags=nodocs` set by the kickstart).
const YUM_CONF: &str = "[main]
cachedir=/var/cache/yum/$basearch/$releasever
keepcache=0
debuglevel=2
logfile=/var/log/yum.log
exactarch=1
obsoletes=1
gpgcheck=1
plugins=1
installonly_limit=5
bugtracker_url=http://bugs.centos.org/set_project.php?project_id=23&ref=http://bugs.centos.org/bug_report_page.php?category=yum
distroverpkg=centos-release
override_install_langs=en_US.utf8
tsflags=nodocs
";

/// `/etc/dnf/dnf.conf` of the Rocky Linux images (the kickstart adds `tsflags=nodocs`).
const DNF_CONF: &str = "[main]
gpgcheck=1
installonly_limit=3
clean_requirements_on_remove=True
best=True
skip_if_unavailable=False
tsflags=nodocs
";

const PASSWD_EL9: &str = "root:x:0:0:root:/root:/bin/bash
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
adm:x:3:4:adm:/var/adm:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/spool/mail:/sbin/nologin
operator:x:11:0:operator:/root:/sbin/nologin
games:x:12:100:games:/usr/games:/sbin/nologin
ftp:x:14:50:FTP User:/var/ftp:/sbin/nologin
nobody:x:65534:65534:Kernel Overflow User:/:/sbin/nologin
";

/// The accounts systemd and tpm2-tss add in the full (not minimal) Enterprise Linux 9 images.
const PASSWD_EL9_SYSTEMD: &str = "tss:x:59:59:Account used for TPM access:/dev/null:/sbin/nologin
dbus:x:81:81:System message bus:/:/sbin/nologin
systemd-oom:x:999:999:systemd Userspace OOM Killer:/:/usr/sbin/nologin
";

const GROUP_EL9: &str = "root:x:0:
bin:x:1:
daemon:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mem:x:8:
kmem:x:9:
wheel:x:10:
cdrom:x:11:
mail:x:12:
man:x:15:
dialout:x:18:
floppy:x:19:
games:x:20:
tape:x:33:
video:x:39:
ftp:x:50:
lock:x:54:
audio:x:63:
users:x:100:
nobody:x:65534:
utmp:x:22:
utempter:x:35:
";

/// The groups systemd and tpm2-tss add in the full Enterprise Linux 9 images.
const GROUP_EL9_SYSTEMD: &str = "input:x:999:
kvm:x:36:
render:x:998:
systemd-journal:x:190:
tss:x:59:
dbus:x:81:
systemd-oom:x:997:
";

const PASSWD: &str = "root:x:0:0:root:/root:/bin/bash
bin:x:1:1:bin:/bin:/sbin/nologin
daemon:x:2:2:daemon:/sbin:/sbin/nologin
adm:x:3:4:adm:/var/adm:/sbin/nologin
lp:x:4:7:lp:/var/spool/lpd:/sbin/nologin
sync:x:5:0:sync:/sbin:/bin/sync
shutdown:x:6:0:shutdown:/sbin:/sbin/shutdown
halt:x:7:0:halt:/sbin:/sbin/halt
mail:x:8:12:mail:/var/spool/mail:/sbin/nologin
operator:x:11:0:operator:/root:/sbin/nologin
games:x:12:100:games:/usr/games:/sbin/nologin
ftp:x:14:50:FTP User:/var/ftp:/sbin/nologin
nobody:x:99:99:Nobody:/:/sbin/nologin
";

const GROUP: &str = "root:x:0:
bin:x:1:
daemon:x:2:
sys:x:3:
adm:x:4:
tty:x:5:
disk:x:6:
lp:x:7:
mem:x:8:
kmem:x:9:
wheel:x:10:
cdrom:x:11:
mail:x:12:
man:x:15:
dialout:x:18:
floppy:x:19:
games:x:20:
tape:x:33:
video:x:39:
ftp:x:50:
lock:x:54:
audio:x:63:
nobody:x:99:
users:x:100:
utmp:x:22:
utempter:x:35:
input:x:999:
ssh_keys:x:998:
";
