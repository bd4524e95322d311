#!/usr/bin/env python3
# check-flatpak.py — the Flatpak manifests, checked offline (the runtime cannot be fetched here)
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: check-flatpak.py SOURCE_ROOT APP_ID... BINARY

import json
import os
import re
import sys

FINISH_ARGS = ['--share=network', '--share=ipc', '--socket=wayland', '--socket=fallback-x11',
               '--device=dri']

top, *app_ids, binary = sys.argv[1:]
failures = []

for app_id in app_ids:
    path = os.path.join(top, 'flatpak', app_id + '.json')
    try:
        with open(path, encoding='utf-8') as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        failures.append(f'{path}: {e}')
        continue

    def check(condition, what):
        if not condition:
            failures.append(f'{os.path.basename(path)}: {what}')

    check(manifest.get('id') == app_id, f'id is {manifest.get("id")!r}, not the file name and app id {app_id!r}')
    check(manifest.get('runtime') == 'org.gnome.Platform' and manifest.get('sdk') == 'org.gnome.Sdk',
          'the runtime is not the GNOME runtime and SDK')
    check(re.fullmatch(r'\d+', str(manifest.get('runtime-version', ''))) and
          int(manifest['runtime-version']) >= 50, 'the runtime is older than GNOME 50')
    check(manifest.get('command') == binary, f'command is {manifest.get("command")!r}, not {binary!r}')
    check(manifest.get('finish-args') == FINISH_ARGS,
          f'finish-args are {manifest.get("finish-args")}, not exactly {FINISH_ARGS}')
    modules = manifest.get('modules', [])
    # libpq (team libraries) is not in the GNOME runtime: a module of its own, pinned to a
    # commit or a checksum; the app is the last module. giflib (animated GIF crops) needs
    # none: the freedesktop platform under the GNOME runtime ships it
    # (freedesktop-sdk's elements/platform.bst, giflib 5.2.2 in release/25.08)
    for dependency in modules[:-1]:
        for source in dependency.get('sources', []):
            check((source.get('type') == 'git' and re.fullmatch(r'[0-9a-f]{40}', source.get('commit', ''))) or
                  (source.get('type') in ('archive', 'file') and re.fullmatch(r'[0-9a-f]{64}', source.get('sha256', ''))),
                  f'the module {dependency.get("name")!r} has a source pinned to no commit or checksum')
    check([m.get('name') for m in modules[:-1]] == ['libpq'],
          f'the modules before the app are {[m.get("name") for m in modules[:-1]]}, not libpq alone')
    if modules:
        module = modules[-1]
        check(module.get('buildsystem') == 'meson', 'the module is not built with meson')
        sources = module.get('sources', [])
        check(len(sources) == 1 and sources[0].get('type') == 'dir', 'the module does not build a local directory')
        if sources and sources[0].get('type') == 'dir':
            tree = os.path.normpath(os.path.join(top, 'flatpak', sources[0].get('path', '')))
            try:
                with open(os.path.join(tree, 'meson.build'), encoding='utf-8') as f:
                    head = f.read(400)
            except OSError:
                head = ''
            check("project('medialib'" in head, f'the module\'s directory {tree} is not this tree')
        devel = app_id.endswith('.Devel')
        check(('-Ddevelopment=true' in module.get('config-opts', [])) == devel,
              'the Devel manifest (and only it) builds with -Ddevelopment=true')

for f in failures:
    print('FAIL:', f)
print('check-flatpak:', 'ok' if not failures else f'{len(failures)} problem(s)')
sys.exit(1 if failures else 0)
