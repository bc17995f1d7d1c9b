#!/usr/bin/env bash
# Sets up everything the kit's notebooks need; safe to run again at any time.
#
#   1. Jupyter: if missing, installed from Debian/Ubuntu packages (sudo only when not
#      root). Elsewhere the script says how to install it and exits non-zero.
#   2. The kit library, built with the Maven wrapper; its runtime classpath is copied to
#      lib/target/lib/ by the build.
#   3. The Java kernel (rapaio-jupyter-kernel, one jar from Maven Central) into
#      notebooks/.kernel/ (git-ignored).
#   4. A kernelspec "fearec-java" ("Java (FEARec kit)") whose classpath is the kit jar and
#      lib/target/lib/*.jar of THIS checkout, so notebooks need no %dependency magics. It
#      is written to notebooks/.kernel/share/jupyter/kernels/ (used first by open.sh and
#      run_notebooks.py) and installed for the user with `jupyter kernelspec install`.
#
# Usage: notebooks/install.sh [--sys-prefix] [--skip-build]
#   --sys-prefix   install the kernelspec into the Python environment of `jupyter`
#                  (default: the user's Jupyter data dir, `--user`)
#   --skip-build   do not run Maven for the library (the jars must already be built)
# Environment: FEAREC_SKIP_APT=1 never calls apt-get (just fails when Jupyter is missing);
#   FEAREC_KERNEL_FIX=0 launches the kernel jar as published, without kernel-fix/ (below).
#
# Kernel start-up race: rapaio-jupyter-kernel 3.0.1 sometimes never answers at start (2-3
# of 15-25 starts measured here, 5 of 15 through the Notebook server). kernel-fix/ holds a
# one-class fix of our own that this script compiles and puts ahead of the kernel jar
# (0 failures in 40 starts, 0 in 20 through the server with it).
# run_notebooks.py still retries a kernel that does not start.
#
# Used alike by the README, CI (notebooks/test-notebooks.sh) and Binder (binder/postBuild).
#
# Class clashes between the kernel jar and the kit's classpath (checked for kernel 3.0.1):
# the kernel runs notebook code in its own JVM through JShell's DirectExecutionControl;
# RJK_CLASSPATH jars go into a child class loader whose parent is the application class
# loader holding the kernel jar, so for a class present in both the kernel's copy wins.
#   - Gson: the kernel bundles Gson 2.13.2 relocated to org.rapaio.shaded.com.google.gson
#     (slf4j is relocated too), so the kit's com.google.gson (gson-2.13.1.jar) is loaded
#     from the kit's jar and the kernel's messaging never sees it - no clash. Putting the
#     kit's gson (or the whole kit classpath) ahead of the kernel jar on the JVM classpath
#     was tried too: the kernel still starts and answers, since its messaging code only
#     references the relocated package (notebook code then sees the kit's
#     commons-codec/commons-logging instead of the kernel's). We keep the kernel first.
#   - Not relocated in the kernel jar: commons-codec 1.18.0 (kit: 1.17.1, both 1.x and
#     compatible; notebooks get 1.18.0), org.apache.commons.logging from jcl-over-slf4j
#     1.7.36 (kit: commons-logging 1.2, pulled in by PDFBox through XChart; notebooks get
#     the bridge, which logs through the kernel's slf4j-simple), Apache HttpClient,
#     Maven resolver, jeromq (package zmq) - the kit uses none of these directly.
# Details and measurements: notebooks/README.md.
set -euo pipefail
# ipykernel (imported by `jupyter kernelspec`) otherwise prints debugger warnings.
export PYDEVD_DISABLE_FILE_VALIDATION=1

KERNEL_GROUP=io.github.padreati
KERNEL_ARTIFACT=rapaio-jupyter-kernel
KERNEL_VERSION=3.0.1
KERNEL_NAME=fearec-java
KERNEL_DISPLAY_NAME="Java (FEARec kit)"
# Pinned so the offline-cached plugin is used and builds are reproducible.
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

NB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(cd "$NB_DIR/.." && pwd -P)
# the environment the kernel gets (written into the kernelspec below)
. "$ROOT/bin/runtime-env.sh"
KERNEL_DIR="$NB_DIR/.kernel"

spec_scope=--user
skip_build=0
for arg in "$@"; do
  case "$arg" in
    --sys-prefix) spec_scope=--sys-prefix ;;
    --user) spec_scope=--user ;;
    --skip-build) skip_build=1 ;;
    -h|--help) awk 'NR > 1 && !/^#/ {exit} NR > 1 {sub(/^# ?/, ""); print}' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "install.sh: unknown option '$arg' (see --help)" >&2; exit 2 ;;
  esac
done

say() { printf '[install.sh] %s\n' "$*"; }
die() { printf '[install.sh] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- 1. Jupyter
# Jupyter counts as present when `jupyter kernelspec` works and a notebook server
# (classic Notebook or JupyterLab) and nbconvert are there. With Debian's own jupyter
# (/usr/bin), the helper scripts run on /usr/bin/python3, which must also have nbclient.
jupyter_ok() {
  command -v jupyter >/dev/null 2>&1 || return 1
  jupyter kernelspec list >/dev/null 2>&1 || return 1
  { jupyter notebook --version || jupyter lab --version; } >/dev/null 2>&1 || return 1
  jupyter nbconvert --version >/dev/null 2>&1 || return 1
  if [ "$(command -v jupyter)" = /usr/bin/jupyter ]; then
    /usr/bin/python3 -c 'import nbclient, nbformat, nbconvert' >/dev/null 2>&1 || return 1
  fi
  return 0
}

java_major() {
  # prints the feature version of the java given as $1, e.g. 17
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9.]*\).*/\1/p' | sed 's/^1\.//' | cut -d. -f1
}

find_java() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    echo "$JAVA_HOME/bin/java"
  elif command -v java >/dev/null 2>&1; then
    readlink -f "$(command -v java)"
  fi
}

apt_packages=()
if ! jupyter_ok; then
  apt_packages+=(jupyter-notebook jupyter-nbconvert python3-nbclient jupyter-client)
fi
java_bin=$(find_java || true)
if [ -z "$java_bin" ] || [ "$(java_major "$java_bin")" -lt 17 ] 2>/dev/null; then
  apt_packages+=(openjdk-17-jdk-headless)
fi

if [ ${#apt_packages[@]} -gt 0 ]; then
  if [ "${FEAREC_SKIP_APT:-0}" != 1 ] && command -v apt-get >/dev/null 2>&1; then
    if [ "$(id -u)" -eq 0 ]; then
      SUDO=()
    elif command -v sudo >/dev/null 2>&1; then
      SUDO=(sudo)
    else
      die "need root or sudo to run: apt-get install -y ${apt_packages[*]}"
    fi
    say "installing Debian packages: ${apt_packages[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # An install can fail on stale package lists; refresh once and try again.
    if ! "${SUDO[@]}" apt-get install -y --no-install-recommends "${apt_packages[@]}"; then
      "${SUDO[@]}" apt-get update
      "${SUDO[@]}" apt-get install -y --no-install-recommends "${apt_packages[@]}"
    fi
  else
    cat >&2 <<'EOF'
[install.sh] ERROR: Jupyter and/or a JDK 17+ are missing and this is not a Debian/Ubuntu
system with apt-get (or FEAREC_SKIP_APT=1). Install them yourself, then run this again:
    python3 -m pip install --user jupyterlab nbclient nbconvert   # or: pipx / conda
    # and a JDK 17 or newer (e.g. from your package manager, SDKMAN!, or Adoptium)
`jupyter kernelspec list` must work afterwards.
EOF
    exit 1
  fi
fi
jupyter_ok || die "Jupyter is still not usable (jupyter kernelspec list / nbconvert failed)"
java_bin=$(find_java || true)
[ -n "$java_bin" ] || die "no java found (set JAVA_HOME or put java on PATH)"
java_version=$(java_major "$java_bin")
[ "$java_version" -ge 17 ] || die "$java_bin is Java $java_version; the kit needs 17 or newer"
say "jupyter: $(command -v jupyter); java: $java_bin (Java $java_version)"

# ---------------------------------------------------------------- 2. the kit library
cd "$ROOT"
if [ "$skip_build" = 0 ]; then
  say "building the library (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests
fi
shopt -s nullglob
kit_jars=()
for j in "$ROOT"/lib/target/fearec-lib-*.jar; do
  case "$j" in *-sources.jar|*-javadoc.jar|*-tests.jar) ;; *) kit_jars+=("$j") ;; esac
done
shopt -u nullglob
[ ${#kit_jars[@]} -eq 1 ] || die "expected one lib/target/fearec-lib-*.jar, found ${#kit_jars[@]} (build the library first)"
kit_jar=${kit_jars[0]}
compgen -G "$ROOT/lib/target/lib/*.jar" >/dev/null || die "lib/target/lib/ has no jars (the build copies them there)"

# ---------------------------------------------------------------- 3. the kernel jar
kernel_jar="$KERNEL_DIR/$KERNEL_ARTIFACT-$KERNEL_VERSION.jar"
mkdir -p "$KERNEL_DIR"
if [ ! -s "$kernel_jar" ]; then
  say "fetching $KERNEL_GROUP:$KERNEL_ARTIFACT:$KERNEL_VERSION"
  ./mvnw -B -q "$DEPENDENCY_PLUGIN:copy" \
    -Dartifact="$KERNEL_GROUP:$KERNEL_ARTIFACT:$KERNEL_VERSION" \
    -DoutputDirectory="$KERNEL_DIR"
fi
[ -s "$kernel_jar" ] || die "kernel jar not found at $kernel_jar"

# ---------------------------------------------------------------- 4. the kernelspec
json_str() {
  # JSON string literal for $1 (paths may hold quotes or backslashes)
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}
# Start-up race fix (notebooks/kernel-fix/, written for kernel 3.0.1 only): compiled here
# and put ahead of the kernel jar. FEAREC_KERNEL_FIX=0 leaves the kernel as published.
fix_src="$NB_DIR/kernel-fix/org/rapaio/jupyter/kernel/channels/LoopThread.java"
fix_dir="$KERNEL_DIR/fix-$KERNEL_VERSION"
kernel_launch=(-jar "$kernel_jar")
if [ "${FEAREC_KERNEL_FIX:-1}" != 0 ] && [ "$KERNEL_VERSION" = 3.0.1 ] && [ -f "$fix_src" ]; then
  javac_bin="$(dirname "$java_bin")/javac"
  fix_class="$fix_dir/org/rapaio/jupyter/kernel/channels/LoopThread.class"
  if [ ! -x "$javac_bin" ]; then
    say "WARNING: no javac next to $java_bin; kernel start-up fix not applied"
  else
    if [ ! -f "$fix_class" ] || [ "$fix_src" -nt "$fix_class" ]; then
      rm -rf "$fix_dir"
      "$javac_bin" --release 17 -nowarn -d "$fix_dir" -cp "$kernel_jar" "$fix_src"
    fi
    kernel_launch=(-cp "$fix_dir:$kernel_jar" org.rapaio.jupyter.kernel.MainApp)
    say "kernel start-up fix applied (kernel-fix/, for $KERNEL_ARTIFACT $KERNEL_VERSION)"
  fi
fi

# RJK_CLASSPATH: globs separated by ';' (a ':'-separated list is read as ONE pattern).
classpath="$kit_jar;$ROOT/lib/target/lib/*.jar"
java_args=(-Djava.awt.headless=true -Dai.djl.offline=true)
# The kit ships slf4j-api without a provider: SLF4J then prints a 3-line "No SLF4J providers
# were found" warning to stderr in the first cell that touches DJL. This hides SLF4J's own
# internal warnings only; log output appears as soon as the kit adds a provider.
java_args+=(-Dslf4j.internal.verbosity=ERROR)
# Java 22+ warns on stderr about JNI use (libtorch) unless native access is granted.
if [ "$java_version" -ge 22 ]; then java_args+=(--enable-native-access=ALL-UNNAMED); fi

# The spec is laid out as a Jupyter data dir inside the checkout: run_notebooks.py and
# open.sh put $KERNEL_DIR/share/jupyter first on JUPYTER_PATH, so they always use THIS
# checkout's kernel even when another checkout has installed its own user-wide copy.
spec_src="$KERNEL_DIR/share/jupyter/kernels/$KERNEL_NAME"
rm -rf "$spec_src"
mkdir -p "$spec_src"
{
  printf '{\n  "argv": [%s' "$(json_str "$java_bin")"
  for a in "${java_args[@]}"; do printf ', %s' "$(json_str "$a")"; done
  for a in "${kernel_launch[@]}"; do printf ', %s' "$(json_str "$a")"; done
  printf ', "{connection_file}"],\n'
  printf '  "display_name": %s,\n' "$(json_str "$KERNEL_DISPLAY_NAME")"
  printf '  "language": "java",\n'
  printf '  "interrupt_mode": "message",\n'
  printf '  "env": {\n'
  for var in DJL_OFFLINE OMP_WAIT_POLICY TORCH_CPP_LOG_LEVEL GLIBC_TUNABLES; do
    printf '    "%s": %s,\n' "$var" "$(json_str "${!var}")"
  done
  printf '    "RJK_CLASSPATH": %s,\n' "$(json_str "$classpath")"
  printf '    "RJK_INIT_SCRIPT": %s,\n' "$(json_str "$NB_DIR/kernel-init.jsh")"
  printf '    "RJK_MIMA_CACHE": %s\n' "$(json_str "$KERNEL_DIR/mima_cache")"
  printf '  },\n'
  printf '  "metadata": {"fearec_kernel": "%s:%s", "startup_fix": %s}\n' "$KERNEL_ARTIFACT" "$KERNEL_VERSION" \
    "$([ "${kernel_launch[0]}" = -cp ] && echo true || echo false)"
  printf '}\n'
} > "$spec_src/kernel.json"

say "installing kernelspec '$KERNEL_NAME' ($spec_scope)"
jupyter kernelspec install "$spec_scope" --replace --name "$KERNEL_NAME" "$spec_src" 2>&1 \
  | sed 's/^/[jupyter] /'
jupyter kernelspec list | grep -E "^[[:space:]]*${KERNEL_NAME}[[:space:]]" >/dev/null \
  || die "'jupyter kernelspec list' does not show $KERNEL_NAME"
say "done: kernel '$KERNEL_NAME' -> $(jupyter kernelspec list | awk -v k="$KERNEL_NAME" '$1==k {print $2}')"
