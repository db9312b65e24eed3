"""Runs the game host's unittest suite (standard library only). Used by ./wsz6 test."""
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

if __name__ == "__main__":
    suite = unittest.defaultTestLoader.discover(os.path.join(HERE, "tests"), top_level_dir=HERE)
    result = unittest.TextTestRunner(verbosity=1).run(suite)
    failed = len(result.failures) + len(result.errors)
    print("python: %d passed, %d failed, %d skipped" % (
        result.testsRun - failed - len(result.skipped), failed, len(result.skipped)))
    sys.exit(0 if result.wasSuccessful() else 1)
