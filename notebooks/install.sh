#!/usr/bin/env bash
# Sets up everything the kit's notebooks need; safe to run again at any time.
#
#   1. The Python side: a project-local virtual environment notebooks/.venv (git-ignored)
#      from the one pinned file notebooks/requirements.txt (JupyterLab 4, Notebook 7,
#      nbgrader, the JJava kernel, pytest, Playwright). A JDK 17+ (and python3-venv) come
#      from Debian/Ubuntu packages when missing (sudo only when not root); elsewhere the
#      script says what to install and exits non-zero. With --browser also Debian's
#      Chromium, which the browser tests drive (Playwright never downloads a browser here).
#   2. The kit library, built with the Maven wrapper when a pom or source file changed since
#      the last build (the only slow step when nothing changed); its runtime classpath is
#      copied to lib/target/lib/ by the build.
#   3. The rapaio Java kernel (one jar from Maven Central) into notebooks/.kernel/.
#   4. Two kernelspecs whose classpath is the kit jar and lib/target/lib/*.jar of THIS
#      checkout, so notebooks need no magics: "fearec-java" ("Java (FEARec kit)", rapaio,
#      the default) and "fearec-jjava" ("Java (FEARec kit, JJava)", the JJava jar of the
#      pinned jjava package). Both are written to notebooks/.kernel/share/jupyter/kernels/
#      (put first on JUPYTER_PATH by open.sh and the tests) and installed into the Python
#      environment (`jupyter kernelspec install --sys-prefix`), with the kit's Jupyter settings
#      (notebooks/jupyter/): only the kit's kernels are offered, nbgrader's menus and server
#      extensions are off, JupyterLab shows no news pop-up. Done again only when they changed.
#   5. The student edition of the chapters in notebooks/student/ (git-ignored; student_edition.py):
#      every solution replaced by a stub that compiles; what open.sh and Binder serve. A copy the
#      learner changed is never overwritten.
#   6. In a git clone, the nbstripout filter (git-filter.sh): notebooks are stripped of their
#      outputs when git reads them, so running a chapter leaves `git status` clean.
#
# Usage: notebooks/install.sh [--no-venv] [--browser] [--skip-build]
#   --no-venv      use the Python environment already on PATH (Binder: repo2docker installed
#                  the pinned file itself) instead of notebooks/.venv
#   --browser      also install Chromium (apt) when /usr/bin/chromium is missing
#   --skip-build   do not run Maven for the library: the caller has just built it from these
#                  sources (./run-tests does); without it the library is built when a pom or
#                  source file is newer than the last build by this script
# Environment: FEAREC_SKIP_APT=1 never calls apt-get (just fails when something is missing);
#   FEAREC_APT_LOCK_WAIT=600 how long apt-get waits for another apt or dpkg process's lock;
#   FEAREC_KERNEL_FIX=0 launches the rapaio kernel jar as published, without kernel-fix/;
#   FEAREC_KERNEL_XMX=768m the kernels' Java heap (-Xmx; Binder gives about 2 GB in all).
#
# kernel-fix/ (for rapaio-jupyter-kernel 3.0.1 only) holds two classes of our own that this
# script compiles and puts ahead of the kernel jar: LoopThread (start-up race: 2-3 of 15-25
# starts never answered without it, 0 of 40 with it) and ControlChannel (after a restart the
# first cell's output went to the wrong request; see the file).
#
# Used alike by the README, CI (./run-tests) and Binder (binder/postBuild).
#
# Class clashes between the kernel jar and the kit's classpath (checked for kernel 3.0.1):
# the kernel runs notebook code in its own JVM through JShell's DirectExecutionControl;
# RJK_CLASSPATH jars go into a child class loader whose parent is the application class
# loader holding the kernel jar, so for a class present in both the kernel's copy wins.
#   - Gson: the kernel bundles Gson 2.13.2 relocated to org.rapaio.shaded.com.google.gson
#     (slf4j is relocated too), so the kit's com.google.gson (gson-2.13.1.jar) is loaded
#     from the kit's jar and the kernel's messaging never sees it - no clash.
#   - Not relocated in the kernel jar: commons-codec 1.18.0 (kit: 1.17.1, both 1.x and
#     compatible; notebooks get 1.18.0), org.apache.commons.logging from jcl-over-slf4j
#     1.7.36 (kit: commons-logging 1.2), Apache HttpClient, Maven resolver, jeromq - the
#     kit uses none of these directly.
# Details and measurements: notebooks/README.md.
set -euo pipefail
# ipykernel (imported by `jupyter kernelspec`) otherwise prints debugger warnings.
export PYDEVD_DISABLE_FILE_VALIDATION=1

KERNEL_GROUP=io.github.padreati
KERNEL_ARTIFACT=rapaio-jupyter-kernel
KERNEL_VERSION=3.0.1
# Pinned so the offline-cached plugin is used and builds are reproducible.
DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

NB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
ROOT=$(cd "$NB_DIR/.." && pwd -P)
# the environment the kernel gets (written into the kernelspec below)
. "$ROOT/bin/runtime-env.sh"
KERNEL_DIR="$NB_DIR/.kernel"
VENV="$NB_DIR/.venv"
REQUIREMENTS="$NB_DIR/requirements.txt"
XMX=${FEAREC_KERNEL_XMX:-768m}

use_venv=1
browser=0
skip_build=0
for arg in "$@"; do
  case "$arg" in
    --no-venv) use_venv=0 ;;
    --browser) browser=1 ;;
    --skip-build) skip_build=1 ;;
    -h|--help) awk 'NR > 1 && !/^#/ {exit} NR > 1 {sub(/^# ?/, ""); print}' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "install.sh: unknown option '$arg' (see --help)" >&2; exit 2 ;;
  esac
done

say() { printf '[install.sh] %s\n' "$*"; }
die() { printf '[install.sh] ERROR: %s\n' "$*" >&2; exit 1; }

# ---------------------------------------------------------------- 1. system packages, Python env
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

# Debian's python3 (with venv) creates the environment; another python3 >= 3.9 works too.
BASE_PY=/usr/bin/python3
[ -x "$BASE_PY" ] || BASE_PY=$(command -v python3 || true)

apt_packages=()
java_bin=$(find_java || true)
if [ -z "$java_bin" ] || [ "$(java_major "$java_bin")" -lt 17 ] 2>/dev/null; then
  apt_packages+=(openjdk-17-jdk-headless)
fi
if [ "$use_venv" = 1 ] && ! { [ -n "$BASE_PY" ] && "$BASE_PY" -c 'import venv, ensurepip' >/dev/null 2>&1; }; then
  apt_packages+=(python3-venv)
fi
if [ "$browser" = 1 ] && [ ! -x /usr/bin/chromium ]; then
  apt_packages+=(chromium)
fi

if [ ${#apt_packages[@]} -gt 0 ]; then
  if [ "${FEAREC_SKIP_APT:-0}" != 1 ] && command -v apt-get >/dev/null 2>&1; then
    . "$ROOT/bin/apt-install.sh"
    apt_install "${apt_packages[@]}"
    BASE_PY=/usr/bin/python3
  else
    cat >&2 <<MSG
[install.sh] ERROR: missing: ${apt_packages[*]} (Debian package names), and this is not a
Debian/Ubuntu system with apt-get (or FEAREC_SKIP_APT=1). Install a JDK 17 or newer, a
Python 3.9+ with its venv module (and Chromium for the browser tests), then run this again.
MSG
    exit 1
  fi
fi
java_bin=$(find_java || true)
[ -n "$java_bin" ] || die "no java found (set JAVA_HOME or put java on PATH)"
java_version=$(java_major "$java_bin")
[ "$java_version" -ge 17 ] || die "$java_bin is Java $java_version; the kit needs 17 or newer"

if [ "$use_venv" = 1 ]; then
  # Reinstalled only when requirements.txt changed since the last successful install.
  stamp="$VENV/.requirements.sha256"
  want=$(sha256sum "$REQUIREMENTS" | cut -d' ' -f1)
  if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "creating $VENV from $(basename "$REQUIREMENTS") (pinned)"
    rm -rf "$VENV"
    "$BASE_PY" -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --no-input -r "$REQUIREMENTS"
    echo "$want" > "$stamp"
  fi
  PY="$VENV/bin/python"
else
  PY=$(command -v python3)
fi
# The environment's own jupyter script: `python -m jupyter` would run the first
# jupyter-<subcommand> on PATH, which may be another installation's.
JUPYTER=("$(dirname "$PY")/jupyter")

# ---------------------------------------------------------------- 2. the kit library
cd "$ROOT"
# Built again only when a pom, .mvn/ or a source file is newer than the last build by this script
# (lib/target/.install-build, gone after `./mvnw clean`), so that open.sh starts in seconds.
build_stamp="$ROOT/lib/target/.install-build"
build_inputs=()
for f in pom.xml .mvn lib/pom.xml lib/src bench/pom.xml bench/src; do
  [ -e "$ROOT/$f" ] && build_inputs+=("$ROOT/$f")
done
if [ "$skip_build" = 0 ]; then
  if [ ! -f "$build_stamp" ] || [ -n "$(find "${build_inputs[@]}" -newer "$build_stamp" -print -quit)" ]; then
    say "building the library (./mvnw -B -q package -DskipTests)"
    ./mvnw -B -q package -DskipTests
    touch "$build_stamp"
  fi
elif [ -d "$ROOT/lib/target" ]; then
  touch "$build_stamp"  # --skip-build: the caller built these sources (./run-tests)
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

# ---------------------------------------------------------------- 4. the kernelspecs
json_str() {
  # JSON string literal for $1 (paths may hold quotes or backslashes)
  local s=${1//\\/\\\\}
  s=${s//\"/\\\"}
  printf '"%s"' "$s"
}
# Both kernels: no GUI, DJL offline, an explicit heap so a container's memory limit (Binder:
# about 2 GB per session) is honoured rather than a quarter of the host's memory.
java_args=("-Xmx$XMX" -Djava.awt.headless=true -Dai.djl.offline=true)
# The kit ships slf4j-api without a provider: SLF4J then prints a 3-line "No SLF4J providers
# were found" warning to stderr in the first cell that touches DJL (and nbgrader scores a
# check cell with any stderr output 0). This hides SLF4J's own internal warnings only.
java_args+=(-Dslf4j.internal.verbosity=ERROR)
# Java 22+ warns on stderr about JNI use (libtorch) unless native access is granted.
if [ "$java_version" -ge 22 ]; then java_args+=(--enable-native-access=ALL-UNNAMED); fi

# write_spec NAME DISPLAY-NAME -- LAUNCH-ARGS... -- ENV-NAME=VALUE...
# Writes $KERNEL_DIR/share/jupyter/kernels/NAME/kernel.json (installed into the Python
# environment in step 5).
write_spec() {
  local name=$1 display=$2 launch=() env=() a
  shift 2
  [ "$1" = -- ] && shift
  while [ $# -gt 0 ] && [ "$1" != -- ]; do launch+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  env=("$@")
  local dir="$KERNEL_DIR/share/jupyter/kernels/$name"
  rm -rf "$dir"
  mkdir -p "$dir"
  {
    printf '{\n  "argv": [%s' "$(json_str "$java_bin")"
    for a in "${java_args[@]}" "${launch[@]}"; do printf ', %s' "$(json_str "$a")"; done
    printf ', "{connection_file}"],\n'
    printf '  "display_name": %s,\n' "$(json_str "$display")"
    printf '  "language": "java",\n'
    printf '  "interrupt_mode": "message",\n'
    printf '  "env": {\n'
    local var sep=''
    for var in DJL_OFFLINE OMP_WAIT_POLICY TORCH_CPP_LOG_LEVEL GLIBC_TUNABLES; do
      printf '%s    "%s": %s' "$sep" "$var" "$(json_str "${!var}")"; sep=$',\n'
    done
    for a in "${env[@]}"; do
      printf '%s    "%s": %s' "$sep" "${a%%=*}" "$(json_str "${a#*=}")"
    done
    printf '\n  }\n}\n'
  } > "$dir/kernel.json"
  specs+=("$name")
}
specs=()

init_script() {  # init_script FILE [extra line]: the kit's imports, then the kernel's own line
  cat "$NB_DIR/kernel-init.jsh" > "$1"
  if [ $# -gt 1 ]; then printf '%s\n' "$2" >> "$1"; fi
}

# rapaio (fearec-java). Fixes (notebooks/kernel-fix/, written for kernel 3.0.1 only) are
# compiled here and put ahead of the kernel jar. FEAREC_KERNEL_FIX=0 leaves it as published.
fix_src="$NB_DIR/kernel-fix"
fix_dir="$KERNEL_DIR/fix-$KERNEL_VERSION"
kernel_launch=(-jar "$kernel_jar")
if [ "${FEAREC_KERNEL_FIX:-1}" != 0 ] && [ "$KERNEL_VERSION" = 3.0.1 ]; then
  javac_bin="$(dirname "$java_bin")/javac"
  [ -x "$javac_bin" ] || die "no javac next to $java_bin (needed for kernel-fix/; FEAREC_KERNEL_FIX=0 skips it)"
  mapfile -t fix_files < <(find "$fix_src" -name '*.java' | sort)
  stale=0
  for f in "${fix_files[@]}"; do
    c="$fix_dir/${f#"$fix_src"/}"; c="${c%.java}.class"
    { [ -f "$c" ] && [ ! "$f" -nt "$c" ]; } || stale=1
  done
  if [ "$stale" = 1 ]; then
    rm -rf "$fix_dir"
    "$javac_bin" --release 17 -nowarn -d "$fix_dir" -cp "$kernel_jar" "${fix_files[@]}"
  fi
  kernel_launch=(-cp "$fix_dir:$kernel_jar" org.rapaio.jupyter.kernel.MainApp)
  say "kernel fixes applied (kernel-fix/: ${#fix_files[@]} classes, for $KERNEL_ARTIFACT $KERNEL_VERSION)"
fi
init_script "$KERNEL_DIR/init-rapaio.jsh" 'import static org.rapaio.jupyter.kernel.global.Global.*;'
# RJK_CLASSPATH: globs separated by ';' (a ':'-separated list is read as ONE pattern).
write_spec fearec-java "Java (FEARec kit)" -- "${kernel_launch[@]}" -- \
  "RJK_CLASSPATH=$kit_jar;$ROOT/lib/target/lib/*.jar" \
  "RJK_INIT_SCRIPT=$KERNEL_DIR/init-rapaio.jsh" \
  "RJK_MIMA_CACHE=$KERNEL_DIR/mima_cache"

# JJava (fearec-jjava): its jar comes with the pinned jjava package. Launched directly rather
# than through the package's jjava-launcher.jar, which would start a second JVM; the
# --add-opens is the one the launcher adds. display(...) is JJava's own default import.
jjava_jar=$("$PY" -c 'import sys, os; print(os.path.join(sys.prefix, "share", "jupyter", "kernels", "java", "jjava.jar"))')
[ -s "$jjava_jar" ] || die "no $jjava_jar (is jjava in $REQUIREMENTS installed?)"
init_script "$KERNEL_DIR/init-jjava.jsh"
write_spec fearec-jjava "Java (FEARec kit, JJava)" -- \
  --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED -jar "$jjava_jar" -- \
  "JJAVA_CLASSPATH=$kit_jar:$ROOT/lib/target/lib/*" \
  "JJAVA_STARTUP_SCRIPTS_PATH=$KERNEL_DIR/init-jjava.jsh"

# ---------------------------------------------------------------- 4b. into the Python environment
# The kernelspecs and the kit's Jupyter settings (notebooks/jupyter/*.json, written by its
# install_settings.py, which says what each does) go into
# the environment itself (sys.prefix), so they hold for open.sh, Binder and the tests alike:
# the launcher offers the kit's two kernels only (not Python 3 or JJava's own "java", which does
# not see the kit), nbgrader's menus and server extensions are off (students need none; the
# instructors' path is notebooks/instructor.sh), and JupyterLab does not ask about news.
# Done again only when something changed since the last time (the stamp in the environment).
prefix=$("$PY" -c 'import sys; print(sys.prefix)')
jupyter_stamp="$prefix/share/jupyter/fearec-kit.sha256"
spec_files=()
for name in "${specs[@]}"; do spec_files+=("$KERNEL_DIR/share/jupyter/kernels/$name/kernel.json"); done
want=$(cat "${spec_files[@]}" "$NB_DIR"/jupyter/*.json "$NB_DIR"/jupyter/*.py \
       | sha256sum | cut -d' ' -f1)
if [ "$(cat "$jupyter_stamp" 2>/dev/null)" != "$want" ]; then
  "${JUPYTER[@]}" lab --version >/dev/null 2>&1 || die "JupyterLab is not installed in $PY's environment"
  say "python: $PY (JupyterLab $("${JUPYTER[@]}" lab --version)); java: $java_bin (Java $java_version)"
  for name in "${specs[@]}"; do
    dir="$KERNEL_DIR/share/jupyter/kernels/$name"
    "$PY" -c 'import json, sys; json.load(open(sys.argv[1]))' "$dir/kernel.json" \
      || die "wrote an invalid $dir/kernel.json"
    "${JUPYTER[@]}" kernelspec install --sys-prefix --replace --name "$name" "$dir" 2>&1 | sed 's/^/[jupyter] /'
  done
  "$PY" "$NB_DIR/jupyter/install_settings.py" || die "could not write the Jupyter settings into $prefix"
  export JUPYTER_PATH="$KERNEL_DIR/share/jupyter${JUPYTER_PATH:+:$JUPYTER_PATH}"
  for k in "${specs[@]}"; do
    "${JUPYTER[@]}" kernelspec list | grep -E "^[[:space:]]*$k[[:space:]]" >/dev/null \
      || die "'jupyter kernelspec list' does not show $k"
  done
  mkdir -p "$(dirname "$jupyter_stamp")"
  echo "$want" > "$jupyter_stamp"
fi


# ---------------------------------------------------------------- 5. the student edition
# What learners open (open.sh, Binder): the chapters with every solution replaced by a stub, in
# notebooks/student/ (git-ignored). A copy the learner changed is never overwritten.
"$PY" "$NB_DIR/student_edition.py"

# ---------------------------------------------------------------- 6. git: no outputs in commits
# The nbstripout filter (.gitattributes names the notebooks): running a master chapter saves its
# outputs into the file, and git status stays clean all the same (git-filter.sh says more).
"$NB_DIR/git-filter.sh" "$PY"
say "done: kernels fearec-java (default) and fearec-jjava in $KERNEL_DIR/share/jupyter/kernels; student edition in $NB_DIR/student"
