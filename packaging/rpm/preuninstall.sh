# seneschal-server %preun: on erase (not upgrade), stop and disable the unit.
if [ "$1" -eq 0 ] && [ -d /run/systemd/system ]; then
    systemctl --no-reload disable --now seneschal.service >/dev/null 2>&1 || :
fi
exit 0
