#!/usr/bin/env bash
# Writes resources/translations/eider.ts, the template of every translatable string in app/ui
# (self.tr, translate and N_ calls; see app/ui/translation.py). Run it after
# changing UI texts; tests/gui/i18n/test_template.py fails while the template is out of date.
# A translation starts as a copy, e.g. eider_de.ts, filled in Qt Linguist (pyside6-linguist);
# `pyside6-lrelease eider_de.ts` makes eider_de.qm, which Eider loads for a German system.
# Usage: packaging/update_translations.sh [python [template]]
#   (defaults: .venv/bin/python, resources/translations/eider.ts; the test writes elsewhere)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
py="${1:-.venv/bin/python}"
template="${2:-resources/translations/eider.ts}"
lupdate="$("$py" -c 'import sys, pathlib; print(pathlib.Path(sys.executable).parent)')/pyside6-lupdate"
# No line numbers: the template changes when the texts do, not when code moves. `N_` marks a
# text in a table (app/ui/translation.py), as QT_TR_NOOP does.
exec "$lupdate" -silent -extensions py -locations none -no-obsolete -source-language en \
    -tr-function-alias QT_TR_NOOP+=N_ \
    app/ui -ts "$template"
