/**
 * RequireMfaPolicy: the AWS-documented managed policy that lets IAM users set up their own virtual MFA
 * device and change their own password, and denies every other action until they sign in with MFA.
 * Source: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage-mfa-only.html
 * It is a LeastPrivilegePolicy, so it passes the same checks and can be attached wherever one can.
 */
import * as pulumi from "@pulumi/pulumi";

import { describeComponent, throwIfProblems } from "./errors";
import { LeastPrivilegePolicy, PolicyStatementArgs, validateLeastPrivilegePolicyArgs } from "./least-privilege-policy";
import { validateAccountId } from "./validation";

/** Arguments of a RequireMfaPolicy. */
export interface RequireMfaPolicyArgs {
    /** The 12-digit id of the account whose users the policy is for; it scopes the user and MFA device ARNs. */
    readonly accountId: string;
    /** IAM path of the policy; default: "/". */
    readonly path?: string;
    /** Physical policy name; default: autonamed from the component name with a random suffix. */
    readonly policyName?: string;
    /** Description shown in the IAM console; default: a sentence saying what the policy denies without MFA. */
    readonly description?: string;
    /** Tags of the policy; default: none. */
    readonly tags?: pulumi.Input<Record<string, string>>;
}

/**
 * Actions a user without MFA keeps: what it takes to set up a virtual MFA device, get an MFA session and
 * change the initial console password.
 */
export const actionsAllowedWithoutMfa: readonly string[] = [
    "iam:CreateVirtualMFADevice",
    "iam:EnableMFADevice",
    "iam:ListMFADevices",
    "iam:ListVirtualMFADevices",
    "iam:ResyncMFADevice",
    "iam:ChangePassword",
    "iam:GetAccountPasswordPolicy",
    "sts:GetSessionToken",
];

const defaultDescription =
    "Denies every action except setting up one's own virtual MFA device and changing one's own password " +
    "unless the request was authenticated with MFA";

/** Builds the statements of the policy for the users of one account, in document order. */
export function requireMfaStatements(accountId: string): PolicyStatementArgs[] {
    const ownUser = `arn:aws:iam::${accountId}:user/\${aws:username}`;
    const ownMfaDevice = `arn:aws:iam::${accountId}:mfa/\${aws:username}`;
    return [
        {
            sid: "AllowViewAccountInfo",
            actions: ["iam:GetAccountPasswordPolicy", "iam:ListVirtualMFADevices"],
            resources: ["*"],
        },
        {
            sid: "AllowManageOwnVirtualMFADevice",
            actions: ["iam:CreateVirtualMFADevice"],
            resources: [ownMfaDevice],
        },
        {
            sid: "AllowManageOwnUserMFA",
            actions: ["iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice"],
            resources: [ownUser],
        },
        {
            sid: "AllowChangeOwnPassword",
            actions: ["iam:ChangePassword"],
            resources: [ownUser],
        },
        {
            sid: "DenyAllExceptListedIfNoMFA",
            effect: "Deny",
            notActions: actionsAllowedWithoutMfa,
            resources: ["*"],
            // BoolIfExists also denies long-term access keys, whose requests carry no MFA key at all.
            conditions: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
        },
    ];
}

// A valid stand-in, so that a bad account id does not hide the other problems of the generated policy.
const placeholderAccountId = "000000000000";

function policyArgs(args: RequireMfaPolicyArgs, accountId: string) {
    return {
        policyName: args.policyName,
        path: args.path,
        description: args.description ?? defaultDescription,
        statements: requireMfaStatements(accountId),
        tags: args.tags,
    };
}

/** Validates every argument of a RequireMfaPolicy named `name`; returns the problems, empty when valid. */
export function validateRequireMfaPolicyArgs(name: string, args: RequireMfaPolicyArgs): string[] {
    const accountProblems = validateAccountId("accountId", args.accountId);
    const accountId = accountProblems.length === 0 ? args.accountId : placeholderAccountId;
    return [...accountProblems, ...validateLeastPrivilegePolicyArgs(name, policyArgs(args, accountId))];
}

/** A managed policy that denies everything but MFA self-service to a user who signed in without MFA. */
export class RequireMfaPolicy extends LeastPrivilegePolicy {
    protected static readonly componentKind: string = "RequireMfaPolicy";

    constructor(name: string, args: RequireMfaPolicyArgs, opts?: pulumi.ComponentResourceOptions) {
        throwIfProblems(describeComponent("RequireMfaPolicy", name), validateRequireMfaPolicyArgs(name, args));
        super(name, policyArgs(args, args.accountId), opts);
    }
}
