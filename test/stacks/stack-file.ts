/**
 * Reads a Pulumi.<stack>.yaml file into the map that the Pulumi CLI hands a program: full keys mapped to
 * strings, with objects and lists as JSON text.
 */
import * as fs from "fs";
import * as path from "path";

import { parse } from "yaml";

/** The repository's root, where the stack files are. */
export const repositoryRoot = path.join(__dirname, "..", "..");

/** Converts a stack file's `config` section into the map that `pulumi.runtime.allConfig()` returns. */
export function toRawConfig(config: Record<string, unknown>): Record<string, string> {
    const raw: Record<string, string> = {};
    for (const [key, value] of Object.entries(config)) {
        raw[key] = typeof value === "object" && value !== null ? JSON.stringify(value) : String(value);
    }
    return raw;
}

/** Reads the `config` section of Pulumi.<stack>.yaml in the repository's root. */
export function readStackFile(stack: string): Record<string, unknown> {
    const text = fs.readFileSync(path.join(repositoryRoot, `Pulumi.${stack}.yaml`), "utf8");
    const document = parse(text) as { config?: Record<string, unknown> };
    return document.config ?? {};
}
