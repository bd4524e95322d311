# harness.py — start the real app on a fresh library and reach it through AT-SPI (dogtail)
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import json
import os
import shutil
import subprocess
import tempfile
import time

os.environ.setdefault('GSETTINGS_BACKEND', 'keyfile')

from dogtail import config  # noqa: E402
from dogtail import tree  # noqa: E402

config.searchCutoffCount = 20
config.defaultDelay = 0.2
config.actionDelay = 0.2
config.logDebugToFile = False
config.logDebugToStdOut = False

BIN = os.environ['MEDIALIB_BIN']
BUTTON_ROLES = ('push button', 'button', 'toggle button')


def wait_for(predicate, timeout=20.0, what='condition'):
    end = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f'timed out after {timeout:.0f}s waiting for {what}')
        time.sleep(0.2)


def find(node, name=None, role=None, timeout=10.0):
    """Find a showing descendant of NODE by accessible name and role."""
    roles = BUTTON_ROLES if role == 'button' else ((role,) if role else None)

    def pred(n):
        return ((name is None or n.name == name) and
                (roles is None or n.roleName in roles) and n.showing)

    return wait_for(lambda: node.findChild(pred, retry=False, requireResult=False),
                    timeout, f'{role or "widget"} named {name!r}')


def medialib(library, *args):
    r = subprocess.run([BIN, '--library', library, *args], capture_output=True, text=True)
    return r


def check_library(library, expected_names):
    r = medialib(library, '--json', 'list')
    assert r.returncode == 0, r.stderr
    names = sorted(a['name'] for a in json.loads(r.stdout))
    assert names == sorted(expected_names), names


class App:
    """The app as a separate process on a temporary library."""

    def __init__(self, *args):
        self.args = args
        self.library = None
        self.proc = None
        self.node = None

    def __enter__(self):
        self.tmp = tempfile.mkdtemp(prefix='medialib-e2e-')
        self.library = os.path.join(self.tmp, 'library')
        self.proc = subprocess.Popen([BIN, '--library', self.library, *self.args])
        pid = self.proc.pid

        def lookup():
            if self.proc.poll() is not None:
                raise AssertionError(f'the app exited with status {self.proc.returncode}')
            for app in tree.root.applications():
                try:
                    if app.get_process_id() == pid:
                        return app
                except Exception:
                    continue
            return None

        self.node = wait_for(lookup, 30, 'the app on the accessibility bus')
        return self

    def window(self, title):
        return find(self.node, name=title, role='frame', timeout=20)

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.tmp, ignore_errors=True)
        return False
