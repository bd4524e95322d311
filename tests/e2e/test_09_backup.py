#!/usr/bin/env python3
# Scenario 9: a backup restored from Preferences: the library goes back to it, and the file
# added after the backup comes back through a new import.
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
import harness  # noqa: E402


def run(app):
    for i in range(3):
        app.write(f'first/kept-{i}.png', harness.png_bytes(80, 60, 10 + i))
    app.cli('import', '--tag', 'Kept', os.path.join(app.files, 'first'))
    backup = app.cli('backup').stdout.strip()
    assert os.path.isfile(backup), backup
    late = app.write('late.png', harness.png_bytes(90, 60, 42))
    app.cli('import', late)
    # A change made after the backup, which the restore undoes
    kept0 = next(a for a in app.assets() if a['name'] == 'kept-0.png')
    app.cli('edit', str(kept0['id']), '--rename', 'renamed.png')

    app.start()
    harness.find(app.window, name='renamed.png', role='label', timeout=60)

    restore_label = re.compile('^' + re.escape(harness._('Restore the backup of %s')).replace('%s', '.+') + '$')
    app.keys('ctrl+comma')
    prefs = harness.find(app.window, name=harness.label('_Back Up Now'), role='button')
    restore = harness.wait_for(
        lambda: [n for n in harness.find_all(app.window, role='button')
                 if restore_label.match(n.name or '')], 20, 'a Restore button')
    assert len(restore) == 1, [n.name for n in restore]
    assert harness.unnamed_buttons(app.window) == [], harness.unnamed_buttons(app.window)
    app.screenshot('-preferences')
    app.click_scrolled(restore[0])

    confirm = harness.find(app.window, name=harness.label('_Restore'), role='button')
    harness.find_text(app.window, harness._('Restore Backup?'))
    app.screenshot('-confirm')
    app.click(confirm)

    # The backup's three, the name they had then, and the late file imported again
    harness.find(app.window, name='kept-0.png', role='label', timeout=60)
    harness.wait_for(lambda: len(app.assets()) == 4, 60, 'the late file to be imported again')
    assets = {a['name']: a for a in app.assets()}
    assert {'kept-0.png', 'kept-1.png', 'kept-2.png'} <= set(assets), sorted(assets)
    assert all(assets[f'kept-{i}.png']['tags'] == ['Kept'] for i in range(3)), assets
    assert 'renamed.png' not in assets
    assert any(a['sha256'] == harness.sha256_file(late) for a in assets.values()), assets
    kept = [f for f in os.listdir(app.library) if f.startswith('library.db.before-restore-')]
    assert kept, os.listdir(app.library)
    del prefs


if __name__ == '__main__':
    harness.scenario(run)
