/**
 * Reading helpers for structured stack config: each reads one value at a key path, reports what is wrong with
 * it to a ConfigReport, and returns the typed value or a safe fallback, so that one pass finds every problem.
 */
import { closest, distance } from "fastest-levenshtein";

import { maxTagsPerResource } from "../iam/limits";
import { validateTagKey, validateTagValue, Violation } from "./validators";

export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

const maxShownValueLength = 80;

/** Shows a value as JSON, shortened when long; a shortened string keeps its closing quote. */
export function showValue(value: unknown): string {
    const json = JSON.stringify(value) ?? String(value);
    if (json.length <= maxShownValueLength) {
        return json;
    }
    const shortened = json.slice(0, maxShownValueLength - 4);
    return typeof value === "string" ? `${shortened}..."` : `${shortened}...`;
}

/** Returns true when `written` is close enough to `known` to be a misspelling of it: at most a third of it differs. */
export function isLikelyTypo(written: string, known: string): boolean {
    return distance(written.toLowerCase(), known.toLowerCase()) <= Math.max(2, Math.floor(known.length / 3));
}

/** Collects problems and warnings about one stack's file, each prefixed with the file's name. */
export class ConfigReport {
    readonly problems: string[] = [];
    readonly warnings: string[] = [];

    constructor(readonly file: string) {}

    invalid(key: string, value: unknown, violation: Violation): void {
        const note = violation.note === undefined ? "" : ` (${violation.note})`;
        this.problems.push(`${this.file}: ${key} is ${showValue(value)}${note}; ${violation.rule}`);
    }

    missing(key: string, expected: string): void {
        this.problems.push(`${this.file}: ${key} is missing; set it to ${expected}`);
    }

    problem(message: string): void {
        this.problems.push(`${this.file}: ${message}`);
    }

    warning(message: string): void {
        this.warnings.push(`${this.file}: ${message}`);
    }

    /** Reports the keys of `value` that are not in `allowed`, with the nearest allowed key as a suggestion. */
    unknownKeys(parentKey: string, value: PlainObject, allowed: readonly string[], separator = "."): void {
        for (const key of Object.keys(value)) {
            if (allowed.includes(key)) {
                continue;
            }
            const nearest = closest(key, [...allowed]);
            const suggestion = isLikelyTypo(key, nearest) ? ` (did you mean ${nearest}?)` : "";
            this.problems.push(
                `${this.file}: ${parentKey}${separator}${key} is not a known key${suggestion}; ` +
                    `the allowed keys are ${allowed.join(", ")}`,
            );
        }
    }
}

/** Reads a value that must be an object with only the allowed keys. Returns undefined after reporting. */
export function readObject(
    report: ConfigReport,
    key: string,
    value: unknown,
    allowed: readonly string[],
): PlainObject | undefined {
    if (!isPlainObject(value)) {
        report.invalid(key, value, { rule: `it must be an object with the keys ${allowed.join(", ")}` });
        return undefined;
    }
    report.unknownKeys(key, value, allowed);
    return value;
}

/** Reads a required string checked by `validate`. */
export function readString(
    report: ConfigReport,
    key: string,
    value: unknown,
    expected: string,
    validate: (value: unknown) => Violation | undefined,
): string | undefined {
    if (value === undefined || value === null) {
        report.missing(key, expected);
        return undefined;
    }
    return readOptionalString(report, key, value, validate);
}

/** Reads an optional string checked by `validate`; absent and null both mean unset. */
export function readOptionalString(
    report: ConfigReport,
    key: string,
    value: unknown,
    validate: (value: unknown) => Violation | undefined,
): string | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    const violation = validate(value);
    if (violation !== undefined) {
        report.invalid(key, value, violation);
        return undefined;
    }
    return value as string;
}

export function readOptionalNumber(
    report: ConfigReport,
    key: string,
    value: unknown,
    defaultValue: number,
    validate: (value: unknown) => Violation | undefined,
): number {
    if (value === undefined || value === null) {
        return defaultValue;
    }
    const violation = validate(value);
    if (violation !== undefined) {
        report.invalid(key, value, violation);
        return defaultValue;
    }
    return value as number;
}

export function readOptionalBoolean(report: ConfigReport, key: string, value: unknown): boolean {
    if (value === undefined || value === null) {
        return false;
    }
    if (typeof value !== "boolean") {
        report.invalid(key, value, { rule: "it must be true or false" });
        return false;
    }
    return value;
}

/** Reads a list of strings, each checked by `validate`; absent means an empty list. */
export function readStringList(
    report: ConfigReport,
    key: string,
    value: unknown,
    validate: (value: unknown) => Violation | undefined,
): string[] {
    if (value === undefined || value === null) {
        return [];
    }
    if (!Array.isArray(value)) {
        report.invalid(key, value, { rule: "it must be a list" });
        return [];
    }
    const items: string[] = [];
    value.forEach((item, index) => {
        const violation = validate(item);
        if (violation !== undefined) {
            report.invalid(`${key}[${index}]`, item, violation);
            return;
        }
        items.push(item as string);
    });
    return items;
}

/** Reads a map of tag keys to tag values. */
export function readTags(report: ConfigReport, key: string, value: unknown, minimum: number): Record<string, string> {
    if (value === undefined || value === null) {
        if (minimum > 0) {
            report.missing(key, `a map of at least ${minimum} tag key to its value`);
        }
        return {};
    }
    if (!isPlainObject(value)) {
        report.invalid(key, value, { rule: "it must be a map of tag keys to tag values" });
        return {};
    }
    const entries = Object.entries(value);
    if (entries.length < minimum) {
        report.invalid(key, value, { rule: `it must have at least ${minimum} tag` });
    }
    if (entries.length > maxTagsPerResource) {
        report.invalid(key, value, {
            note: `${entries.length} tags`,
            rule: `it must have at most ${maxTagsPerResource} tags, the IAM limit per resource`,
        });
    }
    const tags: Record<string, string> = {};
    for (const [tagKey, tagValue] of entries) {
        const keyViolation = validateTagKey(tagKey);
        if (keyViolation !== undefined) {
            report.problem(`${key} has the tag key ${showValue(tagKey)}; ${keyViolation.rule}`);
            continue;
        }
        const valueViolation = validateTagValue(tagValue);
        if (valueViolation !== undefined) {
            report.invalid(`${key}.${tagKey}`, tagValue, valueViolation);
            continue;
        }
        tags[tagKey] = tagValue as string;
    }
    return tags;
}

export function readList<T>(
    report: ConfigReport,
    key: string,
    value: unknown,
    expected: string,
    readItem: (itemKey: string, item: unknown) => T | undefined,
): T[] {
    if (value === undefined || value === null) {
        report.missing(key, expected);
        return [];
    }
    if (!Array.isArray(value)) {
        report.invalid(key, value, { rule: `it must be a list of ${expected}` });
        return [];
    }
    const items: T[] = [];
    value.forEach((item, index) => {
        const read = readItem(`${key}[${index}]`, item);
        if (read !== undefined) {
            items.push(read);
        }
    });
    return items;
}

/**
 * Reads the value of a structured key. The Pulumi CLI passes objects and lists as JSON text, and plain values
 * as they are. Returns undefined for an absent key, and reports text that is not JSON.
 */
export function parseStructured(report: ConfigReport, key: string, raw: string | undefined): unknown {
    if (raw === undefined) {
        return undefined;
    }
    try {
        return JSON.parse(raw);
    } catch {
        report.invalid(key, raw, { rule: "it must be a YAML object or list, not a plain string" });
        return null;
    }
}
