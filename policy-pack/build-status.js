// Tells whether the compiled pack in dist/ is at least as new as every TypeScript source it was compiled
// from: the pack's own files and the shared iam/ modules beside it.
"use strict";

const fs = require("fs");
const path = require("path");

/** The compiled entry point of the pack in `packDirectory`. */
function compiledEntry(packDirectory) {
    return path.join(packDirectory, "dist", "policy-pack", "index.js");
}

function newestSourceTime(directory) {
    let newest = 0;
    for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
        const entryPath = path.join(directory, entry.name);
        if (entry.isDirectory()) {
            if (entry.name !== "dist" && entry.name !== "node_modules") {
                newest = Math.max(newest, newestSourceTime(entryPath));
            }
        } else if (entry.name.endsWith(".ts")) {
            newest = Math.max(newest, fs.statSync(entryPath).mtimeMs);
        }
    }
    return newest;
}

/** Returns true when dist/ exists and no source file was changed after it was compiled. */
function buildIsCurrent(packDirectory) {
    let builtAt;
    try {
        builtAt = fs.statSync(compiledEntry(packDirectory)).mtimeMs;
    } catch {
        return false;
    }
    const sourceDirectories = [packDirectory, path.join(packDirectory, "..", "iam")];
    return sourceDirectories.every((directory) => newestSourceTime(directory) <= builtAt);
}

module.exports = { buildIsCurrent, compiledEntry };
