/**
 * No trust or resource policy statement allows a wildcard principal (`"*"`, `{"AWS": "*"}`,
 * `arn:aws:iam::*:root`) or uses NotPrincipal in an Allow, unless a condition limits the caller to known
 * organizations, accounts, ARNs or endpoints.
 */
import { isAllow } from "../../iam/document";
import { sentence, statementLabel } from "../lib/messages";
import { findNarrowingCondition, isWildcardPrincipal } from "../lib/principals";
import { DocumentRule, RuleFinding } from "../lib/rule";

export const noUnconditionedWildcardPrincipals: DocumentRule = {
    name: "no-unconditioned-wildcard-principals",
    description:
        "Every Allow statement with a wildcard principal has a condition that limits the caller, such as aws:PrincipalOrgID, aws:PrincipalArn, aws:SourceAccount, aws:SourceArn or aws:SourceVpce.",
    reason: "A wildcard principal means every AWS account and, in a resource policy, anonymous callers too. Only a condition on who calls or where from keeps the resource private.",
    enforcementLevel: "mandatory",
    severity: "critical",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html#principal-anonymous",
    kinds: ["trust", "resource"],
    judgesManagedPolicies: false,

    checkDocument(document): RuleFinding[] {
        const findings: RuleFinding[] = [];
        for (const statement of document.parsed.statements) {
            if (!isAllow(statement)) {
                continue;
            }
            const wildcards = (statement.principals ?? [])
                .filter(isWildcardPrincipal)
                .map((principal) =>
                    principal.type === "*" ? `"Principal": "*"` : `"${principal.type}": "${principal.value}"`,
                );
            if (statement.notPrincipals !== undefined) {
                wildcards.push("NotPrincipal (every principal but the ones listed)");
            }
            if (wildcards.length === 0 || findNarrowingCondition(statement) !== undefined) {
                continue;
            }
            if (document.unknownElements.get(statement.index)?.includes("Condition")) {
                findings.push({
                    enforcementLevel: "advisory",
                    message: `${statementLabel(statement)} allows ${wildcards.join(", ")} and its Condition is not known yet; the rule checks it when the value is known.`,
                });
                continue;
            }
            findings.push({
                message: sentence(
                    `${statementLabel(statement)} allows ${wildcards.join(", ")} without a condition that limits the caller. ` +
                        `Name the principals, or add a condition such as "StringEquals": {"aws:PrincipalOrgID": "o-exampleorgid"} or "ArnEquals": {"aws:SourceArn": "<the calling resource's ARN>"}`,
                ),
            });
        }
        return findings;
    },
};
