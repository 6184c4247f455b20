/**
 * Every policy document is well-formed and every action it names exists in the IAM action catalog.
 */
import { Statement } from "../../iam/document";
import { findUnknownActions } from "../../iam/grants";
import { sentence, statementLabel } from "../lib/messages";
import { DocumentRule, DocumentUnderReview, RuleFinding } from "../lib/rule";

/** Returns true when the statement's `element` (or its `Not` form) is not known until the update runs. */
function hasUnknownElement(document: DocumentUnderReview, statement: Statement, element: string): boolean {
    return (document.unknownElements.get(statement.index) ?? []).some((unknown) => unknown.endsWith(element));
}

export const validActions: DocumentRule = {
    name: "valid-actions",
    description: "Every policy document is well-formed JSON of the IAM grammar and names only actions that exist.",
    reason: "IAM accepts a misspelt action and ignores it, so an Allow grants less than intended and, worse, a Deny denies nothing.",
    enforcementLevel: "mandatory",
    severity: "medium",
    url: "https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html",
    kinds: ["identity", "trust", "resource"],
    judgesManagedPolicies: false,

    checkDocument(document): RuleFinding[] {
        const findings: RuleFinding[] = document.parsed.problems.map((problem) => ({
            message: sentence(`The document is malformed: ${problem}`),
        }));
        for (const statement of document.parsed.statements) {
            const hasPrincipal = statement.principals !== undefined || statement.notPrincipals !== undefined;
            if (document.kind === "identity" && hasPrincipal) {
                findings.push({
                    message: sentence(
                        `${statementLabel(statement)} names a Principal, which IAM rejects in an identity policy: ` +
                            "the policy applies to the user, group or role it is attached to. Remove Principal, or " +
                            "use the document as a trust or resource policy",
                    ),
                });
            }
            const principalUnknown = hasUnknownElement(document, statement, "Principal");
            if (document.kind !== "identity" && !hasPrincipal && !principalUnknown) {
                findings.push({
                    message: sentence(
                        `${statementLabel(statement)} has no Principal, which IAM requires in a ${document.kind} ` +
                            "policy; name who the statement applies to",
                    ),
                });
            }
            const hasResource = statement.resources !== undefined || statement.notResources !== undefined;
            const resourceUnknown = hasUnknownElement(document, statement, "Resource");
            if (document.kind === "identity" && !hasResource && !resourceUnknown) {
                findings.push({
                    message: sentence(
                        `${statementLabel(statement)} has no Resource, which IAM requires in an identity policy; ` +
                            'name the resources\' ARNs, or "*" for actions that cannot be scoped',
                    ),
                });
            }
            if (document.kind === "trust" && hasResource) {
                findings.push({
                    message: sentence(
                        `${statementLabel(statement)} has a Resource, which IAM rejects in a trust policy: the ` +
                            "resource is the role itself. Remove Resource",
                    ),
                });
            }
            for (const unknown of findUnknownActions(statement)) {
                findings.push({ message: sentence(`${statementLabel(statement)}: ${unknown.message}`) });
            }
        }
        return findings;
    },
};
