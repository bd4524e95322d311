#!/usr/bin/env python3
# Scenario 7: a rejected file (a .png that is text): the summary shows the reason; the
# library is unchanged.
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import harness  # noqa: E402


def run(app):
    app.cli('import', app.write('kept.png', harness.png_bytes(40, 30, 1)))
    before = app.assets()
    app.start()

    app.open(app.write('notes.png', b'These are notes, not an image.\n'))

    # The banner stays until the files are looked at
    harness.find(app.window, name=harness.ngettext('%u file was not added', '%u files were not added', 1) % 1)
    harness.find(app.window, name=harness.label('_See Why'), role='button').doActionNamed('click')
    harness.find(app.node, name='notes.png')
    harness.find_text(app.node, harness._('this is a text file, not an image; use PNG, JPEG or GIF'))
    assert app.assets() == before


if __name__ == '__main__':
    harness.scenario(run)
