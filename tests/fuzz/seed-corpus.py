#!/usr/bin/env python3
"""Write the fuzzers' seed corpora from the repository's own inputs.

Usage: seed-corpus.py REPO OUT

Creates OUT/<harness>/ for every harness of tests/fuzz and fills it from the
examples, the stdlib and the golden-test inputs (never committed: a corpus
is derived data). Files are named by the SHA-1 of their bytes, as libFuzzer
names its own, so re-running adds nothing twice and no seed has a `.remit`
name a workspace scan could pick up.

  parse, format    every .remit file
  pipeline         every .remit file, and each example's files joined with
                   NUL bytes (the harness's file separator)
  diff             every .remit file (compared with itself), and the old and
                   new model of tests/golden/cases/diff-changes, both ways
  lsp-bytes        every JSON-RPC transcript of tests/lsp, framed as the
                   server reads it (workspace files inlined, ${ROOT} set to
                   the harness's /remit-fuzz)
  lsp-session      every .remit file with a tail of step choices: texts come
                   from the front of an input and choices from its back
"""
import hashlib
import json
import os
import sys

HARNESSES = ["parse", "pipeline", "format", "lsp-bytes", "lsp-session", "diff"]


def remit_files(repo):
    files = []
    for top in ["examples", "stdlib/std", "tests/golden/cases"]:
        for dirpath, dirnames, filenames in os.walk(os.path.join(repo, top)):
            dirnames.sort()
            for name in sorted(filenames):
                if name.endswith(".remit"):
                    files.append(os.path.join(dirpath, name))
    return files


def read(path):
    with open(path, "rb") as f:
        return f.read()


def add(out, harness, data):
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(out, harness, name), "wb") as f:
        f.write(data)


def frame(message):
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def transcript_seed(path):
    """A transcript as the bytes a client sends: json, frame and raw blocks."""
    base = path[: -len(".jsonrpc")]
    root = "/remit-fuzz"

    def substitute(value):
        if isinstance(value, dict):
            if set(value) == {"$file"}:
                file = os.path.join(base, value["$file"])
                return read(file).decode("utf-8") if os.path.exists(file) else ""
            return {k: substitute(v) for k, v in value.items()}
        if isinstance(value, list):
            return [substitute(v) for v in value]
        if isinstance(value, str):
            return value.replace("${ROOT}", root)
        return value

    data, kind, lines = b"", None, []
    text = read(path).decode("utf-8")
    for line in text.splitlines() + ["--- end"]:
        if line.startswith("--- ") or line == "---":
            if kind == "json":
                body = [l for l in lines if not l.lstrip().startswith("#")]
                if "".join(body).strip():
                    data += frame(substitute(json.loads("\n".join(body))))
            elif kind == "frame":
                body = "\n".join(lines).rstrip("\n").encode("utf-8")
                data += b"Content-Length: %d\r\n\r\n" % len(body) + body
            elif kind == "raw":
                raw = "\n".join(lines).rstrip("\n")
                for esc, char in [("\\r", "\r"), ("\\n", "\n")]:
                    raw = raw.replace(esc, char)
                data += raw.encode("utf-8")
            parts = line.split()
            kind = parts[1] if len(parts) > 1 else "json"
            lines = []
        elif kind is not None:
            lines.append(line)
    return data


def main():
    repo, out = sys.argv[1], sys.argv[2]
    for h in HARNESSES:
        os.makedirs(os.path.join(out, h), exist_ok=True)
    files = remit_files(repo)
    # A fixed pseudo-random tail of step choices for the session harness.
    tail = bytes((i * 37 + 11) % 256 for i in range(96))
    for path in files:
        data = read(path)
        for h in ["parse", "format", "pipeline", "diff"]:
            add(out, h, data)
        # A lone backslash ends the text (FuzzedDataProvider's strings).
        add(out, "lsp-session", data.replace(b"\\", b"\\\\") + b"\\ " + tail)
    examples = os.path.join(repo, "examples")
    for name in sorted(os.listdir(examples)):
        d = os.path.join(examples, name)
        if os.path.isdir(d):
            parts = [read(os.path.join(d, f)) for f in sorted(os.listdir(d))
                     if f.endswith(".remit")][:4]
            add(out, "pipeline", b"\0".join(parts))
    changes = os.path.join(repo, "tests/golden/cases/diff-changes")
    old = read(os.path.join(changes, "old/model.remit"))
    new = read(os.path.join(changes, "new/model.remit"))
    add(out, "diff", old + b"\0" + new)
    add(out, "diff", new + b"\0" + old)
    transcripts = os.path.join(repo, "tests/lsp/transcripts")
    for name in sorted(os.listdir(transcripts)):
        if name.endswith(".jsonrpc"):
            seed = transcript_seed(os.path.join(transcripts, name))
            if seed:
                add(out, "lsp-bytes", seed)
    for h in HARNESSES:
        print("%s: %d seeds" % (h, len(os.listdir(os.path.join(out, h)))))


if __name__ == "__main__":
    main()
