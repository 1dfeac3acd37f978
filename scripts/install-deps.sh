#!/bin/sh
# Installs every Debian 12 package Seneschal needs to build, test and run.
# Idempotent: when everything is present it returns in well under a second.
set -eu

PACKAGES="build-essential cmake ninja-build pkg-config openssl ca-certificates
  qt6-base-dev qt6-websockets-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools
  libqt6sql6-mysql libqt6sql6-sqlite qtkeychain-qt6-dev libgl-dev
  libldap-dev libssl-dev
  mariadb-server mariadb-client slapd ldap-utils
  xvfb xauth fonts-dejavu-core
  clang libclang-rt-14-dev clang-format
  libsecret-1-0 gnome-keyring dbus-daemon dbus-x11
  dpkg-dev fakeroot lintian rpm"

missing=""
for p in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $p"
  fi
done

# Node.js runs the independent JWT checks (npm package jose) and the Socket.IO
# peer of the benchmark. A machine may already carry a newer Node.js whose
# package includes npm; Debian's separate npm package would conflict with it.
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"

if [ -z "$missing" ]; then
  echo "install-deps: all packages present"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing packages:$missing" >&2
  echo "install-deps: run this script as root (or with sudo) to install them" >&2
  exit 1
fi

echo "install-deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
# The server packages must not start system-wide daemons: tests start private ones.
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  trap 'rm -f /usr/sbin/policy-rc.d' EXIT
fi
apt-get install -y -q --no-install-recommends $missing
