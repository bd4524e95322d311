#!/usr/bin/env python3
# test_search_provider.py — GNOME Shell's search provider of the running app, with gdbus
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from test_cli import png_bytes  # noqa: E402

BIN = os.environ['MEDIALIB_BIN']
APP_ID = os.environ['MEDIALIB_APP_ID']
PATH = '/' + APP_ID.replace('.', '/') + '/SearchProvider'
IFACE = 'org.gnome.Shell.SearchProvider2'


def gdbus(method, *args):
    r = subprocess.run(['gdbus', 'call', '--session', '--dest', APP_ID, '--object-path', PATH,
                        '--method', IFACE + '.' + method, *args], capture_output=True, text=True, timeout=30)
    if r.returncode != 0:
        raise AssertionError(f'{method}: {r.stderr}')
    return r.stdout.strip()


class SearchProviderTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='medialib-sp-')
        self.lib = os.path.join(self.tmp, 'library')
        images = os.path.join(self.tmp, 'in')
        os.mkdir(images)
        for name, seed in (('spring-sale.png', 1), ('summer-hero.png', 2)):
            with open(os.path.join(images, name), 'wb') as f:
                f.write(png_bytes(64, 32, seed))
        subprocess.run([BIN, '--library', self.lib, 'import', images], check=True, capture_output=True)
        listed = subprocess.run([BIN, '--library', self.lib, '--json', 'list'], check=True,
                                capture_output=True, text=True).stdout
        self.ids = {a['name']: str(a['id']) for a in json.loads(listed)}
        # MEDIALIB_LIBRARY, not --library: the single instance, which owns the bus name
        self.app = subprocess.Popen([BIN], env=dict(os.environ, MEDIALIB_LIBRARY=self.lib))
        deadline = time.monotonic() + 30
        while True:
            r = subprocess.run(['gdbus', 'call', '--session', '--dest', 'org.freedesktop.DBus',
                                '--object-path', '/org/freedesktop/DBus', '--method',
                                'org.freedesktop.DBus.NameHasOwner', APP_ID], capture_output=True, text=True)
            if '(true,)' in r.stdout:
                break
            self.assertIsNone(self.app.poll(), 'the app exited')
            self.assertLess(time.monotonic(), deadline, 'the app never owned its bus name')
            time.sleep(0.1)

    def tearDown(self):
        # Quit as the app's Quit action does: it must end cleanly, and a sanitized build
        # checks itself for leaks as it exits (status 23 for a report).
        subprocess.run(['gdbus', 'call', '--session', '--dest', APP_ID,
                        '--object-path', '/' + APP_ID.replace('.', '/'),
                        '--method', 'org.gtk.Actions.Activate', "'quit'", '[]', '{}'],
                       capture_output=True, timeout=30)
        try:
            status = self.app.wait(60)
        except subprocess.TimeoutExpired:
            self.app.kill()
            self.app.wait()
            status = 'still running after Quit'
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.assertEqual(status, 0, 'the app did not end cleanly when quit')

    def test_search_and_metas(self):
        spring, summer = self.ids['spring-sale.png'], self.ids['summer-hero.png']
        self.assertEqual(gdbus('GetInitialResultSet', "['spr']"), f"(['{spring}'],)")
        self.assertEqual(gdbus('GetInitialResultSet', "['nothing']"), '(@as [],)')
        self.assertEqual(gdbus('GetSubsearchResultSet', f"['{spring}', '{summer}']", "['summer', 'hero']"),
                         f"(['{summer}'],)")

        # A thumbnail the cache lost is made again for the results
        for root, _dirs, files in os.walk(os.path.join(self.lib, 'thumbnails')):
            for name in files:
                os.unlink(os.path.join(root, name))
        metas = gdbus('GetResultMetas', f"['{spring}', '{summer}']")
        self.assertIn("'name': <'spring-sale.png'>", metas)
        self.assertIn("'name': <'summer-hero.png'>", metas)
        self.assertIn('64 × 32', metas)
        icons = re.findall(r"'gicon': <'([^']*)'>", metas)
        self.assertEqual(len(icons), 2)
        for icon in icons:
            self.assertTrue(os.path.isfile(icon), icon)
            self.assertTrue(icon.startswith(self.lib))

    def test_activate_and_launch(self):
        self.assertEqual(gdbus('ActivateResult', self.ids['spring-sale.png'], "['spr']", '0'), '()')
        self.assertEqual(gdbus('LaunchSearch', "['spr']", '0'), '()')
        self.assertIsNone(self.app.poll())


if __name__ == '__main__':
    unittest.main(verbosity=2)
