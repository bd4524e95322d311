#!/usr/bin/env python3
# test_team_push.py — `medialib team push`: a local library copied into a team library, as
# real processes against the servers that tests/team-servers.py starts, run twice, killed
# half-way and run again
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import itertools
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import unittest
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from test_cli import png_bytes  # noqa: E402
from http_proxy import HttpProxy  # noqa: E402

BIN = os.environ['MEDIALIB_BIN']
PSQL = '/usr/lib/postgresql/17/bin/psql'
SCHEMAS = itertools.count(1)
# What an asset is, whichever library it is in (its id, parent id and URL are the library's)
SAME_FIELDS = ('name', 'kind', 'mime', 'bytes', 'width', 'height', 'animated', 'added', 'source',
               'tags', 'teams', 'contact', 'alt')
PHOTO = png_bytes(8, 8, 99)
VCARD = ('BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Jane Doe\r\nORG:Example Corp;Design\r\n'
         'EMAIL:jane@example.com\r\nTEL:+1 555 0100\r\nEND:VCARD\r\n').encode()


def required(name):
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f'{name} is not set: run this test through tests/team-servers.py')
    return value


class StallingProxy(HttpProxy):
    """The gateway behind a proxy of ours (tests/http_proxy.py), which passes every request
    on until one names `stall_on` (an object's SHA-256); that one, and everything after it on
    its connection, is held, as a network that stops answering would."""

    def __init__(self, upstream):
        self.stall_on = None
        self.stalled = threading.Event()
        super().__init__(upstream)

    def before_body(self, request_line):
        if self.stall_on and self.stall_on in request_line:
            self.stalled.set()
            return True
        return False


class TeamPushTest(unittest.TestCase):
    def setUp(self):
        self.password = required('PGPASSWORD')
        self.tmp = tempfile.mkdtemp(prefix='medialib-team-push-')
        self.local = os.path.join(self.tmp, 'local')
        self.team = os.path.join(self.tmp, 'team')
        self.input = os.path.join(self.tmp, 'input')
        os.mkdir(self.input)
        self.env = dict(os.environ)
        self.env.pop('MEDIALIB_LIBRARY', None)
        for var in ('HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_CONFIG_HOME'):
            self.env[var] = os.path.join(self.tmp, 'home', var.lower())
        self.schema = f'push_{os.getpid()}_{next(SCHEMAS)}'
        role = dict(kv.split('=', 1) for kv in required('MEDIALIB_TEST_PG').split())['user']
        self.admin(f'CREATE SCHEMA {self.schema} AUTHORIZATION {role}')
        self.database = f"{required('MEDIALIB_TEST_PG')} options='-csearch_path={self.schema}'"
        self.endpoint = required('MEDIALIB_TEST_S3_ENDPOINT')
        self.standin = None

    def tearDown(self):
        if self.standin is not None:
            self.standin.stdin.close()
            self.standin.wait(10)
        self.admin(f'DROP SCHEMA {self.schema} CASCADE')
        shutil.rmtree(self.tmp, ignore_errors=True)

    def admin(self, sql):
        r = subprocess.run([PSQL, '-X', '-q', '-A', '-t', '-F', '\t', '-v', 'ON_ERROR_STOP=1',
                            required('MEDIALIB_TEST_PG_ADMIN'), '-c', sql], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout

    def run_cli(self, *args, library, env=None):
        r = subprocess.run([BIN, '--library', library, *args], capture_output=True, text=True,
                           env=env or self.env, timeout=180)
        self.assertNotIn(self.password, r.stdout + r.stderr)
        return r

    def json_of(self, *args, library):
        r = self.run_cli('--json', *args, library=library)
        self.assertEqual(r.returncode, 0, r.stderr)
        return json.loads(r.stdout)

    def connect(self, library, endpoint=None):
        r = self.run_cli('team', 'connect', '--database', self.database, '--s3-endpoint',
                         endpoint or self.endpoint, '--bucket', 'medialib-team', library=library)
        self.assertEqual(r.returncode, 0, r.stderr)

    def push(self, to=None, library=None):
        return self.run_cli('--json', 'team', 'push', '--to', to or self.team,
                            library=library or self.local)

    def write(self, name, data):
        path = os.path.join(self.input, name)
        with open(path, 'wb') as f:
            f.write(data)
        return path

    # --- The local library --------------------------------------------------------------

    def make_local_library(self):
        """Imports with tags and teams, a crop (with its parent), a contact card, a team no
        asset is in, and two generations, one with two of its images added."""
        def imported(*args):
            out = self.json_of('import', *args, library=self.local)
            self.assertTrue(all(x['status'] == 'added' for x in out), out)
            return [x['id'] for x in out]

        banner, = imported('--tag', 'Summer', '--team', 'Growth', self.write('banner.png', png_bytes(64, 48, 1)))
        imported('--tag', 'Été', '--tag', 'Summer', '--team', 'Brand', self.write('Été logo.png', png_bytes(30, 30, 2)))
        imported('--team', 'Archive', self.write('old.png', png_bytes(20, 10, 3)))
        imported('--tag', 'People', self.write('jane.vcf', VCARD))
        for d in range(3):
            imported(self.write(f'plain {d}.png', png_bytes(12 + d, 9, 10 + d)))
        crop = self.json_of('crop', str(banner), '--preset', 'free', '--rect', '4,4,32,16', library=self.local)
        self.assertEqual(crop['parent'], banner)
        # Archive stays a team with no asset in it
        old = [a for a in self.json_of('list', library=self.local) if a['name'] == 'old.png'][0]
        r = self.run_cli('edit', str(old['id']), '--remove-team', 'Archive', '--add-tag', 'Old',
                         '--alt', 'Une vieille photo floue', library=self.local)
        self.assertEqual(r.returncode, 0, r.stderr)

        self.standin = subprocess.Popen([os.environ['MEDIALIB_AI_STANDIN']], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True,
                                        env=dict(os.environ, STANDIN_KEY='sk-test'))
        url = self.standin.stdout.readline().strip()
        env = dict(self.env, MEDIALIB_AI_BASE_URL=url, MEDIALIB_AI_MODEL='dall-e-2',
                   MEDIALIB_AI_API_KEY='sk-test', MEDIALIB_AI_TIMEOUT='20')
        for args in (['--prompt', 'A red bicycle in the rain', '--add', '1,3'], ['--prompt', 'A lighthouse']):
            r = self.run_cli('generate', *args, library=self.local, env=env)
            self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.json_of('quota', library=self.local)['used'], 2)
        return self.json_of('list', library=self.local)

    def local_generations(self):
        db = sqlite3.connect(f'file:{self.local}/library.db?mode=ro', uri=True)
        try:
            rows = db.execute('SELECT prompt, model, created, variants FROM generations').fetchall()
            prompts = dict(db.execute('SELECT sha256, prompt FROM assets WHERE prompt IS NOT NULL').fetchall())
        finally:
            db.close()
        return sorted(rows), prompts

    def team_generations(self):
        rows = [tuple(line.split('\t')) for line in
                self.admin(f'SELECT prompt, model, created, variants FROM {self.schema}.generations').splitlines()]
        prompts = dict(tuple(line.split('\t')) for line in self.admin(
            f'SELECT sha256, prompt FROM {self.schema}.assets WHERE prompt IS NOT NULL').splitlines())
        return sorted((p, m, int(c), int(v)) for p, m, c, v in rows), prompts

    def snapshot(self, folder):
        """Every file of a folder, with its size, time and content; but SQLite's shared-memory
        index (library.db-shm), where every reader of a database whose journal was left
        unfinished (a command sometimes leaves it so; the app open at the same time does)
        marks what it reads: coordination between readers, not the library's data"""
        files = {}
        for root, _, names in os.walk(folder):
            for name in names:
                if name == 'library.db-shm':
                    continue
                path = os.path.join(root, name)
                st = os.stat(path)
                with open(path, 'rb') as f:
                    files[os.path.relpath(path, folder)] = (st.st_size, st.st_mtime_ns,
                                                            hashlib.sha256(f.read()).hexdigest())
        return files

    def team_state(self, library):
        """What the team library shows, without its ids: for comparing two of its states"""
        listed = self.json_of('list', library=library)
        by_id = {a['id']: a for a in listed}
        assets = sorted((a['sha256'], tuple(json.dumps(a.get(f), sort_keys=True) for f in SAME_FIELDS),
                         by_id[a['parent']]['sha256'] if a['parent'] else None) for a in listed)
        return (assets, self.run_cli('tags', library=library).stdout,
                self.run_cli('teams', library=library).stdout, self.team_generations())

    def assert_same_as_local(self, local_assets, library):
        """The team library holds exactly the local library: the same assets (by content),
        with the same fields, parents, prompts, files, tags, teams and generations"""
        team_assets = self.json_of('list', library=library)
        self.assertEqual(len(team_assets), len(local_assets), 'an asset is missing or there twice')
        local = {a['sha256']: a for a in local_assets}
        team = {a['sha256']: a for a in team_assets}
        self.assertEqual(set(team), set(local))
        local_sha = {a['id']: a['sha256'] for a in local_assets}
        team_sha = {a['id']: a['sha256'] for a in team_assets}
        # The same order, too: dates are kept
        self.assertEqual([a['sha256'] for a in team_assets], [a['sha256'] for a in local_assets])
        for sha, a in local.items():
            t = team[sha]
            for field in SAME_FIELDS:
                self.assertEqual(t.get(field), a.get(field), (a['name'], field))
            # A crop's parent is its original's team id
            self.assertEqual(team_sha.get(t['parent']), local_sha.get(a['parent']), a['name'])
            info = self.json_of('info', str(t['id']), library=library)
            self.assertEqual({f: info.get(f) for f in SAME_FIELDS}, {f: a.get(f) for f in SAME_FIELDS})
            # The file: fetched by its URL without credentials, the local bytes
            self.assertTrue(info['uri'].startswith('http'), info['uri'])
            with urllib.request.urlopen(info['uri'], timeout=30) as answer:
                data = answer.read()
            with open(urllib.parse.unquote(urllib.parse.urlsplit(a['uri']).path), 'rb') as f:
                self.assertEqual(data, f.read(), a['name'])
        for command in ('tags', 'teams'):
            self.assertEqual(self.run_cli(command, library=library).stdout,
                             self.run_cli(command, library=self.local).stdout, command)
        # The generations, as history; the prompts of the images made from them
        self.assertEqual(self.team_generations(), self.local_generations())
        # None of them counted against the company's quota
        self.assertEqual(self.json_of('quota', library=library)['used'], 0)

    # --- The tests -------------------------------------------------------------------------

    def test_push_copies_everything_and_changes_nothing_here(self):
        local_assets = self.make_local_library()
        self.assertEqual(len(local_assets), 10)
        self.connect(self.team)
        before = self.snapshot(self.local)

        r = self.run_cli('team', 'push', '--to', self.team, library=self.local)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn('Pushed 1 of 12', r.stderr)
        self.assertIn('Pushed 12 of 12', r.stderr)
        self.assertIn('added:       10', r.stdout)
        self.assertIn('recorded:    2', r.stdout)
        self.assertEqual(self.snapshot(self.local), before, 'the local library was changed')
        self.assert_same_as_local(local_assets, self.team)
        self.assertIn('Archive\t0', self.run_cli('teams', library=self.team).stdout)

        # Another member's folder sees the pushed assets, and opens their files
        other = os.path.join(self.tmp, 'other')
        self.connect(other)
        self.assert_same_as_local(local_assets, other)
        self.assertEqual(self.json_of('team', 'status', library=other)['assets'], 10)

    def test_push_twice_changes_nothing(self):
        local_assets = self.make_local_library()
        self.connect(self.team)
        r = self.push()
        self.assertEqual(r.returncode, 0, r.stderr)
        first = json.loads(r.stdout)
        self.assertEqual({k: first[k] for k in ('assets', 'added', 'merged', 'skipped', 'generations',
                                                'generations_added')},
                         {'assets': 10, 'added': 10, 'merged': 0, 'skipped': 0, 'generations': 2,
                          'generations_added': 2})
        self.assertEqual(first['problems'], [])
        state = self.team_state(self.team)

        r = self.push()
        self.assertEqual(r.returncode, 0, r.stderr)
        again = json.loads(r.stdout)
        self.assertEqual((again['added'], again['merged'], again['generations_added']), (0, 10, 0))
        self.assertEqual(self.team_state(self.team), state)
        self.assert_same_as_local(local_assets, self.team)

    def test_push_merges_onto_what_the_team_has(self):
        # A colleague imported the same banner already, under another name, with a tag of
        # theirs: the push adds the local tags and teams to that asset, keeps its name, and
        # makes no second one; a team already there is not made twice
        local_assets = self.make_local_library()
        self.connect(self.team)
        self.write('theirs.png', png_bytes(64, 48, 1))
        os.makedirs(os.path.join(self.tmp, 'in2'))
        shutil.move(os.path.join(self.input, 'theirs.png'), os.path.join(self.tmp, 'in2', 'theirs.png'))
        r = self.run_cli('import', '--tag', 'Theirs', '--team', 'growth', os.path.join(self.tmp, 'in2'),
                         library=self.team)
        self.assertEqual(r.returncode, 0, r.stderr)
        r = self.push()
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertEqual((out['added'], out['merged']), (9, 1))
        team = self.json_of('list', library=self.team)
        self.assertEqual(len(team), 10)
        banner = [a for a in team if a['sha256'] == hashlib.sha256(png_bytes(64, 48, 1)).hexdigest()][0]
        self.assertEqual(banner['name'], 'theirs.png')
        self.assertEqual(banner['tags'], ['Summer', 'Theirs'])
        self.assertEqual(banner['teams'], ['growth'])
        crop = [a for a in team if a['source'] == 'crop'][0]
        self.assertEqual(crop['parent'], banner['id'])
        teams = self.run_cli('teams', library=self.team).stdout.splitlines()
        self.assertEqual([t.split('\t')[0] for t in teams], ['Archive', 'Brand', 'growth'])
        self.assertEqual(len(local_assets), 10)

    def test_killed_push_then_run_again(self):
        local_assets = self.make_local_library()
        # The team folder reaches the bucket through a proxy that stops answering when the
        # push comes to the fifth asset's file: the push is killed there, half-way
        proxy = StallingProxy(self.endpoint)
        self.addCleanup(proxy.close)
        self.connect(self.team, endpoint=proxy.endpoint)
        by_id = sorted(local_assets, key=lambda a: a['id'])
        proxy.stall_on = by_id[4]['sha256']
        proc = subprocess.Popen([BIN, '--library', self.local, 'team', 'push', '--to', self.team],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env)
        try:
            first = proc.stderr.readline()
            self.assertTrue(first.startswith('Pushed 1 of 12'), first)
            self.assertTrue(proxy.stalled.wait(120), 'the push never reached the fifth file')
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.communicate(timeout=30)
        self.assertEqual(proc.returncode, -signal.SIGKILL)
        partial = self.json_of('list', library=self.team)
        self.assertEqual(len(partial), 4, 'the push was not stopped half-way')
        self.assertEqual(self.team_generations()[0], [])

        # Run again (the network answers again): the same result as one clean push
        proxy.stall_on = None
        r = self.push()
        self.assertEqual(r.returncode, 0, r.stderr)
        out = json.loads(r.stdout)
        self.assertEqual((out['added'], out['merged'], out['generations_added']), (6, 4, 2))
        self.assert_same_as_local(local_assets, self.team)
        # and once more, nothing changes
        state = self.team_state(self.team)
        self.assertEqual(self.push().returncode, 0)
        self.assertEqual(self.team_state(self.team), state)

    def test_killed_after_the_first_line_then_run_again(self):
        # Killed as soon as it said it pushed one, wherever it was then (inside a transaction,
        # a PUT, between the two): the proxy's test above is the one that stops it half-way
        # for sure; this one does not wait
        local_assets = self.make_local_library()
        self.connect(self.team)
        proc = subprocess.Popen([BIN, '--library', self.local, 'team', 'push', '--to', self.team],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=self.env)
        first = proc.stderr.readline()
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        self.assertTrue(first.startswith('Pushed 1 of 12'), first)
        self.assertGreaterEqual(len(self.json_of('list', library=self.team)), 1)
        r = self.push()
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assert_same_as_local(local_assets, self.team)

    def test_errors(self):
        self.write('a.png', png_bytes(8, 8, 1))
        self.assertEqual(self.run_cli('import', self.input, library=self.local).returncode, 0)
        self.connect(self.team)
        before = self.snapshot(self.local)

        # --to is not a team library: an empty folder, or the local library itself
        for to in (os.path.join(self.tmp, 'empty'), self.local):
            r = self.run_cli('team', 'push', '--to', to, library=self.local)
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertIn('not a team library', r.stderr)
        # The library pushed from is a team library
        r = self.run_cli('team', 'push', '--to', self.team, library=self.team)
        self.assertEqual(r.returncode, 1)
        self.assertIn('is a team library', r.stderr)
        # There is no library to push from
        r = self.run_cli('team', 'push', '--to', self.team, library=os.path.join(self.tmp, 'nothing'))
        self.assertEqual(r.returncode, 1)
        self.assertIn('no local library', r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, 'nothing')))
        # No --to
        self.assertEqual(self.run_cli('team', 'push', library=self.local).returncode, 2)

        # Servers that do not answer: the message names which, and nothing was pushed
        gone = os.path.join(self.tmp, 'gone')
        os.mkdir(gone)
        with open(os.path.join(gone, 'team.ini'), 'w') as f:
            f.write(f'[team]\ndatabase={self.database}\nendpoint=http://127.0.0.1:9\nbucket=medialib-team\n')
        r = self.run_cli('team', 'push', '--to', gone, library=self.local)
        self.assertEqual(r.returncode, 1)
        self.assertIn('127.0.0.1:9', r.stderr)
        with open(os.path.join(gone, 'team.ini'), 'w') as f:
            f.write('[team]\ndatabase=host=127.0.0.1 port=1 dbname=medialib user=medialib connect_timeout=5\n'
                    f'endpoint={self.endpoint}\nbucket=medialib-team\n')
        r = self.run_cli('team', 'push', '--to', gone, library=self.local)
        self.assertEqual(r.returncode, 1)
        self.assertIn('cannot be reached', r.stderr)
        self.assertIn('database', r.stderr)

        self.assertEqual(self.json_of('list', library=self.team), [])
        self.assertEqual(self.snapshot(self.local), before)


if __name__ == '__main__':
    unittest.main(verbosity=2)
