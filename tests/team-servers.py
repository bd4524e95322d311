#!/usr/bin/env python3
# team-servers.py — the team library's real servers for the tests: PostgreSQL 17 and Ceph's
# RADOS Gateway (standalone, on its DBStore backend), each started on loopback in a temporary
# directory and stopped at the end
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# As a wrapper:   team-servers.py [--no-pg] [--no-s3] -- COMMAND [ARG]...
#   starts the servers, runs COMMAND with the variables below, stops the servers and exits
#   with COMMAND's status. A server that does not start is a failure (exit 1, naming the
#   server, its port and the end of its log), never a skip.
# As a module:    with TeamServers() as servers: servers.env[...]
#
# The variables (nothing secret leaves the test: the passwords and keys are made up per run):
#   MEDIALIB_TEST_PG          libpq connection string of the library's role (TCP, loopback)
#   MEDIALIB_TEST_PG_ADMIN    connection string of the superuser (Unix socket)
#   PGPASSWORD                the library role's password
#   MEDIALIB_TEST_S3_ENDPOINT http://127.0.0.1:PORT
#   AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY   an RGW user's keys
#   MEDIALIB_TEST_S3_ADMIN    "radosgw-admin -c CONF --no-mon-config -n client.rgw" (a command)
#   MEDIALIB_TEST_SERVERS_DIR the temporary directory
#   MEDIALIB_TEST_PG_STOP, MEDIALIB_TEST_PG_START   shell commands (shlex) that stop
#                             PostgreSQL and start it again on the same port, for the tests
#                             of a server out of reach

import os
import pwd
import queue
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

PG_BIN = '/usr/lib/postgresql/17/bin'
START_TIMEOUT = 60 * float(os.environ.get('MEDIALIB_TEST_TIMEOUT_MULTIPLIER', '1'))


class ServerError(Exception):
    pass


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def say(what):
    """Progress on stderr, so that a test log shows how far the servers got"""
    print(f'team-servers: {what}', file=sys.stderr, flush=True)


def log_tail(path, lines=20):
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            return ''.join(f.readlines()[-lines:])
    except OSError:
        return '(no log)'


def create_rgw_user(admin, uid, name, access, secret, timeout=START_TIMEOUT):
    """Runs `radosgw-admin user create`. On DBStore, Ceph 18's radosgw-admin creates the user
    and prints it, then now and then hangs or crashes on its way out: the printed user is
    the success, whatever happens after it (the process is then killed)."""
    process = subprocess.Popen(admin + ['user', 'create', f'--uid={uid}', f'--display-name={name}',
                                        f'--access-key={access}', f'--secret={secret}'],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines = queue.Queue()

    def pump():
        for line in process.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    printed, created = [], False
    deadline = time.monotonic() + timeout
    try:
        while not created:
            try:
                line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            if line is None:
                break
            printed.append(line)
            # The user's JSON ends with a '}' alone on its line
            created = line.rstrip('\n') == '}' and access in ''.join(printed)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
    return created


class TeamServers:
    def __init__(self, pg=True, s3=True):
        self.want_pg = pg
        self.want_s3 = s3
        self.dir = None
        self.pg_data = None
        self.pg_port = None
        self.rgw = None
        self.rgw_log = None
        self.env = {}

    # --- PostgreSQL ---------------------------------------------------------------------

    def _as_postgres(self, args, **kwargs):
        say(' '.join(os.path.basename(a) if i == 0 else a for i, a in enumerate(args[:2])))
        try:
            return subprocess.run(['runuser', '-u', 'postgres', '--'] + args, check=True,
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                  timeout=START_TIMEOUT, **kwargs)
        except subprocess.TimeoutExpired as e:
            raise ServerError(f'{os.path.basename(args[0])} did not finish in {START_TIMEOUT:.0f} s '
                              f'(PostgreSQL on 127.0.0.1:{self.pg_port}):\n{e.stdout or ""}')

    def start_pg(self):
        # PostgreSQL refuses to run as root: its files belong to the postgres user
        uid = pwd.getpwnam('postgres').pw_uid
        pg_dir = os.path.join(self.dir, 'pg')
        os.mkdir(pg_dir, 0o700)
        os.chown(pg_dir, uid, -1)
        self.pg_data = os.path.join(pg_dir, 'data')
        self.pg_port = free_port()
        log = os.path.join(pg_dir, 'server.log')
        password = secrets.token_hex(16)
        start = [PG_BIN + '/pg_ctl', '-D', self.pg_data, '-l', log, '-w',
                 '-t', str(int(START_TIMEOUT)), '-o',
                 f'-k {pg_dir} -c listen_addresses=127.0.0.1 -p {self.pg_port}'
                 ' -c fsync=off -c max_connections=100', 'start']
        try:
            self._as_postgres([PG_BIN + '/initdb', '-D', self.pg_data, '-U', 'postgres',
                               '--auth-local=trust', '--auth-host=scram-sha-256',
                               '--encoding=UTF8', '--locale=C.UTF-8'])
            self._as_postgres(start)
        except subprocess.CalledProcessError as e:
            raise ServerError(f'PostgreSQL did not start on 127.0.0.1:{self.pg_port}:\n'
                              f'{e.stdout}\n{log_tail(log)}')

        admin = f'host={pg_dir} port={self.pg_port} user=postgres dbname=postgres'
        try:
            self._as_postgres([PG_BIN + '/psql', '-v', 'ON_ERROR_STOP=1', '-q', admin,
                               '-c', f"CREATE ROLE medialib LOGIN PASSWORD '{password}'",
                               '-c', 'CREATE DATABASE medialib OWNER medialib'])
            # Extensions need a superuser: the database's administrator adds them once
            self._as_postgres([PG_BIN + '/psql', '-v', 'ON_ERROR_STOP=1', '-q',
                               admin.replace('dbname=postgres', 'dbname=medialib'), '-c',
                               'CREATE EXTENSION IF NOT EXISTS unaccent;'
                               'CREATE EXTENSION IF NOT EXISTS pg_trgm;'])
        except subprocess.CalledProcessError as e:
            raise ServerError(f'PostgreSQL on 127.0.0.1:{self.pg_port} refused the set-up:\n{e.stdout}')

        self.env.update({
            'MEDIALIB_TEST_PG': f'host=127.0.0.1 port={self.pg_port} dbname=medialib user=medialib',
            'MEDIALIB_TEST_PG_ADMIN': admin.replace('dbname=postgres', 'dbname=medialib'),
            'PGPASSWORD': password,
            # A fast shutdown: the server ends its sessions, as when it is restarted
            'MEDIALIB_TEST_PG_STOP': shlex.join(['runuser', '-u', 'postgres', '--', PG_BIN + '/pg_ctl',
                                                 '-D', self.pg_data, '-m', 'fast', '-w', 'stop']),
            'MEDIALIB_TEST_PG_START': shlex.join(['runuser', '-u', 'postgres', '--'] + start),
        })

    def stop_pg(self):
        if self.pg_data and os.path.isdir(self.pg_data):
            try:
                subprocess.run(['runuser', '-u', 'postgres', '--', PG_BIN + '/pg_ctl', '-D',
                                self.pg_data, '-m', 'immediate', '-w', 'stop'],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               timeout=START_TIMEOUT)
            except subprocess.TimeoutExpired:
                say(f'PostgreSQL on 127.0.0.1:{self.pg_port} did not stop in time')

    # --- RADOS Gateway ------------------------------------------------------------------

    def start_s3(self):
        rgw_dir = os.path.join(self.dir, 'rgw')
        os.makedirs(os.path.join(rgw_dir, 'db'))
        port = free_port()
        conf = os.path.join(rgw_dir, 'ceph.conf')
        self.rgw_log = os.path.join(rgw_dir, 'rgw.log')
        with open(conf, 'w') as f:
            f.write('[global]\n'
                    'auth_cluster_required = none\n'
                    'auth_service_required = none\n'
                    'auth_client_required = none\n'
                    '[client]\n'
                    'rgw backend store = dbstore\n'
                    'rgw config store = dbstore\n'
                    f'dbstore db dir = {rgw_dir}/db\n'
                    # Its default is /var/lib/ceph/radosgw/dbstore-config.db, one file for
                    # every gateway of the build root: two test runs at once wait on its lock
                    f'dbstore config uri = file:{rgw_dir}/db/dbstore-config.db\n'
                    f'rgw frontends = beast endpoint=127.0.0.1:{port}\n'
                    f'log file = {self.rgw_log}\n'
                    f'admin socket = {rgw_dir}/rgw.asok\n'
                    f'run dir = {rgw_dir}\n')
        base = ['-c', conf, '--no-mon-config', '-n', 'client.rgw']
        say(f'starting the RADOS Gateway on 127.0.0.1:{port}')
        self.rgw = subprocess.Popen(['radosgw'] + base + ['-f'], stdout=subprocess.DEVNULL,
                                    stderr=open(os.path.join(rgw_dir, 'stderr.log'), 'w'))
        endpoint = f'http://127.0.0.1:{port}'
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if self.rgw.poll() is not None:
                raise ServerError(f'the RADOS Gateway on {endpoint} exited at start '
                                  f'({self.rgw.returncode}):\n{log_tail(self.rgw_log)}')
            try:
                urllib.request.urlopen(endpoint + '/', timeout=2).read()
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if time.monotonic() > deadline:
                    raise ServerError(f'the RADOS Gateway did not answer on {endpoint}:\n'
                                      f'{log_tail(self.rgw_log)}')
                time.sleep(0.2)

        admin = ['radosgw-admin'] + base
        say(f'the RADOS Gateway answers on {endpoint}; creating its user')
        # radosgw-admin may also deadlock before it printed anything: a few tries, each a
        # user (and keys) of its own, so that one half made by a stuck try is no obstacle
        attempts = 3
        for attempt in range(1, attempts + 1):
            access, secret = 'MLTEST' + secrets.token_hex(7).upper(), secrets.token_hex(20)
            if create_rgw_user(admin, f'medialib{attempt}', 'Media Library tests', access, secret,
                               timeout=START_TIMEOUT / attempts):
                break
            say(f'radosgw-admin did not create the user (try {attempt} of {attempts})')
        else:
            raise ServerError(f'radosgw-admin did not create a user on {endpoint} in {attempts} tries:\n'
                              f'{log_tail(self.rgw_log)}')

        self.env.update({
            'MEDIALIB_TEST_S3_ENDPOINT': endpoint,
            'AWS_ACCESS_KEY_ID': access,
            'AWS_SECRET_ACCESS_KEY': secret,
            'MEDIALIB_TEST_S3_ADMIN': ' '.join(admin),
        })

    def stop_s3(self):
        if self.rgw and self.rgw.poll() is None:
            self.rgw.send_signal(signal.SIGTERM)
            try:
                self.rgw.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.rgw.kill()
                self.rgw.wait()

    # --- Both ---------------------------------------------------------------------------

    def __enter__(self):
        self.dir = tempfile.mkdtemp(prefix='medialib-team-')
        os.chmod(self.dir, 0o755)
        self.env['MEDIALIB_TEST_SERVERS_DIR'] = self.dir
        try:
            if self.want_pg:
                self.start_pg()
            if self.want_s3:
                self.start_s3()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, *exc):
        self.stop_s3()
        self.stop_pg()
        if self.dir:
            shutil.rmtree(self.dir, ignore_errors=True)
        return False


def stop_on_signal(signum, frame):
    # meson ends a test that runs too long with SIGTERM: stop the servers on the way out
    raise SystemExit(128 + signum)


def main(argv):
    signal.signal(signal.SIGTERM, stop_on_signal)
    signal.signal(signal.SIGINT, stop_on_signal)
    pg = '--no-pg' not in argv
    s3 = '--no-s3' not in argv
    if '--' not in argv or argv.index('--') == len(argv) - 1:
        print('usage: team-servers.py [--no-pg] [--no-s3] -- COMMAND [ARG]...', file=sys.stderr)
        return 2
    command = argv[argv.index('--') + 1:]

    # meson ends a test that runs too long with SIGTERM: the servers are stopped then too
    def on_sigterm(signum, frame):
        sys.exit(128 + signum)

    signal.signal(signal.SIGTERM, on_sigterm)
    try:
        with TeamServers(pg=pg, s3=s3) as servers:
            env = dict(os.environ, **servers.env)
            say('servers ready; running ' + os.path.basename(command[-1]))
            return subprocess.run(command, env=env).returncode
    except ServerError as e:
        print(f'team-servers: {e}', file=sys.stderr)
        return 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
