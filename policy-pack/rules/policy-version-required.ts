/**
 * Every policy document declares `"Version": "2012-10-17"`.
 */
import { policyVersion } from "../../iam/document";
import { DocumentRule, RuleFinding } from "../lib/rule";

export const policyVersionRequired: DocumentRule = {
    name: "policy-version-required",
    description: `Every policy document declares "Version": "${policyVersion}".`,
    reason: "Without the current version IAM reads the document with the 2008 grammar, where policy variables such as ${aws:username} are literal text, so a condition or resource meant for one user matches none or the wrong ones.",
    enforcementLevel: "mandatory",
    severity: "medium",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html",
    kinds: ["identity", "trust", "resource"],
    judgesManagedPolicies: false,

    checkDocument(document): RuleFinding[] {
        if (document.parsed.statements.length === 0 && document.parsed.problems.length > 0) {
            // A document that cannot be read at all is reported once, by valid-actions.
            return [];
        }
        const version = document.parsed.version;
        if (version === policyVersion) {
            return [];
        }
        const found = version === undefined ? "has no Version" : `has Version "${version}"`;
        return [{ message: `The document ${found}. Add "Version": "${policyVersion}" at the top level.` }];
    },
};
