/**
 * Pure validators for component arguments. Each returns a list of problems (empty when the value is
 * valid), one sentence per problem naming the argument, the value and what is allowed, so a component can
 * collect every problem before it throws one ComponentArgumentsError. The limits come from iam/limits.ts.
 */
import * as pulumi from "@pulumi/pulumi";

import {
    accountIdPattern,
    externalIdPattern,
    maxDescriptionLength,
    maxExternalIdLength,
    maxGroupNameLength,
    maxInstanceProfileNameLength,
    maxPasswordLength,
    maxPathLength,
    maxPolicyNameLength,
    maxRoleNameLength,
    maxSessionDurationSeconds,
    maxSessionTokenDurationSeconds,
    maxTagKeyLength,
    maxTagsPerResource,
    maxTagValueLength,
    maxUserNameLength,
    minExternalIdLength,
    minPasswordLength,
    minSessionDurationSeconds,
    namePattern,
    pathPattern,
} from "../iam/limits";

/** The IAM entities whose names the validators know. */
export type NameKind = "user" | "group" | "role" | "policy" | "instance profile";

const maxNameLengths: Record<NameKind, number> = {
    user: maxUserNameLength,
    group: maxGroupNameLength,
    role: maxRoleNameLength,
    policy: maxPolicyNameLength,
    "instance profile": maxInstanceProfileNameLength,
};

/** Characters that the Pulumi AWS provider appends when it autonames a resource: `-` and 7 hex digits. */
export const autonameSuffixLength = 8;

const longestQuotedValue = 80;

/** Quotes a value for a message, shortening it when it is long so a message stays readable. */
export function quote(value: string): string {
    if (value.length <= longestQuotedValue) {
        return JSON.stringify(value);
    }
    return `${JSON.stringify(value.slice(0, longestQuotedValue))}…`;
}

/** Formats a length in characters: "1 character", "70 characters". */
export function characterCount(length: number): string {
    return length === 1 ? "1 character" : `${length} characters`;
}

/** Returns the maximum length of a name of the given kind. */
export function maxNameLength(kind: NameKind): number {
    return maxNameLengths[kind];
}

function describeInvalidCharacters(value: string, pattern: RegExp): string {
    const invalid = [...new Set(value.split("").filter((character) => !pattern.test(character)))];
    return invalid.map((character) => JSON.stringify(character)).join(", ");
}

/** Validates the physical name of a user, group, role, policy or instance profile. */
export function validateName(argument: string, value: string, kind: NameKind): string[] {
    const problems: string[] = [];
    const max = maxNameLengths[kind];
    if (value.length === 0) {
        return [`${argument} is empty; a ${kind} name needs 1 to ${max} characters`];
    }
    if (value.length > max) {
        problems.push(`${argument} ${quote(value)} is ${value.length} characters; it must be at most ${max}`);
    }
    if (!namePattern.test(value)) {
        problems.push(
            `${argument} ${quote(value)} contains ${describeInvalidCharacters(value, /[\w+=,.@-]/)}; ` +
                `a ${kind} name may contain only letters, digits and + = , . @ _ -`,
        );
    }
    return problems;
}

/**
 * Validates a component name from which the provider autonames a physical name by appending
 * `-` and 7 hex digits, because the resulting name must fit the same limits as an explicit one.
 */
export function validateAutonamedName(argument: string, componentName: string, kind: NameKind): string[] {
    const problems: string[] = [];
    const max = maxNameLengths[kind] - autonameSuffixLength;
    if (componentName.length > max) {
        problems.push(
            `${argument} is not set, so the ${kind} name is the component name ${quote(componentName)} ` +
                `(${componentName.length} characters) plus ${autonameSuffixLength} random characters; ` +
                `shorten the component name to at most ${max} characters or set ${argument}`,
        );
    }
    if (componentName.length > 0 && !namePattern.test(componentName)) {
        problems.push(
            `${argument} is not set, so the ${kind} name is autonamed from the component name ${quote(componentName)}, ` +
                `which contains ${describeInvalidCharacters(componentName, /[\w+=,.@-]/)}; ` +
                `a ${kind} name may contain only letters, digits and + = , . @ _ -, so set ${argument}`,
        );
    }
    return problems;
}

/** Validates an IAM path: `/`, or segments of name characters that begin and end with `/`. */
export function validatePath(argument: string, value: string): string[] {
    const problems: string[] = [];
    if (value.length > maxPathLength) {
        problems.push(`${argument} ${quote(value)} is ${value.length} characters; it must be at most ${maxPathLength}`);
    }
    if (!pathPattern.test(value)) {
        problems.push(
            `${argument} ${quote(value)} is not a valid IAM path; it must be "/" or begin and end with "/", ` +
                `such as "/engineering/", with segments of letters, digits and + = , . @ _ -`,
        );
    }
    return problems;
}

/** Validates a 12-digit AWS account id. */
export function validateAccountId(argument: string, value: string): string[] {
    if (!accountIdPattern.test(value)) {
        return [`${argument} ${quote(value)} is not an AWS account id; it must be exactly 12 digits`];
    }
    return [];
}

function isWholeNumber(value: number): boolean {
    return Number.isInteger(value);
}

/** Validates a role's maximum session duration in seconds. */
export function validateSessionDuration(argument: string, value: number): string[] {
    if (!isWholeNumber(value) || value < minSessionDurationSeconds || value > maxSessionDurationSeconds) {
        return [
            `${argument} is ${value} s; it must be a whole number between ${minSessionDurationSeconds} ` +
                `and ${maxSessionDurationSeconds} s`,
        ];
    }
    return [];
}

/** Validates the oldest MFA authentication, in seconds, that a trust policy accepts. */
export function validateMfaAge(argument: string, value: number): string[] {
    if (!isWholeNumber(value) || value < 1 || value > maxSessionTokenDurationSeconds) {
        return [
            `${argument} is ${value} s; it must be a whole number between 1 and ${maxSessionTokenDurationSeconds} s ` +
                `(36 hours, the longest session sts:GetSessionToken issues)`,
        ];
    }
    return [];
}

/** Validates an external id that a third party passes to sts:AssumeRole. */
export function validateExternalId(argument: string, value: string): string[] {
    const problems: string[] = [];
    if (value.length < minExternalIdLength || value.length > maxExternalIdLength) {
        problems.push(
            `${argument} is ${characterCount(value.length)}; it must be between ${minExternalIdLength} ` +
                `and ${maxExternalIdLength}`,
        );
    }
    if (value.length > 0 && !externalIdPattern.test(value)) {
        problems.push(
            `${argument} ${quote(value)} contains ${describeInvalidCharacters(value, /[\w+=,.@:/-]/)}; ` +
                `an external id may contain only letters, digits and + = , . @ : / _ -`,
        );
    }
    return problems;
}

/** Validates the length of a generated console password. */
export function validatePasswordLength(argument: string, value: number): string[] {
    if (!isWholeNumber(value) || value < minPasswordLength || value > maxPasswordLength) {
        return [
            `${argument} is ${value}; it must be a whole number between ${minPasswordLength} and ${maxPasswordLength}`,
        ];
    }
    return [];
}

/** Returns true for a character IAM accepts in a description: tab, line breaks and printable Latin-1. */
function isDescriptionCharacter(character: string): boolean {
    const code = character.codePointAt(0)!;
    return (
        code === 0x09 ||
        code === 0x0a ||
        code === 0x0d ||
        (code >= 0x20 && code <= 0x7e) ||
        (code >= 0xa1 && code <= 0xff)
    );
}

/** Validates a role or policy description: at most 1,000 printable characters. */
export function validateDescription(argument: string, value: string): string[] {
    const problems: string[] = [];
    if (value.length > maxDescriptionLength) {
        problems.push(`${argument} is ${value.length} characters; it must be at most ${maxDescriptionLength}`);
    }
    if (![...value].every(isDescriptionCharacter)) {
        problems.push(`${argument} ${quote(value)} contains characters IAM rejects; use printable Latin-1 text`);
    }
    return problems;
}

/**
 * Validates tags that are known at construction. Tags given as an output are checked by AWS when they
 * resolve, because their keys are unknown until then.
 */
export function validateTags(argument: string, tags: pulumi.Input<Record<string, string>> | undefined): string[] {
    if (tags === undefined || pulumi.Output.isInstance(tags) || tags instanceof Promise) {
        return [];
    }

    const problems: string[] = [];
    const entries = Object.entries(tags as Record<string, unknown>);
    if (entries.length > maxTagsPerResource) {
        problems.push(`${argument} has ${entries.length} tags; a resource can have at most ${maxTagsPerResource}`);
    }
    for (const [key, value] of entries) {
        if (key.length === 0 || key.length > maxTagKeyLength) {
            problems.push(
                `${argument} key ${quote(key)} is ${characterCount(key.length)}; it must be between 1 and ${maxTagKeyLength}`,
            );
        }
        if (key.toLowerCase().startsWith("aws:")) {
            problems.push(`${argument} key ${quote(key)} uses the prefix "aws:", which AWS reserves for its own tags`);
        }
        if (typeof value === "string" && value.length > maxTagValueLength) {
            problems.push(
                `${argument} value of ${quote(key)} is ${value.length} characters; it must be at most ${maxTagValueLength}`,
            );
        }
    }
    return problems;
}

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * Parses an ISO 8601 date (`2027-03-31`, meaning midnight UTC at the start of that day) or date-time with
 * a time zone (`2027-03-31T18:00:00+02:00`) and returns it in UTC as `YYYY-MM-DDTHH:MM:SSZ`, the form IAM
 * date conditions compare. Returns undefined for anything else, including dates that do not exist.
 */
export function normalizeIsoDate(value: string): string | undefined {
    const match = isoDatePattern.exec(value);
    if (match === null) {
        return undefined;
    }

    const [, year, month, day, hour = "00", minute = "00", second = "00", zone = "Z"] = match;
    const fields = [year, month, day, hour, minute, second].map(Number);
    const utc = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5]);
    const asWritten = new Date(utc);
    // Date.UTC rolls 2027-02-30 over to March, so a date that changes on the way back does not exist.
    const exists =
        asWritten.getUTCFullYear() === fields[0] &&
        asWritten.getUTCMonth() === fields[1] - 1 &&
        asWritten.getUTCDate() === fields[2] &&
        asWritten.getUTCHours() === fields[3] &&
        asWritten.getUTCMinutes() === fields[4] &&
        asWritten.getUTCSeconds() === fields[5];
    if (!exists) {
        return undefined;
    }

    let offsetMinutes = 0;
    if (zone !== "Z") {
        const sign = zone.startsWith("-") ? -1 : 1;
        const [offsetHours, offsetRest] = zone.slice(1).split(":").map(Number);
        if (offsetHours > 23 || offsetRest > 59) {
            return undefined;
        }
        offsetMinutes = sign * (offsetHours * 60 + offsetRest);
    }
    return new Date(utc - offsetMinutes * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** Validates an ISO 8601 date or date-time with a time zone. */
export function validateIsoDate(argument: string, value: string): string[] {
    if (normalizeIsoDate(value) === undefined) {
        return [
            `${argument} ${quote(value)} is not a valid date; use an ISO 8601 date such as "2027-03-31" ` +
                `or a date-time with a time zone such as "2027-03-31T18:00:00Z"`,
        ];
    }
    return [];
}

const conditionOperators = new Set(
    [
        "StringEquals",
        "StringNotEquals",
        "StringEqualsIgnoreCase",
        "StringNotEqualsIgnoreCase",
        "StringLike",
        "StringNotLike",
        "NumericEquals",
        "NumericNotEquals",
        "NumericLessThan",
        "NumericLessThanEquals",
        "NumericGreaterThan",
        "NumericGreaterThanEquals",
        "DateEquals",
        "DateNotEquals",
        "DateLessThan",
        "DateLessThanEquals",
        "DateGreaterThan",
        "DateGreaterThanEquals",
        "Bool",
        "BinaryEquals",
        "IpAddress",
        "NotIpAddress",
        "ArnEquals",
        "ArnLike",
        "ArnNotEquals",
        "ArnNotLike",
    ].map((operator) => operator.toLowerCase()),
);

/**
 * Returns true for an IAM condition operator: a base operator, optionally with the `IfExists` suffix and
 * the `ForAllValues:` or `ForAnyValue:` set qualifier, or `Null`. Source:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
export function isConditionOperator(operator: string): boolean {
    const unqualified = operator.replace(/^(ForAllValues|ForAnyValue):/i, "");
    if (unqualified.toLowerCase() === "null") {
        return unqualified === operator;
    }
    const base = unqualified.replace(/IfExists$/i, "");
    return conditionOperators.has(base.toLowerCase());
}

/** Validates a condition block: known operators, `prefix:name` keys and at least one value per key. */
export function validateConditions(where: string, conditions: Record<string, Record<string, unknown>>): string[] {
    const problems: string[] = [];
    for (const [operator, block] of Object.entries(conditions)) {
        if (!isConditionOperator(operator)) {
            problems.push(
                `${where} has the unknown condition operator ${quote(operator)}; use an IAM operator such as ` +
                    `StringEquals, ArnLike, DateLessThan or Bool, optionally with IfExists`,
            );
        }
        if (typeof block !== "object" || block === null || Array.isArray(block) || Object.keys(block).length === 0) {
            problems.push(`${where} condition operator ${quote(operator)} has no condition keys`);
            continue;
        }
        for (const [key, values] of Object.entries(block)) {
            if (!/^[A-Za-z0-9-]+:\S+$/.test(key)) {
                problems.push(
                    `${where} condition key ${quote(key)} is not of the form prefix:name, such as aws:ResourceTag/team`,
                );
            }
            if (Array.isArray(values) && values.length === 0) {
                problems.push(`${where} condition ${operator} ${quote(key)} has no values`);
            }
        }
    }
    return problems;
}
