#!/usr/bin/env python3
# test_presets.py — every row of the product documents' image tables is a preset with the
# documents' numbers (read from ../shared/seeds/ when it is there), as `medialib presets`
# gives them
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import glob
import json
import os
import re
import subprocess
import sys
import unittest

BIN = os.environ['MEDIALIB_BIN']
SHARED = os.environ.get('MEDIALIB_SHARED', '')

FIELDS = {'key', 'channel', 'label', 'ratio_w', 'ratio_h', 'min_width', 'min_height',
          'max_width', 'max_height', 'recommended_width', 'recommended_height', 'notes'}

# (section of the document, first cell of the row) → preset key
ROWS = {
    ('Content Cards', 'Classic'): 'content-card-classic',
    ('Content Cards', 'Captioned'): 'content-card-captioned',
    ('Content Cards', 'Banner'): 'content-card-banner',
    ('Email', 'Header image'): 'email-header',
    ('Email', 'Body image'): 'email-body',
    ('Full screen', 'Image and text'): 'full-screen-image-text',
    ('Full screen', 'Image only'): 'full-screen-image-only',
    ('Modal', 'Image and text'): 'modal-image-text',
    ('Modal', 'Image only'): 'modal-image-only',
    ('Slideup', 'Image and text'): 'slideup-image-text',
    ('iOS', '2:1 aspect ratio (recommended)'): 'ios-push',
    ('Android', 'Push icon'): 'android-push-icon',
    ('Android', 'Expanded notification'): 'android-expanded',
    ('Android', 'Inline image'): 'android-inline',
}


def presets():
    r = subprocess.run([BIN, '--json', 'presets'], capture_output=True, text=True, check=True)
    return {p['key']: p for p in json.loads(r.stdout)}


def seed_rows(text):
    """Yields (section, cells) for every table row that gives an aspect ratio."""
    section = None
    for line in text.splitlines():
        heading = re.match(r'^###\s+(.*)$', line)
        tab = re.match(r'^\{%\s*tab\s+(.*?)\s*%\}', line)
        if heading:
            section = heading.group(1).strip()
        elif tab:
            section = tab.group(1).strip()
        elif line.startswith('|') and re.search(r'(\d+:\d+|any) aspect ratio', line, re.I):
            cells = [c.strip() for c in line.strip().strip('|').split('|')]
            yield section, cells


def expected_numbers(cells):
    """The rules a row states, in the fields of `medialib presets --json`."""
    text = ' '.join(cells).replace('<br>', ' ')
    e = {}
    m = re.search(r'(\d+):(\d+) aspect ratio', text)
    e['ratio_w'], e['ratio_h'] = (int(m.group(1)), int(m.group(2))) if m else (None, None)
    if m := re.search(r'(\d+)px minimum width', text):
        e['min_width'] = int(m.group(1))
    if m := re.search(r'(\d+)px maximum width', text):
        e['max_width'] = int(m.group(1))
    if m := re.search(r'High resolution (\d+)px by (\d+)px', text):
        e['recommended_width'], e['recommended_height'] = int(m.group(1)), int(m.group(2))
    if m := re.search(r'Minimum resolution (\d+)px by (\d+)px', text):
        e['min_width'], e['min_height'] = int(m.group(1)), int(m.group(2))
    if m := re.search(r'(\d+)px by (\d+)px maximum', text):
        e['max_width'], e['max_height'] = int(m.group(1)), int(m.group(2))
    if m := re.search(r'Small: (\d+)px by (\d+)px', text):
        e['min_width'], e['min_height'] = int(m.group(1)), int(m.group(2))
    if m := re.search(r'Large: (\d+)px by (\d+)px', text):
        e['recommended_width'], e['recommended_height'] = int(m.group(1)), int(m.group(2))
    if re.fullmatch(r'(\d+)px by (\d+)px', cells[2] if len(cells) > 2 else ''):
        m = re.fullmatch(r'(\d+)px by (\d+)px', cells[2])
        e['recommended_width'], e['recommended_height'] = int(m.group(1)), int(m.group(2))
    return e


class PresetsTest(unittest.TestCase):
    def test_json_fields(self):
        all_presets = presets()
        self.assertEqual(len(all_presets), 16)
        for p in all_presets.values():
            self.assertEqual(set(p), FIELDS, p['key'])
            self.assertTrue(p['label'])
        self.assertEqual(all_presets['free']['ratio_w'], None)
        self.assertEqual((all_presets['modal-image-text']['ratio_w'],
                          all_presets['modal-image-text']['ratio_h']), (29, 10))
        self.assertIn('viewport', all_presets['full-screen-image-text']['notes'])

    def test_every_seed_row(self):
        texts = []
        for path in sorted(glob.glob(os.path.join(SHARED, 'seeds', '*.txt'))):
            with open(path, encoding='utf-8') as f:
                texts.append(f.read())
        english = [t for t in texts if '### Content Cards' in t]
        if not english:
            self.skipTest('../shared/seeds is not present')
        text = english[0]
        all_presets = presets()
        seen = set()
        for section, cells in seed_rows(text):
            key = ROWS.get((section, cells[0]))
            self.assertIsNotNone(key, f'a row of the documents has no preset: {section} / {cells[0]}')
            seen.add(key)
            p = all_presets[key]
            for field, value in expected_numbers(cells).items():
                self.assertEqual(p[field], value, f'{key}.{field}')
        self.assertEqual(seen, set(ROWS.values()))
        # Every channel preset comes from a row of the documents
        self.assertEqual({k for k, p in all_presets.items() if p['channel'] != 'general'}, seen)


if __name__ == '__main__':
    unittest.main(verbosity=2)
