#!/usr/bin/env python3
# Scenario 6: a .vcf from the corpus: the contact tile shows the name.
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import shutil
import sys

sys.path.insert(0, os.path.dirname(__file__))
import harness  # noqa: E402

CORPUS = os.path.join(os.environ.get('MEDIALIB_SHARED', ''), 'corpus', 'vcard')


def run(app):
    source = os.path.join(CORPUS, 'ez-vcard_rfc2426-example.vcf')
    if os.path.exists(source):
        path = os.path.join(app.files, 'dawson.vcf')
        shutil.copy(source, path)
        name = 'Frank Dawson'
    else:  # a clone without ../shared: a card of our own
        path = app.write('dawson.vcf', b'BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Frank Dawson\r\n'
                                       b'ORG:Lotus Development Corporation\r\nEND:VCARD\r\n')
        name = 'Frank Dawson'
    app.start()

    app.open(path)

    harness.find(app.window, name=name, role='label', timeout=60)
    harness.find(app.window, name='Lotus Development Corporation', role='label')
    assets = app.assets()
    assert [a['kind'] for a in assets] == ['contact'], assets
    assert assets[0]['contact']['name'] == name


if __name__ == '__main__':
    harness.scenario(run)
