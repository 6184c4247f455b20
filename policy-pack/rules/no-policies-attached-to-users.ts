/**
 * Users receive permissions through groups, not policies of their own.
 */
import { isAllow } from "../../iam/document";
import { prepareDocument } from "../lib/review";
import { ResourceRule, RuleFinding } from "../lib/rule";
import { showValue } from "../lib/unknowns";

const userPolicyTypes: Readonly<Record<string, string>> = {
    "aws:iam/userPolicy:UserPolicy": "an inline policy",
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": "a managed policy",
};

export const noPoliciesAttachedToUsers: ResourceRule = {
    name: "no-policies-attached-to-users",
    description: "Users receive permissions through group membership; no policy is attached to a user directly.",
    reason: "Permissions attached to individual users drift apart and are hard to review or revoke together; a group states once what a job needs.",
    enforcementLevel: "advisory",
    severity: "low",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#use-groups-for-permissions",

    checkResource(resource): RuleFinding[] {
        const kind = userPolicyTypes[resource.type];
        if (resource.type === "aws:iam/userPolicy:UserPolicy") {
            // An inline policy of Deny statements only, such as an access end date, grants the user nothing.
            const prepared = prepareDocument(resource.props.policy, "identity");
            if (prepared.known && prepared.review.parsed.statements.every((statement) => !isAllow(statement))) {
                return [];
            }
        }
        if (kind !== undefined) {
            return [
                {
                    message: `This gives user ${showValue(resource.props.user)} ${kind} of its own. Attach the policy to a group and add the user to it.`,
                },
            ];
        }
        const users = resource.props.users;
        if (resource.type === "aws:iam/policyAttachment:PolicyAttachment" && Array.isArray(users) && users.length > 0) {
            return [
                {
                    message: `This attaches ${showValue(resource.props.policyArn)} to users ${users.map(showValue).join(", ")} directly. Attach the policy to a group and add the users to it.`,
                },
            ];
        }
        return [];
    },
};
