// The schema the portal's operations are typed against: the API schema of the supergraph
// (what clients of the gateway see: no join__ types, no @inaccessible fields).
"use strict";
const { readFileSync } = require("node:fs");
const { Supergraph } = require("@apollo/federation-internals");

module.exports = (pointer) => Supergraph.build(readFileSync(pointer, "utf8")).apiSchema().toGraphQLJSSchema();
