# bench/team_writes.py — benchmarks of a team library's writes, run by bench/run:
#
#   teamimport   the 50 bench photos into a team library vs into a local library
#   teamclients  8 clients (processes, library folders of their own, one team) importing at
#                once, each the 50 photos and 50 files of its own, vs one client importing
#                the 450; checks that exactly 450 rows and 450 objects come out
#   teamlive     an import by one member to the change in another member's model
#
# The servers (PostgreSQL and the RADOS Gateway, on loopback) are tests/team-servers.py's,
# started once for the run; every measured run gets a team of its own (a schema and a
# bucket), so that nothing is a duplicate of an earlier run's file.
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import atexit
import importlib.util
import itertools
import json
import os
import random
import resource
import shutil
import statistics
import struct
import subprocess
import sys
import time
import zlib

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, 'tests'))
from team_s3_list import list_keys, remove_bucket  # noqa: E402

PSQL = '/usr/lib/postgresql/17/bin/psql'
CLIENTS = 8
OWN = 50
LIVE_CHANGES = 100

run = None          # bench/run, for its helpers (measure, make_jpegs, RUNS…)
_servers = None
_teams = itertools.count(1)


def servers():
    """tests/team-servers.py's servers, started at the first call, stopped at exit"""
    global _servers
    if _servers is None:
        spec = importlib.util.spec_from_file_location('team_servers', os.path.join(TOP, 'tests', 'team-servers.py'))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        print('starting PostgreSQL and the RADOS Gateway…', flush=True)
        _servers = module.TeamServers().__enter__()
        atexit.register(_servers.__exit__, None, None, None)
    return _servers


class Team:
    """A team library of its own (a schema, a bucket) and the environment of its members"""

    def __init__(self, tmp):
        s = servers()
        n = next(_teams)
        self.schema, self.bucket = f'bench_{os.getpid()}_{n}', f'bench-{os.getpid()}-{n}'
        self.dir = os.path.join(tmp, f'team-{n}')
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(os.path.join(self.dir, 'keyring'))
        self.env = dict(os.environ, **s.env)
        self.env.pop('MEDIALIB_LIBRARY', None)
        for var in ('HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_CONFIG_HOME'):
            self.env[var] = os.path.join(self.dir, 'home', var.lower())
        # libsecret's file backend: never the user's keyring
        self.env.update(SECRET_BACKEND='file', SECRET_FILE_TEST_PASSWORD='bench',
                        SECRET_FILE_TEST_PATH=os.path.join(self.dir, 'keyring', 'bench.keyring'))
        self.admin(f'CREATE SCHEMA {self.schema} AUTHORIZATION medialib')
        self.database = f"{s.env['MEDIALIB_TEST_PG']} options='-csearch_path={self.schema}'"

    def admin(self, sql):
        return subprocess.run([PSQL, '-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1',
                               servers().env['MEDIALIB_TEST_PG_ADMIN'], '-c', sql],
                              check=True, capture_output=True, text=True).stdout.split()

    def connect(self, name):
        lib = os.path.join(self.dir, name)
        subprocess.run([run.MEDIALIB, '--library', lib, 'team', 'connect', '--database', self.database,
                        '--s3-endpoint', self.env['MEDIALIB_TEST_S3_ENDPOINT'], '--bucket', self.bucket],
                       check=True, stdout=subprocess.DEVNULL, env=self.env)
        return lib

    def check(self, expected):
        """Exactly EXPECTED rows, none twice, and as many originals and thumbnails in the
        bucket, each row's; raises when not"""
        rows, distinct = self.admin(f'SET search_path = {self.schema}; '
                                    'SELECT count(*), count(DISTINCT sha256) FROM assets')[0].split('|')
        keys = list_keys(self.env['MEDIALIB_TEST_S3_ENDPOINT'], self.bucket,
                         self.env['AWS_ACCESS_KEY_ID'], self.env['AWS_SECRET_ACCESS_KEY'])
        media = {os.path.basename(k).split('.')[0] for k in keys if k.startswith('media/')}
        thumbnails = [k for k in keys if k.startswith('thumbnails/')]
        shas = set(self.admin(f'SET search_path = {self.schema}; SELECT sha256 FROM assets'))
        found = (int(rows), int(distinct), len(media), len(thumbnails))
        if found != (expected,) * 4 or shas != media:
            raise RuntimeError(f'team {self.schema}: expected {expected} rows, objects and thumbnails; '
                               f'found {found[0]} rows ({found[1]} distinct), {found[2]} originals, '
                               f'{found[3]} thumbnails; rows without object: {len(shas - media)}, '
                               f'objects without row: {len(media - shas)}')

    def drop(self):
        """The schema, the bucket and the members' folders removed: the servers keep their
        data in the build root's /tmp, a tmpfs, which a run's teams would fill"""
        self.admin(f'DROP SCHEMA {self.schema} CASCADE')
        remove_bucket(self.env['MEDIALIB_TEST_S3_ENDPOINT'], self.bucket, self.env['AWS_ACCESS_KEY_ID'],
                      self.env['AWS_SECRET_ACCESS_KEY'])
        shutil.rmtree(self.dir, ignore_errors=True)


def png(width, height, seed):
    """A PNG of noise, different for every seed (small and quick to make)"""
    raw = random.Random(seed).randbytes(width * 3 * height)
    rows = b''.join(b'\0' + raw[y * width * 3:(y + 1) * width * 3] for y in range(height))

    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))

    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)) +
            chunk(b'IDAT', zlib.compress(rows, 1)) + chunk(b'IEND', b''))


def make_pngs(folder, count, seed, width=320, height=240):
    os.makedirs(folder, exist_ok=True)
    paths = []
    for i in range(count):
        path = os.path.join(folder, f'image-{seed + i:05d}.png')
        if not os.path.exists(path):
            with open(path, 'wb') as f:
                f.write(png(width, height, seed + i))
        paths.append(path)
    return paths


def keep_gateway_log():
    """A copy of the RADOS Gateway's log, to see why it refused something"""
    path = os.path.join(run.BUILD, 'bench', 'team-rgw.log')
    if _servers is not None and _servers.rgw_log and os.path.exists(_servers.rgw_log):
        shutil.copy(_servers.rgw_log, path)
    return path


def imported(out, err, code, who):
    """The results of `medialib --json import`; raises on an error or a rejected file"""
    if code != 0:
        rejected = sum(line.startswith('rejected ') for line in err.splitlines())
        raise RuntimeError(f'{who}: import failed ({code}, {rejected} files rejected; the gateway\'s log '
                           f'is in {keep_gateway_log()}): {err[-2000:]}')
    results = json.loads(out)
    bad = [r for r in results if r['status'] not in ('added', 'duplicate')]
    if bad:
        raise RuntimeError(f'{who}: {len(bad)} files not imported, the first: {bad[0]}')
    return results


def children_cpu():
    """User and system time of the waited-for child processes so far, in seconds"""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def interleaved(ours, ours_setup, base, base_setup):
    """run.measure() of OURS and of BASE, their runs taking turns, so that the load of a shared
    machine, which changes over a minute, weighs on both alike"""
    times = ([], [])
    for i in range(run.RUNS + 1):
        for func, setup, found in ((ours, ours_setup, times[0]), (base, base_setup, times[1])):
            t = func(setup())
            if i > 0:
                found.append(t)
    return tuple({'median': statistics.median(t), 'min': min(t), 'max': max(t), 'runs': run.RUNS}
                 for t in times)


# --- teamimport ------------------------------------------------------------------------------

def bench_teamimport(tmp):
    folder, paths = run.make_jpegs()
    size = sum(os.path.getsize(p) for p in paths) / len(paths) / 1e6

    def fresh_team(_=None):
        team = Team(tmp)
        return team, team.connect('library')

    def ours_once(arg):
        team, lib = arg
        start, cpu = time.perf_counter(), children_cpu()
        r = subprocess.run([run.MEDIALIB, '--library', lib, '--json', 'import', folder],
                           capture_output=True, text=True, env=team.env)
        t = time.perf_counter() - start
        cpu_times[0].append(children_cpu() - cpu)
        imported(r.stdout, r.stderr, r.returncode, 'team import')
        team.check(len(paths))
        team.drop()
        return t

    def fresh_library():
        lib = os.path.join(tmp, 'teamimport-local')
        shutil.rmtree(lib, ignore_errors=True)
        return lib

    def base_once(lib):
        cpu = children_cpu()
        t = run.timed([run.MEDIALIB, '--library', lib, 'import', folder])
        cpu_times[1].append(children_cpu() - cpu)
        return t

    cpu_times = ([], [])
    ours, base = interleaved(ours_once, fresh_team, base_once, fresh_library)
    # The warm-up's processor time is left out, as its wall time is
    cpu_ours, cpu_base = ({'median': statistics.median(c[1:]), 'min': min(c[1:]), 'max': max(c[1:]),
                           'runs': run.RUNS} for c in cpu_times)
    return [{'name': 'teamimport', 'what': f'medialib import of 50 JPEGs ({size:.1f} MB each) into a team '
                                           'library (PostgreSQL, RADOS Gateway on loopback)',
             'baseline': 'the same import into a local library', 'goal': 1.3, 'ours': ours, 'base': base},
            {'name': 'teamimport cpu', 'what': 'the processor time of the medialib process in those '
                                               'imports (user and system, all threads; the servers\' not '
                                               'counted)',
             'baseline': 'the local import\'s', 'goal': 1.3, 'ours': cpu_ours, 'base': cpu_base}]


# --- teamclients -----------------------------------------------------------------------------

def bench_teamclients(tmp):
    shared, _paths = run.make_jpegs()
    own = [os.path.join(run.DATA, 'team-own', f'client-{c}') for c in range(CLIENTS)]
    for c, folder in enumerate(own):
        make_pngs(folder, OWN, 100000 + c * OWN)
    total = len(_paths) + CLIENTS * OWN

    def clients_once(_):
        team = Team(tmp)
        libs = [team.connect(f'client-{c}') for c in range(CLIENTS)]
        start = time.perf_counter()
        procs = [subprocess.Popen([run.MEDIALIB, '--library', lib, '--json', 'import', shared, own[c]],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=team.env)
                 for c, lib in enumerate(libs)]
        outputs = [p.communicate() + (p.returncode,) for p in procs]
        t = time.perf_counter() - start
        added = 0
        for c, (out, err, code) in enumerate(outputs):
            results = imported(out, err, code, f'client {c}')
            if len(results) != len(_paths) + OWN:
                raise RuntimeError(f'client {c}: {len(results)} results for {len(_paths) + OWN} files')
            added += sum(r['status'] == 'added' for r in results)
        if added != total:
            raise RuntimeError(f'the clients added {added} files in all, not {total}')
        team.check(total)
        team.drop()
        return t

    def one_once(_):
        team = Team(tmp)
        lib = team.connect('alone')
        start = time.perf_counter()
        r = subprocess.run([run.MEDIALIB, '--library', lib, '--json', 'import', shared, *own],
                           capture_output=True, text=True, env=team.env)
        t = time.perf_counter() - start
        if sum(x['status'] == 'added' for x in imported(r.stdout, r.stderr, r.returncode, 'one client')) != total:
            raise RuntimeError(f'one client did not add {total} files')
        team.check(total)
        team.drop()
        return t

    ours = run.measure(clients_once)
    base = run.measure(one_once)
    return {'name': 'teamclients', 'what': f'{CLIENTS} clients importing at once into one team library, each '
                                           f'the 50 photos and {OWN} PNGs of its own: {total} assets and '
                                           f'{total} objects, checked',
            'baseline': f'one client importing the {total} files', 'goal': None, 'ours': ours, 'base': base}


# --- teamlive --------------------------------------------------------------------------------

def bench_teamlive(tmp):
    tool = os.path.join(run.BUILD, 'bench', 'bench-team-live')
    folder = os.path.join(tmp, 'teamlive-files')
    shutil.rmtree(folder, ignore_errors=True)
    latencies, from_start = [], []
    rounds = max(1, run.RUNS // 2)
    for r in range(rounds):
        team = Team(tmp)
        watcher_lib, importer_lib = team.connect('watcher'), team.connect('importer')
        files = make_pngs(os.path.join(folder, str(r)), LIVE_CHANGES, 200000 + r * LIVE_CHANGES, 64, 48)
        watcher = subprocess.Popen([tool, 'watch', watcher_lib, str(LIVE_CHANGES)], stdout=subprocess.PIPE,
                                   text=True, env=team.env)
        try:
            if watcher.stdout.readline().strip() != 'watching':
                raise RuntimeError('bench-team-live watch did not start')
            out = subprocess.run([tool, 'import', importer_lib, '50', *files], check=True, capture_output=True,
                                 text=True, env=team.env, timeout=600).stdout
            seen_out, _ = watcher.communicate(timeout=60)
        finally:
            if watcher.poll() is None:
                watcher.kill()
                watcher.wait()
        if watcher.returncode != 0:
            raise RuntimeError(f'bench-team-live watch ended with {watcher.returncode}')
        done = {int(w[1]): (int(w[2]), int(w[3])) for w in (l.split() for l in out.splitlines()) if w[0] == 'imported'}
        seen = {int(w[1]): int(w[2]) for w in (l.split() for l in seen_out.splitlines()) if w[0] == 'seen'}
        if set(seen) != set(done) or len(done) != LIVE_CHANGES:
            raise RuntimeError(f'{len(done)} imports, {len(seen)} seen by the other member, '
                               f'{len(set(done) - set(seen))} never seen')
        for id_, (start, end) in done.items():
            latencies.append((seen[id_] - end) / 1e6)
            from_start.append((seen[id_] - start) / 1e6)
        team.check(LIVE_CHANGES)
        team.drop()

    def percentiles(values):
        values = sorted(values)
        return {'p50': statistics.median(values), 'p95': values[int(0.95 * (len(values) - 1) + 0.5)],
                'max': values[-1], 'min': values[0]}

    p, s = percentiles(from_start), percentiles(latencies)
    return {'name': 'teamlive', 'kind': 'latency', 'goal': 1.0, 'changes': len(latencies),
            'what': f'an import of one small PNG by a member to the change in another member\'s model '
                    f'({len(latencies)} changes, {rounds} rounds)',
            'from_call': p, 'from_return': s, 'met': p['p95'] <= 1.0}


def benchmarks(bench_run):
    """The benchmarks of this file by name, for bench/run's BENCHMARKS"""
    global run
    run = bench_run
    return {'teamimport': bench_teamimport, 'teamclients': bench_teamclients, 'teamlive': bench_teamlive}
