"""Read a hostile file in a process of its own, under an address-space limit, and measure it.

A bomb must fail the test, not abort pytest: each read runs in a forked child of one probe
server (a subprocess started once per pytest process, Django set up in it once), so a
reader that runs away is killed by its failed allocation and the server reports it.
Forking the set-up server instead of starting Python and Django for every (reader, case)
pair saves seconds per probe; the child's figures are its own: CPU time counts from the
fork, and its peak memory (VmHWM) is reset at the fork to what it then holds, which is the
set-up Django process, as a process started afresh would hold before reading.
"""

import atexit
import json
import subprocess
import sys

SERVER = r"""
import json, os, resource, signal, sys, time, traceback
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "quanze.settings")
os.environ.setdefault("DEBUG", "true")
import django
django.setup()
from importlib import import_module
from pathlib import Path

LIMIT = int(sys.argv[1])


def measure(reader, path, name):
    module, function = reader.split(":")
    read = getattr(import_module(module), function)
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")  # VmHWM := the current resident size (Linux 4.0+)
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))
    start = time.process_time()
    try:
        read(Path(path), name)
        outcome = "read"
    except Exception as error:
        outcome = type(error).__name__
    seconds = time.process_time() - start
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            peak = int(line.split()[1])
    return {"seconds": seconds, "peak_mb": peak / 1024, "outcome": outcome}


for request in sys.stdin:
    reader, path, name = json.loads(request)
    import_module(reader.split(":")[0])  # the module's own import is not the read's cost
    done, report = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(done)
        signal.alarm(120)  # a read that hangs ends the child, and the server says so
        try:
            answer = measure(reader, path, name)
        except BaseException:
            answer = {"died": traceback.format_exc()[-2000:]}
        os.write(report, json.dumps(answer).encode())
        os._exit(0)
    os.close(report)
    with os.fdopen(done, "rb") as pipe:
        received = pipe.read()
    _, status = os.waitpid(child, 0)
    if not received:
        received = json.dumps({"died": f"the reading process ended with status {status}"}).encode()
    sys.stdout.write(received.decode() + "\n")
    sys.stdout.flush()
"""

_server: subprocess.Popen | None = None


def _started(limit: int) -> subprocess.Popen:
    global _server
    if _server is None or _server.poll() is not None:
        _server = subprocess.Popen(
            [sys.executable, "-c", SERVER, str(limit)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        atexit.register(_server.kill)
    return _server


def probe_read(reader: str, path, name: str, *, limit: int) -> dict:
    """{seconds, peak_mb, outcome} of `reader(path, name)` read in a forked child limited
    to `limit` bytes of address space; {died: why} when the child did not report."""
    server = _started(limit)
    server.stdin.write(json.dumps([reader, str(path), name]) + "\n")
    server.stdin.flush()
    answer = server.stdout.readline()
    if not answer:
        return {"died": f"the probe server ended with status {server.wait()}"}
    return json.loads(answer)
