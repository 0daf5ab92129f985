// The swc options that both `npm run build` and jest use, so the code that runs is compiled
// exactly like the code tested. Import aliases come from tsconfig.json's `paths` (one list for
// the type checker and the compiler); swc rewrites them to relative requires, so nothing
// resolves them at run time.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");

function swcOptions() {
  const swcrc = JSON.parse(fs.readFileSync(path.join(root, ".swcrc"), "utf8"));
  delete swcrc.$schema;
  const tsconfig = JSON.parse(fs.readFileSync(path.join(root, "tsconfig.json"), "utf8"));
  swcrc.jsc.baseUrl = root;
  swcrc.jsc.paths = tsconfig.compilerOptions.paths;
  return { ...swcrc, swcrc: false };
}

module.exports = { root, swcOptions };
