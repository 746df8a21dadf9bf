"""A WSGI app for tests/ops/test_deployment.py: a response streamed slowly,
as a large export is, longer than the server's worker timeout."""

import os
import time

CHUNKS = int(os.environ.get("SLOW_STREAM_CHUNKS", "6"))
PAUSE = float(os.environ.get("SLOW_STREAM_PAUSE", "1"))


def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])

    def body():
        for number in range(CHUNKS):
            yield f"chunk {number}\n".encode()
            time.sleep(PAUSE)
        yield b"end\n"

    return body()
