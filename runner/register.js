// Loads TypeScript modules through a transpile cache, for `node -r ./runner/register.js runner/preview.ts`.
//
// ts-node spends most of an offline preview loading the TypeScript compiler and transpiling the same files on
// every run. This hook transpiles each file once with TypeScript's transpileModule (no type check, like
// `ts-node --transpile-only`), keeps the JavaScript under node_modules/.cache, and loads TypeScript only when a
// file has changed. Type errors are `npm run lint`'s job, not the preview's.
"use strict";

const crypto = require("crypto");
const fs = require("fs");
const path = require("path");

const repositoryRoot = path.resolve(__dirname, "..");
const cacheDirectory = path.join(repositoryRoot, "node_modules", ".cache", "offline-preview-transpile");
const typescriptVersion = JSON.parse(
    fs.readFileSync(require.resolve("typescript/package.json", { paths: [repositoryRoot] }), "utf8"),
).version;

// The options of tsconfig.json that change the emitted JavaScript, with the module format Node.js loads here.
const compilerOptions = {
    sourceMap: false,
    target: "ES2022",
    module: "CommonJS",
    esModuleInterop: true,
    resolveJsonModule: true,
};

let typescript;

function transpile(source, filename) {
    const key = crypto
        .createHash("sha256")
        .update(`${typescriptVersion}\0${JSON.stringify(compilerOptions)}\0${filename}\0${source}`)
        .digest("hex");
    const cached = path.join(cacheDirectory, `${key}.js`);
    try {
        return fs.readFileSync(cached, "utf8");
    } catch {
        // Not transpiled yet: fall through.
    }
    typescript ??= require(require.resolve("typescript", { paths: [repositoryRoot] }));
    const output = typescript.transpileModule(source, {
        compilerOptions: {
            ...compilerOptions,
            target: typescript.ScriptTarget.ES2022,
            module: typescript.ModuleKind.CommonJS,
        },
        fileName: filename,
    }).outputText;
    fs.mkdirSync(cacheDirectory, { recursive: true });
    // Write to a temporary name first, so that a concurrent run never reads half a file.
    const temporary = `${cached}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, output);
    fs.renameSync(temporary, cached);
    return output;
}

// NOTE: no source maps. The Pulumi SDK captures a stack trace for every resource, and mapping each one costs
// about 0.2 s per preview. To debug with source maps, run `npx ts-node --transpile-only runner/preview.ts`.
require.extensions[".ts"] = function loadTypeScript(module, filename) {
    module._compile(transpile(fs.readFileSync(filename, "utf8"), filename), filename);
};
