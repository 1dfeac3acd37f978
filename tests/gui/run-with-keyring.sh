#!/bin/sh
# Runs a test binary against a real Secret Service: a private D-Bus session
# (dbus-run-session), an unlocked gnome-keyring-daemon in it, and a throwaway
# HOME, so that nothing touches the user's keyring. Where those programs are
# missing the test still runs and skips, saying which ones.
#   run-with-keyring.sh TEST_BINARY [ARGS...]
set -u
binary=$1
shift

missing=""
for tool in dbus-run-session gnome-keyring-daemon; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
    SENESCHAL_KEYRING_SKIP="not installed:$missing" exec "$binary" "$@"
fi

# libsecret answers through the GLib main loop: Qt must run on it.
unset QT_NO_GLIB

home=$(mktemp -d "${TMPDIR:-/tmp}/seneschal-keyring.XXXXXX")
trap 'rm -rf "$home"' EXIT INT TERM
mkdir -p "$home/run" "$home/.local/share" "$home/.config"
chmod 700 "$home/run"
HOME=$home XDG_RUNTIME_DIR=$home/run XDG_DATA_HOME=$home/.local/share \
XDG_CONFIG_HOME=$home/.config \
    dbus-run-session -- sh -c '
        # The login keyring is created with this password and left unlocked.
        printf "%s" throwaway | gnome-keyring-daemon --unlock --components=secrets >/dev/null
        exec "$@"' keyring "$binary" "$@"
