"""The worker's request input: lines come out whole however the pipe delivers them, and the worker
polls for the next request only while requests come back to back."""
import os
import threading
import time
import unittest

from wsz6_gamehost.inbox import RequestInput


def pipe_input(window_s=0.2):
    r, w = os.pipe()
    return RequestInput(r, window_s), w


def write_later(fd, data, delay_s):
    def go():
        time.sleep(delay_s)
        os.write(fd, data)
    t = threading.Thread(target=go)
    t.start()
    return t


class LinesTest(unittest.TestCase):
    def test_lines_written_in_pieces_come_out_whole_then_the_rest_then_end(self):
        inp, w = pipe_input()
        t = threading.Thread(target=lambda: [os.write(w, piece) or time.sleep(0.01)
                                             for piece in (b'{"id":', b' 1}\n{"id": 2}\n{"i', b'd": 3}\nunterminated')]
                             + [os.close(w)])
        t.start()
        self.assertEqual(inp.readline(1000), b'{"id": 1}\n')
        self.assertEqual(inp.readline(1000), b'{"id": 2}\n')
        self.assertEqual(inp.readline(1000), b'{"id": 3}\n')
        self.assertEqual(inp.readline(1000), b"unterminated")
        self.assertEqual(inp.readline(1000), b"")
        t.join()

    def test_a_line_over_the_limit_comes_in_pieces_of_the_limit(self):
        inp, w = pipe_input()
        os.write(w, b"x" * 25 + b"\nnext\n")
        os.close(w)
        self.assertEqual([inp.readline(10) for _ in range(4)], [b"x" * 10, b"x" * 10, b"x" * 5 + b"\n", b"next\n"])


class PollingTest(unittest.TestCase):
    def answer_then_take(self, inp, w, request):
        """The worker answers, the caller sends its next request at once, the worker reads it."""
        inp.answered()
        os.write(w, request)
        return inp.readline(1000)

    def test_a_worker_whose_requests_come_slowly_does_not_poll(self):
        inp, w = pipe_input(window_s=2.0)
        inp.answered()
        time.sleep(0.05)
        os.write(w, b"slow\n")
        time.sleep(2.1)  # the request waited longer than the window: the caller is slow
        self.assertEqual(inp.readline(1000), b"slow\n")
        inp.answered()
        t0 = time.monotonic()
        inp.await_request()  # nothing is coming: would poll for 2 s if it polled
        self.assertLess(time.monotonic() - t0, 1.0)

    def test_a_worker_whose_requests_come_back_to_back_waits_for_the_next_by_polling(self):
        inp, w = pipe_input(window_s=2.0)
        self.assertEqual(self.answer_then_take(inp, w, b"first\n"), b"first\n")
        inp.answered()
        writer = write_later(w, b"second\n", 0.05)
        t0 = time.monotonic()
        inp.await_request()
        waited = time.monotonic() - t0
        writer.join()
        self.assertLess(waited, 1.5, "polling did not notice the request")
        self.assertGreaterEqual(waited, 0.04, "returned before the request came")
        self.assertEqual(inp.readline(1000), b"second\n")  # polling consumed nothing

    def test_polling_gives_up_after_the_window(self):
        inp, w = pipe_input(window_s=0.2)
        self.assertEqual(self.answer_then_take(inp, w, b"first\n"), b"first\n")
        inp.answered()
        t0 = time.monotonic()
        inp.await_request()
        self.assertGreaterEqual(time.monotonic() - t0, 0.19)
        self.assertLess(time.monotonic() - t0, 5.0)

    def test_a_request_already_buffered_is_taken_without_polling(self):
        inp, w = pipe_input(window_s=2.0)
        inp.answered()
        os.write(w, b"one\ntwo\n")  # two requests in one write: the second is in our buffer
        self.assertEqual(inp.readline(1000), b"one\n")
        inp.answered()
        t0 = time.monotonic()
        inp.await_request()
        self.assertLess(time.monotonic() - t0, 1.0)
        self.assertEqual(inp.readline(1000), b"two\n")


if __name__ == "__main__":
    unittest.main()
