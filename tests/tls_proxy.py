# tls_proxy.py — an https endpoint of our own on loopback, in front of the gateway's plain
# http, with a self-signed certificate made by openssl for 127.0.0.1: the object store of a
# company behind its own certificate authority. Used by test_team_access.py (the command
# line) and e2e/test_15_certificate.py (the window).
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import os
import socket
import ssl
import subprocess
import threading
import urllib.parse


class TlsProxy:
    """An https endpoint of our own on loopback, with a certificate made for it, in front of the
    gateway's plain http: what a company's object store behind its own certificate authority
    looks like to the app"""

    def __init__(self, folder, upstream):
        self.cert = os.path.join(folder, 'store.crt')
        key = os.path.join(folder, 'store.key')
        r = subprocess.run(['openssl', 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1',
                            '-keyout', key, '-out', self.cert, '-subj', '/CN=Media Library test store',
                            '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
                           capture_output=True, text=True, timeout=60)
        if r.returncode != 0:
            raise RuntimeError(r.stderr)
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(self.cert, key)
        parsed = urllib.parse.urlsplit(upstream)
        self.upstream = (parsed.hostname, parsed.port)
        self.listener = socket.create_server(('127.0.0.1', 0))
        self.endpoint = f'https://127.0.0.1:{self.listener.getsockname()[1]}'
        self.handshakes = 0
        threading.Thread(target=self.accept, daemon=True).start()

    def accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self.serve, args=(client,), daemon=True).start()

    def serve(self, client):
        try:
            tls = self.context.wrap_socket(client, server_side=True)
        except (OSError, ssl.SSLError):
            client.close()   # the app refused the certificate
            return
        self.handshakes += 1
        upstream = socket.create_connection(self.upstream)

        def pump(source, sink):
            try:
                while data := source.recv(65536):
                    sink.sendall(data)
            except OSError:
                pass
            finally:
                for s in (source, sink):
                    try:
                        s.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass

        threading.Thread(target=pump, args=(upstream, tls), daemon=True).start()
        pump(tls, upstream)

    def close(self):
        self.listener.close()
