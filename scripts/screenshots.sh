#!/bin/sh
# Screenshots of the admin console for the README: starts a private server
# (SQLite, a self-signed certificate, a few users), lets
# seneschal-admin-screenshots give it devices, objects, conflicts, shares and
# audit entries, and saves every view in English and German as PNG files in
# docs/screenshots/, drawn by the real window under Xvfb (xcb).
#   scripts/screenshots.sh            (BUILD_DIR=build, PORT=17443, OUT=docs/screenshots)
set -eu

cd "$(dirname "$0")/.."
BUILD_DIR=${BUILD_DIR:-build}
PORT=${PORT:-17443}
OUT=${OUT:-docs/screenshots}

for tool in xvfb-run cmake; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "screenshots: $tool is missing (scripts/install-deps.sh installs it)" >&2
        exit 1
    }
done

if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
    cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$BUILD_DIR" --target seneschal-server seneschal-admin-screenshots

server="$BUILD_DIR/server/app/seneschal-server"
tool="$BUILD_DIR/tests/gui/seneschal-admin-screenshots"
work=$(mktemp -d "${TMPDIR:-/tmp}/seneschal-screenshots.XXXXXX")
pid=""
cleanup() {
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

cat >"$work/seneschal.conf" <<CONF
[server]
listen = 127.0.0.1
port = $PORT
dataDir = $work/data

[tls]
certificate = $work/server.pem
key = $work/server.key

[database]
backend = sqlite
path = seneschal.db

[auth]
providers = local
adminGroup = admins
CONF

user() { # name group...
    name=$1
    shift
    printf '%s-pw\n' "$name" | "$server" --config "$work/seneschal.conf" user add "$name" >/dev/null
    for group in "$@"; do
        "$server" --config "$work/seneschal.conf" group add "$group" >/dev/null 2>&1 || true
        "$server" --config "$work/seneschal.conf" group member-add "$group" "$name" >/dev/null
    done
}
user alice admins staff
user bob family
user carol family
user dave staff
user erin

"$server" --config "$work/seneschal.conf" >"$work/server.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
    grep -q "listening on" "$work/server.log" && break
    sleep 0.1
done
grep -q "listening on" "$work/server.log" || {
    cat "$work/server.log" >&2
    exit 1
}
grep "SHA-256" "$work/server.log" || true

mkdir -p "$OUT"
export QT_LOGGING_RULES="seneschal.*.debug=false"
xvfb-run -a -s "-screen 0 1600x1000x24" \
    "$tool" -platform xcb --server "wss://127.0.0.1:$PORT" --ca-file "$work/server.pem" \
    --out "$OUT" --languages en,de --dark
echo "screenshots: written to $OUT"
