#!/usr/bin/env python3
# test_hardening.py — the library under hostile and unlucky conditions, through the real
# `medialib` command: killed imports, damaged databases and backups, odd file names, files
# that lie about their size, vanish or change, a full or read-only disk, two processes at once.
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import json
import os
import random
import shutil
import sqlite3
import struct
import subprocess
import tempfile
import threading
import time
import unittest
import zlib

BIN = os.environ['MEDIALIB_BIN']


def chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)


def png_bytes(width, height, seed, noise=False):
    """A valid RGB PNG, different for every seed; NOISE makes it compress badly (bigger)."""
    rnd = random.Random(seed)
    if noise:
        rows = b''.join(b'\0' + rnd.randbytes(width * 3) for _ in range(height))
    else:
        rows = b''.join(b'\0' + bytes(((x * 7 + y * 3 + seed) % 256) for x in range(width * 3))
                        for y in range(height))
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)) +
            chunk(b'IDAT', zlib.compress(rows, 1)) + chunk(b'IEND', b''))


def png_claiming(width, height):
    """A PNG whose header claims WIDTH×HEIGHT but whose data is a few bytes."""
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)) +
            chunk(b'IDAT', zlib.compress(b'\0' * 64)) + chunk(b'IEND', b''))


def gif_with_screen(screen_w, screen_h):
    """A 1×1 GIF whose logical screen claims SCREEN_W×SCREEN_H."""
    return (b'GIF89a' + struct.pack('<HH', screen_w, screen_h) + b'\x80\0\0' + b'\xff\0\0\0\0\xff' +
            b'\x2c\0\0\0\0\x01\0\x01\0\0' + bytes([2, 2, 0x44, 1, 0]) + b'\x3b')


def sha256_of(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def can_mount():
    if os.geteuid() != 0:
        return False
    d = tempfile.mkdtemp(prefix='medialib-mount-')
    try:
        ok = subprocess.run(['mount', '-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', d],
                            capture_output=True).returncode == 0
        if ok:
            subprocess.run(['umount', d], check=True)
        return ok
    finally:
        os.rmdir(d)


class Base(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix='medialib-hard-')
        self.lib = os.path.join(self.tmp, 'library')
        self.input = os.path.join(self.tmp, 'input')
        os.mkdir(self.input)
        self.env = dict(os.environ)
        self.env.pop('MEDIALIB_LIBRARY', None)
        self.env['HOME'] = os.path.join(self.tmp, 'home')
        self.env['XDG_DATA_HOME'] = os.path.join(self.tmp, 'home', 'data')
        self.env['XDG_CONFIG_HOME'] = os.path.join(self.tmp, 'home', 'config')
        self.mounts = []

    def tearDown(self):
        for m in reversed(self.mounts):
            subprocess.run(['umount', '-l', m], capture_output=True)
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, name, data, folder=None):
        path = os.path.join(folder or self.input, name) if isinstance(name, str) else \
            os.path.join(os.fsencode(folder or self.input), name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(data)
        return path

    def cli(self, *args, lib=None, timeout=120):
        argv = [BIN, '--library', lib or self.lib] + list(args)
        return subprocess.run(argv, capture_output=True, text=True, env=self.env, timeout=timeout,
                              errors='replace')

    def assets(self, lib=None):
        r = self.cli('--json', 'list', lib=lib)
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout)

    def check_library(self, lib=None):
        """The database is sound and every asset's file is there with the right content."""
        lib = lib or self.lib
        db = sqlite3.connect(os.path.join(lib, 'library.db'))
        try:
            self.assertEqual(db.execute('PRAGMA integrity_check').fetchone()[0], 'ok')
            if db.execute('PRAGMA user_version').fetchone()[0] == 0:
                # Killed before the schema was committed: nothing of it is there, so the
                # next open starts the library from scratch
                self.assertEqual(db.execute('SELECT count(*) FROM sqlite_master').fetchone()[0], 0)
                rows = []
            else:
                rows = db.execute('SELECT sha256 FROM assets').fetchall()
        finally:
            db.close()
        for a in self.assets(lib):
            path = a['uri'][len('file://'):]
            self.assertTrue(os.path.isfile(path), path)
            self.assertEqual(sha256_of(path), a['sha256'], path)
        return {r[0] for r in rows}

    def stored_files(self, lib=None):
        lib = lib or self.lib
        found = []
        for sub in ('media', 'thumbnails'):
            for root, _dirs, files in os.walk(os.path.join(lib, sub)):
                found += [os.path.join(root, f) for f in files]
        return found


class CrashSafety(Base):
    """`medialib import` of 50 files killed with SIGKILL at 20 different moments."""

    def test_killed_import(self):
        folder = os.path.join(self.tmp, 'fifty')
        for i in range(50):
            self.write(f'photo-{i:02d}.png', png_bytes(500, 400, i, noise=True), folder)

        # How long a whole import takes here, to spread the kills over it
        start = time.monotonic()
        r = self.cli('import', folder, lib=os.path.join(self.tmp, 'timing'))
        self.assertEqual(r.returncode, 0, r.stderr)
        whole = time.monotonic() - start

        outcomes = []
        for k in range(20):
            lib = os.path.join(self.tmp, f'killed-{k:02d}')
            delay = whole * (k + 0.5) / 20
            proc = subprocess.Popen([BIN, '--library', lib, 'import', folder], env=self.env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            proc.kill()
            proc.wait()

            if not os.path.exists(os.path.join(lib, 'library.db')):
                outcomes.append(0)
                continue

            # The library opens and is sound; every committed asset's file is right
            known = self.check_library(lib)
            outcomes.append(len(known))

            # The next start (the import again) removes what the kill left behind and completes
            leftovers = [f for f in self.stored_files(lib)
                         if os.path.basename(f).split('.')[0] not in known]
            r = self.cli('--json', 'import', folder, lib=lib)
            self.assertEqual(r.returncode, 0, r.stderr)
            results = json.loads(r.stdout)
            self.assertEqual(sorted(x['status'] for x in results),
                             ['added'] * (50 - len(known)) + ['duplicate'] * len(known))
            final = self.check_library(lib)
            self.assertEqual(len(final), 50)
            for f in self.stored_files(lib):
                name = os.path.basename(f)
                self.assertFalse(name.startswith('.tmp-'), f)
                self.assertIn(name.split('.')[0], final, f)
            for f in leftovers:
                if not os.path.basename(f).split('.')[0] in final:
                    self.assertFalse(os.path.exists(f), f)

        # The kills did land at different moments of the import
        print('assets committed when killed:', outcomes)
        self.assertGreater(len(set(outcomes)), 5, outcomes)


class Backups(Base):
    def test_backup_damage_restore(self):
        for i in range(30):
            self.write(f'a-{i:02d}.png', png_bytes(60, 40, i))
        self.assertEqual(self.cli('import', '--tag', 'Kept', self.input).returncode, 0)
        r = self.cli('backup')
        self.assertEqual(r.returncode, 0, r.stderr)
        backup = r.stdout.strip()
        self.assertTrue(os.path.isfile(backup), backup)
        self.assertEqual(os.stat(os.path.join(self.lib, 'backups')).st_mode & 0o777, 0o700)
        self.assertEqual(os.stat(backup).st_mode & 0o777, 0o600)
        listed = json.loads(self.cli('--json', 'backup', '--list').stdout)
        self.assertEqual([b['path'] for b in listed], [backup])
        self.assertEqual(listed[0]['bytes'], os.path.getsize(backup))

        # One more asset after the backup, then the database is damaged
        late = self.write('late.png', png_bytes(61, 40, 99), os.path.join(self.tmp, 'later'))
        self.assertEqual(self.cli('import', late).returncode, 0)
        db = os.path.join(self.lib, 'library.db')
        # Everything in the file itself first: a newer copy of the header in the journal
        # would hide the damage
        con = sqlite3.connect(db)
        con.execute('PRAGMA wal_checkpoint(TRUNCATE)')
        con.close()
        with open(db, 'r+b') as f:
            f.seek(0)
            f.write(b'this is no longer a database header')

        r = self.cli('list')
        self.assertEqual(r.returncode, 1)
        self.assertIn('damaged', r.stderr)
        self.assertIn('restore ' + backup, r.stderr)

        r = self.cli('--json', 'restore', backup)
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertTrue(os.path.isfile(out['kept']), out)
        self.assertEqual(out['n_recovered'], 1)
        self.assertEqual(sha256_of(os.path.join(out['recovered'], os.listdir(out['recovered'])[0])),
                         sha256_of(late))

        self.check_library()
        assets = self.assets()
        self.assertEqual(len(assets), 30)
        self.assertTrue(all(a['tags'] == ['Kept'] for a in assets))

        # The recovered file imports again
        r = self.cli('import', out['recovered'])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(len(self.assets()), 31)

    def test_restore_refuses_bad_input(self):
        self.write('a.png', png_bytes(10, 10, 1))
        self.assertEqual(self.cli('import', self.input).returncode, 0)
        before = sha256_of(os.path.join(self.lib, 'library.db'))
        for name, data in (('empty.db', b''), ('text.db', b'hello\n' * 100)):
            path = self.write(name, data, self.tmp)
            r = self.cli('restore', path)
            self.assertEqual(r.returncode, 1)
            self.assertIn(path, r.stderr)
        r = self.cli('restore', os.path.join(self.tmp, 'missing.db'))
        self.assertEqual(r.returncode, 1)
        self.assertIn('does not exist', r.stderr)
        self.assertEqual(sha256_of(os.path.join(self.lib, 'library.db')), before)
        self.assertEqual(len(self.assets()), 1)


class HostileFiles(Base):
    def test_lying_and_empty_files(self):
        self.write('empty.png', b'')
        self.write('huge-claim.png', png_claiming(60000, 60000))
        self.write('huge-screen.gif', gif_with_screen(65535, 65535))
        self.write('ok.png', png_bytes(20, 20, 1))
        r = self.cli('--json', 'import', self.input)
        self.assertEqual(r.returncode, 1, r.stderr)
        by_name = {os.path.basename(x['path']): x for x in json.loads(r.stdout)}
        self.assertEqual(by_name['ok.png']['status'], 'added')
        for name in ('empty.png', 'huge-claim.png'):
            self.assertEqual(by_name[name]['status'], 'rejected', by_name[name])
            self.assertTrue(by_name[name]['reason'], by_name[name])
            self.assertIn(name, r.stderr)
        # A GIF is as big as its frames, whatever its logical screen says
        gif = by_name['huge-screen.gif']
        if gif['status'] == 'added':
            info = json.loads(self.cli('--json', 'info', str(gif['id'])).stdout)
            self.assertLessEqual(info['width'] * info['height'], 65535 * 65535)
        self.check_library()

    def test_odd_names(self):
        names = [b'line\nbreak.png', b'latin1-\xe9t\xe9.png', b'x' * 251 + b'.png', b' leading space.png',
                 b'-dash.png', b'quote\'"and\\back.png']
        for i, name in enumerate(names):
            self.write(name, png_bytes(12, 12, 10 + i))
        r = self.cli('--json', 'import', self.input)
        self.assertEqual(r.returncode, 0, r.stderr)
        results = json.loads(r.stdout)
        self.assertEqual([x['status'] for x in results], ['added'] * len(names))
        listed = self.assets()
        self.assertEqual(len(listed), len(names))
        shown = {a['name'] for a in listed}
        self.assertIn('line\nbreak.png', shown)
        self.assertIn('x' * 251 + '.png', shown)
        # Invalid UTF-8 is shown readably, not dropped
        self.assertTrue(any(n.startswith('latin1-') for n in shown), shown)
        # The plain listing stays one line per asset
        plain = self.cli('list').stdout
        self.assertEqual(len(plain.splitlines()), len(names), plain)
        self.check_library()

    def test_files_vanish_and_change(self):
        folder = os.path.join(self.tmp, 'moving')
        paths = [self.write(f'p-{i:02d}.png', png_bytes(300, 200, i, noise=True), folder) for i in range(40)]
        proc = subprocess.Popen([BIN, '--library', self.lib, '--json', 'import', folder], env=self.env,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        # While it runs, remove some files and rewrite others
        for i, p in enumerate(paths):
            if i % 4 == 1:
                os.unlink(p)
            elif i % 4 == 2:
                with open(p, 'wb') as f:
                    f.write(png_bytes(10, 10, 1000 + i))
            elif i % 4 == 3:
                with open(p, 'r+b') as f:
                    f.truncate(100)
        out, err = proc.communicate(timeout=120)
        self.assertIn(proc.returncode, (0, 1), err)
        results = json.loads(out)
        for x in results:
            self.assertIn(x['status'], ('added', 'rejected', 'duplicate'), x)
            if x['status'] == 'rejected':
                self.assertTrue(x['reason'], x)
        known = self.check_library()
        self.assertEqual(len(known), sum(x['status'] == 'added' for x in results))


class TwoProcesses(Base):
    def test_concurrent_imports_and_reads(self):
        a = os.path.join(self.tmp, 'a')
        b = os.path.join(self.tmp, 'b')
        for i in range(30):
            self.write(f'a-{i:02d}.png', png_bytes(200, 150, i, noise=True), a)
            self.write(f'b-{i:02d}.png', png_bytes(200, 150, 100 + i, noise=True), b)
        self.assertEqual(self.cli('import', self.write('first.png', png_bytes(8, 8, 7), self.tmp)).returncode, 0)

        procs = [subprocess.Popen([BIN, '--library', self.lib, 'import', d], env=self.env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for d in (a, b)]
        reads = []
        while any(p.poll() is None for p in procs):
            r = self.cli('--json', 'list')
            reads.append(r.returncode)
            self.assertEqual(r.returncode, 0, r.stderr)
        for p in procs:
            out, err = p.communicate()
            self.assertEqual(p.returncode, 0, err)
        self.assertEqual(len(self.check_library()), 61)


@unittest.skipUnless(can_mount(), 'needs to mount a small tmpfs (root in a private mount namespace)')
class FullAndReadOnlyDisk(Base):
    def mount(self, size):
        d = os.path.join(self.tmp, 'disk')
        os.makedirs(d, exist_ok=True)
        subprocess.run(['mount', '-t', 'tmpfs', '-o', f'size={size}', 'tmpfs', d], check=True)
        self.mounts.append(d)
        return d

    def test_disk_full(self):
        disk = self.mount('3m')
        lib = os.path.join(disk, 'library')
        first = self.write('first.png', png_bytes(40, 40, 1), self.tmp)
        self.assertEqual(self.cli('import', first, lib=lib).returncode, 0)
        folder = os.path.join(self.tmp, 'big')
        for i in range(12):
            self.write(f'big-{i:02d}.png', png_bytes(400, 300, i, noise=True), folder)
        r = self.cli('--json', 'import', folder, lib=lib)
        self.assertEqual(r.returncode, 1, r.stderr)
        results = json.loads(r.stdout)
        rejected = [x for x in results if x['status'] != 'added']
        self.assertTrue(rejected)
        for x in rejected:
            self.assertTrue('space' in x['reason'].lower() or 'disk is full' in x['reason'].lower(), x)
        # Nothing already in the library was lost
        known = self.check_library(lib)
        self.assertEqual(len(known), 1 + sum(x['status'] == 'added' for x in results))

    def test_read_only(self):
        disk = self.mount('8m')
        lib = os.path.join(disk, 'library')
        first = self.write('first.png', png_bytes(40, 40, 1), self.tmp)
        self.assertEqual(self.cli('import', first, lib=lib).returncode, 0)
        subprocess.run(['mount', '-o', 'remount,ro', disk], check=True)
        second = self.write('second.png', png_bytes(40, 40, 2), self.tmp)
        r = self.cli('import', second, lib=lib)
        self.assertEqual(r.returncode, 1)
        self.assertIn('read-only', r.stderr.lower())
        self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
        # Reading still works
        r = self.cli('--json', 'list', lib=lib)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(len(json.loads(r.stdout)), 1)


class AiServer(Base):
    """The API key stays secret, and a server whose certificate cannot be trusted is refused."""

    def start_standin(self, **env):
        standin = subprocess.Popen([os.environ['MEDIALIB_AI_STANDIN']], stdin=subprocess.PIPE,
                                   stdout=subprocess.PIPE, text=True,
                                   env=dict(os.environ, STANDIN_KEY='sk-right-key-0123456789', **env))
        self.addCleanup(lambda: (standin.stdin.close(), standin.wait(10), standin.stdout.close()))
        return standin.stdout.readline().strip()

    def generate(self, url, key):
        env = dict(self.env, MEDIALIB_AI_BASE_URL=url, MEDIALIB_AI_MODEL='dall-e-2',
                   MEDIALIB_AI_API_KEY=key, MEDIALIB_AI_TIMEOUT='20', G_MESSAGES_DEBUG='all')
        return subprocess.run([BIN, '--library', self.lib, 'generate', '--prompt', 'A lighthouse at dusk'],
                              capture_output=True, text=True, env=env, timeout=60)

    def test_key_never_shown(self):
        url = self.start_standin()
        key = 'sk-proj-wrong-key-ABCDEFGHIJKLMNOP'
        r = self.generate(url, key)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn('refused the API key', r.stderr)
        for text in (r.stdout, r.stderr):
            self.assertNotIn(key, text)
            self.assertNotIn(key[:12], text)
        # Nor in any file the command wrote: settings, library, cache
        for root, _dirs, files in os.walk(self.tmp):
            for name in files:
                with open(os.path.join(root, name), 'rb') as f:
                    self.assertNotIn(key.encode(), f.read(), os.path.join(root, name))
        r = self.cli('--json', 'quota')
        self.assertEqual(json.loads(r.stdout)['used'], 0)

    def test_untrusted_certificate_refused(self):
        pem = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'data', 'standin-tls.pem')
        url = self.start_standin(STANDIN_TLS=pem)
        self.assertTrue(url.startswith('https://'), url)
        r = self.generate(url, 'sk-right-key-0123456789')
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn('certificate', r.stderr.lower())
        self.assertNotIn('sk-right-key', r.stderr)
        r = self.cli('--json', 'quota')
        self.assertEqual(json.loads(r.stdout)['used'], 0)
        self.assertEqual(self.assets(), [])


if __name__ == '__main__':
    unittest.main(verbosity=2)
