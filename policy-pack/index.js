// The pack's entry point for the Pulumi engine and the offline preview.
//
// The engine loads a TypeScript pack through ts-node with type checking, which costs several seconds at
// every start. `npm run build` (run by `npm ci` and `npm install`) compiles the pack to dist/, and this file
// loads that build when it is at least as new as every source file it was compiled from. Otherwise, for
// example right after a rule was edited, it loads the TypeScript sources, so the pack that runs is always the
// current one. `npm run lint` type-checks the sources either way.
"use strict";

const { buildIsCurrent, compiledEntry } = require("./build-status");

require(buildIsCurrent(__dirname) ? compiledEntry(__dirname) : "./index.ts");
