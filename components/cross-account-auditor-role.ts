/**
 * CrossAccountAuditorRole: a read-only role that principals of one trusted account assume with MFA, for
 * auditors who work from their own account. Only the trusted account's root principal is named, which lets
 * that account's administrators decide who among their principals may assume it.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { ComponentArgumentsError, describeComponent, throwIfProblems } from "./errors";
import { awsManagedPolicyArn, PolicyReference } from "./policy-reference";
import { attachRolePolicies, validateCommonRoleArgs } from "./role-arguments";
import { accountTrustStatement, defaultMaxMfaAgeSeconds, trustPolicy } from "./trust-policy";
import { validateAccountId, validateExternalId, validateIsoDate, validateMfaAge } from "./validation";

/** Arguments of a CrossAccountAuditorRole. */
export interface CrossAccountAuditorRoleArgs {
    /** The 12-digit id of the account whose principals may assume the role; only its root principal is trusted. */
    readonly trustedAccountId: string;
    /** Physical role name; default: autonamed from the component name with a random suffix. */
    readonly roleName?: string;
    /** IAM path of the role; default: "/". */
    readonly path?: string;
    /** Description of the role; default: a sentence naming the trusted account. */
    readonly description?: string;
    /** External id the caller must pass (2 to 1,224 characters of letters, digits and +=,.@:/_-); default: none required. */
    readonly externalId?: pulumi.Input<string>;
    /** Maximum session duration in seconds, 3600 to 43200; default: 3600 (1 hour). */
    readonly maxSessionDuration?: number;
    /** Oldest MFA authentication accepted when assuming the role, in seconds; default: 3600. */
    readonly maxMfaAgeSeconds?: number;
    /** ISO 8601 date or date-time after which the role can no longer be assumed; default: no end. */
    readonly accessEndDate?: string;
    /** Managed policies attached to the role; default: the AWS managed ReadOnlyAccess and SecurityAudit. */
    readonly policies?: readonly PolicyReference[];
    /** ARN of the managed policy that bounds the role's permissions; default: no boundary. */
    readonly permissionsBoundary?: pulumi.Input<string>;
    /** Tags of the role; default: none. */
    readonly tags?: pulumi.Input<Record<string, string>>;
}

/**
 * Default session limit of the auditor role: 1 hour, the IAM default and the policy pack's default bound for
 * roles that people assume. A longer audit session is a decision to write down: set maxSessionDuration.
 */
export const defaultAuditorSessionDurationSeconds = 3600;

/** Sid of the trust statement, which tools can look for. */
export const auditorTrustStatementSid = "TrustedAccountWithMfa";

/** Returns the policies an auditor role gets when none are given. */
export function defaultAuditorPolicies(): string[] {
    return [awsManagedPolicyArn("ReadOnlyAccess"), awsManagedPolicyArn("SecurityAudit")];
}

/** Validates every argument of a CrossAccountAuditorRole named `name`; returns the problems, empty when valid. */
export function validateCrossAccountAuditorRoleArgs(name: string, args: CrossAccountAuditorRoleArgs): string[] {
    const problems = [...validateAccountId("trustedAccountId", args.trustedAccountId)];
    if (typeof args.externalId === "string") {
        problems.push(...validateExternalId("externalId", args.externalId));
    }
    if (args.maxMfaAgeSeconds !== undefined) {
        problems.push(...validateMfaAge("maxMfaAgeSeconds", args.maxMfaAgeSeconds));
    }
    if (args.accessEndDate !== undefined) {
        problems.push(...validateIsoDate("accessEndDate", args.accessEndDate));
    }
    problems.push(...validateCommonRoleArgs(name, args));
    return problems;
}

/** A read-only role assumed with MFA from one trusted account. */
export class CrossAccountAuditorRole extends pulumi.ComponentResource {
    /** The IAM role. */
    public readonly role: aws.iam.Role;
    /** Physical name of the role. */
    public readonly roleName: pulumi.Output<string>;
    /** ARN of the role, which the auditors assume. */
    public readonly arn: pulumi.Output<string>;
    /** The trust policy as JSON. */
    public readonly trustPolicy: pulumi.Output<string>;
    /** Policy attachments keyed by policy key. */
    public readonly policyAttachments: Readonly<Record<string, aws.iam.RolePolicyAttachment>>;

    constructor(name: string, args: CrossAccountAuditorRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        const subject = describeComponent("CrossAccountAuditorRole", name);
        throwIfProblems(subject, validateCrossAccountAuditorRoleArgs(name, args));
        super("least-privilege-iam:index:CrossAccountAuditorRole", name, {}, opts);

        const policies = args.policies ?? defaultAuditorPolicies();
        const description =
            args.description ??
            `Read-only audit access for principals of account ${args.trustedAccountId} who signed in with MFA`;

        this.trustPolicy = pulumi.output(args.externalId).apply((externalId) => {
            // An external id given as an output is validated here, once its value is known.
            if (externalId !== undefined) {
                throwIfProblems(subject, validateExternalId("externalId", externalId));
            }
            try {
                return trustPolicy([
                    accountTrustStatement({
                        sid: auditorTrustStatementSid,
                        accountIds: [args.trustedAccountId],
                        maxMfaAgeSeconds: args.maxMfaAgeSeconds ?? defaultMaxMfaAgeSeconds,
                        externalIds: externalId === undefined ? undefined : [externalId],
                        accessEndDate: args.accessEndDate,
                    }),
                ]);
            } catch (error) {
                if (error instanceof ComponentArgumentsError) {
                    throw new ComponentArgumentsError(subject, error.problems);
                }
                throw error;
            }
        });
        this.role = new aws.iam.Role(
            name,
            {
                name: args.roleName,
                path: args.path ?? "/",
                description,
                assumeRolePolicy: this.trustPolicy,
                maxSessionDuration: args.maxSessionDuration ?? defaultAuditorSessionDurationSeconds,
                permissionsBoundary: args.permissionsBoundary,
                tags: args.tags,
            },
            { parent: this },
        );
        this.roleName = this.role.name;
        this.arn = this.role.arn;
        this.policyAttachments = attachRolePolicies(name, this.role, policies, this);

        this.registerOutputs({
            role: this.role,
            roleName: this.roleName,
            arn: this.arn,
            trustPolicy: this.trustPolicy,
        });
    }
}
