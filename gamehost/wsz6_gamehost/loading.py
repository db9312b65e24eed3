"""Importing game code: one fresh set of modules per play-through (SZ6-CONTRACT §1, §7).

The PFF is executed as ``wsz6_pt_<pt>``. Helper modules the game imports by bare name (``import
cards``, its vis module, even the PFF under its own file name) are looked up in the game folder by
``GameImporter`` and belong to a ``ModuleScope``: while a play-through's code runs, its modules sit
in ``sys.modules`` under their bare names; afterwards they are taken out again. So two
play-throughs never share a helper module, and neither do two games.
"""
import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys

from .discovery import DiscoveryError

# Names a game folder may never shadow: the worker's own modules and the base module, which the
# portal supplies (games often ship a stale copy of it).
_RESERVED_TOP_LEVEL = {"soluzion6_02", "wsz6_gamehost"}
PT_MODULE_PREFIX = "wsz6_pt_"


class ModuleScope:
    """The modules of one play-through, by the bare names game code imports them under."""

    def __init__(self, importer):
        self.importer = importer
        self.modules = {}   # bare name -> module, for modules already loaded
        self.names = set()  # every bare name this play-through owns
        self._saved = None

    def __enter__(self):
        self._saved = self.importer.active
        self.importer.active = self
        sys.modules.update(self.modules)
        return self

    def __exit__(self, *exc):
        modules = sys.modules
        for name in self.names:
            module = modules.pop(name, None)
            if module is not None:
                self.modules[name] = module
        self.importer.active = self._saved
        return False

    def adopt(self, name):
        """Record a module the import system just registered under ``name``."""
        self.names.add(name)


class GameImporter(importlib.abc.MetaPathFinder):
    """Finds modules in the game folder for the play-through whose code is running."""

    def __init__(self, folder):
        self.folder = os.path.realpath(folder)
        self.prefix = os.path.join(self.folder, "")
        self.active = None

    def find_spec(self, name, path, target=None):
        scope = self.active
        if scope is None:
            return None
        top = name.partition(".")[0]
        if top in _RESERVED_TOP_LEVEL or top in sys.stdlib_module_names or top.startswith(PT_MODULE_PREFIX):
            return None
        if path is None:
            search = [self.folder]
        else:
            search = [p for p in path if isinstance(p, str) and (p + os.sep).startswith(self.prefix)]
            if not search:
                return None
        spec = importlib.machinery.PathFinder.find_spec(name, search)
        if spec is not None:
            scope.adopt(name)
            if type(spec.loader) is importlib.machinery.SourceFileLoader:
                spec.loader = CachedSourceLoader(spec.loader.name, spec.loader.path)
        return spec

    def install(self):
        if self not in sys.meta_path:
            sys.meta_path.insert(0, self)


_code_cache = {}


def _compiled(path):
    """The code object of a file, compiled once per (path, mtime) for the worker's lifetime."""
    stat = os.stat(path)
    key = (path, stat.st_mtime_ns, stat.st_size)
    code = _code_cache.get(key)
    if code is None:
        with open(path, "rb") as f:
            source = f.read()
        code = compile(source, path, "exec", dont_inherit=True)
        _code_cache[key] = code
    return code


class CachedSourceLoader(importlib.machinery.SourceFileLoader):
    """Helper and vis modules are executed afresh per play-through but compiled only once."""

    def get_code(self, fullname):
        return _compiled(self.path)


def load_pff(files, pt_name, scope):
    """Executes the PFF as a new module named ``pt_name``; must run inside ``scope``."""
    spec = importlib.util.spec_from_file_location(pt_name, files.pff_path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[pt_name] = module
    # The PFF is also importable by its file name, as the same module (vis modules do that).
    scope.modules[files.pff_stem] = module
    scope.names.add(files.pff_stem)
    sys.modules[files.pff_stem] = module
    try:
        exec(_compiled(files.pff_path), module.__dict__)
    except BaseException:
        sys.modules.pop(pt_name, None)
        raise
    return module


def find_formulation(module):
    """The first module-level object (not a class) shaped like a formulation (SZ6-CONTRACT §1)."""
    for name, value in list(vars(module).items()):
        if name.startswith("__") or isinstance(value, type) or type(value).__name__ == "module":
            continue
        try:
            if (hasattr(value, "metadata") and hasattr(value, "operators")
                    and callable(getattr(value, "initialize_problem", None))):
                return value
        except Exception:
            continue
    return None


def load_vis(files, formulation, vis_files):
    """The vis module: ``formulation.vis_module``, else the folder's single *_WSZ6_VIS.py (inside scope)."""
    vis = getattr(formulation, "vis_module", None)
    if vis is not None and type(vis).__name__ == "module":
        return vis
    if isinstance(vis, str) and vis:
        return importlib.import_module(vis[:-3] if vis.endswith(".py") else vis)
    if files.vis is not None:
        return importlib.import_module(os.path.splitext(files.vis)[0])
    if len(vis_files) > 1:
        raise DiscoveryError("several vis modules (%s) and the formulation names none in vis_module"
                             % ", ".join(vis_files))
    return None


def module_file_name(module, folder):
    path = getattr(module, "__file__", None)
    if not path:
        return None
    path = os.path.realpath(path)
    return os.path.relpath(path, folder) if path.startswith(os.path.join(folder, "")) else os.path.basename(path)
