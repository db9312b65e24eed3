"""The worker's sandbox (docs/gamehost-protocol.md, "Starting a worker").

Three layers, so losing one (no bwrap on the machine) still leaves the others:
1. ``bwrap_command``: re-execute the worker inside bubblewrap: only system dirs, the Python
   install, the gamehost folder and the game folder (all read-only) and the scratch folder
   (read-write) are visible; new pid/ipc/uts (and net, unless allowed) namespaces; clean environment.
2. ``set_limits``: resource limits (address space, processes, open files, file size, no core).
3. ``install_guards``: an audit hook refusing process creation, ctypes, sockets, signals to other
   processes, reads outside the allowed folders and writes outside scratch; ``os._exit``,
   ``os.abort``, thread creation and the timer signal are taken away from game code.
"""
import os
import resource
import shutil
import signal
import sys

# Environment variables that belong to the portal, never to a game (defence in depth: the
# caller already starts workers with a clean environment).
_PORTAL_ENV_PREFIXES = ("WSZ6_", "SPRING_", "JAVA_", "JDK_", "MAVEN_", "PG", "REDIS", "DATABASE_", "JDBC_",
                        "PYTHON")
MAX_RECURSION_LIMIT = 10000


class SandboxRefusal(PermissionError):
    pass


def game_environment(scratch, env=None):
    env = dict(os.environ if env is None else env)
    out = {k: v for k, v in env.items() if not k.upper().startswith(_PORTAL_ENV_PREFIXES)}
    out.setdefault("PATH", "/usr/bin:/bin")
    out.setdefault("LANG", "C.UTF-8")
    out["HOME"] = scratch
    out["TMPDIR"] = os.path.join(scratch, "tmp")
    return out


# ----- 1. bubblewrap ---------------------------------------------------------------------------
def find_bwrap():
    return shutil.which("bwrap", path="/usr/bin:/bin:/usr/local/bin")


def python_roots():
    roots = {os.path.realpath(p) for p in (sys.base_prefix, sys.prefix, sys.exec_prefix, sys.base_exec_prefix)}
    roots.add(os.path.dirname(os.path.dirname(os.path.realpath(sys.executable))))
    return sorted(roots)


def bwrap_command(bwrap, game, scratch, gamehost_dir, allow_network, inner_argv, env):
    cmd = [bwrap, "--die-with-parent", "--new-session", "--unshare-pid", "--unshare-ipc", "--unshare-uts",
           "--unshare-cgroup-try"]
    if not allow_network:
        cmd.append("--unshare-net")
    cmd.append("--clearenv")
    for key, value in sorted(env.items()):
        cmd += ["--setenv", key, value]
    cmd += ["--ro-bind", "/usr", "/usr", "--dev", "/dev", "--tmpfs", "/tmp"]
    for d in ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"):
        if os.path.islink(d):
            cmd += ["--symlink", os.readlink(d), d]
        elif os.path.isdir(d):
            cmd += ["--ro-bind", d, d]
    etc = ["/etc/ssl", "/etc/ca-certificates", "/etc/localtime"]
    if allow_network:
        etc += ["/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf", "/etc/gai.conf"]
    for path in etc:
        cmd += ["--ro-bind-try", path, path]
    for root in python_roots():
        if not root.startswith("/usr/"):
            cmd += ["--ro-bind", root, root]
    cmd += ["--ro-bind", gamehost_dir, gamehost_dir, "--ro-bind", game, game, "--bind", scratch, scratch,
            "--chdir", game, "--"]
    return cmd + inner_argv


def bwrap_works(bwrap, allow_network):
    """bwrap can be installed yet unusable (no user namespaces in a container): try it once."""
    import subprocess
    probe = [bwrap, "--die-with-parent", "--unshare-pid", "--unshare-ipc"]
    if not allow_network:
        probe.append("--unshare-net")
    probe += ["--ro-bind", "/", "/", "--", "/bin/true"]
    try:
        return subprocess.run(probe, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


# ----- 2. resource limits ----------------------------------------------------------------------
def set_limits(memory_mb):
    limits = [
        (resource.RLIMIT_AS, memory_mb * 1024 * 1024),
        (resource.RLIMIT_NOFILE, 64),
        (resource.RLIMIT_FSIZE, 64 * 1024 * 1024),
        (resource.RLIMIT_CORE, 0),
        (resource.RLIMIT_NPROC, 0),  # the worker never forks (root is exempt; the audit hook covers it)
    ]
    for which, value in limits:
        try:
            soft, hard = resource.getrlimit(which)
            if hard != resource.RLIM_INFINITY:
                value = min(value, hard)
            resource.setrlimit(which, (value, value))
        except (ValueError, OSError):
            pass
    # A write past the file size limit fails with an error instead of killing the worker.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


# ----- 3. guards inside the interpreter --------------------------------------------------------
_ALWAYS_REFUSED = {
    "os.system": "starting programs", "os.exec": "starting programs", "os.posix_spawn": "starting programs",
    "os.spawn": "starting programs", "os.fork": "creating processes", "os.forkpty": "creating processes",
    "subprocess.Popen": "starting programs", "pty.spawn": "starting programs",
    "os.kill": "signalling processes", "os.killpg": "signalling processes",
    "signal.pthread_kill": "signalling threads",
    "gc.get_objects": "inspecting the worker's memory", "gc.get_referrers": "inspecting the worker's memory",
    "gc.get_referents": "inspecting the worker's memory",
    "os.startfile": "starting programs", "webbrowser.open": "opening a browser",
    "sys.remote_exec": "attaching to processes",
}
_WRITE_EVENTS = {  # event -> indexes of the path arguments
    "os.remove": (0,), "os.rmdir": (0,), "os.mkdir": (0,), "os.rename": (0, 1), "os.replace": (0, 1),
    "os.chmod": (0,), "os.chown": (0,), "os.link": (0, 1), "os.symlink": (1,), "os.truncate": (0,),
    "os.utime": (0,), "shutil.rmtree": (0,), "shutil.copyfile": (1,), "shutil.copymode": (1,),
    "shutil.copystat": (1,), "shutil.move": (0, 1), "shutil.make_archive": (0,), "os.mkfifo": (0,),
    "os.mknod": (0,), "os.setxattr": (0,), "os.removexattr": (0,),
}
_READ_EVENTS = {"os.listdir": (0,), "os.scandir": (0,), "glob.glob": (0,), "os.listxattr": (0,),
                "os.getxattr": (0,)}
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC

# Set once the audit hook is in place; from then on ``writes_allowed`` counts every file write it let
# through (opening for writing, renaming, removing, ...), so a play-through can tell that nothing was
# written since it last looked at its session folder without asking the file system.
guards_installed = False
writes_allowed = 0


def install_guards(read_roots, write_roots, allow_network, read_files=()):
    """Installs the audit hook and the patches; after this game code may run."""
    _patch_exits()
    _patch_threads()
    _patch_signals()
    _patch_process_helpers()
    _patch_recursion_limit()
    sys.addaudithook(_make_hook(read_roots, write_roots, allow_network, read_files))
    global guards_installed
    guards_installed = True


def _make_hook(read_roots, write_roots, allow_network, read_files):
    realpath, fsdecode = os.path.realpath, os.fsdecode
    read_roots = tuple(os.path.join(os.path.realpath(r), "") for r in read_roots)
    write_roots = tuple(os.path.join(os.path.realpath(r), "") for r in write_roots)
    read_files = frozenset(read_files)
    always, write_events, read_events = dict(_ALWAYS_REFUSED), dict(_WRITE_EVENTS), dict(_READ_EVENTS)

    def resolve(path):
        if isinstance(path, int) or path is None:
            return None  # an already open descriptor / the current folder
        try:
            return realpath(fsdecode(path))
        except (TypeError, ValueError):
            return ""

    def may_write(path):
        return path is None or (path + "/").startswith(write_roots)

    def may_read(path):
        return path is None or path in read_files or (path + "/").startswith(read_roots)

    def refuse(what):
        raise SandboxRefusal("WSZ6 sandbox: %s is not allowed for games" % what)

    def hook(event, args):
        global writes_allowed
        if event == "open":
            path = resolve(args[0])
            mode, flags = args[1], args[2]
            writing = (isinstance(mode, str) and ("w" in mode or "a" in mode or "x" in mode or "+" in mode)) or (
                isinstance(flags, int) and flags > 0 and flags & _WRITE_FLAGS)
            if writing:
                if not may_write(path):
                    refuse("writing %s (games write only in their session folder)" % path)
                writes_allowed += 1
            elif not may_read(path):
                refuse("reading %s (games read only their own folder and session folder)" % path)
            return
        what = always.get(event)
        if what is not None:
            refuse(what)
        if event.startswith("ctypes."):
            refuse("ctypes")
        if event.startswith("socket.") and not allow_network:
            refuse("network access")
        idx = write_events.get(event)
        if idx is not None:
            for i in idx:
                if i < len(args) and not may_write(resolve(args[i])):
                    refuse("changing %s (games write only in their session folder)" % resolve(args[i]))
            writes_allowed += 1
            return
        idx = read_events.get(event)
        if idx is not None and args and not may_read(resolve(args[0])):
            refuse("listing %s" % resolve(args[0]))

    return hook


def _refuser(what):
    def refused(*args, **kwargs):
        raise SandboxRefusal("WSZ6 sandbox: %s is not allowed for games" % what)
    return refused


def _patch_exits():
    from .guard import GameExit
    import posix

    def _exit(code=0):
        raise GameExit("os._exit(%r)" % (code,))

    def abort():
        raise GameExit("os.abort()")

    os._exit = posix._exit = _exit
    os.abort = posix.abort = abort


def _patch_threads():
    import _thread
    import threading
    refused = _refuser("starting threads")
    _thread.start_new_thread = _thread.start_new = refused
    threading._start_new_thread = refused


def _patch_signals():
    import _signal
    reserved = {signal.SIGALRM, signal.SIGXCPU, signal.SIGXFSZ, signal.SIGINT, signal.SIGTERM}
    real_signal, real_setitimer, real_mask = _signal.signal, _signal.setitimer, _signal.pthread_sigmask

    def guarded_signal(signum, handler):
        if signum in reserved:
            raise SandboxRefusal("WSZ6 sandbox: signal %s is reserved for the worker" % signum)
        return real_signal(signum, handler)

    def guarded_setitimer(which, seconds, interval=0.0):
        if which == signal.ITIMER_REAL:
            raise SandboxRefusal("WSZ6 sandbox: the real-time timer is reserved for the worker")
        return real_setitimer(which, seconds, interval)

    def guarded_mask(how, mask):
        if how != signal.SIG_UNBLOCK and reserved & set(mask):
            raise SandboxRefusal("WSZ6 sandbox: blocking the worker's signals is not allowed")
        return real_mask(how, mask)

    alarm = _refuser("signal.alarm")
    for mod in (signal, _signal):
        mod.signal, mod.setitimer, mod.alarm, mod.pthread_sigmask = (
            guarded_signal, guarded_setitimer, alarm, guarded_mask)


def _patch_process_helpers():
    import _posixsubprocess
    _posixsubprocess.fork_exec = _refuser("starting programs")


def _patch_recursion_limit():
    real = sys.setrecursionlimit

    def setrecursionlimit(limit):
        # Deep recursion in C code (repr, pickle) would overflow the C stack and kill the worker.
        real(min(int(limit), MAX_RECURSION_LIMIT))

    sys.setrecursionlimit = setrecursionlimit

