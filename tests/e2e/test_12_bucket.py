#!/usr/bin/env python3
# Scenario 12: a team library whose file storage goes out of reach. The library's bucket is
# reached through a proxy of our own in front of the real RADOS Gateway of
# tests/team-servers.py; the proxy refuses connections: an import fails, the banner names
# the file storage, the grid stays, another import is refused with a message, nothing is
# lost; the proxy takes connections again: the banner goes by itself and imports work.
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import socket
import sys
import threading
import time
import urllib.parse

sys.path.insert(0, os.path.dirname(__file__))
import harness  # noqa: E402

FIRST, FAILED, REFUSED = 'quay.png', 'lantern.png', 'pier.png'
SHOTS = os.environ.get('MEDIALIB_TEAM_SHOTS')


class Proxy:
    """Passes every connection on to UPSTREAM; closed, it refuses connections (as a stopped
    server's port does) and drops those it carried; opened again, it listens on the same
    port."""

    def __init__(self, upstream):
        url = urllib.parse.urlsplit(upstream)
        self.upstream = (url.hostname, url.port)
        self.server = None
        self.port = 0
        self.sockets = []
        self.open()
        self.endpoint = f'http://127.0.0.1:{self.port}'

    def open(self):
        self.server = socket.create_server(('127.0.0.1', self.port))
        self.port = self.server.getsockname()[1]
        threading.Thread(target=self.accept, args=(self.server,), daemon=True).start()

    def close(self):
        # A thread blocked in accept() keeps a socket that is only closed listening: shut
        # down, it stops and the port refuses connections
        try:
            self.server.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.server.close()
        for s in self.sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
                s.close()
            except OSError:
                pass
        self.sockets = []

    def accept(self, server):
        while True:
            try:
                client, _ = server.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.upstream)
            self.sockets += [client, upstream]
            threading.Thread(target=self.pump, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self.pump, args=(upstream, client), daemon=True).start()

    @staticmethod
    def pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for s in (source, sink):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def need(variable):
    value = os.environ.get(variable)
    if not value:
        print(f'{variable} is not set: this scenario runs under tests/team-servers.py')
        sys.exit(1 if os.environ.get('CI') else 77)
    return value


REFUSAL = harness._('Nothing was changed: the team library cannot be reached. Try again once it is back')


def tile(app, name):
    return harness.find_all(app.window, name=name, role='label')


def banner_shown(app):
    return harness.find_all(app.window, name=harness._(
        'Cannot reach the team library’s file storage. Read-only — retrying automatically'),
        role='label')


def shot(app, name):
    path = app.screenshot('-' + name)
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        shutil.copy(path, os.path.join(SHOTS, os.path.basename(path)))


def run(app):
    proxy = Proxy(need('MEDIALIB_TEST_S3_ENDPOINT'))
    try:
        offline_and_back(app, proxy)
    finally:
        proxy.close()


def offline_and_back(app, proxy):
    r = app.cli('team', 'connect', '--database', need('MEDIALIB_TEST_PG'), '--s3-endpoint', proxy.endpoint,
                '--bucket', 'medialib-e2e-bucket')
    assert r.returncode == 0, r.stderr
    first = app.write(FIRST, harness.png_bytes(64, 48, 7))
    failed = app.write(FAILED, harness.png_bytes(40, 30, 8))
    refused = app.write(REFUSED, harness.png_bytes(30, 40, 9))
    app.start()
    app.open(first)
    harness.wait_for(lambda: tile(app, FIRST), 60, 'the first import')
    assert not banner_shown(app)

    # The file storage stops answering: the next import fails, and the window says why
    proxy.close()
    app.open(failed)
    harness.wait_for(lambda: banner_shown(app), 30, 'the banner of the file storage out of reach')
    assert tile(app, FIRST), 'the library is still shown'
    assert not tile(app, FAILED)

    # While the banner shows, an import is refused with a message, not queued
    app.open(refused)
    harness.find_text(app.window, REFUSAL)
    assert {a['name'] for a in app.assets()} == {FIRST}, app.assets()
    time.sleep(0.5)  # the toast's entrance ends before the picture
    app.focus()
    shot(app, 'bucket-offline')

    # Back: the banner goes by itself, nothing was lost, imports work again
    proxy.open()
    harness.wait_for(lambda: not banner_shown(app), 60, 'the banner to go')
    assert tile(app, FIRST)
    harness.wait_for(lambda: not harness.find_all(app.window, name=REFUSAL, role='label'), 10,
                     'the refusal to go with the banner')
    app.open(failed, refused)
    harness.wait_for(lambda: tile(app, FAILED) and tile(app, REFUSED), 60, 'the imports after the storage came back')
    assert {a['name'] for a in app.assets()} == {FIRST, FAILED, REFUSED}, app.assets()
    app.focus()
    shot(app, 'bucket-back')


if __name__ == '__main__':
    harness.scenario(run)
