"""What each role sees after a step: text view, vis HTML and the operators it may apply now
(SZ6-CONTRACT §5-§7), plus the game-wide parts of a StepResult (goal, outcome, state_json)."""
import inspect
import itertools
import json
import math
import os
from json.encoder import encode_basestring_ascii as _json_str

from .guard import GAME_FAULTS
from .errors import describe_exception
from .model import is_applicable, operator_name, operator_params, operator_role
from .rules import role_may_use, turn_blocks
from .wire import RawJSON, json_text

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


def state_json_text(state):
    """The JSON text of the state's log view: ``state.to_dict()`` when the state has it, else a
    generic, type-marked view. Written as text straight away (a RawJSON for the wire), not built
    as many small marker dicts that the encoder then walks again; card texts are remembered."""
    to_dict = getattr(state, "to_dict", None)
    if callable(to_dict):
        try:
            return RawJSON(json_text(_plain(to_dict(), 0)))
        except GAME_FAULTS:
            pass
    return RawJSON(_text(state, 0, set()))


def state_json(state):
    """The state's log view as JSON data (what a reader of the wire gets)."""
    return json.loads(state_json_text(state))


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
    return json.loads(_text(v, depth + 1, set()))


# Exact types whose JSON form is the value itself (checked by ``type(v) in``: faster than isinstance).
_PLAIN_SCALARS = frozenset((str, int, bool, type(None)))
# Exact types whose equal values have equal JSON text (not bool: True == 1; not float: 1.0 == 1).
_STR_INT = frozenset((str, int))
_STR_INT_TUPLE = frozenset((str, int, tuple))
_ONLY_STR = frozenset((str,))
_ONLY_TUPLES = frozenset((tuple,))
_chain = itertools.chain.from_iterable


def _scalar_text(v):
    """JSON of None, a bool, int, str (or subclass) or float, as the json module writes them."""
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, str):
        return _json_str(v)
    if isinstance(v, int):
        return int.__repr__(v)
    return float.__repr__(v) if math.isfinite(v) else _json_str(str(v))


def _text(v, depth, seen):
    """The JSON text of ``v`` in the generic view: tuples, sets, dicts with keys other than
    strings, objects and repeated references keep a marker; nesting is cut at 40 levels."""
    t = type(v)
    if t is str:
        return _json_str(v)
    if t is int:
        return int.__repr__(v)
    if v is None or isinstance(v, (bool, int, str, float)):
        return _scalar_text(v)
    if depth > _MAX_DEPTH:
        return '"..."'
    if (t is tuple or t is list) and _PLAIN_SCALARS.issuperset(map(type, v)):
        return _scalars_text(v, t)  # no cycle possible: no walk
    key = id(v)  # once: in the worker every id() is an audit event its hook looks at
    if key in seen:
        return '{"__ref__":%s}' % _json_str(t.__name__)
    seen.add(key)
    try:
        if isinstance(v, list):
            return "[%s]" % ",".join(_texts(v, depth + 1, seen))
        if isinstance(v, tuple):
            return '{"__tuple__":[%s]}' % ",".join(_texts(v, depth + 1, seen))
        if isinstance(v, (set, frozenset)):
            items = _texts(v, depth + 1, seen)
            try:
                items.sort(key=_data_repr)
            except GAME_FAULTS:
                pass
            return '{"__set__":[%s]}' % ",".join(items)
        if isinstance(v, dict):
            values = _texts(v.values(), depth + 1, seen)
            if _ONLY_STR.issuperset(map(type, v)) or all(isinstance(k, str) for k in v):
                return _object_text(zip(v, values))
            keys = _texts(v, depth + 1, seen)
            return '{"__items__":[%s]}' % ",".join(["[%s,%s]" % kx for kx in zip(keys, values)])
        if isinstance(v, (bytes, bytearray)):
            return '{"__bytes__":%d}' % len(v)
        attrs = getattr(v, "__dict__", None)
        if isinstance(attrs, dict):
            names = [k for k, x in attrs.items() if not callable(x) or isinstance(x, type)]
            members = {"__class__": _json_str(t.__name__)}  # a dict: an attribute may replace it, as before
            members.update(zip(map(str, names), _texts([attrs[k] for k in names], depth + 1, seen)))
            return _object_text(members.items())
        return '{"__class__":%s,"repr":%s}' % (_json_str(t.__name__), _json_str(repr(v)[:200]))
    finally:
        seen.discard(key)


def _object_text(pairs):
    return "{%s}" % ",".join([_json_str(k) + ":" + x for k, x in pairs])


def _data_repr(text):
    """Set items are sorted by the repr of their JSON data (the same order whatever the hash seed)."""
    return repr(json.loads(text))


def _scalars_text(v, t):
    return '{"__tuple__":%s}' % json_text(v) if t is tuple else json_text(v)


_tuple_texts = {}  # short tuple of only strings and ints -> its JSON text (equal tuples, equal text)
_TUPLE_CACHE_SIZE = 4096
_SHORT = 16


def _card_text(v):
    """The JSON text of a tuple of only strings and ints (a card, a coordinate), remembered."""
    text = _tuple_texts.get(v)
    if text is None:
        text = '{"__tuple__":%s}' % json_text(v)
        if len(v) <= _SHORT:
            if len(_tuple_texts) >= _TUPLE_CACHE_SIZE:
                _tuple_texts.clear()
            _tuple_texts[v] = text
    return text


def _texts(values, depth, seen):
    """``[_text(x, depth, seen) for x in values]`` without a call of ``_text`` for the common
    leaves, none of which can hold a cycle: strings, ints, tuples of strings and ints (cards),
    lists of such tuples (a hand) and tuples of scalars and such tuples (a card played by a seat).
    Types are tested first (not bool: True == 1, so (True, 2) must not find (1, 2)'s text)."""
    out = []
    append = out.append
    shallow = depth <= _MAX_DEPTH      # the item itself may be walked
    nested = depth < _MAX_DEPTH        # and so may what it holds
    str_int = _STR_INT.issuperset
    known = _tuple_texts.get
    for x in values:
        t = type(x)
        if t is str:
            append(_json_str(x))
        elif t is int:
            append(int.__repr__(x))
        elif t is tuple and shallow and str_int(map(type, x)):
            append(known(x) or _card_text(x))
        elif t is list and nested and _ONLY_TUPLES.issuperset(map(type, x)) and str_int(map(type, _chain(x))):
            cards = list(map(known, x))  # a hand: all in C when its cards were seen before
            if None in cards:
                cards = list(map(_card_text, x))
            append("[%s]" % ",".join(cards))
        elif (t is tuple and nested and _STR_INT_TUPLE.issuperset(map(type, x))
              and all([str_int(map(type, y)) for y in x if type(y) is tuple])):
            append('{"__tuple__":[%s]}' % ",".join(
                [_card_text(y) if type(y) is tuple else _text(y, depth + 1, seen) for y in x]))
        else:
            append(_text(x, depth, seen))
    return out


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
