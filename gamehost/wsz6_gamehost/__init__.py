"""WSZ6 game host: runs SOLUZION6 problem formulation files (PFFs) in a sandboxed worker process.

Entry point: ``worker.py`` (see docs/gamehost-protocol.md). Modules, in the order a request meets
them: ``sandbox`` (isolation), ``inbox`` (request lines in, waiting for the next), ``protocol``
(the request loop), ``playthrough`` (one game in progress), ``loading``/``discovery`` (finding and
importing game code), ``model`` (reading the formulation), ``rules`` (may this move be made?),
``views`` (what each role sees), ``snapshot`` (exact save/restore), ``guard`` (timeouts and
captured output around game code), ``errors`` (error codes and fault location), ``wire`` (how a
response travels: string frames, then a JSON line or a binary record).
``client`` starts a worker as a subprocess; ``wsz6ctl.py`` (validate, describe, play) uses it.
"""

PROTOCOL_VERSION = 3
