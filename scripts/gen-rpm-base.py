#!/usr/bin/env python3
"""Writes data/packages/rpm/base-<release>.pkgs: the base packages of a Rocky Linux
container image, from a branch of github.com/rocky-linux/sig-cloud-instance-images
(`build.meta`: every installed package with its version, release, arch and installed
size, in install order; `filelist.txt`: every path of the image).

Usage: gen-rpm-base.py <git dir of sig-cloud-instance-images> <branch> <release> <MB>
  e.g. gen-rpm-base.py repo Rocky-9.3.20231119-Base-x86_64 el9 171
       gen-rpm-base.py repo Rocky-9.3.20231119-Minimal-x86_64 el9min 111
       gen-rpm-base.py repo Rocky-8.9.20231119-Base-x86_64 el8 197.6
       gen-rpm-base.py repo Rocky-8.9.20231119-Minimal-x86_64 el8min 93.3
  (the committed files' `scale` lines were then lowered so the images total the sizes
  repo-info records, with the simulated coreutils programs counted)

Each package gets the program files the simulation needs (the table below, paths as in
filelist.txt) and one file holding the rest of its installed size, at a path of the
image that belongs to it; `scale` spreads sizes so the image totals MB as
`docker images` reports it (the image is built with tsflags=nodocs).
"""
import json
import re
import subprocess
import sys

def repo8(rid, name, folder):
    """A Rocky 8 repository file (rocky-repos 8.9's form), escaped for an `x` line."""
    return (f"# Rocky-{name}.repo\\n#\\n# The mirrorlist system uses the connecting IP address of the client and the\\n"
            "# update status of each mirror to pick current mirrors that are geographically\\n"
            "# close to the client.  You should use this for Rocky updates unless you are\\n"
            "# manually picking other mirrors.\\n#\\n# If the mirrorlist does not work for you, you can try the "
            "commented out\\n# baseurl line instead.\\n\\n"
            f"[{rid}]\\nname=Rocky Linux $releasever - {name}\\n"
            f"mirrorlist=https://mirrors.rockylinux.org/mirrorlist?arch=$basearch&repo={folder}-$releasever\\n"
            f"#baseurl=http://dl.rockylinux.org/$contentdir/$releasever/{folder}/$basearch/os/\\n"
            "gpgcheck=1\\nenabled=1\\ncountme=1\\ngpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-rockyofficial\\n")


# package -> lines (paths from the image's filelist.txt); sizes approximate.
FILES = {
    "setup": ["t /etc/passwd PASSWD", "t /etc/group GROUP",
              "x /etc/hosts 127.0.0.1   localhost localhost.localdomain localhost4 localhost4.localdomain4\\n::1         localhost localhost.localdomain localhost6 localhost6.localdomain6\\n",
              "x /etc/shells /bin/sh\\n/bin/bash\\n/usr/bin/sh\\n/usr/bin/bash\\n",
              "x /etc/profile # /etc/profile\\n\\n# System wide environment and startup programs, for login setup\\n\\nfor i in /etc/profile.d/*.sh ; do\\n    if [ -r \"$i\" ]; then\\n        . \"$i\" >/dev/null\\n    fi\\ndone\\n",
              "D /etc/profile.d", "f /etc/services 680K"],
    "filesystem": ["D /root 0550", "D /home", "D /tmp 1777", "D /var/tmp 1777", "D /var/log", "D /var/lib",
                   "D /var/cache", "D /var/spool/mail 0775 0:12", "D /opt", "D /srv", "D /mnt", "D /media",
                   "D /afs", "D /usr/local/bin", "D /usr/local/sbin", "D /usr/local/lib", "D /usr/local/lib64",
                   "D /usr/local/share", "D /usr/local/src", "D /usr/share", "D /usr/include", "D /etc/pki"],
    "rocky-release": ["t /etc/rocky-release RELEASE", "L /etc/redhat-release rocky-release",
                      "L /etc/system-release rocky-release", "t /usr/lib/os-release OS_RELEASE",
                      "L /etc/os-release ../usr/lib/os-release"],
    "rocky-repos": ["t /etc/yum.repos.d/rocky.repo REPOS", "f /etc/yum.repos.d/rocky-extras.repo 2.4K",
                    "f /etc/yum.repos.d/rocky-addons.repo 4.6K", "f /etc/yum.repos.d/rocky-devel.repo 1.2K"],
    "glibc": ["f /usr/lib64/libc.so.6 2.5M", "f /usr/lib64/ld-linux-x86-64.so.2 850K", "f /usr/lib64/libm.so.6 900K",
              "f /usr/sbin/ldconfig 1M", "f /usr/bin/getent 40K", "f /usr/bin/ldd 5K"],
    "glibc-common": ["f /usr/bin/locale 60K", "f /usr/bin/iconv 60K"],
    "bash": ["f /usr/bin/bash 1.4M", "L /usr/bin/sh bash"],
    "grep": ["f /usr/bin/grep 190K", "X /usr/bin/egrep #!/usr/bin/sh\\nexec grep -E \"$@\"\\n",
             "X /usr/bin/fgrep #!/usr/bin/sh\\nexec grep -F \"$@\"\\n"],
    "sed": ["f /usr/bin/sed 120K"],
    "gawk": ["f /usr/bin/gawk 720K", "L /usr/bin/awk gawk"],
    "findutils": ["f /usr/bin/find 280K", "f /usr/bin/xargs 70K"],
    "tar": ["f /usr/bin/tar 500K", "L /usr/bin/gtar tar"],
    "gzip": ["f /usr/bin/gzip 90K", "X /usr/bin/gunzip #!/usr/bin/sh\\nexec gzip -d \"$@\"\\n",
             "X /usr/bin/zcat #!/usr/bin/sh\\nexec gzip -cd \"$@\"\\n"],
    "which": ["f /usr/bin/which 30K"],
    "util-linux-core": ["f /usr/bin/mount 50K", "f /usr/bin/umount 35K", "f /usr/bin/kill 40K", "f /usr/bin/more 45K"],
    "vim-minimal": ["f /usr/bin/vi 1.3M", "L /usr/bin/ex vi", "L /usr/bin/view vi"],
    "curl-minimal": ["f /usr/bin/curl 230K"],
    "openssl": ["f /usr/bin/openssl 1M"],
    "python3": ["f /usr/bin/python3.9 16K", "L /usr/bin/python3 python3.9"],
    "python-unversioned-command": ["L /usr/bin/python ./python3"],
    "rpm": ["f /usr/bin/rpm 20K", "L /usr/bin/rpmquery rpm", "L /usr/bin/rpmverify rpm", "D /var/lib/rpm"],
    "dnf": ["f /usr/bin/dnf-3 1K", "L /usr/bin/dnf dnf-3", "D /var/cache/dnf", "D /etc/dnf"],
    "microdnf": ["f /usr/bin/microdnf 95K", "D /var/cache/yum"],
    "yum": ["L /usr/bin/yum dnf-3", "L /etc/yum.conf dnf/dnf.conf"],
    "dnf-data": ["t /etc/dnf/dnf.conf DNF_CONF"],
    "shadow-utils": ["f /usr/sbin/useradd 150K", "f /usr/sbin/groupadd 75K", "f /usr/sbin/usermod 140K",
                     "f /usr/sbin/userdel 100K"],
    "gnupg2": ["f /usr/bin/gpg2 1.1M", "L /usr/bin/gpg gpg2"],
    "systemd": ["f /usr/bin/systemctl 1M"],
    "hostname": ["f /usr/bin/hostname 25K"],
    "procps-ng": ["f /usr/bin/ps 140K"],
}
KEYS = {"coreutils-single": "coreutils"}

# Enterprise Linux 8's packages where they differ (paths from the Rocky 8 images'
# filelist.txt): one repository file per repository, /etc/centos-release, the
# platform-python that dnf runs on (no python3 command), curl and util-linux in full.
FILES_EL8 = {
    "rocky-release": ["t /etc/rocky-release RELEASE", "L /etc/redhat-release rocky-release",
                      "L /etc/system-release rocky-release", "L /etc/centos-release rocky-release",
                      "t /usr/lib/os-release OS_RELEASE", "L /etc/os-release ../usr/lib/os-release"],
    "rocky-repos": ["t /etc/yum.repos.d/Rocky-BaseOS.repo REPOS",
                    "x /etc/yum.repos.d/Rocky-AppStream.repo " + repo8("appstream", "AppStream", "AppStream"),
                    "x /etc/yum.repos.d/Rocky-Extras.repo " + repo8("extras", "Extras", "extras"),
                    "f /etc/yum.repos.d/Rocky-PowerTools.repo 0.7K", "f /etc/yum.repos.d/Rocky-Devel.repo 0.7K",
                    "f /etc/yum.repos.d/Rocky-Plus.repo 0.7K", "f /etc/yum.repos.d/Rocky-Sources.repo 2.5K",
                    "f /etc/yum.repos.d/Rocky-Debuginfo.repo 1.6K", "f /etc/yum.repos.d/Rocky-Media.repo 1K",
                    "f /etc/yum.repos.d/Rocky-HighAvailability.repo 0.7K", "f /etc/yum.repos.d/Rocky-NFV.repo 0.7K",
                    "f /etc/yum.repos.d/Rocky-RT.repo 0.7K", "f /etc/yum.repos.d/Rocky-ResilientStorage.repo 0.7K"],
    "platform-python": ["f /usr/libexec/platform-python3.6 12K", "L /usr/libexec/platform-python platform-python3.6",
                        "L /usr/libexec/platform-python3.6m platform-python3.6"],
    "curl": ["f /usr/bin/curl 200K"],
    "util-linux": ["f /usr/bin/mount 50K", "f /usr/bin/umount 35K", "f /usr/bin/kill 40K", "f /usr/bin/more 45K",
                   "f /usr/bin/findmnt 70K", "f /usr/bin/mountpoint 20K"],
    "iputils": ["f /usr/sbin/ping 70K", "L /usr/bin/ping ../sbin/ping"],
}


def git(gitdir, *args):
    return subprocess.run(["git", "--git-dir", gitdir, *args], check=True, capture_output=True, text=True).stdout


def bulk_path(name, paths, used):
    """A path of the image that belongs to package `name`, for the rest of its size."""
    stem = re.sub(r"-(libs|common|data|core|minimal|base|single|default-yama-scope)$", "", name)
    bare = stem[3:] if stem.startswith("lib") else stem
    e, b = re.escape(stem), re.escape(bare)
    for pat in (rf"^/usr/lib64/lib{b}[._-][^/]*$", rf"^/usr/lib64/{e}[._-][^/]*$", rf"^/usr/(s?bin|libexec)/{b}[^/]*$",
                rf"^/usr/share/{e}/", rf"^/usr/lib64/{e}/", rf"^/usr/lib/{e}/", rf"/{e}/", rf"/{b}[^/]*$", rf"{b}"):
        for p in paths:
            if re.search(pat, p) and p not in used and not p.startswith("/usr/share/licenses/"):
                return p
    return f"/usr/share/licenses/{name}/COPYING"


def size_of(word):
    m = re.match(r"([\d.]+)([KM]?)$", word)
    n = float(m.group(1))
    return int(n * {"": 1, "K": 1024, "M": 1 << 20}[m.group(2)])


def main():
    gitdir, branch, release, mb = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    meta = json.loads(git(gitdir, "show", f"{branch}:build.meta"))
    rows = [e.split(",") for e in re.findall(r"<extra>([^<]*)</extra>", meta["icicle"])]
    paths = [p[1:] for p in git(gitdir, "show", f"{branch}:filelist.txt").splitlines()
             if p.startswith("./") and not p.endswith("/")]
    rows = [r for r in rows if r[0] != "gpg-pubkey"]
    total = sum(int(r[5]) for r in rows)
    out = [f"# The base packages of the rockylinux image, {branch}, in install order.",
           "# Generated by scripts/gen-rpm-base.py from github.com/rocky-linux/sig-cloud-instance-images",
           f"# (branch {branch}: build.meta's package list with installed sizes, filelist.txt's paths).",
           f"# Sizes are the packages' installed sizes ({total} bytes in all), scaled to the",
           f"# {mb:g} MB that `docker images` reports (the image is built with tsflags=nodocs).",
           f"releases {release}", "", f"scale {mb * 1e6 / total:.3f}"]
    files = {**FILES, **FILES_EL8} if release.startswith("el8") else FILES
    used = set(l.split()[1] for ls in files.values() for l in ls)
    for name, version, rel, arch, epoch, size, *_ in rows:
        key = KEYS.get(name)
        out.append(f"@ {key + '=' + name if key else name} {'' if epoch == '(none)' else epoch + ':'}{version}-{rel}")
        if arch == "noarch":
            out.append("a noarch")
        lines = files.get(name, [])
        out.extend(lines)
        used.update(l.split()[1] for l in lines)
        rest = int(size) - sum(size_of(l.split()[2]) for l in lines if l.startswith("f "))
        if key == "coreutils":
            rest -= 6_000_000  # the simulated coreutils programs
        if rest > 4096:
            path = bulk_path(name, paths, used)
            used.add(path)
            out.append(f"f {path} {rest // 1024}K")
    print("\n".join(out))


if __name__ == "__main__":
    main()
