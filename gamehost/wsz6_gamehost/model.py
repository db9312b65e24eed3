"""Reading a formulation with defaults: games subclass the base classes without calling their
constructors, so nothing here assumes an attribute exists (SZ6-CONTRACT §2, §4, §5)."""
import ast
import inspect
import math
import textwrap

PARAM_TYPES = ("int", "float", "str", "file_edit")
CONFIG_KEYS_SUPPLIED_BY_PORTAL = {"session_folder", "active_roles"}


class Role:
    __slots__ = ("index", "name", "description", "max_players", "observer")

    def __init__(self, index, name, description, max_players, observer):
        self.index, self.name, self.description = index, name, description
        self.max_players, self.observer = max_players, observer

    def to_json(self):
        return {"index": self.index, "name": self.name, "description": self.description,
                "max_players": self.max_players, "observer": self.observer}


def read_roles(formulation):
    spec = getattr(formulation, "roles_spec", None)
    raw = getattr(spec, "roles", None) if spec is not None else None
    roles = []
    for i, r in enumerate(list(raw) if raw else []):
        name = str(getattr(r, "name", None) or "Role %d" % (i + 1))
        roles.append(Role(i, name, str(getattr(r, "description", "") or ""),
                          _as_int(getattr(r, "max_players", 1), 1),
                          name.strip().lower() == "observer"))
    if not roles:
        roles = [Role(0, "Player", "", 1, False)]
    return roles


def read_roles_limits(formulation, roles):
    spec = getattr(formulation, "roles_spec", None)
    minimum = _as_int(getattr(spec, "min_players_to_start", 1), 1)
    maximum = getattr(spec, "max_players", None)
    maximum = _as_int(maximum, 0) if maximum is not None else 0
    if maximum <= 0:
        maximum = sum(r.max_players for r in roles)
    return minimum, maximum


def read_operators(formulation):
    ops = getattr(formulation, "operators", None)
    ops = getattr(ops, "operators", ops)
    if ops is None:
        return []
    return list(ops)


def operator_role(op):
    role = getattr(op, "role", None)
    if role is None or isinstance(role, bool):
        return None
    try:
        return int(role)
    except (TypeError, ValueError):
        return None


def operator_name(op, state):
    name = getattr(op, "name", None)
    if callable(name):
        name = name(state)
    return "Operator" if name is None else str(name)


def operator_params(op, state):
    """The parameter specs of ``op`` in ``state``, normalised to dicts with a known ``type``."""
    params = getattr(op, "params", None)
    if callable(params):
        params = params(state)
    if not params:
        return []
    return [normalise_param(p, i) for i, p in enumerate(params)]


def normalise_param(p, i):
    if isinstance(p, str):
        p = {"name": p}
    elif not isinstance(p, dict):
        p = {"name": str(p)}
    kind = str(p.get("type", "str") or "str")
    if kind not in PARAM_TYPES:
        kind = {"integer": "int", "number": "float", "string": "str", "text": "str"}.get(kind.lower(), "str")
    spec = {"name": str(p.get("name") or "argument %d" % (i + 1)), "type": kind}
    for key in ("min", "max"):
        value = p.get(key)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
            spec[key] = value
    if kind == "file_edit":
        for key in ("file_path", "initial_text"):
            if p.get(key) is not None:
                spec[key] = str(p[key])
    return spec


def metadata_json(formulation):
    md = getattr(formulation, "metadata", None)

    def text(attr, default=""):
        value = getattr(md, attr, None)
        return default if value is None else str(value)

    authors = getattr(md, "authors", None)
    if authors is None:
        authors = []
    elif isinstance(authors, str):
        authors = [authors]
    else:
        authors = [str(a) for a in authors]
    return {"name": text("name", "Untitled game"), "brief_desc": text("brief_desc"),
            "problem_version": text("problem_version"), "soluzion_version": text("soluzion_version"),
            "authors": authors, "creation_date": text("creation_date")}


def config_keys(formulation):
    """Option names ``initialize_problem`` reads from its config argument (by reading its source)."""
    func = getattr(formulation, "initialize_problem", None)
    func = getattr(func, "__func__", func)
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(func)))
    except (OSError, TypeError, SyntaxError):
        return []
    fn = next((n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))), None)
    if fn is None:
        return []
    args = [a.arg for a in fn.args.args]
    if len(args) < 2:
        return []
    cfg = args[1]
    keys = []

    def add(node):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value not in keys:
            keys.append(node.value)

    for node in ast.walk(fn):
        if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == cfg:
            add(node.slice)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and isinstance(node.func.value, ast.Name) and node.func.value.id == cfg
              and node.func.attr in ("get", "setdefault", "pop") and node.args):
            add(node.args[0])
        elif (isinstance(node, ast.Compare) and len(node.ops) == 1 and isinstance(node.ops[0], (ast.In, ast.NotIn))
              and isinstance(node.comparators[0], ast.Name) and node.comparators[0].id == cfg):
            add(node.left)
    return [k for k in keys if k not in CONFIG_KEYS_SUPPLIED_BY_PORTAL]


def _as_int(value, default):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def is_applicable(op, state):
    precond = getattr(op, "precond_func", None)
    if precond is not None:
        return bool(precond(state))
    method = getattr(op, "is_applicable", None)
    return bool(method(state)) if method is not None else True


def apply_operator(op, state, params, args):
    """The transition, called as the contract says: f(state) without params, f(state, args) with."""
    xition = getattr(op, "state_xition_func", None)
    if xition is None:
        return op.apply(state, args)
    if params:
        return xition(state, list(args))
    return xition(state)
