#!/usr/bin/env python3
"""Run a JSON-RPC transcript through remit-lsp and compare with its golden.

Usage: transcript.py REMIT_LSP CASE.jsonrpc [--update]

A case is CASE.jsonrpc (the input), CASE.expected (the golden output) and,
optionally, a workspace folder CASE/ with .remit files, copied to a fresh
temporary directory for the run. The input is a list of blocks separated by
lines `--- KIND [ARG]`; lines starting with `#` before a block's JSON are
comments.

  --- (or --- json)  one JSON-RPC message; framed with Content-Length
  --- frame          the block's text (one line, not parsed) framed with its
                     Content-Length: bad JSON, messages that are not objects
  --- raw            bytes sent as written (escapes \\r \\n \\\\ are decoded):
                     broken frames
  --- write PATH     the block's text becomes workspace file PATH before the
                     rest of the input is sent (sent in a second write)
  --- args ARGS      extra command-line arguments for the server (first block)

In JSON blocks `${ROOT}` is the workspace's path and `{"$file": "a.remit"}`
is replaced by the text of that workspace file. In the output, the workspace
path is replaced by `${ROOT}`, strings longer than 300 characters are cut to
their first 120 characters and a length, and the server's exit code is the
last line. Output is every message the server wrote, pretty-printed with
sorted keys, so a golden diff shows exactly what changed.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import difflib


def parse_blocks(text):
    blocks, kind, arg, lines = [], None, None, []
    for line in text.splitlines(keepends=True):
        if line.startswith("--- ") or line.rstrip("\n") == "---":
            if kind is not None:
                blocks.append((kind, arg, "".join(lines)))
            parts = line.strip().split(None, 2)
            kind = parts[1] if len(parts) > 1 else "json"
            arg = parts[2] if len(parts) > 2 else None
            lines = []
        elif kind is not None:
            lines.append(line)
    if kind is not None:
        blocks.append((kind, arg, "".join(lines)))
    return blocks


def substitute(value, root):
    if isinstance(value, dict):
        if set(value) == {"$file"}:
            with open(os.path.join(root, value["$file"]), encoding="utf-8") as f:
                return f.read()
        return {k: substitute(v, root) for k, v in value.items()}
    if isinstance(value, list):
        return [substitute(v, root) for v in value]
    if isinstance(value, str):
        return value.replace("${ROOT}", root)
    return value


def frame(body):
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def decode_raw(text):
    out, i = [], 0
    text = text.rstrip("\n")
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            out.append({"r": "\r", "n": "\n", "\\": "\\"}.get(text[i + 1], text[i:i + 2]))
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out).encode("utf-8")


def normalize(value, root):
    if isinstance(value, dict):
        return {k.replace(root, "${ROOT}"): normalize(v, root) for k, v in value.items()}
    if isinstance(value, list):
        return [normalize(v, root) for v in value]
    if isinstance(value, str):
        value = value.replace(root, "${ROOT}")
        if len(value) > 300:
            value = value[:120] + "…(%d characters)" % len(value)
    return value


def split_output(data):
    messages = []
    while data:
        head, sep, rest = data.partition(b"\r\n\r\n")
        if not sep:
            messages.append({"unframed output": data.decode("utf-8", "replace")})
            break
        length = int(head.split(b":", 1)[1])
        messages.append(json.loads(rest[:length]))
        data = rest[length:]
    return messages


def run(server, case):
    base = case[: -len(".jsonrpc")]
    with open(case, encoding="utf-8") as f:
        blocks = parse_blocks(f.read())
    tmp = tempfile.mkdtemp(prefix="remit-lsp-")
    root = os.path.join(os.path.realpath(tmp), "ws")
    try:
        if os.path.isdir(base):
            shutil.copytree(base, root)
        else:
            os.makedirs(root)
        args, chunks, current = [], [], b""
        for kind, arg, body in blocks:
            if kind == "args":
                args = (arg or "").split()
            elif kind == "raw":
                current += decode_raw(body)
            elif kind == "frame":
                current += frame(body.rstrip("\n").encode("utf-8"))
            elif kind == "write":
                chunks.append((current, arg, body))
                current = b""
            else:
                lines = [l for l in body.splitlines() if not l.lstrip().startswith("#")]
                message = substitute(json.loads("\n".join(lines)), root)
                current += frame(json.dumps(message).encode("utf-8"))
        chunks.append((current, None, None))
        proc = subprocess.Popen([server] + args, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                cwd=root)
        out, last_output = [], [time.monotonic()]

        def read_output():
            while True:
                chunk = os.read(proc.stdout.fileno(), 65536)
                if not chunk:
                    break
                out.append(chunk)
                last_output[0] = time.monotonic()

        reader = threading.Thread(target=read_output)
        reader.start()
        err = []
        ereader = threading.Thread(target=lambda: err.append(proc.stderr.read()))
        ereader.start()
        for data, path, text in chunks:
            proc.stdin.write(data)
            proc.stdin.flush()
            if path is not None:
                # Let the server take in what came before the write: wait
                # until it has been quiet for a while (a sanitizer build
                # answers several times slower than a release build).
                start = time.monotonic()
                while time.monotonic() - start < 30:
                    time.sleep(0.1)
                    now = time.monotonic()
                    if now - start >= 0.3 and now - last_output[0] >= 1.0:
                        break
                with open(os.path.join(root, path), "w", encoding="utf-8") as f:
                    f.write(text)
        proc.stdin.close()
        code = proc.wait(timeout=60)
        reader.join()
        ereader.join()
        messages = [normalize(m, root) for m in split_output(b"".join(out))]
        text = "".join(json.dumps(m, indent=1, sort_keys=True, ensure_ascii=False) + "\n---\n"
                       for m in messages)
        return text + "exit code: %d\n" % code, err[0].decode("utf-8", "replace")
    finally:
        shutil.rmtree(tmp)


def main():
    server, case = sys.argv[1], sys.argv[2]
    update = "--update" in sys.argv[3:]
    actual, stderr = run(server, case)
    expected_path = case[: -len(".jsonrpc")] + ".expected"
    if update:
        with open(expected_path, "w", encoding="utf-8") as f:
            f.write(actual)
        return 0
    try:
        with open(expected_path, encoding="utf-8") as f:
            expected = f.read()
    except FileNotFoundError:
        expected = ""
    if actual == expected:
        return 0
    sys.stdout.writelines(difflib.unified_diff(
        expected.splitlines(keepends=True), actual.splitlines(keepends=True),
        expected_path, "actual"))
    sys.stdout.write("\n--- server stderr ---\n" + stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
