#!/usr/bin/env python3
# Scenario 2: add a tag and a team to two assets in the details pane; search by the tag;
# filter by the team; clear filters.
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import harness  # noqa: E402

NAMES = ['poster.png', 'flyer.png', 'other.png']
# What a designer would type in the language of the run; the search leaves out the accent
TAG, TEAM, SEARCH = ('Rentrée', 'Marque', 'rentree') if harness.LANGUAGE == 'fr' else ('Launch', 'Brand', 'launch')


def tiles(app):
    return {n for n in NAMES if harness.find_all(app.window, name=n, role='label')}


def add_label(app, entry_title, label, with_button=False):
    """Types LABEL into the details pane's entry row ENTRY_TITLE, then Enter or its + button."""
    entry = harness.find(app.window, name=entry_title, role='text')
    app.click_scrolled(entry)
    harness.wait_for(lambda: entry.focused, 10, f'the focus in {entry_title}')
    app.type(label)
    if with_button:
        harness.find(app.window, name=entry_title, role='button').doActionNamed('click')
    else:
        app.keys('Return')
    # The label shows as a chip in the pane
    harness.find(app.window, name=label, role='label')


def run(app):
    for i, name in enumerate(NAMES):
        app.write(name, harness.png_bytes(40 + i, 30, 7 + i))
    app.cli('import', *[os.path.join(app.files, n) for n in NAMES])
    app.start()

    for i, name in enumerate(NAMES[:2]):
        app.show_details(name, harness._('%d × %d pixels') % (40 + i, 30))
        add_label(app, harness._('Add Tag'), TAG)
        add_label(app, harness._('Assign to Team'), TEAM, with_button=True)

    def labelled():
        assets = {a['name']: a for a in app.assets()}
        return all(assets[n]['tags'] == [TAG] and assets[n]['teams'] == [TEAM]
                   for n in NAMES[:2]) and assets['other.png']['tags'] == []
    harness.wait_for(labelled, 20, 'the tag and team in the library')

    # Search by the tag
    app.keys('ctrl+f')
    app.type(SEARCH)
    harness.wait_for(lambda: tiles(app) == set(NAMES[:2]), 20, 'the search to keep the tagged two')
    app.keys('ctrl+a')
    app.keys('BackSpace')
    harness.wait_for(lambda: tiles(app) == set(NAMES), 20, 'all three back')

    # Filter by the team, then clear the filters
    harness.find(app.window, name=harness._('Filters'), role='toggle button').doActionNamed('click')
    app.click_scrolled(harness.find(app.node, name=TEAM, role='check box'))
    harness.wait_for(lambda: tiles(app) == set(NAMES[:2]), 20, 'the team filter to keep two')
    app.screenshot('-filters')
    app.keys('Escape')
    harness.find(app.window, name=harness.label('C_lear Filters'), role='button').doActionNamed('click')
    harness.wait_for(lambda: tiles(app) == set(NAMES), 20, 'all three after Clear Filters')


if __name__ == '__main__':
    harness.scenario(run)
