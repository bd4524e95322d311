#!/usr/bin/env python3
# Scenario 16: select three of four tiles (a click, then Ctrl+click), Ctrl+T: the bulk editor
# says one of the three has the tag; give it to all three with a new tag, Apply; Undo puts
# back exactly what was there. Then remove the tag from all three, and Undo that too.
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
import harness  # noqa: E402

NAMES = ['one.png', 'two.png', 'three.png', 'four.png']
SELECTED = NAMES[:3]
# What a designer would type in the language of the run
TAG, NEW = ('Été', 'Soldes') if harness.LANGUAGE == 'fr' else ('Summer', 'Sale')


def tags(app):
    return {a['name']: a['tags'] for a in app.assets()}


def ctrl_click(app, node):
    """A pointer click on NODE with Ctrl held down."""
    app.focus()
    x, y = node.position
    w, h = node.size
    subprocess.run(['xdotool', 'mousemove', str(x + w // 2), str(y + h // 2),
                    'keydown', 'ctrl', 'click', '1', 'keyup', 'ctrl'], check=True, timeout=20)


def select_and_open_editor(app):
    app.click(harness.find(app.window, name=SELECTED[0], role='label'))
    for name in SELECTED[1:]:
        ctrl_click(app, harness.find(app.window, name=name, role='label'))
    app.keys('ctrl+t')
    # "1 of 3" under the tag that one of them has
    apply_button(app)
    return harness.find(app.node, name=TAG, role='check box')


def apply_button(app):
    """The editor's Apply (the entry rows' own apply buttons have the same name, no text)"""
    def lookup():
        for button in harness.find_all(app.node, name=harness.label('_Apply'), role='button'):
            if any(child.roleName == 'label' for child in button.children):
                return button
        return None
    return harness.wait_for(lookup, 20, 'the editor\'s Apply button')


def apply(app):
    apply_button(app).doActionNamed('click')


def undo(app, changed):
    """The toast's Undo: the toast counts the assets the change really changed"""
    toast = harness.ngettext('Tags of %u item changed', 'Tags of %u items changed', changed) % changed
    harness.find(app.window, name=toast, role='label')
    harness.find(app.window, name=harness.label('_Undo'), role='button').doActionNamed('click')


def run(app):
    for i, name in enumerate(NAMES):
        app.write(name, harness.png_bytes(30 + i, 20, 60 + i))
    app.cli('import', *[os.path.join(app.files, n) for n in NAMES])
    ids = {a['name']: a['id'] for a in app.assets()}
    app.cli('edit', str(ids['two.png']), '--add-tag', TAG)
    before = tags(app)
    assert before['two.png'] == [TAG], before
    app.start()

    # Adding the tag to all three, and a new one
    check = select_and_open_editor(app)
    of = harness.ngettext('%u of %u', '%u of %u', 3) % (1, 3)
    harness.find(app.node, name=of, role='label')
    app.click(check)
    entry = harness.find(app.node, name=harness._('Add a Tag to All'), role='text')
    app.click(entry)
    harness.wait_for(lambda: entry.focused, 10, 'the focus in the new tag entry')
    app.type(NEW)
    app.keys('Return')
    harness.find(app.node, name=NEW, role='check box')
    app.screenshot('-editor')
    apply(app)

    added = sorted([NEW, TAG], key=str.casefold)
    harness.wait_for(lambda: all(sorted(tags(app)[n], key=str.casefold) == added for n in SELECTED)
                     and tags(app)['four.png'] == [], 20, 'the two tags on the three')
    undo(app, 3)
    harness.wait_for(lambda: tags(app) == before, 20, 'the tags as they were')

    # Removing it from all three: a click makes the mixed box checked, another unchecked
    check = select_and_open_editor(app)
    app.click(check)
    app.click(check)
    harness.find(app.node, name=harness._('%s · removed from all on Apply') % of, role='label')
    apply(app)
    harness.wait_for(lambda: all(t == [] for t in tags(app).values()), 20, 'the tag removed from all')
    undo(app, 1)
    harness.wait_for(lambda: tags(app) == before, 20, 'the tag back on the one that had it')

    # The filter popover's Fits Channel, with its accessible name
    harness.find(app.window, name=harness._('Filters'), role='toggle button').doActionNamed('click')
    harness.find(app.node, name=harness._('Fits Channel'), role='combo box')
    app.screenshot('-filters')
    app.keys('Escape')


if __name__ == '__main__':
    harness.scenario(run)
