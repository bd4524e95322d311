#!/usr/bin/env python3
# test_team_concurrent.py — several clients, each a library folder of its own connected to the
# same team library, importing at the same moment through the real command line: every file
# becomes exactly one row and one object, whoever stored it first
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(__file__))
from test_cli import png_bytes  # noqa: E402
from http_proxy import HttpProxy  # noqa: E402
from test_team_cli import BIN, PSQL, TeamCase, required  # noqa: E402
from team_s3_list import list_keys  # noqa: E402

CLIENTS = 4
SHARED = 10
OWN = 5


class SlowUploadProxy(HttpProxy):
    """The gateway behind a proxy of ours (tests/http_proxy.py) that holds every upload of an
    original (PUT …/media/…) for HOLD seconds before passing it on, as a far bucket would,
    and counts how many it holds at once"""

    HOLD = 0.8

    def __init__(self, upstream):
        self.lock = threading.Lock()
        self.holding = 0
        self.most = 0
        self.uploads = 0
        super().__init__(upstream)

    def before_body(self, request_line):
        method, target = request_line.split()[:2]
        if method == 'PUT' and '/media/' in target:
            with self.lock:
                self.holding += 1
                self.uploads += 1
                self.most = max(self.most, self.holding)
            time.sleep(self.HOLD)
            with self.lock:
                self.holding -= 1
        return False


class TeamConcurrentImportTest(TeamCase):
    def psql(self, sql):
        r = subprocess.run([PSQL, '-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1',
                            required('MEDIALIB_TEST_PG_ADMIN'), '-c',
                            f'SET search_path = {self.schema}; {sql}'],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout.split()

    def test_clients_importing_at_once(self):
        bucket = 'concurrent-' + self.schema.replace('_', '-')
        shared = os.path.join(self.tmp, 'shared')
        os.mkdir(shared)
        for i in range(SHARED):
            with open(os.path.join(shared, f'shared {i:02d}.png'), 'wb') as f:
                f.write(png_bytes(48, 32, 1000 + i))

        clients = []
        for c in range(CLIENTS):
            lib = os.path.join(self.tmp, f'client-{c}')
            own = os.path.join(self.tmp, f'own-{c}')
            os.mkdir(own)
            for i in range(OWN):
                with open(os.path.join(own, f'own {c}-{i}.png'), 'wb') as f:
                    f.write(png_bytes(40, 24, 2000 + c * 100 + i))
            r = self.run_cli('team', 'connect', '--database', self.database, '--s3-endpoint',
                             self.endpoint, '--bucket', bucket, library=lib)
            self.assertEqual(r.returncode, 0, r.stderr)
            clients.append((lib, own))

        # All at once: each process starts before any has finished
        procs = [subprocess.Popen([BIN, '--library', lib, '--json', 'import', shared, own],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env=self.env)
                 for lib, own in clients]
        outputs = [p.communicate(timeout=120) + (p.returncode,) for p in procs]

        for out, err, code in outputs:
            self.assertEqual(code, 0, err)
            self.assertEqual(err, '')
            results = json.loads(out)
            self.assertEqual(len(results), SHARED + OWN)
            for r in results:
                self.assertIn(r['status'], ('added', 'duplicate'), r)
                self.assertGreater(r['id'], 0)
        # The shared files were added once, by one client or another, and are the same rows
        # for everyone; each client's own files were added by it
        statuses = [{os.path.basename(r['path']): (r['status'], r['id']) for r in json.loads(out)}
                    for out, _, _ in outputs]
        for i in range(SHARED):
            name = f'shared {i:02d}.png'
            self.assertEqual(sum(s[name][0] == 'added' for s in statuses), 1, name)
            self.assertEqual(len({s[name][1] for s in statuses}), 1, name)
        for c in range(CLIENTS):
            for i in range(OWN):
                self.assertEqual(statuses[c][f'own {c}-{i}.png'][0], 'added')

        total = SHARED + CLIENTS * OWN
        self.assertEqual(self.psql('SELECT count(*), count(DISTINCT sha256) FROM assets'),
                         [f'{total}|{total}'])
        keys = list_keys(self.endpoint, bucket, required('AWS_ACCESS_KEY_ID'),
                         required('AWS_SECRET_ACCESS_KEY'))
        media = [k for k in keys if k.startswith('media/')]
        thumbnails = [k for k in keys if k.startswith('thumbnails/')]
        self.assertEqual(len(media), total)
        self.assertEqual(len(thumbnails), total)
        # and each asset's address (medialib-store-versions.c)
        addresses = [k for k in keys if k.startswith('assets/')]
        self.assertEqual(len(addresses), total)
        self.assertEqual(len(keys), 3 * total, [k for k in keys if not k.startswith(('media/', 'thumbnails/', 'assets/'))])
        # Every row names an object of the bucket
        names = {os.path.basename(k).split('.')[0] for k in media}
        self.assertEqual(set(self.psql('SELECT sha256 FROM assets')), names)
        # And a client sees all of them
        r = self.run_cli('--json', 'team', 'status', library=clients[0][0])
        self.assertEqual(json.loads(r.stdout)['assets'], total)


    def test_uploads_in_flight_while_others_are_checked(self):
        # Uploads wait on the network: a team library has up to 8 of them in flight, whatever
        # the number of cores (at most one file per core is read and checked at a time)
        proxy = SlowUploadProxy(self.endpoint)
        self.addCleanup(proxy.close)
        for i in range(8):
            self.write(f'far {i}.png', png_bytes(40, 24, 3000 + i))
        r = self.run_cli('team', 'connect', '--database', self.database, '--s3-endpoint', proxy.endpoint,
                         '--bucket', 'inflight-' + self.schema.replace('_', '-'))
        self.assertEqual(r.returncode, 0, r.stderr)
        start = time.monotonic()
        r = self.run_cli('--json', 'import', self.input)
        elapsed = time.monotonic() - start
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual([x['status'] for x in json.loads(r.stdout)], ['added'] * 8)
        self.assertEqual(proxy.uploads, 8)
        self.assertEqual(proxy.most, 8)
        # One after the other, they would take 8 holds
        self.assertLess(elapsed, 4 * proxy.HOLD)


if __name__ == '__main__':
    unittest.main(verbosity=2)
