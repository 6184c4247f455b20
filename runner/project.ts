/**
 * Reads a Pulumi project the way the CLI does before it starts a program: the project file (`Pulumi.yaml`) and
 * the `config:` block of one stack file (`Pulumi.<stack>.yaml`), turned into the flat `<namespace>:<key>` map
 * of strings that the Node.js SDK reads through `new pulumi.Config()`.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";

/** Stands in for a `secure:` config value, because the offline runner has no key to decrypt it. */
export const securePlaceholder = "offline-preview-secure-value";

/** The parts of `Pulumi.yaml` the runner needs. */
export interface ProjectSettings {
    /** Absolute path of the directory that contains `Pulumi.yaml`. */
    readonly directory: string;
    readonly name: string;
    /** Absolute path of the program's entry module (`main`, else the `main` of package.json, else index). */
    readonly main: string;
    /** Defaults from the project's own `config:` block, keyed `<namespace>:<key>`. */
    readonly configDefaults: Readonly<Record<string, unknown>>;
}

/** A stack's configuration as the CLI hands it to a Node.js program. */
export interface StackConfig {
    readonly stack: string;
    /** Absolute path of `Pulumi.<stack>.yaml`; the file need not exist when every value comes from overrides. */
    readonly file: string;
    /** `<namespace>:<key>` to the value as the CLI passes it: strings as they are, anything else as JSON. */
    readonly values: Readonly<Record<string, string>>;
    /** Keys whose value is secret (a `secure:` value, or a structured value that contains one). */
    readonly secretKeys: readonly string[];
    /** Keys whose `secure:` values were replaced by {@link securePlaceholder}. */
    readonly placeholderKeys: readonly string[];
}

/** Raised for a missing or malformed project or stack file; the message names the file and the key. */
export class ProjectFileError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "ProjectFileError";
    }
}

/** Reads `Pulumi.yaml` from `directory`. */
export function loadProject(directory: string): ProjectSettings {
    const absoluteDirectory = path.resolve(directory);
    const file = path.join(absoluteDirectory, "Pulumi.yaml");
    if (!fs.existsSync(file)) {
        throw new ProjectFileError(`${file} not found: the project directory must contain a Pulumi.yaml`);
    }
    const document = parseYamlFile(file);
    if (!isPlainObject(document)) {
        throw new ProjectFileError(`${file}: expected a mapping with at least a "name" key`);
    }

    const name = document["name"];
    if (typeof name !== "string" || name === "") {
        throw new ProjectFileError(`${file}: "name" is ${JSON.stringify(name)}; it must be a non-empty string`);
    }

    return {
        directory: absoluteDirectory,
        name,
        main: resolveMain(absoluteDirectory, document["main"], file),
        configDefaults: readProjectConfigDefaults(name, document["config"], file),
    };
}

/**
 * Reads the `config:` block of `Pulumi.<stack>.yaml` under the project's defaults. `overrides` are applied on top
 * (or alone, when `replace` is set); an override whose value is `undefined` removes the key, so a test can
 * present a stack with a key missing.
 */
export function loadStackConfig(
    project: ProjectSettings,
    stack: string,
    overrides?: Readonly<Record<string, unknown>>,
    replace = false,
): StackConfig {
    if (!/^[\w.-]+$/.test(stack)) {
        throw new ProjectFileError(
            `stack "${stack}" is not a valid stack name: use letters, digits, "-", "_" and "." only`,
        );
    }
    const file = path.join(project.directory, `Pulumi.${stack}.yaml`);
    const fileName = path.basename(file);

    const raw: Record<string, unknown> = {};
    if (!replace) {
        Object.assign(raw, project.configDefaults);
        if (!fs.existsSync(file)) {
            throw new ProjectFileError(
                `${fileName} not found in ${project.directory}: create it, or pick another stack with --stack`,
            );
        }
        const document = parseYamlFile(file);
        const config = isPlainObject(document) ? document["config"] : undefined;
        if (config !== undefined && config !== null && !isPlainObject(config)) {
            throw new ProjectFileError(`${fileName}: "config" must be a mapping of <namespace>:<key> to values`);
        }
        for (const [key, value] of Object.entries(config ?? {})) {
            raw[namespacedKey(project.name, key)] = value;
        }
    }
    for (const [key, value] of Object.entries(overrides ?? {})) {
        const fullKey = namespacedKey(project.name, key);
        if (value === undefined) {
            delete raw[fullKey];
        } else {
            raw[fullKey] = value;
        }
    }

    const values: Record<string, string> = {};
    const secretKeys: string[] = [];
    const placeholderKeys: string[] = [];
    for (const key of Object.keys(raw).sort()) {
        const found = { secure: false };
        const plain = replaceSecureValues(raw[key], found);
        if (plain === null || plain === undefined) {
            continue;
        }
        values[key] = typeof plain === "string" ? plain : JSON.stringify(plain);
        if (found.secure) {
            secretKeys.push(key);
            placeholderKeys.push(key);
        }
    }
    return { stack, file, values, secretKeys, placeholderKeys };
}

/** Prefixes a bare key with the project's namespace, as the CLI does for project configuration. */
function namespacedKey(projectName: string, key: string): string {
    return key.includes(":") ? key : `${projectName}:${key}`;
}

function resolveMain(directory: string, main: unknown, file: string): string {
    if (main !== undefined && typeof main !== "string") {
        throw new ProjectFileError(`${file}: "main" is ${JSON.stringify(main)}; it must be a path relative to it`);
    }
    let entry = main ?? readPackageMain(directory) ?? ".";
    entry = path.resolve(directory, entry);
    const candidates = [
        entry,
        `${entry}.ts`,
        `${entry}.js`,
        path.join(entry, "index.ts"),
        path.join(entry, "index.js"),
    ];
    const found = candidates.find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
    if (found === undefined) {
        throw new ProjectFileError(
            `${file}: the program entry ${entry} does not exist (tried ${candidates.join(", ")})`,
        );
    }
    return found;
}

function readPackageMain(directory: string): string | undefined {
    const packageFile = path.join(directory, "package.json");
    if (!fs.existsSync(packageFile)) {
        return undefined;
    }
    const manifest: unknown = JSON.parse(fs.readFileSync(packageFile, "utf8"));
    return isPlainObject(manifest) && typeof manifest["main"] === "string" ? manifest["main"] : undefined;
}

/**
 * Project-level config in Pulumi.yaml declares keys with an optional `default`; a bare key belongs to the
 * project's namespace.
 */
function readProjectConfigDefaults(projectName: string, config: unknown, file: string): Record<string, unknown> {
    if (config === undefined || config === null) {
        return {};
    }
    if (!isPlainObject(config)) {
        throw new ProjectFileError(`${file}: "config" must be a mapping of keys to declarations`);
    }
    const defaults: Record<string, unknown> = {};
    for (const [key, declaration] of Object.entries(config)) {
        if (isPlainObject(declaration) && ("type" in declaration || "default" in declaration)) {
            if ("default" in declaration) {
                defaults[namespacedKey(projectName, key)] = declaration["default"];
            }
        } else if (isPlainObject(declaration) && "value" in declaration) {
            defaults[namespacedKey(projectName, key)] = declaration["value"];
        } else {
            defaults[namespacedKey(projectName, key)] = declaration;
        }
    }
    return defaults;
}

/** Replaces every `{ secure: "..." }` inside `value` by the placeholder and records that one was found. */
function replaceSecureValues(value: unknown, found: { secure: boolean }): unknown {
    if (Array.isArray(value)) {
        return value.map((element) => replaceSecureValues(element, found));
    }
    if (isPlainObject(value)) {
        const keys = Object.keys(value);
        if (keys.length === 1 && keys[0] === "secure" && typeof value["secure"] === "string") {
            found.secure = true;
            return securePlaceholder;
        }
        const result: Record<string, unknown> = {};
        for (const key of keys) {
            result[key] = replaceSecureValues(value[key], found);
        }
        return result;
    }
    return value;
}

function parseYamlFile(file: string): unknown {
    try {
        return YAML.parse(fs.readFileSync(file, "utf8"));
    } catch (error) {
        throw new ProjectFileError(`${file} is not valid YAML: ${(error as Error).message}`);
    }
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
