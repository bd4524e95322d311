#!/usr/bin/env python3
# test_team_faults.py — a team library under faults, through the real command line against
# the servers that tests/team-servers.py starts: an importing client killed at twenty
# moments, PostgreSQL restarted in the middle of an import, the RADOS Gateway answering 503,
# slow or stopped (a proxy of our own on loopback in front of it)
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# After every fault the same checks: every row of the catalog names objects that the bucket
# has (its file with the row's size and SHA-256, its thumbnail); importing the same folder
# again completes the set, exactly; and what a killed import uploaded without a row is
# removed by the sweep that the next import runs first (MEDIALIB_S3_SWEEP_GRACE=0 here,
# an hour by default).

import datetime
import hashlib
import hmac
import json
import os
import shlex
import signal
import struct
import subprocess
import sys
import threading
import time
import unittest
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
import zlib

sys.path.insert(0, os.path.dirname(__file__))
from http_proxy import HttpProxy  # noqa: E402
from test_team_cli import BIN, PSQL, TeamCase, required  # noqa: E402

S3_NS = '{http://s3.amazonaws.com/doc/2006-03-01/}'


def random_png(size, rng):
    """A valid PNG of random pixels (incompressible: about 3 × size² bytes), unique"""
    rows = b''.join(b'\0' + rng(size * 3) for _ in range(size))

    def chunk(kind, data):
        return (struct.pack('>I', len(data)) + kind + data +
                struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff))

    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', size, size, 8, 2, 0, 0, 0)) +
            chunk(b'IDAT', zlib.compress(rows, 1)) + chunk(b'IEND', b''))


class Bucket:
    """The gateway's bucket, read with requests signed here (SigV4), without the app"""

    def __init__(self, endpoint, name):
        self.url = urllib.parse.urlsplit(endpoint)
        self.name = name
        self.access = required('AWS_ACCESS_KEY_ID')
        self.secret = required('AWS_SECRET_ACCESS_KEY')

    def request(self, key='', query=None):
        query = query or {}
        now = datetime.datetime.now(datetime.timezone.utc)
        stamp, day = now.strftime('%Y%m%dT%H%M%SZ'), now.strftime('%Y%m%d')
        path = '/' + self.name + ('/' + urllib.parse.quote(key, safe='/~') if key else '')
        canonical_query = '&'.join(f'{urllib.parse.quote(k, safe="~")}={urllib.parse.quote(v, safe="~")}'
                                   for k, v in sorted(query.items()))
        payload = hashlib.sha256(b'').hexdigest()
        headers = {'host': self.url.netloc, 'x-amz-content-sha256': payload, 'x-amz-date': stamp}
        signed = ';'.join(sorted(headers))
        canonical = '\n'.join(['GET', path, canonical_query,
                               ''.join(f'{k}:{headers[k]}\n' for k in sorted(headers)), signed, payload])
        scope = f'{day}/us-east-1/s3/aws4_request'
        to_sign = '\n'.join(['AWS4-HMAC-SHA256', stamp, scope, hashlib.sha256(canonical.encode()).hexdigest()])
        k = ('AWS4' + self.secret).encode()
        for part in (day, 'us-east-1', 's3', 'aws4_request'):
            k = hmac.new(k, part.encode(), hashlib.sha256).digest()
        signature = hmac.new(k, to_sign.encode(), hashlib.sha256).hexdigest()
        headers['authorization'] = (f'AWS4-HMAC-SHA256 Credential={self.access}/{scope}, '
                                    f'SignedHeaders={signed}, Signature={signature}')
        url = f'{self.url.scheme}://{self.url.netloc}{path}' + ('?' + canonical_query if query else '')
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=30) as answer:
            return answer.read()

    def objects(self):
        """{key: size} of every object"""
        found, token = {}, None
        while True:
            query = {'list-type': '2'}
            if token:
                query['continuation-token'] = token
            root = ET.fromstring(self.request(query=query))
            for item in root.iter(S3_NS + 'Contents'):
                found[item.find(S3_NS + 'Key').text] = int(item.find(S3_NS + 'Size').text)
            token = root.findtext(S3_NS + 'NextContinuationToken')
            if root.findtext(S3_NS + 'IsTruncated') != 'true' or not token:
                return found


class FaultProxy(HttpProxy):
    """The gateway behind a proxy of ours (tests/http_proxy.py): a request is answered with a
    status of ours when `fail(request_line)` gives one; `delay` seconds before each request
    passed on make a slow server; `running` cleared holds the requests until it is set
    again; closed, it refuses connections."""

    def __init__(self, upstream, port=0):
        self.fail = lambda line: None
        self.delay = 0.0
        self.running = threading.Event()    # cleared: requests wait before they go on
        self.running.set()
        self.failed = []
        self.lock = threading.Lock()
        super().__init__(upstream, port)

    def after_body(self, request_line):
        status = self.fail(request_line)
        if status:
            with self.lock:
                self.failed.append(request_line)
            return status
        if self.delay:
            time.sleep(self.delay)
        self.running.wait()
        return None


class TeamFaultsTest(TeamCase):
    BUCKETS = iter(range(1, 1000))

    def setUp(self):
        super().setUp()
        self.bucket_name = f'medialib-faults-{os.getpid()}-{next(self.BUCKETS)}'
        self.bucket = Bucket(self.endpoint, self.bucket_name)
        self.fault_env = dict(self.env, MEDIALIB_S3_SWEEP_GRACE='0', MEDIALIB_S3_RETRY_DELAY='50')
        self.checked = set()    # SHA-256s whose object's bytes were hashed already

    def connect_bucket(self, endpoint=None):
        r = self.run_cli('team', 'connect', '--database', self.database, '--s3-endpoint',
                         endpoint or self.endpoint, '--bucket', self.bucket_name)
        self.assertEqual(r.returncode, 0, r.stderr)

    def folder(self, name, count, size=96):
        """COUNT new images in a folder of their own: {path: sha256}"""
        path = os.path.join(self.tmp, name)
        os.mkdir(path)
        files = {}
        for i in range(count):
            data = random_png(size, os.urandom)
            file = os.path.join(path, f'image-{i:03d}.png')
            with open(file, 'wb') as f:
                f.write(data)
            files[file] = hashlib.sha256(data).hexdigest()
        return files

    def import_command(self, folder):
        return [BIN, '--library', self.lib, '--json', 'import', folder]

    def run_import(self, folder, env=None):
        r = subprocess.run(self.import_command(folder), capture_output=True, text=True,
                           env=env or self.fault_env, timeout=120)
        for secret in (self.password, self.secret_key):
            if secret:
                self.assertNotIn(secret, r.stdout + r.stderr)
        return r, (json.loads(r.stdout) if r.stdout.strip() else [])

    def rows(self):
        """{sha256: bytes} of the catalog's assets, read as its administrator; their addresses
        (the assets/ aliases, medialib-store-versions.c) in self.addresses, {address: bytes}"""
        r = subprocess.run([PSQL, '-X', '-q', '-A', '-t', '-F', '\t', required('MEDIALIB_TEST_PG_ADMIN'), '-c',
                            f'SELECT sha256, bytes, address FROM {self.schema}.assets'],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = {}
        self.addresses = {}
        for line in r.stdout.splitlines():
            sha, size, address = line.split('\t')
            self.assertNotIn(sha, rows, 'an asset is there twice')
            rows[sha] = int(size)
            self.addresses[address] = int(size)
        return rows

    def assert_rows_complete(self):
        """Every row names its file (the row's size and SHA-256) and its thumbnail in the
        bucket. Returns (rows, objects, the objects no row names)"""
        rows, objects = self.rows(), self.bucket.objects()
        by_sha = {}
        for key, size in objects.items():
            kind, sha = key.split('/')[0], os.path.basename(key).split('.')[0]
            by_sha.setdefault((kind, sha), []).append((key, size))
        named = set()
        for sha, size in rows.items():
            media = by_sha.get(('media', sha))
            self.assertTrue(media, f'the row of {sha} names a file that the bucket does not have')
            self.assertEqual(len(media), 1)
            key, stored = media[0]
            self.assertEqual(stored, size, f'{key} is not the size of its row')
            if sha not in self.checked:
                self.assertEqual(hashlib.sha256(self.bucket.request(key)).hexdigest(), sha, key)
                self.checked.add(sha)
            thumbnail = by_sha.get(('thumbnails', sha))
            self.assertTrue(thumbnail, f'the row of {sha} names a thumbnail that the bucket does not have')
            named |= {key, thumbnail[0][0]}
        # An asset's address, written after its row: a kill in between leaves none, but an
        # address is never anyone else's, and gives its asset's file
        for key, size in objects.items():
            if key.startswith('assets/'):
                address = os.path.basename(key).split('.')[0]
                self.assertIn(address, self.addresses, f'{key} is no asset\'s address')
                self.assertEqual(size, self.addresses[address], f'{key} is not the size of its asset')
                named.add(key)
        return rows, objects, set(objects) - named

    def assert_exactly(self, expected):
        """The catalog holds exactly the EXPECTED SHA-256s, and the bucket only their files"""
        rows, objects, unnamed = self.assert_rows_complete()
        self.assertEqual(set(rows), set(expected))
        self.assertEqual(unnamed, set(), 'objects that no row names were left')

    # --- The tests -------------------------------------------------------------------------

    def test_killed_at_twenty_moments(self):
        self.connect_bucket()
        expected = set()

        # A whole import first: how long one takes here, for spreading the kills over it
        files = self.folder('first', 12)
        start = time.monotonic()
        r, _ = self.run_import(os.path.dirname(next(iter(files))))
        duration = time.monotonic() - start
        self.assertEqual(r.returncode, 0, r.stderr)
        expected |= set(files.values())
        self.assert_exactly(expected)

        partial = leftovers = 0
        empty = os.path.join(self.tmp, 'empty')
        os.mkdir(empty)
        for moment in range(20):
            files = self.folder(f'round-{moment}', 12)
            folder = os.path.dirname(next(iter(files)))
            proc = subprocess.Popen(self.import_command(folder), stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, env=self.fault_env)
            time.sleep(duration * (moment + 0.5) / 20)
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)

            # Whatever the moment: no row without its objects, no row of anything else
            rows, _, unnamed = self.assert_rows_complete()
            self.assertLessEqual(set(rows), expected | set(files.values()))
            added = len(set(rows) - expected)
            partial += 0 < added < len(files)
            leftovers += len(unnamed) > 0

            # The sweep (which every import runs first; here an import of nothing) removes
            # what the killed import uploaded without adding its row, and nothing else
            r, results = self.run_import(empty)
            self.assertEqual((r.returncode, results), (0, []), r.stderr)
            after, _, unnamed = self.assert_rows_complete()
            self.assertEqual((after, unnamed), (rows, set()))

            # The same folder again: the set complete, exactly
            r, results = self.run_import(folder)
            self.assertEqual(r.returncode, 0, f'moment {moment}: {r.stderr}')
            self.assertEqual(sorted(x['status'] for x in results).count('rejected'), 0, results)
            expected |= set(files.values())
            self.assert_exactly(expected)

        # The kills fell in the middle of imports, and left objects for the sweep
        print(f'An import of 12 files took {duration:.2f} s; {partial} of the 20 kills stopped one '
              f'half-way, {leftovers} left objects without rows', file=sys.stderr)
        self.assertGreater(partial, 0, 'no kill fell half-way through an import')
        self.assertGreater(leftovers, 0, 'no kill left an object without its row')

    def test_database_restarted_during_an_import(self):
        # The gateway a little slow (5 ms a request), so that the import lasts long enough
        proxy = FaultProxy(self.endpoint)
        self.addCleanup(proxy.close)
        proxy.delay = 0.005
        self.connect_bucket(proxy.endpoint)
        files = self.folder('fifty', 50)
        folder = os.path.dirname(next(iter(files)))

        proc = subprocess.Popen(self.import_command(folder), stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, env=self.fault_env)
        deadline = time.monotonic() + 60
        while len(self.rows()) < 5 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        self.assertIsNone(proc.poll(), 'the import ended before PostgreSQL was stopped')
        # The uploads wait from here until the server is back, so that files are left to add
        # once it is, however long it takes to stop and start on this machine (with the
        # uploads let through while it was down, a slow machine ran through all the files
        # before it was back). The files uploaded already cannot be added while it is down.
        added_before = len(self.rows())
        try:
            proxy.running.clear()
            subprocess.run(shlex.split(required('MEDIALIB_TEST_PG_STOP')), check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(0.3)
            subprocess.run(shlex.split(required('MEDIALIB_TEST_PG_START')), check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        finally:
            proxy.running.set()
        out, err = proc.communicate(timeout=120)
        for secret in (self.password, self.secret_key):
            if secret:
                self.assertNotIn(secret, out + err)

        # Either it reconnected and finished, or it stopped the files it could not add with
        # an error naming the database server and what to do
        results = json.loads(out)
        self.assertEqual(len(results), 50)
        failed = [x for x in results if x['status'] != 'added']
        print(f'{added_before} files added before PostgreSQL restarted, {len(failed)} failed while it did',
              file=sys.stderr)
        if failed:
            print(f'e.g. {failed[0]["reason"]}', file=sys.stderr)
        # It reconnected: files were added after the restart, in the same run
        self.assertGreater(50 - len(failed), added_before + 5)
        pg_port = dict(kv.split('=', 1) for kv in required('MEDIALIB_TEST_PG').split())['port']
        for x in failed:
            self.assertEqual(x['status'], 'rejected', x)
            self.assertIn(f'127.0.0.1:{pg_port}', x['reason'])
            self.assertRegex(x['reason'], r'(?i)try again|check')
        self.assertEqual(proc.returncode, 1 if failed else 0, err)

        # Nothing half-written: every row complete; the rows are the ones reported added
        rows, _, _ = self.assert_rows_complete()
        self.assertEqual(set(rows), {files[x['path']] for x in results if x['status'] == 'added'})

        # The same folder again: all fifty, and nothing left over
        r, results = self.run_import(folder)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assert_exactly(set(files.values()))

    def test_gateway_unavailable(self):
        proxy = FaultProxy(self.endpoint)
        self.addCleanup(proxy.close)
        self.connect_bucket(proxy.endpoint)
        files = self.folder('some', 8)
        folder = os.path.dirname(next(iter(files)))
        paths = sorted(files)
        doomed = {files[p] for p in paths[:3]}
        attempts = {}

        # Three files' uploads answered 503 twice each: the retries get them through
        def twice(line):
            for sha in doomed:
                if line.startswith('PUT ') and f'/media/{sha[:2]}/{sha}.' in line:
                    attempts[sha] = attempts.get(sha, 0) + 1
                    return 503 if attempts[sha] <= 2 else None
            return None

        proxy.fail = twice
        r, results = self.run_import(folder)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual([x['status'] for x in results], ['added'] * 8)
        self.assertEqual(len(proxy.failed), 6)
        self.assertEqual({sha: n for sha, n in attempts.items()}, {sha: 3 for sha in doomed})
        first = set(files.values())
        self.assert_exactly(first)

        # Three files' uploads answered 503 every time: each one fails on its own, with the
        # server and the reason; the others are in; the failed ones have no row
        files = self.folder('more', 8)
        folder = os.path.dirname(next(iter(files)))
        paths = sorted(files)
        doomed = {files[p] for p in paths[:3]}
        proxy.failed.clear()
        proxy.fail = lambda line: 503 if line.startswith('PUT ') and any(
            f'/media/{sha[:2]}/{sha}.' in line for sha in doomed) else None
        start = time.monotonic()
        r, results = self.run_import(folder)
        self.assertEqual(r.returncode, 1, r.stderr)
        by_path = {x['path']: x for x in results}
        for path in paths:
            if files[path] in doomed:
                self.assertEqual(by_path[path]['status'], 'rejected')
                self.assertIn(f'127.0.0.1:{proxy.port}', by_path[path]['reason'])
                self.assertIn('503', by_path[path]['reason'])
                self.assertIn(os.path.basename(path), r.stderr)
            else:
                self.assertEqual(by_path[path]['status'], 'added')
        # 4 attempts of each failed upload
        self.assertEqual(len(proxy.failed), 12)
        self.assertLess(time.monotonic() - start, 60)
        rows, _, _ = self.assert_rows_complete()
        self.assertEqual(doomed & set(rows), set())
        self.assertEqual(set(rows), first | (set(files.values()) - doomed))

        # The gateway answers again: running the import again completes the set
        proxy.fail = lambda line: None
        r, results = self.run_import(folder)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assert_exactly(first | set(files.values()))

    def test_gateway_stopped(self):
        proxy = FaultProxy(self.endpoint)
        self.addCleanup(proxy.close)
        self.connect_bucket(proxy.endpoint)
        before = self.rows()

        files = self.folder('stopped', 3)
        folder = os.path.dirname(next(iter(files)))

        # Stopped: connections refused; every file fails, naming the store; no row
        proxy.close()
        r, results = self.run_import(folder)
        self.assertNotEqual(r.returncode, 0)
        self.assertIn(f'127.0.0.1:{proxy.port}', r.stdout + r.stderr)
        self.assertEqual([x['status'] for x in results], ['rejected'] * 3)
        for x in results:
            self.assertIn(f'127.0.0.1:{proxy.port}', x['reason'])
            self.assertIn('server is running', x['reason'])
        self.assertEqual(self.rows(), before)

        # Started again (on the same port): the import again completes the set
        proxy = FaultProxy(self.endpoint, port=proxy.port)
        self.addCleanup(proxy.close)
        r, results = self.run_import(folder)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assert_exactly(set(files.values()))


if __name__ == '__main__':
    unittest.main(verbosity=2)
