#!/usr/bin/env python3
# test_fits_cli.py — `medialib list --fits PRESET`: the images usable as they are for a
# channel preset, on images made to the presets' ratios and sizes and just outside them,
# on a local library and (with --team, through tests/team-servers.py) on a team library
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from test_cli import gif_bytes, png_bytes  # noqa: E402

BIN = os.environ['MEDIALIB_BIN']
TEAM = '--team' in sys.argv
if TEAM:
    sys.argv.remove('--team')
    from test_team_cli import TeamCase  # noqa: E402
    Base = TeamCase
else:
    Base = unittest.TestCase

# name: (width, height, GIF?)
IMAGES = {
    'expanded.png': (512, 256, False),     # 2:1, Android's least expanded notification
    'wider.png': (522, 256, False),        # 2 % wider than 2:1
    'small.png': (510, 255, False),        # 2:1, under 512 × 256
    'icon.png': (64, 64, False),           # 1:1
    'icon.gif': (64, 64, True),            # 1:1, but a GIF
    'tiny.png': (59, 59, False),           # 1:1, a pixel under a content card's 60
    'captioned.png': (600, 450, False),    # 4:3 at a captioned content card's 600
    'ios-large.png': (1040, 520, False),   # 2:1 over iOS's 1038
}

EXPECTED = {
    'android-expanded': ['expanded.png', 'ios-large.png'],
    'ios-push': ['expanded.png', 'small.png'],
    'android-push-icon': ['icon.png', 'tiny.png'],
    'content-card-classic': ['icon.gif', 'icon.png'],
    'content-card-captioned': ['captioned.png'],
    'android-inline': [],
    'free': [],
}


class FitsCliTest(Base):
    def setUp(self):
        super().setUp()
        if not TEAM:
            self.tmp = tempfile.mkdtemp(prefix='medialib-fits-')
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
        if TEAM:
            super().tearDown()
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def run_cli(self, *args, **kwargs):
        if TEAM:
            return super().run_cli(*args, **kwargs)
        return subprocess.run([BIN, '--library', self.lib] + list(args), capture_output=True,
                              text=True, env=self.env, timeout=60)

    def names(self, *args):
        r = self.run_cli('--json', 'list', *args)
        self.assertEqual(r.returncode, 0, r.stderr)
        return sorted(a['name'] for a in json.loads(r.stdout))

    def test_list_fits(self):
        for seed, (name, (w, h, gif)) in enumerate(IMAGES.items()):
            with open(os.path.join(self.input, name), 'wb') as f:
                f.write(gif_bytes(w, h, 1) if gif else png_bytes(w, h, seed))
        r = self.run_cli('--json', 'import', self.input)
        self.assertEqual(r.returncode, 0, r.stderr)
        imported = json.loads(r.stdout)
        self.ids = [a['id'] for a in imported]
        self.assertEqual(len(self.ids), len(IMAGES))

        for key, names in EXPECTED.items():
            self.assertEqual(self.names('--fits', key), names, key)

        # With the other filters
        small = [a['id'] for a in imported if os.path.basename(a['path']) == 'small.png']
        r = self.run_cli('edit', str(small[0]), '--add-tag', 'Promo')
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.names('--fits', 'ios-push', '--tag', 'promo'), ['small.png'])
        self.assertEqual(self.names('--fits', 'ios-push', '--query', 'expanded'), ['expanded.png'])
        self.assertEqual(self.names('--fits', 'ios-push', '--kind', 'contact'), [])
        self.assertEqual(self.names('--fits', 'ios-push', '--sort', 'name'), ['expanded.png', 'small.png'])

        # An unknown key says where the keys are
        r = self.run_cli('list', '--fits', 'no-such-channel')
        self.assertEqual(r.returncode, 2)
        self.assertIn('no-such-channel', r.stderr)
        self.assertIn('medialib presets', r.stderr)
        self.assertEqual(r.stdout, '')


if __name__ == '__main__':
    unittest.main()
