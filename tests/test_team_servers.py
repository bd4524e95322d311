#!/usr/bin/env python3
# test_team_servers.py — the team servers that tests/team-servers.py starts answer as the
# team library expects: the library's role logs in over TCP with its password (and not
# without it), unaccent and pg_trgm are there, and the RADOS Gateway speaks S3
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import unittest
import urllib.error
import urllib.request

PSQL = '/usr/lib/postgresql/17/bin/psql'


def required(name):
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f'{name} is not set: run this test through tests/team-servers.py')
    return value


class TeamServersTest(unittest.TestCase):
    def psql(self, sql, env=None):
        return subprocess.run([PSQL, '-X', '-A', '-t', '-v', 'ON_ERROR_STOP=1',
                               required('MEDIALIB_TEST_PG'), '-c', sql],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=env if env is not None else os.environ)

    def test_role_logs_in_with_its_password(self):
        result = self.psql("SELECT current_user, unaccent('Été'), similarity('banner', 'banners') > 0.5")
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.strip(), 'medialib|Ete|t')

    def test_role_is_refused_without_password(self):
        env = {k: v for k, v in os.environ.items() if k != 'PGPASSWORD'}
        env['PGPASSWORD'] = 'wrong'
        result = self.psql('SELECT 1', env=env)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn('password authentication failed', result.stderr)

    def test_gateway_speaks_s3(self):
        endpoint = required('MEDIALIB_TEST_S3_ENDPOINT')
        self.assertTrue(endpoint.startswith('http://127.0.0.1:'))
        body = urllib.request.urlopen(endpoint + '/', timeout=10).read().decode()
        self.assertIn('ListAllMyBucketsResult', body)
        # An anonymous write is refused
        request = urllib.request.Request(endpoint + '/no-such-bucket', method='PUT')
        with self.assertRaises(urllib.error.HTTPError) as raised:
            urllib.request.urlopen(request, timeout=10)
        self.assertIn(raised.exception.code, (400, 403))
        self.assertTrue(required('AWS_ACCESS_KEY_ID').startswith('MLTEST'))


if __name__ == '__main__':
    unittest.main(verbosity=2)
