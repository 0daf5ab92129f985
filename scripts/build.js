#!/usr/bin/env node
// Compiles the TypeScript sources to dist/ with swc (about a second for the whole tree).
// Type checking is separate: `npm run typecheck`. tsc would take ~15 s here, and swc is
// already what jest uses, so the code that runs is compiled the same way as the code tested.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const swc = require("@swc/core");
const { root, swcOptions } = require("./swc-options");

const sourceDirs = ["subgraphs", "gateway", "registry", "seeds", "scripts", "bench"];
const options = swcOptions();

function* tsFiles(dir) {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && entry.name !== "test") yield* tsFiles(full);
    } else if (
      entry.name.endsWith(".ts") &&
      !entry.name.endsWith(".d.ts") &&
      !entry.name.endsWith(".test.ts")
    ) {
      yield full;
    }
  }
}

async function main() {
  const started = Date.now();
  const files = sourceDirs.flatMap((d) => [...tsFiles(path.join(root, d))]);
  await Promise.all(
    files.map(async (file) => {
      const rel = path.relative(root, file);
      const out = path.join(root, "dist", rel.replace(/\.ts$/, ".js"));
      const result = await swc.transformFile(file, {
        ...options,
        filename: file,
        sourceFileName: path.relative(path.dirname(out), file),
      });
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, result.code + `\n//# sourceMappingURL=${path.basename(out)}.map\n`);
      if (result.map) fs.writeFileSync(out + ".map", result.map);
    }),
  );
  if (!process.argv.includes("--quiet"))
    console.log(`built ${files.length} files into dist/ in ${Date.now() - started} ms`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
