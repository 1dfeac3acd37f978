#!/bin/sh
# The opt-in Windows checks (ctest label `windows`; SENESCHAL_WINDOWS_CHECKS=ON,
# scripts/windows-checks.sh), on a Linux machine with mingw-w64, wine and NSIS:
#   build      configure tests/windows/standin with cmake/mingw-w64-x86_64.cmake
#              (the WIN32 paths of packaging/windows/WindowsPackage.cmake) and
#              build the stand-in seneschal-server.exe, which is the real
#              Qt-free service control (server/app/windowsservice_win.cpp)
#   service    under wine's service manager: --install-service (and again:
#              an update), start, the service's stop taking the graceful
#              path, start again,
#              --uninstall-service stopping it gracefully, and --service
#              refused outside the service manager
#   installer  cpack -G NSIS of the stand-ins (64-bit), installed silently
#              under wine: files, Start-menu entry, %ProgramData%\Seneschal,
#              the service registered and running; an upgrade over it that
#              keeps an edited configuration; silent uninstall (service gone,
#              program files gone, data kept); /PURGE removing the data too
#   qtglue     the Qt side's Windows sources (server/app/*_win.cpp and main.cpp
#              with Q_OS_WIN) through mingw's compiler, syntax only, against
#              this machine's Qt headers: no Qt for Windows is here to link
# Usage: windows_check.sh build|service|installer SOURCE_DIR WORK_DIR
#        windows_check.sh qtglue SOURCE_DIR WORK_DIR QT_HEADERS_DIR
# Exit 77: skipped (the reason is printed).
set -eu
MODE=$1
SRC=$2
WORK=$3
STANDIN=$WORK/standin-build

skip() { echo "SKIP: $*"; exit 77; }
fail() { echo "FAIL: $*" >&2; exit 1; }
step() { echo; echo "== $*"; }
need() {
    for tool in "$@"; do
        command -v "$tool" >/dev/null 2>&1 ||
            skip "$tool is missing (apt-get install nsis wine wine64 g++-mingw-w64-x86-64)"
    done
}

# A private wine prefix per check, gone afterwards. Wine's service manager
# lives as long as the wine session: everything that needs a service to run
# happens inside one `wine cmd /c script.bat`.
with_wine() {
    need wine wineboot
    export WINEPREFIX="$WORK/wine-$MODE" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
    export WINEARCH=win64
    rm -rf "$WINEPREFIX"
    trap 'wineserver -k >/dev/null 2>&1 || true; rm -rf "$WINEPREFIX"' EXIT
    step "wine prefix $WINEPREFIX"
    wineboot -i >/dev/null 2>&1 || fail "wineboot failed"
    settle
}

# Waits for the wine session to end. A service left running (a check that
# failed half-way) would keep it alive: ended after two minutes.
settle() {
    timeout 120 wineserver -w || { wineserver -k; fail "the wine session did not end"; }
}

# Runs a batch file in one wine session; its output (without \r) on stdout.
run_bat() {
    cp "$1" "$WINEPREFIX/drive_c/check.bat"
    wine cmd /c 'C:\check.bat' 2>/dev/null | tr -d '\r'
    settle
}

expect() { # expect FILE TEXT: FILE has a line with TEXT
    grep -qF -- "$2" "$1" || { cat "$1"; fail "expected '$2'"; }
}

case $MODE in
build)
    need x86_64-w64-mingw32-g++ cmake ninja file
    step "configure the stand-in project with the mingw toolchain"
    rm -rf "$STANDIN"
    cmake -S "$SRC/tests/windows/standin" -B "$STANDIN" -G Ninja -DCMAKE_BUILD_TYPE=Release \
          -DCMAKE_TOOLCHAIN_FILE="$SRC/cmake/mingw-w64-x86_64.cmake"
    step "build (warnings are errors)"
    cmake --build "$STANDIN"
    file "$STANDIN/seneschal-server.exe" | grep -q 'PE32+ executable.*x86-64' ||
        fail "seneschal-server.exe is not a 64-bit Windows program"
    echo "PASS: the stand-ins are built"
    ;;

service)
    [ -f "$STANDIN/seneschal-server.exe" ] || skip "the stand-in was not built (check 'build')"
    with_wine
    mkdir -p "$WINEPREFIX/drive_c/svc"
    cp "$STANDIN/seneschal-server.exe" "$WINEPREFIX/drive_c/svc/"
    cat >"$WORK/service.bat" <<'EOF'
@echo off
set S=C:\svc\seneschal-server.exe
echo --- install
%S% --install-service --config C:\svc\seneschal.conf
echo exit %ERRORLEVEL%
echo --- install again (an upgrade)
%S% --install-service --config C:\svc\seneschal.conf
echo --- state: & %S% --query-service
echo --- start
%S% --start-service
echo --- state: & %S% --query-service
echo --- stop
sc stop Seneschal >nul
ping -n 3 127.0.0.1 >nul
echo --- state: & %S% --query-service
echo --- start again
%S% --start-service
echo --- uninstall while running
%S% --uninstall-service
echo exit %ERRORLEVEL%
echo --- state: & %S% --query-service
echo --- uninstall again
%S% --uninstall-service
echo --- outside the service manager
%S% --service --config C:\svc\outside.conf
echo exit %ERRORLEVEL%
echo --- log
type C:\svc\seneschal-standin.log
EOF
    step "create, start, stop, start, delete (one wine session)"
    run_bat "$WORK/service.bat" | tee "$WORK/service.out"
    O=$WORK/service.out
    expect "$O" "installed the service Seneschal"
    expect "$O" "updated the service Seneschal"
    expect "$O" "started the service Seneschal"
    [ "$(grep -c '^running$' "$O")" -ge 1 ] || fail "the service never ran"
    [ "$(grep -c '^stopped$' "$O")" -ge 1 ] || fail "the service did not stop"
    expect "$O" "removed the service Seneschal"
    expect "$O" "the service Seneschal is not installed"
    expect "$O" "not installed"
    expect "$O" "--service: not started by the service control manager"
    # Two runs, each: entered, running, stopped on request, gracefully.
    LOG=$WINEPREFIX/drive_c/svc/seneschal-standin.log
    tr -d '\r' <"$LOG" >"$WORK/service.log"
    [ "$(grep -c '^running$' "$WORK/service.log")" -eq 2 ] || fail "expected two runs in the log"
    [ "$(grep -c '^stop requested$' "$WORK/service.log")" -eq 2 ] ||
        fail "a stop did not reach the stop handler"
    [ "$(grep -c '^stopped gracefully$' "$WORK/service.log")" -eq 2 ] ||
        fail "a stop did not end gracefully"
    echo "PASS: the service installs, starts, stops gracefully and is removed under wine"
    ;;

installer)
    need cpack makensis file
    [ -f "$STANDIN/seneschal-server.exe" ] || skip "the stand-in was not built (check 'build')"
    step "cpack -G NSIS"
    (cd "$STANDIN" && cpack -G NSIS)
    INSTALLER=$(ls "$STANDIN"/seneschal-*-win64.exe)
    file "$INSTALLER" | grep -q 'PE32+ executable' || fail "the installer is not 64-bit"
    with_wine
    cp "$INSTALLER" "$WINEPREFIX/drive_c/seneschal-setup.exe"
    cat >"$WORK/installer.bat" <<'EOF'
@echo off
set P=C:\Program Files\Seneschal
set D=C:\ProgramData\Seneschal
echo --- install
start /wait C:\seneschal-setup.exe /S
echo exit %ERRORLEVEL%
ping -n 3 127.0.0.1 >nul
if exist "%P%\bin\seneschal-server.exe" echo have server.exe
if exist "%P%\bin\seneschal-admin.exe" echo have admin.exe
if exist "%P%\Uninstall.exe" echo have Uninstall.exe
if exist "%D%\seneschal.conf" echo have ProgramData config
if exist "%D%\data" echo have ProgramData data
if exist "C:\ProgramData\Microsoft\Windows\Start Menu\Programs\Seneschal\Seneschal admin console.lnk" echo have Start menu entry
echo --- state: & "%P%\bin\seneschal-server.exe" --query-service
echo --- upgrade over it, with an edited configuration
echo # local edit>> "%D%\seneschal.conf"
start /wait C:\seneschal-setup.exe /S
echo exit %ERRORLEVEL%
ping -n 3 127.0.0.1 >nul
findstr /c:"# local edit" "%D%\seneschal.conf" >nul && echo kept the edited config
echo --- state: & "%P%\bin\seneschal-server.exe" --query-service
echo --- uninstall
start /wait "" "%P%\Uninstall.exe" /S _?=%P%
echo exit %ERRORLEVEL%
if not exist "%P%\bin\seneschal-server.exe" echo server.exe gone
if not exist "%P%\bin" echo bin gone
if exist "%D%\seneschal.conf" echo ProgramData config kept
if not exist "C:\ProgramData\Microsoft\Windows\Start Menu\Programs\Seneschal\Seneschal admin console.lnk" echo Start menu entry gone
sc query Seneschal >nul 2>&1 || echo service gone
del "%P%\Uninstall.exe"
rmdir "%P%"
if not exist "%P%" echo Program Files\Seneschal gone
echo --- the service's log
type "%D%\seneschal-standin.log"
echo --- install and uninstall /PURGE
start /wait C:\seneschal-setup.exe /S
ping -n 2 127.0.0.1 >nul
start /wait "" "%P%\Uninstall.exe" /S /PURGE _?=%P%
if not exist "%D%" echo ProgramData purged
EOF
    step "silent install, upgrade, uninstall, purge (one wine session)"
    run_bat "$WORK/installer.bat" | tee "$WORK/installer.out"
    O=$WORK/installer.out
    for line in "have server.exe" "have admin.exe" "have Uninstall.exe" \
                "have ProgramData config" "have ProgramData data" "have Start menu entry" \
                "kept the edited config" "server.exe gone" "bin gone" \
                "ProgramData config kept" "Start menu entry gone" "service gone" \
                "Program Files\\Seneschal gone" "ProgramData purged"; do
        expect "$O" "$line"
    done
    [ "$(grep -c '^running$' "$O")" -eq 4 ] ||
        fail "the service was not running after the installation and after the upgrade"
    # The upgrade's stop and the uninstaller's: both the graceful path.
    [ "$(grep -c '^stopped gracefully$' "$O")" -eq 2 ] ||
        fail "the service was not stopped gracefully by the upgrade and the uninstaller"
    echo "PASS: the installer installs, starts the service, upgrades, uninstalls and purges under wine"
    ;;
qtglue)
    need x86_64-w64-mingw32-g++
    QT=${4:?the Qt headers directory}
    [ -f "$QT/QtCore/qglobal.h" ] || skip "no Qt headers in $QT"
    # The project's warnings as errors, less -Wattributes: Linux's Qt headers
    # carry no dllimport, which mingw mentions on every exported friend.
    FLAGS="-std=c++20 -fsyntax-only -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor
           -Wold-style-cast -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough -Werror
           -Wno-attributes -DQT_NO_CAST_FROM_ASCII -DQT_NO_CAST_TO_ASCII
           -DQT_NO_URL_CAST_FROM_STRING -DQT_USE_QSTRINGBUILDER -DQT_NO_KEYWORDS
           -DSENESCHAL_VERSION=\"0\""
    INCLUDES="-I$QT -I$QT/QtCore -I$QT/QtNetwork -I$QT/QtSql -I$QT/QtWebSockets
              -I$SRC/server -I$SRC/server/app -I$SRC/shared"
    for source in "$SRC"/server/app/*_win.cpp "$SRC/server/app/main.cpp" \
                  "$SRC/server/transport/tlstcpserver.cpp" "$SRC/server/transport/connection.cpp"; do
        step "x86_64-w64-mingw32-g++ -fsyntax-only ${source#"$SRC"/}"
        # shellcheck disable=SC2086
        x86_64-w64-mingw32-g++ $FLAGS $INCLUDES "$source" || fail "${source#"$SRC"/}"
    done
    echo "PASS: the Qt side's Windows sources compile with mingw (syntax only)"
    ;;
*)
    fail "unknown check $MODE"
    ;;
esac
