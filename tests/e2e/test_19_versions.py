#!/usr/bin/env python3
# Replace and revert: a file dragged onto the details preview replaces the asset's file; the
# asset keeps its URL, which gives the new file, its thumbnail is the new one, and History
# lists the previous file, whose Revert brings it back (the URL still the same).
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import subprocess
import sys
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(__file__))
import harness  # noqa: E402


def xdotool(*args):
    return subprocess.run(['xdotool', *args], check=True, capture_output=True, text=True,
                          timeout=20).stdout


def info(app, asset_id):
    return json.loads(app.cli('--json', 'info', str(asset_id)).stdout)


def uri_bytes(uri):
    with open(urllib.parse.unquote(urllib.parse.urlsplit(uri).path), 'rb') as f:
        return f.read()


def thumbnail_exists(app, sha256):
    return os.path.exists(os.path.join(app.library, 'thumbnails', sha256[:2], sha256 + '.png'))


def drag_onto(app, path, target):
    """Drags PATH from another window onto TARGET, as a hand does"""
    source = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(__file__), 'drag_source.py'), path],
                              stdout=subprocess.PIPE, text=True, env=app.env)
    try:
        assert source.stdout.readline().strip() == 'ready'
        wid = xdotool('search', '--sync', '--onlyvisible', '--pid', str(source.pid)).split()[0]
        xdotool('windowmove', '--sync', wid, '300', '480')
        x, y = 420, 560
        tx, ty = target.position[0] + target.size[0] // 2, target.position[1] + target.size[1] // 2
        xdotool('mousemove', str(x), str(y))
        xdotool('mousedown', '1')
        for step in range(1, 31):
            xdotool('mousemove', str(x + (tx - x) * step // 30), str(y + (ty - y) * step // 30))
            time.sleep(0.03)
        xdotool('mouseup', '1')
    finally:
        time.sleep(0.5)
        source.terminate()
        source.wait(10)


def run(app):
    original = harness.png_bytes(60, 30, 7)
    replacement = harness.png_bytes(40, 40, 8)
    app.write('banner.png', original)
    new = app.write('banner-new.png', replacement)
    [added] = json.loads(app.cli('--json', 'import', os.path.join(app.files, 'banner.png')).stdout)
    before = info(app, added['id'])
    assert uri_bytes(before['uri']) == original

    app.start()
    app.show_details('banner.png', harness._('%d × %d pixels') % (60, 30))
    harness.find(app.window, name=harness._('History'))
    harness.find(app.window, name=harness._('Version %u (Current)') % 1)

    drag_onto(app, new, harness.find(app.window, name=harness._('Preview')))

    harness.find(app.window, name=harness._('“%s” replaced') % 'banner.png', role='label', timeout=30)
    harness.find(app.window, name=harness._('%d × %d pixels') % (40, 40), role='label')
    harness.find(app.window, name=harness._('Version %u (Current)') % 2)
    after = info(app, added['id'])
    assert after['uri'] == before['uri'], (after['uri'], before['uri'])
    assert (after['width'], after['height']) == (40, 40)
    assert uri_bytes(after['uri']) == replacement
    harness.wait_for(lambda: thumbnail_exists(app, after['sha256']), 20, 'the new thumbnail')
    app.screenshot('-replaced')
    # History, scrolled into view: the previous file with its Revert
    app.click_scrolled(harness.find(app.window, name=harness._('Version %u') % 1, role='list item'))
    app.screenshot('-history')

    # Revert version 1, with its button in History
    revert = harness.find(app.window, name=harness._('Revert to Version %u') % 1, role='button')
    revert.doActionNamed('click')
    harness.find(app.window, name=harness._('“%s” reverted') % 'banner.png', role='label', timeout=30)
    harness.find(app.window, name=harness._('Version %u (Current)') % 3)
    reverted = info(app, added['id'])
    assert reverted['uri'] == before['uri']
    assert reverted['sha256'] == before['sha256']
    assert uri_bytes(reverted['uri']) == original
    history = json.loads(app.cli('--json', 'history', str(added['id'])).stdout)
    assert [v['version'] for v in history] == [3, 2, 1], history


if __name__ == '__main__':
    harness.scenario(run)
