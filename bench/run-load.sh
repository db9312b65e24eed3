#!/usr/bin/env bash
# ./wsz6 bench load --sessions N --seconds S [--url URL --secret S [--pid P]] [--idle-connections N]
#                   [--db h2|postgres] [--with-hostile] [--warmup S] [--think-ms MS] [--keep-data]
#                   [--jfr FILE]   (JFR profile of the portal during the measured window)
#                   [--portal-arg --x=y]... [--jvm-arg -Xy]...
# Builds the portal jar if needed, compiles bench/load/LoadBench.java (a Java main, not a test) and
# runs it. Without --url it starts the packaged portal on a fresh data folder (H2, or a fresh
# PostgreSQL schema with --db postgres) and stops it afterwards. Last line:
#   sessions=N moves_per_s=X p50_ms=Y p99_ms=Z errors=E rss_mb=R
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
: "${JAVA_HOME:?run through ./wsz6 bench load, which finds a JDK}"

JAR="$ROOT/app/target/wsz6-app.jar"
CPFILE="$ROOT/play/target/bench-classpath.txt"
if [ ! -f "$JAR" ] || [ ! -f "$CPFILE" ] || [ -n "$(find "$ROOT/pom.xml" "$ROOT"/contract "$ROOT"/admin "$ROOT"/play "$ROOT"/app \
      -path '*/target' -prune -o -newer "$JAR" -type f -print -quit)" ]; then
  echo "bench: building the portal..."
  mvn -B -ntp -q -pl app -am -DskipTests package dependency:build-classpath \
    -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
fi
OUT="$ROOT/bench/load/target/classes"
mkdir -p "$OUT"
CP="$(cat "$CPFILE")"
"$JAVA_HOME/bin/javac" -nowarn -d "$OUT" -cp "$CP" "$ROOT/bench/load/LoadBench.java"

exec "$JAVA_HOME/bin/java" -Xms256m -cp "$OUT:$CP" LoadBench --root "$ROOT" "$@"
