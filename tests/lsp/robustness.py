#!/usr/bin/env python3
"""Robustness of remit-lsp beyond what a golden transcript can hold.

Usage: robustness.py REMIT_LSP

1. A 10 MB message (a document of that size) is read, analysed and answered,
   and the server still answers afterwards.
2. Memory stays bounded over 10,000 edits of a document (analysed after every
   tenth): the resident set after the last edit is within 16 MiB of the one
   after the first 1,000, so a leak of 2 KiB per edit fails. A sanitized
   server (REMIT_SANITIZED=1) keeps freed memory in ASan's quarantine, so
   there LeakSanitizer, at exit, is the judge instead.
3. Bytes that are not a frame at all (binary junk) do not stop the server.
"""
import json
import os
import subprocess
import sys
import tempfile


class Client:
    def __init__(self, server, root):
        self.proc = subprocess.Popen([server], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL)
        self.root = root
        self.next_id = 100

    def send(self, message):
        body = json.dumps(message).encode("utf-8")
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def receive(self):
        header = b""
        while not header.endswith(b"\r\n\r\n"):
            byte = self.proc.stdout.read(1)
            if not byte:
                raise RuntimeError("the server closed its output")
            header += byte
        length = int(header.split(b":")[1].split(b"\r\n")[0])
        return json.loads(self.proc.stdout.read(length))

    def request(self, method, params):
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": self.next_id, "method": method,
                   "params": params})
        while True:
            message = self.receive()
            if message.get("id") == self.next_id:
                return message

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def rss_kib(self):
        with open("/proc/%d/status" % self.proc.pid) as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return 0

    def close(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        return self.proc.wait(timeout=30)


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    return condition


def main():
    server = sys.argv[1]
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.realpath(tmp)
        c = Client(server, root)
        c.request("initialize", {"rootUri": "file://" + root, "capabilities": {}})
        c.notify("initialized", {})

        # 1. A 10 MB document: a role and a long comment.
        uri = "file://" + root + "/big.remit"
        text = "role r \"R\" { final }\n" + ("// " + "x" * 1021 + "\n") * 10240
        c.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "remit", "version": 1, "text": text}})
        symbols = c.request("textDocument/documentSymbol",
                            {"textDocument": {"uri": uri}})
        ok &= check(len(text) > 10_000_000 and
                    [s["name"] for s in symbols.get("result", [])] == ["r"],
                    "a 10 MB document is analysed")
        c.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

        # 3. Binary junk between messages.
        c.raw(bytes(range(256)) * 16 + b"\r\n\r\n")
        answer = c.request("workspace/symbol", {"query": ""})
        ok &= check("result" in answer, "binary junk does not stop the server")

        # 2. Bounded memory over many edits.
        uri = "file://" + root + "/edit.remit"
        body = ("role ceo \"CEO\" { final }\n" +
                "".join("role r%d \"R %d\" { reports_to ceo }\n" % (i, i)
                        for i in range(400)))
        c.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri, "languageId": "remit", "version": 1, "text": body}})
        baseline = None
        for version in range(2, 10002):
            c.notify("textDocument/didChange", {
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"range": {
                    "start": {"line": 0, "character": 10},
                    "end": {"line": 0, "character": 11}},
                    "text": "ABCDEFGH"[version % 8]}]})
            if version % 10 == 0:  # analyse (a request needs the current text)
                c.request("textDocument/hover", {"textDocument": {"uri": uri},
                          "position": {"line": 1, "character": 6}})
            if version == 1000:
                baseline = c.rss_kib()
        final = c.rss_kib()
        if os.environ.get("REMIT_SANITIZED"):
            print("note resident memory after 10,000 edits: %d KiB, after 1,000: "
                  "%d KiB (not judged under a sanitizer)" % (final, baseline))
        else:
            ok &= check(final - baseline < 16 * 1024,
                        "resident memory after 10,000 edits: %d KiB, after 1,000: "
                        "%d KiB" % (final, baseline))
        ok &= check(c.close() == 0, "clean exit after shutdown")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
