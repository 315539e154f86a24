#!/usr/bin/env bash
# Measures how long `java -jar emulator/target/iot-emulator.jar` takes from process start until its banner
# (the last line, the presigned URL) is printed, i.e. until every endpoint accepts connections.
# Usage: scripts/measure-startup.sh [runs]   (build the jar first: mvn -q package -DskipTests)
set -euo pipefail
runs=${1:-10}
jar="$(dirname "$0")/../emulator/target/iot-emulator.jar"
[ -f "$jar" ] || { echo "no $jar: run 'mvn -q package -DskipTests' first" >&2; exit 1; }
# A data directory of its own, made by the first run and kept by the others, as a user's ~/.iot-emulator is.
data="$(mktemp -d /tmp/iot-emulator-startup.XXXXXX)"
trap 'rm -rf "$data"' EXIT
times=()
for _ in $(seq "$runs"); do
  start=$(date +%s%N)
  coproc EMU { exec java -jar "$jar" --http-port 0 --mqtt-port 0 --https-port 0 --mqtts-port 0 --data-dir "$data" 2>/dev/null; }
  while IFS= read -r line <&"${EMU[0]}"; do
    case "$line" in *X-Amz-Signature=*) break ;; esac
  done
  end=$(date +%s%N)
  kill "$EMU_PID"; wait "$EMU_PID" 2>/dev/null || true
  times+=($(( (end - start) / 1000000 )))
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1)"
echo "process start to ready, ms over $runs runs: min ${sorted[0]}, median ${sorted[$((runs / 2))]}, max ${sorted[$((runs - 1))]}"
