#!/usr/bin/env python3
"""Writes data/packages/rpm/base-<release>.pkgs for an rpm-family image whose package list
comes from github.com/docker-library/repo-info (`repos/<image>/local/<tag>.md`: one
"### `rpm` package: `name-version-release.arch`" heading per installed package, the
image's Cmd, Env, creation time and "Virtual Size").

repo-info gives no installed sizes: each package gets a plausible size (SIZES below, in
KiB, from the packages' usual installed sizes; a default by kind otherwise) and `scale`
spreads them so the image totals the size repo-info reports. Sizes are approximate.

Usage: gen-rpm-repoinfo.py <repo-info .md, or a list of NEVRAs> <image:tag> <release> <MB> [source]
  e.g. gen-rpm-repoinfo.py 2023.md amazonlinux:2023 amzn2023 145
       gen-rpm-repoinfo.py 2.md amazonlinux:2 amzn2 158
       gen-rpm-repoinfo.py fedora43.txt fedora:43 fc43 170 "<where the list comes from>"
"""
import importlib.util
import os
import re
import sys

_spec = importlib.util.spec_from_file_location("gen_rpm_base", os.path.join(os.path.dirname(__file__), "gen-rpm-base.py"))
base = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(base)

# Approximate installed sizes in KiB (Fedora and Amazon Linux builds of these packages).
SIZES = {
    "glibc": 6200, "glibc-common": 1100, "glibc-minimal-langpack": 1, "glibc-all-langpacks": 220000,
    "python3-libs": 32000, "python3": 35, "python3-pip-wheel": 1400, "python3-setuptools-wheel": 700,
    "coreutils-single": 1400, "coreutils": 14000, "python-libs": 24000, "python": 80,
    "vim-minimal": 1500, "vim-data": 20, "nss": 2400, "nss-softokn": 1200, "nss-softokn-freebl": 600,
    "nss-tools": 2000, "nss-util": 600, "nspr": 300, "openldap": 1000, "libdb": 1900, "libdb-utils": 300,
    "shared-mime-info": 2500, "dnf5": 2400, "libdnf5": 4500, "libdnf5-cli": 900, "dnf5-plugins": 1200,
    "sudo": 5000, "gnutls": 3400, "rpm-sequoia": 4500, "systemd-libs": 2100, "gnupg2-gpg-agent": 700,
    "gnupg2-dirmngr": 900, "gnupg2-keyboxd": 300, "gnupg2-gpgconf": 200, "gnupg2-verify": 200, "curl": 800,
    "libcurl": 900, "fmt": 250, "coreutils-common": 11000, "gnulib-l10n": 900, "libssh": 600, "pam": 2600,
    "tar": 3000, "gzip": 400, "zstd": 1700, "xz": 800, "bzip2": 100, "util-linux-core": 1500, "libxml2": 2000, "findutils": 1500, "cpio": 1000, "diffutils": 1200,
    "info": 500, "libssh2": 300, "sqlite": 1100, "glibc-langpack-en": 5800, "ncurses": 400, "bash": 7800, "openssl-libs": 7200, "openssl": 1900,
    "openssl-fips-provider-latest": 3600, "libstdc++": 2900, "glib2": 12000, "gnupg2-minimal": 2600,
    "gnupg2": 9000, "tzdata": 1800, "ca-certificates": 2400, "p11-kit": 1700, "p11-kit-trust": 580,
    "krb5-libs": 2300, "libxml2": 1900, "sqlite-libs": 1500, "libsolv": 850, "libdnf": 2200,
    "python3-libdnf": 3800, "python3-hawkey": 330, "python3-dnf": 2000, "dnf": 2300, "dnf-data": 40,
    "rpm": 2900, "rpm-libs": 740, "rpm-build-libs": 200, "rpm-sign-libs": 40, "python3-rpm": 400,
    "gawk": 1800, "grep": 900, "sed": 800, "curl-minimal": 260, "libcurl-minimal": 600, "gmp": 800,
    "mpfr": 800, "ncurses-libs": 950, "ncurses-base": 320, "pcre2": 650, "pcre2-syntax": 230,
    "libgcrypt": 1300, "libunistring": 1600, "libarchive": 900, "libmodulemd": 750, "libselinux": 190,
    "libsepol": 800, "elfutils-libs": 700, "elfutils-libelf": 1000, "crypto-policies": 150,
    "filesystem": 1, "setup": 730, "libgomp": 450, "libgcc": 280, "lua-libs": 300, "zlib": 200,
    "xz-libs": 180, "libzstd": 800, "lz4-libs": 150, "libxcrypt": 280, "readline": 500,
    "audit-libs": 330, "file-libs": 8000, "publicsuffix-list-dafsa": 70, "systemd-libs": 2000,
    "util-linux-core": 1500, "shadow-utils": 3700, "gpgme": 600, "python3-gpg": 1300,
}
RELEASE_SIZES = {"amzn2": {"yum": 5200}}  # yum 3; later releases' yum is a few links to dnf
DEFAULT = 150  # KiB; 16 for a noarch package not in SIZES

# Files of packages the Rocky table (gen-rpm-base.py) does not know, or knows otherwise.
EXTRA = {
    "system-release": ["t /etc/amazon-linux-release RELEASE", "L /etc/system-release amazon-linux-release",
                       "x /etc/system-release-cpe cpe:2.3:o:amazon:amazon_linux:2023\\n",
                       "t /usr/lib/os-release OS_RELEASE", "L /etc/os-release ../usr/lib/os-release"],
    "amazon-linux-repo-cdn": ["t /etc/yum.repos.d/amazonlinux.repo REPOS"],
    "fedora-release-common": ["t /usr/lib/fedora-release RELEASE", "L /etc/fedora-release ../usr/lib/fedora-release",
                              "L /etc/redhat-release fedora-release", "L /etc/system-release fedora-release",
                              "t /usr/lib/os-release.d/os-release-container OS_RELEASE",
                              "L /usr/lib/os-release os-release.d/os-release-container",
                              "L /etc/os-release ../usr/lib/os-release"],
    "fedora-repos": ["t /etc/yum.repos.d/fedora.repo REPOS", "f /etc/yum.repos.d/fedora-updates.repo 1K",
                     "f /etc/yum.repos.d/fedora-updates-testing.repo 1K"],
    "gnupg2-minimal": ["f /usr/bin/gpg2 1M", "L /usr/bin/gpg gpg2"],
    "yum": ["L /usr/bin/yum dnf-3", "L /etc/yum.conf dnf/dnf.conf"],
}

# Files that differ by release: Amazon Linux 2 has yum 3 (as CentOS 7) and Python 2.
RELEASE_FILES = {
    "amzn2": {
        "system-release": ["t /etc/system-release RELEASE",
                           "x /etc/system-release-cpe cpe:2.3:o:amazon:amazon_linux:2\\n",
                           "t /usr/lib/os-release OS_RELEASE", "L /etc/os-release ../usr/lib/os-release",
                           "t /etc/yum.repos.d/amzn2-core.repo REPOS"],
        "yum": ["f /usr/bin/yum 801", "t /etc/yum.conf YUM_CONF", "D /etc/yum/pluginconf.d"],
        "python": ["f /usr/bin/python2.7 8K", "L /usr/bin/python2 python2.7", "L /usr/bin/python python2"],
        "amazon-linux-extras": ["f /usr/bin/amazon-linux-extras 20K"],
    },
    "fc43": {
        "dnf5": ["f /usr/bin/dnf5 900K", "L /usr/bin/dnf dnf5", "L /usr/bin/yum dnf5", "D /var/cache/libdnf5",
                 "D /etc/dnf"],
        "curl": ["f /usr/bin/curl 300K"],
    },
}


def split_nevra(s):
    """(name, version, release, arch) of `name-version-release.arch`."""
    head, arch = s.rsplit(".", 1) if re.search(r"\.(x86_64|noarch|i686)$", s) else (s, "x86_64")
    name, version, rel = head.rsplit("-", 2)
    return name, version, rel, arch


def bulk(name, arch):
    """A path for the rest of package `name`'s size."""
    if name.startswith("python3-") and name not in ("python3-libs",):
        return f"/usr/lib/python3/site-packages/{name[8:]}/__init__.py"
    if name.endswith("-libs") or name.startswith("lib"):
        stem = name[:-5] if name.endswith("-libs") else name
        stem = stem if stem.startswith("lib") else "lib" + stem
        return f"/usr/lib64/{stem}.so.0"
    return f"/usr/share/{name}/{name}.dat"


def main():
    src, image, release, mb = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    text = open(src).read()
    names = re.findall(r"^### `rpm` package: `([^`]+)`", text, re.M) or text.split()
    rows = [split_nevra(n) for n in names if not n.startswith("gpg-pubkey")]
    files = {**base.FILES, **EXTRA, **RELEASE_FILES.get(release, {})}
    sizes = {**SIZES, **RELEASE_SIZES.get(release, {})}
    size = {r[0]: sizes.get(r[0], 16 if r[3] == "noarch" else DEFAULT) * 1024 for r in rows}
    total = sum(size.values())
    source = sys.argv[5] if len(sys.argv) > 5 else (
        f"github.com/docker-library/repo-info (repos/{image.split(':')[0]}/local/{image.split(':')[1]}.md)")
    out = [f"# The base packages of the {image} image, in the source's order.",
           "# Generated by scripts/gen-rpm-repoinfo.py from the image's package list with versions:",
           f"# {source}.",
           "# Sizes are approximate: plausible per-package sizes scaled to the",
           f"# {mb:g} MB that, with the rpm database and the simulated coreutils, make the size",
           "# repo-info (or Docker) reports for the image.",
           f"releases {release}", "", f"scale {mb * 1e6 / total:.3f}"]
    used = set()
    for name, version, rel, arch in rows:
        key = base.KEYS.get(name)
        out.append(f"@ {key + '=' + name if key else name} {version}-{rel}")
        if arch == "noarch":
            out.append("a noarch")
        lines = files.get(name, [])
        out.extend(lines)
        rest = size[name] - sum(base.size_of(l.split()[2]) for l in lines if l.startswith("f "))
        if key == "coreutils":
            rest = max(rest - 6_000_000, 0)
        if rest > 4096:
            path = bulk(name, arch)
            if path not in used:
                used.add(path)
                out.append(f"f {path} {rest // 1024}K")
    print("\n".join(out))


if __name__ == "__main__":
    main()
