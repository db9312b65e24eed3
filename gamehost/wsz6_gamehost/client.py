"""Starts a worker as a subprocess and talks to it (used by wsz6ctl.py and the tests).

The caller side of docs/gamehost-protocol.md in Python: clean environment, a hard deadline on
every call (call timeout + 2 s), and a clear ``WorkerDied`` when the worker exits or hangs.
"""
import json
import os
import select
import subprocess
import sys
import tempfile
import time

from . import wire

MAX_LINE = 16 * 1024 * 1024
WORKER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "worker.py")


class WorkerDied(Exception):
    """The worker exited, hung past the hard deadline, or wrote something that is not JSON."""


class CallFailed(Exception):
    """The worker answered ``ok: false``; ``error`` is the protocol's error object."""

    def __init__(self, error):
        super().__init__("%s: %s" % (error.get("code"), error.get("message")))
        self.error = error
        self.code = error.get("code")


class WorkerClient:
    def __init__(self, game, scratch=None, call_timeout_ms=5000, memory_mb=1024, allow_network=False,
                 no_bwrap=False, env=None, start_timeout_s=20):
        self.call_timeout_ms = call_timeout_ms
        self._own_scratch = scratch is None
        self.scratch = scratch or tempfile.mkdtemp(prefix="wsz6-worker-")
        cmd = [sys.executable, "-I", WORKER, "--game", os.path.abspath(game), "--scratch", self.scratch,
               "--call-timeout-ms", str(call_timeout_ms), "--memory-mb", str(memory_mb)]
        if allow_network:
            cmd.append("--allow-network")
        if no_bwrap:
            cmd.append("--no-bwrap")
        base_env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}
        base_env.update(env or {})
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=base_env)
        self._buf = b""
        self._next_id = 1
        self.ready = self._read_json(time.monotonic() + start_timeout_s)
        if self.ready.get("type") != "ready":
            raise WorkerDied("the worker did not say ready: %r" % self.ready)

    # ----- calls -------------------------------------------------------------------------------
    def call(self, op, **fields):
        """Sends one request; returns ``result`` or raises CallFailed / WorkerDied."""
        response = self.request(op, **fields)
        if not response.get("ok"):
            raise CallFailed(response.get("error") or {})
        return response["result"]

    def request(self, op, **fields):
        rid = self._next_id
        self._next_id += 1
        fields.update({"id": rid, "op": op})
        self.send_line(json.dumps(fields).encode() + b"\n")
        response = self._read_response(time.monotonic() + self.call_timeout_ms / 1000.0 + 2.0)
        if response.get("id") != rid:
            raise WorkerDied("response id %r does not match request id %r" % (response.get("id"), rid))
        return response

    def send_line(self, data):
        try:
            self.proc.stdin.write(data)
            self.proc.stdin.flush()
        except (BrokenPipeError, OSError):
            raise WorkerDied(self._death_note("the worker closed its input"))

    def _read_json(self, deadline):
        line = self._read_line(deadline)
        try:
            return json.loads(line)
        except ValueError:
            self.kill()
            raise WorkerDied("the worker wrote a line that is not JSON: %r" % line[:200])

    def _read_response(self, deadline):
        """One response: its string frames (protocol 2), then the JSON line they belong to."""
        strings = []
        line = self._read_line(deadline)
        while line.startswith(wire.FRAME_MARK):
            try:
                size = wire.frame_size(line, MAX_LINE)
            except ValueError as e:
                self.kill()
                raise WorkerDied("the worker broke the protocol: %s" % e)
            strings.append(self._read_exactly(size, deadline).decode("utf-8", "replace"))
            line = self._read_line(deadline)
        try:
            return wire.resolve(json.loads(line), strings)
        except ValueError as e:
            self.kill()
            raise WorkerDied("the worker wrote a response that is not valid (%s): %r" % (e, line[:200]))

    def _read_exactly(self, size, deadline):
        while len(self._buf) < size:
            self._fill(deadline)
        data, self._buf = self._buf[:size], self._buf[size:]
        return data

    def _read_line(self, deadline):
        while b"\n" not in self._buf:
            self._fill(deadline)
        line, _, self._buf = self._buf.partition(b"\n")
        return line

    def _fill(self, deadline):
        fd = self.proc.stdout.fileno()
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.kill()
                raise WorkerDied("the worker missed its deadline and was killed")
            ready, _, _ = select.select([fd], [], [], remaining)
            if ready:
                break
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            raise WorkerDied(self._death_note("the worker exited"))
        self._buf += chunk

    def _death_note(self, what):
        try:
            code = self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.kill()
            code = self.proc.wait()
        err = b""
        try:
            err = self.proc.stderr.read() or b""
        except (OSError, ValueError):
            pass
        tail = err.decode("utf-8", "replace").strip()[-1500:]
        return "%s (exit code %s)%s" % (what, code, (": " + tail) if tail else "")

    # ----- lifetime ----------------------------------------------------------------------------
    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass

    def close(self):
        try:
            if self.proc.poll() is None:
                self.proc.stdin.close()
                self.proc.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            pass
        self.kill()
        for stream in (self.proc.stdout, self.proc.stderr):
            try:
                stream.close()
            except (OSError, ValueError):
                pass
        if self._own_scratch:
            import shutil
            shutil.rmtree(self.scratch, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False
