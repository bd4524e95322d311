#!/usr/bin/env python3
# test_team_access.py — a team library whose servers refuse access: a wrong password or
# secret key, keys without rights on the bucket, an expired shared address, an object store
# whose certificate is not trusted; each a clear message, exit status 1, no secret anywhere,
# and the catalog unchanged. Real processes against the servers of tests/team-servers.py.
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import importlib.util
import json
import os
import secrets
import shlex
import sys
import time
import unittest
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
from test_cli import png_bytes  # noqa: E402
from test_team_cli import TeamCase, required  # noqa: E402
from tls_proxy import TlsProxy  # noqa: E402

_spec = importlib.util.spec_from_file_location('team_servers', os.path.join(os.path.dirname(__file__),
                                                                            'team-servers.py'))
team_servers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(team_servers)


class TeamAccessTest(TeamCase):
    def setUp(self):
        super().setUp()
        self.access_key = required('AWS_ACCESS_KEY_ID')
        self.outputs = []

    def tearDown(self):
        # No credential in any output, any file under the test's folder, or the gateway's log
        secret_values = [s for s in (self.password, self.secret_key, getattr(self, 'other_secret', None)) if s]
        for stdout, stderr in self.outputs:
            for secret in secret_values:
                self.assertNotIn(secret, stdout + stderr)
            # An asset's address is presigned where it is shown (list, info); never in an error
            self.assertNotIn('X-Amz-Signature=', stderr)
            self.assertNotIn('X-Amz-Credential=', stderr)
        self.assert_no_secret_in_files()
        super().tearDown()

    def run_cli(self, *args, **kwargs):
        r = super().run_cli(*args, **kwargs)
        self.outputs.append((r.stdout, r.stderr))
        return r

    def assert_refused(self, r, *words):
        """Exit status 1, nothing on stdout, one message on stderr that says each of @words"""
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        for word in words:
            self.assertIn(word, r.stderr)
        self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)
        self.assertNotIn('CRITICAL', r.stderr)

    def assert_rejected(self, r, name, *words):
        """An import whose one file is refused: exit status 1, and its line says why"""
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(len(lines), 1, r.stdout)
        self.assertTrue(lines[0].startswith('rejected ') and name in lines[0], lines[0])
        for word in words:
            self.assertIn(word, lines[0])

    def assets(self):
        r = self.run_cli('--json', 'list')
        self.assertEqual(r.returncode, 0, r.stderr)
        return [a['name'] for a in json.loads(r.stdout)]

    def import_one(self, name, seed, env=None):
        self.write(name, png_bytes(24, 12, seed))
        return self.run_cli('import', self.input, env=env)

    # --- The database's password ------------------------------------------------------------

    def test_wrong_password_on_a_connected_library(self):
        # (connecting with a wrong password is test_team_cli's): a member whose password is
        # wrong can neither read nor import, and is told which server refused and what to do
        self.assertEqual(self.connect().returncode, 0)
        self.assertEqual(self.import_one('first.png', 1).returncode, 0)
        wrong = dict(self.env, PGPASSWORD='Not-The-Passw0rd')
        for args in (['list'], ['import', self.input], ['team', 'status']):
            r = self.run_cli(*args, env=wrong)
            self.assert_refused(r, 'refused the password', '127.0.0.1')
            self.assertNotIn('Not-The-Passw0rd', r.stdout + r.stderr)
        self.assertEqual(self.assets(), ['first.png'])

    # --- The object store's keys ------------------------------------------------------------

    def test_wrong_secret_key(self):
        wrong = dict(self.env, AWS_SECRET_ACCESS_KEY='not' + self.secret_key[3:])
        r = self.connect(env=wrong)
        self.assert_refused(r, 'refused the keys', 'secret key')
        self.assertNotIn(wrong['AWS_SECRET_ACCESS_KEY'], r.stderr)
        self.assertFalse(os.path.exists(self.lib))

        # A library connected with the right keys, then used with a wrong one: nothing added
        self.assertEqual(self.connect().returncode, 0)
        r = self.import_one('wrong-key.png', 2, env=wrong)
        self.assert_rejected(r, 'wrong-key.png', 'refused the keys (SignatureDoesNotMatch)', 'secret key')
        self.assertNotIn(wrong['AWS_SECRET_ACCESS_KEY'], r.stdout + r.stderr)
        r = self.run_cli('team', 'status', env=wrong)
        self.assertEqual(r.returncode, 1)
        self.assertIn('reachable: no', r.stdout)
        self.assertIn('refused the keys', r.stderr)
        self.assertEqual(self.assets(), [])

    def test_keys_without_rights_on_the_bucket(self):
        # The bucket is the first user's; a second user of the same gateway has no rights on it
        self.assertEqual(self.connect().returncode, 0)
        self.assertEqual(self.import_one('theirs.png', 3).returncode, 0)
        other_key, self.other_secret = 'MLOTHER' + secrets.token_hex(6).upper(), secrets.token_hex(20)
        admin = shlex.split(required('MEDIALIB_TEST_S3_ADMIN'))
        self.assertTrue(team_servers.create_rgw_user(admin, 'other' + secrets.token_hex(4), 'No rights',
                                                     other_key, self.other_secret, timeout=60))
        other = dict(self.env, AWS_ACCESS_KEY_ID=other_key, AWS_SECRET_ACCESS_KEY=self.other_secret)

        r = self.connect(library=os.path.join(self.tmp, 'other'), env=other)
        self.assert_refused(r, 'The bucket “medialib-team” at 127.0.0.1:', 'gives these keys no access to it',
                            'administrator')
        self.assertFalse(os.path.exists(os.path.join(self.tmp, 'other')))

        os.unlink(os.path.join(self.input, 'theirs.png'))
        self.write('mine.png', png_bytes(30, 10, 4))
        r = self.run_cli('import', self.input, env=other)
        self.assert_rejected(r, 'mine.png', 'refused these keys access to the bucket “medialib-team” (AccessDenied)',
                             'administrator')
        r = self.run_cli('--json', 'team', 'status', env=other)
        self.assertEqual(r.returncode, 1)
        self.assertIs(json.loads(r.stdout)['reachable'], False)
        self.assertIn('refused these keys access', r.stderr)
        self.assertEqual(self.assets(), ['theirs.png'])

    # --- Shared addresses -------------------------------------------------------------------

    def test_shared_address_expires_and_a_fresh_one_is_made_each_time(self):
        self.assertEqual(self.connect().returncode, 0)
        r = self.import_one('shared.png', 5)
        self.assertEqual(r.returncode, 0, r.stderr)
        asset_id = r.stdout.split()[1]
        ini = os.path.join(self.lib, 'team.ini')
        with open(ini, encoding='utf-8') as f:
            text = f.read()
        with open(ini, 'w', encoding='utf-8') as f:
            f.write(text.replace('url-expiry=604800', 'url-expiry=2'))

        first = json.loads(self.run_cli('--json', 'info', asset_id).stdout)['uri']
        self.assertIn('X-Amz-Expires=2&', first)
        with urllib.request.urlopen(first, timeout=30) as answer:
            self.assertEqual(answer.read(), png_bytes(24, 12, 5))
        time.sleep(3.5)
        # Expired: the store refuses it, to anyone, without credentials
        with self.assertRaises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(first, timeout=30)
        self.assertEqual(refused.exception.code, 403)
        # Asking again makes a new one, which works
        second = json.loads(self.run_cli('--json', 'info', asset_id).stdout)['uri']
        self.assertNotEqual(second, first)
        with urllib.request.urlopen(second, timeout=30) as answer:
            self.assertEqual(answer.read(), png_bytes(24, 12, 5))

    # --- TLS --------------------------------------------------------------------------------

    def test_certificate_not_trusted_then_trusted(self):
        proxy = TlsProxy(self.tmp, self.endpoint)
        self.addCleanup(proxy.close)
        self.endpoint = proxy.endpoint
        r = self.connect()
        self.assert_refused(r, f'The object store at 127.0.0.1:{proxy.endpoint.rsplit(":", 1)[1]}',
                            'certificate that this computer does not trust',
                            'or choose its file as the team library’s certificate authority',
                            '(--ca-file on the command line)')
        self.assertFalse(os.path.exists(self.lib))
        self.assertEqual(proxy.handshakes, 0)
        # In French too
        r = self.connect(env=dict(self.env, LANGUAGE='fr', LC_ALL='fr_FR.UTF-8'))
        self.assert_refused(r, 'a présenté un certificat auquel cet ordinateur ne fait pas confiance',
                            'choisissez son fichier comme autorité de certification de la médiathèque d’équipe',
                            '(--ca-file en ligne de commande)')

        # Its authority given: connect, import, list, share
        r = self.connect('--ca-file', proxy.cert)
        self.assertEqual(r.returncode, 0, r.stderr)
        with open(os.path.join(self.lib, 'team.ini'), encoding='utf-8') as f:
            self.assertIn(f'ca-file={proxy.cert}\n', f.read())
        r = self.import_one('secure.png', 6)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(self.assets(), ['secure.png'])
        self.assertGreater(proxy.handshakes, 0)

        # A certificate file that is not there says so
        r = self.connect('--ca-file', os.path.join(self.tmp, 'missing.crt'), library=os.path.join(self.tmp, 'x'))
        self.assert_refused(r, 'The certificate authority file', 'missing.crt', 'cannot be used', 'PEM')
        self.assertNotIn('..', r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, 'x')))


if __name__ == '__main__':
    unittest.main(verbosity=2)
