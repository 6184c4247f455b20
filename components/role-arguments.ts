/**
 * Helpers shared by the role components: validation of the role arguments they have in common, and one
 * RolePolicyAttachment per managed policy, keyed by the policy.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import {
    isManagedPolicyArn,
    policyArn,
    policyKey,
    PolicyReference,
    validatePolicyReferences,
} from "./policy-reference";
import {
    quote,
    validateAutonamedName,
    validateDescription,
    validateName,
    validatePath,
    validateSessionDuration,
    validateTags,
} from "./validation";

/** Arguments that every role component accepts. */
export interface CommonRoleArgs {
    readonly roleName?: string;
    readonly path?: string;
    readonly description?: string;
    readonly policies?: readonly PolicyReference[];
    readonly maxSessionDuration?: number;
    readonly permissionsBoundary?: pulumi.Input<string>;
    readonly tags?: pulumi.Input<Record<string, string>>;
}

/** Validates the role arguments common to the role components; returns the problems, empty when valid. */
export function validateCommonRoleArgs(name: string, args: CommonRoleArgs): string[] {
    const problems: string[] = [];
    if (args.roleName !== undefined) {
        problems.push(...validateName("roleName", args.roleName, "role"));
    } else {
        problems.push(...validateAutonamedName("roleName", name, "role"));
    }
    if (args.path !== undefined) {
        problems.push(...validatePath("path", args.path));
    }
    if (args.description !== undefined) {
        problems.push(...validateDescription("description", args.description));
    }
    if (args.maxSessionDuration !== undefined) {
        problems.push(...validateSessionDuration("maxSessionDuration", args.maxSessionDuration));
    }
    if (typeof args.permissionsBoundary === "string" && !isManagedPolicyArn(args.permissionsBoundary)) {
        problems.push(`permissionsBoundary ${quote(args.permissionsBoundary)} is not a managed policy ARN`);
    }
    problems.push(...validatePolicyReferences("policies", args.policies ?? []));
    problems.push(...validateTags("tags", args.tags));
    return problems;
}

/** Attaches each policy to the role with its own RolePolicyAttachment named `<component>-<policy key>`. */
export function attachRolePolicies(
    componentName: string,
    role: aws.iam.Role,
    policies: readonly PolicyReference[],
    parent: pulumi.Resource,
): Record<string, aws.iam.RolePolicyAttachment> {
    const attachments: Record<string, aws.iam.RolePolicyAttachment> = {};
    for (const reference of policies) {
        const key = policyKey(reference);
        attachments[key] = new aws.iam.RolePolicyAttachment(
            `${componentName}-${key}`,
            { role: role.name, policyArn: policyArn(reference) },
            { parent },
        );
    }
    return attachments;
}
