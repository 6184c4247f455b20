/**
 * No IAM user gets a long-term access key from the stack.
 */
import { ResourceRule, RuleFinding } from "../lib/rule";
import { showValue } from "../lib/unknowns";

export const noUserAccessKeys: ResourceRule = {
    name: "no-user-access-keys",
    description: "No IAM user has a long-term access key; people and workloads use temporary credentials from roles.",
    reason: "An access key does not expire, works from anywhere and ends up in files, logs and build systems; role sessions expire on their own.",
    enforcementLevel: "mandatory",
    severity: "high",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-workloads-use-roles",

    checkResource(resource): RuleFinding[] {
        if (resource.type !== "aws:iam/accessKey:AccessKey") {
            return [];
        }
        return [
            {
                message: `This creates a long-term access key for user ${showValue(resource.props.user)}. Let the user assume a role with MFA, or give the workload a role (an instance profile, IAM Roles Anywhere or OIDC federation).`,
            },
        ];
    },
};
