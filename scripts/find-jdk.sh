# Sourced by ./omnisim and .ci/run: sets JAVA_HOME to a JDK >= 21 or explains what to install.
# Order: JAVA_HOME, then `java` on PATH, then the usual JDK folders (newest first).

omnisim_java_major() { # prints the feature version of the java binary $1, or nothing
  # A JDK's release file names its version: reading it saves starting a JVM on every launch.
  local release="${1%/bin/java}/release" v
  if [ -r "$release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release" | head -n 1)
    [ -n "$v" ] && { echo "$v"; return; }
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

omnisim_find_jdk() {
  local candidates=() dir bin major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if bin=$(command -v java 2>/dev/null); then
    bin=$(readlink -f "$bin")
    candidates+=("${bin%/bin/java}")
  fi
  for dir in $(ls -d /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* 2>/dev/null | sort -rV); do
    candidates+=("$dir")
  done
  for dir in "${candidates[@]}"; do
    [ -x "$dir/bin/java" ] && [ -x "$dir/bin/javac" ] || continue
    major=$(omnisim_java_major "$dir/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      export JAVA_HOME="$dir"
      export OMNISIM_JAVA_MAJOR="$major"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "omnisim needs a JDK 21 or newer and found none (looked at JAVA_HOME, java on PATH and /usr/lib/jvm); install one, e.g. 'apt-get install openjdk-21-jdk-headless', or set JAVA_HOME." >&2
  return 1
}
