#!/usr/bin/env python3
"""A real SMTP server on loopback for the portal's mail tests.

Every message it accepts is written to DIR as NNNN.eml (with the envelope recipients in
an X-Peer-To header). `--fail-first N` answers the first N messages with a temporary
failure (451), so retries can be tested. Prints the port it listens on, then serves until
it is stopped.
"""
import argparse
import asyncio
import os
import sys

from aiosmtpd.smtp import SMTP


class Store:
    def __init__(self, directory, fail_first):
        self.directory = directory
        self.fail_left = fail_first
        self.count = 0
        os.makedirs(directory, exist_ok=True)

    async def handle_DATA(self, server, session, envelope):
        if self.fail_left > 0:
            self.fail_left -= 1
            return "451 4.3.0 Try again later"
        self.count += 1
        path = os.path.join(self.directory, f"{self.count:04d}.eml")
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            f.write(("X-Peer-To: " + ", ".join(envelope.rcpt_tos) + "\r\n").encode())
            f.write(envelope.original_content or envelope.content)
        os.replace(tmp, path)
        return "250 OK"


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--fail-first", type=int, default=0)
    args = parser.parse_args()
    handler = Store(args.dir, args.fail_first)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(lambda: SMTP(handler, hostname="peer.localhost"), "127.0.0.1", args.port)
    port = server.sockets[0].getsockname()[1]
    print(port, flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
