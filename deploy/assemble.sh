#!/bin/sh
# The BFF's production layout, built the one way both bff/Dockerfile and CI (bff/test/deploy) use:
#
#   deploy/assemble.sh OUT_DIR
#
# OUT_DIR/package.json, OUT_DIR/node_modules (runtime dependencies only, from `pnpm deploy --prod`)
# and OUT_DIR/dist (the compiled BFF, its migrations, the admin dashboard and the widget build).
# Run from a workspace whose dependencies are installed (`pnpm install --frozen-lockfile`).
# Start it with `node dist/main.js` from OUT_DIR; `node dist/migrate.js` migrates DATABASE_URL.
set -eu
out=${1:?usage: deploy/assemble.sh OUT_DIR}
cd "$(dirname "$0")/.."

# The BFF and what it builds from (the widget, workspace packages), in dependency order.
pnpm --filter '@textbook-assistant/bff...' run build
test -f bff/dist/main.js
test -f bff/dist/widget/textbook-assistant.iife.js

rm -rf "$out"
# From the workspace lockfile. pnpm 10's deploy wants inject-workspace-packages, set for this command
# only: in the workspace itself, packages stay linked so development sees their changes at once.
pnpm --filter @textbook-assistant/bff --config.inject-workspace-packages=true deploy --prod "$out"
test -f "$out/dist/main.js"
test ! -e "$out/node_modules/tsx"
echo "production layout in $out"
