"""Exact snapshots of a play-through: one pickle holding the state, the PFF's and vis module's
data globals, the formulation's data attributes (incl. instance_data) and the random generator.

Pickling keeps exact types (a set stays a set, tuple keys stay tuples) and shared references. Game
classes live in the module ``wsz6_pt_<pt>``; on restore any ``wsz6_pt_*`` name maps to the
play-through being rebuilt, so a snapshot can be restored under another play-through id.
Values that cannot be pickled (lambdas, open files) are found once and left out from then on.
"""
import copyreg
import io
import pickle
import random
import types

import soluzion6_02 as sz

from . import seeding

from .loading import PT_MODULE_PREFIX

FORMAT = 1
# Formulation attributes rebuilt from code, never from a snapshot.
_CODE_ATTRS = {"operators", "vis_module"}
# Base-module objects that are code, not play-through data.
_CODE_CLASSES = (sz.SZ_Operator, sz.SZ_Operator_Set, sz.SZ_Metadata, sz.SZ_Role, sz.SZ_Roles_Spec,
                 sz.SZ_Formulation)
_NOT_DATA = (types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.MethodType, type,
             staticmethod, classmethod, property)


_MISSING = object()
seeding.install()


class SnapshotTaker:
    """Pickles a play-through's data; remembers which names cannot be pickled."""

    def __init__(self):
        self.skip_globals = {}  # module -> set of names (keyed by the module itself: id() is an audited call)
        self.skip_attrs = set()
        self._data_names = {}   # module -> (size of its namespace, names holding data)
        self.unpicklable_attrs = []
        self._out = io.BytesIO()
        self._pickler = None

    def take(self, pt):
        bundle = self._bundle(pt)
        try:
            return self._dumps(bundle)
        except Exception:
            self._pickler = None  # start afresh after a failed dump
            # Find the offending globals/attributes once; the state itself must pickle.
            self._find_unpicklable(pt, bundle)
            return self._dumps(self._bundle(pt))

    def _dumps(self, bundle):
        """``pickle.dumps(bundle)``, the same bytes, by a pickler kept for the play-through whose
        dispatch table reduces plain instances faster (see ``_PlainInstances``)."""
        p, out = self._pickler, self._out
        if p is None:
            p = self._pickler = pickle.Pickler(out, pickle.HIGHEST_PROTOCOL)
            p.dispatch_table = _PlainInstances()
        out.seek(0)
        out.truncate()
        try:
            p.dump(bundle)
        finally:
            p.clear_memo()  # the memo holds every object pickled: let go of them now
        return out.getvalue()

    def _bundle(self, pt):
        return {
            "format": FORMAT,
            "state": pt.state,
            "pff": self._globals(pt.module, pt.formulation),
            "vis": self._globals(pt.vis, pt.formulation) if pt.vis is not None and pt.vis is not pt.module else None,
            "formulation": self._attrs(pt.formulation),
            "unpicklable_attrs": self.unpicklable_attrs,
            "random": random._inst.compact_state(),
        }

    def _globals(self, module, formulation):
        namespace = vars(module)
        cached = self._data_names.get(module)
        if cached is None or cached[0] != len(namespace):
            # Which globals hold data is decided once per namespace size: functions and classes
            # do not turn into data, and a new global changes the size.
            skip = self.skip_globals.get(module, ())
            names = [name for name, value in namespace.items()
                     if not (name[:2] == "__" or name in skip or value is formulation
                             or isinstance(value, _NOT_DATA) or isinstance(value, _CODE_CLASSES))]
            cached = self._data_names[module] = (len(namespace), names)
        out = {}
        for name in cached[1]:
            value = namespace.get(name, _MISSING)
            if value is not _MISSING and not isinstance(value, _NOT_DATA):
                out[name] = value
        return out

    def _attrs(self, formulation):
        out = {}
        for name, value in vars(formulation).items():
            if (name in _CODE_ATTRS or name in self.skip_attrs or isinstance(value, _NOT_DATA)
                    or isinstance(value, (sz.SZ_Operator, sz.SZ_Operator_Set))):
                continue
            out[name] = value
        return out

    def _find_unpicklable(self, pt, bundle):
        try:
            pickle.dumps(bundle["state"], protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as e:
            raise UnpicklableState(e)
        for key, module in (("pff", pt.module), ("vis", pt.vis)):
            for name, value in (bundle[key] or {}).items():
                if not _picklable(value):
                    self.skip_globals.setdefault(module, set()).add(name)
            self._data_names.pop(module, None)
        for name, value in bundle["formulation"].items():
            if not _picklable(value):
                self.skip_attrs.add(name)
                self.unpicklable_attrs.append(name)


class _Plain:
    pass


_PLAIN_SIZE = _Plain.__basicsize__
# Names that change how instances of a class pickle; such classes keep the default path.
_CUSTOM_PICKLING = ("__reduce_ex__", "__reduce__", "__getstate__", "__getnewargs_ex__", "__getnewargs__",
                    "__slots__", "__getattribute__")


def _reduce_plain(obj):
    """What ``object.__reduce_ex__`` returns for an instance of a plain class (its __dict__ as the
    state, None when empty), computed without its generic lookups."""
    registered = copyreg.dispatch_table.get(type(obj))
    if registered is not None:  # the game registered a reducer after we first saw the class
        return registered(obj)
    state = obj.__dict__
    return copyreg.__newobj__, (type(obj),), state if state else None, None, None


class _PlainInstances(dict):
    """A pickler's dispatch table (one per play-through: it refers to the game's classes). Game
    states, roles and metadata are instances of plain classes; for those the default reduction
    (``object.__reduce_ex__``, ~1 us each, a dozen per snapshot) is replaced by ``_reduce_plain``,
    which gives the same tuple and so the same bytes. Any class that customises pickling, has
    slots or C-level data, or a metaclass keeps the default (KeyError); copyreg's entries are used
    as ``pickle.dumps`` would."""

    def __missing__(self, cls):
        registered = copyreg.dispatch_table.get(cls)
        if registered is not None:  # what pickle.dumps would use (a pickler's own table replaces copyreg's)
            return registered
        mro = cls.__mro__
        if (type(cls) is type and mro[-1] is object
                and all(b.__basicsize__ == _PLAIN_SIZE and b.__itemsize__ == 0
                        and not any(name in vars(b) for name in _CUSTOM_PICKLING) for b in mro[:-1])):
            self[cls] = _reduce_plain
            return _reduce_plain
        raise KeyError(cls)


class UnpicklableState(Exception):
    def __init__(self, cause):
        super().__init__("the game state cannot be saved (%s: %s); states must be picklable"
                         % (type(cause).__name__, cause))
        self.cause = cause


def _picklable(value):
    try:
        pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        return True
    except Exception:
        return False


class _PlaythroughUnpickler(pickle.Unpickler):
    def __init__(self, data, module):
        super().__init__(io.BytesIO(data))
        self.module = module

    def find_class(self, module_name, name):
        if module_name.startswith(PT_MODULE_PREFIX):
            obj = self.module
            for part in name.split("."):
                obj = getattr(obj, part)
            return obj
        return super().find_class(module_name, name)


def load(data, module):
    """Unpickles a snapshot for the play-through whose PFF module is ``module`` (inside its scope)."""
    bundle = _PlaythroughUnpickler(data, module).load()
    if not isinstance(bundle, dict) or bundle.get("format") != FORMAT:
        raise ValueError("not a WSZ6 snapshot (format %r)" % (bundle.get("format") if isinstance(bundle, dict) else None))
    return bundle


def apply_bundle(bundle, pt):
    """Puts a loaded snapshot's data into the play-through's modules and formulation."""
    vars(pt.module).update(bundle["pff"])
    if bundle.get("vis") and pt.vis is not None:
        vars(pt.vis).update(bundle["vis"])
    for name, value in bundle["formulation"].items():
        setattr(pt.formulation, name, value)
    random._inst.restore_compact(bundle["random"])
    pt.state = bundle["state"]
