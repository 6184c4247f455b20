/**
 * Policy pack configuration as `pulumi preview --policy-pack-config FILE` handles it: parse the JSON file (each
 * key a policy name or "all"; each value an enforcement level or an object with `enforcementLevel` and the
 * policy's own properties), fill in the defaults of each policy's `configSchema`, apply the file on top, and
 * validate every policy's properties against its schema before the pack is configured.
 */
import * as fs from "fs";
import * as path from "path";
import { EnforcementLevel } from "./plan";

export const enforcementLevels: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

/** One policy's configuration: its enforcement level and its properties. */
export interface PolicyConfig {
    readonly enforcementLevel?: EnforcementLevel;
    readonly properties: Record<string, unknown>;
}

/** What the analyzer reports about one policy (`PolicyInfo`). */
export interface PolicyDescription {
    readonly name: string;
    readonly enforcementLevel: EnforcementLevel;
    /** The `configSchema` properties and required keys, when the policy declares any. */
    readonly configSchema?: { readonly properties: Record<string, unknown>; readonly required: readonly string[] };
}

/** Raised for an unreadable or invalid config file; the message names the file, the policy and the key. */
export class PolicyConfigError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PolicyConfigError";
    }
}

/** Reads a policy pack config file. */
export function loadPolicyConfigFile(file: string): Record<string, PolicyConfig> {
    let parsed: unknown;
    try {
        const text = fs.readFileSync(file, "utf8");
        if (text.trim() === "") {
            return {};
        }
        parsed = JSON.parse(text);
    } catch (error) {
        throw new PolicyConfigError(`${file}: cannot read the policy pack config: ${(error as Error).message}`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new PolicyConfigError(`${file}: expected a JSON object keyed by policy name`);
    }

    const result: Record<string, PolicyConfig> = {};
    for (const [policy, value] of Object.entries(parsed)) {
        if (typeof value === "string") {
            result[policy] = { enforcementLevel: parseEnforcementLevel(value, file, policy), properties: {} };
        } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
            const { enforcementLevel, ...properties } = value as Record<string, unknown>;
            result[policy] = {
                ...(enforcementLevel === undefined
                    ? {}
                    : { enforcementLevel: parseEnforcementLevel(enforcementLevel, file, policy) }),
                properties,
            };
        } else {
            throw new PolicyConfigError(
                `${file}: "${policy}" is ${JSON.stringify(value)}; it must be an enforcement level or an object`,
            );
        }
    }
    return result;
}

/**
 * Combines each policy's defaults with the given config and validates the result. Throws one error that lists
 * every problem; a key that names no policy of the pack is a problem too, so that a misspelt rule name is not
 * silently ignored.
 */
export function reconcilePolicyConfig(
    policies: readonly PolicyDescription[],
    initialConfig: Readonly<Record<string, PolicyConfig>>,
    config: Readonly<Record<string, PolicyConfig>>,
    file: string,
): Record<string, PolicyConfig> {
    const result: Record<string, PolicyConfig> = {};
    for (const policy of policies) {
        const defaults: Record<string, unknown> = {};
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            if (isRecord(schema) && "default" in schema) {
                defaults[key] = schema["default"];
            }
        }
        result[policy.name] = { enforcementLevel: policy.enforcementLevel, properties: defaults };
    }
    applyConfig(result, initialConfig);
    applyConfig(result, config);

    const known = new Set(policies.map((policy) => policy.name));
    const problems: string[] = [];
    for (const name of Object.keys(config)) {
        if (name !== "all" && !known.has(name)) {
            problems.push(`"${name}" is not a policy of this pack; the policies are ${[...known].sort().join(", ")}`);
        }
    }
    for (const policy of policies) {
        if (policy.configSchema === undefined) {
            continue;
        }
        const schema = {
            type: "object",
            properties: policy.configSchema.properties,
            required: policy.configSchema.required,
        };
        for (const problem of validateJsonSchema(schema, result[policy.name].properties, policy.name)) {
            problems.push(problem);
        }
    }
    if (problems.length > 0) {
        const relative = path.relative(process.cwd(), file);
        const source = relative === "" || relative.startsWith("..") ? file : relative;
        throw new PolicyConfigError(
            `${source}: invalid policy pack config:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`,
        );
    }
    return result;
}

function applyConfig(result: Record<string, PolicyConfig>, config: Readonly<Record<string, PolicyConfig>>): void {
    const all = config["all"];
    if (all?.enforcementLevel !== undefined) {
        for (const name of Object.keys(result)) {
            result[name] = { ...result[name], enforcementLevel: all.enforcementLevel };
        }
    }
    for (const [name, given] of Object.entries(config)) {
        const current = result[name] ?? { properties: {} };
        result[name] = {
            enforcementLevel: given.enforcementLevel ?? current.enforcementLevel,
            properties: { ...current.properties, ...given.properties },
        };
    }
}

function parseEnforcementLevel(value: unknown, file: string, policy: string): EnforcementLevel {
    if (typeof value !== "string" || !(enforcementLevels as readonly string[]).includes(value)) {
        throw new PolicyConfigError(
            `${file}: "${policy}" has enforcementLevel ${JSON.stringify(value)}; it must be one of ` +
                enforcementLevels.join(", "),
        );
    }
    return value as EnforcementLevel;
}

/** Keywords that only describe a schema and never reject a value. */
const annotationKeywords = new Set(["description", "title", "default", "examples", "$comment", "deprecated"]);

/**
 * Validates a value against the JSON Schema keywords that policy config schemas use. Returns one problem per
 * violation, each prefixed with the path of the offending value. A keyword outside the supported set is itself
 * reported, so that a schema is never half-checked in silence.
 */
export function validateJsonSchema(schema: unknown, value: unknown, at: string): string[] {
    if (!isRecord(schema)) {
        return [];
    }
    const problems: string[] = [];
    for (const [keyword, argument] of Object.entries(schema)) {
        if (annotationKeywords.has(keyword)) {
            continue;
        }
        const check = keywordChecks[keyword];
        if (check === undefined) {
            problems.push(`${at}: the schema keyword "${keyword}" is not supported by the offline runner`);
            continue;
        }
        problems.push(...check(argument, value, at, schema));
    }
    return problems;
}

type KeywordCheck = (argument: unknown, value: unknown, at: string, schema: Record<string, unknown>) => string[];

const keywordChecks: Readonly<Record<string, KeywordCheck>> = {
    type: (argument, value, at) => {
        const allowed = Array.isArray(argument) ? argument.map(String) : [String(argument)];
        return allowed.some((type) => hasJsonType(value, type))
            ? []
            : [`${at}: ${JSON.stringify(value)} is of type ${jsonType(value)}; expected ${allowed.join(" or ")}`];
    },
    enum: (argument, value, at) =>
        Array.isArray(argument) && argument.some((allowed) => jsonEqual(allowed, value))
            ? []
            : [`${at}: ${JSON.stringify(value)} must be one of ${JSON.stringify(argument)}`],
    const: (argument, value, at) =>
        jsonEqual(argument, value) ? [] : [`${at}: ${JSON.stringify(value)} must be ${JSON.stringify(argument)}`],
    properties: (argument, value, at) => {
        if (!isRecord(value) || !isRecord(argument)) {
            return [];
        }
        return Object.entries(argument).flatMap(([key, propertySchema]) =>
            key in value ? validateJsonSchema(propertySchema, value[key], `${at}.${key}`) : [],
        );
    },
    required: (argument, value, at) =>
        isRecord(value) && Array.isArray(argument)
            ? argument.filter((key) => !(String(key) in value)).map((key) => `${at}: ${String(key)} is required`)
            : [],
    additionalProperties: (argument, value, at, schema) => {
        if (!isRecord(value)) {
            return [];
        }
        const declared = isRecord(schema["properties"]) ? schema["properties"] : {};
        const extra = Object.keys(value).filter((key) => !(key in declared));
        if (argument === false) {
            return extra.map((key) => `${at}: the property "${key}" is not allowed`);
        }
        return extra.flatMap((key) => validateJsonSchema(argument, value[key], `${at}.${key}`));
    },
    items: (argument, value, at) =>
        Array.isArray(value)
            ? value.flatMap((element, index) => validateJsonSchema(argument, element, `${at}[${index}]`))
            : [],
    minItems: (argument, value, at) =>
        Array.isArray(value) && value.length < Number(argument)
            ? [`${at}: has ${value.length} items; it must have at least ${String(argument)}`]
            : [],
    maxItems: (argument, value, at) =>
        Array.isArray(value) && value.length > Number(argument)
            ? [`${at}: has ${value.length} items; it must have at most ${String(argument)}`]
            : [],
    uniqueItems: (argument, value, at) =>
        argument === true &&
        Array.isArray(value) &&
        new Set(value.map((element) => JSON.stringify(element))).size !== value.length
            ? [`${at}: the items must be unique`]
            : [],
    minimum: (argument, value, at) =>
        typeof value === "number" && value < Number(argument)
            ? [`${at}: ${value} is less than ${String(argument)}`]
            : [],
    maximum: (argument, value, at) =>
        typeof value === "number" && value > Number(argument)
            ? [`${at}: ${value} is greater than ${String(argument)}`]
            : [],
    minLength: (argument, value, at) =>
        typeof value === "string" && value.length < Number(argument)
            ? [`${at}: "${value}" is shorter than ${String(argument)} characters`]
            : [],
    maxLength: (argument, value, at) =>
        typeof value === "string" && value.length > Number(argument)
            ? [`${at}: "${value}" is longer than ${String(argument)} characters`]
            : [],
    pattern: (argument, value, at) =>
        typeof value === "string" && !new RegExp(String(argument), "u").test(value)
            ? [`${at}: "${value}" does not match the pattern ${String(argument)}`]
            : [],
    format: (argument, value, at) => {
        if (typeof value !== "string") {
            return [];
        }
        if (argument === "date" && !isIsoDate(value)) {
            return [`${at}: "${value}" is not a date in the form YYYY-MM-DD`];
        }
        if (argument === "date-time" && Number.isNaN(Date.parse(value))) {
            return [`${at}: "${value}" is not an RFC 3339 date-time`];
        }
        return [];
    },
    anyOf: (argument, value, at) =>
        Array.isArray(argument) && argument.some((option) => validateJsonSchema(option, value, at).length === 0)
            ? []
            : [`${at}: ${JSON.stringify(value)} matches none of the allowed schemas`],
    oneOf: (argument, value, at) =>
        Array.isArray(argument) &&
        argument.filter((option) => validateJsonSchema(option, value, at).length === 0).length === 1
            ? []
            : [`${at}: ${JSON.stringify(value)} must match exactly one of the allowed schemas`],
    allOf: (argument, value, at) =>
        Array.isArray(argument) ? argument.flatMap((option) => validateJsonSchema(option, value, at)) : [],
};

function isIsoDate(value: string): boolean {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        return false;
    }
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function hasJsonType(value: unknown, type: string): boolean {
    switch (type) {
        case "integer":
            return typeof value === "number" && Number.isInteger(value);
        case "number":
            return typeof value === "number";
        default:
            return jsonType(value) === type;
    }
}

function jsonType(value: unknown): string {
    if (value === null) {
        return "null";
    }
    if (Array.isArray(value)) {
        return "array";
    }
    if (typeof value === "number") {
        return Number.isInteger(value) ? "integer" : "number";
    }
    return typeof value;
}

function jsonEqual(left: unknown, right: unknown): boolean {
    return JSON.stringify(left) === JSON.stringify(right);
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
