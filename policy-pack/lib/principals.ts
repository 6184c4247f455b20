/**
 * Principals and conditions of trust and resource policies: who a statement lets in, whether it demands
 * MFA, and whether a condition narrows a wildcard principal.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
 */
import { expandActionPattern } from "../../iam/catalog";
import { isServiceWideResource } from "../../iam/grants";
import { accountIdPattern } from "../../iam/limits";
import { Condition, isAllow, Principal, Statement } from "../../iam/document";

/**
 * Returns true when the statement allows `action`, either through Action patterns (any case, with `*` and
 * `?`) or through a NotAction that does not exclude it.
 */
export function statementAllowsAction(statement: Statement, action: string): boolean {
    if (!isAllow(statement)) {
        return false;
    }
    const matches = (pattern: string): boolean =>
        pattern === "*" || expandActionPattern(pattern).some((candidate) => candidate.fullName === action);
    if (statement.notActions !== undefined) {
        return !statement.notActions.some(matches);
    }
    return (statement.actions ?? []).some(matches);
}

/**
 * Writes an AWS principal the way IAM stores it: a bare account id such as `111122223333` is the same
 * principal as `arn:aws:iam::111122223333:root`.
 */
export function normalizeAwsPrincipal(value: string): string {
    return accountIdPattern.test(value) ? `arn:aws:iam::${value}:root` : value;
}

/** Returns the principals of a statement that are accounts, IAM users or roles, or everyone. */
export function awsPrincipals(statement: Statement): Principal[] {
    return (statement.principals ?? []).filter((principal) => principal.type === "AWS" || principal.type === "*");
}

/** Returns true for `*`, `{"AWS": "*"}` and any AWS principal with a wildcard, such as `arn:aws:iam::*:root`. */
export function isWildcardPrincipal(principal: Principal): boolean {
    return (principal.type === "*" || principal.type === "AWS") && principal.value.includes("*");
}

function operatorIs(condition: Condition, ...operators: string[]): boolean {
    return operators.some((operator) => condition.operator.toLowerCase() === operator.toLowerCase());
}

/**
 * Returns true when one condition of the statement can only be met by a session authenticated with MFA:
 * `Bool` with `aws:MultiFactorAuthPresent` true, a `NumericLessThan(Equals)` bound on
 * `aws:MultiFactorAuthAge`, or `Null` false on `aws:MultiFactorAuthAge` (the key exists only with MFA).
 * `BoolIfExists` does not count, because a request without the key passes it.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
 */
export function requiresMfa(statement: Statement): boolean {
    return statement.conditions.some((condition) => {
        if (condition.values.length === 0) {
            return false;
        }
        if (condition.key === "aws:multifactorauthpresent" && operatorIs(condition, "Bool")) {
            return condition.values.every((value) => value.toLowerCase() === "true");
        }
        if (condition.key === "aws:multifactorauthage") {
            if (operatorIs(condition, "NumericLessThan", "NumericLessThanEquals")) {
                return condition.values.every((value) => Number.isFinite(Number(value)));
            }
            if (operatorIs(condition, "Null")) {
                return condition.values.every((value) => value.toLowerCase() === "false");
            }
        }
        return false;
    });
}

/** Condition keys that limit who a wildcard principal can be, and whether their values are ARNs. */
const narrowingKeys: ReadonlyMap<string, "id" | "arn"> = new Map([
    ["aws:principalorgid", "id"],
    ["aws:principalorgpaths", "id"],
    ["aws:principalaccount", "id"],
    ["aws:principalarn", "arn"],
    ["aws:sourceaccount", "id"],
    ["aws:sourcearn", "arn"],
    ["aws:sourceowner", "id"],
    ["aws:sourceorgid", "id"],
    ["aws:sourceorgpaths", "id"],
    ["aws:sourcevpce", "id"],
    ["aws:sourcevpc", "id"],
    ["aws:userid", "id"],
]);

function isNarrowingValue(value: string, form: "id" | "arn"): boolean {
    if (form === "arn") {
        const account = value.split(":")[4] ?? "";
        return !isServiceWideResource(value) && !/[*?]/.test(account) && !/^[*?]*$/.test(value);
    }
    return !/^[*?]*$/.test(value) && !/^[a-z-]*[*?]/i.test(value);
}

/**
 * Returns the first condition that limits a wildcard principal to known accounts, organizations, ARNs or
 * endpoints: a positive operator (not `Not…`, `…IfExists`, `ForAllValues:…` or `Null`) on a key such as
 * aws:PrincipalOrgID or aws:SourceArn, with values that are not wildcards themselves.
 */
export function findNarrowingCondition(statement: Statement): Condition | undefined {
    return statement.conditions.find((condition) => {
        const form = narrowingKeys.get(condition.key);
        const operator = condition.operator.toLowerCase();
        // ForAllValues passes when the request has no value for the key, as IfExists does.
        const passesWithoutKey = operator.endsWith("ifexists") || operator.startsWith("forallvalues:");
        if (form === undefined || operator.includes("not") || passesWithoutKey || operator === "null") {
            return false;
        }
        return condition.values.length > 0 && condition.values.every((value) => isNarrowingValue(value, form));
    });
}
