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

# 4. No two items of one menu, dialog or pane share an access key, in English or in a
#    translation: each <menu> of a .ui file, each other .ui file's widgets, and the places
#    where widgets of several files (and of the code) show together.
import xml.etree.ElementTree as ET  # noqa: E402

TOGETHER = {
    # The window: the import's progress and a toast; the empty page and the header
    'the window': ['_Upload', '_Cancel', '_Undo', '_Details', 'C_lear Filters'],
    # The details pane with its alt text editor and history (medialib-versions-group.c)
    'the details pane': ['resources/ui/medialib-details-pane.ui', 'resources/ui/medialib-alt-editor.ui',
                         'Re_place File…', 'Crop _Again from the New Version'],
}

# Shared keys left as they are: the header's Upload and a toast's Undo both take their first
# letter, as everywhere in GNOME (Alt+U then moves between them while the toast shows)
ACCEPTED = {('en', 'the window', 'u')}


def ui_groups():
    groups = {}
    ui_dir = os.path.join(top, 'resources', 'ui')
    for name in sorted(os.listdir(ui_dir)):
        rel = os.path.join('resources', 'ui', name)
        root = ET.parse(os.path.join(ui_dir, name)).getroot()
        in_menus = set()
        for menu in root.iter('menu'):
            labels = [a.text for a in menu.iter('attribute')
                      if a.get('name') == 'label' and a.get('translatable') == 'yes' and '_' in a.text]
            groups[f'{rel} menu {menu.get("id")}'] = labels
            in_menus.update(id(a) for a in menu.iter('attribute'))
        groups[rel] = [p.text for p in root.iter('property')
                       if p.get('name') in ('label', 'title') and p.get('translatable') == 'yes'
                       and p.text and re.search(r'_\w', p.text) and id(p) not in in_menus]
    return groups


def translations(lang):
    """msgid → msgstr of po/LANG.po (the simple one-line entries are enough for labels)"""
    table = {}
    with open(os.path.join(po_dir, lang + '.po'), encoding='utf-8') as f:
        text = f.read()
    for m in re.finditer(r'^msgid "((?:[^"\\]|\\.)*)"\nmsgstr "((?:[^"\\]|\\.)+)"$', text, re.M):
        table[m.group(1)] = m.group(2)
    return table


def access_key(label):
    m = re.search(r'_(\w)', label)
    return m.group(1).lower() if m else None


groups = ui_groups()
for place, members in TOGETHER.items():
    groups[place] = [l for m in members for l in (groups.get(m) or [m])]
catalogues = {'en': None, **{lang: translations(lang) for lang in linguas()}}
for lang, table in catalogues.items():
    for place, labels in groups.items():
        seen = {}
        for msgid in dict.fromkeys(labels):
            label = msgid if table is None else table.get(msgid, msgid)
            key = access_key(label)
            if key is None:
                continue
            if key in seen and (lang, place, key) not in ACCEPTED:
                failures.append(f'{lang}: {label!r} and {seen[key]!r} share the access key '
                                f'{key!r} in {place}')
            seen[key] = label

for f in failures:
    print('FAIL:', f)
print('check-po:', 'ok' if not failures else f'{len(failures)} problem(s)')
sys.exit(1 if failures else 0)
