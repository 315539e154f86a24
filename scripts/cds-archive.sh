#!/usr/bin/env sh
# Creates a class-data-sharing archive (AppCDS, JDK 13+ dynamic archive) for the runnable jar: starts it once with
# every listener on a free port, waits for its banner, stops it with SIGTERM, and the JVM writes the classes it
# loaded to <archive> as it exits. Later starts load those classes from the archive:
#   java -XX:SharedArchiveFile=<archive> -jar <jar>
# The archive fits only the JVM build and the jar it was made with. The Docker image makes one at build time.
# Usage: scripts/cds-archive.sh <jar> <archive>
set -eu
jar=$1
archive=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java -XX:ArchiveClassesAtExit="$archive" -jar "$jar" --http-port 0 --mqtt-port 0 --https-port 0 --mqtts-port 0 \
    --data-dir "$work/data" >"$work/out" 2>"$work/err" &
pid=$!
tries=0
until grep -q 'X-Amz-Signature=' "$work/out" 2>/dev/null; do
  if ! kill -0 "$pid" 2>/dev/null || [ "$tries" -ge 600 ]; then
    echo "cds-archive: the emulator did not start; its output:" >&2
    cat "$work/out" "$work/err" >&2
    kill "$pid" 2>/dev/null || true
    exit 1
  fi
  tries=$((tries + 1))
  sleep 0.1
done
kill -TERM "$pid"
# The exit status is not the point (older builds exit with 143 on SIGTERM); the archive is.
wait "$pid" || true
[ -s "$archive" ] || { echo "cds-archive: no archive was written to $archive" >&2; cat "$work/err" >&2; exit 1; }
