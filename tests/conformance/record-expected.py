#!/usr/bin/env python3
# record-expected.py — what independent decoders make of the conformance files
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write tests/data/conformance/expected.tsv from independent decoders.

Each file of tests/data/conformance/<source>/ is given to a decoder that is not ours and
does not go through GdkPixbuf; its verdict, with the product's rules and the policy below,
is the file's expected outcome: "accept W H" (the size as displayed) or "refuse".

Decoders (Debian 12 packages, installed on a host to record, never needed by the build):
  JPEG  djpeg from libjpeg-turbo-progs 2.1.5 (decodes the whole image), and exiftool
        (libimage-exiftool-perl) for the EXIF orientation, since the size is the size as
        displayed: orientations 5 to 8 swap width and height, as browsers do.
  PNG   pngtopnm from netpbm, which decodes with libpng 1.6 and reads to IEND.
  GIF   giflib 5.2 (libgif.so.7) through ctypes: every record to the trailer, every frame
        decoded row by row. The size is the logical screen's.

Policy, on top of the decoders (README "The rules come from the product documents"):
  - Product rules: files of 5,242,880 bytes or more, and images above 50 megapixels, are
    refused; so is a GIF frame above 50 megapixels, since decoders allocate each frame at
    its own size.
  - Rule 1, truncation: a file that ends before its format's end (JPEG EOI, PNG IEND, GIF
    trailer) is refused, even when the decoder shows the part it has. So djpeg's "Premature
    end of JPEG file" warning means refuse; its other warnings (extraneous bytes before a
    marker, a scan whose data ends at a marker: "premature end of data segment") mean
    accept, since libjpeg-turbo decodes the whole file.
  - Rule 2, what browsers display is accepted, where giflib is stricter than them:
      * a frame whose pixel data ends before its last pixel ("Image EOF detected before
        image complete"), in a file that still ends with the trailer: browsers draw the
        pixels there are;
      * an LZW minimum code size of 9 to 11 (giflib allows at most 8, Chromium up to 11),
        in a file that ends with the trailer;
      * stray bytes after complete frames ("Wrong record type"), in a file that ends with
        the trailer: browsers stop there and show the frames read.
    A frame of no pixels, a GIF without any frame and a JPEG or PNG that the decoder fails
    on are refused.

Usage: tests/conformance/record-expected.py [CONFORMANCE_DIR]
"""

import ctypes
import os
import re
import subprocess
import sys
import tempfile

MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 50_000_000

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.join(HERE, '..', 'data', 'conformance')


def sniff(data):
    if data.startswith(b'\x89PNG\r\n\x1a\n'):
        return 'png'
    if data.startswith(b'\xff\xd8\xff'):
        return 'jpeg'
    if data[:6] in (b'GIF87a', b'GIF89a'):
        return 'gif'
    return None


def pnm_size(path):
    """Width and height from a PNM file's header."""
    with open(path, 'rb') as f:
        head = f.read(256)
    head = re.sub(rb'#[^\n]*\n', b' ', head)
    fields = head.split()
    return int(fields[1]), int(fields[2])


def one_line(text):
    return ' '.join(text.split())[:160]


# JPEG: djpeg, exiftool

def jpeg_orientation(path):
    out = subprocess.run(['exiftool', '-n', '-s3', '-EXIF:Orientation', path],
                         capture_output=True, text=True).stdout.strip()
    return int(out) if out.isdigit() else 1


def decode_jpeg(path):
    with tempfile.NamedTemporaryFile(suffix='.pnm') as out:
        run = subprocess.run(['djpeg', '-pnm', '-outfile', out.name, path],
                             capture_output=True, text=True)
        said = one_line(run.stderr)
        if run.returncode == 1:
            return 'refuse', f'error: {said}', 'the decoder fails'
        if 'Premature end of JPEG file' in run.stderr:
            return 'refuse', f'warning: {said}', 'rule 1: cut before its end marker'
        width, height = pnm_size(out.name)
    orientation = jpeg_orientation(path)
    if orientation >= 5:
        width, height = height, width
    verdict = f'warning: {said}' if run.returncode == 2 else 'ok'
    rule = f'EXIF orientation {orientation}' if orientation != 1 else ''
    return (width, height), verdict, rule


# PNG: pngtopnm (libpng)

def decode_png(path):
    with tempfile.NamedTemporaryFile(suffix='.pnm') as out:
        run = subprocess.run(['pngtopnm', path], stdout=out, stderr=subprocess.PIPE, text=True)
        said = one_line(run.stderr)
        if run.returncode != 0:
            return 'refuse', f'error: {said}', 'the decoder fails'
        verdict = f'warning: {said}' if said else 'ok'
        return pnm_size(out.name), verdict, ''


# GIF: giflib through ctypes, reading from memory to know where it stopped

class ColorMapObject(ctypes.Structure):
    _fields_ = [('ColorCount', ctypes.c_int), ('BitsPerPixel', ctypes.c_int),
                ('SortFlag', ctypes.c_bool), ('Colors', ctypes.c_void_p)]


class GifImageDesc(ctypes.Structure):
    _fields_ = [('Left', ctypes.c_int), ('Top', ctypes.c_int), ('Width', ctypes.c_int),
                ('Height', ctypes.c_int), ('Interlace', ctypes.c_bool),
                ('ColorMap', ctypes.POINTER(ColorMapObject))]


class GifFileType(ctypes.Structure):
    _fields_ = [('SWidth', ctypes.c_int), ('SHeight', ctypes.c_int),
                ('SColorResolution', ctypes.c_int), ('SBackGroundColor', ctypes.c_int),
                ('AspectByte', ctypes.c_ubyte), ('SColorMap', ctypes.POINTER(ColorMapObject)),
                ('ImageCount', ctypes.c_int), ('Image', GifImageDesc),
                ('SavedImages', ctypes.c_void_p), ('ExtensionBlockCount', ctypes.c_int),
                ('ExtensionBlocks', ctypes.c_void_p), ('Error', ctypes.c_int),
                ('UserData', ctypes.c_void_p), ('Private', ctypes.c_void_p)]


GIF = ctypes.POINTER(GifFileType)
InputFunc = ctypes.CFUNCTYPE(ctypes.c_int, GIF, ctypes.POINTER(ctypes.c_ubyte), ctypes.c_int)
D_GIF_ERR_READ_FAILED = 102
D_GIF_ERR_WRONG_RECORD = 107
D_GIF_ERR_EOF_TOO_SOON = 113


def giflib():
    lib = ctypes.CDLL('libgif.so.7')
    lib.DGifOpen.restype = GIF
    lib.DGifOpen.argtypes = [ctypes.c_void_p, InputFunc, ctypes.POINTER(ctypes.c_int)]
    lib.GifErrorString.restype = ctypes.c_char_p
    return lib


def decode_gif(path, lib):
    with open(path, 'rb') as f:
        data = f.read()
    state = {'pos': 0}

    def read(_gif, buf, n):
        chunk = data[state['pos']:state['pos'] + n]
        ctypes.memmove(buf, chunk, len(chunk))
        state['pos'] += len(chunk)
        return len(chunk)

    reader = InputFunc(read)
    error = ctypes.c_int(0)
    gif = lib.DGifOpen(None, reader, ctypes.byref(error))
    if not gif:
        return 'refuse', 'error: ' + lib.GifErrorString(error.value).decode(), 'the decoder fails'

    def said():
        return lib.GifErrorString(gif.contents.Error).decode()

    ends_with_trailer = data.endswith(b';')
    width, height = gif.contents.SWidth, gif.contents.SHeight
    frames = 0
    try:
        while True:
            record = ctypes.c_int(0)
            if lib.DGifGetRecordType(gif, ctypes.byref(record)) != 1:
                code = gif.contents.Error
                verdict = f'error after {frames} frames: {said()}'
                if code == D_GIF_ERR_WRONG_RECORD and frames > 0 and ends_with_trailer:
                    return (width, height), verdict, 'rule 2: stray bytes after the frames'
                if code == D_GIF_ERR_READ_FAILED:
                    return 'refuse', verdict, 'rule 1: cut before its trailer'
                return 'refuse', verdict, 'the decoder fails'
            if record.value == 2:  # image
                start = state['pos']
                if lib.DGifGetImageDesc(gif) != 1:
                    verdict = f'error in frame {frames}: {said()}'
                    if state['pos'] >= len(data):
                        return 'refuse', verdict, 'rule 1: cut before its trailer'
                    # giflib read the descriptor, its palette and the LZW code size
                    lzw_size = data[state['pos'] - 1]
                    if 9 <= lzw_size <= 11 and ends_with_trailer:
                        return (width, height), verdict + f' (LZW code size {lzw_size})', \
                            'rule 2: LZW code size up to 11'
                    return 'refuse', verdict, 'the decoder fails'
                desc = gif.contents.Image
                if desc.Width <= 0 or desc.Height <= 0:
                    return 'refuse', f'frame {frames} is {desc.Width}x{desc.Height}', \
                        'a frame of no pixels'
                if desc.Width * desc.Height > MAX_PIXELS:
                    return 'refuse', f'frame {frames} is {desc.Width}x{desc.Height}', \
                        'product rule: a frame above 50 megapixels'
                line = (ctypes.c_ubyte * desc.Width)()
                for row in range(desc.Height):
                    if lib.DGifGetLine(gif, line, desc.Width) != 1:
                        code = gif.contents.Error
                        verdict = f'error in frame {frames} row {row}: {said()}'
                        if code == D_GIF_ERR_EOF_TOO_SOON and ends_with_trailer:
                            return (width, height), verdict, \
                                'rule 2: a frame whose pixel data ends early'
                        if state['pos'] >= len(data):
                            return 'refuse', verdict, 'rule 1: cut before its trailer'
                        return 'refuse', verdict, 'the decoder fails'
                frames += 1
            elif record.value == 3:  # extension
                code = ctypes.c_int(0)
                block = ctypes.POINTER(ctypes.c_ubyte)()
                ok = lib.DGifGetExtension(gif, ctypes.byref(code), ctypes.byref(block)) == 1
                while ok and block:
                    ok = lib.DGifGetExtensionNext(gif, ctypes.byref(block)) == 1
                if not ok:
                    return 'refuse', f'error in an extension: {said()}', \
                        'rule 1: cut before its trailer' if state['pos'] >= len(data) else \
                        'the decoder fails'
            elif record.value == 4:  # trailer
                if frames == 0:
                    return 'refuse', 'no frame', 'nothing to display'
                return (width, height), f'ok, {frames} frames', ''
    finally:
        lib.DGifCloseFile(gif, ctypes.byref(error))


def main():
    top = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_DIR)
    lib = giflib()
    rows = []
    counts = {}

    for source in sorted(os.listdir(top)):
        folder = os.path.join(top, source)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            path = os.path.join(folder, name)
            with open(path, 'rb') as f:
                data = f.read()
            kind = sniff(data)
            if kind is None:
                continue  # licences and READMEs
            decoder = {'jpeg': 'djpeg', 'png': 'pngtopnm', 'gif': 'giflib'}[kind]
            if len(data) >= MAX_BYTES:
                outcome, verdict, rule = 'refuse', '-', 'product rule: 5 MB'
            elif kind == 'jpeg':
                outcome, verdict, rule = decode_jpeg(path)
            elif kind == 'png':
                outcome, verdict, rule = decode_png(path)
            else:
                outcome, verdict, rule = decode_gif(path, lib)
            if outcome != 'refuse':
                width, height = outcome
                if width * height > MAX_PIXELS:
                    outcome, rule = 'refuse', 'product rule: 50 megapixels'
                else:
                    outcome = f'accept {width} {height}'
            counts[outcome.split()[0]] = counts.get(outcome.split()[0], 0) + 1
            rows.append('\t'.join([f'{source}/{name}', kind, outcome, decoder,
                                   verdict.replace('\t', ' '), rule]))

    out = os.path.join(top, 'expected.tsv')
    with open(out, 'w', encoding='utf-8') as f:
        f.write('# expected.tsv — written by tests/conformance/record-expected.py; do not edit\n')
        f.write('# file\tformat\texpected\tdecoder\tthe decoder said\twhy, when not only the decoder\n')
        f.write('\n'.join(rows) + '\n')
    print(f'{out}: {len(rows)} files, {counts.get("accept", 0)} accepted, '
          f'{counts.get("refuse", 0)} refused')


if __name__ == '__main__':
    main()
