#!/bin/sh
# Update the English translation source from the UI code, then compile every catalogue.
#
#   scripts/build-translations.sh          # lupdate + lrelease
#   scripts/build-translations.sh --check  # also fail if any string has no English yet
#
# Source texts are the Chinese strings in self.tr(...) / QCoreApplication.translate(...) /
# QT_TRANSLATE_NOOP(...) under ccschool/ui/. Translate new entries in
# resources/i18n/ccschool_en.ts (Qt Linguist, or any editor: fill <translation>, drop
# type="unfinished"), then run this again to rebuild the .qm files the app loads.
# The app loads every resources/i18n/*_en.qm, so an area may also ship its own <area>_en.ts.
# No source locations are stored (-locations none), so moving code does not touch the .ts.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BIN=""
[ -x "$ROOT/.venv/bin/pyside6-lupdate" ] && BIN="$ROOT/.venv/bin/"
"${BIN}pyside6-lupdate" $(find ccschool/ui -name '*.py' | sort) -no-obsolete -locations none \
  -source-language zh_CN -target-language en -ts resources/i18n/ccschool_en.ts
for ts in resources/i18n/*.ts; do
  "${BIN}pyside6-lrelease" -nounfinished "$ts" -qm "${ts%.ts}.qm"
done
if [ "$1" = "--check" ] && grep -l 'type="unfinished"' resources/i18n/*.ts; then
  echo "Untranslated strings in the files above" >&2
  exit 1
fi
