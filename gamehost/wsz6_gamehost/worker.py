"""WSZ6 game-host worker: runs one game folder's play-throughs for WSZ6-play (or ./wsz6 validate).

    python3 -I gamehost/wsz6_gamehost/worker.py --game DIR --scratch DIR [--call-timeout-ms 5000]
            [--memory-mb 1024] [--allow-network] [--no-bwrap]

Speaks docs/gamehost-protocol.md on stdin/stdout. It sandboxes itself before any game code runs.
"""
import argparse
import os
import sys

GAMEHOST_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if GAMEHOST_DIR not in sys.path:  # -I leaves the script's folder off sys.path
    sys.path.insert(0, GAMEHOST_DIR)

from wsz6_gamehost import PROTOCOL_VERSION, inbox, sandbox  # noqa: E402


def parse_args(argv):
    p = argparse.ArgumentParser(prog="worker.py", description="WSZ6 game-host worker")
    p.add_argument("--game", required=True, help="the game folder (read-only)")
    p.add_argument("--scratch", required=True, help="the worker's writable folder")
    p.add_argument("--call-timeout-ms", type=int, default=5000)
    p.add_argument("--memory-mb", type=int, default=1024)
    p.add_argument("--allow-network", action="store_true")
    p.add_argument("--no-bwrap", action="store_true")
    p.add_argument("--records", action="store_true",
                   help="answer with binary records instead of JSON lines (protocol 3, for WSZ6-play)")
    p.add_argument("--in-bwrap", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--env-clean", action="store_true", help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if args.call_timeout_ms <= 0 or args.memory_mb < 64:
        p.error("--call-timeout-ms must be positive and --memory-mb at least 64")
    return args


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    game = os.path.realpath(args.game)
    scratch = os.path.realpath(args.scratch)
    if not os.path.isdir(game):
        sys.stderr.write("worker: game folder %s does not exist\n" % game)
        return 2
    os.makedirs(os.path.join(scratch, "tmp"), exist_ok=True)
    env = sandbox.game_environment(scratch)

    if not args.in_bwrap and not args.no_bwrap:
        bwrap = sandbox.find_bwrap()
        if bwrap and sandbox.bwrap_works(bwrap, args.allow_network):
            inner = [os.path.realpath(sys.executable), "-I", os.path.abspath(__file__)] + (
                sys.argv[1:] if argv is None else list(argv)) + ["--in-bwrap"]
            cmd = sandbox.bwrap_command(bwrap, game, scratch, GAMEHOST_DIR, args.allow_network, inner, env)
            sys.stdout.flush()
            os.execve(bwrap, cmd, env)
    if not args.in_bwrap and not args.env_clean and any(key not in env for key in os.environ):
        # Re-execute with the game's environment only, so not even /proc/self/environ holds more.
        inner = [os.path.realpath(sys.executable), "-I", os.path.abspath(__file__)] + (
            sys.argv[1:] if argv is None else list(argv)) + ["--env-clean"]
        os.execve(inner[0], inner, env)
    return serve(args, game, scratch, env, "bwrap" if args.in_bwrap else "rlimits")


def serve(args, game, scratch, env, sandbox_kind):
    import gc
    import json
    import platform
    import tempfile

    # Keep the protocol's descriptors private; game code sees /dev/null on fd 0 and 1.
    proto_in = inbox.RequestInput(os.dup(0))
    proto_out = os.fdopen(os.dup(1), "wb")
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    os.close(devnull)
    import io
    sys.stdin = io.StringIO("")
    sys.stdout = io.StringIO()  # replaced by the call guard around game code

    os.environ.clear()
    os.environ.update(env)
    tempfile.tempdir = env["TMPDIR"]
    os.chdir(game)
    sys.dont_write_bytecode = True
    import signal
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in a terminal belongs to the CLI, not us

    # Everything the worker needs is imported before the guards go up.
    from wsz6_gamehost.protocol import Worker
    import soluzion6_02  # noqa: F401  (one shared copy of the base module)

    worker = Worker(game, scratch, args.call_timeout_ms, records=args.records)
    sandbox.set_limits(args.memory_mb)
    read_roots = sandbox.python_roots() + [GAMEHOST_DIR, game, scratch, "/usr/share/zoneinfo", "/etc/ssl",
                                           "/usr/lib/ssl", "/usr/share/ca-certificates", "/etc/ca-certificates"]
    read_files = ["/dev/null", "/dev/urandom", "/etc/localtime"]
    if args.allow_network:
        read_files += ["/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf", "/etc/gai.conf"]
    sandbox.install_guards(read_roots, [scratch], args.allow_network, read_files)

    ready = {"type": "ready", "protocol": PROTOCOL_VERSION, "pid": os.getpid(),
             "python": platform.python_version(), "sandbox": sandbox_kind}
    proto_out.write((json.dumps(ready) + "\n").encode())
    proto_out.flush()
    # The worker's own objects live as long as it does: out of the collector's way, so collecting
    # after a close (Worker.collect_garbage) only looks at the play-throughs' objects.
    gc.freeze()
    worker.serve(proto_in, proto_out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
