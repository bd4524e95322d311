#!/usr/bin/env python3
# test_export_cli.py — `medialib export` and `medialib crop` without --rect (smart crop), on
# images with one detailed object on a flat background, on a local library and (with
# --team, through tests/team-servers.py) on a team library
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from test_cli import flat_png_bytes  # noqa: E402

BIN = os.environ['MEDIALIB_BIN']
TEAM = '--team' in sys.argv
if TEAM:
    sys.argv.remove('--team')
    from test_team_cli import TeamCase  # noqa: E402
    Base = TeamCase
else:
    Base = unittest.TestCase

COLOURS = [(220, 30, 40), (20, 60, 200), (250, 210, 20), (10, 10, 10)]


def object_png(width, height, ox, oy, size):
    """A grey image with a colourful checkered object of size pixels at (ox, oy)."""
    def colour(x, y):
        if ox <= x < ox + size and oy <= y < oy + size:
            return COLOURS[((x - ox) // 4 + (y - oy) // 4) % 4]
        return (180, 180, 180)
    return flat_png_bytes(width, height, colour)


def sha256(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


class ExportCliTest(Base):
    def setUp(self):
        super().setUp()
        self.out = tempfile.mkdtemp(prefix='medialib-export-out-')
        if not TEAM:
            self.tmp = tempfile.mkdtemp(prefix='medialib-export-')
            self.lib = os.path.join(self.tmp, 'library')
            self.input = os.path.join(self.tmp, 'input')
            os.mkdir(self.input)
            self.env = dict(os.environ)
            self.env.pop('MEDIALIB_LIBRARY', None)
            for var in ('HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_CONFIG_HOME'):
                self.env[var] = os.path.join(self.tmp, 'home', var.lower())
        else:
            r = self.connect()
            self.assertEqual(r.returncode, 0, r.stderr)
        self.ids = []

    def tearDown(self):
        # A team library's files are in the shared bucket: removed with their assets
        if self.ids:
            self.run_cli('delete', *map(str, self.ids))
        shutil.rmtree(self.out, ignore_errors=True)
        if TEAM:
            super().tearDown()
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def run_cli(self, *args, **kwargs):
        if TEAM:
            return super().run_cli(*args, **kwargs)
        return subprocess.run([BIN, '--library', self.lib] + list(args), capture_output=True,
                              text=True, env=self.env, timeout=60)

    def import_png(self, name, data):
        with open(os.path.join(self.input, name), 'wb') as f:
            f.write(data)
        r = self.run_cli('--json', 'import', os.path.join(self.input, name))
        self.assertEqual(r.returncode, 0, r.stderr)
        asset = json.loads(r.stdout)[0]
        self.ids.append(asset['id'])
        return asset['id']

    def test_crop_is_smart_unless_centre(self):
        # The object against the left edge of a 2:1 image; the 1:1 box goes there
        asset = self.import_png('left.png', object_png(240, 120, 4, 40, 30))
        r = self.run_cli('--json', 'export', str(asset), '--channels', 'content-card-classic',
                         '--to', self.out)
        self.assertEqual(r.returncode, 0, r.stderr)
        entry = json.loads(r.stdout)['files'][0]
        self.assertEqual(entry['crop'], [0, 0, 120, 120])
        exported = sha256(os.path.join(self.out, entry['file']))

        r = self.run_cli('--json', 'crop', str(asset), '--preset', 'content-card-classic')
        self.assertEqual(r.returncode, 0, r.stderr)
        smart = json.loads(r.stdout)
        self.ids.append(smart['id'])
        self.assertEqual(smart['sha256'], exported)

        r = self.run_cli('--json', 'crop', str(asset), '--preset', 'content-card-classic', '--centre')
        self.assertEqual(r.returncode, 0, r.stderr)
        centred = json.loads(r.stdout)
        self.ids.append(centred['id'])
        self.assertNotEqual(centred['sha256'], smart['sha256'])
        self.assertEqual((centred['width'], centred['height']), (smart['width'], smart['height']))

        r = self.run_cli('crop', str(asset), '--preset', 'content-card-classic', '--centre',
                         '--rect', '0,0,10,10')
        self.assertEqual(r.returncode, 2)

    def test_export_all(self):
        asset = self.import_png('hero.png', object_png(400, 300, 360, 250, 36))
        r = self.run_cli('--json', 'export', str(asset), '--channels', 'all', '--to', self.out)
        self.assertEqual(r.returncode, 0, r.stderr)
        files = json.loads(r.stdout)['files']
        self.assertEqual(len(files), 14)
        with open(os.path.join(self.out, 'manifest.json')) as f:
            self.assertEqual(json.load(f)['files'], files)
        self.assertEqual(sorted(os.listdir(self.out)),
                         sorted([e['file'] for e in files] + ['manifest.json']))
        by_key = {e['preset']: e for e in files}
        self.assertEqual(by_key['ios-push']['file'], 'hero (Push · iOS · Rich notification).png')
        for e in files:
            self.assertEqual(set(e), {'file', 'preset', 'label', 'width', 'height', 'bytes', 'crop',
                                      'warnings', 'messages'})
            self.assertEqual(e['bytes'], os.path.getsize(os.path.join(self.out, e['file'])))
            x, y, w, h = e['crop']
            # never upscaled; the object in the bottom right corner is in every crop
            self.assertLessEqual((e['width'], e['height']), (w, h))
            self.assertTrue(x <= 360 and y <= 250 and x + w >= 396 and y + h >= 286, e)
        # A small image: below the minimum of most channels, said in the warnings and on stderr
        self.assertIn('below-minimum', by_key['android-expanded']['warnings'])
        self.assertIn('blurry', by_key['android-expanded']['messages'][0])
        self.assertIn('warning', r.stderr)
        self.assertEqual((by_key['email-body']['width'], by_key['email-body']['height']), (400, 300))
        self.assertEqual(by_key['email-body']['warnings'], [])

        # Nothing was added
        r = self.run_cli('--json', 'list')
        self.assertEqual([a['id'] for a in json.loads(r.stdout)], [asset])

    def test_export_add_to_library(self):
        asset = self.import_png('hero.png', object_png(300, 200, 10, 10, 40))
        r = self.run_cli('export', str(asset), '--channels', 'ios-push,android-inline', '--to', self.out,
                         '--add-to-library')
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(len(lines), 2)
        self.assertTrue(lines[0].startswith('wrote hero (Push · iOS · Rich notification).png (300 × 150), added '),
                        lines[0])
        r = self.run_cli('--json', 'list')
        crops = [a for a in json.loads(r.stdout) if a['source'] == 'crop']
        self.ids += [a['id'] for a in crops]
        self.assertEqual(sorted(a['name'] for a in crops),
                         ['hero (Push · Android · Inline image).png', 'hero (Push · iOS · Rich notification).png'])
        self.assertEqual({a['parent'] for a in crops}, {asset})

    def test_export_errors(self):
        asset = self.import_png('hero.png', object_png(100, 100, 10, 10, 20))
        r = self.run_cli('export', str(asset), '--channels', 'ios-push,nope', '--to', self.out)
        self.assertEqual(r.returncode, 2)
        self.assertIn('“nope”', r.stderr)
        r = self.run_cli('export', str(asset), '--to', self.out)
        self.assertEqual(r.returncode, 2)
        r = self.run_cli('export', str(asset), '--channels', 'all')
        self.assertEqual(r.returncode, 2)
        blocker = os.path.join(self.out, 'file')
        with open(blocker, 'w') as f:
            f.write('x')
        r = self.run_cli('export', str(asset), '--channels', 'all', '--to', os.path.join(blocker, 'sub'))
        self.assertEqual(r.returncode, 1)
        self.assertIn('cannot write to the folder', r.stderr)
        r = self.run_cli('export', '99999', '--channels', 'all', '--to', self.out)
        self.assertEqual(r.returncode, 1)
        card = os.path.join(self.input, 'ada.vcf')
        with open(card, 'w') as f:
            f.write('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n')
        r = self.run_cli('--json', 'import', card)
        self.assertEqual(r.returncode, 0, r.stderr)
        card_id = json.loads(r.stdout)[0]['id']
        self.ids.append(card_id)
        r = self.run_cli('export', str(card_id), '--channels', 'all', '--to', self.out)
        self.assertEqual(r.returncode, 1)
        self.assertIn('not an image', r.stderr)


if __name__ == '__main__':
    unittest.main()
