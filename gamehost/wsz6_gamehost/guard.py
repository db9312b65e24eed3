"""Running game code safely inside one worker: a call deadline, a CPU budget and captured output.

The deadline is SIGALRM raising ``CallTimeout`` inside whatever Python code runs, so a
``while True`` in a transition is interrupted and the worker lives on. ``CallTimeout`` derives from
BaseException so ``except Exception`` in game code does not swallow it, and the timer keeps
firing every 50 ms in case a bare ``except:`` does. Code stuck in C (no bytecode runs) cannot be
interrupted this way: the CPU soft limit (one to two times deadline + 3 s of CPU ahead) then kills the worker, and the
caller's own hard deadline does the same.
"""
import os
import resource
import signal
import sys
import time

STDOUT_LIMIT = 64 * 1024
# Kept before the sandbox takes these functions away from game code.
_setitimer = signal.setitimer
_signal = signal.signal
_real_exit = os._exit
# Game code that keeps swallowing CallTimeout (``except BaseException`` in a loop) for this long
# after the deadline gets the worker stopped: one last error response, then exit.
STUCK_AFTER_S = 1.0


class CallTimeout(BaseException):
    pass


class GameExit(BaseException):
    """Raised instead of os._exit() in game code."""


# What game code may raise that is a fault of the game (CallTimeout is not: it is ours).
GAME_FAULTS = (Exception, SystemExit, GameExit)


class CapturedOutput:
    """A text stream keeping at most STDOUT_LIMIT characters of what game code prints."""

    encoding = "utf-8"
    errors = "replace"

    def __init__(self):
        self.parts = []
        self.size = 0
        self.dropped = 0

    def write(self, s):
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not %s" % type(s).__name__)
        room = STDOUT_LIMIT - self.size
        if room <= 0:
            self.dropped += len(s)
        elif len(s) <= room:
            self.parts.append(s)
            self.size += len(s)
        else:
            self.parts.append(s[:room])
            self.size = STDOUT_LIMIT
            self.dropped += len(s) - room
        return len(s)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        pass

    def isatty(self):
        return False

    def fileno(self):
        raise OSError("game output is captured; it has no file descriptor")

    def text(self):
        out = "".join(self.parts)
        if self.dropped:
            out += "\n[... %d more characters of output dropped]" % self.dropped
        return out


class CallGuard:
    """``with guard: ...`` runs one request's game code under a deadline, capturing output."""

    def __init__(self, timeout_s):
        self.timeout_s = timeout_s
        self.cpu_budget_s = int(timeout_s) + 3
        self.armed = False
        self.on_stuck = None  # called before the worker exits because game code ignores the deadline
        self._first_alarm = None
        self.output = None
        self._previous = None
        self._cpu_hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
        self._cpu_limit = None
        self._cpu_checked = self._wall_checked = 0.0  # CPU used, and the wall clock, at the last getrusage
        _signal(signal.SIGALRM, self._on_alarm)

    def _on_alarm(self, signum, frame):
        if not self.armed:
            _setitimer(signal.ITIMER_REAL, 0, 0)  # the timer __exit__ left running: stop it now
            return
        now = time.monotonic()
        if self._first_alarm is None:
            self._first_alarm = now
        elif now - self._first_alarm > STUCK_AFTER_S:
            self.armed = False
            if self.on_stuck is not None:
                self.on_stuck()
            _real_exit(3)
        raise CallTimeout()

    def __enter__(self):
        self.output = CapturedOutput()
        self._previous = (sys.stdout, sys.stderr)
        sys.stdout = sys.stderr = self.output
        self._set_cpu_budget()
        self._first_alarm = None
        self.armed = True
        _setitimer(signal.ITIMER_REAL, self.timeout_s, 0.05)
        return self

    def __exit__(self, *exc):
        # The timer keeps running (a system call saved per request): the next __enter__ resets it,
        # and if it fires first, _on_alarm sees the guard unarmed and stops it.
        self.armed = False
        sys.stdout, sys.stderr = self._previous
        return False

    def disarm(self):
        self.armed = False
        _setitimer(signal.ITIMER_REAL, 0, 0)

    def _set_cpu_budget(self):
        """Keeps the CPU soft limit between one and two call budgets above the CPU used so far;
        past it the kernel kills the worker. Raised only when needed (setrlimit is not free).

        The worker runs one thread, so its CPU time grows no faster than the wall clock: while the
        limit stays a budget above the last CPU reading plus the wall time since, it is not read
        again (getrusage is a system call, and system calls are slow on virtual machines)."""
        now = time.monotonic()
        if (self._cpu_limit is not None
                and self._cpu_limit - (self._cpu_checked + now - self._wall_checked) >= self.cpu_budget_s):
            return
        used = resource.getrusage(resource.RUSAGE_SELF)
        used = used.ru_utime + used.ru_stime
        self._cpu_checked, self._wall_checked = used, now
        if self._cpu_limit is not None and self._cpu_limit - used >= self.cpu_budget_s:
            return
        limit = int(used) + 2 * self.cpu_budget_s
        hard = self._cpu_hard
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        try:
            resource.setrlimit(resource.RLIMIT_CPU, (limit, hard))
            self._cpu_limit = limit
        except (ValueError, OSError):
            pass
