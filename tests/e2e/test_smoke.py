#!/usr/bin/env python3
# test_smoke.py — the real app starts and its Upload button is found through AT-SPI
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import harness  # noqa: E402


def run(app):
    app.start()
    upload = harness.find(app.window, name='Upload', role='button')
    assert 'click' in upload.actions, upload.actions
    assert app.assets() == []


if __name__ == '__main__':
    harness.scenario(run)
