#!/bin/sh
# Installs what is missing, builds the server, and starts it on the embedded
# default: SQLite, TLS with a self-signed certificate, port 7443. On the first
# run it writes run/seneschal.conf and creates an admin user whose password it
# prints. Usage: scripts/run.sh [extra seneschal-server arguments]
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${SENESCHAL_BUILD_DIR:-$ROOT/build-release}
RUN=${SENESCHAL_RUN_DIR:-$ROOT/run}
JOBS=$(nproc 2>/dev/null || echo 2)

if [ "$(id -u)" -eq 0 ]; then
    "$ROOT/scripts/install-deps.sh"
else
    sudo "$ROOT/scripts/install-deps.sh"
fi

cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DSENESCHAL_BUILD_TESTS=OFF -DSENESCHAL_BUILD_BENCH=OFF
cmake --build "$BUILD" -j "$JOBS" --target seneschal-server
SERVER="$BUILD/server/app/seneschal-server"

mkdir -p "$RUN"
CONF="$RUN/seneschal.conf"
[ -f "$CONF" ] || cp "$ROOT/packaging/seneschal.conf" "$CONF"
"$SERVER" --config "$CONF" --check-config

if ! "$SERVER" --config "$CONF" user list | grep -q .; then
    PASSWORD=$(openssl rand -base64 18 | tr -d '/+=' | cut -c1-20)
    printf '%s\n' "$PASSWORD" | "$SERVER" --config "$CONF" user add admin
    "$SERVER" --config "$CONF" group add admins
    "$SERVER" --config "$CONF" group member-add admins admin
    echo
    echo "================================================================"
    echo " First start: created the admin user."
    echo "   user:     admin"
    echo "   password: $PASSWORD"
    echo " Log in with hello {\"auth\":{\"method\":\"password\",\"username\":\"admin\",...}}"
    echo " at wss://127.0.0.1:7443/v1 (self-signed certificate: see its"
    echo " fingerprint in the log below, or $RUN/data/server-cert.pem)."
    echo " Change the password: $SERVER --config $CONF user passwd admin"
    echo "================================================================"
    echo
fi

export QT_NO_GLIB=1
exec "$SERVER" --config "$CONF" "$@"
