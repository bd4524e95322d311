#!/usr/bin/env python3
# test_team_cli.py — `medialib team connect` and `medialib team status`, and the commands on a
# team library, as real processes against the servers that tests/team-servers.py starts
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import itertools
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest
import urllib.error
import urllib.request
import time

sys.path.insert(0, os.path.dirname(__file__))
from test_cli import png_bytes  # noqa: E402
from test_cli_similar import crop, photo, png, shrink, stripes  # noqa: E402

BIN = os.environ['MEDIALIB_BIN']
PSQL = '/usr/lib/postgresql/17/bin/psql'
SCHEMAS = itertools.count(1)


def required(name):
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f'{name} is not set: run this test through tests/team-servers.py')
    return value


class TeamCase(unittest.TestCase):
    """A team library in a schema of its own on the test's servers"""

    def setUp(self):
        self.password = required('PGPASSWORD')
        self.tmp = tempfile.mkdtemp(prefix='medialib-team-cli-')
        self.lib = os.path.join(self.tmp, 'library')
        self.input = os.path.join(self.tmp, 'input')
        os.mkdir(self.input)
        self.env = dict(os.environ)
        self.env.pop('MEDIALIB_LIBRARY', None)
        for var in ('HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_CONFIG_HOME'):
            self.env[var] = os.path.join(self.tmp, 'home', var.lower())
        # libsecret's file backend: a keyring of this test's own, never the user's
        os.makedirs(os.path.join(self.tmp, 'keyring'))
        self.keyring = os.path.join(self.tmp, 'keyring', 'test.keyring')
        self.env.update(SECRET_BACKEND='file', SECRET_FILE_TEST_PATH=self.keyring,
                        SECRET_FILE_TEST_PASSWORD='keyring-test')
        self.secret_key = os.environ.get('AWS_SECRET_ACCESS_KEY', '')
        # A schema of its own, owned by the library's role, as a team's administrator makes
        self.schema = f'cli_{os.getpid()}_{next(SCHEMAS)}'
        role = dict(kv.split('=', 1) for kv in required('MEDIALIB_TEST_PG').split())['user']
        self.admin(f'CREATE SCHEMA {self.schema} AUTHORIZATION {role}')
        self.database = f"{required('MEDIALIB_TEST_PG')} options='-csearch_path={self.schema}'"
        self.endpoint = os.environ.get('MEDIALIB_TEST_S3_ENDPOINT', 'http://127.0.0.1:9')

    def tearDown(self):
        self.admin(f'DROP SCHEMA {self.schema} CASCADE')
        shutil.rmtree(self.tmp, ignore_errors=True)

    def admin(self, sql):
        r = subprocess.run([PSQL, '-X', '-q', '-v', 'ON_ERROR_STOP=1', required('MEDIALIB_TEST_PG_ADMIN'),
                            '-c', sql], capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)

    def run_cli(self, *args, library=None, env=None):
        argv = [BIN, '--library', library or self.lib] + list(args)
        r = subprocess.run(argv, capture_output=True, text=True, env=env or self.env, timeout=120)
        # The password and the secret key are never printed, whatever happened
        for secret in (self.password, self.secret_key):
            if secret:
                self.assertNotIn(secret, r.stdout)
                self.assertNotIn(secret, r.stderr)
        return r

    def connect(self, *args, library=None, env=None, database=None):
        return self.run_cli('team', 'connect', '--database', database or self.database,
                            '--s3-endpoint', self.endpoint, '--bucket', 'medialib-team', *args,
                            library=library, env=env)

    def bare_env(self, **extra):
        """The environment without any credential: no PGPASSWORD, no password file, no keys"""
        env = {k: v for k, v in self.env.items()
               if k not in ('PGPASSWORD', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY')}
        env['PGPASSFILE'] = os.path.join(self.tmp, 'no-pgpass')
        env.update(extra)
        return env

    def assert_no_secret_in_files(self):
        """No file under the test's folder (library, team.ini, cache, settings, the keyring
        itself, which the file backend encrypts) holds a credential in clear"""
        secrets = [s.encode() for s in (self.password, self.secret_key,
                                        os.environ.get('AWS_ACCESS_KEY_ID', '')) if s]
        seen = 0
        for folder, _, files in os.walk(self.tmp):
            for name in files:
                with open(os.path.join(folder, name), 'rb') as f:
                    data = f.read()
                seen += 1
                for secret in secrets:
                    self.assertNotIn(secret, data, os.path.join(folder, name))
        self.assertGreater(seen, 0)

    def write(self, name, data):
        path = os.path.join(self.input, name)
        with open(path, 'wb') as f:
            f.write(data)
        return path


class TeamCliTest(TeamCase):
    def test_connect_writes_team_ini_without_secrets(self):
        r = self.connect()
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn('team library', r.stdout)
        ini = os.path.join(self.lib, 'team.ini')
        self.assertEqual(stat.S_IMODE(os.stat(ini).st_mode), 0o600)
        with open(ini, encoding='utf-8') as f:
            text = f.read()
        self.assertIn('[team]', text)
        self.assertIn(f'search_path={self.schema}', text)
        self.assertIn(f'endpoint={self.endpoint}', text)
        self.assertIn('bucket=medialib-team', text)
        self.assertIn('url-expiry=604800', text)
        self.assertNotIn(self.password, text)
        self.assertNotIn('password', text)
        # Connecting again joins what is there
        r = self.connect()
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_status(self):
        self.assertEqual(self.connect().returncode, 0)
        r = self.run_cli('--json', 'team', 'status')
        self.assertEqual(r.returncode, 0, r.stderr)
        status = json.loads(r.stdout)
        self.assertEqual(set(status), {'database', 'endpoint', 'bucket', 'assets', 'reachable', 'credentials'})
        self.assertEqual(status['credentials'], 'environment')
        self.assertEqual(status['endpoint'], self.endpoint)
        self.assertEqual(status['bucket'], 'medialib-team')
        self.assertEqual(status['assets'], 0)
        self.assertIs(status['reachable'], True)
        self.assertIn('dbname=medialib', status['database'])
        r = self.run_cli('team', 'status')
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn('reachable: yes', r.stdout)
        self.assertIn('credentials: environment', r.stdout)

        # A local folder is not a team library
        r = self.run_cli('team', 'status', library=os.path.join(self.tmp, 'local'))
        self.assertEqual(r.returncode, 1)
        self.assertIn('not a team library', r.stderr)

    def test_status_of_a_server_that_is_gone(self):
        with open(os.path.join(self.tmp, 'team.ini'), 'w') as f:
            f.write('[team]\ndatabase=host=127.0.0.1 port=1 dbname=medialib user=medialib\n'
                    'endpoint=http://127.0.0.1:9\nbucket=b\n')
        r = self.run_cli('--json', 'team', 'status', library=self.tmp)
        self.assertEqual(r.returncode, 1)
        status = json.loads(r.stdout)
        self.assertIs(status['reachable'], False)
        self.assertIsNone(status['assets'])
        self.assertIn('cannot be reached', r.stderr)

    def test_import_and_list(self):
        self.assertEqual(self.connect().returncode, 0)
        self.write('Été banner.png', png_bytes(40, 20, 1))
        r = self.run_cli('import', '--tag', 'Summer', '--team', 'Growth', self.input)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertRegex(r.stdout, r'^added \d+ Été banner\.png$')
        r = self.run_cli('--json', 'list', '--query', 'ete')
        self.assertEqual(r.returncode, 0, r.stderr)
        assets = json.loads(r.stdout)
        self.assertEqual([a['name'] for a in assets], ['Été banner.png'])
        self.assertEqual(assets[0]['tags'], ['Summer'])
        self.assertEqual(assets[0]['teams'], ['Growth'])
        self.assertEqual((assets[0]['width'], assets[0]['height']), (40, 20))
        r = self.run_cli('tags')
        self.assertEqual(r.stdout.split(), ['Summer', '1'])
        # Its rows are in the database, not in a local library.db
        self.assertFalse(os.path.exists(os.path.join(self.lib, 'library.db')))
        r = self.run_cli('--json', 'team', 'status')
        self.assertEqual(json.loads(r.stdout)['assets'], 1)

    def test_similar_and_duplicates(self):
        """The same commands as on a local library, through the full command line:
        PostgreSQL's bit_count() of the hashes"""
        self.assertEqual(self.connect().returncode, 0)
        original = photo(240, 180, 1, 1)
        self.write('sunset.png', png(original))
        self.write('sunset-half.png', png(shrink(original, 2)))
        self.write('sunset-cropped.png', png(crop(original, 0.025)))
        self.write('stripes.png', png(stripes(160, 120)))
        r = self.run_cli('--json', 'import', self.input)
        self.assertEqual(r.returncode, 0, r.stderr)
        ids = {os.path.basename(x['path']): x['id'] for x in json.loads(r.stdout)}

        r = self.run_cli('--json', 'similar', str(ids['sunset.png']))
        self.assertEqual(r.returncode, 0, r.stderr)
        found = json.loads(r.stdout)
        self.assertEqual(sorted(a['name'] for a in found), ['sunset-cropped.png', 'sunset-half.png'])
        self.assertEqual([a['distance'] for a in found], sorted(a['distance'] for a in found))

        r = self.run_cli('--json', 'duplicates')
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual([sorted(a['name'] for a in g) for g in json.loads(r.stdout)],
                         [['sunset-cropped.png', 'sunset-half.png', 'sunset.png']])

        r = self.run_cli('similar', '999999')
        self.assertEqual(r.returncode, 1)
        self.assertIn('999999', r.stderr)

    def test_two_folders_see_each_other(self):
        other = os.path.join(self.tmp, 'other')
        self.assertEqual(self.connect().returncode, 0)
        self.assertEqual(self.connect(library=other).returncode, 0)
        self.write('shared.png', png_bytes(16, 16, 2))
        r = self.run_cli('import', '--tag', 'Launch', self.input,
                         env=dict(self.env, MEDIALIB_MEMBER_NAME='Amélie Martin'))
        self.assertEqual(r.returncode, 0, r.stderr)
        asset_id = r.stdout.split()[1]

        # Who added it, and when, as the other member sees it
        info = json.loads(self.run_cli('--json', 'info', asset_id, library=other).stdout)
        self.assertEqual(info['added_by'], 'Amélie Martin')
        self.assertRegex(info['added'], r'^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$')
        self.assertIn('added by:  Amélie Martin\n', self.run_cli('info', asset_id, library=other).stdout)

        # The other designer's machine sees it at once, and what it changes is seen back
        listed = json.loads(self.run_cli('--json', 'list', library=other).stdout)
        self.assertEqual([a['name'] for a in listed], ['shared.png'])
        r = self.run_cli('edit', asset_id, '--add-tag', 'Promo', '--rename', 'renamed.png', library=other)
        self.assertEqual(r.returncode, 0, r.stderr)
        listed = json.loads(self.run_cli('--json', 'list').stdout)
        self.assertEqual(listed[0]['name'], 'renamed.png')
        self.assertEqual(listed[0]['tags'], ['Launch', 'Promo'])
        r = self.run_cli('delete', asset_id, library=other)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(json.loads(self.run_cli('--json', 'list').stdout), [])

    def test_url_opens_without_credentials(self):
        # info's URL is a presigned http URL of the bucket's object (the asset's address,
        # assets/…): a plain GET, with no keys, returns the asset's bytes, also from the other
        # folder, which never had them
        self.assertEqual(self.connect().returncode, 0)
        data = png_bytes(24, 12, 3)
        self.write('url.png', data)
        r = self.run_cli('import', self.input)
        self.assertEqual(r.returncode, 0, r.stderr)
        asset_id = r.stdout.split()[1]
        other = os.path.join(self.tmp, 'other')
        self.assertEqual(self.connect(library=other).returncode, 0)
        for library in (self.lib, other):
            info = json.loads(self.run_cli('--json', 'info', asset_id, library=library).stdout)
            self.assertTrue(info['uri'].startswith(self.endpoint + '/medialib-team/assets/'), info['uri'])
            self.assertIn('X-Amz-Signature=', info['uri'])
            with urllib.request.urlopen(info['uri'], timeout=30) as answer:
                self.assertEqual(answer.read(), data)
        # Without the signature, the bucket refuses
        with self.assertRaises(urllib.error.HTTPError):
            urllib.request.urlopen(info['uri'].split('?')[0], timeout=30)

    def test_wrong_password_writes_nothing(self):
        env = dict(self.env, PGPASSWORD='not-the-password')
        r = self.connect(env=env)
        self.assertEqual(r.returncode, 1)
        self.assertIn('refused the password', r.stderr)
        self.assertNotIn('not-the-password', r.stderr + r.stdout)
        self.assertFalse(os.path.exists(self.lib))

    def test_unreachable_server_writes_nothing(self):
        r = self.connect(database='host=127.0.0.1 port=1 dbname=medialib user=medialib connect_timeout=5')
        self.assertEqual(r.returncode, 1)
        self.assertIn('cannot be reached', r.stderr)
        self.assertFalse(os.path.exists(self.lib))

    def test_password_in_the_connection_string_is_refused(self):
        r = self.connect(database=f'{self.database} password={self.password}')
        self.assertEqual(r.returncode, 2)
        self.assertIn('password', r.stderr)
        self.assertFalse(os.path.exists(self.lib))

    def test_a_local_library_is_not_connected(self):
        self.write('local.png', png_bytes(8, 8, 3))
        self.assertEqual(self.run_cli('import', self.input).returncode, 0)
        r = self.connect()
        self.assertEqual(r.returncode, 1)
        self.assertIn('local library', r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.lib, 'team.ini')))

    def test_backup_and_restore_say_where_the_backups_are(self):
        self.assertEqual(self.connect().returncode, 0)
        for args in (['backup'], ['backup', '--list'], ['restore', os.path.join(self.tmp, 'x.db')]):
            r = self.run_cli(*args)
            self.assertEqual(r.returncode, 1, args)
            self.assertIn('backed up with its database and its bucket', r.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.lib, 'backups')))

    # --- Credentials in the keyring ---------------------------------------------------------

    def test_saved_credentials_open_the_library(self):
        r = self.connect('--save-credentials')
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn('saved in the keyring', r.stdout)
        self.assertTrue(os.path.exists(self.keyring))

        # No PGPASSWORD, no password file, no AWS_*: the keyring has them
        bare = self.bare_env()
        r = self.run_cli('--json', 'team', 'status', env=bare)
        self.assertEqual(r.returncode, 0, r.stderr)
        status = json.loads(r.stdout)
        self.assertIs(status['reachable'], True)
        self.assertEqual(status['credentials'], 'keyring')
        r = self.run_cli('team', 'status', env=bare)
        self.assertIn('credentials: keyring', r.stdout)

        self.write('keyring.png', png_bytes(20, 10, 4))
        r = self.run_cli('import', '--tag', 'Saved', self.input, env=bare)
        self.assertEqual(r.returncode, 0, r.stderr)
        asset_id = r.stdout.split()[1]
        listed = json.loads(self.run_cli('--json', 'list', env=bare).stdout)
        self.assertEqual([a['name'] for a in listed], ['keyring.png'])
        info = json.loads(self.run_cli('--json', 'info', asset_id, env=bare).stdout)
        with urllib.request.urlopen(info['uri'], timeout=30) as answer:
            self.assertEqual(answer.read(), png_bytes(20, 10, 4))

        # Another folder on the same database and bucket finds the same items
        other = os.path.join(self.tmp, 'other')
        r = self.connect(library=other, env=bare)
        self.assertEqual(r.returncode, 0, r.stderr)
        listed = json.loads(self.run_cli('--json', 'list', library=other, env=bare).stdout)
        self.assertEqual([a['name'] for a in listed], ['keyring.png'])

        # The environment comes first, when it is there
        status = json.loads(self.run_cli('--json', 'team', 'status').stdout)
        self.assertEqual(status['credentials'], 'environment')

        self.assert_no_secret_in_files()

    def test_forget_credentials(self):
        self.assertEqual(self.connect('--save-credentials').returncode, 0)
        r = self.run_cli('team', 'forget-credentials')
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn('removed from the keyring', r.stdout)

        # Nothing left: the command says what is missing and what to do
        bare = self.bare_env()
        r = self.run_cli('list', env=bare)
        self.assertEqual(r.returncode, 1)
        self.assertIn('AWS_ACCESS_KEY_ID', r.stderr)
        self.assertIn('--save-credentials', r.stderr)
        r = self.run_cli('--json', 'team', 'status', env=bare)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(json.loads(r.stdout)['credentials'], 'missing')
        self.assertIs(json.loads(r.stdout)['reachable'], False)

        # The keys in the environment, the database's password nowhere
        keys_only = self.bare_env(AWS_ACCESS_KEY_ID=os.environ['AWS_ACCESS_KEY_ID'],
                                  AWS_SECRET_ACCESS_KEY=self.secret_key)
        r = self.run_cli('list', env=keys_only)
        self.assertEqual(r.returncode, 1)
        self.assertIn('asks for the password', r.stderr)
        self.assertIn('PGPASSWORD', r.stderr)
        self.assertIn('--save-credentials', r.stderr)
        r = self.run_cli('--json', 'team', 'status', env=keys_only)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(json.loads(r.stdout)['credentials'], 'missing')

        # Forgetting twice is no error; the environment still works
        self.assertEqual(self.run_cli('team', 'forget-credentials').returncode, 0)
        self.assertEqual(self.run_cli('list').returncode, 0)
        self.assert_no_secret_in_files()

    def test_wrong_password_in_the_keyring(self):
        self.assertEqual(self.connect('--save-credentials').returncode, 0)
        role = dict(kv.split('=', 1) for kv in required('MEDIALIB_TEST_PG').split())['user']
        # The role's password changed on the server: the keyring's is now wrong
        self.admin(f"ALTER ROLE {role} PASSWORD 'Changed-Passw0rd-17'")
        try:
            r = self.run_cli('list', env=self.bare_env())
            self.assertEqual(r.returncode, 1)
            self.assertIn('refused the password', r.stderr)
            self.assertIn('keyring', r.stderr)
            self.assertNotIn('Changed-Passw0rd-17', r.stderr + r.stdout)
        finally:
            self.admin(f"ALTER ROLE {role} PASSWORD '{self.password}'")

    def test_save_credentials_needs_them_in_the_environment(self):
        r = self.connect('--save-credentials', env=self.bare_env())
        self.assertEqual(r.returncode, 2)
        self.assertIn('PGPASSWORD', r.stderr)
        self.assertFalse(os.path.exists(self.lib))
        self.assertFalse(os.path.exists(self.keyring))

    def test_failed_connect_saves_nothing(self):
        env = dict(self.env, PGPASSWORD='not-the-password')
        r = self.connect('--save-credentials', env=env)
        self.assertEqual(r.returncode, 1)
        self.assertIn('refused the password', r.stderr)
        self.assertFalse(os.path.exists(self.lib))
        # Nothing in the keyring: the right connection finds no password there
        self.assertEqual(self.connect().returncode, 0)
        r = self.run_cli('--json', 'team', 'status', env=self.bare_env())
        self.assertEqual(json.loads(r.stdout)['credentials'], 'missing')


class TeamGenerateTest(TeamCase):
    """`medialib generate` on a team library: the company's daily quota, counted in the database
    for every member folder, as real processes against the AI stand-in server"""

    PROCESSES = 20
    LIMIT = 10    # the default of the ai-daily-limit setting
    MEMBERS = 4   # folders on the same servers, like four designers' machines

    def setUp(self):
        super().setUp()
        self.standin = subprocess.Popen([required('MEDIALIB_AI_STANDIN')], stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, text=True,
                                        env=dict(os.environ, STANDIN_KEY='sk-test'))
        self.url = self.standin.stdout.readline().strip()
        self.env.update(MEDIALIB_AI_BASE_URL=self.url, MEDIALIB_AI_MODEL='dall-e-2',
                        MEDIALIB_AI_API_KEY='sk-test', MEDIALIB_AI_TIMEOUT='60')
        self.members = [os.path.join(self.tmp, f'member{i}') for i in range(self.MEMBERS)]
        for member in self.members:
            r = self.connect(library=member)
            self.assertEqual(r.returncode, 0, r.stderr)

    def tearDown(self):
        stats = self.stats()
        self.standin.communicate(timeout=10)
        super().tearDown()
        self.assertEqual(stats['violations'], 0, 'a request broke the API contract')

    def stats(self):
        with urllib.request.urlopen(self.url.rsplit('/v1', 1)[0] + '/stats', timeout=30) as answer:
            return json.loads(answer.read())

    def admin_value(self, sql):
        r = subprocess.run([PSQL, '-X', '-q', '-At', '-v', 'ON_ERROR_STOP=1', required('MEDIALIB_TEST_PG_ADMIN'),
                            '-c', sql], capture_output=True, text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        return r.stdout.strip()

    def used(self, member):
        r = self.run_cli('--json', 'quota', library=member)
        self.assertEqual(r.returncode, 0, r.stderr)
        quota = json.loads(r.stdout)
        self.assertEqual(quota['limit'], self.LIMIT)
        return quota['used']

    def recorded(self):
        return int(self.admin_value(f'SELECT count(*) FROM {self.schema}.generations'))

    def generate_at_once(self, prompts, kill=()):
        """Runs `generate` for each prompt, each in its own process, from the member folders in
        turn, all at the same moment: the day's counter is locked (as an administrator would)
        until every process waits on it, then let go; the processes whose index is in @kill
        are killed (SIGKILL) while they wait for it. Returns [(exit status, stdout, stderr)]."""
        holder = subprocess.Popen([PSQL, '-X', '-q', '-v', 'ON_ERROR_STOP=1', required('MEDIALIB_TEST_PG_ADMIN')],
                                  stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                  text=True)
        procs = []
        try:
            holder.stdin.write(f'BEGIN;\nLOCK TABLE {self.schema}.quota_days IN ACCESS EXCLUSIVE MODE;\n')
            holder.stdin.flush()
            self.wait_for(f"SELECT count(*) FROM pg_locks WHERE relation = '{self.schema}.quota_days'::regclass"
                          " AND mode = 'AccessExclusiveLock' AND granted", 1, [])
            for i, prompt in enumerate(prompts):
                argv = [BIN, '--library', self.members[i % len(self.members)], 'generate', '--prompt', prompt]
                procs.append(subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                              env=self.env))
            # Everyone has opened the library and waits to reserve its slot
            self.wait_for("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                          " AND query LIKE '%quota_days%'", len(prompts), procs)
            for i in kill:
                procs[i].kill()
                procs[i].wait()
            _, err = holder.communicate('COMMIT;\n', timeout=30)
            self.assertEqual(holder.returncode, 0, err)
            results = []
            for proc in procs:
                out, err = proc.communicate(timeout=120)
                self.assertNotIn(self.password, out + err)
                results.append((proc.returncode, out, err))
            return results
        finally:
            for proc in procs + [holder]:
                if proc.poll() is None:
                    proc.kill()
                proc.communicate()

    def wait_for(self, sql, expected, procs):
        deadline = time.monotonic() + 60
        while int(self.admin_value(sql)) != expected:
            for proc in procs:
                if proc.poll() is not None:
                    self.fail(f'a process ended before the others: {proc.communicate()}')
            self.assertLess(time.monotonic(), deadline, f'never {expected}: {sql}')
            time.sleep(0.05)

    def test_twenty_at_once_exactly_the_limit(self):
        # [slow]: the server answers after 1.5 s, so that the generations that got a slot are
        # all under way together
        results = self.generate_at_once([f'A poster for the launch, take {i} [slow]'
                                         for i in range(self.PROCESSES)])
        succeeded = [r for r in results if r[0] == 0]
        refused = [r for r in results if r[0] != 0]
        self.assertEqual(len(succeeded), self.LIMIT, [r[2] for r in refused])
        self.assertEqual(len(refused), self.PROCESSES - self.LIMIT)
        for status, out, err in succeeded:
            self.assertEqual([l.split()[:2] for l in out.splitlines()], [['variant', str(i)] for i in range(1, 5)])
        for status, out, err in refused:
            self.assertEqual(status, 1, err)
            self.assertEqual(out, '')
            self.assertRegex(err.strip(), r'^medialib: No generations left today; more at midnight \(.+\)$')
        # The refused ones never asked the server; the others asked it together
        stats = self.stats()
        self.assertEqual(stats['requests'], self.LIMIT)
        self.assertGreater(stats['most_at_once'], 1)
        # The count is exact, the same from every member's folder
        for member in self.members:
            self.assertEqual(self.used(member), self.LIMIT)
        self.assertEqual(self.admin_value(f'SELECT used FROM {self.schema}.quota_days'), str(self.LIMIT))
        self.assertEqual(self.recorded(), self.LIMIT)
        # And one more is refused from anywhere
        r = self.run_cli('generate', '--prompt', 'one more', library=self.members[-1])
        self.assertEqual(r.returncode, 1)
        self.assertIn('No generations left today', r.stderr)
        self.assertEqual(self.stats()['requests'], self.LIMIT)

    def test_killed_generations_give_their_slots_back(self):
        # Four generations hold a slot each while the server keeps their requests, then their
        # processes are killed: the slots are not lost for the rest of the day
        hanging = [subprocess.Popen([BIN, '--library', member, 'generate', '--prompt', 'A poster [hang]'],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=self.env)
                   for member in self.members]
        try:
            deadline = time.monotonic() + 60
            while self.stats()['requests'] < len(hanging):
                self.assertLess(time.monotonic(), deadline, 'the generations never asked the server')
                time.sleep(0.05)
            self.assertEqual(self.used(self.members[0]), len(hanging))
        finally:
            for proc in hanging:
                proc.kill()
                proc.wait()
        # Their server sessions end with them
        reservations = f'SELECT count(*) FROM {self.schema}.quota_reservations'
        self.wait_for(f'{reservations} r WHERE r.backend IN (SELECT pid FROM pg_stat_activity)', 0, [])
        for member in self.members:
            self.assertEqual(self.used(member), 0)

        # Twenty at once, three of which are killed while they wait for the day's counter:
        # exactly the limit succeed, and what is counted is what was made
        results = self.generate_at_once([f'A poster, take {i}' for i in range(self.PROCESSES)], kill=(2, 9, 15))
        self.assertEqual([r[0] for i, r in enumerate(results) if i in (2, 9, 15)], [-9] * 3)
        succeeded = [r for r in results if r[0] == 0]
        self.assertEqual(len(succeeded), self.LIMIT, [r[2] for r in results if r[0] != 0])
        for status, out, err in results:
            if status > 0:
                self.assertIn('No generations left today', err)
        for member in self.members:
            self.assertEqual(self.used(member), self.LIMIT)
        self.assertEqual(self.admin_value(f'SELECT used FROM {self.schema}.quota_days'), str(self.LIMIT))
        self.assertEqual(self.recorded(), self.LIMIT)
        self.assertEqual(self.admin_value(reservations), '0')
        self.assertEqual(self.stats()['requests'], len(hanging) + self.LIMIT)

    def test_failed_generations_give_their_slots_back(self):
        # Twenty at once whose server fails: each that got a slot gives it back (some may be
        # refused while the slots are held), none is recorded
        results = self.generate_at_once([f'A poster, take {i} [500]' for i in range(self.PROCESSES)])
        for status, out, err in results:
            self.assertEqual(status, 1, err)
            self.assertEqual(out, '')
            self.assertTrue('HTTP 500' in err or 'No generations left today' in err, err)
        self.assertGreaterEqual(sum('HTTP 500' in r[2] for r in results), self.LIMIT)
        for member in self.members:
            self.assertEqual(self.used(member), 0)
        self.assertEqual(self.recorded(), 0)

        # Twenty more at once, three of which fail: each gets a slot, or is refused while
        # the others hold them all; what is counted is exactly what succeeded
        prompts = [f'A poster, take {i}' + (' [500]' if i % 7 == 3 else '') for i in range(self.PROCESSES)]
        results = self.generate_at_once(prompts)
        succeeded = sum(r[0] == 0 for r in results)
        for i, (status, out, err) in enumerate(results):
            if prompts[i].endswith('[500]'):
                self.assertEqual(status, 1)
                self.assertTrue('HTTP 500' in err or 'No generations left today' in err, err)
            elif status != 0:
                self.assertIn('No generations left today', err)
        self.assertGreaterEqual(succeeded, self.LIMIT - 3)
        self.assertLessEqual(succeeded, self.LIMIT)
        for member in self.members:
            self.assertEqual(self.used(member), succeeded)
        self.assertEqual(self.recorded(), succeeded)

        # The slots the failed ones gave back are there to take, and no more
        results = self.generate_at_once([f'Another poster, take {i}' for i in range(self.PROCESSES)])
        self.assertEqual(sum(r[0] == 0 for r in results), self.LIMIT - succeeded)
        for member in self.members:
            self.assertEqual(self.used(member), self.LIMIT)
        self.assertEqual(self.recorded(), self.LIMIT)

if __name__ == '__main__':
    unittest.main(verbosity=2)
