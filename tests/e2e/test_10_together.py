#!/usr/bin/env python3
# Scenario 10: the command line and a second launch while the window imports a folder: one
# instance, no "database is locked", everything from both imports in the library.
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
import harness  # noqa: E402


def on_library(pid, library):
    """Whether process PID was started on LIBRARY (MEDIALIB_LIBRARY in its environment)."""
    try:
        with open(f'/proc/{pid}/environ', 'rb') as f:
            return f'MEDIALIB_LIBRARY={library}'.encode() in f.read().split(b'\0')
    except OSError:  # ended meanwhile
        return False


def run(app):
    # Big enough that the window's import takes a while
    for i in range(50):
        app.write(f'window/photo-{i:02d}.png', harness.noisy_png_bytes(400, 300, i))
    for i in range(20):
        app.write(f'cli/shot-{i:02d}.png', harness.noisy_png_bytes(200, 150, 100 + i))
    late = app.write('late.png', harness.png_bytes(30, 20, 7))
    app.start()

    # The running instance takes the folder and starts importing; the command line starts at
    # once (whether the window is still at it is printed below, not required: it depends on
    # the machine's speed)
    app.open(os.path.join(app.files, 'window'))
    window_busy = bool(harness.find_all(app.window, name=harness.label('_Cancel'), role='button'))

    # While it runs: an import and reads from the command line, and a second launch
    cli = subprocess.Popen([harness.BIN, '--library', app.library, 'import', os.path.join(app.files, 'cli')],
                           env=app.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    reads = 0
    while cli.poll() is None:
        r = app.cli('--json', 'list')
        assert r.returncode == 0, r.stderr
        reads += 1
    out, err = cli.communicate()
    assert cli.returncode == 0, err
    assert 'locked' not in err, err
    app.open(late)

    harness.wait_for(lambda: len(app.assets()) == 71, 120, 'all 71 assets')
    names = {a['name'] for a in app.assets()}
    assert {f'photo-{i:02d}.png' for i in range(50)} <= names
    assert {f'shot-{i:02d}.png' for i in range(20)} <= names
    assert 'late.png' in names
    # One instance: the second launch went to the running app and exited (the app's
    # processes on this library: other scenarios may run their own at the same time)
    procs = subprocess.run(['pgrep', '-f', '^' + harness.BIN + '$'], capture_output=True, text=True)
    ours = [pid for pid in procs.stdout.split() if on_library(pid, app.library)]
    assert ours == [str(app.proc.pid)], (ours, app.proc.pid)
    harness.find(app.window, name='late.png', role='label', timeout=60)
    print(f'{reads} listings while the imports ran; the window was importing: {window_busy}')


if __name__ == '__main__':
    harness.scenario(run)
