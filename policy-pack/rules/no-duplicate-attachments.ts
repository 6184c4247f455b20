/**
 * No managed policy is attached to the same role, user or group by more than one resource.
 */
import { ResourceUnderReview, StackFinding, StackRule } from "../lib/rule";
import { isUnknown } from "../lib/unknowns";

interface Attachment {
    readonly principal: string;
    readonly policyArn: string;
    readonly resource: ResourceUnderReview;
}

const singleAttachmentTypes: Readonly<Record<string, { property: string; kind: string }>> = {
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": { property: "role", kind: "role" },
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": { property: "user", kind: "user" },
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": { property: "group", kind: "group" },
};

function isKnownString(value: unknown): value is string {
    return typeof value === "string" && value !== "" && !isUnknown(value);
}

/** Lists every known (principal, policy) pair that a resource attaches. */
function attachmentsOf(resource: ResourceUnderReview): Attachment[] {
    const props = resource.props;
    const single = singleAttachmentTypes[resource.type];
    if (single !== undefined) {
        const principal = props[single.property];
        return isKnownString(principal) && isKnownString(props.policyArn)
            ? [{ principal: `${single.kind} ${principal}`, policyArn: props.policyArn, resource }]
            : [];
    }
    if (resource.type === "aws:iam/policyAttachment:PolicyAttachment" && isKnownString(props.policyArn)) {
        const policyArn = props.policyArn;
        return (["roles", "users", "groups"] as const).flatMap((property) =>
            (Array.isArray(props[property]) ? (props[property] as unknown[]) : [])
                .filter(isKnownString)
                .map((principal) => ({ principal: `${property.slice(0, -1)} ${principal}`, policyArn, resource })),
        );
    }
    if (resource.type === "aws:iam/role:Role" && isKnownString(props.name) && Array.isArray(props.managedPolicyArns)) {
        const role = props.name;
        return props.managedPolicyArns
            .filter(isKnownString)
            .map((policyArn) => ({ principal: `role ${role}`, policyArn, resource }));
    }
    return [];
}

export const noDuplicateAttachments: StackRule = {
    name: "no-duplicate-attachments",
    description: "Each managed policy is attached to a role, user or group by exactly one resource.",
    reason: "IAM keeps one attachment per principal and policy, so when either of two resources that attach it is deleted, the other one's attachment is gone too, and the next update flaps.",
    enforcementLevel: "mandatory",
    severity: "low",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_manage-attach-detach.html",

    checkStack(resources): StackFinding[] {
        const firstByKey = new Map<string, Attachment>();
        const findings: StackFinding[] = [];
        for (const attachment of resources.flatMap(attachmentsOf)) {
            const key = `${attachment.principal}\n${attachment.policyArn}`;
            const first = firstByKey.get(key);
            if (first === undefined) {
                firstByKey.set(key, attachment);
                continue;
            }
            if (first.resource.urn === attachment.resource.urn) {
                continue;
            }
            findings.push({
                urn: attachment.resource.urn,
                message: `${attachment.policyArn} is attached to ${attachment.principal} by both "${first.resource.name}" and "${attachment.resource.name}". Remove one of the two attachments.`,
            });
        }
        return findings;
    },
};
