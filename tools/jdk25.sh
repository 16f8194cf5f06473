# Sourced by ./descent and benchmarks/run: find_java prints the path of a JDK 25 `java`, looking at
# JAVA_HOME, PATH and the usual install folders, in that order; it fails when there is none.
# (The default `java` on many machines is an older JDK, whose errors on Java 25 classes -
# "class file version 69.0" - do not say what to do.)

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'
}

find_java() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for dir in /usr/lib/jvm/*25* /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -x "$dir/bin/java" ] && candidates+=("$dir/bin/java")
  done
  for c in "${candidates[@]}"; do
    if [ -x "$c" ] && [ "$(java_major "$c")" = "25" ]; then
      echo "$c"
      return 0
    fi
  done
  return 1
}

JDK25_NOT_FOUND="JDK 25 not found (looked at JAVA_HOME, PATH and /usr/lib/jvm); install a JDK 25, e.g. Temurin 25, and set JAVA_HOME"
