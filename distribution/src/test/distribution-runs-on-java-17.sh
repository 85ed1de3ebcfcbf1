#!/usr/bin/env bash
# Issue 15: "the distribution works without a system JDK". Unpacks the tarball and runs `suite` and a fuzz
# shard with a PATH whose only java is 17 (too old for the tool) and no JAVA_HOME, so only the bundled runtime
# can run it. Usage: distribution-runs-on-java-17.sh TARBALL WORKDIR
set -euo pipefail
tarball=$1 work=$2
java17=""
for candidate in /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/java-17-openjdk /usr/lib/jvm/temurin-17-jdk-amd64; do
  [ -x "$candidate/bin/java" ] && { java17=$candidate; break; }
done
if [ -z "$java17" ]; then
  echo "distribution test: no JDK 17 on this machine to stand in for 'only java 17'; skipped" >&2
  exit 0
fi
rm -rf "$work" && mkdir -p "$work/bin"
tar -C "$work" -xzf "$tarball"
home=$(echo "$work"/omnisim-*)
# A PATH with java 17 and the basic tools only: no other JDK is reachable.
for tool in sh bash cat dirname env; do ln -s "$(command -v "$tool")" "$work/bin/$tool"; done
path="$java17/bin:$work/bin"
run() { env -i HOME="$work" PATH="$path" "$@"; }
version=$(run java -version 2>&1 | head -1)
case "$version" in *'"17.'*) ;; *) echo "distribution test: java on PATH is not 17: $version" >&2; exit 1 ;; esac
cd "$work"
run "$home/bin/omnisim" suite --seed 1 > suite.out 2>&1 || { cat suite.out; echo "distribution test: suite failed" >&2; exit 1; }
grep -q "Passed" suite.out
run env JOB_COMPLETION_INDEX=1 OMNISIM_SHARD_COUNT=2 "$home/bin/omnisim" fuzz --scenario fuzz-3 --seeds 1..2 \
  --threads 1 --shard auto --out shard-1 > shard.out 2>&1 || { cat shard.out; echo "distribution test: the shard failed" >&2; exit 1; }
grep -q "shard 1/2 from Kubernetes" shard.out
grep -q '"seed":2' shard-1/seeds.jsonl
commit=$(cat "$home/lib/COMMIT")
grep -q "\"commit\":\"$commit\"" shard-1/seeds.jsonl
echo "distribution test: suite and a shard ran on the bundled runtime with only java 17 on PATH ($version)"
