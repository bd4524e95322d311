#!/usr/bin/env python3
# Scenario 4: generate with a prompt against the stand-in OpenAI-compatible server: four
# variants appear; add two; the quota line goes down by one.
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
import harness  # noqa: E402


def add_buttons(app, name):
    return [b for b in harness.find_all(app.window, name=name, role='button') if b.showing]


def left(n, limit=10):
    return harness.ngettext('%u of %u generation left today', '%u of %u generations left today', n) % (n, limit)


def run(app):
    standin = subprocess.Popen([os.environ['MEDIALIB_AI_STANDIN']], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True,
                               env=dict(os.environ, STANDIN_KEY='sk-e2e'))
    try:
        url = standin.stdout.readline().strip()
        assert url.startswith('http://'), url
        app.env.update(MEDIALIB_AI_BASE_URL=url, MEDIALIB_AI_MODEL='dall-e-2',
                       MEDIALIB_AI_API_KEY='sk-e2e', MEDIALIB_AI_TIMEOUT='30')
        app.start()

        harness.find(app.window, name=harness._('AI Image Generator'), role='button').doActionNamed('click')
        harness.find(app.window, name=left(10), role='label')
        # The description has the keyboard focus when the dialog opens
        harness.wait_for(lambda: harness.find(app.window, name=harness._('Image Description')).focused, 10,
                         'the focus in the description')
        app.type('Un vélo rouge contre un mur bleu' if harness.LANGUAGE == 'fr' else
                 'A red bicycle leaning on a blue wall')
        generate = harness.find(app.window, name=harness.label('_Generate Images'), role='button')
        harness.wait_for(lambda: generate.sensitive, 10, 'Generate Images to be enabled')
        generate.doActionNamed('click')

        harness.wait_for(lambda: len(add_buttons(app, harness._('Add to Media Library'))) == 4, 60,
                         'four variants')
        harness.find(app.window, name=left(9), role='label')
        assert harness.unnamed_buttons(app.window) == [], harness.unnamed_buttons(app.window)
        for button in add_buttons(app, harness._('Add to Media Library'))[:2]:
            button.doActionNamed('click')
        harness.wait_for(lambda: len(add_buttons(app, harness._('Added to the Media Library'))) == 2, 30,
                         'two variants added')

        harness.wait_for(lambda: len(app.assets()) == 2, 30, 'two assets in the library')
        assets = app.assets()
        assert {a['source'] for a in assets} == {'ai'}, assets
        # Both tiles in the grid behind the dialog
        for asset in assets:
            harness.find(app.window, name=asset['name'], role='label')
        quota = app.cli('--json', 'quota')
        assert '"used" : 1' in quota.stdout or '"used": 1' in quota.stdout, quota.stdout
    finally:
        standin.stdin.close()
        standin.wait(10)


if __name__ == '__main__':
    harness.scenario(run)
