#!/usr/bin/env bash
# ./wsz6 bench gamehost [--moves N] [--no-bwrap] [--answer-spin-us N] [GAME_FOLDER...]
# Builds the play module, then runs bench/GameHostBench.java (a Java main, not a test) against the
# real Python worker: per-move round trip p50/p90/p99 with views for every role, and worker RSS.
# Default games: Tic-Tac-Toe and the card game from games/ (the Pebbles fixture when they are absent).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
: "${JAVA_HOME:?run through ./wsz6 bench gamehost, which finds a JDK}"

opts=()
games=()
while [ $# -gt 0 ]; do
  case "$1" in
    --moves|--warmup|--answer-spin-us) opts+=("$1" "$2"); shift 2 ;;
    --no-bwrap) opts+=("$1"); shift ;;
    *) games+=("$1"); shift ;;
  esac
done
if [ ${#games[@]} -eq 0 ]; then
  for g in games/TicTacToe games/LittleTricks; do
    [ -d "$g" ] && ls "$g"/*.py >/dev/null 2>&1 && games+=("$g")
  done
  [ ${#games[@]} -gt 0 ] || games=(play/src/test/resources/gamehost/pebbles)
fi

echo "bench: building the play module..."
# One reactor build (no install into ~/.m2); each module writes its runtime classpath beside its classes.
mvn -B -ntp -q -pl play -am -DskipTests package dependency:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
CP="$ROOT/play/target/classes:$ROOT/contract/target/classes:$(cat "$ROOT/play/target/bench-classpath.txt")"

exec "$JAVA_HOME/bin/java" -XX:+UseParallelGC -Xms256m -Dlogback.configurationFile="$ROOT/bench/logback.xml" \
  -cp "$CP" "$ROOT/bench/GameHostBench.java" \
  --root "$ROOT" "${opts[@]}" "${games[@]}"
