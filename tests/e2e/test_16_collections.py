#!/usr/bin/env python3
# Scenario 16: a collection saved on the command line shows in the sidebar with its count and
# narrows the grid; the search saved as a collection from the main menu; that collection
# deleted with the Delete key, then brought back with Undo.
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import harness  # noqa: E402

NAMES = ['logo-red.png', 'logo-blue.png', 'banner.png']
LOGOS, BANNERS = ('Logos', 'Bannières') if harness.LANGUAGE == 'fr' else ('Logos', 'Banners')


def tiles(app):
    return {n for n in NAMES if harness.find_all(app.window, name=n, role='label')}


def collections(app):
    return {c['name']: c['count'] for c in json.loads(app.cli('--json', 'collections').stdout)}


def row(app, name):
    return harness.find(app.window, name=name, role='list item')


def run(app):
    for i, name in enumerate(NAMES):
        app.write(name, harness.png_bytes(30 + i, 20, 60 + i))
    app.cli('import', '--tag', 'Logo', *[os.path.join(app.files, n) for n in NAMES[:2]])
    app.cli('import', os.path.join(app.files, NAMES[2]))
    app.cli('collection', 'save', LOGOS, '--tag', 'logo')
    app.start()
    harness.wait_for(lambda: tiles(app) == set(NAMES), 20, 'the three tiles')

    # The collection and its count; choosing it narrows the grid
    logos = row(app, LOGOS)
    harness.wait_for(lambda: harness.find_all(logos, name='2', role='label'), 20, 'the count of the collection')
    app.click(logos)
    harness.wait_for(lambda: tiles(app) == set(NAMES[:2]), 20, 'the collection to keep the two logos')
    app.screenshot('-collection')

    # Back to All; the search saved as a collection from the main menu (its second item)
    app.click(row(app, harness._('All')))
    harness.wait_for(lambda: tiles(app) == set(NAMES), 20, 'all three back')
    app.keys('ctrl+f')
    app.type('banner')
    harness.wait_for(lambda: tiles(app) == {'banner.png'}, 20, 'the search to keep the banner')
    app.click(harness.find(app.window, name=harness._('Main Menu'), role='toggle button'))
    items = harness.wait_for(lambda: harness.find_all(app.node, role='menu item'), 20, 'the main menu')
    app.click(items[1])
    harness.find(app.node, name=harness._('Save Search as Collection'), role='label')
    app.type(BANNERS)
    app.keys('Return')
    harness.wait_for(lambda: collections(app) == {BANNERS: 1, LOGOS: 2}, 20, 'the saved collection')
    banners = row(app, BANNERS)
    harness.wait_for(lambda: harness.find_all(banners, name='1', role='label'), 20, 'its row and count')

    # Deleted from the keyboard, then Undo
    app.keys('ctrl+a')
    app.keys('BackSpace')
    app.click(banners)
    app.keys('Delete')
    harness.wait_for(lambda: collections(app) == {LOGOS: 2}, 20, 'the deletion')
    harness.find(app.window, name=harness._('Collection “%s” deleted') % BANNERS, role='label')
    harness.find(app.window, name=harness.label('_Undo'), role='button').doActionNamed('click')
    harness.wait_for(lambda: collections(app) == {BANNERS: 1, LOGOS: 2}, 20, 'the collection back')
    row(app, BANNERS)


if __name__ == '__main__':
    harness.scenario(run)
