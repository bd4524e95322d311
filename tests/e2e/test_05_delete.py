#!/usr/bin/env python3
# Scenario 5: delete three assets, Undo: all three are back; delete again and wait: they are
# gone from the library and the disk.
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import harness  # noqa: E402


def media_files(app):
    found = []
    for root, _dirs, files in os.walk(os.path.join(app.library, 'media')):
        found += [os.path.join(root, f) for f in files]
    return found


def select_all_and_delete(app):
    # Ctrl+A, with the keyboard focus on the grid rather than in the search entry
    harness.find(app.window, name='one.png', role='label')
    app.keys('ctrl+a')
    details = harness.find(app.window, name=harness._('Show Details'), role='toggle button')
    if not details.checked:
        details.doActionNamed('click')
    harness.find(app.window, name=harness.label('_Delete'), role='button').doActionNamed('click')


def run(app):
    names = ['one.png', 'two.png', 'three.png']
    for i, name in enumerate(names):
        app.write(name, harness.png_bytes(30, 20, 40 + i))
    app.cli('import', *[os.path.join(app.files, n) for n in names])
    assert len(media_files(app)) == 3
    app.start()
    for name in names:
        harness.find(app.window, name=name, role='label')

    select_all_and_delete(app)
    harness.find(app.window, name=harness.ngettext('%u item deleted', '%u items deleted', 3) % 3, role='label')
    harness.wait_for(lambda: not harness.find_all(app.window, name='one.png', role='label'), 10,
                     'the tiles to go')
    assert len(app.assets()) == 3, 'deleted before the Undo time ran out'

    harness.find(app.window, name=harness.label('_Undo'), role='button').doActionNamed('click')
    for name in names:
        harness.find(app.window, name=name, role='label')
    assert len(app.assets()) == 3
    assert len(media_files(app)) == 3

    select_all_and_delete(app)
    harness.find(app.window, name=harness.ngettext('%u item deleted', '%u items deleted', 3) % 3, role='label')
    # The Undo toast lasts ten seconds; then the rows and the files go
    harness.wait_for(lambda: app.assets() == [], 40, 'the deletion')
    harness.wait_for(lambda: media_files(app) == [], 10, 'the files to be removed')


if __name__ == '__main__':
    harness.scenario(run)
