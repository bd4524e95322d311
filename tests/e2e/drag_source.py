#!/usr/bin/env python3
# A tiny window that offers its command-line files as a drag (text/uri-list and the GDK file
# list), for the drag-and-drop scenario. Prints "ready" once it is on screen.
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import sys

import gi
gi.require_version('Gdk', '4.0')
gi.require_version('Gtk', '4.0')
from gi.repository import Gdk, Gio, GLib, Gtk  # noqa: E402


def on_activate(app):
    files = [Gio.File.new_for_path(p) for p in sys.argv[1:]]
    uris = ''.join(f.get_uri() + '\r\n' for f in files).encode()

    label = Gtk.Label(label=f'Drag {len(files)} files')
    label.set_size_request(240, 160)
    source = Gtk.DragSource(actions=Gdk.DragAction.COPY)
    source.connect('prepare', lambda *_: Gdk.ContentProvider.new_union([
        Gdk.ContentProvider.new_for_value(Gdk.FileList.new_from_list(files)),
        Gdk.ContentProvider.new_for_bytes('text/uri-list', GLib.Bytes.new(uris)),
    ]))
    label.add_controller(source)

    window = Gtk.Window(application=app, title='Drag Source', child=label, decorated=False)
    window.connect('map', lambda *_: GLib.timeout_add(100, lambda: print('ready', flush=True)))
    window.present()


app = Gtk.Application(application_id=None,
                      flags=Gio.ApplicationFlags.NON_UNIQUE)
app.connect('activate', on_activate)
app.run([sys.argv[0]])
