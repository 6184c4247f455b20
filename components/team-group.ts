/**
 * TeamGroup: an IAM group that carries a team's permissions. It owns its whole roster through one
 * aws.iam.GroupMembership, attaches each managed policy with its own GroupPolicyAttachment keyed by the
 * policy, and can require MFA for every member through a RequireMfaPolicy.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { describeComponent, throwIfProblems } from "./errors";
import { policyArn, policyKey, PolicyReference, validatePolicyReferences } from "./policy-reference";
import { RequireMfaPolicy } from "./require-mfa-policy";
import { maxPolicyNameLength } from "../iam/limits";
import { autonameSuffixLength, quote, validateAccountId, validateName, validatePath } from "./validation";

/** Arguments of a TeamGroup. */
export interface TeamGroupArgs {
    /** Physical group name; default: the component name. */
    readonly groupName?: string;
    /** IAM path of the group; default: "/". */
    readonly path?: string;
    /** User names of every member (pass `teamUser.userName` so membership depends on the user); default: no roster managed. */
    readonly members?: readonly pulumi.Input<string>[];
    /** Managed policies attached to the group; default: none. */
    readonly policies?: readonly PolicyReference[];
    /** When set, a RequireMfaPolicy for that account is created and attached; it counts toward the 10 policies. */
    readonly requireMfa?: { readonly accountId: string };
}

/** Validates every argument of a TeamGroup named `name`; returns the problems, empty when valid. */
export function validateTeamGroupArgs(name: string, args: TeamGroupArgs): string[] {
    const problems: string[] = [];
    const groupNameArgument = args.groupName !== undefined ? "groupName" : "groupName (the component name)";
    problems.push(...validateName(groupNameArgument, args.groupName ?? name, "group"));
    if (args.path !== undefined) {
        problems.push(...validatePath("path", args.path));
    }

    const members = args.members ?? [];
    const seen = new Set<string>();
    members.forEach((member, index) => {
        if (typeof member !== "string") {
            return;
        }
        problems.push(...validateName(`members[${index}]`, member, "user"));
        if (seen.has(member)) {
            problems.push(`members contains ${quote(member)} more than once; list each user once`);
        }
        seen.add(member);
    });

    const ownPolicies = args.requireMfa !== undefined ? [requireMfaPolicyName(name)] : [];
    problems.push(...validatePolicyReferences("policies", args.policies ?? [], ownPolicies));
    if (args.requireMfa !== undefined) {
        problems.push(...validateAccountId("requireMfa.accountId", args.requireMfa.accountId));
        problems.push(...validateRequireMfaPolicyName(name));
    }
    return problems;
}

/**
 * Validates that the MFA policy's autonamed physical name, `<group>-require-mfa` plus the provider's random
 * suffix, fits the policy name quota, because the policy is created after the group.
 */
function validateRequireMfaPolicyName(name: string): string[] {
    const policyName = requireMfaPolicyName(name);
    const maxComponentNameLength = maxPolicyNameLength - autonameSuffixLength - (policyName.length - name.length);
    if (policyName.length + autonameSuffixLength > maxPolicyNameLength) {
        return [
            `requireMfa names its policy ${quote(policyName)} plus ${autonameSuffixLength} random characters, ` +
                `which is over the ${maxPolicyNameLength}-character policy name quota; shorten the component name ` +
                `to at most ${maxComponentNameLength} characters`,
        ];
    }
    return [];
}

/** Component name of the RequireMfaPolicy that a group creates, which is also its attachment key. */
function requireMfaPolicyName(groupComponentName: string): string {
    return `${groupComponentName}-require-mfa`;
}

/** An IAM group with its roster and its managed policies. */
export class TeamGroup extends pulumi.ComponentResource {
    /** The IAM group. */
    public readonly group: aws.iam.Group;
    /** Physical name of the group. */
    public readonly groupName: pulumi.Output<string>;
    /** ARN of the group. */
    public readonly arn: pulumi.Output<string>;
    /** The membership that owns the group's whole roster, when members are given. */
    public readonly membership?: aws.iam.GroupMembership;
    /** The MFA policy, when requireMfa is set. */
    public readonly requireMfaPolicy?: RequireMfaPolicy;
    /** Policy attachments keyed by policy key. */
    public readonly policyAttachments: Readonly<Record<string, aws.iam.GroupPolicyAttachment>>;

    constructor(name: string, args: TeamGroupArgs, opts?: pulumi.ComponentResourceOptions) {
        throwIfProblems(describeComponent("TeamGroup", name), validateTeamGroupArgs(name, args));
        super("least-privilege-iam:index:TeamGroup", name, {}, opts);

        const members = args.members ?? [];
        const policies: PolicyReference[] = [...(args.policies ?? [])];

        this.group = new aws.iam.Group(
            name,
            { name: args.groupName ?? name, path: args.path ?? "/" },
            { parent: this },
        );
        this.groupName = this.group.name;
        this.arn = this.group.arn;

        if (members.length > 0) {
            this.membership = new aws.iam.GroupMembership(
                `${name}-membership`,
                { name: `${name}-membership`, group: this.group.name, users: [...members] },
                { parent: this },
            );
        }

        if (args.requireMfa !== undefined) {
            this.requireMfaPolicy = new RequireMfaPolicy(
                requireMfaPolicyName(name),
                { accountId: args.requireMfa.accountId, path: args.path },
                { parent: this },
            );
            policies.push(this.requireMfaPolicy);
        }

        const attachments: Record<string, aws.iam.GroupPolicyAttachment> = {};
        for (const reference of policies) {
            const key = policyKey(reference);
            attachments[key] = new aws.iam.GroupPolicyAttachment(
                `${name}-${key}`,
                { group: this.group.name, policyArn: policyArn(reference) },
                { parent: this },
            );
        }
        this.policyAttachments = attachments;

        this.registerOutputs({
            group: this.group,
            groupName: this.groupName,
            arn: this.arn,
            membership: this.membership,
        });
    }
}
