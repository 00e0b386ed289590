#!/usr/bin/env bash
# Packs dibsim, installs the tarball into a fresh project, compiles a strict TypeScript consumer
# against it WITHOUT skipLibCheck, and runs it with plain node. Catches broken `exports`, public types
# that lean on dev-only @types packages, and CommonJS import mistakes that vitest hides.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
tarball="$(npm pack --silent --pack-destination "$work" | tail -n 1)"
cd "$work"
cat > package.json <<JSON
{ "name": "dibsim-consumer", "private": true, "type": "module" }
JSON
npm install --no-audit --no-fund --silent "./$tarball"
# The consumer gets the same TypeScript the project pins, and nothing else: no @types packages.
ts_version="$(node -p "require('$root/node_modules/typescript/package.json').version")"
npm install --no-audit --no-fund --silent "typescript@$ts_version"
cp "$root/test/consumer/consumer.ts" "$root/test/consumer/workers.mjs" .
cat > tsconfig.json <<JSON
{
  "compilerOptions": {
    "target": "ES2022", "module": "NodeNext", "moduleResolution": "NodeNext",
    "strict": true, "noUncheckedIndexedAccess": true, "exactOptionalPropertyTypes": true,
    "skipLibCheck": false, "types": [], "outDir": "out"
  },
  "files": ["consumer.ts"]
}
JSON
npx tsc -p tsconfig.json
node out/consumer.js
grep -q '<svg' report-out/report.html
test -s report-out/charts/kpis.png
node workers.mjs
# CommonJS: require() of the ES module (Node >= 20.19) through the "default" export condition.
node -e 'const d = require("dibsim"); if (typeof d.runExperiment !== "function") process.exit(1)'
# The installed command, as a user would call it.
npx --no-install dibsim --version
npx --no-install dibsim init starter.yaml >/dev/null
npx --no-install dibsim validate starter.yaml
npx --no-install dibsim compare starter.yaml --replications 2 --workers 1 --format csv --out starter-out >/dev/null
test -s starter-out/report.html
# The README travels in the package: every relative link and image in it must resolve inside the package.
node --input-type=module -e '
import { existsSync, readFileSync } from "node:fs";
const dir = "node_modules/dibsim/";
const links = [...readFileSync(dir + "README.md", "utf8").matchAll(/\]\(([^)#\s]+)[^)]*\)/g)].map((m) => m[1]);
const missing = links.filter((l) => !/^[a-z]+:/.test(l) && !existsSync(dir + l));
if (missing.length > 0) { console.error("README links missing from the package:", missing); process.exit(1); }
'
# Source maps and declaration maps point at the TypeScript sources, which must travel with them.
node --input-type=module -e '
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
const maps = readdirSync("node_modules/dibsim/dist", { recursive: true }).filter((f) => f.endsWith(".map"));
const missing = maps.flatMap((map) => {
  const file = join("node_modules/dibsim/dist", map);
  return JSON.parse(readFileSync(file, "utf8")).sources.map((s) => join(dirname(file), s)).filter((s) => !existsSync(s));
});
if (maps.length === 0 || missing.length > 0) { console.error(`${maps.length} maps; sources missing:`, missing.slice(0, 5)); process.exit(1); }
'
echo "consumer check passed ($tarball)"
