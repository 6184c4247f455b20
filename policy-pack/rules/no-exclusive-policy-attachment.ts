/**
 * The stack does not use aws.iam.PolicyAttachment, which owns every attachment of its policy account-wide.
 */
import { ResourceRule, RuleFinding } from "../lib/rule";
import { showValue } from "../lib/unknowns";

export const noExclusivePolicyAttachment: ResourceRule = {
    name: "no-exclusive-policy-attachment",
    description:
        "Managed policies are attached with RolePolicyAttachment, UserPolicyAttachment or GroupPolicyAttachment, never with the exclusive aws.iam.PolicyAttachment.",
    reason: "The exclusive aws.iam.PolicyAttachment manages every attachment of its policy in the account: an update detaches the policy from principals that other stacks or people attached it to.",
    enforcementLevel: "mandatory",
    severity: "high",
    url: "https://www.pulumi.com/registry/packages/aws/api-docs/iam/policyattachment/",

    checkResource(resource): RuleFinding[] {
        if (resource.type !== "aws:iam/policyAttachment:PolicyAttachment") {
            return [];
        }
        return [
            {
                message: `aws.iam.PolicyAttachment attaches ${showValue(resource.props.policyArn)} exclusively and detaches it from every principal it does not list. Use one RolePolicyAttachment, UserPolicyAttachment or GroupPolicyAttachment per principal instead.`,
            },
        ];
    },
};
