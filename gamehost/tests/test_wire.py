"""Protocol 2 framing: view strings travel as raw UTF-8 frames before the JSON line, once each."""
import enum
import json
import os
import subprocess
import sys
import tempfile
import time
import unittest

from tests.support import fixture, worker
from wsz6_gamehost import wire
from wsz6_gamehost.client import WORKER

GAMES = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "games")


def step_response(views):
    return {"id": 3, "ok": True, "result": {"pt": "p", "step": 1, "views": views, "snapshot": "AA=="}}


def split(data):
    """(list of frame payloads, JSON line) of one encoded response."""
    frames, pos = [], 0
    while data[pos:pos + 1] == b"=":
        end = data.index(b"\n", pos)
        size = int(data[pos + 1:end])
        frames.append(data[end + 1:end + 1 + size])
        pos = end + 1 + size
    return frames, data[pos:]


class FramingTest(unittest.TestCase):
    def test_identical_strings_are_framed_once_and_referenced_by_index(self):
        svg = '<svg viewBox="0 0 9 9"><text>X\n"to move" ♥</text></svg>'
        views = [{"role": r, "text": "same text", "vis_html": svg, "operators": []} for r in range(3)]
        frames, line = split(wire.encode_response(step_response(views)))
        self.assertEqual(frames, [b"same text", svg.encode("utf-8")])
        self.assertTrue(line.endswith(b"\n") and line.count(b"\n") == 1)
        sent = json.loads(line)["result"]["views"]
        self.assertEqual([(v["text"], v["vis_html"]) for v in sent], [(0, 1)] * 3)

    def test_decoding_gives_back_exactly_the_strings_of_every_role(self):
        views = [{"role": 0, "text": "Your hand: ♥ 7", "vis_html": None, "operators": []},
                 {"role": 1, "text": "", "vis_html": "<b>a\r\nb</b>", "operators": []},
                 {"role": 2, "text": "=3\nnot a frame header", "vis_html": "<b>a\r\nb</b>", "operators": []}]
        original = step_response(json.loads(json.dumps(views)))
        self.assertEqual(wire.decode_response(wire.encode_response(original)), step_response(views))

    def test_a_string_utf8_cannot_carry_stays_inline_and_escaped(self):
        views = [{"role": 0, "text": "broken \udc80 surrogate", "vis_html": "<p/>", "operators": []}]
        frames, line = split(wire.encode_response(step_response(views)))
        self.assertEqual(frames, [b"<p/>"])
        self.assertEqual(json.loads(line)["result"]["views"][0]["text"], "broken \udc80 surrogate")
        line.decode("ascii")  # the JSON line itself stays ASCII

    def test_responses_without_views_are_a_single_json_line(self):
        for response in ({"id": 1, "ok": True, "result": {"playthroughs": 0}},
                         {"id": 2, "ok": False, "error": {"code": "bad_request", "message": "no"}}):
            data = wire.encode_response(response)
            self.assertEqual((data.count(b"\n"), json.loads(data)), (1, response))

    def test_a_snapshot_is_written_into_the_line_unescaped_and_reads_back_the_same(self):
        snapshot = wire.Base64Text("gAWV+/9=" * 300)
        for result in ({"pt": "p", "step": 1, "snapshot": snapshot, "state_json": {"a": [1, "x\"y"]},
                        "views": [{"role": 0, "text": "t", "vis_html": None, "operators": []}]},
                       {"snapshot": snapshot}):
            response = {"id": 9, "ok": True, "result": result}
            frames, line = split(wire.encode_response(response))
            self.assertTrue(line.endswith(b'"}}\n'))
            self.assertEqual(json.loads(line)["result"]["snapshot"], snapshot)
            self.assertEqual(wire.decode_response(wire.encode_response(response)),
                             json.loads(json.dumps(response)))

    def test_a_reference_to_a_missing_frame_is_refused(self):
        with self.assertRaises(ValueError):
            wire.resolve({"id": 1, "ok": True, "result": {"views": [{"role": 0, "text": 2}]}}, ["a"])

    def test_frame_headers_are_checked(self):
        self.assertEqual(wire.frame_size(b"=120", 1000), 120)
        for bad in (b"=", b"=-1", b"=12x", b"=2000", b"=99999999999"):
            with self.assertRaises(ValueError, msg=bad):
                wire.frame_size(bad, 1000)


class WorkerStreamTest(unittest.TestCase):
    """What a real worker writes for a move of Tic-Tac-Toe (vis and text the same for several roles)."""

    def test_a_move_sends_each_distinct_view_string_once_before_its_json_line(self):
        with worker(fixture("tictactoe")) as w:
            w.call("start", pt="frames", seed=1, config={})
            w.send_line(b'{"id": 50, "op": "apply", "pt": "frames", "role": 0, "op_index": 4, "args": null}\n')
            deadline = time.monotonic() + 10
            frames = []
            line = w._read_line(deadline)
            while line.startswith(b"="):
                frames.append(w._read_exactly(int(line[1:]), deadline).decode("utf-8"))
                line = w._read_line(deadline)
            result = json.loads(line)["result"]
            refs = [(v["text"], v["vis_html"]) for v in result["views"]]
            self.assertEqual(len(set(frames)), len(frames), "a string was framed twice")
            self.assertEqual(sorted({i for pair in refs for i in pair if i is not None}), list(range(len(frames))))
            self.assertIn("X", frames[refs[0][0]])
            self.assertIn("<svg", frames[refs[0][1]])
            # the client puts the strings back: the next call reads like protocol 1
            again = w.call("view", pt="frames")
            self.assertEqual([v["vis_html"] for v in again["views"]], [frames[r[1]] for r in refs])


class Colour(enum.IntEnum):
    RED = 1


class BinaryRecordTest(unittest.TestCase):
    """Protocol 3: with --records the worker sends the JSON line's object in marshal format."""

    def response(self, state_json):
        views = [{"role": r, "text": "same", "vis_html": "<svg>%d</svg>" % r, "operators": []} for r in range(2)]
        response = step_response(views)
        response["result"]["snapshot"] = wire.Base64Text("AAAA")
        response["result"]["state_json"] = state_json
        return response

    def test_a_record_holds_what_the_json_line_holds(self):
        original = self.response({"hands": [[1, "x"], None, 2.5, True, 10 ** 30], "lone": "\ud800"})
        record = wire.encode_response(original, records=True)
        line = wire.encode_response(original)
        self.assertIn(b"#", record)
        self.assertTrue(record.startswith(b"=4\nsame="))
        self.assertEqual(wire.decode_response(record), wire.decode_response(line))
        self.assertIs(type(original["result"]["snapshot"]), wire.Base64Text)  # the caller's response is untouched

    def test_a_value_marshal_cannot_write_falls_back_to_the_json_line(self):
        data = wire.encode_response(self.response({"colour": Colour.RED}), records=True)
        frames, line = split(data)
        self.assertEqual(json.loads(line)["result"]["state_json"], {"colour": 1})

    def test_a_worker_started_with_records_answers_what_a_json_worker_answers(self):
        requests = [{"id": 1, "op": "start", "pt": "p", "seed": 5, "config": {}}]
        requests += [{"id": i, "op": "view", "pt": "p"} for i in range(2, 4)]
        requests += [{"id": 9, "op": "apply", "pt": "p", "role": 99, "op_index": 0, "args": [1]}]  # refused
        answers = []
        for records in (True, False):
            scratch = tempfile.mkdtemp(prefix="wsz6-test-")
            cmd = [sys.executable, "-I", WORKER, "--game", os.path.join(GAMES, "LittleTricks"), "--scratch", scratch]
            proc = subprocess.run(cmd + (["--records"] if records else []), capture_output=True, timeout=60,
                                  input=b"".join(json.dumps(r).encode() + b"\n" for r in requests),
                                  env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"})
            self.assertEqual(proc.returncode, 0, proc.stderr)
            decoded, sent_as_records = read_all(proc.stdout)
            self.assertEqual(sent_as_records, len(requests) if records else 0)
            answers.append(decoded)
        self.assertEqual(len(answers[0]), len(requests))
        for a in answers:
            for r in a:
                if r.get("ok"):
                    r["result"].pop("session_folder")
        self.assertEqual(answers[0], answers[1])
        self.assertEqual(answers[0][-1]["error"]["code"], "wrong_role")


def read_all(data):
    """The decoded responses of a worker's whole output after its ready line, and how many were records."""
    out = []
    records = 0
    pos = data.index(b"\n") + 1
    while pos < len(data):
        start = pos
        while data[pos:pos + 1] == wire.FRAME_MARK:
            end = data.index(b"\n", pos)
            pos = end + 1 + int(data[pos + 1:end])
        if data[pos:pos + 1] == wire.RECORD_MARK:
            records += 1
            end = data.index(b"\n", pos)
            pos = end + 1 + int(data[pos + 1:end])
        else:
            pos = data.index(b"\n", pos) + 1
        out.append(wire.decode_response(data[start:pos]))
    return out, records


if __name__ == "__main__":
    unittest.main()
