"""How a response travels (docs/gamehost-protocol.md, version 3, "Framing" and "Binary records").

A response is one JSON line, preceded by the distinct view strings of a StepResult as raw UTF-8
*string frames*: ``=<byte length>\\n<bytes>``. In the JSON line a view's ``text`` / ``vis_html``
is then the index of its frame (0 = the first frame before this line) instead of the string.
A worker started with ``--records`` (WSZ6-play's) sends, instead of the JSON line, the same object
as a *binary record*: ``#<byte length>\\n`` and the object in Python's ``marshal`` format.

Why frames: a card game sends seven SVG pictures of ~5 KB per move. JSON-escaping them (every ``"`` of
an SVG attribute) was a third of the worker's time per move and much of the Java side's parsing;
a raw frame costs a copy on both sides. Identical strings (a vis that is the same for every role)
are framed once and referenced by each role.

Why records: JSON-encoding the rest of a step (state_json's many small containers, operators)
was the largest piece of framework time per card-game move (~40 us); ``marshal`` writes the same
values in C without building intermediate strings (~10 us). Values marshal cannot carry (subclasses
of int or str a game returned) fall back to the JSON line for that response.
"""
import json
import marshal

VIEW_STRING_FIELDS = ("text", "vis_html")
# ASCII JSON (other characters \u-escaped). No cycle check: a response is built fresh by the
# worker from new containers (state_json's walker marks the state's own cycles), and the check
# costs a third of encoding the many small containers of a state_json.
_ENCODER = json.JSONEncoder(separators=(",", ":"), allow_nan=False, check_circular=False)
FRAME_MARK = b"="
RECORD_MARK = b"#"
MARSHAL_VERSION = 4


class Base64Text(str):
    """A string of base64 characters only (a snapshot). ``encode_response`` writes it into the
    JSON line as it is: there is nothing to escape, and the json module's escaping scan over a
    snapshot's few KB cost more than the rest of the line."""


def encode_response(response, records=False):
    """The bytes of one response: string frames for the views' strings, then the response as a
    JSON line or, with ``records``, as a binary record."""
    frames = []
    response = _with_framed_views(response, frames)
    body = _record(response) if records else None
    if body is None:
        body = _json_line(response)
    if not frames:
        return body
    frames.append(body)
    return b"".join(frames)


def _with_framed_views(response, frames):
    """``response`` with its views' strings moved into ``frames`` (a copy when there are views)."""
    result = response.get("result") if response.get("ok") else None
    views = result.get("views") if isinstance(result, dict) else None
    if not isinstance(views, list) or not views:
        return response
    response = dict(response)
    response["result"] = result = dict(result)
    result["views"] = _framed_views(views, frames)
    return response


def _snapshot_apart(response):
    """(``response`` without its Base64Text snapshot, that snapshot), or (``response``, None)."""
    result = response.get("result") if response.get("ok") else None
    if not isinstance(result, dict) or type(result.get("snapshot")) is not Base64Text:
        return response, None
    response = dict(response)
    response["result"] = result = dict(result)
    return response, result.pop("snapshot")


def _json_line(response):
    response, snapshot = _snapshot_apart(response)
    if snapshot is None:
        return _ENCODER.encode(response).encode("ascii") + b"\n"
    return _with_raw_member(response, "snapshot", snapshot)


def _record(response):
    """``response`` as a binary record, or None when it holds a value marshal cannot write (then
    the caller writes a JSON line)."""
    response, snapshot = _snapshot_apart(response)
    if snapshot is not None:
        response["result"]["snapshot"] = str.__str__(snapshot)  # an exact str: marshal refuses subclasses
    try:
        data = marshal.dumps(response, MARSHAL_VERSION)
    except ValueError:
        return None
    return b"#%d\n%s" % (len(data), data)


def _with_raw_member(response, key, raw):
    """The JSON line of ``response`` with ``result[key] = raw`` written in unescaped, as the
    result's last member (``raw`` holds only characters JSON needs no escape for)."""
    result = response["result"]
    head = _ENCODER.encode({k: v for k, v in response.items() if k != "result"})
    body = _ENCODER.encode(result)
    return ("%s%s\"result\":%s%s\"%s\":\"%s\"}}\n" % (
        head[:-1], "," if len(head) > 2 else "", body[:-1], "," if len(body) > 2 else "", key, raw)).encode("ascii")


def _framed_views(views, frames):
    # Strings already framed, by length: equal strings have equal lengths, and comparing the few
    # of one length is cheaper than hashing every 5 KB picture.
    by_length = {}
    out = []
    for view in views:
        view = dict(view)
        for key in VIEW_STRING_FIELDS:
            s = view.get(key)
            if type(s) is not str:
                continue
            same_length = by_length.setdefault(len(s), [])
            for framed, index in same_length:
                if framed == s:
                    break
            else:
                try:
                    data = s.encode("utf-8")
                except UnicodeEncodeError:
                    continue  # a lone surrogate: stays inline, \u-escaped like any JSON string
                index = len(frames) // 2
                same_length.append((s, index))
                frames.append(b"=%d\n" % len(data))
                frames.append(data)
            view[key] = index
        out.append(view)
    return out


def decode_response(data):
    """A whole response (frames + line or record) as one dict with the strings put back: for
    in-process callers (the records come from our own encoder here, never from a worker)."""
    strings = []
    pos = 0
    while data[pos:pos + 1] == FRAME_MARK:
        end = data.index(b"\n", pos)
        size = int(data[pos + 1:end])
        strings.append(data[end + 1:end + 1 + size].decode("utf-8"))
        pos = end + 1 + size
    if data[pos:pos + 1] == RECORD_MARK:
        end = data.index(b"\n", pos)
        return resolve(marshal.loads(data[end + 1:end + 1 + int(data[pos + 1:end])]), strings)
    return resolve(json.loads(data[pos:]), strings)


def frame_size(line, limit):
    """The byte length announced by a frame header line (without its newline), or ValueError."""
    digits = line[1:]
    if not digits.isdigit() or len(digits) > 9:
        raise ValueError("bad string frame header %r" % line[:40])
    size = int(digits)
    if size > limit:
        raise ValueError("string frame of %d bytes is over the %d-byte limit" % (size, limit))
    return size


def resolve(response, strings):
    """Replaces frame indexes in ``response['result']['views']`` by their strings."""
    result = response.get("result") if isinstance(response, dict) else None
    views = result.get("views") if isinstance(result, dict) else None
    if not isinstance(views, list):
        return response
    for view in views:
        for key in VIEW_STRING_FIELDS:
            ref = view.get(key)
            if type(ref) is int:
                if not 0 <= ref < len(strings):
                    raise ValueError("view %s refers to string frame %d of %d" % (key, ref, len(strings)))
                view[key] = strings[ref]
    return response
