"""Protocol 2 framing: view strings travel as raw UTF-8 frames before the JSON line, once each."""
import json
import time
import unittest

from tests.support import fixture, worker
from wsz6_gamehost import wire


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


if __name__ == "__main__":
    unittest.main()
