#!/usr/bin/env python3
# A real drag and drop: files dragged from another window onto the library are imported.
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
import harness  # noqa: E402

NAMES = ['drop-a.png', 'drop-b.png', 'drop-c.png']


def xdotool(*args):
    return subprocess.run(['xdotool', *args], check=True, capture_output=True, text=True,
                          timeout=20).stdout


def run(app):
    paths = [app.write(n, harness.png_bytes(50, 40, 20 + i)) for i, n in enumerate(NAMES)]
    app.start()
    harness.find(app.window, name=harness._('Drop images or folders here'), role='label')

    source = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(__file__), 'drag_source.py'),
                               *paths], stdout=subprocess.PIPE, text=True, env=app.env)
    try:
        assert source.stdout.readline().strip() == 'ready'
        # No window manager: both windows open at 0,0; put the source right of the library
        wid = xdotool('search', '--sync', '--onlyvisible', '--pid', str(source.pid)).split()[0]
        xdotool('windowmove', '--sync', wid, '1180', '100')
        x, y = 1300, 180
        xdotool('mousemove', str(x), str(y))
        xdotool('mousedown', '1')
        # Small steps, as a hand moves: the drag starts past GTK's threshold
        for step in range(1, 31):
            xdotool('mousemove', str(x - step * 23), str(y + step * 6))
            time.sleep(0.03)
        xdotool('mouseup', '1')

        for name in NAMES:
            harness.find(app.window, name=name, role='label', timeout=30)
        harness.wait_for(lambda: sorted(a['name'] for a in app.assets()) == sorted(NAMES), 30,
                         'the dropped files in the library')
    finally:
        source.terminate()
        source.wait(10)


if __name__ == '__main__':
    harness.scenario(run)
