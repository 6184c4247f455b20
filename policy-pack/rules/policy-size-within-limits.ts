/**
 * Every policy document fits the size quota of the place it is stored in: customer managed policy, inline
 * policy, trust policy or resource policy.
 */
import { policySizeWithoutWhitespace } from "../../iam/limits";
import { DocumentRule, RuleFinding } from "../lib/rule";

export const policySizeWithinLimits: DocumentRule = {
    name: "policy-size-within-limits",
    description: "Every policy document fits the size quota of the place it is stored in.",
    reason: "AWS rejects a document over its quota when the update runs, after a preview looked fine, and the deployment stops half-way.",
    enforcementLevel: "mandatory",
    severity: "low",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length",
    kinds: ["identity", "trust", "resource"],
    judgesManagedPolicies: false,

    checkDocument(document): RuleFinding[] {
        const limit = document.sizeLimit;
        if (limit === undefined) {
            return [];
        }
        const size = policySizeWithoutWhitespace(document.parsed.json);
        if (size <= limit.characters) {
            return [];
        }
        return [
            {
                message: `The document is ${size} characters without whitespace; ${limit.description} may have at most ${limit.characters}. Split it into several policies, or merge statements that share their actions.`,
            },
        ];
    },
};
