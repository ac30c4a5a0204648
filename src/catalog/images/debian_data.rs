//! The documentation the apt-based images add to their base packages: coreutils' programs,
//! and the translation domains with the languages they come in.

/// Commands of coreutils with their binary sizes in KiB.
pub(crate) const COREUTILS: &str = "[:51 arch:35 b2sum:55 base32:39 base64:39 basename:35 basenc:47 cat:43 \
chcon:63 chgrp:63 chmod:59 chown:67 chroot:39 cksum:99 comm:39 cp:147 csplit:115 cut:47 date:107 dd:71 df:87 \
dir:139 dircolors:47 dirname:35 du:103 echo:35 env:43 expand:39 expr:111 factor:71 false:27 fmt:39 fold:39 \
groups:35 head:43 hostid:35 id:39 install:151 join:51 link:35 ln:67 logname:35 ls:139 md5sum:43 mkdir:71 \
mkfifo:39 mknod:43 mktemp:39 mv:135 nice:35 nl:43 nohup:35 nproc:35 numfmt:59 od:67 paste:35 pathchk:35 \
pinky:39 pr:71 printenv:35 printf:51 ptx:115 pwd:39 readlink:43 realpath:43 rm:59 rmdir:43 runcon:35 seq:51 \
sha1sum:43 sha224sum:47 sha256sum:47 sha384sum:51 sha512sum:51 shred:55 shuf:47 sleep:35 sort:115 split:59 \
stat:87 stdbuf:47 stty:75 sum:35 sync:35 tac:39 tail:63 tee:35 test:43 timeout:39 touch:95 tr:47 true:27 \
truncate:35 tsort:47 tty:35 uname:35 unexpand:39 uniq:43 unlink:35 users:35 vdir:139 wc:47 who:51 whoami:35 \
yes:35";

/// coreutils' programs that came after its first releases, with the version that added
/// them (coreutils' NEWS): releases older than that (CentOS 6's 8.4, CentOS 7's 8.22)
/// do not have them.
pub(crate) const COREUTILS_SINCE: &[(&str, (u32, u32))] =
    &[("realpath", (8, 15)), ("numfmt", (8, 21)), ("base32", (8, 25)), ("b2sum", (8, 26)), ("basenc", (8, 31))];

/// Translation domains: owning package, `.mo` size in KiB, number of languages.
pub(crate) const LOCALE: &[(&str, &str, u64, usize)] = &[
    ("coreutils", "coreutils", 180, 42),
    ("libc6", "libc", 140, 40),
    ("util-linux", "util-linux", 160, 35),
    ("e2fsprogs", "e2fsprogs", 110, 25),
    ("tar", "tar", 50, 40),
    ("dpkg", "dpkg", 90, 30),
    ("apt", "apt", 70, 35),
    ("bash", "bash", 80, 35),
    ("findutils", "findutils", 40, 35),
    ("grep", "grep", 20, 40),
    ("sed", "sed", 20, 40),
    ("diffutils", "diffutils", 30, 30),
    ("passwd", "shadow", 60, 30),
    ("debconf", "debconf", 15, 40),
    ("adduser", "adduser", 20, 30),
    ("libgnutls30", "gnutls30", 25, 25),
    ("libgpg-error0", "libgpg-error", 15, 20),
];

/// Language codes translations exist for.
pub(crate) const LANGS: &str = "ar ast be bg ca cs da de el eo es et eu fi fr ga gl he hr hu id it ja kk ko \
lt ms nb nl pl pt pt_BR ro ru sk sl sr sv tr uk vi zh_CN zh_TW";
