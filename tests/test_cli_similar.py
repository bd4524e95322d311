#!/usr/bin/env python3
# test_cli_similar.py — `medialib similar` and `medialib duplicates`, run as real processes on
# pictures drawn here (a photo-like picture, its copies, unrelated pictures)
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import math
import os
import random
import re
import shutil
import sqlite3
import struct
import subprocess
import tempfile
import unittest
import zlib

BIN = os.environ['MEDIALIB_BIN']
ASSET_FIELDS = {'id', 'name', 'kind', 'mime', 'bytes', 'width', 'height', 'animated', 'uri',
                'sha256', 'added', 'added_by', 'source', 'parent', 'tags', 'teams', 'palette', 'alt'}


def png(pixels):
    """An RGB PNG of rows of (r, g, b)"""
    height, width = len(pixels), len(pixels[0])
    raw = b''.join(b'\0' + bytes(c for p in row for c in p) for row in pixels)

    def chunk(kind, data):
        return (struct.pack('>I', len(data)) + kind + data +
                struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff))

    return (b'\x89PNG\r\n\x1a\n' +
            chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)) +
            chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))


def photo(width, height, layout, seed):
    """A sky, a sun, a hill and a house where @layout puts them, and noise"""
    rng = random.Random(seed)
    sun_x = 0.75 - 0.13 * (layout % 5)
    house_x = 0.2 + 0.11 * (layout % 4)
    rows = []
    for y in range(height):
        v = y / height
        row = []
        for x in range(width):
            u = x / width
            r, g, b = 90 + 120 * v, 140 + 60 * v, 230 - 80 * v
            if math.hypot(u - sun_x, v - 0.25) < 0.1:
                r, g, b = 250, 220, 90
            if v > 0.65 + 0.1 * math.sin(u * (6 + 2 * (layout % 3)) + layout):
                r, g, b = 60 + 40 * u, 150 - 50 * v, 50
            if house_x < u < house_x + 0.25 and 0.45 < v < 0.8:
                r, g, b = 180, 70, 60
            n = rng.randint(-15, 15)
            row.append(tuple(max(0, min(255, int(c + n))) for c in (r, g, b)))
        rows.append(row)
    return rows


def stripes(width, height):
    return [[(220, 220, 220) if math.sin(x / width * 20) > 0 else (40, 40, 40) for x in range(width)]
            for y in range(height)]


def shrink(pixels, factor):
    """Each pixel the mean of a factor × factor block"""
    h, w = len(pixels) // factor, len(pixels[0]) // factor
    out = []
    for j in range(h):
        row = []
        for i in range(w):
            block = [pixels[j * factor + dy][i * factor + dx] for dy in range(factor) for dx in range(factor)]
            row.append(tuple(sum(p[c] for p in block) // len(block) for c in range(3)))
        out.append(row)
    return out


def crop(pixels, fraction):
    h, w = len(pixels), len(pixels[0])
    dy, dx = int(h * fraction), int(w * fraction)
    return [row[dx:w - dx] for row in pixels[dy:h - dy]]


class SimilarTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='medialib-similar-')
        self.lib = os.path.join(self.tmp, 'library')
        self.input = os.path.join(self.tmp, 'input')
        os.mkdir(self.input)
        self.env = dict(os.environ)
        self.env.pop('MEDIALIB_LIBRARY', None)
        self.env['HOME'] = os.path.join(self.tmp, 'home')
        self.env['XDG_DATA_HOME'] = os.path.join(self.tmp, 'home', 'data')
        self.env['XDG_CONFIG_HOME'] = os.path.join(self.tmp, 'home', 'config')

        original = photo(320, 240, 1, 1)
        pictures = {
            'sunset.png': original,
            'sunset-half.png': shrink(original, 2),
            'sunset-cropped.png': crop(original, 0.025),
            'village.png': photo(320, 240, 3, 2),
            'stripes.png': stripes(200, 150),
        }
        for name, pixels in pictures.items():
            with open(os.path.join(self.input, name), 'wb') as f:
                f.write(png(pixels))
        with open(os.path.join(self.input, 'ada.vcf'), 'wb') as f:
            f.write(b'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEND:VCARD\r\n')
        results = self.json_of('import', self.input)
        self.ids = {os.path.basename(r['path']): r['id'] for r in results}
        self.assertEqual(len(self.ids), 6)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_cli(self, *args):
        return subprocess.run([BIN, '--library', self.lib] + list(args), capture_output=True, text=True,
                              env=self.env, timeout=60)

    def json_of(self, *args):
        r = self.run_cli('--json', *args)
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout)

    def test_similar_finds_the_copies_nearest_first(self):
        found = self.json_of('similar', str(self.ids['sunset.png']))
        self.assertEqual(sorted(a['name'] for a in found), ['sunset-cropped.png', 'sunset-half.png'])
        for asset in found:
            self.assertEqual(set(asset), ASSET_FIELDS | {'distance'})
        distances = [a['distance'] for a in found]
        self.assertEqual(distances, sorted(distances))
        self.assertLessEqual(distances[-1], 10)

        # Every image within 64 bits, itself left out, never the contact card
        everything = self.json_of('similar', str(self.ids['sunset.png']), '--max-distance', '64')
        self.assertEqual(sorted(a['name'] for a in everything),
                         ['stripes.png', 'sunset-cropped.png', 'sunset-half.png', 'village.png'])
        self.assertTrue(all(a['distance'] > 10 for a in everything if a['name'] in ('stripes.png', 'village.png')))
        self.assertEqual(self.json_of('similar', str(self.ids['sunset.png']), '--max-distance', '0'),
                         [a for a in everything if a['distance'] == 0])

        # Lines: the distance, then the asset as `list` prints it
        r = self.run_cli('similar', str(self.ids['sunset.png']))
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(len(lines), 2)
        self.assertEqual([l.split('\t')[:3] for l in lines],
                         [[str(a['distance']), str(a['id']), a['name']] for a in found])

    def test_duplicates_groups_the_copies(self):
        groups = self.json_of('duplicates')
        self.assertEqual([sorted(a['name'] for a in g) for g in groups],
                         [['sunset-cropped.png', 'sunset-half.png', 'sunset.png']])
        self.assertEqual(groups[0][0]['distance'], 0)
        for group in self.json_of('duplicates', '--max-distance', '0'):
            self.assertEqual({a['distance'] for a in group}, {0})

        r = self.run_cli('duplicates')
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(len(r.stdout.splitlines()), 3)

    def test_errors(self):
        r = self.run_cli('similar', '999')
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr.strip(), 'medialib: 999: There is no asset with id 999')

        r = self.run_cli('similar', str(self.ids['ada.vcf']))
        self.assertEqual(r.returncode, 1)
        self.assertIn('is a contact card', r.stderr)

        for args in (['similar'], ['similar', '1', '2'], ['similar', 'x'], ['similar', '1', '--max-distance', '65'],
                     ['similar', '1', '--max-distance', '-1'], ['duplicates', '--max-distance', '12'],
                     ['duplicates', 'extra']):
            r = self.run_cli(*args)
            self.assertEqual(r.returncode, 2, (args, r.stderr))
            self.assertTrue(r.stderr.startswith('medialib: '), (args, r.stderr))

    def phashes(self):
        db = sqlite3.connect(os.path.join(self.lib, 'library.db'))
        try:
            return dict(db.execute("SELECT name, phash FROM assets WHERE kind = 'image'").fetchall())
        finally:
            db.close()

    def forget_phashes(self, names):
        db = sqlite3.connect(os.path.join(self.lib, 'library.db'))
        db.executemany('UPDATE assets SET phash = NULL WHERE id = ?', [(self.ids[n],) for n in names])
        db.commit()
        db.close()

    def test_older_library(self):
        """A library older than likeness: the command computes the hashes it lacks first, in
        medialib-cli-full (it decodes the thumbnails), the same as the app would"""
        computed = self.phashes()
        self.assertTrue(all(h is not None for h in computed.values()), computed)

        self.forget_phashes(['sunset.png', 'sunset-half.png', 'village.png'])
        found = self.json_of('similar', str(self.ids['sunset.png']))
        self.assertEqual(sorted(a['name'] for a in found), ['sunset-cropped.png', 'sunset-half.png'])
        self.assertEqual(self.phashes(), computed)

        self.forget_phashes(['sunset-cropped.png'])
        groups = self.json_of('duplicates')
        self.assertEqual([sorted(a['name'] for a in g) for g in groups],
                         [['sunset-cropped.png', 'sunset-half.png', 'sunset.png']])
        self.assertEqual(self.phashes(), computed)

        # The light `medialib` handed the command line over, in the same process
        self.forget_phashes(['village.png'])
        env = dict(self.env, LD_DEBUG='libs')
        r = subprocess.run([BIN, '--library', self.lib, 'duplicates'], capture_output=True, text=True,
                           env=env, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        libraries = {os.path.basename(p) for p in re.findall(r'calling init: (\S+)', r.stderr)}
        self.assertTrue([l for l in libraries if l.startswith('libgdk_pixbuf')], libraries)
        self.assertEqual(self.phashes(), computed)

    def test_light_command_line(self):
        """Neither command decodes anything: the light `medialib` runs them itself"""
        env = dict(self.env, LD_DEBUG='libs')
        for args in (['similar', str(self.ids['sunset.png'])], ['duplicates']):
            r = subprocess.run([BIN, '--library', self.lib] + args, capture_output=True, text=True,
                               env=env, timeout=60)
            self.assertEqual(r.returncode, 0, r.stderr)
            libraries = {os.path.basename(p) for p in re.findall(r'calling init: (\S+)', r.stderr)}
            self.assertFalse([l for l in libraries if l.startswith(('libgdk_pixbuf', 'libgtk-4', 'libpq'))],
                             libraries)


if __name__ == '__main__':
    unittest.main(verbosity=2)
