#!/usr/bin/env bash
# Makes TARGET/omnisim-VERSION.tar.gz: bin/omnisim (the launcher), lib/omnisim.jar, lib/COMMIT and runtime/,
# a Java runtime trimmed by jlink to the modules the tool uses (jdk.compiler included: the grader compiles
# submitted project folders). Usage: make-distribution.sh JAVA_HOME VERSION OMNISIM_JAR TARGET
set -euo pipefail
java_home=$1 version=$2 jar=$3 target=$4
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
name="omnisim-$version"
stage="$target/$name"
[ -f "$jar" ] || { echo "make-distribution: $jar is missing (build the scenarios module first)" >&2; exit 2; }
rm -rf "$stage" "$target/$name.tar.gz"
mkdir -p "$stage/bin" "$stage/lib"
"$java_home/bin/jlink" --output "$stage/runtime" --strip-debug --no-header-files --no-man-pages \
  --compress=zip-6 \
  --add-modules java.base,java.compiler,jdk.compiler,java.desktop,java.logging,java.management,jdk.management,java.naming,java.sql,java.xml,jdk.unsupported
cp "$jar" "$stage/lib/omnisim.jar"
git -C "$here" rev-parse HEAD > "$stage/lib/COMMIT" 2>/dev/null || echo unknown > "$stage/lib/COMMIT"
cp "$here/src/bin/omnisim" "$stage/bin/omnisim"
chmod +x "$stage/bin/omnisim"
tar -C "$target" -czf "$target/$name.tar.gz" "$name"
echo "make-distribution: $target/$name.tar.gz ($(du -h "$target/$name.tar.gz" | cut -f1))"
