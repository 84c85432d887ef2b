# Sourced by the scripts: sets and exports JAVA_HOME to a JDK of JDK_MIN (default 21) or newer (JAVA_HOME
# if it is one, else the java on the PATH, else the newest under /usr/lib/jvm, /opt/java, /opt/jdk*), and
# puts its bin first on the PATH. Exits when there is none.

java_major() {
  "$1" -version 2>&1 | awk -F'"' '/version/ { split($2, v, "."); print (v[1] == "1") ? v[2] : v[1]; exit }'
}

pick_jdk() {
  local min=${JDK_MIN:-21}
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge "$min" ]; then
    return
  fi
  if command -v java >/dev/null && [ "$(java_major java)" -ge "$min" ]; then
    JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    return
  fi
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -x "$dir/bin/javac" ] || continue
    major=$(java_major "$dir/bin/java")
    if [ "${major:-0}" -ge "$min" ] && [ "$major" -gt "$best_major" ]; then
      best=$dir best_major=$major
    fi
  done
  if [ -z "$best" ]; then
    echo "no JDK $min or newer found (looked at JAVA_HOME, PATH and /usr/lib/jvm)" >&2
    exit 1
  fi
  JAVA_HOME=$best
}

pick_jdk
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
