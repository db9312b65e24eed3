"""The worker's side of the request pipe: request lines read in chunks, and a short, adaptive wait
for the next request.

Why wait by polling at all: when requests come back to back (a log replayed, play-throughs
restored after a crash, ``./wsz6 validate``, a benchmark), the caller sends the next one tens of
microseconds after our answer. A worker asleep in ``read()`` must then be woken by the kernel, and
on a virtual machine waking a process on an idle CPU costs 20-40 us, and the idle CPU loses its
caches: a card-game move took ~40 us longer after each sleep. So after answering, a worker that
got its last request quickly polls for the next one for a short while, giving its CPU to anything
else runnable on every turn. A worker whose requests come at a person's pace (seconds apart)
never polls: the first slow request switches polling off until requests come quickly again.
"""
import os
import select
import time

# Longer than a caller takes to turn an answer into its next request, short enough that a worker
# polls little when none comes.
POLL_WINDOW_S = 0.0005


class RequestInput:
    """Request lines from a pipe (``readline`` as on a binary file), plus ``await_request``."""

    def __init__(self, fd, poll_window_s=POLL_WINDOW_S):
        self.fd = fd
        self.poll_window_s = poll_window_s
        self._buf = bytearray()
        self._eof = False
        self._poller = select.poll()
        self._poller.register(fd, select.POLLIN)
        self._answered_at = None   # when the last answer was written
        self._quick = False        # did the last request come within the poll window?

    def readline(self, limit):
        """The next line with its ``\\n``, at most ``limit`` bytes of it (the rest comes next), or
        what is left at end of input (``b""`` when nothing is)."""
        buf = self._buf
        start = 0
        while True:
            end = buf.find(b"\n", start, limit)
            if end >= 0:
                return self._take(end + 1)
            if len(buf) >= limit:
                return self._take(limit)
            if self._eof:
                return self._take(len(buf))
            start = len(buf)
            chunk = os.read(self.fd, 1 << 16)
            if not chunk:
                self._eof = True
            buf += chunk

    def _take(self, n):
        line = bytes(self._buf[:n])
        del self._buf[:n]
        if self._answered_at is not None:
            self._quick = time.perf_counter() - self._answered_at < self.poll_window_s
            self._answered_at = None
        return line

    def answered(self):
        """Call right after an answer is written: the next request's delay is measured from here."""
        self._answered_at = time.perf_counter()

    def await_request(self):
        """Before ``readline``: polls for up to the window when requests have been coming quickly
        and nothing is buffered; otherwise returns at once (``readline`` then sleeps in ``read``)."""
        if not self._quick or self._buf or self._eof:
            return
        until = time.perf_counter() + self.poll_window_s
        poll = self._poller.poll
        while not poll(0):
            if time.perf_counter() >= until:
                return
            os.sched_yield()
