#!/usr/bin/env python3
# Scenario 11: a team library from the window, on the real servers of tests/team-servers.py:
# "Team Library…", a wrong password (the dialog says so), the right one, Connect; an image
# imported there; back to the local library and to the team library again from the header's
# library menu.
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shlex
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
import harness  # noqa: E402
from harness import _, label  # noqa: E402

SHOTS = os.environ.get('MEDIALIB_TEAM_SHOTS')


def conninfo_fields(conninfo):
    return dict(part.split('=', 1) for part in shlex.split(conninfo))


def shot(app, name):
    path = app.screenshot('-' + name)
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        shutil.copy(path, os.path.join(SHOTS, os.path.basename(path)))


def fill(app, dialog, name, text):
    row = harness.find(dialog, name=label(name))
    app.click_scrolled(row)
    app.keys('ctrl+a')
    app.type(text)


def choose_in_library_menu(app, current, index):
    """Opens the header's library menu (its button is named after the library shown) and clicks
    its INDEX-th item: the libraries (the local one first), then "Team Library…". GTK does not
    give its menu items their label's name on the accessibility bus, hence the position."""
    app.click(harness.find(app.window, name=current, role='button'))
    items = harness.wait_for(lambda: harness.find_all(app.node, role='menu item'), 20, 'the library menu')
    app.click(items[index])


def run(app):
    for variable in ('MEDIALIB_TEST_PG', 'MEDIALIB_TEST_S3_ENDPOINT', 'AWS_ACCESS_KEY_ID'):
        assert variable in os.environ, f'{variable} is not set: run through tests/team-servers.py'
    db = conninfo_fields(os.environ['MEDIALIB_TEST_PG'])
    password = os.environ['PGPASSWORD']
    endpoint = os.environ['MEDIALIB_TEST_S3_ENDPOINT']
    access, secret = os.environ['AWS_ACCESS_KEY_ID'], os.environ['AWS_SECRET_ACCESS_KEY']
    bucket = 'e2e-' + os.urandom(4).hex()

    # The app finds no credentials in its environment: only what is typed, then the keyring
    # (libsecret's file backend, in the scenario's folder), and its own data folder
    for variable in ('PGPASSWORD', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'):
        app.env.pop(variable, None)
    os.makedirs(os.path.join(app.tmp, 'keyring'))
    app.env.update(SECRET_BACKEND='file', SECRET_FILE_TEST_PASSWORD='e2e',
                   SECRET_FILE_TEST_PATH=os.path.join(app.tmp, 'keyring', 'test.keyring'),
                   XDG_DATA_HOME=os.path.join(app.tmp, 'data'))
    photo = app.write('team-photo.png', harness.png_bytes(40, 30, 3))
    app.start()

    local = _('Local Library')
    choose_in_library_menu(app, local, -1)
    dialog = harness.find(app.node, name=_('Team Library'), role='dialog', timeout=20)
    shot(app, 'dialog')

    fill(app, dialog, '_Host', db['host'])
    fill(app, dialog, '_Port', db['port'])
    fill(app, dialog, '_Database Name', db['dbname'])
    fill(app, dialog, '_User Name', db['user'])
    fill(app, dialog, 'Pass_word', 'not-the-password')
    fill(app, dialog, '_Endpoint', endpoint)
    fill(app, dialog, '_Bucket', bucket)
    fill(app, dialog, 'Access _Key ID', access)
    fill(app, dialog, '_Secret Key', secret)

    # A wrong password: the dialog says which server refused which role, and stays open
    app.click_scrolled(harness.find(dialog, name=label('_Test Connection'), role='button'))
    refused = _('The database server %s refused the password of the role “%s”. Check the user name and the password') % (
        f'{db["host"]}:{db["port"]}', db['user'])
    harness.find_text(dialog, refused, timeout=30)
    shot(app, 'dialog-error')
    assert not os.path.exists(os.path.join(app.tmp, 'data')) or not os.listdir(os.path.join(app.tmp, 'data')), \
        'something was written before the servers accepted the credentials'

    # The right one: Connect (Enter, the dialog's default), and the window shows the team library
    fill(app, dialog, 'Pass_word', password)
    app.keys('Return')
    team = f'{bucket}@127.0.0.1'
    harness.find(app.window, name=team, role='button', timeout=60)
    harness.wait_for(lambda: not harness.find_all(app.node, name=_('Team Library'), role='dialog'), 20,
                     'the dialog to close')

    # An image imported there is in the bucket and the team's database
    app.open(photo)
    harness.find(app.window, name='team-photo.png', role='label', timeout=60)
    shot(app, 'connected')
    folders = os.listdir(os.path.join(app.tmp, 'data', harness.APP_ID, 'team-libraries'))
    assert len(folders) == 1, folders
    team_dir = os.path.join(app.tmp, 'data', harness.APP_ID, 'team-libraries', folders[0])
    with open(os.path.join(team_dir, 'team.ini'), encoding='utf-8') as f:
        ini = f.read()
    assert password not in ini and secret not in ini, 'a secret in team.ini'
    listed = subprocess.run([harness.BIN, '--library', team_dir, '--json', 'list'], env=app.env,
                            capture_output=True, text=True, timeout=60)
    assert listed.returncode == 0, listed.stderr
    assert [a['name'] for a in json.loads(listed.stdout)] == ['team-photo.png'], listed.stdout

    # Back to the local library: the team's image is not there; then the team library again
    choose_in_library_menu(app, team, 0)
    harness.find(app.window, name=local, role='button', timeout=30)
    harness.wait_for(lambda: not harness.find_all(app.window, name='team-photo.png', role='label'), 30,
                     'the team library’s image to go')

    choose_in_library_menu(app, local, 1)
    harness.find(app.window, name=team, role='button', timeout=30)
    harness.find(app.window, name='team-photo.png', role='label', timeout=60)

    # Its credentials gone from the keyring: opening it again asks for them, its servers filled in
    forgot = subprocess.run([harness.BIN, '--library', team_dir, 'team', 'forget-credentials'], env=app.env,
                            capture_output=True, text=True, timeout=60)
    assert forgot.returncode == 0, forgot.stderr
    choose_in_library_menu(app, team, 0)
    harness.find(app.window, name=local, role='button', timeout=30)
    choose_in_library_menu(app, local, 1)
    dialog = harness.find(app.node, name=_('Team Library'), role='dialog', timeout=60)
    harness.find_text(dialog, _('The team library’s servers refused the saved credentials, or none are saved. '
                                'Enter them again.'), timeout=30)
    shot(app, 'asks-again')


if __name__ == '__main__':
    harness.scenario(run)
