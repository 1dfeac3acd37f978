#!/bin/sh
# The package test of issue 19, on this machine, as root:
#   cpack -G DEB (and -G RPM where rpmbuild is: the configuration must be
#   %config(noreplace)), lintian (no errors, no warnings), dpkg -i, the unit checked
#   by systemd-analyze (verify; security exposure 2.0 or better), the first
#   admin created as packaging/README.md says, the installed server started
#   with the installed configuration as the service user the way the unit
#   starts it (systemd itself does not run here), a device login over wss://
#   (and seneschal-admin --cli when that package exists), SIGTERM, an upgrade
#   that keeps a local edit of the configuration, dpkg -r (configuration
#   kept), dpkg --purge (nothing left but the system user, which Debian policy
#   keeps).
# Usage: package_test.sh BUILD_DIR LOGIN_PROBE INSTALL_PREFIX
# Exit 77: skipped (the reason is printed).
set -eu
BUILD=$1
PROBE=$2
PREFIX=$3

SERVICE_USER=seneschal
CONF=/etc/seneschal/seneschal.conf
STATE=/var/lib/seneschal
UNIT=/usr/lib/systemd/system/seneschal.service
PASSWORD=package-test-password
MARK=/var/lib/seneschal-package-test.installed

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo; echo "== $*"; }

[ "$(id -u)" -eq 0 ] || skip "needs root (dpkg -i)"
for tool in cpack dpkg dpkg-deb dpkg-shlibdeps lintian setpriv runuser flock systemd-analyze; do
    command -v "$tool" >/dev/null 2>&1 || skip "$tool is missing (scripts/install-deps.sh installs it)"
done
[ "$PREFIX" = /usr ] ||
    skip "this tree installs to $PREFIX; packages need -DCMAKE_INSTALL_PREFIX=/usr"

# One package test at a time on a machine (other build trees may run theirs).
exec 9>/tmp/seneschal-package-test.lock
flock -w 900 9 || fail "another package test holds /tmp/seneschal-package-test.lock"

known() { dpkg-query -W "$1" >/dev/null 2>&1; }
purge_ours() { dpkg --purge seneschal-admin seneschal-server >/dev/null 2>&1 || true; }
if known seneschal-server || known seneschal-admin; then
    # Left by an earlier run of this test that was killed: ours to purge.
    # Anything else is an operator's installation: leave it alone.
    [ -f "$MARK" ] || skip "a seneschal package is installed on this machine; purge it first"
    purge_ours
fi

WORK=$(mktemp -d /tmp/seneschal-package-test.XXXXXX)
SERVER_PID=
cleanup() {
    status=$?
    if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    if [ -f "$MARK" ]; then
        purge_ours
        rm -f "$MARK"
    fi
    if [ "$status" -ne 0 ] && [ -f "$WORK/server.log" ]; then
        echo "--- server log"; cat "$WORK/server.log"
    fi
    rm -rf "$WORK"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Every path of this machine that names seneschal, outside what dpkg keeps
# about packages and what builds and tests write.
seneschal_paths() {
    find /etc /usr /var /opt -xdev \
        \( -path /var/lib/dpkg -o -path /var/cache -o -path /var/log -o -path /var/tmp \
           -o -path /usr/src \) -prune -o -name '*seneschal*' -print 2>/dev/null | sort
}

step "cpack -G DEB"
cpack --config "$BUILD/CPackConfig.cmake" -G DEB -B "$WORK/out" >"$WORK/cpack.log" 2>&1 ||
    { cat "$WORK/cpack.log"; fail "cpack"; }
DEBS=$(ls "$WORK"/out/*.deb)
for deb in $DEBS; do
    echo "$(basename "$deb"): $(dpkg-deb -f "$deb" Depends)"
done

if command -v rpmbuild >/dev/null 2>&1 && command -v rpm >/dev/null 2>&1; then
    step "cpack -G RPM: the configuration is %config(noreplace)"
    cpack --config "$BUILD/CPackConfig.cmake" -G RPM -B "$WORK/rpm" >"$WORK/cpack-rpm.log" 2>&1 ||
        { cat "$WORK/cpack-rpm.log"; fail "cpack -G RPM"; }
    SERVER_RPM=$(ls "$WORK"/rpm/seneschal-server-*.rpm)
    rpm -qp --configfiles "$SERVER_RPM"
    rpm -qp --qf '[%{FILENAMES} %{FILEFLAGS:fflags}\n]' "$SERVER_RPM" |
        grep -qx "$CONF cn" || fail "$CONF is not %config(noreplace) in the RPM"
    for scriptlet in preinstall postinstall preuninstall postuninstall; do
        rpm -qp --scripts "$SERVER_RPM" | grep -q "^$scriptlet scriptlet" ||
            fail "no $scriptlet scriptlet in the RPM"
    done
    echo "RPM: $CONF %config(noreplace); pre/post install and uninstall scriptlets present"
fi

step "lintian (no errors, no warnings)"
# (lintian's remark that it runs as root is not about the packages)
if ! lintian --fail-on error,warning $DEBS >"$WORK/lintian.log" 2>&1; then
    grep -v 'running with root privileges' "$WORK/lintian.log"
    fail "lintian"
fi
grep -v 'running with root privileges' "$WORK/lintian.log" || true
echo "lintian: no errors, no warnings"

step "dpkg -i"
seneschal_paths >"$WORK/paths-before"
touch "$MARK"
dpkg -i $DEBS
dpkg-query -W -f='${Conffiles}\n' seneschal-server | grep -q " *$CONF " ||
    fail "$CONF is not a conffile"
getent passwd "$SERVICE_USER" >/dev/null || fail "no user $SERVICE_USER"
[ "$(getent passwd "$SERVICE_USER" | cut -d: -f6)" = "$STATE" ] || fail "home of $SERVICE_USER"
[ "$(stat -c '%U:%G %a' "$STATE")" = "$SERVICE_USER:$SERVICE_USER 750" ] ||
    fail "$STATE is $(stat -c '%U:%G %a' "$STATE")"
[ "$(stat -c '%U:%G %a' "$CONF")" = "root:$SERVICE_USER 640" ] ||
    fail "$CONF is $(stat -c '%U:%G %a' "$CONF")"
[ -L /etc/systemd/system/multi-user.target.wants/seneschal.service ] ||
    fail "the unit is not enabled"
echo "user, state directory, configuration and unit in place"

step "systemd-analyze verify and security"
systemd-analyze verify "$UNIT" || fail "systemd-analyze verify"
systemd-analyze security --offline=true "$UNIT" 2>&1 | tail -n 1
systemd-analyze security --offline=true --threshold=20 "$UNIT" >/dev/null 2>&1 ||
    fail "exposure above 2.0"
EXEC_START=$(sed -n 's/^ExecStart=//p' "$UNIT")
[ "$EXEC_START" = "/usr/bin/seneschal-server --config $CONF" ] ||
    fail "ExecStart=$EXEC_START"

step "first admin, as documented"
as_service() { runuser -u "$SERVICE_USER" -- "$@"; }
as_service /usr/bin/seneschal-server --config "$CONF" --check-config
printf '%s\n' "$PASSWORD" | as_service /usr/bin/seneschal-server --config "$CONF" user add admin
as_service /usr/bin/seneschal-server --config "$CONF" group add admins
as_service /usr/bin/seneschal-server --config "$CONF" group member-add admins admin

step "start the installed server as the unit does"
# The installed configuration, on a free port (7443 may be taken on a
# shared machine): the copy differs in `port` only.
PORT=$("$PROBE" --free-port)
chmod 0755 "$WORK"
sed "s/^port = 7443\$/port = $PORT/" "$CONF" >"$WORK/seneschal.conf"
[ "$(diff "$CONF" "$WORK/seneschal.conf" | grep -c '^[<>]')" -eq 2 ] ||
    fail "the copy of the configuration differs in more than the port"
chmod 0644 "$WORK/seneschal.conf"
# User=, WorkingDirectory=, UMask=, LimitNOFILE= of the unit; ExecStartPre, ExecStart.
(
    cd "$STATE"
    umask 0077
    ulimit -n 262144 2>/dev/null || true
    setpriv --reuid="$SERVICE_USER" --regid="$SERVICE_USER" --init-groups -- \
        /usr/bin/seneschal-server --config "$WORK/seneschal.conf" --check-config
) >"$WORK/check.log" 2>&1 || { cat "$WORK/check.log"; fail "ExecStartPre"; }
cd "$STATE"
umask 0077
ulimit -n 262144 2>/dev/null || true
setpriv --reuid="$SERVICE_USER" --regid="$SERVICE_USER" --init-groups -- \
    /usr/bin/seneschal-server --config "$WORK/seneschal.conf" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
cd /
umask 0022
waited=0
until grep -q 'listening on' "$WORK/server.log"; do
    kill -0 "$SERVER_PID" 2>/dev/null || fail "the server exited"
    [ "$waited" -lt 300 ] || fail "the server did not listen within 30 s"
    sleep 0.1
    waited=$((waited + 1))
done
grep -E 'generated a self-signed certificate|listening on' "$WORK/server.log" | cut -c 1-160
for f in server-cert.pem server-key.pem jwt.secret seneschal.db; do
    [ "$(stat -c %U "$STATE/$f")" = "$SERVICE_USER" ] || fail "$STATE/$f is not the service user's"
done
[ "$(stat -c %a "$STATE/server-key.pem")" = 600 ] || fail "the key is readable by others"

step "log in over wss://"
printf '%s\n' "$PASSWORD" |
    "$PROBE" "wss://127.0.0.1:$PORT/v1" "$STATE/server-cert.pem" admin || fail "device login"
if printf '%s\n' wrong-password |
    "$PROBE" "wss://127.0.0.1:$PORT/v1" "$STATE/server-cert.pem" admin 2>/dev/null; then
    fail "a wrong password was let in"
fi
if [ -x /usr/bin/seneschal-admin ]; then
    printf '%s\n' "$PASSWORD" |
        seneschal-admin --cli --server "wss://127.0.0.1:$PORT" --ca-file "$STATE/server-cert.pem" \
            --user admin users >"$WORK/admin.out" 2>&1 || { cat "$WORK/admin.out"; fail "seneschal-admin --cli"; }
    grep -q admin "$WORK/admin.out" || { cat "$WORK/admin.out"; fail "admin not listed"; }
    echo "seneschal-admin --cli users: ok"
fi

step "SIGTERM"
kill -TERM "$SERVER_PID"
wait "$SERVER_PID" || fail "the server exited with $?"
SERVER_PID=
grep -q 'stopped' "$WORK/server.log" || fail "no graceful stop in the log"
echo "stopped cleanly"

step "upgrade keeps a local edit of the configuration and the state"
echo "# local edit kept across upgrades" >>"$CONF"
cpack --config "$BUILD/CPackConfig.cmake" -G DEB -B "$WORK/next" \
    -D CPACK_DEBIAN_PACKAGE_RELEASE=99 >"$WORK/cpack-next.log" 2>&1 ||
    { cat "$WORK/cpack-next.log"; fail "cpack (next release)"; }
dpkg -i "$WORK"/next/seneschal-server_*.deb
dpkg-query -W -f='${Version}\n' seneschal-server | grep -q -- '-99$' || fail "not upgraded"
grep -q '^# local edit kept across upgrades$' "$CONF" || fail "the upgrade replaced the edited configuration"
[ -f "$STATE/seneschal.db" ] || fail "the upgrade lost the database"
echo "configuration and database kept"

step "dpkg -r: the configuration stays"
dpkg -r seneschal-admin seneschal-server
[ ! -e /usr/bin/seneschal-server ] || fail "the binary is still there"
[ -f "$CONF" ] || fail "remove deleted the configuration"
echo "removed; $CONF kept"

step "dpkg --purge: nothing left but the system user"
# (seneschal-admin has no configuration: dpkg -r removed it entirely)
dpkg --purge seneschal-server
rm -f "$MARK"
known seneschal-server && fail "dpkg still knows seneschal-server"
seneschal_paths >"$WORK/paths-after"
if ! diff "$WORK/paths-before" "$WORK/paths-after"; then
    fail "purge left files behind (above)"
fi
[ ! -e "$STATE" ] || fail "$STATE is still there"
[ ! -e /etc/seneschal ] || fail "/etc/seneschal is still there"
getent passwd "$SERVICE_USER" >/dev/null &&
    echo "kept, as Debian policy advises: the system user $SERVICE_USER"
echo
echo "package test passed"
