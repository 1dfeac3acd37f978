#!/bin/sh
# Installs what is missing, builds Seneschal with warnings as errors, and runs
# every test (ctest), plus the fuzzers (protocol codec, admin codec, JWT,
# configuration) for a bounded time each when clang is available. Usage: scripts/test.sh [extra ctest arguments]
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${SENESCHAL_BUILD_DIR:-$ROOT/build-test}
JOBS=$(nproc 2>/dev/null || echo 2)

if [ "$(id -u)" -eq 0 ]; then
    "$ROOT/scripts/install-deps.sh"
else
    sudo "$ROOT/scripts/install-deps.sh"
fi

# Prefix /usr: the package test (ctest label `packaging`) builds the .deb
# packages from this tree and installs them. Debug information is line
# tables only (-g1): a crash's backtrace keeps its files and lines, and the
# build takes a quarter less time than with full -g.
LINE_TABLES="-O2 -g1 -DNDEBUG"
cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
      -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$LINE_TABLES" \
      -DSENESCHAL_WERROR=ON -DSENESCHAL_FUZZ=OFF -DCMAKE_INSTALL_PREFIX=/usr
cmake --build "$BUILD" -j "$JOBS"

# Qt's own event dispatcher (see docs/operations.md); offscreen for widgets.
export QT_NO_GLIB=1 QT_QPA_PLATFORM=offscreen
ctest --test-dir "$BUILD" --output-on-failure -j "$JOBS" "$@"

if command -v clang++ >/dev/null 2>&1; then
    FUZZ_BUILD=${SENESCHAL_FUZZ_BUILD_DIR:-$ROOT/build-fuzz}
    cmake -S "$ROOT" -B "$FUZZ_BUILD" -G Ninja -DCMAKE_CXX_COMPILER=clang++ \
          -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="$LINE_TABLES" \
          -DSENESCHAL_FUZZ=ON \
          -DSENESCHAL_BUILD_TESTS=OFF -DSENESCHAL_BUILD_BENCH=OFF
    cmake --build "$FUZZ_BUILD" -j "$JOBS" --target fuzz_codec fuzz_admincodec fuzz_jwt fuzz_config
    ctest --test-dir "$FUZZ_BUILD" --output-on-failure -R fuzz
fi
echo "all tests passed"
