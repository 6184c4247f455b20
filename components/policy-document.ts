/**
 * Serialisation of the policy documents that components build. Every document goes through here once, so
 * they all have `Version: 2012-10-17`, compact JSON and condition values as strings, the way IAM stores
 * them, which keeps previews free of spurious diffs.
 */
import { ConditionBlock, PolicyDocument, PolicyStatement, policyVersion } from "../iam/document";

/** A condition block whose values are all strings. */
export type StringConditionBlock = Record<string, Record<string, string | readonly string[]>>;

/** Converts every condition value to a string: `true` becomes `"true"`, `3600` becomes `"3600"`. */
export function stringifyConditions(conditions: ConditionBlock): StringConditionBlock {
    const result: Record<string, Record<string, string | readonly string[]>> = {};
    for (const [operator, block] of Object.entries(conditions)) {
        const stringBlock: Record<string, string | readonly string[]> = {};
        for (const [key, value] of Object.entries(block)) {
            stringBlock[key] = Array.isArray(value) ? value.map((item) => String(item)) : String(value);
        }
        result[operator] = stringBlock;
    }
    return result;
}

/** Wraps statements in a document with the current policy language version. */
export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
    return { Version: policyVersion, Statement: statements };
}

/** Serialises a document as compact JSON, the form whose size IAM quotas count. */
export function serializePolicyDocument(document: PolicyDocument): string {
    return JSON.stringify(document);
}
