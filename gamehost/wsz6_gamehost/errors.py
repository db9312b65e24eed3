"""Error codes of the game-host protocol and how a fault inside game code is located."""
import os
import traceback

# The codes of docs/gamehost-protocol.md ("Error codes").
BAD_REQUEST = "bad_request"
LOAD_FAILED = "load_failed"
UNKNOWN_PLAYTHROUGH = "unknown_playthrough"
NO_SUCH_OPERATOR = "no_such_operator"
NOT_APPLICABLE = "not_applicable"
WRONG_ROLE = "wrong_role"
NOT_YOUR_TURN = "not_your_turn"
BAD_ARGS = "bad_args"
GAME_OVER = "game_over"
GAME_ERROR = "game_error"
TIMEOUT = "timeout"
RESTORE_FAILED = "restore_failed"
TRACEBACK_FRAMES = 30  # the innermost frames; a deep recursion would otherwise cost seconds to format


class WorkerError(Exception):
    """A refusal or fault that becomes one ``{"ok": false, "error": {...}}`` response."""

    def __init__(self, code, message, cause=None, game_dir=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.cause = cause
        self.game_dir = game_dir

    def to_json(self):
        error = {"code": self.code, "message": self.message}
        if self.cause is not None:
            error["exception"] = type(self.cause).__name__
            file, line = locate_fault(self.cause, self.game_dir)
            if file is not None:
                error["file"] = file
                error["line"] = line
            error["traceback"] = "".join(traceback.format_exception(
                type(self.cause), self.cause, self.cause.__traceback__, limit=-TRACEBACK_FRAMES))[-8000:]
        return error


def locate_fault(exc, game_dir):
    """(file relative to the game folder, line) of the innermost frame inside the game folder.

    A SyntaxError carries its own location; otherwise we walk the traceback, because the frames
    closest to the fault that belong to the game are what its author needs to see.
    """
    if game_dir is None:
        return None, None
    prefix = os.path.join(os.path.realpath(game_dir), "")
    found = (None, None)
    if isinstance(exc, SyntaxError) and exc.filename:
        path = os.path.realpath(exc.filename)
        if path.startswith(prefix):
            return os.path.relpath(path, prefix), exc.lineno
    tb = exc.__traceback__
    in_game = {}  # file name -> path relative to the game folder, or None (deep recursion repeats files)
    while tb is not None:
        path = tb.tb_frame.f_code.co_filename
        rel = in_game.get(path, False)
        if rel is False:
            real = os.path.realpath(path)
            rel = in_game[path] = os.path.relpath(real, prefix) if real.startswith(prefix) else None
        if rel is not None:
            found = (rel, tb.tb_lineno)
        tb = tb.tb_next
    return found


def describe_exception(exc):
    """'ValueError: bad move' — short text for messages."""
    text = str(exc)
    return "%s: %s" % (type(exc).__name__, text) if text else type(exc).__name__
