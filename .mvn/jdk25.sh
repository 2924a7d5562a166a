# Sourced by ./mvnw and ./baton: points JAVA_HOME at a JDK 25 or explains why it cannot.
# Order: $JAVA_HOME if it is a JDK 25, then /usr/lib/jvm/*, then `java` on the PATH.
baton_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p'
}
baton_find_jdk25() {
  set +f  # ./mvnw runs with globbing off; the search below needs it
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(baton_java_major "$JAVA_HOME")" = "25" ]; then
    return 0
  fi
  for candidate in /usr/lib/jvm/*25* /usr/lib/jvm/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [ -x "$candidate/bin/javac" ] && [ "$(baton_java_major "$candidate")" = "25" ]; then
      JAVA_HOME="$candidate"; export JAVA_HOME; return 0
    fi
  done
  if command -v javac >/dev/null 2>&1; then
    candidate=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    if [ "$(baton_java_major "$candidate")" = "25" ]; then
      JAVA_HOME="$candidate"; export JAVA_HOME; return 0
    fi
  fi
  echo "baton: no JDK 25 found. Checked \$JAVA_HOME (${JAVA_HOME:-unset}), /usr/lib/jvm and the PATH." >&2
  echo "baton: install a JDK 25 (for example Temurin 25) and set JAVA_HOME to it." >&2
  return 1
}
case $- in *f*) baton_noglob=1 ;; *) baton_noglob= ;; esac
baton_find_jdk25 || exit 1
[ -z "$baton_noglob" ] || set -f
