/**
 * No Allow statement grants more than it names: no `*` or `service:*` action, no wildcard that reaches an
 * action above Read and List, no NotAction or NotResource, and no `Resource: "*"` (or service-wide ARN)
 * for an action that can be scoped to resources.
 */
import { findWildcardGrants } from "../../iam/grants";
import { managedPolicyLabel, sentence, statementLabel, summarizeManagedPolicy } from "../lib/messages";
import { DocumentRule, RuleFinding } from "../lib/rule";

export const noWildcardGrants: DocumentRule = {
    name: "no-wildcard-grants",
    description:
        "Every Allow statement names the actions it grants and, for actions that support resource-level permissions, the resources; wildcards reach only Read and List actions.",
    reason: "A wildcard grants every action that matches it, including actions AWS adds later, so the principal can do more than anyone reviewed. NotAction and NotResource invert the grant and have the same effect.",
    enforcementLevel: "mandatory",
    severity: "high",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege",
    configProperties: {
        allowReadOnlyWildcards: {
            type: "boolean",
            default: true,
            description: "Accept action wildcards that expand only to Read and List actions. Default: true.",
        },
        allowReadResourceWildcards: {
            type: "boolean",
            default: false,
            description:
                'Accept Resource "*" for Read actions that support resource-level permissions, such as s3:GetObject. ' +
                "List actions may always use it. Default: false.",
        },
    },
    kinds: ["identity", "trust", "resource"],
    judgesManagedPolicies: true,

    checkDocument(document, settings): RuleFinding[] {
        const allowReadOnlyWildcards = settings.allowReadOnlyWildcards !== false;
        const managedLabel = managedPolicyLabel(document);
        const options = {
            allowReadOnlyWildcards,
            // AWS managed read-only policies apply their reads to every resource by design: they are judged by
            // the access level they grant, which is what ReadOnlyAccess or SecurityAudit promises.
            allowReadOnlyResourceWildcards: managedLabel !== undefined || settings.allowReadResourceWildcards === true,
            // AWS managed policies state read intent with Get, List and Describe wildcards; see iam/grants.ts.
            readVerbsAreReadOnly: managedLabel !== undefined,
        };

        const problems: string[] = [];
        for (const statement of document.parsed.statements) {
            for (const problem of findWildcardGrants(statement, options)) {
                // A trust policy's resource is the role itself; valid-actions reports a Resource written in one.
                const resourceIsOwner = document.resourceWildcardMeansOwner === true || document.kind === "trust";
                if (problem.kind === "unscoped-resource" && resourceIsOwner) {
                    continue;
                }
                problems.push(sentence(`${statementLabel(statement)}: ${problem.message}`));
            }
        }
        if (managedLabel !== undefined && problems.length > 0) {
            return [
                {
                    message: summarizeManagedPolicy(
                        managedLabel,
                        problems,
                        "Attach a customer managed policy that lists the actions and resources the principal needs.",
                    ),
                },
            ];
        }
        return problems.map((message) => ({ message }));
    },
};
