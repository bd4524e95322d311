# harness.py — start the real app on a fresh library and use it through AT-SPI (dogtail)
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import gettext
import hashlib
import json
import locale
import random
import os
import re
import select
import shutil
import struct
import subprocess
import sys
import tempfile
import time
import traceback
import zlib

os.environ.setdefault('GSETTINGS_BACKEND', 'keyfile')


def _own_session():
    """Runs this scenario again inside an X server, a session bus and a home of its own, so
    that scenarios can run side by side: the app is a single instance on its bus, setxkbmap
    sets a whole server's keyboard, the focus and the pointer are a server's, and the
    settings (keyfile backend) are a home's. Returns in that inner run."""
    if os.environ.get('MEDIALIB_E2E_SESSION'):
        return
    home = tempfile.mkdtemp(prefix='medialib-e2e-home-')
    env = dict(os.environ, MEDIALIB_E2E_SESSION='1', HOME=home,
               XDG_CONFIG_HOME=os.path.join(home, '.config'), XDG_DATA_HOME=os.path.join(home, '.local', 'share'),
               XDG_CACHE_HOME=os.path.join(home, '.cache'), XDG_STATE_HOME=os.path.join(home, '.local', 'state'),
               XDG_RUNTIME_DIR=os.path.join(home, 'runtime'))
    os.makedirs(os.path.join(env['XDG_CONFIG_HOME'], 'glib-2.0', 'settings'))
    for d in ('XDG_DATA_HOME', 'XDG_CACHE_HOME', 'XDG_STATE_HOME'):
        os.makedirs(env[d])
    os.mkdir(env['XDG_RUNTIME_DIR'], 0o700)
    with open(os.path.join(env['XDG_CONFIG_HOME'], 'glib-2.0', 'settings', 'keyfile'), 'w') as f:
        f.write('[org/gnome/desktop/interface]\ntoolkit-accessibility=true\n')

    # Xvfb picks a free display itself and writes its number once it accepts connections
    read_end, write_end = os.pipe()
    with open(os.path.join(home, 'xvfb.log'), 'wb') as log:
        xvfb = subprocess.Popen(['Xvfb', '-displayfd', str(write_end), '-screen', '0', '1440x900x24',
                                 '-nolisten', 'tcp'], pass_fds=(write_end,), stdout=log, stderr=log)
    os.close(write_end)
    display = b''
    deadline = time.monotonic() + 60
    while not display.endswith(b'\n') and time.monotonic() < deadline:
        ready, _w, _x = select.select([read_end], [], [], 1)
        chunk = os.read(read_end, 16) if ready else b''
        if ready and not chunk:
            break
        display += chunk
    os.close(read_end)
    if not display.strip().isdigit():
        xvfb.kill()
        with open(os.path.join(home, 'xvfb.log'), errors='replace') as f:
            print(f'Xvfb did not start:\n{f.read()}', file=sys.stderr)
        shutil.rmtree(home, ignore_errors=True)
        sys.exit(1)
    env['DISPLAY'] = ':' + display.decode().strip()
    try:
        status = subprocess.call(['dbus-run-session', '--', sys.executable, *sys.argv], env=env)
    finally:
        xvfb.terminate()
        try:
            xvfb.wait(15)
        except subprocess.TimeoutExpired:
            xvfb.kill()
        shutil.rmtree(home, ignore_errors=True)
    sys.exit(status)


_own_session()

from dogtail import config  # noqa: E402
from dogtail import tree  # noqa: E402
from gi.repository import GLib  # noqa: E402

config.searchCutoffCount = 20
config.defaultDelay = 0.1
config.actionDelay = 0.1
config.typingDelay = 0.02
config.logDebugToFile = False
config.logDebugToStdOut = False

BIN = os.environ['MEDIALIB_BIN']
APP_ID = os.environ['MEDIALIB_APP_ID']
BUILD = os.environ.get('MEDIALIB_BUILD', os.path.dirname(os.path.dirname(BIN)))
BUTTON_ROLES = ('push button', 'button', 'toggle button')


def _language():
    """The language the app will speak, by gettext's rules: LANGUAGE, unless the locale is C."""
    try:
        messages = locale.setlocale(locale.LC_MESSAGES, '')
    except locale.Error as e:
        print(f'SKIP: the locale of this environment is not installed ({e})')
        sys.exit(77)
    if messages in ('C', 'POSIX') or messages.startswith(('C.', 'POSIX.')):
        return None
    languages = [l for l in os.environ.get('LANGUAGE', '').split(':') if l] or [messages.split('.')[0]]
    return None if languages[0].split('_')[0] == 'en' else languages[0]


# The widgets are found by the names the user sees, in the language of the run: the harness
# reads the catalogue the app reads (MEDIALIB_LOCALEDIR, the build's po/), and a French run
# fails, rather than passing in English, when that catalogue is missing.
LANGUAGE = _language()
if LANGUAGE is None:
    _catalogue = gettext.NullTranslations()
    SHOTS = os.path.join(BUILD, 'e2e-screenshots')
else:
    _catalogue = gettext.translation('medialib', os.environ.get('MEDIALIB_LOCALEDIR', os.path.join(BUILD, 'po')),
                                     languages=[LANGUAGE])
    SHOTS = os.path.join(BUILD, 'e2e-screenshots', LANGUAGE.split('_')[0])


# The keyboard a user of that language has: xdotool then types 'é' with its own key. (A
# character missing from the layout is typed through a keycode remapped for a moment, which a
# slow app, e.g. a sanitized build, reads back after the mapping is gone, and loses.)
KEYBOARD = 'fr' if LANGUAGE is not None and LANGUAGE.startswith('fr') else 'us'


def _(msgid):
    """MSGID as the app shows it in this run's language."""
    return _catalogue.gettext(msgid)


def C_(context, msgid):
    return _catalogue.pgettext(context, msgid)


def ngettext(singular, plural, n):
    return _catalogue.ngettext(singular, plural, n)


def label(msgid):
    """The accessible name of a widget labelled MSGID: translated, its mnemonic underline gone."""
    return re.sub(r'_(_?)', r'\1', _(msgid))


def preset(channel, name):
    """A channel preset's full label, as the crop dialog names its choices."""
    return _('%s · %s') % (C_('channel preset', channel), C_('channel preset', name))


def title():
    """The main window's title."""
    return _('Media Library')


# 'build-aux/dev test --sanitize' runs the app several times slower
TIMEOUT_MULTIPLIER = max(1.0, float(os.environ.get('MEDIALIB_TEST_TIMEOUT_MULTIPLIER', '1')))


def wait_for(predicate, timeout=30.0, what='condition'):
    timeout *= TIMEOUT_MULTIPLIER
    end = time.monotonic() + timeout
    while True:
        try:
            value = predicate()
        except Exception:  # a node went away while the tree changed: look again
            value = None
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f'timed out after {timeout:.0f}s waiting for {what}')
        time.sleep(0.1)


def find(node, name=None, role=None, timeout=20.0, showing=True):
    """A descendant of NODE by accessible name (exact) and role."""
    roles = BUTTON_ROLES if role == 'button' else ((role,) if role else None)

    def pred(n):
        return ((name is None or n.name == name) and
                (roles is None or n.roleName in roles) and (not showing or n.showing))

    return wait_for(lambda: node.findChild(pred, retry=False, requireResult=False),
                    timeout, f'{role or "widget"} named {name!r}')


def find_text(node, text, timeout=20.0):
    """A showing label whose text contains TEXT."""
    return wait_for(lambda: node.findChild(lambda n: n.roleName == 'label' and text in (n.name or '') and n.showing,
                                           retry=False, requireResult=False),
                    timeout, f'a label with {text!r}')


def unnamed_buttons(window):
    """Showing buttons without an accessible name: a screen reader would say only \"button\".

    The grid rebinds its tiles when results arrive, so an object found may be gone a moment
    later: the walk starts again (a few times) when that happens."""
    for attempt in range(5):
        try:
            buttons = window.findChildren(lambda n: n.roleName in ('push button', 'button', 'toggle button')
                                          and n.showing)
            assert len(buttons) >= 6, f'only {len(buttons)} buttons on the accessibility bus'
            return [f'{b.roleName} under {b.parent.roleName} {b.parent.name!r}'
                    for b in buttons if not (b.name or '').strip()]
        except GLib.GError:
            if attempt == 4:
                raise
            time.sleep(0.3)


def find_all(node, name=None, role=None):
    roles = BUTTON_ROLES if role == 'button' else ((role,) if role else None)
    return node.findChildren(lambda n: (name is None or n.name == name) and
                             (roles is None or n.roleName in roles) and n.showing)


def sha256_file(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


def noisy_png_bytes(width, height, seed):
    """A PNG of random pixels: big for its size, slow to import."""
    rnd = random.Random(seed)
    rows = b''.join(b'\0' + rnd.randbytes(width * 3) for _ in range(height))
    return (b'\x89PNG\r\n\x1a\n' + _chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)) +
            _chunk(b'IDAT', zlib.compress(rows, 1)) + _chunk(b'IEND', b''))


def _chunk(kind, data):
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff)


def png_bytes(width, height, seed):
    rows = b''.join(b'\0' + bytes(((x * 7 + y * 3 + seed * 11) % 256) for x in range(width * 3))
                    for y in range(height))

    def chunk(kind, data):
        return (struct.pack('>I', len(data)) + kind + data +
                struct.pack('>I', zlib.crc32(kind + data) & 0xffffffff))

    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0)) +
            chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))


class App:
    """The app as a separate process, the single instance of a fresh library."""

    def __init__(self, name):
        self.name = name
        self.tmp = tempfile.mkdtemp(prefix='medialib-e2e-')
        self.library = os.path.join(self.tmp, 'library')
        self.files = os.path.join(self.tmp, 'files')
        os.mkdir(self.files)
        # MEDIALIB_LIBRARY (not --library): the single instance, which "Open With" reaches
        self.env = dict(os.environ, MEDIALIB_LIBRARY=self.library)
        self.proc = None
        self.node = None
        self.window = None

    def cli(self, *args, check=True):
        r = subprocess.run([BIN, '--library', self.library, *args], capture_output=True, text=True,
                           env=self.env, timeout=120)
        if check and r.returncode not in (0, 1):
            raise AssertionError(f'medialib {" ".join(args)}: {r.stderr}')
        return r

    def assets(self):
        return json.loads(self.cli('--json', 'list').stdout)

    def write(self, name, data):
        path = os.path.join(self.files, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, 'wb') as f:
            f.write(data)
        return path

    def start(self, *args):
        """Starts the app (ARGS: e.g. '--library', DIR for an instance of its own)."""
        # The X server outlives the scenario: each one sets the layout of its language
        subprocess.run(['setxkbmap', KEYBOARD], check=True, timeout=20)
        self.proc = subprocess.Popen([BIN, *args], env=self.env)
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
        if LANGUAGE is not None:
            assert title() != 'Media Library', f'no {LANGUAGE} translation of the window title'
        self.window = find(self.node, name=title(), role='frame', timeout=30)
        self.focus()
        return self

    def focus(self):
        """Keyboard focus on the window (Xvfb has no window manager to give it)."""
        # --all: this process's window of that name (xdotool takes any of the conditions otherwise)
        r = subprocess.run(['xdotool', 'search', '--all', '--sync', '--onlyvisible', '--limit', '1', '--pid', str(self.proc.pid),
                            '--name', '^' + re.escape(title()) + '$'], capture_output=True, text=True,
                           timeout=20)
        wid = r.stdout.split()[0] if r.stdout.split() else None
        if wid:
            # Above the other windows (two instances of the app overlap: no window manager)
            subprocess.run(['xdotool', 'windowraise', wid], timeout=20)
            subprocess.run(['xdotool', 'windowfocus', '--sync', wid], timeout=20)
            subprocess.run(['xdotool', 'mousemove', '--window', wid, '400', '300'], timeout=20)

    def open(self, *paths):
        """Opens files as Files' "Open With" does: through the running instance."""
        r = subprocess.run([BIN, *paths], env=self.env, capture_output=True, text=True, timeout=60)
        if r.returncode != 0:
            raise AssertionError(f'medialib {paths}: {r.stderr}')

    def keys(self, combo):
        """Types COMBO (xdotool syntax, e.g. ctrl+a) into the focused window."""
        self.focus()
        subprocess.run(['xdotool', 'key', '--clearmodifiers', combo], check=True, timeout=20)
        time.sleep(0.3)

    def click(self, node):
        """A real pointer click in the middle of NODE (the window sits at 0,0: no window manager)."""
        self.focus()
        x, y = node.position
        w, h = node.size
        subprocess.run(['xdotool', 'mousemove', str(x + w // 2), str(y + h // 2),
                        'click', '1'], check=True, timeout=20)

    def click_scrolled(self, node):
        """Scrolls NODE's scroll pane with the wheel until NODE is inside it, then clicks it."""
        pane = node.parent
        while pane is not None and pane.roleName != 'scroll pane':
            pane = pane.parent
        assert pane is not None, f'{node.name!r} is not in a scroll pane'
        px, py = pane.position
        pw, ph = pane.size

        def inside():
            y, h = node.position[1], node.size[1]
            if py <= y and y + h <= py + ph:
                return True
            button = '5' if y + h > py + ph else '4'
            subprocess.run(['xdotool', 'mousemove', str(px + pw // 2), str(py + ph // 2),
                            'click', button], check=True, timeout=20)
            return False

        self.focus()
        wait_for(inside, 20, f'{node.name!r} to scroll into view')
        self.click(node)

    def show_details(self, name, dimensions):
        """Clicks the tile NAME and waits for the details pane to show its DIMENSIONS label,
        opening the pane with its toggle when it is closed."""
        self.click(find(self.window, name=name, role='label'))
        toggle = find(self.window, name=_('Show Details'), role='toggle button')

        def shown():
            if find_all(self.window, name=dimensions, role='label'):
                return True
            if not toggle.checked:
                toggle.doActionNamed('click')
            return False

        wait_for(shown, 20, f'the details of {name}')

    def type(self, text):
        """Types TEXT into the widget with the keyboard focus."""
        self.focus()
        subprocess.run(['xdotool', 'type', '--delay', '20', text], check=True, timeout=60)

    def screenshot(self, suffix=''):
        os.makedirs(SHOTS, exist_ok=True)
        path = os.path.join(SHOTS, self.name + suffix + '.png')
        subprocess.run(['import', '-window', 'root', path], timeout=30, capture_output=True)
        return path

    def dump_tree(self):
        os.makedirs(SHOTS, exist_ok=True)
        path = os.path.join(SHOTS, self.name + '-tree.txt')
        with open(path, 'w', encoding='utf-8') as f:
            def walk(node, depth):
                try:
                    f.write(f'{"  " * depth}{node.roleName} {node.name!r}'
                            f'{" showing" if node.showing else ""}\n')
                    for child in node.children:
                        walk(child, depth + 1)
                except Exception as e:
                    f.write(f'{"  " * depth}({e})\n')
            if self.node is not None:
                walk(self.node, 0)
        return path

    def quit(self, timeout=60):
        """Quits the app through its Quit action (over D-Bus, whatever has the focus) and
        returns its exit status: it must end cleanly, and a sanitized build checks itself for
        leaks as it exits."""
        if self.proc is None:
            return 0
        if self.proc.poll() is None:
            subprocess.run(['gdbus', 'call', '--session', '--dest', APP_ID,
                            '--object-path', '/' + APP_ID.replace('.', '/'),
                            '--method', 'org.gtk.Actions.Activate', "'quit'", '[]', '{}'],
                           capture_output=True, timeout=30)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                return f'still running {timeout}s after Quit'
        return self.proc.returncode

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        shutil.rmtree(self.tmp, ignore_errors=True)


def scenario(func):
    """Runs FUNC(app) with a fresh app; on failure keeps a screenshot and the tree."""
    name = os.path.splitext(os.path.basename(sys.argv[0]))[0]
    app = App(name)
    try:
        func(app)
        time.sleep(0.5)  # the last transition (a crossfade, a toast) ends before the picture
        app.screenshot()
        status = app.quit()
        assert status == 0, f'the app did not end cleanly when quit: {status} (23: a sanitizer report)'
        print('1 passed, 0 failed')
    except BaseException:
        traceback.print_exc()
        try:
            print('screenshot:', app.screenshot('-failed'))
            print('tree:', app.dump_tree())
        except Exception:
            pass
        print('0 passed, 1 failed')
        app.stop()
        sys.exit(1)
    app.stop()
