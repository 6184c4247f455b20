/**
 * Every trust policy statement that lets an AWS account, user or role assume the role requires MFA.
 * Service and federated principals are exempt (they cannot present MFA; AssumeRoleWithSAML and
 * AssumeRoleWithWebIdentity authenticate elsewhere), and so are workloads listed in the configuration.
 */
import { describeStatement, Statement } from "../../iam/document";
import { sentence, statementLabel } from "../lib/messages";
import { awsPrincipals, normalizeAwsPrincipal, requiresMfa, statementAllowsAction } from "../lib/principals";
import { DocumentRule, DocumentUnderReview, RuleFinding, RuleSettings } from "../lib/rule";

const stringList = { type: "array", items: { type: "string", minLength: 1 } } as const;

/** Elements on which the MFA judgement of a statement depends. */
const elementsJudged = ["the whole statement", "Effect", "Action", "NotAction", "Principal", "Condition"];

/** Returns the listed machine principals in the form IAM stores them. */
export function machinePrincipalsOf(settings: RuleSettings): Set<string> {
    const listed = Array.isArray(settings.machinePrincipals) ? (settings.machinePrincipals as string[]) : [];
    return new Set(listed.map(normalizeAwsPrincipal));
}

/** Returns true when the configuration lists the role, by resource name or role name, as assumed by workloads only. */
export function isMachineRole(ownerNames: readonly string[], settings: RuleSettings): boolean {
    const listed = Array.isArray(settings.machineRoles) ? (settings.machineRoles as string[]) : [];
    return ownerNames.some((name) => listed.includes(name));
}

/**
 * Returns the principals that a statement lets assume the role and that may be people: accounts, users,
 * roles and `*`, less the listed machine principals. Empty for Deny and for statements without
 * sts:AssumeRole. sts:TagSession and sts:SetSourceIdentity are not counted because they only add to a
 * session that sts:AssumeRole must allow first.
 */
export function humanPrincipals(statement: Statement, machinePrincipals: ReadonlySet<string>): string[] {
    if (!statementAllowsAction(statement, "sts:AssumeRole")) {
        return [];
    }
    return awsPrincipals(statement)
        .map((principal) => normalizeAwsPrincipal(principal.value))
        .filter((principal) => !machinePrincipals.has(principal));
}

/** Returns true when the trust policy lets a person (not a listed workload) assume the role. */
export function isHumanAssumable(document: DocumentUnderReview, settings: RuleSettings): boolean {
    if (isMachineRole(document.ownerNames, settings)) {
        return false;
    }
    const machinePrincipals = machinePrincipalsOf(settings);
    return document.parsed.statements.some((statement) => humanPrincipals(statement, machinePrincipals).length > 0);
}

export const requireMfaForHumanRoles: DocumentRule = {
    name: "require-mfa-for-human-roles",
    description:
        "Every trust policy statement that lets an AWS account, user or role assume the role requires MFA with aws:MultiFactorAuthPresent or aws:MultiFactorAuthAge.",
    reason: "A role that people assume is only as strong as the credentials that reach it; without MFA a leaked access key is enough. IAM grants the role if any one Allow statement matches, so a single statement without the condition bypasses the others.",
    enforcementLevel: "mandatory",
    severity: "critical",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html",
    configProperties: {
        machineRoles: {
            ...stringList,
            description:
                "Roles, by Pulumi resource name or IAM role name, that only workloads assume; their trust policies need no MFA.",
        },
        machinePrincipals: {
            ...stringList,
            description:
                "Principal ARNs (or account ids) of workloads, such as a CI role, that may assume roles without MFA.",
        },
    },
    kinds: ["trust"],
    judgesManagedPolicies: false,

    checkDocument(document, settings): RuleFinding[] {
        if (isMachineRole(document.ownerNames, settings)) {
            return [];
        }
        const machinePrincipals = machinePrincipalsOf(settings);
        const statements = document.parsed.statements;
        const withMfa = statements.filter(
            (statement) => humanPrincipals(statement, machinePrincipals).length > 0 && requiresMfa(statement),
        );

        const findings: RuleFinding[] = [];
        for (const statement of statements) {
            const principals = humanPrincipals(statement, machinePrincipals);
            if (principals.length === 0 || requiresMfa(statement)) {
                continue;
            }
            const unknown = (document.unknownElements.get(statement.index) ?? []).filter((element) =>
                elementsJudged.includes(element),
            );
            if (unknown.length > 0) {
                findings.push({
                    enforcementLevel: "advisory",
                    message: `${statementLabel(statement)} cannot be checked for MFA until its ${unknown.join(", ")} ${unknown.length === 1 ? "is" : "are"} known; the rule checks it when the value is known.`,
                });
                continue;
            }
            const bypass =
                withMfa.length > 0
                    ? ` It bypasses the MFA condition of ${withMfa.map(describeStatement).join(", ")}, because IAM allows the request when any one statement matches.`
                    : "";
            const ifExistsCondition = statement.conditions.find(
                (condition) =>
                    condition.operator.toLowerCase().endsWith("ifexists") &&
                    condition.key.startsWith("aws:multifactorauth"),
            );
            const ifExists =
                ifExistsCondition === undefined
                    ? ""
                    : ` Its ${ifExistsCondition.operator} condition does not require MFA: a request signed with long-term access keys has no aws:MultiFactorAuthPresent key, and IfExists lets it pass.`;
            findings.push({
                message: sentence(
                    `${statementLabel(statement)} lets ${principals.map((principal) => `"${principal}"`).join(", ")} assume the role without MFA.${ifExists}${bypass} ` +
                        `Add "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}} to this statement, or list the principal in machinePrincipals if it is a workload`,
                ),
            });
        }
        return findings;
    },
};
