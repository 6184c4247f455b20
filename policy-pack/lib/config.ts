/**
 * The pack's configuration in the format of `pulumi preview --policy-pack-config FILE`: keys are rule names
 * (or `all`), each value an enforcement level or an object with `enforcementLevel` and the rule's
 * properties. Every rule accepts `exemptions`: each names a resource, a reason and the last day it applies.
 * https://www.pulumi.com/docs/iac/using-pulumi/crossguard/configuration/
 */
import * as fs from "fs";

import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

import { EnforcementLevel, RuleMetadata, RuleSettings } from "./rule";

/** One rule's entry after validation. */
export interface RuleConfig {
    readonly enforcementLevel?: EnforcementLevel;
    readonly settings: RuleSettings;
}

/** A validated pack configuration, keyed by rule name. The key `all` sets the level of every rule. */
export type PackConfig = Readonly<Record<string, RuleConfig>>;

/** A rule exempted for one resource until a date. */
export interface Exemption {
    /** The resource: its name, its `type::name` (the end of its URN) or its whole URN. */
    readonly resource: string;
    readonly reason: string;
    /** The last day, in UTC, on which the exemption applies, as `YYYY-MM-DD`. */
    readonly expires: string;
}

const enforcementLevels: readonly EnforcementLevel[] = ["mandatory", "advisory", "disabled"];

/** The JSON schema of `exemptions`, declared by every rule so that the Pulumi CLI validates it too. */
export const exemptionsSchema: PolicyConfigJSONSchema = {
    type: "array",
    description: "Resources this rule does not apply to, each with a reason and the last day (UTC) it applies.",
    items: {
        type: "object",
        properties: {
            resource: { type: "string", minLength: 1, description: "Resource name, `type::name` or URN." },
            reason: { type: "string", minLength: 1, description: "Why the resource is exempt." },
            expires: {
                type: "string",
                pattern: "^\\d{4}-\\d{2}-\\d{2}$",
                description: "Last day on which the exemption applies, YYYY-MM-DD (UTC).",
            },
        },
        required: ["resource", "reason", "expires"],
        additionalProperties: false,
    },
};

/** Returns the configuration schema of a rule: its own properties plus `exemptions`. */
export function configSchemaOf(rule: RuleMetadata): { properties: Record<string, PolicyConfigJSONSchema> } {
    return { properties: { ...(rule.configProperties ?? {}), exemptions: exemptionsSchema } };
}

function describeValue(value: unknown): string {
    return JSON.stringify(value) ?? String(value);
}

/** Checks a value against the subset of JSON schema the rules declare; returns the problems found. */
function validateAgainstSchema(value: unknown, schema: PolicyConfigJSONSchema, where: string): string[] {
    const expected = schema.type;
    let actual: string = typeof value;
    if (Array.isArray(value)) {
        actual = "array";
    } else if (value === null) {
        actual = "null";
    }
    if (expected === "integer") {
        if (typeof value !== "number" || !Number.isInteger(value)) {
            return [`${where} is ${describeValue(value)}; it must be a whole number`];
        }
    } else if (expected !== undefined && expected !== actual) {
        return [`${where} is ${describeValue(value)}; it must be of type ${String(expected)}`];
    }

    const problems: string[] = [];
    if (typeof value === "number") {
        if (schema.minimum !== undefined && value < schema.minimum) {
            problems.push(`${where} is ${value}; it must be at least ${schema.minimum}`);
        }
        if (schema.maximum !== undefined && value > schema.maximum) {
            problems.push(`${where} is ${value}; it must be at most ${schema.maximum}`);
        }
    }
    if (typeof value === "string") {
        if (schema.minLength !== undefined && value.length < schema.minLength) {
            problems.push(`${where} is empty; it must be a non-empty string`);
        }
        if (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) {
            problems.push(`${where} is ${describeValue(value)}; it must match ${schema.pattern}`);
        }
    }
    if (Array.isArray(value) && typeof schema.items === "object" && !Array.isArray(schema.items)) {
        const itemSchema = schema.items;
        value.forEach((item, index) => problems.push(...validateAgainstSchema(item, itemSchema, `${where}[${index}]`)));
    }
    if (actual === "object" && schema.properties !== undefined) {
        const record = value as Record<string, unknown>;
        for (const required of schema.required ?? []) {
            if (record[required] === undefined) {
                problems.push(`${where} has no "${required}"`);
            }
        }
        for (const [key, item] of Object.entries(record)) {
            const propertySchema = schema.properties[key];
            if (propertySchema === undefined) {
                if (schema.additionalProperties === false) {
                    problems.push(
                        `${where} has the unknown key "${key}"; allowed keys are ${Object.keys(schema.properties).join(", ")}`,
                    );
                }
                continue;
            }
            if (typeof propertySchema === "object") {
                problems.push(...validateAgainstSchema(item, propertySchema, `${where}.${key}`));
            }
        }
    }
    return problems;
}

function validateExpiryDates(exemptions: readonly Exemption[], where: string): string[] {
    const problems: string[] = [];
    exemptions.forEach((exemption, index) => {
        const date = new Date(`${exemption.expires}T00:00:00Z`);
        if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== exemption.expires) {
            problems.push(`${where}.exemptions[${index}].expires is "${exemption.expires}"; it is not a real date`);
        }
    });
    return problems;
}

/**
 * Validates a parsed configuration against the rules. Throws one error that lists every problem, each
 * naming the source, the key and the value.
 */
export function validatePackConfig(raw: unknown, rules: readonly RuleMetadata[], source: string): PackConfig {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
        throw new Error(`${source}: the configuration must be a JSON object keyed by rule name`);
    }

    const rulesByName = new Map(rules.map((rule) => [rule.name, rule]));
    const problems: string[] = [];
    const config: Record<string, RuleConfig> = {};
    for (const [name, entry] of Object.entries(raw as Record<string, unknown>)) {
        const rule = rulesByName.get(name);
        if (rule === undefined && name !== "all") {
            problems.push(`"${name}" is not a rule of this pack; rules are ${[...rulesByName.keys()].join(", ")}`);
            continue;
        }
        if (typeof entry === "string") {
            if (!enforcementLevels.includes(entry as EnforcementLevel)) {
                problems.push(`${name} is "${entry}"; it must be one of ${enforcementLevels.join(", ")}`);
                continue;
            }
            config[name] = { enforcementLevel: entry as EnforcementLevel, settings: {} };
            continue;
        }
        if (typeof entry !== "object" || entry === null || Array.isArray(entry)) {
            problems.push(`${name} is ${describeValue(entry)}; it must be an enforcement level or an object`);
            continue;
        }

        const { enforcementLevel, ...settings } = entry as Record<string, unknown>;
        if (enforcementLevel !== undefined && !enforcementLevels.includes(enforcementLevel as EnforcementLevel)) {
            problems.push(
                `${name}.enforcementLevel is ${describeValue(enforcementLevel)}; it must be one of ${enforcementLevels.join(", ")}`,
            );
        }
        if (rule === undefined) {
            if (Object.keys(settings).length > 0) {
                problems.push(`all accepts only enforcementLevel, not ${Object.keys(settings).join(", ")}`);
            }
        } else {
            const schema = configSchemaOf(rule);
            const ruleProblems = validateAgainstSchema(
                settings,
                { type: "object", properties: schema.properties, additionalProperties: false },
                name,
            );
            problems.push(...ruleProblems);
            if (ruleProblems.length === 0) {
                problems.push(...validateExpiryDates(exemptionsOf(settings), name));
            }
        }
        config[name] = { enforcementLevel: enforcementLevel as EnforcementLevel | undefined, settings };
    }

    if (problems.length > 0) {
        throw new Error(`${source} is not a valid policy pack configuration:\n- ${problems.join("\n- ")}`);
    }
    return config;
}

/** Reads and validates a configuration file, such as policy-pack/config/prod.json. */
export function readPackConfigFile(file: string, rules: readonly RuleMetadata[]): PackConfig {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (error) {
        throw new Error(`Cannot read the policy pack configuration ${file}: ${(error as Error).message}`, {
            cause: error,
        });
    }
    let raw: unknown;
    try {
        raw = JSON.parse(text);
    } catch (error) {
        throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
    return validatePackConfig(raw, rules, file);
}

/** Returns the enforcement level of a rule: its own entry, else `all`, else the rule's default. */
export function enforcementLevelOf(rule: RuleMetadata, config: PackConfig | undefined): EnforcementLevel {
    return config?.[rule.name]?.enforcementLevel ?? config?.all?.enforcementLevel ?? rule.enforcementLevel;
}

/** Returns the settings of a rule, or none when the configuration has no entry for it. */
export function settingsOf(rule: RuleMetadata, config: PackConfig | undefined): RuleSettings {
    return config?.[rule.name]?.settings ?? {};
}

/** Returns the exemptions in a rule's settings. */
export function exemptionsOf(settings: RuleSettings): readonly Exemption[] {
    const exemptions = settings.exemptions;
    return Array.isArray(exemptions) ? (exemptions as Exemption[]) : [];
}

/** Returns true when an exemption names the resource by name, by `type::name` or by URN. */
export function exemptionMatches(exemption: Exemption, resource: { name: string; urn: string }): boolean {
    if (exemption.resource === resource.name || exemption.resource === resource.urn) {
        return true;
    }
    // A URN ends with `parentType$type::name`; the type of the resource itself follows the last `$`.
    const typeChain = resource.urn.split("::").slice(-2, -1)[0] ?? "";
    const type = typeChain.slice(typeChain.lastIndexOf("$") + 1);
    return exemption.resource === `${type}::${resource.name}`;
}

/** Returns true when the exemption's last day is before `now`'s day in UTC. */
export function exemptionExpired(exemption: Exemption, now: Date): boolean {
    return now.toISOString().slice(0, 10) > exemption.expires;
}
