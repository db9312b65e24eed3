"""Runs the game host's unittest suite (standard library only). Used by ./wsz6 test.

    python3 -I gamehost/run_tests.py                      # everything
    python3 -I gamehost/run_tests.py tests.test_hostile   # some modules, classes or tests
"""
import os
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

if __name__ == "__main__":
    started = time.monotonic()
    loader = unittest.defaultTestLoader
    if len(sys.argv) > 1:
        suite = loader.loadTestsFromNames(sys.argv[1:])
    else:
        suite = loader.discover(os.path.join(HERE, "tests"), top_level_dir=HERE)
    result = unittest.TextTestRunner(verbosity=1).run(suite)
    failed = len(result.failures) + len(result.errors)
    print("python: %d passed, %d failed, %d skipped in %.1f s" % (
        result.testsRun - failed - len(result.skipped), failed, len(result.skipped), time.monotonic() - started))
    sys.exit(0 if result.wasSuccessful() else 1)
