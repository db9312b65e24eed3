"""Which file of a game folder is the PFF, and which is its visualization module (SZ6-CONTRACT §1, §7)."""
import json
import os

MANIFEST = "wsz6.json"
VIS_SUFFIX = "_WSZ6_VIS.py"
PFF_SUFFIX = "_SZ6.py"
# Games often ship their own copy of the base module; the portal supplies it, so it is never the PFF.
BASE_MODULE_FILES = {"soluzion6_02.py", "soluzion6.py", "soluzion.py"}


class DiscoveryError(Exception):
    """The folder does not say unambiguously which file is the game."""


class GameFiles:
    def __init__(self, folder, pff, vis):
        self.folder = folder  # absolute, real path
        self.pff = pff        # file name relative to folder
        self.vis = vis        # file name or None (the formulation's vis_module may still name one)

    @property
    def pff_path(self):
        return os.path.join(self.folder, self.pff)

    @property
    def pff_stem(self):
        return os.path.splitext(os.path.basename(self.pff))[0]


def discover(folder):
    folder = os.path.realpath(folder)
    if not os.path.isdir(folder):
        raise DiscoveryError("game folder %s does not exist" % folder)
    names = sorted(n for n in os.listdir(folder) if n.endswith(".py") and os.path.isfile(os.path.join(folder, n)))
    manifest = _read_manifest(folder)
    vis_files = [n for n in names if n.endswith(VIS_SUFFIX)]

    pff = manifest.get("pff")
    if pff is not None:
        if not os.path.isfile(os.path.join(folder, pff)):
            raise DiscoveryError("%s names pff %r, which is not a file in the game folder" % (MANIFEST, pff))
    else:
        pff = _pick_pff(names, vis_files)

    vis = manifest.get("vis")
    if vis is not None:
        if not os.path.isfile(os.path.join(folder, vis)):
            raise DiscoveryError("%s names vis %r, which is not a file in the game folder" % (MANIFEST, vis))
    elif len(vis_files) == 1:
        vis = vis_files[0]
    elif len(vis_files) > 1:
        vis = None  # the formulation's vis_module must choose; loading says so if it does not
    return GameFiles(folder, pff, vis), vis_files


def _pick_pff(names, vis_files):
    sz6 = [n for n in names if n.endswith(PFF_SUFFIX)]
    if len(sz6) == 1:
        return sz6[0]
    if len(sz6) > 1:
        raise DiscoveryError("several *%s files (%s); name the main one in %s as {\"pff\": \"...\"}"
                             % (PFF_SUFFIX, ", ".join(sz6), MANIFEST))
    others = [n for n in names if n not in vis_files and n not in BASE_MODULE_FILES]
    if len(others) == 1:
        return others[0]
    if not others:
        raise DiscoveryError("no Python file for the game (expected <Name>%s)" % PFF_SUFFIX)
    raise DiscoveryError("cannot tell which file is the game among %s; rename it to <Name>%s or add %s"
                         % (", ".join(others), PFF_SUFFIX, MANIFEST))


def _read_manifest(folder):
    path = os.path.join(folder, MANIFEST)
    if not os.path.exists(path):
        return {}
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        raise DiscoveryError("%s is not valid JSON: %s" % (MANIFEST, e))
    if not isinstance(data, dict) or any(
            k in data and not isinstance(data[k], str) for k in ("pff", "vis")):
        raise DiscoveryError('%s must be an object like {"pff": "Game_SZ6.py", "vis": "Game_WSZ6_VIS.py"}' % MANIFEST)
    for key in ("pff", "vis"):
        value = data.get(key)
        if value is not None and (os.path.isabs(value) or ".." in value.split("/")):
            raise DiscoveryError("%s: %s must be a file name inside the game folder" % (MANIFEST, key))
    return data
