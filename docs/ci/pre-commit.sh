#!/bin/sh
# meldcode-check as a plain git pre-commit hook (without the pre-commit framework): checks the
# meldcodes (.docx, .pdf, .md) under beleid/ that are part of the commit and refuses the commit
# when one does not meet article 2 (exit code 1) or cannot be read (2).
#
#   Install:    cp docs/ci/pre-commit.sh .git/hooks/pre-commit && chmod +x .git/hooks/pre-commit
#   Skip once:  git commit --no-verify
#   Settings:   MELDCODE_DIR (default beleid), MELDCODE (default "npx --no meldcode")
#
# The hook checks the files as they are in the working folder (for Word and PDF files that is
# nearly always what is staged). Config, waivers and thresholds come from meldcode.config.yaml.
set -eu

dir="${MELDCODE_DIR:-beleid}"
meldcode="${MELDCODE:-npx --no meldcode}"

# Added, copied, modified or renamed files under $dir; names with spaces or accents stay whole.
set --
while IFS= read -r file; do
  case "$file" in
    *.docx | *.DOCX | *.pdf | *.PDF | *.md | *.MD) set -- "$@" "$file" ;;
  esac
done <<LIST
$(git -c core.quotePath=false diff --cached --name-only --diff-filter=ACMR -- "$dir")
LIST

[ "$#" -eq 0 ] && exit 0

# $meldcode is split on spaces on purpose ("npx --no meldcode").
# shellcheck disable=SC2086
exec $meldcode check --format stylish "$@"
