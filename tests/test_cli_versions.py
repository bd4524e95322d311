#!/usr/bin/env python3
# test_cli_versions.py — `medialib replace`, `history` and `revert`: the asset keeps its id,
# name, tags and URL, the URL gives the new file, the previous one is a version; on a local
# library and (with --team, through tests/team-servers.py) on a team library
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from test_cli import png_bytes  # noqa: E402

BIN = os.environ['MEDIALIB_BIN']
TEAM = '--team' in sys.argv
if TEAM:
    sys.argv.remove('--team')
    from test_team_cli import TeamCase  # noqa: E402
    Base = TeamCase
else:
    Base = unittest.TestCase


def fetch(uri):
    """What the asset's URL gives to anyone: the file, or the bucket's object"""
    if uri.startswith('file://'):
        with open(urllib.request.url2pathname(uri[len('file://'):]), 'rb') as f:
            return f.read()
    with urllib.request.urlopen(uri, timeout=30) as answer:
        return answer.read()


class VersionsCliTest(Base):
    def setUp(self):
        super().setUp()
        if not TEAM:
            self.tmp = tempfile.mkdtemp(prefix='medialib-versions-')
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

    def json_of(self, *args):
        r = self.run_cli('--json', *args)
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout)

    def put(self, name, data):
        path = os.path.join(self.input, name)
        with open(path, 'wb') as f:
            f.write(data)
        return path

    def test_replace_history_revert(self):
        first, second = png_bytes(40, 30, 1), png_bytes(24, 36, 2)
        [added] = self.json_of('import', '--tag', 'Spring', self.put('hero.png', first))
        asset_id = str(added['id'])
        self.ids = [added['id']]
        before = self.json_of('info', asset_id)
        self.assertEqual(fetch(before['uri']), first)

        # A file an import would refuse: exit status 1, the file and the reason, no change
        broken = self.put('broken.png', second[:40])
        r = self.run_cli('replace', asset_id, broken)
        self.assertEqual(r.returncode, 1)
        self.assertIn('broken.png: ', r.stderr)
        self.assertEqual(self.json_of('info', asset_id)['sha256'], before['sha256'])
        self.assertEqual(len(self.json_of('history', asset_id)), 1)

        r = self.run_cli('--json', 'replace', asset_id, self.put('new.png', second))
        self.assertEqual(r.returncode, 0, r.stderr)
        after = json.loads(r.stdout)
        self.assertEqual((after['id'], after['name'], after['tags']), (added['id'], 'hero.png', ['Spring']))
        # The same address (a presigned URL's signature and date change with each reading)
        self.assertEqual(after['uri'].split('?')[0], before['uri'].split('?')[0])
        self.assertEqual((after['width'], after['height']), (24, 36))
        self.assertEqual(after['sha256'], hashlib.sha256(second).hexdigest())
        self.assertEqual(fetch(after['uri']), second)

        history = self.json_of('history', asset_id)
        self.assertEqual([(v['version'], v['current']) for v in history], [(2, True), (1, False)])
        self.assertEqual(history[1]['sha256'], hashlib.sha256(first).hexdigest())
        self.assertEqual((history[1]['bytes'], history[1]['width'], history[1]['height']), (len(first), 40, 30))
        self.assertEqual(set(history[0]), {'version', 'current', 'date', 'type', 'bytes', 'width', 'height',
                                           'sha256', 'by'})
        r = self.run_cli('history', asset_id)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(len(r.stdout.splitlines()), 2)
        self.assertTrue(r.stdout.startswith('2\t'), r.stdout)

        r = self.run_cli('--json', 'revert', asset_id, '--version', '1')
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout)['sha256'], before['sha256'])
        self.assertEqual(fetch(before['uri']), first)
        self.assertEqual([v['version'] for v in self.json_of('history', asset_id)], [3, 2, 1])

        # Usage errors, an unknown version
        self.assertEqual(self.run_cli('revert', asset_id).returncode, 2)
        self.assertEqual(self.run_cli('revert', asset_id, '--version', 'x').returncode, 2)
        self.assertEqual(self.run_cli('replace', asset_id).returncode, 2)
        r = self.run_cli('revert', asset_id, '--version', '7')
        self.assertEqual(r.returncode, 1)
        self.assertIn('7', r.stderr)
        r = self.run_cli('history', '9999')
        self.assertEqual(r.returncode, 1)
        self.assertIn('9999', r.stderr)

    @unittest.skipIf(TEAM, 'a local library made as before addresses (test-versions covers both)')
    def test_replace_keeps_content_url(self):
        """An asset from before addresses keeps its file's URL, media/…, through replacing"""
        first, second = png_bytes(40, 30, 1), png_bytes(24, 36, 2)
        [added] = self.json_of('import', self.put('old.png', first))
        asset_id = str(added['id'])
        db = sqlite3.connect(os.path.join(self.lib, 'library.db'))
        [(address,)] = db.execute('SELECT address FROM assets WHERE id = ?', (added['id'],)).fetchall()
        db.execute('UPDATE assets SET address = NULL WHERE id = ?', (added['id'],))
        db.commit()
        db.close()
        os.unlink(os.path.join(self.lib, 'assets', address + '.png'))

        before = self.json_of('info', asset_id)['uri']
        self.assertIn('/media/', before)
        self.assertIn(hashlib.sha256(first).hexdigest(), before)
        self.assertEqual(self.json_of('replace', asset_id, self.put('new.png', second))['uri'], before)
        self.assertEqual(fetch(before), second)
        self.assertEqual(self.json_of('revert', asset_id, '--version', '1')['uri'], before)
        self.assertEqual(fetch(before), first)


if __name__ == '__main__':
    unittest.main()
