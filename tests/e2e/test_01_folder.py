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

    harness.find(app.window, name=harness.ngettext('%u file was not added', '%u files were not added', 10) % 10,
                timeout=60)
    assert len(app.assets()) == 50
    harness.find(app.window, name=harness.label('_See Why'), role='button').doActionNamed('click')
    dialog = harness.find(app.node, name=harness._('Import Summary'), role='dialog')
    harness.find_text(dialog, harness._(', ').join([harness.ngettext('%u added', '%u added', 50) % 50,
                                                    harness.ngettext('%u skipped', '%u skipped', 10) % 10]))
    for i in range(50, 60):
        harness.find(dialog, name=f'photo-{i:02d}.png', role='list item')
    harness.find_text(dialog, harness._('a folder upload takes at most %d files') % 50)


if __name__ == '__main__':
    harness.scenario(run)
