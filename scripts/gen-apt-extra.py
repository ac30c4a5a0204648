#!/usr/bin/env python3
"""Writes data/packages/apt/repo-extra.pkgs: everyday tools `apt-get install` finds on
bookworm, noble and jammy (nano, ping, ifconfig, zip, htop, tree, …) with the libraries
they need that the base images lack.

Facts come from the archives themselves: each release's Packages index (updates and
security pockets first) gives the version, the dependencies and the description; the
bookworm .deb gives the file list and sizes (programs, libraries and links; docs and
manuals left out). Run: python3 scripts/gen-apt-extra.py [--cache DIR]
"""
import io, lzma, os, re, subprocess, sys, tarfile, tempfile, urllib.request

PACKAGES = ["nano", "iputils-ping", "net-tools", "zip", "htop", "tree", "netcat-openbsd", "dnsutils"]
RELEASES = {
    "bookworm": [("http://security.debian.org/debian-security", "bookworm-security"),
                 ("http://deb.debian.org/debian", "bookworm-updates"), ("http://deb.debian.org/debian", "bookworm")],
    "noble": [("http://archive.ubuntu.com/ubuntu", d) for d in ("noble-security", "noble-updates", "noble")],
    "jammy": [("http://archive.ubuntu.com/ubuntu", d) for d in ("jammy-security", "jammy-updates", "jammy")],
}
ORDER = ["bookworm", "noble", "jammy"]
CACHE = sys.argv[sys.argv.index("--cache") + 1] if "--cache" in sys.argv else tempfile.mkdtemp()
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def fetch(url):
    path = os.path.join(CACHE, re.sub(r"[^A-Za-z0-9.]", "_", url))
    if not os.path.exists(path):
        with urllib.request.urlopen(url, timeout=120) as r, open(path + ".part", "wb") as f:
            f.write(r.read())
        os.rename(path + ".part", path)
    return open(path, "rb").read()


def index(release):
    """Package name -> stanza, the first pocket that has it winning."""
    out = {}
    for base, dist in RELEASES[release]:
        for comp in ("main", "universe"):
            if base.endswith("debian") or base.endswith("debian-security"):
                if comp == "universe":
                    continue
            try:
                text = lzma.decompress(fetch(f"{base}/dists/{dist}/{comp}/binary-amd64/Packages.xz")).decode()
            except Exception:
                continue
            for block in text.split("\n\n"):
                st = {}
                for line in block.splitlines():
                    if line and not line[0].isspace() and ":" in line:
                        k, v = line.split(":", 1)
                        st[k] = v.strip()
                if "Package" in st and st["Package"] not in out:
                    st["_base"] = base
                    out[st["Package"]] = st
    return out


def known_packages():
    """Package names the catalogue's bookworm/noble/jammy files already have."""
    names = set()
    for f in os.listdir(os.path.join(ROOT, "data/packages/apt")):
        if f == "repo-extra.pkgs":
            continue
        text = open(os.path.join(ROOT, "data/packages/apt", f)).read()
        if not re.search(r"^releases .*\bbookworm\b", text, re.M):
            continue
        for m in re.finditer(r"^@ (\S+)", text, re.M):
            key = m.group(1)
            names.add(key.split("=")[0].split("|")[0])
            for alt in key.split("=")[-1].split("|"):
                names.add(alt)
    return names


def deps(st):
    out = []
    for part in st.get("Depends", "").split(","):
        name = part.strip().split("|")[0].strip().split(" ")[0].split(":")[0]
        if name:
            out.append(name)
    return out


def size(n):
    if n >= 1024 * 1024:
        return f"{n / 1024 / 1024:.2f}M"
    if n >= 1024:
        return f"{n / 1024:.1f}K".replace(".0K", "K")
    return str(n)


def files(st):
    deb = fetch(f"{st['_base']}/{st['Filename']}")
    with tempfile.TemporaryDirectory() as d:
        open(os.path.join(d, "p.deb"), "wb").write(deb)
        subprocess.run(["ar", "x", "p.deb"], cwd=d, check=True)
        data = [f for f in os.listdir(d) if f.startswith("data.tar")][0]
        raw = open(os.path.join(d, data), "rb").read()
        if data.endswith(".zst"):
            raw = subprocess.run(["zstd", "-dc"], input=raw, capture_output=True, check=True).stdout
        tf = tarfile.open(fileobj=io.BytesIO(raw))
        out = []
        for m in tf.getmembers():
            p = m.name.lstrip(".")
            if not p or p.startswith(("/usr/share/doc", "/usr/share/man", "/usr/share/info", "/usr/share/lintian",
                                      "/usr/share/locale", "/usr/share/bug")):
                continue
            if m.isfile():
                mode = f" {m.mode:o}" if m.mode & 0o7000 else ""
                out.append(f"f {p} {size(m.size)}{mode}")
            elif m.issym():
                out.append(f"L {p} {m.linkname}")
        return out


def main():
    idx = {r: index(r) for r in ORDER}
    have = known_packages()
    want, i = list(PACKAGES), 0
    while i < len(want):
        for dep in deps(idx["bookworm"][want[i]]):
            if dep not in have and dep not in want and dep in idx["bookworm"] and not dep.startswith("debconf"):
                want.append(dep)
        i += 1
    lines = [
        "# Everyday tools `apt-get install` finds on bookworm, noble and jammy, and the libraries they",
        "# need that the base images lack. Generated by scripts/gen-apt-extra.py. Source: the",
        "# releases' Packages indices (security, updates, release pockets; amd64) for versions,",
        "# dependencies and descriptions; file lists and sizes from the bookworm .deb packages.",
        "releases bookworm noble jammy",
        "",
    ]
    for name in reversed(want):
        cols = [idx[r].get(name) for r in ORDER]
        if any(c is None for c in cols):
            print(f"skipping {name}: not in every release", file=sys.stderr)
            continue
        st = cols[0]
        lines.append(f"@ {name} " + "|".join(c["Version"] for c in cols))
        lines.append(f"d {st.get('Description', '').splitlines()[0]}")
        lines.append(f"s {st.get('Section', 'misc').split('/')[-1]}")
        ds = [d for d in deps(st) if d in have or d in want]
        if ds:
            lines.append("dep " + " ".join(ds))
        lines.extend(files(st))
        lines.append("")
    open(os.path.join(ROOT, "data/packages/apt/repo-extra.pkgs"), "w").write("\n".join(lines))


main()
