#!/usr/bin/env bash
# bench/count-instructions.sh GAME_FOLDER [GAMEHOST_DIR]
# Machine instructions per in-process move (valgrind's callgrind), a figure that does not depend on
# what else the machine is running: on a shared, loaded machine timings of a change of a few per
# cent drown in noise, instruction counts do not. Counts N and 3N moves of the same seeded random
# play and prints the difference per move (so start-up cancels out; the bench's own JSON request
# and decoding of the answer are included, identically for the trees compared).
# Compare two trees by giving each one's gamehost folder. The string hash seed is fixed (an empty
# environment but PYTHONHASHSEED=0): with random seeds, counts of one tree varied by ~±1 %.
# Run it two or three times and take the highest: now and then a one-off cost lands in the shorter
# run (under valgrind everything is ~50x slower, so the call guard's timers fire where they would
# not) and the difference comes out several per cent low; repeated runs agree within ~0.3 %.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
game="${1:?usage: bench/count-instructions.sh GAME_FOLDER [GAMEHOST_DIR]}"
gamehost="${2:-$ROOT/gamehost}"
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 2; }
# The real interpreter, not a wrapper script (valgrind would count the shell).
py="$(python3 -c 'import sys; print(sys.executable)')"
n=300
# The game host under test is imported first, so this tree's bench_worker.py plays with it.
play='import sys; sys.path.insert(0, sys.argv[1]); import wsz6_gamehost.protocol, wsz6_gamehost.client
sys.path.insert(0, sys.argv[2]); import bench_worker; bench_worker.in_process(sys.argv[3], int(sys.argv[4]))'
count() {
  env -i PYTHONHASHSEED=0 "$(command -v valgrind)" --tool=callgrind --callgrind-out-file=/dev/null "$py" -s -c "$play" "$gamehost" "$ROOT/gamehost" \
    "$game" "$1" 2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
a=$(count $n)
b=$(count $((3 * n)))
echo "$game ($gamehost): $(( (b - a) / (2 * n) )) instructions per move"
