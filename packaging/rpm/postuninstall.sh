# seneschal-server %postun: systemd forgets the removed unit; an upgrade
# restarts a running service on the new binary.
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || :
    if [ "$1" -ge 1 ]; then
        systemctl try-restart seneschal.service >/dev/null 2>&1 || :
    fi
fi
exit 0
