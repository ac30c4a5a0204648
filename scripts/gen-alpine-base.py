import sys, tarfile, gzip, re
rel, tgz, out = sys.argv[1], sys.argv[2], sys.argv[3]
tf = tarfile.open(tgz)
entries = {}
for m in tf.getmembers():
    p = '/' + m.name.lstrip('./')
    if p == '/': continue
    p = p.rstrip('/')
    entries[p] = m
def text_of(p):
    return tf.extractfile(entries[p]).read()
db = text_of('/lib/apk/db/installed').decode()
pkgs = []
for block in db.strip().split('\n\n'):
    pk = {'files': [], 'dirs': [], 'deps': [], 'provides': []}
    cur = None
    for line in block.split('\n'):
        if len(line) < 2 or line[1] != ':': continue
        k, v = line[0], line[2:]
        if k == 'P': pk['name'] = v
        elif k == 'V': pk['version'] = v
        elif k == 'T': pk['desc'] = v
        elif k == 'U': pk['url'] = v
        elif k == 'L': pk['license'] = v
        elif k == 'D': pk['deps'] = v.split()
        elif k == 'p': pk['provides'] = v.split()
        elif k == 'F': cur = '/' + v; pk['dirs'].append(cur)
        elif k == 'R': pk['files'].append((cur or '') + '/' + v)
    pkgs.append(pk)
prov = {}
for pk in pkgs:
    prov[pk['name']] = pk['name']
    for p in pk['provides']:
        prov[p.split('=')[0]] = pk['name']
owned = set()
def esc_ok(b):
    try: t = b.decode()
    except: return None
    if '\\n' in t or '\r' in t or len(b) > 3000: return None
    if any(ord(c) < 9 or (13 < ord(c) < 32) for c in t): return None
    return t.replace('\n', '\\n')
def size_str(n): return str(n)
def owner(m): return f' {m.uid}:{m.gid}' if (m.uid or m.gid) else ''
def file_line(p):
    m = entries.get(p)
    if m is None: return None
    if m.issym(): return f'L {p} {m.linkname}'
    if m.islnk(): return f'H {p} /{m.linkname.lstrip("./")}'
    if m.isdir(): return f'D {p} {m.mode:04o}{owner(m)}'
    if m.isfile():
        b = tf.extractfile(m).read()
        t = esc_ok(b)
        if t is not None and t and not owner(m) and m.mode in (0o644, 0o755):
            return f'{"X" if m.mode == 0o755 else "x"} {p} {t}'
        return f'f {p} {m.size} {m.mode:04o}{owner(m)}'
    return None
lines = [f'# The packages of the Alpine {rel} minirootfs, generated from its /lib/apk/db/installed',
         f'# and file tree. Source: {sys.argv[4]}', f'releases {rel}', '']
for pk in pkgs:
    lines.append(f"@ {pk['name']} {pk['version']}")
    lines.append(f"d {pk.get('desc','')}")
    if pk.get('url'): lines.append(f"u {pk['url']}")
    if pk.get('license'): lines.append(f"l {pk['license']}")
    deps = []
    for d in pk['deps']:
        d = d.lstrip('!')
        n = prov.get(re.split('[<>=~]', d)[0])
        if n and n != pk['name'] and n not in deps: deps.append(n)
    if deps: lines.append('dep ' + ' '.join(deps))
    for d in pk['dirs']:
        if d in entries and d not in owned:
            owned.add(d); l = file_line(d)
            if l: lines.append(l)
    for f in pk['files']:
        owned.add(f); l = file_line(f)
        if l: lines.append(l)
    lines.append('')
skip = {'/lib/apk/db/installed', '/lib/apk/db/triggers', '/lib/apk/db/scripts.tar', '/lib/apk/db/lock', '/etc/apk/world'}
rest = [p for p in sorted(entries) if p not in owned and p not in skip]
lines.append('# Files no package owns (busybox applet links, apk state); never listed in the database.')
lines.append('@ .rootfs 0')
for p in rest:
    l = file_line(p)
    if l: lines.append(l)
open(out, 'w').write('\n'.join(lines) + '\n')
print(rel, len(pkgs), 'packages', len(rest), 'unowned', text_of('/etc/apk/world').decode().split())
