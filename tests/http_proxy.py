# tests/http_proxy.py — an HTTP proxy of our own in front of a real server, for fault tests
#
# Copyright 2026 The Media Library authors
# SPDX-License-Identifier: GPL-3.0-or-later

import socket
import threading
import urllib.parse


class HttpProxy:
    """A TCP proxy on loopback in front of a real server (the team tests' gateway). It reads
    each HTTP request its clients send and passes it on; answers come back as they are. What
    a test wants of it goes in two methods, called in the connection's thread:

    - `before_body(request_line)`, once a request's head is read: True holds that request
      and everything after it on its connection, as a network that stops answering would
      (it may also wait, as a slow one does);
    - `after_body(request_line)`, once its body is read too: a status answers the request
      ourselves, and the connection is closed, as by a server that gives up on it (it may
      also wait).

    close() makes the port refuse connections and drops those it carried."""

    def __init__(self, upstream, port=0):
        url = urllib.parse.urlsplit(upstream)
        self.upstream = (url.hostname, url.port)
        self.server = socket.create_server(('127.0.0.1', port))
        self.port = self.server.getsockname()[1]
        self.endpoint = f'http://127.0.0.1:{self.port}'
        self.sockets = []
        threading.Thread(target=self.accept, daemon=True).start()

    def before_body(self, request_line):
        return False

    def after_body(self, request_line):
        return None

    def close(self):
        # shutdown() wakes the thread blocked in accept(), which close() alone does not: the
        # socket would go on listening
        try:
            self.server.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.server.close()
        for s in self.sockets:
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            s.close()

    def accept(self):
        while True:
            try:
                client, _ = self.server.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.upstream)
            self.sockets += [client, upstream]
            threading.Thread(target=self.requests, args=(client, upstream), daemon=True).start()
            threading.Thread(target=self.pump, args=(upstream, client), daemon=True).start()

    @staticmethod
    def pump(source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for s in (source, sink):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def requests(self, client, upstream):
        buffered = b''
        try:
            while True:
                while b'\r\n\r\n' not in buffered:
                    data = client.recv(65536)
                    if not data:
                        upstream.shutdown(socket.SHUT_WR)
                        return
                    buffered += data
                head, buffered = buffered.split(b'\r\n\r\n', 1)
                request_line = head.split(b'\r\n', 1)[0].decode('latin-1')
                if self.before_body(request_line):
                    while client.recv(65536):
                        pass
                    return
                length = 0
                for line in head.split(b'\r\n')[1:]:
                    name, _, value = line.decode('latin-1').partition(':')
                    if name.strip().lower() == 'content-length':
                        length = int(value)
                while len(buffered) < length:
                    data = client.recv(65536)
                    if not data:
                        return
                    buffered += data
                body, buffered = buffered[:length], buffered[length:]
                status = self.after_body(request_line)
                if status:
                    text = b'<Error><Code>ServiceUnavailable</Code><Message>Test proxy</Message></Error>'
                    client.sendall(b'HTTP/1.1 %d Error\r\nContent-Type: application/xml\r\n'
                                   b'Content-Length: %d\r\nConnection: close\r\n\r\n%s' % (status, len(text), text))
                    for s in (client, upstream):
                        s.shutdown(socket.SHUT_RDWR)
                    return
                upstream.sendall(head + b'\r\n\r\n' + body)
        except OSError:
            pass
