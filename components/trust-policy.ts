/**
 * Trust policies: who may assume a role. Every statement that trusts an AWS account or IAM principal
 * requires MFA (present, and no older than a bound), because a role assumed by a person must be at least
 * as protected as that person's own sign-in. A service principal can never present MFA, so service
 * statements never carry MFA conditions.
 */
import { PolicyStatement } from "../iam/document";
import { maxTrustPolicyCharacters, policySizeWithoutWhitespace, sidPattern } from "../iam/limits";
import { throwIfProblems } from "./errors";
import { policyDocument, serializePolicyDocument } from "./policy-document";
import {
    normalizeIsoDate,
    quote,
    validateAccountId,
    validateExternalId,
    validateIsoDate,
    validateMfaAge,
} from "./validation";

/** The MFA age that account trust statements accept by default: one hour, in seconds. */
export const defaultMaxMfaAgeSeconds = 3600;

/** Arguments of an account trust statement; give accountIds or principalArns. */
export interface AccountTrustStatementArgs {
    /** Accounts whose root principal is trusted, which lets each account's administrators delegate. */
    readonly accountIds?: readonly string[];
    /** IAM principals trusted directly: `arn:aws:iam::<account>:root`, `:user/…` or `:role/…`. */
    readonly principalArns?: readonly string[];
    /** Oldest MFA authentication accepted, in seconds; default: 3600. */
    readonly maxMfaAgeSeconds?: number;
    /** External ids, one of which the caller must pass (`sts:ExternalId`); default: none required. */
    readonly externalIds?: readonly string[];
    /** ISO 8601 date or date-time after which the role can no longer be assumed; default: no end. */
    readonly accessEndDate?: string;
    /** Statement id of ASCII letters and digits; default: none. */
    readonly sid?: string;
}

const principalArnPattern = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:(?:root|(?:user|role)\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]+)$/;
const servicePrincipalPattern = /^[a-z0-9][a-z0-9.-]*\.amazonaws\.com(?:\.cn)?$/;

function validateSid(sid: string | undefined): string[] {
    if (sid !== undefined && !sidPattern.test(sid)) {
        return [`sid ${quote(sid)} is invalid; a Sid may contain only ASCII letters and digits`];
    }
    return [];
}

/** Validates the arguments of an account trust statement; returns the problems, empty when valid. */
export function validateAccountTrustStatementArgs(args: AccountTrustStatementArgs): string[] {
    const problems: string[] = [];
    const accountIds = args.accountIds ?? [];

    const principalArns = args.principalArns ?? [];
    if ((args.accountIds !== undefined) === (args.principalArns !== undefined)) {
        problems.push("give either accountIds or principalArns, not both and not neither");
    } else if (accountIds.length + principalArns.length === 0) {
        problems.push(`${args.accountIds !== undefined ? "accountIds" : "principalArns"} is empty; trust at least one`);
    }
    accountIds.forEach((accountId, index) => problems.push(...validateAccountId(`accountIds[${index}]`, accountId)));
    principalArns.forEach((arn, index) => {
        if (!principalArnPattern.test(arn)) {
            problems.push(
                `principalArns[${index}] ${quote(arn)} is not an IAM principal ARN; use ` +
                    `arn:aws:iam::<account>:root, arn:aws:iam::<account>:user/<name> or arn:aws:iam::<account>:role/<name>`,
            );
        }
    });

    if (args.maxMfaAgeSeconds !== undefined) {
        problems.push(...validateMfaAge("maxMfaAgeSeconds", args.maxMfaAgeSeconds));
    }
    if (args.externalIds !== undefined && args.externalIds.length === 0) {
        problems.push("externalIds is empty; leave it out or give at least one external id");
    }
    (args.externalIds ?? []).forEach((externalId, index) =>
        problems.push(...validateExternalId(`externalIds[${index}]`, externalId)),
    );
    if (args.accessEndDate !== undefined) {
        problems.push(...validateIsoDate("accessEndDate", args.accessEndDate));
    }
    problems.push(...validateSid(args.sid));
    return problems;
}

function singleOrList(values: readonly string[]): string | readonly string[] {
    return values.length === 1 ? values[0] : [...values];
}

/**
 * Builds a statement that lets AWS accounts or IAM principals assume a role with `sts:AssumeRole`, only with
 * MFA no older than `maxMfaAgeSeconds`, and only with one of `externalIds` and before `accessEndDate` when
 * given. Throws a ComponentArgumentsError listing every invalid argument.
 */
export function accountTrustStatement(args: AccountTrustStatementArgs): PolicyStatement {
    throwIfProblems("accountTrustStatement", validateAccountTrustStatementArgs(args));

    const principals =
        args.accountIds !== undefined
            ? args.accountIds.map((accountId) => `arn:aws:iam::${accountId}:root`)
            : [...(args.principalArns ?? [])];
    const condition: Record<string, Record<string, string | readonly string[]>> = {
        Bool: { "aws:MultiFactorAuthPresent": "true" },
        NumericLessThan: { "aws:MultiFactorAuthAge": String(args.maxMfaAgeSeconds ?? defaultMaxMfaAgeSeconds) },
    };
    if (args.externalIds !== undefined) {
        condition.StringEquals = { "sts:ExternalId": singleOrList(args.externalIds) };
    }
    if (args.accessEndDate !== undefined) {
        condition.DateLessThan = { "aws:CurrentTime": normalizeIsoDate(args.accessEndDate)! };
    }

    return {
        ...(args.sid !== undefined ? { Sid: args.sid } : {}),
        Effect: "Allow",
        Principal: { AWS: singleOrList(principals) },
        Action: "sts:AssumeRole",
        Condition: condition,
    };
}

/**
 * Builds a statement that lets an AWS service, such as `ec2.amazonaws.com`, assume a role. It carries no MFA
 * condition, because a service never presents MFA. Throws a ComponentArgumentsError for an invalid
 * service principal or Sid.
 */
export function serviceTrustStatement(servicePrincipal: string, sid?: string): PolicyStatement {
    const problems: string[] = [];
    if (!servicePrincipalPattern.test(servicePrincipal)) {
        problems.push(
            `servicePrincipal ${quote(servicePrincipal)} is not an AWS service principal; use a name such as "ec2.amazonaws.com"`,
        );
    }
    problems.push(...validateSid(sid));
    throwIfProblems("serviceTrustStatement", problems);

    return {
        ...(sid !== undefined ? { Sid: sid } : {}),
        Effect: "Allow",
        Principal: { Service: servicePrincipal },
        Action: "sts:AssumeRole",
    };
}

function asList(value: string | readonly string[] | undefined): readonly string[] {
    if (value === undefined) {
        return [];
    }
    return typeof value === "string" ? [value] : value;
}

function conditionValue(statement: PolicyStatement, operator: string, key: string): string[] {
    const block = statement.Condition?.[operator];
    const value = block?.[key];
    if (value === undefined) {
        return [];
    }
    return (Array.isArray(value) ? value : [value]).map((item) => String(item));
}

/**
 * Validates the statements of a trust policy. There must be at least one, and every Allow that trusts an AWS
 * account or IAM principal must require MFA with a bounded age. No Allow may trust a service with an MFA
 * condition, which it can never meet, and the document must fit the trust policy size quota.
 */
export function validateTrustPolicyStatements(statements: readonly PolicyStatement[]): string[] {
    const problems: string[] = [];
    if (statements.length === 0) {
        return ["statements is empty; a trust policy needs at least one statement"];
    }

    statements.forEach((statement, index) => {
        const where = statement.Sid !== undefined ? `statement "${statement.Sid}"` : `statement ${index}`;
        if (statement.Effect !== "Allow") {
            return;
        }
        const principal = statement.Principal;
        if (principal === undefined || principal === "*") {
            problems.push(
                `${where} trusts ${principal === "*" ? "every principal" : "no principal"}; name an account, IAM principal or service`,
            );
            return;
        }
        const awsPrincipals = asList(principal.AWS);
        if (awsPrincipals.length > 0) {
            if (!conditionValue(statement, "Bool", "aws:MultiFactorAuthPresent").includes("true")) {
                problems.push(
                    `${where} trusts ${awsPrincipals.join(", ")} without Bool aws:MultiFactorAuthPresent "true"; ` +
                        `build it with accountTrustStatement`,
                );
            }
            if (conditionValue(statement, "NumericLessThan", "aws:MultiFactorAuthAge").length === 0) {
                problems.push(
                    `${where} trusts ${awsPrincipals.join(", ")} without NumericLessThan aws:MultiFactorAuthAge; ` +
                        `build it with accountTrustStatement`,
                );
            }
        }
        const services = asList(principal.Service);
        const mentionsMfa = JSON.stringify(statement.Condition ?? {}).includes("aws:MultiFactorAuth");
        if (services.length > 0 && mentionsMfa) {
            problems.push(
                `${where} trusts the service ${services.join(", ")} with an MFA condition, which a service can never meet; ` +
                    `build it with serviceTrustStatement`,
            );
        }
    });

    const size = policySizeWithoutWhitespace(serializePolicyDocument(policyDocument(statements)));
    if (size > maxTrustPolicyCharacters) {
        problems.push(
            `the trust policy is ${size.toLocaleString("en-US")} characters without whitespace; ` +
                `a role's trust policy can have at most ${maxTrustPolicyCharacters.toLocaleString("en-US")}`,
        );
    }
    return problems;
}

/** Serialises statements as a role's trust policy (assume role policy) JSON, after validating them. */
export function trustPolicy(statements: readonly PolicyStatement[]): string {
    throwIfProblems("trustPolicy", validateTrustPolicyStatements(statements));
    return serializePolicyDocument(policyDocument(statements));
}
