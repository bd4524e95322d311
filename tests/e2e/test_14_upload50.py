#!/usr/bin/env python3
# Scenario 14: a folder of 50 images uploaded to a team library (the real servers of
# tests/team-servers.py) whose database takes 250 ms for each asset’s row, as a far server
# does: the progress line counts the files one by one ("Importing 7 of 50 — …"), Cancel
# stops the upload, and the toast's count of added files is what the library holds. The rows
# wait for an advisory lock that the scenario holds until it has found the progress line, so
# that a slow start (a sanitized build, a busy machine) does not see the upload almost over.
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import harness  # noqa: E402

SHOTS = os.environ.get('MEDIALIB_TEAM_SHOTS')
PSQL = '/usr/lib/postgresql/17/bin/psql'
SLOW_ROWS = '''
CREATE FUNCTION e2e_slow () RETURNS trigger LANGUAGE plpgsql
  AS $$ BEGIN PERFORM pg_advisory_xact_lock_shared (4242); PERFORM pg_sleep (0.25); RETURN NEW; END $$;
CREATE TRIGGER e2e_slow BEFORE INSERT ON assets FOR EACH ROW EXECUTE FUNCTION e2e_slow ();
'''


def need(variable):
    value = os.environ.get(variable)
    if not value:
        print(f'{variable} is not set: this scenario runs under tests/team-servers.py')
        sys.exit(1 if os.environ.get('CI') else 77)
    return value


def shot(app, name):
    path = app.screenshot('-' + name)
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        shutil.copy(path, os.path.join(SHOTS, os.path.basename(path)))


def progress_pattern():
    """The progress line's text, translated, as a pattern: its files done, its total"""
    text = harness._('Importing %u of %u — %s')
    parts = re.split(r'(%u|%s)', text)
    return re.compile(''.join({'%u': r'(\d+)', '%s': '.*'}.get(p, re.escape(p)) for p in parts) + '$')


def run(app):
    database = need('MEDIALIB_TEST_PG')
    r = app.cli('team', 'connect', '--database', database, '--s3-endpoint', need('MEDIALIB_TEST_S3_ENDPOINT'),
                '--bucket', 'medialib-e2e-upload50')
    assert r.returncode == 0, r.stderr
    subprocess.run([PSQL, '-v', 'ON_ERROR_STOP=1', '-q', database, '-c', SLOW_ROWS], check=True,
                   env=app.env, timeout=60)
    for i in range(50):
        app.write(f'shoot/frame-{i:02d}.png', harness.noisy_png_bytes(160, 120, i))
    gate = subprocess.Popen([PSQL, '-v', 'ON_ERROR_STOP=1', '-qAt', database], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=app.env)
    try:
        gate.stdin.write("SELECT 'held' FROM pg_advisory_lock (4242);\n")
        gate.stdin.flush()
        assert gate.stdout.readline().strip() == 'held', 'the advisory lock was not taken'
        app.start()

        app.open(os.path.join(app.files, 'shoot'))
        bar = harness.find(app.window, name=harness._('Import Progress'), role='progress bar', timeout=60)
        line = next(child for child in bar.parent.children if child.roleName == 'label')
        cancel = harness.find(app.window, name=harness.label('_Cancel'), role='button')
        app.focus()
        shot(app, 'progress')
    finally:
        gate.communicate('SELECT pg_advisory_unlock (4242);\n', timeout=60)

    # The line counts the files one by one as they are stored: read it over 8 files (from
    # wherever it is at first: a slow start may have missed a few)
    pattern = progress_pattern()
    seen = []
    deadline = time.monotonic() + 60 * harness.TIMEOUT_MULTIPLIER
    while not seen or seen[-1] < seen[0] + 8:
        assert time.monotonic() < deadline, f'the progress line said only {seen}'
        m = pattern.match(line.name or '')
        if m:
            done, total = int(m.group(1)), int(m.group(2))
            assert total == 50, line.name
            if not seen or seen[-1] != done:
                seen.append(done)
        time.sleep(0.03)
    print(f'the progress line said {seen}')
    assert seen == sorted(seen), seen
    # The line moved in steps of one file (a read may miss a step, never many)
    assert len(seen) >= 4, seen
    assert all(b - a <= 3 for a, b in zip(seen, seen[1:])), seen
    assert seen[-1] < 30, f'the upload was almost over before it could be cancelled: {seen}'

    # Cancel: the upload stops, and the toast says how many files the library holds
    cancel.doActionNamed('click')

    def cancelled():
        for node in harness.find_all(app.window, role='label'):
            m = re.fullmatch(re.escape(harness.ngettext('Import cancelled; %u file was added',
                                                        'Import cancelled; %u files were added', 2))
                             .replace('%u', r'(\d+)'), node.name or '')
            if m:
                return int(m.group(1))
        return None

    added = harness.wait_for(cancelled, 30, 'the toast of the cancelled import')
    held = len(app.assets())
    print(f'cancelled: {added} added, {held} in the library')
    assert held == added, (held, added)
    # Stopped (the files stored but not in yet add nothing), a few rows after the click
    assert seen[-1] <= added <= seen[-1] + 15 and added < 50, (seen, added)
    app.focus()
    shot(app, 'cancelled')


if __name__ == '__main__':
    harness.scenario(run)
