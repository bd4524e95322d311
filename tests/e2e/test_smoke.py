#!/usr/bin/env python3
# test_smoke.py — the real app starts, its Upload button is found through AT-SPI, and every
# button a screen reader can reach has a name, in the empty window and with assets and details;
# the details pane keeps its width whatever the language
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import harness  # noqa: E402


def run(app):
    app.write('one.png', harness.png_bytes(30, 20, 1))
    app.start()
    upload = harness.find(app.window, name=harness.label('_Upload'), role='button')
    assert 'click' in upload.actions, upload.actions
    assert app.assets() == []
    assert harness.unnamed_buttons(app.window) == [], harness.unnamed_buttons(app.window)

    app.open(os.path.join(app.files, 'one.png'))
    app.click(harness.find(app.window, name='one.png', role='label', timeout=30))
    harness.find(app.window, name=harness._('Show Details'), role='toggle button').doActionNamed('click')
    harness.find(app.window, name=harness._('%d × %d pixels') % (30, 20), role='label')
    # In every language the pane keeps the third of the window it is given (the split view's
    # sidebar-width-fraction, 0.32): a long label that widened it would squeeze the search
    # entry and the grid
    delete = harness.find(app.window, name=harness.label('_Delete'), role='button', showing=False)
    assert delete.size[0] <= 0.32 * app.window.size[0], (delete.size, app.window.size)
    assert harness.unnamed_buttons(app.window) == [], harness.unnamed_buttons(app.window)


if __name__ == '__main__':
    harness.scenario(run)
