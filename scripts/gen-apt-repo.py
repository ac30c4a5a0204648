"""Writes data/packages/apt/repo-<release>.pkgs, what `apt-get install` finds on one release,
from the release's real Packages indices. Usage:
  gen-apt-repo.py RELEASE [PACKAGE ...]
The packages named (default: the tutorial set below) and everything apt would install with
them (Pre-Depends, Depends and Recommends, transitively; packages the image already has, per
data/packages/apt/base-<release>.pkgs, are left out) get an entry with the name, version,
section, priority, architecture and dependencies of the index. The version is the highest of
the release, -updates and -security pockets (what the image gets after `apt-get update`).
File lists come from the entry of the same role in the other apt catalogues (repo-*.pkgs),
scaled to the index's Installed-Size; packages without one get a synthetic file list of that
size. Indices are cached in $APT_CACHE (default /tmp/apt-indices). Python 3, stdlib only."""
import glob, gzip, lzma, os, re, sys, time, urllib.request

UBUNTU = 'http://archive.ubuntu.com/ubuntu'
DEBIAN = 'http://deb.debian.org/debian'
RELEASES = {
    # release: (mirror, components, pockets, index file name)
    'focal': (UBUNTU, ['main', 'universe'], ['', '-updates', '-security'], 'Packages.gz'),
    'bionic': (UBUNTU, ['main', 'universe'], ['', '-updates', '-security'], 'Packages.gz'),
    'xenial': (UBUNTU, ['main', 'universe'], ['', '-updates', '-security'], 'Packages.gz'),
    'trixie': (DEBIAN, ['main'], ['', '-updates', '-security'], 'Packages.xz'),
    'bullseye': (DEBIAN, ['main'], ['', '-updates', '-security'], 'Packages.xz'),
    # The releases of repo-main/repo-runtimes, for scripts/gen-apt-extra.py.
    'bookworm': (DEBIAN, ['main'], ['', '-updates', '-security'], 'Packages.xz'),
    'noble': (UBUNTU, ['main', 'universe'], ['', '-updates', '-security'], 'Packages.xz'),
    'jammy': (UBUNTU, ['main', 'universe'], ['', '-updates', '-security'], 'Packages.xz'),
}
ROOTS = ['ca-certificates', 'openssl', 'curl', 'wget', 'git', 'python3', 'python3-pip', 'python3-venv',
         'python3-dev', 'vim', 'vim-tiny', 'nano', 'unzip', 'iputils-ping', 'net-tools', 'procps', 'less',
         'binutils', 'gcc', 'g++', 'make', 'libc6-dev', 'build-essential', 'jq', 'tzdata', 'sudo', 'xz-utils',
         'bzip2', 'gnupg', 'lsb-release', 'tini', 'dnsutils', 'bind9-dnsutils', 'zip', 'file', 'htop', 'tree']
# Where a package without a counterpart in the other catalogues puts its programs.
PROGRAMS = {
    'nano': ['/bin/nano'], 'vim-tiny': ['/usr/bin/vim.tiny'], 'iputils-ping': ['/bin/ping'],
    'net-tools': ['/bin/netstat', '/sbin/ifconfig', '/sbin/route'], 'zip': ['/usr/bin/zip'],
    'file': ['/usr/bin/file'], 'htop': ['/usr/bin/htop'], 'tree': ['/usr/bin/tree'],
    'lsb-release': ['/usr/bin/lsb_release'], 'dnsutils': ['/usr/bin/dig', '/usr/bin/nslookup'],
    'bind9-dnsutils': ['/usr/bin/dig', '/usr/bin/nslookup'], 'gnupg': [], 'gpg': ['/usr/bin/gpg'],
    'python3-pip': ['/usr/bin/pip3'],
}
# Extra lines of packages without a counterpart: commands and alternatives links.
EXTRA = {'vim-tiny': ['cmd vi', 'L /usr/bin/vi /etc/alternatives/vi', 'L /etc/alternatives/vi /usr/bin/vim.tiny']}


def order(c):
    """Debian's character order: ~ first (before the end), letters, then other characters."""
    return -1 if c == '~' else 0 if c == '' else ord(c) if c.isalpha() else ord(c) + 256


def cmp_part(a, b):
    """Compares an upstream version or a revision by Debian's rules."""
    while a or b:
        na, nb = re.match(r'[^0-9]*', a).group(), re.match(r'[^0-9]*', b).group()
        for i in range(max(len(na), len(nb))):
            x, y = order(na[i:i + 1]), order(nb[i:i + 1])
            if x != y:
                return -1 if x < y else 1
        a, b = a[len(na):], b[len(nb):]
        da, db = re.match(r'[0-9]*', a).group(), re.match(r'[0-9]*', b).group()
        if int(da or 0) != int(db or 0):
            return -1 if int(da or 0) < int(db or 0) else 1
        a, b = a[len(da):], b[len(db):]
    return 0


def newer(a, b):
    """True when Debian version `a` sorts after `b`."""
    def split(v):
        epoch, rest = v.split(':', 1) if ':' in v else ('0', v)
        up, rev = rest.rsplit('-', 1) if '-' in rest else (rest, '0')
        return int(epoch), up, rev
    (ea, ua, ra), (eb, ub, rb) = split(a), split(b)
    if ea != eb:
        return ea > eb
    return (cmp_part(ua, ub) or cmp_part(ra, rb)) > 0


def fetch(url):
    cache = os.environ.get('APT_CACHE', '/tmp/apt-indices')
    os.makedirs(cache, exist_ok=True)
    path = os.path.join(cache, re.sub(r'[^A-Za-z0-9.-]', '_', url))
    if not os.path.exists(path):
        with urllib.request.urlopen(url, timeout=120) as r:
            data = r.read()
        open(path, 'wb').write(data)
    data = open(path, 'rb').read()
    return (gzip.decompress(data) if url.endswith('.gz') else lzma.decompress(data)).decode('utf-8', 'replace')


def index(release):
    mirror, comps, pockets, fname = RELEASES[release]
    pkgs, sources, where = {}, [], {}
    for pocket in pockets:
        for comp in comps:
            # Debian's security archive is a mirror of its own.
            base = mirror + '-security' if mirror == DEBIAN and pocket == '-security' else mirror
            url = f'{base}/dists/{release}{pocket}/{comp}/binary-amd64/{fname}'
            try:
                text = fetch(url)
            except Exception as e:  # a pocket the archive does not have
                print(f'skip {url}: {e}', file=sys.stderr)
                continue
            sources.append(url)
            for stanza in text.split('\n\n'):
                f, last = {}, None
                for line in stanza.splitlines():
                    if line.startswith((' ', '\t')):
                        continue
                    k, _, v = line.partition(':')
                    f[k] = v.strip()
                if 'Package' not in f:
                    continue
                # apt downloads a version from the first source listing it (the images'
                # sources.list: the release, -updates, then -security).
                where.setdefault((f['Package'], f['Version']), f'{release}{pocket}/{comp}')
                old = pkgs.get(f['Package'])
                if old is None or newer(f['Version'], old['Version']):
                    pkgs[f['Package']] = f
    for p in pkgs.values():
        p['Suite'] = where[(p['Package'], p['Version'])]
    return pkgs, sources


def base_names(release):
    names, keys = set(), set()
    for path in glob.glob(f'data/packages/apt/base-{release}.pkgs'):
        for line in open(path):
            if line.startswith('@ '):
                head = line.split()[1]
                key, _, name = head.partition('=')
                names.add(name or key)
                keys.add(key)
    return names, keys


def key_of(name):
    """The name the other catalogues (and the programs) know the package by."""
    for pat, key in [(r'libpython3\.\d+-(minimal|stdlib|dev)$', r'libpython3-ver-\1'),
                     (r'python3\.\d+-(minimal)$', r'python3-ver-\1'), (r'python3\.\d+$', 'python3-ver'),
                     (r'gcc-\d+$', 'gcc-ver'), (r'cpp-\d+$', 'cpp-ver'), (r'g\+\+-\d+$', 'g++-ver'),
                     (r'libgcc-\d+-dev$', 'libgcc-ver-dev'), (r'libstdc\+\+-\d+-dev$', 'libstdc++-ver-dev'),
                     (r'libperl5\.\d+t?\d*$', 'libperl'), (r'perl-modules-5\.\d+$', 'perl-modules'),
                     (r'libssl(1\.1|1\.0\.0|3t64)$', 'libssl3'), (r'libldap(-2\.4-2|2)$', 'libldap-2.5-0'),
                     (r'libcurl3t64-gnutls$', 'libcurl3-gnutls'), (r'libisl\d+$', 'libisl23'),
                     (r'libmpfr\d+$', 'libmpfr6'), (r'(.*)t64$', r'\1')]:
        if re.fullmatch(pat, name):
            return re.sub(pat, key, name)
    return name


def templates():
    """Body lines of each package key in the other apt catalogues (bookworm's column first)."""
    out = {}
    files = ['repo-main', 'repo-runtimes', 'repo-extra', 'repo-bullseye', 'repo-buster', 'repo-stretch']
    for f in files:
        path = f'data/packages/apt/{f}.pkgs'
        if not os.path.exists(path):
            continue
        text = open(path).read()
        if 'Written by scripts/gen-apt-repo.py' in text:  # this script's own output is no template
            continue
        cur = None
        for line in text.splitlines():
            if line.startswith('@ '):
                head = line.split()[1]
                key = head.split('=')[0].split('|')[0]
                cur = None if key in out else out.setdefault(key, [])
            elif cur is not None and line and not line.startswith(('d ', 's ', 'p ', 'a ', 'dep ', 'rec ', 'var ', '#', 'releases')):
                if line.startswith('['):
                    continue
                cur.append(line)
    return out


SIZE = re.compile(r'^(\d+(?:\.\d+)?)([KM]?)$')


def to_bytes(s):
    n, u = SIZE.match(s).groups()
    return float(n) * {'': 1, 'K': 1024, 'M': 1024 * 1024}[u]


def fmt(b):
    if b >= 1024 * 1024:
        return f'{b / 1048576:.3g}M'
    if b >= 1024:
        return f'{b / 1024:.3g}K'
    return str(max(1, int(b)))


def alternatives(field):
    """`a (>= 1) | b, c:any` as [[a, b], [c]]."""
    out = []
    for group in filter(None, (g.strip() for g in field.split(','))):
        out.append([re.sub(r'[\s(\[].*', '', a.strip()).split(':')[0] for a in group.split('|')])
    return out


def main():
    release = sys.argv[1]
    roots = sys.argv[2:] or ROOTS
    pkgs, sources = index(release)
    provides = {}
    for p in pkgs.values():
        for alt in alternatives(p.get('Provides', '')):
            provides.setdefault(alt[0], []).append(p['Package'])
    base, base_keys = base_names(release)

    def resolve(group):
        """The package apt picks for one dependency: None when the image already has one."""
        for a in group:
            if a in base or any(q in base for q in provides.get(a, [])):
                return None
        for a in group:
            if a in pkgs:
                return a
            if provides.get(a):
                return sorted(provides[a])[0]
        return False

    chosen, order, deps = set(), [], {}

    def visit(name):
        if name in chosen or name in base:
            return
        chosen.add(name)
        p = pkgs[name]
        d, r = [], []
        for field, into in [('Pre-Depends', d), ('Depends', d), ('Recommends', r)]:
            for group in alternatives(p.get(field, '')):
                got = resolve(group)
                if got:
                    into.append(got)
                    visit(got)
        deps[name] = (d, r)
        order.append(name)

    for root in roots:
        if root in pkgs:
            visit(root)
        else:
            print(f'{release}: no package {root}', file=sys.stderr)
    keys, used = {}, set(base_keys)
    for name in order:
        k = key_of(name)
        keys[name] = k if k not in used else name
        used.add(keys[name])
    tmpl = templates()
    v = lambda n: re.sub(r'^\d+:', '', pkgs[n]['Version']).split('-')[0] if n in pkgs else ''
    variables = {}
    py = next((n for n in order if re.fullmatch(r'python3\.\d+', n)), None)
    if py:
        variables['py'] = py[len('python'):]
    gcc = next((n for n in order if re.fullmatch(r'gcc-\d+', n)), None)
    if gcc:
        variables['gccv'] = gcc[len('gcc-'):]
    perl = next((n for n in order if re.fullmatch(r'perl-modules-5\.\d+', n)), None)
    if perl:
        variables['perlv'] = perl[len('perl-modules-'):]
    vimv = next((v(n) for n in order if n == 'vim-runtime'), '')
    vimdir = 'vim' + ''.join(re.findall(r'\d+', vimv)[:2])

    out = [f'# What `apt-get install` finds on {release}: names, versions, sections, dependencies and',
           '# Installed-Size from the release\'s Packages indices (the highest version of its pockets),',
           '# the suite apt downloads it from (`o`) and its archive\'s size (`z`);',
           '# file lists from the packages of the same role in the other apt catalogues, scaled to',
           '# Installed-Size (synthetic where there is none). Written by scripts/gen-apt-repo.py.',
           '# Source (fetched ' + time.strftime('%Y-%m-%d', time.gmtime()) + '): ' + ' '.join(sources),
           f'releases {release}', '']
    for k, val in variables.items():
        out += [f'var {k} {val}', '']
    for name in order:
        p = pkgs[name]
        key = keys[name]
        head = f'@ {key}={name}' if key != name else f'@ {name}'
        out.append(f'{head} {p["Version"]}')
        desc = p.get('Description', name).split('\n')[0]
        out.append(f'd {desc}')
        sec = p.get('Section', 'misc').split('/')[-1]
        out.append(f's {sec}')
        if p.get('Priority', 'optional') not in ('optional', 'extra'):
            out.append(f'p {p["Priority"]}')
        if p.get('Architecture') == 'all':
            out.append('a all')
        if p['Suite'] != f'{release}/main':
            out.append(f'o {p["Suite"]}')
        if p.get('Size'):
            out.append(f'z {p["Size"]}')
        d, r = deps[name]
        uniq = lambda xs: list(dict.fromkeys(keys[x] for x in xs if x in keys))
        if uniq(d):
            out.append('dep ' + ' '.join(uniq(d)))
        if uniq(r):
            out.append('rec ' + ' '.join(uniq(r)))
        size = int(p.get('Installed-Size', '4')) * 1024
        body = [l.replace('/vim90/', f'/{vimdir}/') for l in tmpl.get(key, tmpl.get(name, []))]
        # `python3 --version` prints the interpreter's version (python3.N), not the meta package's.
        if key == 'python3':
            body = [l for l in body if not l.startswith('cmd python3')]
        if key == 'python3-ver-minimal' and 'cmd python3 python{py}' not in body:
            body.insert(0, 'cmd python3 python{py}')
        if not body:
            body += EXTRA.get(name, [])
            progs = PROGRAMS.get(name, [])
            each = size * 0.6 / max(1, len(progs))
            body += [f'f {path} {fmt(each)}' for path in progs]
            rest = size - each * len(progs)
            where = f'/usr/lib/x86_64-linux-gnu/{name}' if name.startswith('lib') and p.get('Architecture') != 'all' \
                else f'/usr/share/{name}'
            body += [f'f /usr/share/doc/{name}/copyright {fmt(min(rest, 2048))}']
            if rest > 2048:
                body.append(f'f {where}/files.tar {fmt(rest - 2048)}')
        else:
            # Small files (configuration, scripts) keep their size; the big ones make up the rest.
            sizes = [to_bytes(l.split()[2]) for l in body if l.startswith('f ') and SIZE.match(l.split()[2])]
            small = sum(s for s in sizes if s < 65536)
            big = sum(s for s in sizes if s >= 65536)
            if big and size > small:
                ratio = (size - small) / big
                scaled = []
                for l in body:
                    parts = l.split(' ')
                    if parts[0] == 'f' and SIZE.match(parts[2]) and to_bytes(parts[2]) >= 65536:
                        parts[2] = fmt(to_bytes(parts[2]) * ratio)
                    scaled.append(' '.join(parts))
                body = scaled
        out += body
        out.append('')
    path = f'data/packages/apt/repo-{release}.pkgs'
    open(path, 'w').write('\n'.join(out).rstrip('\n') + '\n')
    print(f'{path}: {len(order)} packages', file=sys.stderr)


if __name__ == '__main__':
    main()
