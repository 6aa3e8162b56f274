#!/usr/bin/env python3
"""hugepages.py REMITC - remitc re-executes itself once with glibc's
malloc.hugetlb tunable (compiler/Basic/HugePages.h), keeps its name, does not
pass its marker on, and leaves the tunables alone when told to.

Each case starts `remitc fmt -`, which waits on its standard input, reads the
running process's name and the environment it was started with from /proc,
then lets it finish. REMIT_SANITIZED=1 (a sanitized build) expects no
re-execution."""
import os
import subprocess
import sys
import time

remitc = sys.argv[1]
with open("/sys/kernel/mm/transparent_hugepage/enabled") as f:
    thp = "[never]" not in f.read()
sanitized = "REMIT_SANITIZED" in os.environ
HUGE = ("glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=33554432:"
        "glibc.malloc.top_pad=33554432")


def has_tunables(raw, value):
    """Whether the environment \0-separated in `raw` set GLIBC_TUNABLES to
    `value`. glibc splits the value in place as it parses it (each `:`
    becomes a NUL), so the split form counts too."""
    for form in (value, value.replace(":", "\0")):
        if b"\0GLIBC_TUNABLES=" + form.encode() + b"\0" in b"\0" + raw:
            return True
    return False


def observe(extra_env):
    env = dict(os.environ)
    env.pop("GLIBC_TUNABLES", None)
    env.pop("REMIT_NO_HUGEPAGES", None)
    env.update(extra_env)
    p = subprocess.Popen([remitc, "fmt", "-"], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    # The re-executed process has the same pid and carries the marker in the
    # environment it started with; give it 2 s to get there.
    deadline = time.time() + 2
    while True:
        with open(f"/proc/{p.pid}/comm") as f:
            comm = f.read().strip()
        with open(f"/proc/{p.pid}/environ", "rb") as f:
            raw = f.read()
        seen = dict(kv.split(b"=", 1) for kv in raw.split(b"\0") if b"=" in kv)
        if b"REMIT_HUGEPAGES_REEXECUTED" in seen or time.time() > deadline:
            break
        time.sleep(0.02)
    out, err = p.communicate(b"role a { final }\n", timeout=30)
    assert p.returncode == 0, (p.returncode, err)
    assert out == b"role a { final }\n", out
    return comm, {k.decode(): v.decode() for k, v in seen.items()}, raw


failed = 0


def expect(what, ok):
    global failed
    print(("ok   " if ok else "FAIL ") + what)
    failed += not ok


comm, env, raw = observe({})
expect("the process keeps its name", comm == "remitc")
if thp and not sanitized:
    expect("the heap asks for huge pages, and holds the large arrays too",
           has_tunables(raw, HUGE))
else:
    expect("no huge pages where they cannot help", "GLIBC_TUNABLES" not in env)

comm, env, raw = observe({"GLIBC_TUNABLES": "glibc.malloc.arena_max=2"})
if thp and not sanitized:
    expect("other tunables are kept",
           has_tunables(raw, "glibc.malloc.arena_max=2:" + HUGE))

comm, env, raw = observe({"GLIBC_TUNABLES": "glibc.malloc.hugetlb=0"})
expect("a tunable the user set is left alone", env.get("GLIBC_TUNABLES") == "glibc.malloc.hugetlb=0")

comm, env, raw = observe({"GLIBC_TUNABLES": "glibc.malloc.mmap_threshold=65536"})
expect("so is any other tunable it would set",
       env.get("GLIBC_TUNABLES") == "glibc.malloc.mmap_threshold=65536")

comm, env, raw = observe({"REMIT_NO_HUGEPAGES": "1"})
expect("REMIT_NO_HUGEPAGES turns it off", "GLIBC_TUNABLES" not in env)

sys.exit(1 if failed else 0)
