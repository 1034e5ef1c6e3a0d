"""A TCP relay whose connections reach the app from another loopback address (127.0.0.2), so the
app sees a browser on another machine (`st.context.ip_address`), for the room gate's browser
test and the live workshop benchmark."""

from __future__ import annotations

import socket
import threading


class Relay:
    """A TCP relay on 127.0.0.1 whose connections to the app come from `source`."""

    def __init__(self, target_port: int, source: str = "127.0.0.2") -> None:
        self.target = ("127.0.0.1", target_port)
        self.source = source
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = [self.listener]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.socket()
            upstream.bind((self.source, 0))
            upstream.connect(self.target)
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for end in (source, target):
                try:
                    end.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        for sock in self.sockets:
            sock.close()
