#!/usr/bin/env bash
# Measures how long `java -jar emulator/target/iot-emulator.jar` takes from process start until its banner
# (the last line, the presigned URL) is printed, i.e. until every endpoint accepts connections.
# Usage: scripts/measure-startup.sh [runs] [--cds]   (build the jar first: mvn -q package -DskipTests)
#   --cds  first make a class-data-sharing archive with scripts/cds-archive.sh (as the Docker image does) and start
#          every run with it
# IOT_EMULATOR_JAR=<path> measures another jar (for a before/after comparison).
set -euo pipefail
runs=${1:-10}
cds=${2:-}
here="$(dirname "$0")"
jar="${IOT_EMULATOR_JAR:-$here/../emulator/target/iot-emulator.jar}"
[ -f "$jar" ] || { echo "no $jar: run 'mvn -q package -DskipTests' first" >&2; exit 1; }
# A data directory of its own, made by the first run and kept by the others, as a user's ~/.iot-emulator is.
data="$(mktemp -d /tmp/iot-emulator-startup.XXXXXX)"
trap 'rm -rf "$data"' EXIT
java_opts=()
if [ "$cds" = "--cds" ]; then
  "$here/cds-archive.sh" "$jar" "$data/iot-emulator.jsa"
  java_opts=(-XX:SharedArchiveFile="$data/iot-emulator.jsa")
fi
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  coproc EMU { exec java "${java_opts[@]}" -jar "$jar" --http-port 0 --mqtt-port 0 --https-port 0 --mqtts-port 0 \
      --data-dir "$data" 2>/dev/null; }
  while IFS= read -r line <&"${EMU[0]}"; do
    case "$line" in *X-Amz-Signature=*) break ;; esac
  done
  end=$(date +%s%N)
  kill "$EMU_PID"; wait "$EMU_PID" 2>/dev/null || true
  times+=($(( (end - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "process start to ready${cds:+ with a CDS archive}, ms over $runs runs: min ${sorted[0]}, median ${sorted[$((runs / 2))]}, max ${sorted[$((runs - 1))]}"
