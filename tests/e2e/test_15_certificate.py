#!/usr/bin/env python3
# Scenario 15: a team library whose object store presents a certificate of its own authority
# (tests/tls_proxy.py: https with a self-signed certificate in front of the real gateway of
# tests/team-servers.py). Connect from the dialog: it says the certificate is not trusted and
# what to do, nothing is written; the authority's file chosen in the file chooser (its path
# typed in the location entry, as a person does); Connect again: the team library opens, its
# team.ini names that file, and the images go through the proxy.
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
import harness  # noqa: E402
from harness import _, label  # noqa: E402
from test_11_team import choose_in_library_menu, conninfo_fields, fill, shot  # noqa: E402
from tls_proxy import TlsProxy  # noqa: E402


def chooser_keys(app, *steps):
    """Keys and text typed into the file chooser's own window (a separate toplevel: the
    harness's keys() would give the focus back to the main window). STEPS: ('key', COMBO) or
    ('type', TEXT). False when the chooser's window is gone."""
    name = '^' + re.escape(_('Certificate Authority')) + '$'
    r = subprocess.run(['xdotool', 'search', '--all', '--onlyvisible', '--limit', '1',
                        '--pid', str(app.proc.pid), '--name', name], capture_output=True, text=True, timeout=30)
    if not r.stdout.split():
        return False
    wid = r.stdout.split()[0]
    subprocess.run(['xdotool', 'windowraise', wid], timeout=20)
    subprocess.run(['xdotool', 'windowfocus', '--sync', wid], timeout=20)
    for kind, value in steps:
        if kind == 'key':
            subprocess.run(['xdotool', 'key', '--clearmodifiers', value], check=True, timeout=20)
        else:
            subprocess.run(['xdotool', 'type', '--delay', '20', value], check=True, timeout=60)
        time.sleep(0.5)
    return True


def choose_file(app, path):
    """In the file chooser: Ctrl+L, PATH in its location entry, Return; then, when Return only
    went to the file's folder and selected it, its accept button. Keys sent while the chooser
    still loads its first folder are lost: it is tried again."""
    title = _('Certificate Authority')
    chooser = harness.find(app.node, name=title, role='dialog', timeout=30)

    def closed():
        return not harness.find_all(app.node, name=title, role='dialog')

    for attempt in range(4):
        if not chooser_keys(app, ('key', 'ctrl+l')):
            break
        entries = [n for n in harness.find_all(chooser) if n.roleName in ('text', 'entry') and n.showing]
        if not entries:
            continue
        chooser_keys(app, ('key', 'ctrl+a'), ('type', path))
        if entries[0].text != path and entries[0].text.startswith(path):
            # The rest of a name the entry's completion offers, after the cursor: removed as
            # a person does
            chooser_keys(app, ('key', 'shift+End'), ('key', 'Delete'))
        try:
            harness.wait_for(lambda: entries[0].text == path, 3, 'the path in the location entry')
        except AssertionError:
            # The completion may also race the keys: the text is then put right through the
            # entry's accessible editable text, as an assistive technology does
            entries[0].text = path
            try:
                harness.wait_for(lambda: entries[0].text == path, 3, 'the path in the location entry')
            except AssertionError:
                continue
        chooser_keys(app, ('key', 'Return'))
        try:
            harness.wait_for(lambda: closed() or harness.find_all(chooser, name=os.path.basename(path), role='label'),
                             10, 'the file chosen or shown')
        except AssertionError:
            continue
        if not closed():
            # Clicked through the accessibility tree: a pointer click would need the main
            # window, which the harness raises, to stay below
            harness.find(chooser, name=label('_Choose'), role='button').doActionNamed('click')
        harness.wait_for(closed, 30, 'the file chooser to close')
        return
    raise AssertionError(f'the file chooser did not take {path}')


def run(app):
    for variable in ('MEDIALIB_TEST_PG', 'MEDIALIB_TEST_S3_ENDPOINT', 'AWS_ACCESS_KEY_ID'):
        assert variable in os.environ, f'{variable} is not set: run through tests/team-servers.py'
    db = conninfo_fields(os.environ['MEDIALIB_TEST_PG'])
    password = os.environ['PGPASSWORD']
    access, secret = os.environ['AWS_ACCESS_KEY_ID'], os.environ['AWS_SECRET_ACCESS_KEY']
    bucket = 'e2e-' + os.urandom(4).hex()
    certs = os.path.join(app.tmp, 'certificates')
    os.mkdir(certs)
    proxy = TlsProxy(certs, os.environ['MEDIALIB_TEST_S3_ENDPOINT'])

    for variable in ('PGPASSWORD', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'):
        app.env.pop(variable, None)
    os.makedirs(os.path.join(app.tmp, 'keyring'))
    app.env.update(SECRET_BACKEND='file', SECRET_FILE_TEST_PASSWORD='e2e',
                   SECRET_FILE_TEST_PATH=os.path.join(app.tmp, 'keyring', 'test.keyring'),
                   XDG_DATA_HOME=os.path.join(app.tmp, 'data'))
    photo = app.write('secure-photo.png', harness.png_bytes(40, 30, 5))
    try:
        app.start()
        choose_in_library_menu(app, _('Local Library'), -1)
        dialog = harness.find(app.node, name=_('Team Library'), role='dialog', timeout=20)
        # The row says the system's authorities are used; its button is named after it
        harness.find_text(dialog, _('System certificates'))
        choose = harness.find(dialog, name=label('Certi_ficate Authority (Optional)'), role='button')
        assert not harness.find_all(dialog, name=_('Use the System Certificates'), role='button'), \
            'a clear button with no file chosen'

        fill(app, dialog, '_Host', db['host'])
        fill(app, dialog, '_Port', db['port'])
        fill(app, dialog, '_Database Name', db['dbname'])
        fill(app, dialog, '_User Name', db['user'])
        fill(app, dialog, 'Pass_word', password)
        fill(app, dialog, '_Endpoint', proxy.endpoint)
        fill(app, dialog, '_Bucket', bucket)
        fill(app, dialog, 'Access _Key ID', access)
        fill(app, dialog, '_Secret Key', secret)

        # Connect: the certificate is refused, the dialog says what to do, in the window's terms
        app.keys('Return')
        untrusted = _('The object store at %s presented a certificate that this computer does not trust. '
                      'Check the endpoint address; if the store uses its own certificate authority, install '
                      'that authority on this computer, or choose its file as the team library’s certificate '
                      'authority (--ca-file on the command line).') % proxy.endpoint.split('//', 1)[1]
        harness.find_text(dialog, untrusted, timeout=60)
        time.sleep(0.5)
        shot(app, 'dialog-untrusted')
        assert proxy.handshakes == 0, 'the app went on with a certificate it does not trust'
        data = os.path.join(app.tmp, 'data')
        assert not os.path.exists(data) or not os.listdir(data), 'something was written before the store was trusted'
        # The keyboard is on the button that chooses the authority
        assert harness.wait_for(lambda: choose.focused, 10, 'the focus on the choose button')

        # The file chooser: the authority's path typed in its location entry, as a person does
        app.keys('Return')
        choose_file(app, proxy.cert)
        harness.find_text(dialog, 'store.crt')
        harness.find(dialog, name=_('Use the System Certificates'), role='button')
        app.focus()
        time.sleep(0.5)
        shot(app, 'dialog-ca-chosen')

        # Connect again: the store is trusted, the team library opens and takes an image
        app.click_scrolled(harness.find(dialog, name=label('_Connect'), role='button'))
        harness.find(app.window, name=f'{bucket}@127.0.0.1', role='button', timeout=60)
        assert proxy.handshakes > 0, 'the object store was not reached through its https endpoint'
        folders = os.listdir(os.path.join(data, harness.APP_ID, 'team-libraries'))
        assert len(folders) == 1, folders
        team_dir = os.path.join(data, harness.APP_ID, 'team-libraries', folders[0])
        with open(os.path.join(team_dir, 'team.ini'), encoding='utf-8') as f:
            ini = f.read()
        assert f'ca-file={proxy.cert}\n' in ini, ini
        assert f'endpoint={proxy.endpoint}\n' in ini, ini
        app.open(photo)
        harness.find(app.window, name='secure-photo.png', role='label', timeout=60)
    finally:
        proxy.close()


if __name__ == '__main__':
    harness.scenario(run)
