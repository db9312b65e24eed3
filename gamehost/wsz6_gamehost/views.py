"""What each role sees after a step: text view, vis HTML and the operators it may apply now
(SZ6-CONTRACT §5-§7), plus the game-wide parts of a StepResult (goal, outcome, state_json)."""
import inspect
import itertools
import math
import os

from .guard import GAME_FAULTS
from .errors import describe_exception
from .model import is_applicable, operator_name, operator_params, operator_role
from .rules import role_may_use, turn_blocks

GOAL_FALLBACK = "The game is over."
INITIAL_TEXT_LIMIT = 1024 * 1024
_RENDER_KWARGS = ("role_num", "instance_data", "base_url")


def render_kwargs_names(func):
    """Which of role_num / instance_data / base_url ``render_state`` declares (cached by caller)."""
    try:
        sig = inspect.signature(func)
    except (TypeError, ValueError):
        return ()
    if any(p.kind is p.VAR_KEYWORD for p in sig.parameters.values()):
        return _RENDER_KWARGS
    return tuple(n for n in _RENDER_KWARGS if n in sig.parameters)


_UNSET = object()


class StepView:
    """Computes one StepResult's views; caches the work shared by all roles: per-operator work,
    and the text and picture when the game's code for them cannot tell roles apart (``str(state)``,
    a ``render_state`` without ``role_num``): those are computed once per state."""

    def __init__(self, pt, state):
        self.pt = pt
        self.state = state
        self.goal = pt.is_goal(state)
        self._applicable = {}
        self._entries = {}
        self._shared_text = _UNSET
        self._shared_vis = _UNSET
        self._op_roles = None  # each operator's role, read once per state for all roles

    def role_view(self, role):
        pt, state = self.pt, self.state
        info = pt.role(role)
        return {"role": role, "text": self._text(role), "vis_html": self._vis(role),
                "operators": [] if self.goal else self._operators(role, info is not None and info.observer)}

    def _text(self, role):
        state = self.state
        method = getattr(state, "text_view_for_role", None)
        if method is None:
            if self._shared_text is _UNSET:
                try:
                    self._shared_text = str(state)
                except GAME_FAULTS as e:
                    self._shared_text = "(the game could not show its state: %s)" % describe_exception(e)
            return self._shared_text
        try:
            text = method(role)
        except GAME_FAULTS as e:
            # Never fall back to str(state): it may show what this role must not see.
            return "(the game's view for this role failed: %s)" % describe_exception(e)
        return "" if text is None else str(text)

    def _vis(self, role):
        pt = self.pt
        render = pt.render_state
        if render is None:
            return None
        if "role_num" not in pt.render_kwargs:
            if self._shared_vis is _UNSET:
                self._shared_vis = self._render(render, role)
            return self._shared_vis
        return self._render(render, role)

    def _render(self, render, role):
        pt = self.pt
        kwargs = {}
        for name in pt.render_kwargs:
            if name == "role_num":
                kwargs[name] = role
            elif name == "instance_data":
                kwargs[name] = getattr(pt.formulation, "instance_data", None)
            else:
                kwargs[name] = pt.base_url
        try:
            html = render(self.state, **kwargs)
        except GAME_FAULTS:
            return None
        return None if html is None else str(html)

    def _operators(self, role, observer):
        pt, state = self.pt, self.state
        if turn_blocks(state, role, pt.active_roles):
            return []
        op_roles = self._op_roles
        if op_roles is None:
            op_roles = self._op_roles = [operator_role(op) for op in pt.operators]
        out = []
        for i, op in enumerate(pt.operators):
            if not role_may_use(op_roles[i], role, observer):
                continue
            ok = self._applicable.get(i)
            if ok is None:
                try:
                    ok = is_applicable(op, state)
                except GAME_FAULTS:
                    ok = False
                self._applicable[i] = ok
            if not ok:
                continue
            entry = self._entries.get(i)
            if entry is None:
                entry = self._cached_entry(i, op)
                self._entries[i] = entry
            if entry is not False:
                out.append(entry)
        return out

    def _cached_entry(self, i, op):
        """Operators whose name and params are plain values look the same every step: built once
        per play-through, reused while the operator's attributes are the same objects."""
        name, params = getattr(op, "name", None), getattr(op, "params", None)
        desc, undo = getattr(op, "description", None), getattr(op, "allow_undo", False)
        cache = self.pt.entry_cache
        hit = cache.get(i)
        if hit is not None and hit[0] is name and hit[1] is params and hit[2] is desc and hit[3] is undo:
            return hit[4]
        entry = self._entry(i, op)
        if entry is not False and not callable(name) and not callable(params) and not any(
                p["type"] == "file_edit" for p in entry["params"]):
            cache[i] = (name, params, desc, undo, entry)
        return entry

    def _entry(self, i, op):
        state = self.state
        try:
            name = operator_name(op, state)
            params = operator_params(op, state)
        except GAME_FAULTS:
            return False  # an operator whose name or params fail cannot be offered
        for p in params:
            if p["type"] == "file_edit" and "file_path" in p:
                text = self.pt.read_session_file(p["file_path"], INITIAL_TEXT_LIMIT)
                if text is not None:
                    p["initial_text"] = text
        return {"index": i, "name": name, "description": str(getattr(op, "description", "") or ""),
                "params": params, "allow_undo": bool(getattr(op, "allow_undo", False))}

    def summary(self):
        state = self.state
        goal_message = None
        outcome = None
        if self.goal:
            try:
                goal_message = state.goal_message()
                goal_message = GOAL_FALLBACK if goal_message is None else str(goal_message)
            except GAME_FAULTS:
                goal_message = GOAL_FALLBACK
            outcome = self._outcome()
        current = getattr(state, "current_role_num", -1)
        try:
            current = int(current)
        except (TypeError, ValueError):
            current = -1
        transition = getattr(state, "jit_transition", None)
        return {"current_role": current, "parallel": bool(getattr(state, "parallel", False)),
                "goal": self.goal, "goal_message": goal_message, "outcome": outcome,
                "transition": None if transition is None else str(transition)}

    def _outcome(self):
        state = self.state
        is_win, is_draw = getattr(state, "is_win", None), getattr(state, "is_draw", None)
        if is_win is None and is_draw is None:
            return None
        winners = []
        if is_win is not None:
            for r in self.pt.roles:
                try:
                    if is_win(r.index):
                        winners.append(r.index)
                except GAME_FAULTS:
                    pass
        draw = False
        if is_draw is not None:
            try:
                draw = bool(is_draw())
            except GAME_FAULTS:
                draw = False
        return {"winners": winners, "draw": draw}


def state_json(state):
    """``state.to_dict()`` when the state has it, else a generic, type-marked JSON view."""
    to_dict = getattr(state, "to_dict", None)
    if callable(to_dict):
        try:
            return _plain(to_dict(), 0)
        except GAME_FAULTS:
            pass
    return _generic(state, 0, [])


_MAX_DEPTH = 40


def _scalar(v):
    if isinstance(v, float) and not math.isfinite(v):
        return str(v)
    return v


def _plain(v, depth):
    """JSON-native data as the game gave it (tuples/sets become lists, keys become strings)."""
    if v is None or isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, float):
        return _scalar(v)
    if depth > _MAX_DEPTH:
        return "..."
    if isinstance(v, dict):
        return {str(k): _plain(x, depth + 1) for k, x in v.items()}
    if isinstance(v, (list, tuple, set, frozenset)):
        return [_plain(x, depth + 1) for x in v]
    return _generic(v, depth + 1, [])


# Exact types whose JSON form is the value itself (checked by ``type(v) in``: faster than isinstance).
_PLAIN_SCALARS = frozenset((str, int, bool, type(None)))


def _generic(v, depth, seen):
    t = type(v)
    if t in _PLAIN_SCALARS:
        return v
    if v is None or isinstance(v, (bool, int, str)):
        return v
    if isinstance(v, float):
        return _scalar(v)
    if depth > _MAX_DEPTH:
        return "..."
    # Fast paths: a list or tuple of plain scalars cannot hold a reference cycle, so it needs no
    # walk (same output as the general code below; states are full of small tuples like cards).
    if t is tuple or t is list:
        for x in v:
            if type(x) not in _PLAIN_SCALARS:
                break
        else:
            return {"__tuple__": list(v)} if t is tuple else list(v)
    # ``seen`` holds the containers being walked above this one: a cycle leads back to one of
    # them. A list searched by identity, not a set of id()s: inside the worker every id() is an
    # audit event that runs the sandbox's hook (~1 us), and the list is only as long as the nesting.
    for above in seen:
        if above is v:
            return {"__ref__": type(v).__name__}
    seen.append(v)
    try:
        if isinstance(v, list):
            return _children(v, depth + 1, seen)
        if isinstance(v, tuple):
            return {"__tuple__": _children(v, depth + 1, seen)}
        if isinstance(v, (set, frozenset)):
            items = _children(v, depth + 1, seen)
            try:
                items.sort(key=repr)
            except GAME_FAULTS:
                pass
            return {"__set__": items}
        if isinstance(v, dict):
            values = _children(v.values(), depth + 1, seen)
            if _ONLY_STR.issuperset(map(type, v)) or all(isinstance(k, str) for k in v):
                return dict(zip(v, values))
            return {"__items__": [list(kx) for kx in zip(_children(v, depth + 1, seen), values)]}
        if isinstance(v, (bytes, bytearray)):
            return {"__bytes__": len(v)}
        attrs = getattr(v, "__dict__", None)
        if isinstance(attrs, dict):
            out = {"__class__": type(v).__name__}
            names = [k for k, x in attrs.items() if not callable(x) or isinstance(x, type)]
            out.update(zip(map(str, names), _children([attrs[k] for k in names], depth + 1, seen)))
            return out
        return {"__class__": type(v).__name__, "repr": repr(v)[:200]}
    finally:
        seen.pop()


def _children(values, depth, seen):
    """``[_generic(x, depth, seen) for x in values]`` without a call for the common leaves: plain
    scalars, lists or tuples of them (cards, coordinates), lists of such tuples (a hand of cards)
    and tuples of scalars and such tuples (a card played by a seat). None of these can hold a
    cycle, and the type tests run in C (``issuperset(map(type, ...))``)."""
    out = []
    append = out.append
    shallow = depth <= _MAX_DEPTH
    plain = _PLAIN_SCALARS.issuperset
    for x in values:
        t = type(x)
        if t in _PLAIN_SCALARS:
            append(x)
        elif shallow and (t is tuple or t is list) and plain(map(type, x)):
            append({"__tuple__": list(x)} if t is tuple else list(x))
        elif (t is list and depth < _MAX_DEPTH and x and _ONLY_TUPLES.issuperset(map(type, x))
              and plain(map(type, _chain(x)))):
            append([{"__tuple__": list(y)} for y in x])  # a hand of cards: a list of plain tuples
        elif t is tuple and depth < _MAX_DEPTH and _SCALARS_AND_TUPLES.issuperset(map(type, x)):
            parts = []
            for y in x:
                if type(y) is tuple:
                    if not plain(map(type, y)):
                        append(_generic(x, depth, seen))
                        break
                    parts.append({"__tuple__": list(y)})
                else:
                    parts.append(y)
            else:
                append({"__tuple__": parts})
        else:
            append(_generic(x, depth, seen))
    return out


_chain = itertools.chain.from_iterable
_ONLY_TUPLES = frozenset((tuple,))
_ONLY_STR = frozenset((str,))
_SCALARS_AND_TUPLES = _PLAIN_SCALARS | _ONLY_TUPLES


def scan_folder(folder):
    """{relative path: (mtime_ns, size)} of the files under ``folder``."""
    out = {}
    stack = [folder]
    while stack:
        d = stack.pop()
        try:
            with os.scandir(d) as it:
                for e in it:
                    if e.is_dir(follow_symlinks=False):
                        stack.append(e.path)
                    elif e.is_file(follow_symlinks=False):
                        st = e.stat(follow_symlinks=False)
                        out[os.path.relpath(e.path, folder)] = (st.st_mtime_ns, st.st_size)
        except OSError:
            pass
    return out
