#!/usr/bin/env python3
# test_smoke.py — the real app starts and its Upload button is found through AT-SPI
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import harness  # noqa: E402


def main():
    with harness.App() as app:
        window = app.window('Media Library')
        upload = harness.find(window, name='Upload', role='button')
        assert upload.showing, 'the Upload button is not showing'
        assert 'click' in upload.actions, upload.actions
        harness.check_library(app.library, [])
    print('1 passed, 0 failed')


if __name__ == '__main__':
    main()
