"""May this move be made? The checks of docs/gamehost-protocol.md, in the documented order."""
import math

from . import errors
from .guard import GAME_FAULTS
from .errors import WorkerError
from .model import is_applicable, operator_params, operator_role


def turn_blocks(state, role, active_roles):
    """Rule 4: outside a parallel phase only the role named by current_role_num moves, if seated."""
    if getattr(state, "parallel", False):
        return False
    current = getattr(state, "current_role_num", -1)
    return current != role and current in active_roles


def role_may_use(op_role, role, observer):
    """Rule 3: an operator with a role belongs to that role; observers only use role-free ones."""
    if op_role is None:
        return True
    return not observer and op_role == role


def check_move(pt, role, op_index, args):
    """Returns (operator, params, converted args) or raises WorkerError with the first rule broken."""
    state = pt.state
    if pt.is_goal(state):
        raise WorkerError(errors.GAME_OVER, "the game is over; no more moves")
    ops = pt.operators
    if not 0 <= op_index < len(ops):
        raise WorkerError(errors.NO_SUCH_OPERATOR, "there is no operator %d (the game has %d)"
                          % (op_index, len(ops)))
    op = ops[op_index]
    op_role = operator_role(op)
    role_info = pt.role(role)
    if role_info is None:
        raise WorkerError(errors.WRONG_ROLE, "there is no role %s (the game's roles are 0 to %d)"
                          % (role, len(pt.roles) - 1))
    observer = role_info is not None and role_info.observer
    if not role_may_use(op_role, role, observer):
        if observer:
            raise WorkerError(errors.WRONG_ROLE, "observers may only use operators open to every role")
        raise WorkerError(errors.WRONG_ROLE, "operator %d belongs to role %s, not %s"
                          % (op_index, pt.role_label(op_role), pt.role_label(role)))
    if turn_blocks(state, role, pt.active_roles):
        raise WorkerError(errors.NOT_YOUR_TURN, "it is %s's turn" % pt.role_label(state.current_role_num))
    try:
        applicable = is_applicable(op, state)
    except GAME_FAULTS as e:
        raise WorkerError(errors.NOT_APPLICABLE, "the precondition of operator %d raised %s: %s"
                          % (op_index, type(e).__name__, e), e, pt.game_dir)
    if not applicable:
        raise WorkerError(errors.NOT_APPLICABLE, "operator %d does not apply in this state" % op_index)
    try:
        params = operator_params(op, state)
    except GAME_FAULTS as e:
        raise WorkerError(errors.GAME_ERROR, "computing the parameters of operator %d raised %s: %s"
                          % (op_index, type(e).__name__, e), e, pt.game_dir)
    return op, params, validate_args(params, args)


def validate_args(params, args):
    """Rule 6: count, type and inclusive range; returns the converted arguments (or None)."""
    if args is None:
        args = []
    if not isinstance(args, list):
        raise WorkerError(errors.BAD_ARGS, "args must be a list")
    if len(args) != len(params):
        raise WorkerError(errors.BAD_ARGS, "expected %d argument%s (%s), got %d" % (
            len(params), "" if len(params) == 1 else "s",
            ", ".join(p["name"] for p in params) or "none", len(args)))
    return [_convert(p, a) for p, a in zip(params, args)]


def _convert(param, value):
    name, kind = param["name"], param["type"]
    if kind == "int":
        number = _to_int(value)
        if number is None:
            raise WorkerError(errors.BAD_ARGS, "parameter '%s' must be a whole number, got %s" % (name, _show(value)))
        value = number
    elif kind == "float":
        number = _to_float(value)
        if number is None:
            raise WorkerError(errors.BAD_ARGS, "parameter '%s' must be a number, got %s" % (name, _show(value)))
        value = number
    else:
        if not isinstance(value, str):
            raise WorkerError(errors.BAD_ARGS, "parameter '%s' must be text, got %s" % (name, _show(value)))
        return value
    low, high = param.get("min"), param.get("max")
    if (low is not None and value < low) or (high is not None and value > high):
        raise WorkerError(errors.BAD_ARGS, "parameter '%s' must be %s, got %s" % (name, _range(low, high), value))
    return value


def _to_int(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            return None
    return None


def _to_float(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def _range(low, high):
    if low is not None and high is not None:
        return "between %s and %s" % (_num(low), _num(high))
    return "at least %s" % _num(low) if low is not None else "at most %s" % _num(high)


def _num(x):
    return str(int(x)) if isinstance(x, float) and x.is_integer() else str(x)


def _show(value):
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
