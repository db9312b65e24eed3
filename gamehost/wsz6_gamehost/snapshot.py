"""Exact snapshots of a play-through: one pickle holding the state, the PFF's and vis module's
data globals, the formulation's data attributes (incl. instance_data) and the random generator.

Pickling keeps exact types (a set stays a set, tuple keys stay tuples) and shared references. Game
classes live in the module ``wsz6_pt_<pt>``; on restore any ``wsz6_pt_*`` name maps to the
play-through being rebuilt, so a snapshot can be restored under another play-through id.
Values that cannot be pickled (lambdas, open files) are found once and left out from then on.
"""
import array
import io
import pickle
import random
import types

import soluzion6_02 as sz

from .loading import PT_MODULE_PREFIX

FORMAT = 1
# Formulation attributes rebuilt from code, never from a snapshot.
_CODE_ATTRS = {"operators", "vis_module"}
# Base-module objects that are code, not play-through data.
_CODE_CLASSES = (sz.SZ_Operator, sz.SZ_Operator_Set, sz.SZ_Metadata, sz.SZ_Role, sz.SZ_Roles_Spec,
                 sz.SZ_Formulation)
_NOT_DATA = (types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.MethodType, type,
             staticmethod, classmethod, property)


class SnapshotTaker:
    """Pickles a play-through's data; remembers which names cannot be pickled."""

    def __init__(self):
        self.skip_globals = {}  # id(module) -> set of names
        self.skip_attrs = set()
        self.unpicklable_attrs = []

    def take(self, pt):
        bundle = self._bundle(pt)
        try:
            return pickle.dumps(bundle, protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            # Find the offending globals/attributes once; the state itself must pickle.
            self._find_unpicklable(pt, bundle)
            return pickle.dumps(self._bundle(pt), protocol=pickle.HIGHEST_PROTOCOL)

    def _bundle(self, pt):
        rnd = random.getstate()
        return {
            "format": FORMAT,
            "state": pt.state,
            "pff": self._globals(pt.module, pt.formulation),
            "vis": self._globals(pt.vis, pt.formulation) if pt.vis is not None and pt.vis is not pt.module else None,
            "formulation": self._attrs(pt.formulation),
            "unpicklable_attrs": self.unpicklable_attrs,
            "random": (rnd[0], array.array("I", rnd[1]).tobytes(), rnd[2]),
        }

    def _globals(self, module, formulation):
        skip = self.skip_globals.get(id(module), ())
        out = {}
        for name, value in vars(module).items():
            if (name[:2] == "__" or name in skip or value is formulation or isinstance(value, _NOT_DATA)
                    or isinstance(value, _CODE_CLASSES)):
                continue
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
                    self.skip_globals.setdefault(id(module), set()).add(name)
        for name, value in bundle["formulation"].items():
            if not _picklable(value):
                self.skip_attrs.add(name)
                self.unpicklable_attrs.append(name)


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
    version, words, gauss = bundle["random"]
    random.setstate((version, tuple(array.array("I", words)), gauss))
    pt.state = bundle["state"]
