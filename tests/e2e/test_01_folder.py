#!/usr/bin/env python3
# Scenario 1: a folder of 60 generated images, opened through the app's "open" handler (as
# Files' "Open With" does): 50 added, the summary names the 10 skipped.
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import harness  # noqa: E402


def run(app):
    for i in range(60):
        app.write(f'campaign/photo-{i:02d}.png', harness.png_bytes(24, 16, i))
    app.start()

    app.open(os.path.join(app.files, 'campaign'))

    harness.find(app.window, name='10 files were not added', timeout=60)
    assert len(app.assets()) == 50
    harness.find(app.window, name='See Why', role='button').doActionNamed('click')
    dialog = harness.find(app.node, name='Import Summary', role='dialog')
    harness.find_text(dialog, '50 added, 10 skipped')
    for i in range(50, 60):
        harness.find(dialog, name=f'photo-{i:02d}.png', role='list item')
    harness.find_text(dialog, 'a folder upload takes at most 50 files')


if __name__ == '__main__':
    harness.scenario(run)
