# Sourced by notebooks/install.sh and reference/install.sh: apt_install PACKAGE... installs
# Debian packages with apt-get (through sudo when not root), the caller's say and die for its
# messages. It waits for another apt or dpkg process (a machine still installing its updates,
# another checkout's install) instead of failing at once: up to FEAREC_APT_LOCK_WAIT seconds
# (default 600) through apt's own DPkg::Lock::Timeout, and a retry for the package lists' lock,
# which older apt versions do not wait for. An install that fails on stale package lists is
# tried once more after `apt-get update`.
APT_LOCK_WAIT=${FEAREC_APT_LOCK_WAIT:-600}

apt_get() {
  local deadline=$((SECONDS + APT_LOCK_WAIT)) err status
  err=$(mktemp)
  while :; do
    status=0
    "${SUDO[@]}" apt-get -o DPkg::Lock::Timeout="$APT_LOCK_WAIT" "$@" 2>"$err" || status=$?
    cat "$err" >&2
    if [ "$status" -ne 0 ] && grep -q "Could not get lock" "$err" && [ "$SECONDS" -lt "$deadline" ]; then
      say "another apt or dpkg process holds its lock; waiting (up to $APT_LOCK_WAIT s in all)"
      sleep 5
      continue
    fi
    rm -f "$err"
    return "$status"
  done
}

apt_install() {
  if [ "$(id -u)" -eq 0 ]; then
    SUDO=()
  elif command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo)
  else
    die "need root or sudo to run: apt-get install -y $*"
  fi
  say "installing Debian packages: $*"
  export DEBIAN_FRONTEND=noninteractive
  if ! apt_get install -y --no-install-recommends "$@"; then
    apt_get update
    apt_get install -y --no-install-recommends "$@"
  fi
}
