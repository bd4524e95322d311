#!/usr/bin/env python3
# Scenario 18: "Export for Channels…" from the details pane: choose two channels, adjust one
# crop with the keyboard on its page (Centre, then the arrows), export to the Pictures folder;
# the two files and manifest.json are there, sized for their channels, the adjusted crop in it.
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import harness  # noqa: E402


def run(app):
    # The dialog's folder starts as the Pictures folder (XDG user dirs)
    pictures = os.path.join(app.tmp, 'pictures')
    config = os.path.join(app.tmp, 'config')
    os.makedirs(pictures)
    os.makedirs(config)
    with open(os.path.join(config, 'user-dirs.dirs'), 'w') as f:
        f.write(f'XDG_PICTURES_DIR="{pictures}"\n')
    app.env['XDG_CONFIG_HOME'] = config

    hero = app.write('hero.png', harness.png_bytes(1200, 800, 7))
    app.cli('import', hero)
    app.start()

    app.show_details('hero.png', harness._('%d × %d pixels') % (1200, 800))
    harness.find(app.window, name=harness.label('_Export for Channels…'), role='button').doActionNamed('click')
    harness.find(app.window, name=harness.label('Select _None'), role='button').doActionNamed('click')
    for channel, name in (('Push · iOS', 'Rich notification'), ('Email', 'Header image')):
        check = harness.find(app.window, name=harness.preset(channel, name))
        app.click_scrolled(check)  # check buttons have no accessible action: the pointer
        harness.wait_for(lambda: check.checked, 10, f'{name} to be chosen')
    assert harness.unnamed_buttons(app.window) == [], harness.unnamed_buttons(app.window)

    # The iOS crop's preview opens its page; Centre, then the keyboard moves the box 30 pixels
    # down; Ctrl+Return is Done
    ios = harness.preset('Push · iOS', 'Rich notification')
    adjust = harness.find(app.window, name=harness._('Adjust the %s Crop') % ios, role='button')
    # Escape goes back to the channels, not out of the dialog
    adjust.doActionNamed('click')
    harness.find(app.window, name=harness.label('_Done'), role='button')
    app.keys('Escape')
    adjust = harness.find(app.window, name=harness._('Adjust the %s Crop') % ios, role='button')
    adjust.doActionNamed('click')
    harness.find(app.window, name=harness.label('_Done'), role='button')
    assert harness.unnamed_buttons(app.window) == [], harness.unnamed_buttons(app.window)
    harness.find(app.window, name=harness.label('C_entre'), role='button').doActionNamed('click')
    readout = harness._('Crop %d × %d at %d, %d  ·  New image %d × %d pixels')
    harness.find_text(app.window, readout % (1200, 600, 0, 100, 1038, 519))
    app.click(harness.find(app.window, name=harness._('Crop area')))  # the keyboard on the box
    for _ in range(3):
        app.keys('ctrl+Down')
    harness.find_text(app.window, readout % (1200, 600, 0, 130, 1038, 519))
    app.screenshot('-adjust')
    app.keys('ctrl+Return')  # the box goes to the export: the manifest below has it
    export = harness.ngettext('_Export %u File', '_Export %u Files', 2).replace('_', '') % 2
    button = harness.find(app.window, name=export, role='button')
    harness.wait_for(lambda: button.sensitive, 20, 'Export to be enabled')
    app.screenshot('-dialog')
    button.doActionNamed('click')
    harness.find_text(app.window, harness.ngettext('%u file exported', '%u files exported', 2) % 2, timeout=30)

    with open(os.path.join(pictures, 'manifest.json')) as f:
        files = json.load(f)['files']
    assert [e['preset'] for e in files] == ['email-header', 'ios-push'], files
    assert sorted(os.listdir(pictures)) == sorted([e['file'] for e in files] + ['manifest.json']), os.listdir(pictures)
    by_key = {e['preset']: e for e in files}
    assert (by_key['ios-push']['width'], by_key['ios-push']['height']) == (1038, 519), by_key['ios-push']
    assert by_key['ios-push']['crop'] == [0, 130, 1200, 600], by_key['ios-push']
    assert by_key['email-header']['width'] == 600, by_key['email-header']
    # Named NAME (Channel · Layout), in the app's language
    assert by_key['ios-push']['file'] == f"hero ({harness.preset('Push · iOS', 'Rich notification')}).png", files
    # Nothing was added to the library
    assert len(app.assets()) == 1


if __name__ == '__main__':
    harness.scenario(run)
