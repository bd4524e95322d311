#!/usr/bin/env python3
# Scenario 3: crop an asset with "Android · Expanded notification": the new asset is 2:1 and at
# most 2048×1024; with "Content Card · Classic" it is 1:1.
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import harness  # noqa: E402


def crop(app, name, dimensions, preset):
    """Selects the tile NAME with the pointer and crops it to PRESET from the details pane."""
    app.show_details(name, dimensions)
    harness.find(app.window, name='Crop for a Channel…', role='button').doActionNamed('click')
    check = harness.find(app.window, name=preset)
    app.click_scrolled(check)  # check buttons have no accessible action: the pointer
    harness.wait_for(lambda: check.checked, 10, f'{preset} to be chosen')
    assert harness.unnamed_buttons(app.window) == [], harness.unnamed_buttons(app.window)
    button = harness.find(app.window, name='Crop', role='button')
    harness.wait_for(lambda: button.sensitive, 20, 'Crop to be enabled')
    button.doActionNamed('click')


def run(app):
    wide = app.write('wide.png', harness.png_bytes(3000, 1200, 3))
    tall = app.write('tall.png', harness.png_bytes(900, 1400, 5))
    app.cli('import', wide, tall)
    ids = {a['name']: a['id'] for a in app.assets()}
    app.start()

    crop(app, 'wide.png', '3000 × 1200 pixels', 'Push · Android · Expanded notification')
    harness.find_text(app.window, '(Expanded notification).png', timeout=30)
    crop(app, 'tall.png', '900 × 1400 pixels', 'Content Cards · Classic')
    harness.find_text(app.window, '(Classic).png', timeout=30)

    assets = {a['name']: a for a in app.assets()}
    assert len(assets) == 4, list(assets)
    expanded = assets['wide (Expanded notification).png']
    assert expanded['width'] == 2 * expanded['height'], expanded
    assert expanded['width'] <= 2048 and expanded['height'] <= 1024, expanded
    assert (expanded['source'], expanded['parent']) == ('crop', ids['wide.png']), expanded
    classic = assets['tall (Classic).png']
    assert classic['width'] == classic['height'], classic
    assert (classic['source'], classic['parent']) == ('crop', ids['tall.png']), classic


if __name__ == '__main__':
    harness.scenario(run)
