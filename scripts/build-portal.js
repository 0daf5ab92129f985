#!/usr/bin/env node
// Builds the science portal (portal/) into dist/portal, which the gateway serves at `/`:
// first the typed GraphQL operations from schema/supergraph.graphql (graphql-codegen), then the
// bundle (Vite). Skipped when nothing it is built from changed since the last build (the
// sources, the schema and the lock file are hashed), so a second `npm start` costs nothing.
// `--force` builds anyway; `--quiet` prints only errors; `--check` only says whether the
// committed typed operations (portal/src/gql) are what codegen makes now (exit 1 if not).
"use strict";
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const outDir = path.join(root, "dist", "portal");
const stampFile = path.join(root, "dist", "portal-build.sha256");
const quiet = process.argv.includes("--quiet");

function* files(dir) {
  for (const entry of fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* files(full);
    else yield full;
  }
}

function inputsHash() {
  const hash = crypto.createHash("sha256");
  const inputs = [
    ...files(path.join(root, "portal")),
    path.join(root, "schema", "supergraph.graphql"),
    path.join(root, "package-lock.json"),
  ];
  for (const file of inputs) {
    if (file.includes(`${path.sep}gql${path.sep}`)) continue; // generated from the rest
    hash.update(path.relative(root, file)).update(fs.readFileSync(file));
  }
  return hash.digest("hex");
}

const codegenConfig = () => ({
  ...require("../portal/codegen.cjs"),
  cwd: root,
  silent: true,
  errorsOnly: true,
});

async function check() {
  const { generate } = require("@graphql-codegen/cli");
  const stale = (await generate(codegenConfig(), false)).filter(
    (output) =>
      !fs.existsSync(output.filename) || fs.readFileSync(output.filename, "utf8") !== output.content,
  );
  for (const output of stale) console.error(`out of date: ${path.relative(root, output.filename)}`);
  if (stale.length) console.error("run `npm run build:portal` and commit portal/src/gql");
  process.exitCode = stale.length ? 1 : 0;
}

async function main() {
  if (process.argv.includes("--check")) return check();
  const started = Date.now();
  const hash = inputsHash();
  const built =
    fs.existsSync(path.join(outDir, "index.html")) &&
    fs.existsSync(stampFile) &&
    fs.readFileSync(stampFile, "utf8") === hash;
  if (built && !process.argv.includes("--force")) {
    if (!quiet) console.log("portal is up to date in dist/portal");
    return;
  }
  const { generate } = require("@graphql-codegen/cli");
  await generate(codegenConfig(), true);
  // A production build whatever NODE_ENV the caller has (jest sets "test"): React's and the
  // JSX transform's production forms, which must agree.
  process.env.NODE_ENV = "production";
  const { build } = await import("vite");
  await build({
    mode: "production",
    configFile: path.join(root, "portal", "vite.config.ts"),
    logLevel: quiet ? "error" : "info",
  });
  fs.writeFileSync(stampFile, hash);
  if (!quiet) console.log(`built the portal into dist/portal in ${Date.now() - started} ms`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
