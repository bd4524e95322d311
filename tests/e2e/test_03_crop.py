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


def crop(app, name, dimensions, preset, screenshot=False):
    """Selects the tile NAME with the pointer and crops it to PRESET from the details pane."""
    app.show_details(name, dimensions)
    harness.find(app.window, name=harness.label('_Crop for a Channel…'), role='button').doActionNamed('click')
    check = harness.find(app.window, name=preset)
    app.click_scrolled(check)  # check buttons have no accessible action: the pointer
    harness.wait_for(lambda: check.checked, 10, f'{preset} to be chosen')
    assert harness.unnamed_buttons(app.window) == [], harness.unnamed_buttons(app.window)
    if screenshot:
        app.screenshot('-dialog')
    button = harness.find(app.window, name=harness.label('C_rop'), role='button')
    harness.wait_for(lambda: button.sensitive, 20, 'Crop to be enabled')
    button.doActionNamed('click')


def run(app):
    wide = app.write('wide.png', harness.png_bytes(3000, 1200, 3))
    tall = app.write('tall.png', harness.png_bytes(900, 1400, 5))
    app.cli('import', wide, tall)
    ids = {a['name']: a['id'] for a in app.assets()}
    app.start()

    # The crop is named after the preset, in the language of the app
    expanded_name = f"wide ({harness.C_('channel preset', 'Expanded notification')}).png"
    classic_name = f"tall ({harness.C_('channel preset', 'Classic')}).png"
    pixels = harness._('%d × %d pixels')
    crop(app, 'wide.png', pixels % (3000, 1200), harness.preset('Push · Android', 'Expanded notification'),
         screenshot=True)
    harness.find_text(app.window, expanded_name, timeout=30)
    crop(app, 'tall.png', pixels % (900, 1400), harness.preset('Content Cards', 'Classic'))
    harness.find_text(app.window, classic_name, timeout=30)

    assets = {a['name']: a for a in app.assets()}
    assert len(assets) == 4, list(assets)
    expanded = assets[expanded_name]
    assert expanded['width'] == 2 * expanded['height'], expanded
    assert expanded['width'] <= 2048 and expanded['height'] <= 1024, expanded
    assert (expanded['source'], expanded['parent']) == ('crop', ids['wide.png']), expanded
    classic = assets[classic_name]
    assert classic['width'] == classic['height'], classic
    assert (classic['source'], classic['parent']) == ('crop', ids['tall.png']), classic


if __name__ == '__main__':
    harness.scenario(run)
