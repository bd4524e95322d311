#!/usr/bin/env python3
# test_cli.py — the `medialib` command line, run as a real process on temporary libraries
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import locale
import os
import pwd
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.parse
import urllib.request
import zlib

BIN = os.environ['MEDIALIB_BIN']
ASSET_FIELDS = {'id', 'name', 'kind', 'mime', 'bytes', 'width', 'height', 'animated', 'uri',
                'sha256', 'added', 'added_by', 'source', 'parent', 'tags', 'teams', 'palette', 'alt'}


def png_bytes(width, height, seed):
    """A valid RGB PNG, different for every seed."""
    rows = b''.join(b'\0' + bytes(((x * 7 + y * 3 + seed) % 256) for x in range(width * 3))
                    for y in range(height))

    def chunk(kind, data):
        return (struct.pack('>I', len(data)) + kind + data +
                struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff))

    return (b'\x89PNG\r\n\x1a\n' +
            chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)) +
            chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))


def flat_png_bytes(width, height, color_of):
    """A valid RGB PNG whose pixel (x, y) is color_of(x, y), an (r, g, b) tuple."""
    rows = b''.join(b'\0' + b''.join(bytes(color_of(x, y)) for x in range(width)) for y in range(height))

    def chunk(kind, data):
        return (struct.pack('>I', len(data)) + kind + data +
                struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff))

    return (b'\x89PNG\r\n\x1a\n' +
            chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)) +
            chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))


def gif_bytes(width, height, frames):
    out = b'GIF89a' + struct.pack('<HH', width, height) + b'\x80\0\0' + b'\xff\0\0\0\0\xff'
    for f in range(frames):
        out += b'\x21\xf9\x04\0\x0a\0\0\0'
        out += b'\x2c\0\0\0\0\x01\0\x01\0\0' + bytes([2, 2, 0x44 | ((f % 2) << 3), 1, 0])
    return out + b'\x3b'


def animated_gif_bytes(width, height, delays, loops):
    '''gif_bytes() with a NETSCAPE2.0 loop count and one delay per frame'''
    out = b'GIF89a' + struct.pack('<HH', width, height) + b'\x80\0\0' + b'\xff\0\0\0\0\xff'
    out += b'\x21\xff\x0bNETSCAPE2.0\x03\x01' + struct.pack('<H', loops) + b'\0'
    for f, delay in enumerate(delays):
        out += b'\x21\xf9\x04\x04' + struct.pack('<H', delay) + b'\0\0'
        out += b'\x2c\0\0\0\0\x01\0\x01\0\0' + bytes([2, 2, 0x44 | ((f % 2) << 3), 1, 0])
    return out + b'\x3b'


def gif_structure(data):
    '''(width, height, loop count or None, [(delay, disposal)] per frame) of a GIF'''
    width, height, flags = struct.unpack('<HHB', data[6:11])
    pos = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    loops, frames, control = None, [], (0, 0)

    def skip_blocks(pos):
        while data[pos]:
            pos += data[pos] + 1
        return pos + 1

    while data[pos] != 0x3b:
        if data[pos] == 0x21:
            label, size = data[pos + 1], data[pos + 2]
            if label == 0xf9:
                control = (struct.unpack('<H', data[pos + 4:pos + 6])[0], (data[pos + 3] >> 2) & 7)
            elif label == 0xff and data[pos + 3:pos + 14] == b'NETSCAPE2.0':
                loops = struct.unpack('<H', data[pos + 16:pos + 18])[0]
            pos = skip_blocks(pos + 2)
        elif data[pos] == 0x2c:
            local = data[pos + 9]
            pos += 10 + (3 << ((local & 7) + 1) if local & 0x80 else 0)
            pos = skip_blocks(pos + 1)
            frames.append(control)
            control = (0, 0)
        else:
            raise ValueError('not a GIF block at %d' % pos)
    return width, height, loops, frames


class CliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='medialib-cli-')
        self.lib = os.path.join(self.tmp, 'library')
        self.input = os.path.join(self.tmp, 'input')
        os.mkdir(self.input)
        self.env = dict(os.environ)
        self.env.pop('MEDIALIB_LIBRARY', None)
        self.env['HOME'] = os.path.join(self.tmp, 'home')
        self.env['XDG_DATA_HOME'] = os.path.join(self.tmp, 'home', 'data')
        self.env['XDG_CACHE_HOME'] = os.path.join(self.tmp, 'home', 'cache')
        self.env['XDG_CONFIG_HOME'] = os.path.join(self.tmp, 'home', 'config')

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, name, data):
        path = os.path.join(self.input, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(data)
        return path

    def run_cli(self, *args, library=True, env=None):
        argv = [BIN] + (['--library', self.lib] if library else []) + list(args)
        return subprocess.run(argv, capture_output=True, text=True, env=env or self.env, timeout=60)

    def json_of(self, *args):
        r = self.run_cli('--json', *args)
        self.assertIn(r.returncode, (0, 1), r.stderr)
        return json.loads(r.stdout)

    def test_import_lines_and_exit_status(self):
        self.write('a.png', png_bytes(40, 30, 1))
        self.write('sub/b.gif', gif_bytes(20, 10, 2))
        self.write('notes.png', b'plain text, not an image\n')
        r = self.run_cli('import', '--tag', 'Spring', '--team', 'Growth', self.input)
        self.assertEqual(r.returncode, 1, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(len(lines), 3, r.stdout)
        self.assertRegex(lines[0], r'^added \d+ a\.png$')
        self.assertTrue(lines[1].startswith('rejected ' + os.path.join(self.input, 'notes.png') + ': '))
        self.assertIn('text', lines[1])
        self.assertRegex(lines[2], r'^added \d+ b\.gif$')

        # The same bytes again: duplicates of the same ids, exit 0
        r2 = self.run_cli('import', os.path.join(self.input, 'a.png'))
        self.assertEqual(r2.returncode, 0, r2.stderr)
        self.assertEqual(r2.stdout.split()[:2], ['duplicate', lines[0].split()[1]])

    def test_import_json(self):
        a = self.write('a.png', png_bytes(10, 10, 2))
        bad = self.write('b.png', b'RIFF\x24\0\0\0WEBPVP8 ')
        r = self.run_cli('--json', 'import', a, bad, os.path.join(self.input, 'missing.gif'))
        self.assertEqual(r.returncode, 1)
        results = json.loads(r.stdout)
        self.assertEqual([set(x) for x in results], [{'path', 'status', 'id', 'reason'}] * 3)
        self.assertEqual([x['status'] for x in results], ['added', 'rejected', 'rejected'])
        self.assertIsInstance(results[0]['id'], int)
        self.assertIsNone(results[0]['reason'])
        self.assertIsNone(results[1]['id'])
        self.assertEqual(results[1]['reason'], 'WebP images are not supported; use PNG, JPEG or GIF')
        self.assertEqual(results[1]['path'], bad)
        # Errors go to stderr, one line each, naming the file
        err = [l for l in r.stderr.splitlines() if l.strip()]
        self.assertEqual(len(err), 2, r.stderr)
        self.assertIn(bad, err[0])

    def test_folder_limit(self):
        for i in range(55):
            self.write('many/img-%02d.png' % i, png_bytes(4, 4, i))
        self.write('many/.hidden.png', png_bytes(4, 4, 200))
        os.symlink(os.path.join(self.input, 'many'), os.path.join(self.input, 'many', 'loop'))
        results = self.json_of('import', os.path.join(self.input, 'many'))
        self.assertEqual(len(results), 55)
        self.assertEqual(sum(x['status'] == 'added' for x in results), 50)
        skipped = [x for x in results if x['status'] == 'skipped']
        self.assertEqual([os.path.basename(x['path']) for x in skipped],
                         ['img-%02d.png' % i for i in range(50, 55)])
        self.assertTrue(all('50' in x['reason'] for x in skipped))

    def test_list_and_info_json(self):
        self.write('Été banner.png', png_bytes(60, 30, 3))
        self.write('anim.gif', gif_bytes(8, 8, 3))
        self.run_cli('import', '--tag', 'Summer', self.input)
        assets = self.json_of('list')
        self.assertEqual(len(assets), 2)
        for a in assets:
            self.assertEqual(set(a), ASSET_FIELDS)
            self.assertEqual(a['kind'], 'image')
            self.assertEqual(a['source'], 'upload')
            self.assertIsNone(a['parent'])
            self.assertRegex(a['added'], r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$')
            self.assertRegex(a['sha256'], r'^[0-9a-f]{64}$')
            self.assertTrue(a['uri'].startswith('file://'))
            path = a['uri'][len('file://'):]
            self.assertTrue(path.startswith(self.lib), path)
            self.assertEqual(os.path.getsize(path), a['bytes'])
            self.assertEqual(a['tags'], ['Summer'])
        by_name = {a['name']: a for a in assets}
        self.assertEqual((by_name['Été banner.png']['width'], by_name['Été banner.png']['height']), (60, 30))
        self.assertEqual(by_name['Été banner.png']['mime'], 'image/png')
        self.assertTrue(by_name['anim.gif']['animated'])
        self.assertFalse(by_name['Été banner.png']['animated'])

        info = self.json_of('info', str(by_name['anim.gif']['id']))
        self.assertEqual(info, by_name['anim.gif'])

        r = self.run_cli('info', str(by_name['anim.gif']['id']))
        self.assertEqual(r.returncode, 0)
        self.assertIn('8 × 8', r.stdout)
        self.assertIn('animated:  yes', r.stdout)

    def test_info_says_who_added(self):
        # The member's name: MEDIALIB_MEMBER_NAME, else the account's real or login name
        self.write('by-amelie.png', png_bytes(12, 12, 7))
        self.write('by-default.png', png_bytes(13, 13, 8))
        r = self.run_cli('import', os.path.join(self.input, 'by-amelie.png'),
                         env=dict(self.env, MEDIALIB_MEMBER_NAME='Amélie Martin'))
        self.assertEqual(r.returncode, 0, r.stderr)
        amelie = r.stdout.split()[1]
        r = self.run_cli('import', os.path.join(self.input, 'by-default.png'))
        self.assertEqual(r.returncode, 0, r.stderr)
        default = r.stdout.split()[1]

        info = self.json_of('info', amelie)
        self.assertEqual(info['added_by'], 'Amélie Martin')
        self.assertRegex(info['added'], r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$')
        entry = pwd.getpwuid(os.getuid())
        real = entry.pw_gecos.split(',')[0]
        self.assertEqual(self.json_of('info', default)['added_by'],
                         real if real and real != 'Unknown' else entry.pw_name)
        r = self.run_cli('info', amelie)
        self.assertIn('added by:  Amélie Martin\n', r.stdout)

    def test_search_filters_sort(self):
        self.write('spring-sale.png', png_bytes(10, 10, 4))
        self.write('summer-hero.png', png_bytes(30, 30, 5))
        self.write('autumn.png', png_bytes(20, 20, 6))
        self.run_cli('import', '--tag', 'Sale', '--team', 'Growth', os.path.join(self.input, 'spring-sale.png'))
        self.run_cli('import', '--tag', 'Hero', '--team', 'Brand', os.path.join(self.input, 'summer-hero.png'))
        self.run_cli('import', '--tag', 'sale', '--team', 'Brand', os.path.join(self.input, 'autumn.png'))

        def names(*args):
            return [a['name'] for a in self.json_of('list', *args)]

        self.assertEqual(names('--query', 'SPR'), ['spring-sale.png'])
        self.assertEqual(names('--query', 'sal', '--sort', 'name'), ['autumn.png', 'spring-sale.png'])
        self.assertEqual(names('--tag', 'SALE', '--sort', 'name'), ['autumn.png', 'spring-sale.png'])
        self.assertEqual(names('--tag', 'sale', '--team', 'brand'), ['autumn.png'])
        self.assertEqual(names('--sort', 'size')[0], 'summer-hero.png')
        self.assertEqual(names('--sort', 'added'), ['autumn.png', 'summer-hero.png', 'spring-sale.png'])
        self.assertEqual(names('--kind', 'contact'), [])
        self.assertEqual(names('--query', 'nothing'), [])

        tags = self.json_of('tags')
        self.assertEqual(tags, [{'name': 'Hero', 'count': 1}, {'name': 'Sale', 'count': 2}])
        teams = self.json_of('teams')
        self.assertEqual(teams, [{'name': 'Brand', 'count': 2}, {'name': 'Growth', 'count': 1}])
        r = self.run_cli('tags')
        self.assertEqual(r.stdout, 'Hero\t1\nSale\t2\n')

    def test_collections(self):
        self.write('logo-red.png', png_bytes(10, 10, 41))
        self.write('logo-blue.png', png_bytes(30, 30, 42))
        self.write('hero.png', png_bytes(20, 20, 43))
        self.run_cli('import', '--tag', 'Logo', '--team', 'Brand',
                     os.path.join(self.input, 'logo-red.png'), os.path.join(self.input, 'logo-blue.png'))
        self.run_cli('import', '--team', 'Brand', os.path.join(self.input, 'hero.png'))

        def names(*args):
            return [a['name'] for a in self.json_of('list', *args)]

        self.assertEqual(self.json_of('collections'), [])
        saved = self.json_of('collection', 'save', 'Logos', '--tag', 'logo', '--sort', 'name')
        self.assertEqual(saved, {'name': 'Logos', 'filters': {'tags': ['logo'], 'sort': 'name'}, 'count': 2})
        r = self.run_cli('collection', 'save', ' Brand by size ', '--team', 'Brand', '--sort', 'size')
        self.assertEqual((r.returncode, r.stdout), (0, 'Brand by size\t3\t{"teams":["Brand"],"sort":"size"}\n'), r.stderr)

        self.assertEqual(self.json_of('collections'), [
            {'name': 'Brand by size', 'filters': {'teams': ['Brand'], 'sort': 'size'}, 'count': 3},
            {'name': 'Logos', 'filters': {'tags': ['logo'], 'sort': 'name'}, 'count': 2}])
        self.assertEqual(self.run_cli('collections').stdout,
                         'Brand by size\t3\t{"teams":["Brand"],"sort":"size"}\n'
                         'Logos\t2\t{"tags":["logo"],"sort":"name"}\n')

        # list --collection, in the collection's order, narrowed by more filters
        self.assertEqual(names('--collection', 'logos'), ['logo-blue.png', 'logo-red.png'])
        self.assertEqual(names('--collection', 'LOGOS', '--query', 'red'), ['logo-red.png'])
        self.assertEqual(names('--collection', 'Brand by size'), ['logo-blue.png', 'hero.png', 'logo-red.png'])
        self.assertEqual(names('--collection', 'Brand by size', '--sort', 'name'),
                         ['hero.png', 'logo-blue.png', 'logo-red.png'])
        self.assertEqual(names('--collection', 'Brand by size', '--tag', 'Logo'), ['logo-blue.png', 'logo-red.png'])

        # The counts are live; saving a name again (in any case) replaces it
        self.run_cli('edit', str(self.json_of('list', '--query', 'hero')[0]['id']), '--add-tag', 'Logo')
        self.assertEqual([c['count'] for c in self.json_of('collections')], [3, 3])
        self.json_of('collection', 'save', 'logos', '--query', 'blue')
        self.assertEqual(self.json_of('collections')[1], {'name': 'logos', 'filters': {'text': 'blue'}, 'count': 1})

        r = self.run_cli('collection', 'delete', 'LOGOS')
        self.assertEqual((r.returncode, r.stdout, r.stderr), (0, '', ''))
        self.assertEqual([c['name'] for c in self.json_of('collections')], ['Brand by size'])

        # Errors: an unknown collection (1), no name or an empty one (2)
        for args in (['list', '--collection', 'Nope'], ['collection', 'delete', 'Logos']):
            r = self.run_cli(*args)
            self.assertEqual((r.returncode, r.stdout), (1, ''), args)
            self.assertIn('There is no collection', r.stderr)
        for args in (['collection', 'save'], ['collection', 'save', '  '], ['collection'],
                     ['collection', 'rename', 'x'], ['collection', 'delete'],
                     ['collection', 'save', 'X', '--kind', 'video'], ['collections', 'extra']):
            r = self.run_cli(*args)
            self.assertEqual((r.returncode, r.stdout), (2, ''), (args, r.stderr))
            self.assertTrue(r.stderr.startswith('medialib: '), (args, r.stderr))
        self.assertIn('needs a name', self.run_cli('collection', 'save', '  ').stderr)

    def test_color_filter(self):
        self.write('red.png', flat_png_bytes(40, 30, lambda x, y: (255, 0, 0)))
        self.write('blue.png', flat_png_bytes(40, 30, lambda x, y: (0, 0, 255)))
        self.write('mixed.png', flat_png_bytes(40, 30, lambda x, y: (230, 20, 10) if x < 24 else (20, 20, 220)))
        self.write('ann.vcf', b'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann Red\r\nEND:VCARD\r\n')
        self.run_cli('import', '--tag', 'Flat', self.input)
        by_name = {a['name']: a for a in self.json_of('list')}

        # The palette, largest share first; a contact card has none
        self.assertEqual(by_name['red.png']['palette'], [{'color': '#ff0000', 'share': 1.0}])
        mixed = by_name['mixed.png']['palette']
        self.assertEqual([c['color'] for c in mixed], ['#e6140a', '#1414dc'])
        self.assertAlmostEqual(mixed[0]['share'], 0.6, delta=0.02)
        self.assertEqual(by_name['ann.vcf']['palette'], [])

        def names(*args):
            return [a['name'] for a in self.json_of('list', *args)]

        # Nearest first; the blue one is far from red
        self.assertEqual(names('--color', '#FF0000'), ['red.png', 'mixed.png'])
        self.assertEqual(names('--color', '#0000ff'), ['blue.png', 'mixed.png'])
        self.assertEqual(names('--color', '1414dc'), ['mixed.png', 'blue.png'])
        self.assertEqual(names('--color', '#ff0000', '--color-distance', '1'), ['red.png'])
        self.assertEqual(sorted(names('--color', '#000000', '--color-distance', '100')),
                         ['blue.png', 'mixed.png', 'red.png'])
        # With the other filters
        self.assertEqual(names('--color', '#ff0000', '--query', 'mix'), ['mixed.png'])
        self.assertEqual(names('--color', '#ff0000', '--tag', 'Flat', '--kind', 'image'), ['red.png', 'mixed.png'])
        self.assertEqual(names('--color', '#ff0000', '--kind', 'contact'), [])
        self.assertEqual(names('--color', '#00ff00'), [])

        r = self.run_cli('info', str(by_name['mixed.png']['id']))
        self.assertIn('palette:   #e6140a 60%, #1414dc 40%', r.stdout)

        # A library older than palettes: a colour search computes the palettes it lacks first
        import sqlite3
        db = sqlite3.connect(os.path.join(self.lib, 'library.db'))
        db.execute("UPDATE assets SET palette = NULL WHERE kind = 'image'")
        db.commit()
        self.assertEqual(names('--color', '#FF0000'), ['red.png', 'mixed.png'])
        self.assertEqual(db.execute("SELECT count(*) FROM assets WHERE palette IS NULL").fetchone()[0], 0)
        db.close()

        for args, message in ((['--color', 'red'], '--color is a colour written “#RRGGBB”, not “red”'),
                              (['--color', '#ff00'], 'not “#ff00”'),
                              (['--color', '#ff0000', '--color-distance', 'near'], '--color-distance is a number'),
                              (['--color', '#ff0000', '--color-distance', '-1'], '--color-distance is a number'),
                              (['--color-distance', '3'], '--color-distance goes with --color')):
            r = self.run_cli('list', *args)
            self.assertEqual(r.returncode, 2, (args, r.stderr))
            self.assertIn(message, r.stderr)
            self.assertEqual(r.stdout, '')

    def test_edit_and_delete(self):
        self.write('x.png', png_bytes(10, 10, 7))
        self.write('y.png', png_bytes(10, 10, 8))
        ids = [x['id'] for x in self.json_of('import', '--tag', 'Old', self.input)]

        r = self.run_cli('edit', *map(str, ids), '--add-tag', 'New', '--remove-tag', 'old',
                         '--add-team', 'Design')
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(len(r.stdout.splitlines()), 2)
        for i in ids:
            a = self.json_of('info', str(i))
            self.assertEqual(a['tags'], ['New'])
            self.assertEqual(a['teams'], ['Design'])

        r = self.run_cli('edit', str(ids[0]), '--rename', 'hero.png')
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.json_of('info', str(ids[0]))['name'], 'hero.png')

        r = self.run_cli('edit', str(ids[0]), '--add-tag', 'x' * 65)
        self.assertEqual(r.returncode, 2)
        self.assertIn('64', r.stderr)

        r = self.run_cli('edit', '999', '--add-tag', 'A')
        self.assertEqual(r.returncode, 1)
        self.assertIn('999', r.stderr)

        path = self.json_of('info', str(ids[0]))['uri'][len('file://'):]
        self.assertTrue(os.path.exists(path))
        r = self.run_cli('delete', str(ids[0]), '12345')
        self.assertEqual(r.returncode, 1)
        self.assertRegex(r.stdout, r'^deleted %d hero\.png\n$' % ids[0])
        self.assertIn('12345', r.stderr)
        self.assertFalse(os.path.exists(path))
        self.assertEqual([a['id'] for a in self.json_of('list')], [ids[1]])
        self.assertEqual(os.path.getsize(os.path.join(self.input, 'x.png')), len(png_bytes(10, 10, 7)))

    def test_alt_text(self):
        self.write('x.png', png_bytes(10, 10, 11))
        self.write('y.png', png_bytes(10, 10, 12))
        ids = [x['id'] for x in self.json_of('import', self.input)]
        self.assertEqual([self.json_of('info', str(i))['alt'] for i in ids], [None, None])

        # Set on several assets at once, as JSON; in `info`; found by search, accents folded
        r = self.run_cli('--json', 'edit', *map(str, ids), '--alt', 'Un vélo rouge sous la pluie')
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual([a['alt'] for a in json.loads(r.stdout)], ['Un vélo rouge sous la pluie'] * 2)
        self.assertIn('alt:       Un vélo rouge sous la pluie\n', self.run_cli('info', str(ids[0])).stdout)
        self.assertEqual(sorted(a['id'] for a in self.json_of('list', '--query', 'velo pluie')), sorted(ids))

        # '' removes it (null in JSON, no line in info); so is the search's match
        r = self.run_cli('edit', str(ids[0]), '--alt', '')
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIsNone(self.json_of('info', str(ids[0]))['alt'])
        self.assertNotIn('alt:', self.run_cli('info', str(ids[0])).stdout)
        self.assertEqual([a['id'] for a in self.json_of('list', '--query', 'velo')], [ids[1]])

        # 1,000 characters are allowed, 1,001 are a usage error that changes nothing
        r = self.run_cli('edit', str(ids[0]), '--alt', 'é' * 1000)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = self.run_cli('edit', str(ids[1]), '--alt', 'a' * 1001)
        self.assertEqual(r.returncode, 2)
        self.assertIn('1001', r.stderr)
        self.assertIn('1000', r.stderr)
        self.assertEqual(self.json_of('info', str(ids[1]))['alt'], 'Un vélo rouge sous la pluie')
        self.assertEqual(len(self.json_of('info', str(ids[0]))['alt']), 1000)

    def test_contacts(self):
        self.write('team.vcf', 'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nORG:Example Corp;Design\r\n'
                   'EMAIL:jane@example.com\r\nTEL:+1 555 0100\r\nEND:VCARD\r\n'
                   'BEGIN:VCARD\r\nVERSION:2.1\r\nN:Roe;John\r\nEMAIL;INTERNET:john@example.com\r\nEND:VCARD\r\n'.encode())
        self.write('card.png', b'BEGIN:VCARD\nVERSION:4.0\nFN:Typed by content\nEND:VCARD\n')
        self.write('broken.vcf', b'BEGIN:VCARD\nVERSION:3.0\nFN:Half a card\n')
        results = self.json_of('import', self.input)
        by_name = {os.path.basename(r['path']): r for r in results}
        self.assertEqual(by_name['team.vcf']['status'], 'added')
        self.assertEqual(by_name['card.png']['status'], 'added')
        self.assertEqual(by_name['broken.vcf']['status'], 'rejected')
        self.assertIn('END:VCARD', by_name['broken.vcf']['reason'])

        asset = self.json_of('info', str(by_name['team.vcf']['id']))
        self.assertEqual(set(asset), ASSET_FIELDS | {'contact'})
        self.assertEqual((asset['kind'], asset['mime']), ('contact', 'text/vcard'))
        self.assertEqual((asset['width'], asset['height']), (None, None))
        self.assertEqual(asset['contact'], {'name': 'Jane Doe', 'org': 'Example Corp, Design',
                                            'emails': ['jane@example.com', 'john@example.com'],
                                            'phones': ['+1 555 0100'], 'cards': 2, 'has_photo': False})
        self.assertEqual(self.json_of('info', str(by_name['card.png']['id']))['mime'], 'text/vcard')
        self.assertEqual([a['name'] for a in self.json_of('list', '--query', 'roe')], ['team.vcf'])
        self.assertEqual(len(self.json_of('list', '--kind', 'contact')), 2)
        self.assertEqual(self.json_of('list', '--kind', 'image'), [])

    def test_usage_errors(self):
        for args in (['bogus'], ['list', '--sort', 'color'], ['list', '--kind', 'video'],
                     ['import'], ['info', 'abc'], ['info'], ['delete', '0'], ['edit', '1'],
                     ['list', '--frobnicate'], ['--frobnicate', 'list']):
            r = self.run_cli(*args)
            self.assertEqual(r.returncode, 2, (args, r.stdout, r.stderr))
            self.assertTrue(r.stderr.startswith('medialib: '), (args, r.stderr))
            self.assertEqual(r.stdout, '', args)

        r = self.run_cli('info', '7')
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr.strip(), 'medialib: 7: There is no asset with id 7')

        r = self.run_cli('--help')
        self.assertEqual(r.returncode, 0)
        for word in ('import', 'list', 'info', 'edit', 'tags', 'teams', 'delete', '--library', '--json'):
            self.assertIn(word, r.stdout)

    def test_library_from_environment_touches_nothing_else(self):
        self.write('a.png', png_bytes(5, 5, 9))
        env = dict(self.env, MEDIALIB_LIBRARY=self.lib)
        r = self.run_cli('import', self.input, library=False, env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(os.path.exists(os.path.join(self.lib, 'library.db')))
        self.assertFalse(os.path.exists(self.env['HOME']), 'something was written outside the library')
        r = self.run_cli('list', library=False, env=env)
        self.assertEqual(len(r.stdout.splitlines()), 1)

    def test_crop(self):
        self.write('banner.png', png_bytes(1000, 800, 11))
        self.write('anim.gif', gif_bytes(120, 80, 3))
        ids = {x['path'].rsplit('/', 1)[1]: x['id']
               for x in self.json_of('import', '--tag', 'Launch', '--team', 'Brand', self.input)}

        r = self.run_cli('--json', 'crop', str(ids['banner.png']), '--preset', 'android-expanded')
        self.assertEqual(r.returncode, 0, r.stderr)
        crop = json.loads(r.stdout)
        self.assertEqual(set(crop), ASSET_FIELDS)
        self.assertEqual((crop['width'], crop['height']), (1000, 500))
        self.assertEqual(crop['name'], 'banner (Expanded notification).png')
        self.assertEqual((crop['source'], crop['parent']), ('crop', ids['banner.png']))
        self.assertEqual((crop['tags'], crop['teams']), (['Launch'], ['Brand']))
        self.assertEqual(crop['mime'], 'image/png')

        r = self.run_cli('crop', str(ids['banner.png']), '--preset', 'content-card-classic',
                         '--rect', '100,100,300,300')
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, r'^added \d+ banner \(Classic\)\.png\n$')
        self.assertIn('scaled down', r.stderr)
        new_id = int(r.stdout.split()[1])
        self.assertEqual((self.json_of('info', str(new_id))['width'],
                          self.json_of('info', str(new_id))['height']), (60, 60))

        r = self.run_cli('--json', 'crop', str(ids['anim.gif']), '--preset', 'android-inline')
        self.assertEqual(r.returncode, 0, r.stderr)
        gif_crop = json.loads(r.stdout)
        self.assertEqual(gif_crop['mime'], 'image/png')
        self.assertEqual((gif_crop['width'], gif_crop['height']), (120, 80))
        self.assertIn('GIF', r.stderr)

        # An animated GIF for a channel that shows GIFs stays one: every frame, its delay
        # and disposal, the loop count
        self.write('spinner.gif', animated_gif_bytes(120, 80, [10, 25, 40], 3))
        spinner = self.json_of('import', os.path.join(self.input, 'spinner.gif'))[0]['id']
        r = self.run_cli('--json', 'crop', str(spinner), '--preset', 'slideup-image-text',
                         '--rect', '0,0,80,80')
        self.assertEqual(r.returncode, 0, r.stderr)
        gif_crop = json.loads(r.stdout)
        self.assertEqual((gif_crop['mime'], gif_crop['animated']), ('image/gif', True))
        self.assertEqual((gif_crop['width'], gif_crop['height']), (80, 80))
        self.assertEqual(gif_crop['name'], 'spinner (Image and text).gif')
        with open(urllib.parse.unquote(urllib.parse.urlparse(gif_crop['uri']).path), 'rb') as f:
            self.assertEqual(gif_structure(f.read()), (80, 80, 3, [(10, 1), (25, 1), (40, 1)]))

        before = len(self.json_of('list'))
        for args, code, words in (
                (['--rect', '900,0,200,100'], 1, 'not inside'),
                (['--rect', '0,0,100,100'], 1, '2:1'),
                (['--rect', 'a,b'], 2, 'X,Y'),
        ):
            r = self.run_cli('crop', str(ids['banner.png']), '--preset', 'android-expanded', *args)
            self.assertEqual(r.returncode, code, (args, r.stderr))
            self.assertIn(words, r.stderr)
        r = self.run_cli('crop', str(ids['banner.png']), '--preset', 'nope')
        self.assertEqual(r.returncode, 2)
        r = self.run_cli('crop', '999', '--preset', 'free', '--rect', '0,0,1,1')
        self.assertEqual(r.returncode, 1)
        self.assertEqual(len(self.json_of('list')), before)


class ExecutablesTest(unittest.TestCase):
    """`medialib` is light (src/main-cli.c): it runs a local library's commands without
    loading GTK or the core's team half, and execv()s medialib-cli-full or medialib-app
    (same arguments, same pid) for the rest."""

    HEAVY = ('libgtk-4', 'libadwaita', 'libpq', 'libsoup', 'libsecret', 'libgdk_pixbuf')

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='medialib-exec-')
        self.lib = os.path.join(self.tmp, 'library')
        self.env = dict(os.environ)
        self.env.pop('MEDIALIB_LIBRARY', None)
        self.env['HOME'] = os.path.join(self.tmp, 'home')
        self.env['XDG_DATA_HOME'] = os.path.join(self.tmp, 'home', 'data')
        self.env['XDG_CONFIG_HOME'] = os.path.join(self.tmp, 'home', 'config')

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def loaded(self, *args, env=None):
        """Runs medialib with LD_DEBUG=libs: its result, the libraries the dynamic loader
        initialized, and the pids that printed them"""
        env = dict(env or self.env, LD_DEBUG='libs')
        proc = subprocess.Popen([BIN] + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=env)
        out, err = proc.communicate(timeout=60)
        inits = re.findall(r'^\s*(\d+):\s*calling init: (\S+)', err, re.M)
        libraries = {os.path.basename(path) for _, path in inits}
        pids = {int(pid) for pid, _ in inits}
        message = '\n'.join(l for l in err.splitlines() if not re.match(r'^\s*\d+:', l))
        return proc, out, message, libraries, pids

    def assert_light(self, libraries):
        self.assertTrue(any(l.startswith('libsqlite3') for l in libraries), libraries)
        heavy = sorted(l for l in libraries if l.startswith(self.HEAVY))
        self.assertEqual(heavy, [], 'the light command line loaded these')

    def test_local_commands_load_neither_gtk_nor_the_team_half(self):
        r = subprocess.run([BIN, '--library', self.lib, 'list'], capture_output=True, text=True,
                           env=self.env, timeout=60)
        self.assertEqual((r.returncode, r.stdout), (0, ''), r.stderr)

        for args in (['--library', self.lib, 'list'], ['--library', self.lib, '--json', 'tags'],
                     ['--version'], ['--help']):
            proc, out, err, libraries, pids = self.loaded(*args)
            self.assertEqual(proc.returncode, 0, err)
            self.assert_light(libraries)
            self.assertEqual(pids, {proc.pid})

    def test_list_loads_neither_gio_nor_json_glib_until_it_writes_json(self):
        # src/cli/medialib-cli-lazy.c: the loader's binding of GIO (and libmount, libblkid,
        # libselinux) and json-glib is a third of a command's start-up
        proc, out, err, libraries, pids = self.loaded('--library', self.lib, 'list')
        self.assertEqual((proc.returncode, out), (0, ''), err)
        self.assert_light(libraries)
        lazy = sorted(l for l in libraries if l.startswith(('libgio-2.0', 'libjson-glib', 'libmount')))
        self.assertEqual(lazy, [], 'medialib list loaded these')

        # --json loads json-glib, and GIO with it, when the command writes its answer
        proc, out, err, libraries, pids = self.loaded('--library', self.lib, '--json', 'list')
        self.assertEqual((proc.returncode, json.loads(out)), (0, []), err)
        self.assertTrue(any(l.startswith('libjson-glib') for l in libraries), libraries)
        self.assert_light(libraries)
        self.assertEqual(pids, {proc.pid})

        # An error in GIO's domain, as before
        path = os.path.join(self.tmp, 'file')
        with open(path, 'w') as f:
            f.write('not a library')
        proc, out, err, libraries, pids = self.loaded('--library', path, 'list')
        self.assertEqual(proc.returncode, 1, err)
        self.assertTrue(err.startswith('medialib: '), err)

    def test_a_team_library_goes_to_the_full_command_line_in_the_same_process(self):
        os.makedirs(self.lib)
        with open(os.path.join(self.lib, 'team.ini'), 'w') as f:
            f.write('[team]\ndatabase=host=127.0.0.1 dbname=medialib\n')

        proc, out, err, libraries, pids = self.loaded('--library', self.lib, 'list')
        # The team half read team.ini (the light one has no team backend at all)
        self.assertEqual(proc.returncode, 1, err)
        self.assertIn('team.ini names no S3 endpoint', err)
        self.assertTrue(any(l.startswith('libpq') for l in libraries), libraries)
        self.assertFalse(any(l.startswith('libgtk-4') for l in libraries), libraries)
        self.assertEqual(pids, {proc.pid})

    def test_import_and_crop_decode_in_the_full_command_line(self):
        # They decode images (GdkPixbuf), which the light one does not load
        path = os.path.join(self.tmp, 'wide.png')
        with open(path, 'wb') as f:
            f.write(png_bytes(200, 100, 5))

        proc, out, err, libraries, pids = self.loaded('--library', self.lib, '--json', 'import', path)
        self.assertEqual(proc.returncode, 0, err)
        [result] = json.loads(out)
        self.assertEqual(result['status'], 'added')
        self.assertTrue(any(l.startswith('libgdk_pixbuf') for l in libraries), libraries)
        self.assertEqual(pids, {proc.pid})

        proc, out, err, libraries, pids = self.loaded('--library', self.lib, '--json', 'crop',
                                                      str(result['id']), '--preset', 'content-card-classic')
        self.assertEqual(proc.returncode, 0, err)
        crop = json.loads(out)
        self.assertEqual((crop['parent'], crop['width']), (result['id'], crop['height']))
        self.assertTrue(any(l.startswith('libgdk_pixbuf') for l in libraries), libraries)
        self.assertEqual(pids, {proc.pid})

        # Listing what they added stays light
        proc, out, err, libraries, pids = self.loaded('--library', self.lib, '--json', 'list')
        self.assertEqual((proc.returncode, len(json.loads(out))), (0, 2), err)
        self.assert_light(libraries)

        # So do an asset's history and a revert, which decode nothing
        proc, out, err, libraries, pids = self.loaded('--library', self.lib, '--json', 'history',
                                                      str(result['id']))
        self.assertEqual((proc.returncode, len(json.loads(out))), (0, 1), err)
        self.assert_light(libraries)
        proc, out, err, libraries, pids = self.loaded('--library', self.lib, 'revert', str(result['id']),
                                                      '--version', '1')
        self.assertEqual(proc.returncode, 1, err)
        self.assert_light(libraries)

    def test_generate_and_quota_go_to_the_full_command_line(self):
        proc, out, err, libraries, pids = self.loaded('--library', self.lib, '--json', 'quota')
        self.assertEqual(proc.returncode, 0, err)
        self.assertEqual(json.loads(out)['limit'], 10)
        self.assertTrue(any(l.startswith('libsoup') for l in libraries), libraries)
        self.assertEqual(pids, {proc.pid})

    def test_the_window_goes_to_the_app_named_medialib(self):
        # An option of the app's own: GApplication answers it before any window
        proc, out, err, libraries, pids = self.loaded('--library', self.lib, '--help-all')
        self.assertEqual(proc.returncode, 0, err)
        self.assertIn('\n  medialib [OPTION', out)
        self.assertTrue(any(l.startswith('libgtk-4') for l in libraries), libraries)
        self.assertEqual(pids, {proc.pid})

    def test_a_missing_sibling_is_said(self):
        env = dict(self.env, MEDIALIB_LIBEXECDIR=os.path.join(self.tmp, 'nowhere'))
        r = subprocess.run([BIN, '--library', self.lib, 'quota'], capture_output=True, text=True,
                           env=env, timeout=60)
        self.assertEqual(r.returncode, 1)
        self.assertIn(os.path.join(self.tmp, 'nowhere', 'medialib-cli-full') + ' cannot run', r.stderr)


def has_locale(name):
    try:
        old = locale.setlocale(locale.LC_MESSAGES)
        locale.setlocale(locale.LC_MESSAGES, name)
        locale.setlocale(locale.LC_MESSAGES, old)
        return True
    except locale.Error:
        return False


@unittest.skipUnless(has_locale('fr_FR.UTF-8'), 'the fr_FR.UTF-8 locale is not installed')
class FrenchTest(unittest.TestCase):
    """The command line speaks French from the build tree, with the catalogue the build compiled
    (MEDIALIB_LOCALEDIR), without being installed."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='medialib-fr-')
        self.lib = os.path.join(self.tmp, 'library')
        self.env = dict(os.environ, LANGUAGE='fr', LC_ALL='fr_FR.UTF-8', HOME=os.path.join(self.tmp, 'home'))
        self.env.pop('MEDIALIB_LIBRARY', None)
        self.assertTrue(os.path.isfile(os.path.join(self.env['MEDIALIB_LOCALEDIR'], 'fr', 'LC_MESSAGES',
                                                    'medialib.mo')), 'the build has no French catalogue')

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def run_cli(self, *args, env=None):
        return subprocess.run([BIN, '--library', self.lib, *args], capture_output=True, text=True,
                              env=env or self.env, timeout=60)

    def test_errors_in_french(self):
        r = self.run_cli('info', '7')
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stderr.strip(), 'medialib: 7: Il n’y a aucune ressource d’identifiant 7')

        r = self.run_cli('bogus')
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stderr.splitlines(), ['medialib: commande inconnue « bogus »',
                                                 'Lancez « medialib --help » pour voir les commandes.'])

        notes = os.path.join(self.tmp, 'notes.png')
        with open(notes, 'w') as f:
            f.write('These are notes, not an image.\n')
        r = self.run_cli('--json', 'import', notes)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(json.loads(r.stdout)[0]['reason'],
                         'c’est un fichier texte, pas une image ; utilisez PNG, JPEG ou GIF')

    def test_catalogue_from_the_build(self):
        # Without the build's catalogue the same binary has no French to speak: the French
        # above comes from MEDIALIB_LOCALEDIR, not from an installed copy
        empty = os.path.join(self.tmp, 'no-catalogues')
        os.mkdir(empty)
        r = self.run_cli('info', '7', env=dict(self.env, MEDIALIB_LOCALEDIR=empty))
        self.assertEqual(r.stderr.strip(), 'medialib: 7: There is no asset with id 7')


class GenerateTest(unittest.TestCase):
    """`medialib generate` and `quota` against the stand-in server, as a separate process."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='medialib-gen-')
        self.lib = os.path.join(self.tmp, 'library')
        self.standin = subprocess.Popen([os.environ['MEDIALIB_AI_STANDIN']], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True,
                                        env=dict(os.environ, STANDIN_KEY='sk-test'))
        self.url = self.standin.stdout.readline().strip()
        self.env = dict(os.environ, MEDIALIB_AI_BASE_URL=self.url, MEDIALIB_AI_MODEL='dall-e-2',
                        MEDIALIB_AI_API_KEY='sk-test', MEDIALIB_AI_TIMEOUT='20',
                        HOME=os.path.join(self.tmp, 'home'))

    def tearDown(self):
        stats = json.loads(urllib.request.urlopen(self.url.rsplit('/v1', 1)[0] + '/stats').read())
        self.standin.stdin.close()
        self.standin.wait(10)
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.assertEqual(stats['violations'], 0, 'a request broke the API contract')

    def run_cli(self, *args, env=None):
        return subprocess.run([BIN, '--library', self.lib, *args], capture_output=True, text=True,
                              env=env or self.env, timeout=60)

    def quota(self):
        r = self.run_cli('--json', 'quota')
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout)

    def test_generate_and_add(self):
        r = self.run_cli('generate', '--prompt', 'A red bicycle in the rain')
        self.assertEqual(r.returncode, 0, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual([l.split()[:2] for l in lines], [['variant', str(i)] for i in range(1, 5)])
        for line in lines:
            self.assertTrue(os.path.isfile(line.split(' ', 2)[2]))
        self.assertEqual(self.quota()['used'], 1)

        r = self.run_cli('--json', 'generate', '--prompt', 'Un vélo rouge sous la pluie', '--add', '1,3')
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertEqual(set(out), {'generation', 'variants', 'added', 'quota'})
        self.assertEqual([v['index'] for v in out['variants']], [1, 2, 3, 4])
        self.assertEqual({(v['width'], v['height']) for v in out['variants']}, {(128, 128)})
        self.assertEqual(len(out['added']), 2)
        self.assertEqual({a['source'] for a in out['added']}, {'ai'})
        self.assertTrue(out['added'][0]['name'].startswith('Un vélo rouge sous la pluie'))
        self.assertEqual(out['quota'], {'used': 2, 'limit': 10})

        listed = json.loads(self.run_cli('--json', 'list').stdout)
        self.assertEqual(len(listed), 2)

        q = self.quota()
        self.assertEqual((q['used'], q['limit']), (2, 10))
        self.assertRegex(q['resets'], r'^\d{4}-\d\d-\d\dT00:00:00')

    def test_streaming_model(self):
        env = dict(self.env, MEDIALIB_AI_MODEL='gpt-image-1-mini')
        r = self.run_cli('generate', '--prompt', 'a lighthouse', '--add', 'all', env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(sum(l.startswith('added ') for l in r.stdout.splitlines()), 4)

    def test_errors_count_nothing(self):
        for prompt, words in (('x [500]', 'HTTP 500'), ('x [policy]', 'safety'), ('x [few]', '3 images'),
                              ('x [notimage]', 'Variant 1')):
            r = self.run_cli('generate', '--prompt', prompt, '--add', 'all')
            self.assertEqual(r.returncode, 1, prompt)
            self.assertIn(words, r.stderr)
            self.assertEqual(r.stdout, '')
        r = self.run_cli('generate', '--prompt', 'x', env=dict(self.env, MEDIALIB_AI_API_KEY='wrong'))
        self.assertEqual(r.returncode, 1)
        self.assertIn('API key', r.stderr)
        self.assertEqual(self.quota()['used'], 0)
        self.assertEqual(json.loads(self.run_cli('--json', 'list').stdout), [])

    def test_usage(self):
        for args in (['generate'], ['generate', '--prompt', 'é' * 301], ['generate', '--prompt', 'x', '--add', '5'],
                     ['generate', '--prompt', '   ']):
            r = self.run_cli(*args)
            self.assertEqual(r.returncode, 2, args)
        r = self.run_cli('generate', '--prompt', 'é' * 300)
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_suggest(self):
        os.makedirs(self.tmp, exist_ok=True)
        path = os.path.join(self.tmp, 'cat.png')
        with open(path, 'wb') as f:
            f.write(png_bytes(40, 30, 5))
        r = self.run_cli('--json', 'import', path)
        self.assertEqual(r.returncode, 0, r.stderr)
        asset = json.loads(r.stdout)[0]['id']
        env = dict(self.env, MEDIALIB_AI_VISION_MODEL='vision-1')

        # Printed, nothing applied; in French when asked
        r = self.run_cli('suggest', str(asset), env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, 'alt: A ginger cat sleeps on a blue sofa.\n'
                                   'tags: cat, sofa, animal, indoors, nap\n')
        r = self.run_cli('--json', 'suggest', str(asset), '--language', 'fr', env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(r.stdout), {'id': asset, 'alt': 'Un chat roux dort sur un canapé bleu.',
                                                'tags': ['chat', 'canapé', 'animal', 'intérieur', 'sieste'],
                                                'applied': False})
        info = json.loads(self.run_cli('--json', 'info', str(asset)).stdout)
        self.assertEqual((info['alt'], info['tags']), (None, []))

        # --apply sets the alt text and adds the tags
        r = self.run_cli('--json', 'suggest', str(asset), '--apply', env=env)
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertTrue(out['applied'])
        self.assertEqual(out['asset']['alt'], 'A ginger cat sleeps on a blue sofa.')
        self.assertEqual(sorted(out['asset']['tags']), ['animal', 'cat', 'indoors', 'nap', 'sofa'])

        # A bad answer, an unknown id: exit 1, nothing changed; never a generation
        r = self.run_cli('suggest', str(asset), env=dict(env, MEDIALIB_AI_VISION_MODEL='v [malformed]'))
        self.assertEqual(r.returncode, 1)
        self.assertIn('could not be read', r.stderr)
        self.assertEqual(self.run_cli('suggest', '999', env=env).returncode, 1)
        self.assertEqual(self.run_cli('suggest', env=env).returncode, 2)
        self.assertEqual(self.quota()['used'], 0)

    def test_interrupt_cancels(self):
        proc = subprocess.Popen([BIN, '--library', self.lib, 'generate', '--prompt', 'x [hang]', '--add', 'all'],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env)
        stats_url = self.url.rsplit('/v1', 1)[0] + '/stats'
        deadline = time.monotonic() + 20
        while json.loads(urllib.request.urlopen(stats_url).read())['requests'] == 0:
            self.assertLess(time.monotonic(), deadline, 'the request never reached the server')
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=20)
        self.assertEqual(proc.returncode, 1)
        self.assertIn('cancelled', err)
        self.assertEqual(out, '')
        self.assertEqual(self.quota()['used'], 0)


if __name__ == '__main__':
    unittest.main(verbosity=2)
