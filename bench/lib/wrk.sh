# Sourced by the bench scripts: installs wrk (Debian package) when missing, without prompting.
if ! command -v wrk >/dev/null; then
  echo "installing wrk (Debian package)"
  SUDO=(); if [ "$(id -u)" != 0 ]; then SUDO=(sudo -n); fi
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get install -y -q wrk || { "${SUDO[@]}" apt-get update -q && "${SUDO[@]}" apt-get install -y -q wrk; }
fi
