#!/usr/bin/env python3
# check-po.py — translations are valid, complete, and POTFILES lists every translatable file
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys
import tempfile

top = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
po_dir = os.path.join(top, 'po')
failures = []

KEYWORDS = ['--keyword=_', '--keyword=N_', '--keyword=C_:1c,2', '--keyword=NC_:1c,2',
            '--keyword=g_dcgettext:2', '--keyword=g_dngettext:2,3',
            '--keyword=g_dpgettext2:2c,3', '--keyword=ngettext:1,2']


def potfiles():
    with open(os.path.join(po_dir, 'POTFILES.in'), encoding='utf-8') as f:
        return [l.strip() for l in f if l.strip() and not l.startswith('#')]


def linguas():
    with open(os.path.join(po_dir, 'LINGUAS'), encoding='utf-8') as f:
        return [w for l in f for w in l.split('#')[0].split()]


listed = potfiles()

# 1. Every listed file exists, and every file with translatable strings is listed.
for path in listed:
    if not os.path.exists(os.path.join(top, path)):
        failures.append(f'POTFILES.in lists {path}, which does not exist')

marker = re.compile(r'''(\b(?:_|N_|C_|NC_|ngettext|g_dngettext)\s*\(\s*")|translatable="yes"''')
for sub in ('src', 'resources', 'data'):
    for root, _dirs, files in os.walk(os.path.join(top, sub)):
        for name in files:
            rel = os.path.relpath(os.path.join(root, name), top)
            if name.endswith(('.desktop.in.in', '.metainfo.xml.in.in', '.gschema.xml')):
                needs = True
            elif name.endswith(('.c', '.ui', '.h')):
                with open(os.path.join(root, name), encoding='utf-8') as f:
                    needs = bool(marker.search(f.read()))
            else:
                needs = False
            if needs and rel not in listed:
                failures.append(f'{rel} has translatable strings but is not in po/POTFILES.in')

# 2. The catalog of the sources as they are now.
with tempfile.TemporaryDirectory() as tmp:
    pot = os.path.join(tmp, 'medialib.pot')
    listing = os.path.join(tmp, 'files')
    with open(listing, 'w', encoding='utf-8') as f:
        f.write('\n'.join(listed) + '\n')
    r = subprocess.run(['xgettext', '--from-code=UTF-8', '--add-comments', *KEYWORDS,
                        '--package-name=medialib', '-D', top, '-f', listing, '-o', pot],
                       capture_output=True, text=True)
    if r.returncode != 0:
        failures.append('xgettext failed: ' + r.stderr.strip())

    for lang in linguas():
        po = os.path.join(po_dir, lang + '.po')
        if not os.path.exists(po):
            failures.append(f'po/LINGUAS names {lang} but po/{lang}.po does not exist')
            continue
        r = subprocess.run(['msgfmt', '--check', '--statistics', '-o', os.devnull, po],
                           capture_output=True, text=True)
        if r.returncode != 0:
            failures.append(f'msgfmt --check po/{lang}.po: ' + r.stderr.strip())
        stats = r.stderr.strip()
        print(f'{lang}: {stats}')
        if 'untranslated' in stats or 'fuzzy' in stats:
            failures.append(f'po/{lang}.po is incomplete: {stats}')
        if os.path.exists(pot):
            r = subprocess.run(['msgcmp', po, pot], capture_output=True, text=True)
            if r.returncode != 0:
                failures.append(f'po/{lang}.po lacks translations of current strings:\n'
                                + r.stderr.strip())

# 3. The presets' labels and notes (data) are all in medialib-preset-strings.c.
import json  # noqa: E402
presets = json.load(open(os.path.join(top, 'resources', 'channel-presets.json'), encoding='utf-8'))
with open(os.path.join(top, 'src', 'core', 'medialib-preset-strings.c'), encoding='utf-8') as f:
    strings_c = f.read()
for channel in presets['channels']:
    texts = [channel['label']] + [p.get(k) for p in channel['presets'] for k in ('label', 'notes')]
    for text in filter(None, texts):
        if 'NC_("channel preset", %s)' % json.dumps(text, ensure_ascii=False) not in strings_c:
            failures.append(f'src/core/medialib-preset-strings.c lacks {text!r} of channel-presets.json')

for f in failures:
    print('FAIL:', f)
print('check-po:', 'ok' if not failures else f'{len(failures)} problem(s)')
sys.exit(1 if failures else 0)
