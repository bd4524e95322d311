#!/usr/bin/env python3
# Scenario 11: two members' windows on one team library (two folders connected to the same
# PostgreSQL database and RADOS Gateway bucket, as on two computers). An import, a tag, a
# generation and a deletion in one window show in the other within 2 s, without a reload;
# the details say who added an asset; Copy URL gives a URL that a plain GET fetches; the
# database stopped: a banner, changes refused, nothing lost; started again: the banner goes
# and changes flow again. Runs under tests/team-servers.py.
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import hashlib
import json
import os
import shlex
import subprocess
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(__file__))
import harness  # noqa: E402

# A change shows in the other window within 2 s (slower under the sanitizers)
LIVE_SECONDS = 2.0 * harness.TIMEOUT_MULTIPLIER
ALICE, BRUNO = 'Alice Martin', 'Bruno Petit'
NAME, KEEP, AFTER = 'sunrise.png', 'harbour.png', 'evening.png'
# What a designer would type in the language of the run; the search leaves out the accent
TAG, SEARCH = ('Rentrée', 'rentree') if harness.LANGUAGE == 'fr' else ('Launch', 'launch')
DIMENSIONS = harness._('%d × %d pixels') % (64, 48)

# Reads the X clipboard as another application does (GTK 4 from Python)
READ_CLIPBOARD = r'''
import gi
gi.require_version("Gdk", "4.0")
gi.require_version("Gtk", "4.0")
from gi.repository import Gdk, GLib, Gtk
Gtk.init()
loop, text = GLib.MainLoop(), []
def done(clipboard, result):
    try:
        text.append(clipboard.read_text_finish(result) or "")
    except GLib.Error as e:
        text.append("")
    loop.quit()
Gdk.Display.get_default().get_clipboard().read_text_async(None, done)
loop.run()
print(text[0])
'''


def need(variable):
    value = os.environ.get(variable)
    if not value:
        print(f'{variable} is not set: this scenario runs under tests/team-servers.py')
        sys.exit(1 if os.environ.get('CI') else 77)
    return value


def left(n, limit):
    return harness.ngettext('%u of %u generation left today for the whole team',
                            '%u of %u generations left today for the whole team', n) % (n, limit)


def tile(app, name):
    return harness.find_all(app.window, name=name, role='label')


def within_live(what, since, predicate):
    """Waits for PREDICATE and checks it came true within LIVE_SECONDS of SINCE."""
    harness.wait_for(predicate, 30, what)
    took = time.monotonic() - since
    print(f'{what}: {took:.2f} s')
    assert took <= LIVE_SECONDS, f'{what} took {took:.2f} s, more than {LIVE_SECONDS:.0f} s'


def server(variable):
    subprocess.run(shlex.split(need(variable)), check=True, timeout=120,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def add_tag(app, label):
    entry = harness.find(app.window, name=harness._('Add Tag'), role='text')
    app.click_scrolled(entry)
    harness.wait_for(lambda: entry.focused, 10, 'the focus in Add Tag')
    app.type(label)
    app.keys('Return')
    harness.find(app.window, name=label, role='label')


def scroll_into_view(app, node):
    """Turns the mouse wheel over NODE's scroll pane until NODE shows whole."""
    pane = node.parent
    while pane.roleName != 'scroll pane':
        pane = pane.parent
    px, py = pane.position
    pw, ph = pane.size

    def inside():
        y, h = node.position[1], node.size[1]
        if py <= y and y + h <= py + ph:
            return True
        subprocess.run(['xdotool', 'mousemove', str(px + pw // 2), str(py + ph // 2), 'click',
                        '5' if y + h > py + ph else '4'], check=True, timeout=20)
        return False

    app.focus()
    harness.wait_for(inside, 20, f'{node.name!r} to scroll into view')


def search_text(app):
    entries = app.window.findChildren(lambda n: n.roleName in ('text', 'entry') and n.showing)
    return [e.text for e in entries]


def banner_shown(app):
    return harness.find_all(app.window, name=harness._(
        'Cannot reach the team library’s database. Read-only — retrying automatically'),
        role='label')


def run(alice):
    bruno = harness.App(alice.name + '-bruno')
    standin = subprocess.Popen([os.environ['MEDIALIB_AI_STANDIN']], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True, env=dict(os.environ, STANDIN_KEY='sk-e2e'))
    try:
        url = standin.stdout.readline().strip()
        assert url.startswith('http://'), url
        together(alice, bruno, url)
        # Bruno's window is an instance of its own (--library): it quits with its shortcut
        bruno.keys('ctrl+q')
        assert bruno.proc.wait(60) == 0, 'the second window did not end cleanly'
    finally:
        bruno.stop()
        standin.stdin.close()
        standin.wait(10)


def together(alice, bruno, url):
    for app, member in ((alice, ALICE), (bruno, BRUNO)):
        r = app.cli('team', 'connect', '--database', need('MEDIALIB_TEST_PG'),
                    '--s3-endpoint', need('MEDIALIB_TEST_S3_ENDPOINT'), '--bucket', 'medialib-e2e')
        assert r.returncode == 0, r.stderr
        app.env.update(MEDIALIB_MEMBER_NAME=member, MEDIALIB_AI_BASE_URL=url, MEDIALIB_AI_MODEL='dall-e-2',
                       MEDIALIB_AI_API_KEY='sk-e2e', MEDIALIB_AI_TIMEOUT='30')
    picture = alice.write(NAME, harness.png_bytes(64, 48, 3))
    keep = alice.write(KEEP, harness.png_bytes(50, 40, 4))
    after = alice.write(AFTER, harness.png_bytes(30, 20, 5))
    alice.start()
    bruno.start('--library', bruno.library)

    # Alice imports: Bruno's grid has the images within 2 s of Alice's
    alice.open(picture, keep)
    harness.wait_for(lambda: tile(alice, NAME) and tile(alice, KEEP), 60, 'the import in Alice’s window')
    within_live('the import in Bruno’s window', time.monotonic(), lambda: tile(bruno, NAME) and tile(bruno, KEEP))
    bruno.focus()
    bruno.screenshot('-import-arrived')

    # Who added it, and when, in Bruno's details
    bruno.show_details(NAME, DIMENSIONS)
    added = harness.find_text(bruno.window, ' ' + ALICE)
    assert added.name.endswith(harness._('%s by %s') % ('', ALICE)), added.name
    scroll_into_view(bruno, added)
    bruno.focus()
    bruno.screenshot('-who-and-when')

    # Alice searches for a tag no asset has yet; Bruno adds it: Alice's search finds the
    # image, and what she typed stays
    alice.click(harness.find(alice.window, role='entry'))
    alice.type(SEARCH)
    harness.wait_for(lambda: not tile(alice, NAME) and not tile(alice, KEEP), 20, 'Alice’s search to find nothing')
    add_tag(bruno, TAG)
    stamp = time.monotonic()
    within_live('the tag in Alice’s search', stamp, lambda: tile(alice, NAME))
    assert not tile(alice, KEEP)
    assert SEARCH in search_text(alice), search_text(alice)
    alice.focus()
    alice.screenshot('-tag-found')
    alice.keys('ctrl+a')
    alice.keys('BackSpace')
    harness.wait_for(lambda: tile(alice, NAME) and tile(alice, KEEP), 20, 'both images back for Alice')

    # One generation in Alice's generator: the company's count goes down in both
    limit = json.loads(alice.cli('--json', 'quota').stdout)['limit']
    for app in (bruno, alice):
        harness.find(app.window, name=harness._('AI Image Generator'), role='button').doActionNamed('click')
        harness.find(app.window, name=left(limit, limit), role='label')
    harness.wait_for(lambda: harness.find(alice.window, name=harness._('Image Description')).focused, 10,
                     'the focus in the description')
    alice.type('Un phare au lever du soleil' if harness.LANGUAGE == 'fr' else 'A lighthouse at sunrise')
    generate = harness.find(alice.window, name=harness.label('_Generate Images'), role='button')
    harness.wait_for(lambda: generate.sensitive, 10, 'Generate Images to be enabled')
    generate.doActionNamed('click')
    harness.find(alice.window, name=left(limit - 1, limit), role='label', timeout=60)
    within_live('the quota in Bruno’s generator', time.monotonic(),
                lambda: harness.find_all(bruno.window, name=left(limit - 1, limit), role='label'))
    bruno.focus()
    bruno.screenshot('-quota')
    for app in (alice, bruno):
        app.keys('Escape')
        harness.wait_for(lambda: not harness.find_all(app.window, name=left(limit - 1, limit), role='label'), 20,
                         'the generator to close')

    # Copy URL in Bruno's details: a plain GET of the clipboard's URL, without credentials,
    # has the image's bytes
    harness.find(bruno.window, name=harness._('Copy URL'), role='button').doActionNamed('click')
    copied = subprocess.run([sys.executable, '-c', READ_CLIPBOARD], capture_output=True, text=True, timeout=30,
                            env=dict(os.environ, GDK_BACKEND='x11')).stdout.strip()
    assert copied.startswith(('http://', 'https://')), copied
    with urllib.request.urlopen(copied, timeout=30) as response:
        assert hashlib.sha256(response.read()).hexdigest() == harness.sha256_file(picture)

    # Alice deletes the image Bruno is looking at: his tile goes, his details close and say why
    alice.click(tile(alice, NAME)[0])
    alice.keys('Delete')
    # Committed when the Undo toast goes (10 s)
    harness.wait_for(lambda: NAME not in {a['name'] for a in alice.assets()}, 30, 'the deletion in the library')
    within_live('the deletion in Bruno’s window', time.monotonic(), lambda: not tile(bruno, NAME))
    harness.find_text(bruno.window, harness._('“%s” was deleted by another member') % NAME)
    assert not harness.find_all(bruno.window, name=DIMENSIONS, role='label'), 'Bruno’s details still open'
    bruno.focus()
    bruno.screenshot('-deleted')

    # The database stops: both windows say so, changes are refused, nothing is lost
    server('MEDIALIB_TEST_PG_STOP')
    for app in (alice, bruno):
        harness.wait_for(lambda: banner_shown(app), 30, 'the banner of a library out of reach')
    assert tile(bruno, KEEP), 'the library is still shown'
    bruno.click(tile(bruno, KEEP)[0])
    bruno.keys('Delete')
    harness.find_text(bruno.window, harness._('Nothing was changed: the team library cannot be reached. '
                                              'Try again once it is back'))
    assert tile(bruno, KEEP), 'a refused deletion hid the tile'
    time.sleep(0.5)  # the toast's entrance ends before the picture
    bruno.focus()
    bruno.screenshot('-offline')

    # Started again: the banners go by themselves, the library is whole, changes flow again
    server('MEDIALIB_TEST_PG_START')
    for app in (alice, bruno):
        harness.wait_for(lambda: not banner_shown(app), 60, 'the banner to go')
    assert {a['name'] for a in alice.assets()} == {KEEP}, alice.assets()
    alice.open(after)
    harness.find(alice.window, name=AFTER, role='label', timeout=60)
    within_live('an import after the restart in Bruno’s window', time.monotonic(), lambda: tile(bruno, AFTER))
    assert tile(bruno, KEEP)


if __name__ == '__main__':
    harness.scenario(run)
