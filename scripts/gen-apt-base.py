"""Specializes the multi-release apt base catalogues (data/packages/apt/base-*-*.pkgs) to one
older release: each package keeps the file list of its counterpart in `from_release`, takes
the name and version the release's image manifest gives, and packages the manifest lists
without a counterpart get a minimal entry. Usage:
  gen-apt-base.py FROM_RELEASE NEW_RELEASE MANIFEST OUT SOURCE_NOTE [old=new ...]
Environment: FILES (glob of the input catalogues, default the base ones), VARS (`name=value`
overrides of `var` lines, space separated), MINIMAL=0 to leave out packages without a
counterpart. Dependencies on packages the output does not have are dropped."""
import os, re, sys, glob

src_rel, new_rel, manifest, out, note = sys.argv[1:6]
renames = dict(a.split('=') for a in sys.argv[6:])  # our name in FROM_RELEASE -> name in NEW_RELEASE
man = {}
for line in open(manifest):
    if '\t' in line:
        n, v = line.strip().split('\t')
        man[n.split(':')[0]] = v

def pick(vals, col):
    parts = vals.split('|')
    return parts[col] if col < len(parts) else parts[-1]

blocks, header = [], None
var_over = dict(v.split('=') for v in os.environ.get('VARS', '').split())
for path in sorted(glob.glob(os.environ.get('FILES', 'data/packages/apt/base-[0-9]-*.pkgs'))):
    text = open(path).read()
    rels = next(l for l in text.splitlines() if l.startswith('releases ')).split()[1:]
    col = rels.index(src_rel)
    cur = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith('#') or line.startswith('releases '):
            continue
        m = re.match(r'^\[([^\]]+)\](.*)$', line)
        if m:
            if src_rel not in m.group(1).split(','):
                continue
            line = m.group(2).strip()
        op, _, rest = line.partition(' ')
        if op in ('var', 'scale'):
            if op == 'var':
                name, vals = rest.split(' ', 1)
                blocks.append([f'var {name} {var_over.get(name, pick(vals.strip(), col))}'])
            else:
                blocks.append([f'scale {pick(rest.strip(), col)}'])
            cur = None
            continue
        if op == '@':
            names, vers = rest.split()[:2]
            if '=' in names:
                key, names = names.split('=')
            else:
                key = names.split('|')[0]
            name, ver = pick(names, col), pick(vers, col)
            if ver == '-':
                cur = None
                continue
            new_name = renames.get(name, name)
            if new_name not in man:
                cur = None
                continue
            cur = [f'@ {key}={new_name} {man.pop(new_name)}']
            blocks.append(cur)
            continue
        if cur is not None:
            cur.append(line)
keys = {b[0].split()[1].split('=')[0] for b in blocks if b[0].startswith('@ ')}
if os.environ.get('MINIMAL', '1') == '1':
    keys |= set(man)
for b in blocks:
    for i, l in enumerate(b):
        if l.startswith('dep ') or l.startswith('rec '):
            kept = [w for w in l.split()[1:] if w in keys]
            b[i] = f"{l[:3]} {' '.join(kept)}" if kept else ''
    b[:] = [l for l in b if l]
if os.environ.get('MINIMAL', '1') != '1':
    man.clear()
lines = [f'# The packages of {new_rel}: names and versions from its manifest,',
         f'# file lists from the {src_rel} packages of the same role. Source: {note}',
         f'releases {new_rel}', '']
for b in blocks:
    lines.extend(b)
    lines.append('')
for name, ver in sorted(man.items()):
    lines += [f'@ {name} {ver}', f'd {name}', f'D /usr/share/doc/{name}', '']
open(out, 'w').write('\n'.join(lines))
print(new_rel, 'packages:', sum(1 for b in blocks if b[0].startswith('@')), 'minimal:', len(man), sorted(man))
