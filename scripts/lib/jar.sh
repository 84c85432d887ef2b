# Sourced by the scripts (after jdk.sh, from the project folder): packaged_jar prints the jar that
# `./mvnw package` built in target/, or says how to build it and fails.
packaged_jar() {
  local jar
  jar=$(ls target/switchboard-*.jar 2>/dev/null | grep -v original | head -n 1 || true)
  if [ -z "$jar" ]; then
    echo "no jar in target/: run ./mvnw -q -DskipTests package first" >&2
    return 1
  fi
  echo "$jar"
}
