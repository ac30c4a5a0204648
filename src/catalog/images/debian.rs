//! `debian` and `ubuntu` root filesystems: merged-/usr layouts assembled from the base
//! packages of `data/packages/apt/base*.pkgs`, with dpkg's status and file
//! lists, documentation and translations (left out of the slim and Ubuntu images by the same
//! dpkg `path-exclude` rules they ship), and the apt configuration of the official images.

use super::assemble::{base_packages, Rootfs};
use super::debian_data::{COREUTILS, COREUTILS_SINCE, LANGS, LOCALE};
use super::entry::DebianSpec;
use crate::catalog::install::PathFilter;
use crate::catalog::model::{hash64, FileEntry, Package, ParseError};
use crate::vfs::{Content, Layer};

/// The `path-exclude` rules of `debian:*-slim` (`/etc/dpkg/dpkg.cfg.d/docker`).
pub(crate) const SLIM_EXCLUDES: &str = "# This is the \"slim\" variant of the Debian base image.
# Many files which are normally unnecessary in containers are excluded,
# and this configuration file keeps them that way.

path-exclude /usr/share/doc/*
# we need to keep copyright files for legal reasons
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/linda/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/man/*
";

/// Ubuntu's minimized-image rules (`/etc/dpkg/dpkg.cfg.d/excludes`).
pub(crate) const UBUNTU_EXCLUDES: &str = "# To prevent files being installed by dpkg, use the unminimize command.
# Drop all man pages
path-exclude=/usr/share/man/*

# Drop all translations
path-exclude=/usr/share/locale/*/LC_MESSAGES/*.mo

# Drop all documentation ...
path-exclude=/usr/share/doc/*

# ... except copyright files ...
path-include=/usr/share/doc/*/copyright

# Drop all info pages
path-exclude=/usr/share/info/*

# Drop lintian overrides
path-exclude=/usr/share/lintian/*
path-exclude=/usr/share/linda/*
";

const DOCKER_CLEAN: &str = "# Since for most Docker users, package installs happen in \"docker build\" steps,
# they essentially become individual layers due to the way Docker handles
# layering, especially using CoW filesystems.  What this means for us is that
# the caches that APT keeps end up just wasting space in those layers, making
# our layers unnecessarily large (especially since we'll normally never use
# these caches again and will instead just \"docker build\" again and make a brand
# new image).

# Ideally, these would just be invoking \"apt-get clean\", but in our testing,
# that ended up being cyclic and we got stuck on APT's lock, so we get this fun
# creation that's essentially just \"apt-get clean\".
DPkg::Post-Invoke { \"rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true\"; };
APT::Update::Post-Invoke { \"rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true\"; };

Dir::Cache::pkgcache \"\";
Dir::Cache::srcpkgcache \"\";
";

/// The root filesystem `spec` describes, every file stamped with `created`.
pub(crate) fn rootfs(spec: &DebianSpec, created: &str) -> Result<Layer, ParseError> {
    let issue_net = spec.issue.trim_end_matches("\\n \\l\n\n");
    let texts = [
        ("OS_RELEASE", spec.os_release.as_str()),
        ("DEBIAN_VERSION", spec.debian_version.as_str()),
        ("ISSUE", spec.issue.as_str()),
        ("ISSUE_NET", issue_net),
        ("PROFILE", PROFILE),
        ("SKEL_PROFILE", SKEL_PROFILE),
        ("ROOT_BASHRC", ROOT_BASHRC),
        ("BASH_BASHRC", BASH_BASHRC),
        ("SKEL_BASHRC", SKEL_BASHRC),
        ("PASSWD", PASSWD),
        ("GROUP", GROUP),
    ];
    let mut pkgs = base_packages("apt", &spec.release, &texts)?;
    add_coreutils(&mut pkgs);
    add_docs(&mut pkgs);
    let mut fs = Rootfs::new(created);
    for d in ["/usr/bin", "/usr/sbin", "/usr/lib", "/usr/lib64"] {
        fs.dir(d, 0o755, 0, 0);
    }
    for (link, target) in [("/bin", "usr/bin"), ("/sbin", "usr/sbin"), ("/lib", "usr/lib"), ("/lib64", "usr/lib64")] {
        fs.link(link, target);
    }
    let excludes = if spec.ubuntu { UBUNTU_EXCLUDES } else { SLIM_EXCLUDES };
    let filter = if spec.slim { PathFilter::parse(excludes) } else { PathFilter::none() };
    if spec.slim {
        let name = if spec.ubuntu { "excludes" } else { "docker" };
        fs.text(&format!("/etc/dpkg/dpkg.cfg.d/{name}"), excludes);
    }
    fs.install_dpkg(&pkgs, &filter, &spec.maintainer);
    // Accounts (written by base-passwd's and shadow's maintainer scripts).
    let (passwd, group) = match &spec.default_user {
        Some(u) => {
            let title = u[..1].to_uppercase() + &u[1..];
            (format!("{PASSWD}{u}:x:1000:1000:{title}:/home/{u}:/bin/bash\n"), format!("{GROUP}{u}:x:1000:\n"))
        }
        None => (PASSWD.to_string(), GROUP.to_string()),
    };
    let shadow: String =
        passwd.lines().map(|l| format!("{}:*:19970:0:99999:7:::\n", l.split(':').next().unwrap_or(""))).collect();
    let gshadow: String = group.lines().map(|l| format!("{}:*::\n", l.split(':').next().unwrap_or(""))).collect();
    fs.text("/etc/passwd", &passwd);
    fs.text("/etc/group", &group);
    fs.file("/etc/shadow", Content::from(shadow), 0o640, 0, 42);
    fs.file("/etc/gshadow", Content::from(gshadow), 0o640, 0, 42);
    if let Some(u) = &spec.default_user {
        fs.dir(&format!("/home/{u}"), 0o750, 1000, 1000);
        fs.file(&format!("/home/{u}/.bashrc"), Content::from(SKEL_BASHRC), 0o644, 1000, 1000);
        fs.file(&format!("/home/{u}/.profile"), Content::from(SKEL_PROFILE), 0o644, 1000, 1000);
    }
    // apt configuration of the official images; package lists are not shipped.
    for (name, text) in [
        ("docker-autoremove-suggests", "# Since Docker users are looking for the smallest possible final images, the\n# following emerges as a very common pattern:\n\nApt::AutoRemove::SuggestsImportant \"false\";\n"),
        ("docker-clean", DOCKER_CLEAN),
        ("docker-gzip-indexes", "# Since Docker users using \"RUN apt-get update && apt-get install -y ...\" in\n# their Dockerfiles don't go delete the lists files afterwards, we want them to\n# be as small as possible on-disk, so we explicitly request that Apt keep them\n# compressed on-disk too instead of decompressing them.\nAcquire::GzipIndexes \"true\";\n"),
        ("docker-no-languages", "# In Docker, we don't often need the \"Translations\" files, so we're just wasting\n# time and space by downloading them, and this inhibits that.\nAcquire::Languages \"none\";\n"),
    ] {
        fs.text(&format!("/etc/apt/apt.conf.d/{name}"), text);
    }
    fs.text(&spec.sources.path, &spec.sources.text);
    let lists: Vec<String> =
        fs.tree.children("/var/lib/apt/lists").map(|(n, _)| format!("/var/lib/apt/lists/{n}")).collect();
    for l in lists {
        fs.tree.remove_subtree(&l);
    }
    Ok(fs.into_layer())
}

/// Adds coreutils' programs to its package: those its version has.
pub(crate) fn add_coreutils(pkgs: &mut [Package]) {
    let Some(p) = pkgs.iter_mut().find(|p| p.key == "coreutils") else { return };
    let version = crate::catalog::model::version_pair(&p.version);
    for item in COREUTILS.split_whitespace() {
        let Some((name, kib)) = item.split_once(':') else { continue };
        if COREUTILS_SINCE.iter().any(|(n, since)| *n == name && version < *since) {
            continue;
        }
        let size = kib.parse::<u64>().unwrap_or(40) * 1024 + hash64(name.as_bytes()) % 1024;
        let path = format!("/usr/bin/{name}");
        let content = Content::synthetic(size, hash64(path.as_bytes()), &format!("coreutils {} {path}", p.version));
        p.files.push(FileEntry::File { path, content, mode: 0o755, uid: 0, gid: 0 });
    }
    p.files.push(FileEntry::Dir { path: "/usr/libexec/coreutils".into(), mode: 0o755, uid: 0, gid: 0 });
    let content = Content::synthetic(15 * 1024, 7, "coreutils libstdbuf.so");
    p.files.push(FileEntry::File {
        path: "/usr/libexec/coreutils/libstdbuf.so".into(),
        content,
        mode: 0o644,
        uid: 0,
        gid: 0,
    });
}

/// Adds copyright files, changelogs, manual pages and translations to every package.
fn add_docs(pkgs: &mut [Package]) {
    for p in pkgs.iter_mut() {
        let seed = hash64(p.name.as_bytes());
        let mut extra = Vec::new();
        let doc = format!("/usr/share/doc/{}", p.name);
        let synth = |path: &str, size: u64| FileEntry::File {
            path: path.to_string(),
            content: Content::synthetic(size, hash64(path.as_bytes()), path),
            mode: 0o644,
            uid: 0,
            gid: 0,
        };
        extra.push(synth(&format!("{doc}/copyright"), 1500 + seed % 11_000));
        extra.push(synth(&format!("{doc}/changelog.Debian.gz"), 1000 + (seed >> 8) % 24_000));
        let cmds: Vec<(String, char)> = p
            .files
            .iter()
            .filter_map(|f| match f {
                FileEntry::File { path, .. } | FileEntry::Link { path, .. } => {
                    let sec = if path.starts_with("/usr/bin/") {
                        '1'
                    } else if path.starts_with("/usr/sbin/") {
                        '8'
                    } else {
                        return None;
                    };
                    Some((path.rsplit('/').next().unwrap_or("").to_string(), sec))
                }
                _ => None,
            })
            .collect();
        for (cmd, sec) in cmds {
            if cmd.starts_with('[') {
                continue;
            }
            extra.push(synth(&format!("/usr/share/man/man{sec}/{cmd}.{sec}.gz"), 1200 + hash64(cmd.as_bytes()) % 7000));
        }
        for (owner, domain, kib, nlangs) in LOCALE {
            if *owner != p.key {
                continue;
            }
            for lang in LANGS.split_whitespace().take(*nlangs) {
                let path = format!("/usr/share/locale/{lang}/LC_MESSAGES/{domain}.mo");
                let size = kib * 1024 * (82 + hash64(path.as_bytes()) % 30) / 100;
                extra.push(synth(&path, size));
            }
        }
        p.files.extend(extra);
    }
}

const PASSWD: &str = "root:x:0:0:root:/root:/bin/bash
daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
bin:x:2:2:bin:/bin:/usr/sbin/nologin
sys:x:3:3:sys:/dev:/usr/sbin/nologin
sync:x:4:65534:sync:/bin:/bin/sync
games:x:5:60:games:/usr/games:/usr/sbin/nologin
man:x:6:12:man:/var/cache/man:/usr/sbin/nologin
lp:x:7:7:lp:/var/spool/lpd:/usr/sbin/nologin
mail:x:8:8:mail:/var/mail:/usr/sbin/nologin
news:x:9:9:news:/var/spool/news:/usr/sbin/nologin
uucp:x:10:10:uucp:/var/spool/uucp:/usr/sbin/nologin
proxy:x:13:13:proxy:/bin:/usr/sbin/nologin
www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
backup:x:34:34:backup:/var/backups:/usr/sbin/nologin
list:x:38:38:Mailing List Manager:/var/list:/usr/sbin/nologin
irc:x:39:39:ircd:/run/ircd:/usr/sbin/nologin
_apt:x:42:65534::/nonexistent:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
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
news:x:9:
uucp:x:10:
man:x:12:
proxy:x:13:
kmem:x:15:
dialout:x:20:
fax:x:21:
voice:x:22:
cdrom:x:24:
floppy:x:25:
tape:x:26:
sudo:x:27:
audio:x:29:
dip:x:30:
www-data:x:33:
backup:x:34:
operator:x:37:
list:x:38:
irc:x:39:
src:x:40:
shadow:x:42:
utmp:x:43:
video:x:44:
sasl:x:45:
plugdev:x:46:
staff:x:50:
games:x:60:
users:x:100:
nogroup:x:65534:
";

const PROFILE: &str = "# /etc/profile: system-wide .profile file for the Bourne shell (sh(1))
# and Bourne compatible shells (bash(1), ksh(1), ash(1), ...).

if [ \"$(id -u)\" -eq 0 ]; then
  PATH=\"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\"
else
  PATH=\"/usr/local/bin:/usr/bin:/bin:/usr/local/games:/usr/games\"
fi
export PATH

if [ -d /etc/profile.d ]; then
  for i in /etc/profile.d/*.sh; do
    if [ -r $i ]; then
      . $i
    fi
  done
  unset i
fi
";

const SKEL_PROFILE: &str = "# ~/.profile: executed by the command interpreter for login shells.

# if running bash
if [ -n \"$BASH_VERSION\" ]; then
    # include .bashrc if it exists
    if [ -f \"$HOME/.bashrc\" ]; then
\t. \"$HOME/.bashrc\"
    fi
fi

# set PATH so it includes user's private bin if it exists
if [ -d \"$HOME/bin\" ] ; then
    PATH=\"$HOME/bin:$PATH\"
fi
";

const ROOT_BASHRC: &str = "# ~/.bashrc: executed by bash(1) for non-login shells.

# Note: PS1 and umask are already set in /etc/profile. You should not
# need this unless you want different defaults for root.
# PS1='${debian_chroot:+($debian_chroot)}\\h:\\w\\$ '
# umask 022

# You may uncomment the following lines if you want `ls' to be colorized:
# export LS_OPTIONS='--color=auto'
# eval \"$(dircolors)\"
# alias ls='ls $LS_OPTIONS'
# alias ll='ls $LS_OPTIONS -l'
# alias l='ls $LS_OPTIONS -lA'
";

const BASH_BASHRC: &str = "# System-wide .bashrc file for interactive bash(1) shells.

# If not running interactively, don't do anything
[ -z \"$PS1\" ] && return

# check the window size after each command and, if necessary,
# update the values of LINES and COLUMNS.
shopt -s checkwinsize

PS1='${debian_chroot:+($debian_chroot)}\\u@\\h:\\w\\$ '
";

const SKEL_BASHRC: &str = "# ~/.bashrc: executed by bash(1) for non-login shells.

# If not running interactively, don't do anything
case $- in
    *i*) ;;
      *) return;;
esac

HISTCONTROL=ignoreboth
shopt -s histappend
HISTSIZE=1000
HISTFILESIZE=2000
shopt -s checkwinsize

alias ls='ls --color=auto'
alias grep='grep --color=auto'
";

#[cfg(test)]
mod tests {
    use crate::vfs::Tree;

    fn build(r: &str) -> crate::catalog::images::BuiltinImage {
        crate::catalog::images::lookup(r).unwrap().unwrap()
    }

    fn sizes(key: &str) -> (f64, usize) {
        let t = Tree::from_layers(&build(key).layers);
        (t.content_size() as f64 / 1e6, t.len())
    }

    #[test]
    fn coreutils_programs_follow_the_version() {
        let has = |image: &str, path: &str| Tree::from_layers(&build(image).layers).lookup("/", path, true).is_ok();
        // CentOS 6's coreutils 8.4 predates realpath and b2sum; 7's 8.22 has realpath only;
        // Rocky 8's 8.30 has b2sum but not basenc (8.31); Debian 12's 9.1 has them all.
        assert!(!has("centos:6", "/usr/bin/b2sum") && !has("centos:6", "/usr/bin/realpath"));
        assert!(has("centos:6", "/bin/ls") && has("centos:6", "/usr/bin/sha256sum"));
        assert!(has("centos:7", "/usr/bin/realpath") && !has("centos:7", "/usr/bin/b2sum"));
        assert!(has("rockylinux:8", "/usr/bin/b2sum") && !has("rockylinux:8", "/usr/bin/basenc"));
        assert!(has("debian:bookworm", "/usr/bin/basenc"));
        assert_eq!(crate::catalog::model::version_pair("8.4-47.el6"), (8, 4));
        assert_eq!(crate::catalog::model::version_pair("8.32-4.1ubuntu1"), (8, 32));
    }

    #[test]
    fn image_sizes() {
        for (key, want) in
            [("debian:bookworm", 116.6), ("debian:bookworm-slim", 74.8), ("ubuntu:noble", 78.1), ("ubuntu:jammy", 77.9)]
        {
            let (mb, entries) = sizes(key);
            eprintln!("{key}: {mb:.2} MB, {entries} entries");
            assert!((mb - want).abs() / want < 0.03, "{key}: {mb} MB, want {want}");
            assert!(entries < 4000, "{key}: {entries} entries");
        }
    }

    #[test]
    fn debian_layout() {
        let b = build("debian:bookworm");
        let t = Tree::from_layers(&b.layers);
        assert_eq!(t.resolve("/", "/bin/sh", true).unwrap(), "/usr/bin/dash");
        assert_eq!(
            t.resolve("/", "/lib/x86_64-linux-gnu/libc.so.6", true).unwrap(),
            "/usr/lib/x86_64-linux-gnu/libc.so.6"
        );
        assert!(t.get("/usr/bin/ls").unwrap().is_file());
        let shadow = t.get("/etc/shadow").unwrap();
        assert_eq!((shadow.meta.mode, shadow.meta.gid), (0o640, 42));
        assert!(t.children("/var/lib/apt/lists").next().is_none());
        let status = String::from_utf8(t.read("/", "/var/lib/dpkg/status").unwrap().bytes().into_owned()).unwrap();
        assert!(status.contains("Package: coreutils\nStatus: install ok installed\n"));
        assert!(t.get("/var/lib/dpkg/info/libc6:amd64.list").is_some());
        assert_eq!(b.config.cmd, Some(vec!["bash".to_string()]));
        let slim = Tree::from_layers(&build("debian:bookworm-slim").layers);
        assert!(slim.get("/usr/share/doc/bash/copyright").is_some());
        assert!(slim.get("/usr/share/man/man1/ls.1.gz").is_none());
        assert!(t.get("/usr/share/man/man1/ls.1.gz").is_some());
    }
}
