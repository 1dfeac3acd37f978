#!/bin/sh
# Fails when a translation of the admin console is incomplete: lrelease must
# find every message of every .ts finished, and lupdate must find no text in
# the sources that the .ts files do not hold yet.
#   check-translations.sh LRELEASE LUPDATE SOURCE_DIR
set -eu
lrelease=$1
lupdate=$2
source=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/seneschal-translations.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
status=0

for ts in "$source"/translations/seneschal-admin_*.ts; do
    name=$(basename "$ts" .ts)
    out=$("$lrelease" "$ts" -qm "$work/$name.qm" 2>&1)
    echo "$out"
    if echo "$out" | grep -Eq '[1-9][0-9]* unfinished|Ignored [0-9]+ untranslated'; then
        echo "FAIL: $name has unfinished or untranslated messages" >&2
        status=1
    fi

    # The sources against a copy: every text found must be there already.
    cp "$ts" "$work/$name-check.ts"
    found=$(cd "$source" && "$lupdate" -no-obsolete -locations none admin-gui/gui shared/admin \
        -ts "$work/$name-check.ts" 2>&1)
    echo "$found" | grep "Found" || true
    if ! echo "$found" | grep -Eq '\(0 new and'; then
        echo "FAIL: $name lacks texts of the sources (run the update_translations target)" >&2
        status=1
    fi
done
exit $status
