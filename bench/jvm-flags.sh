# Sourced by bench/run-jmh.sh and bench/run-main.sh: the JVM flags Agrona and Chronicle need
# (/work/shared/CONVENTIONS.md), for the JDK in $JAVA. Sets FLAGS, and JDK_FEATURE (e.g. 17, 25).
FLAGS=(
  --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED
  --add-exports=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  -Dchronicle.analytics.disable=true
  -Dchronicle.announcer.disable=true
)
JDK_FEATURE=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
JDK_FEATURE="${JDK_FEATURE%%.*}"
if [[ "$JDK_FEATURE" -ge 24 ]]; then
  FLAGS+=(--enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
fi
