#!/bin/sh
# The opt-in Windows checks (ctest label `windows`, tests/windows/): the
# Qt-free service control cross-compiled with mingw-w64 and driven under
# wine's service manager, the NSIS installer of stand-in executables
# installed, upgraded and removed silently under wine, and the Qt side's
# Windows sources through mingw's compiler. Not part of scripts/test.sh:
# the tools are about 1.4 GB. A check whose tool is missing is skipped with
# the reason.
# Usage: scripts/windows-checks.sh [--install-tools] [extra ctest arguments]
#   --install-tools   apt-get install what the checks need (as root)
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${SENESCHAL_WINDOWS_BUILD_DIR:-$ROOT/build-windows-checks}

if [ "${1:-}" = "--install-tools" ]; then
    shift
    SUDO=; [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        nsis wine wine64 g++-mingw-w64-x86-64 file
fi

# Only configured: the checks build what they need themselves (with mingw).
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DSENESCHAL_WINDOWS_CHECKS=ON \
      -DSENESCHAL_BUILD_BENCH=OFF >/dev/null
ctest --test-dir "$BUILD" -L windows --output-on-failure "$@"
