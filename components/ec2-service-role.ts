/**
 * Ec2ServiceRole: a role that EC2 instances assume through an instance profile. Its trust policy names only
 * the EC2 service principal and carries no MFA condition, because a service never presents MFA.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { describeComponent, throwIfProblems } from "./errors";
import { PolicyReference } from "./policy-reference";
import { attachRolePolicies, validateCommonRoleArgs } from "./role-arguments";
import { serviceTrustStatement, trustPolicy } from "./trust-policy";
import { validateName } from "./validation";

/** Arguments of an Ec2ServiceRole. */
export interface Ec2ServiceRoleArgs {
    /** Physical role name; default: autonamed from the component name with a random suffix. */
    readonly roleName?: string;
    /** Physical instance profile name; default: the role's name. */
    readonly instanceProfileName?: string;
    /** IAM path of the role and the instance profile; default: "/". */
    readonly path?: string;
    /** Description of the role; default: none. */
    readonly description?: string;
    /** Managed policies attached to the role; default: none. */
    readonly policies?: readonly PolicyReference[];
    /** Maximum session duration in seconds, 3600 to 43200; default: 3600 (1 hour). */
    readonly maxSessionDuration?: number;
    /** ARN of the managed policy that bounds the role's permissions; default: no boundary. */
    readonly permissionsBoundary?: pulumi.Input<string>;
    /** Tags of the role and the instance profile; default: none. */
    readonly tags?: pulumi.Input<Record<string, string>>;
}

/** The service principal that EC2 instances assume roles as. */
export const ec2ServicePrincipal = "ec2.amazonaws.com";

/** Default session limit of an instance role, in seconds. */
export const defaultEc2SessionDurationSeconds = 3600;

/** Validates every argument of an Ec2ServiceRole named `name`; returns the problems, empty when valid. */
export function validateEc2ServiceRoleArgs(name: string, args: Ec2ServiceRoleArgs): string[] {
    const problems = validateCommonRoleArgs(name, args);
    if (args.instanceProfileName !== undefined) {
        problems.push(...validateName("instanceProfileName", args.instanceProfileName, "instance profile"));
    }
    return problems;
}

/** A role for EC2 instances, with its instance profile. */
export class Ec2ServiceRole extends pulumi.ComponentResource {
    /** The IAM role. */
    public readonly role: aws.iam.Role;
    /** Physical name of the role. */
    public readonly roleName: pulumi.Output<string>;
    /** ARN of the role. */
    public readonly arn: pulumi.Output<string>;
    /** The instance profile that launches instances with the role. */
    public readonly instanceProfile: aws.iam.InstanceProfile;
    /** Physical name of the instance profile. */
    public readonly instanceProfileName: pulumi.Output<string>;
    /** ARN of the instance profile. */
    public readonly instanceProfileArn: pulumi.Output<string>;
    /** Policy attachments keyed by policy key. */
    public readonly policyAttachments: Readonly<Record<string, aws.iam.RolePolicyAttachment>>;

    constructor(name: string, args: Ec2ServiceRoleArgs, opts?: pulumi.ComponentResourceOptions) {
        throwIfProblems(describeComponent("Ec2ServiceRole", name), validateEc2ServiceRoleArgs(name, args));
        super("least-privilege-iam:index:Ec2ServiceRole", name, {}, opts);

        const path = args.path ?? "/";

        this.role = new aws.iam.Role(
            name,
            {
                name: args.roleName,
                path,
                description: args.description,
                assumeRolePolicy: trustPolicy([serviceTrustStatement(ec2ServicePrincipal)]),
                maxSessionDuration: args.maxSessionDuration ?? defaultEc2SessionDurationSeconds,
                permissionsBoundary: args.permissionsBoundary,
                tags: args.tags,
            },
            { parent: this },
        );
        this.roleName = this.role.name;
        this.arn = this.role.arn;
        this.policyAttachments = attachRolePolicies(name, this.role, args.policies ?? [], this);

        this.instanceProfile = new aws.iam.InstanceProfile(
            `${name}-instance-profile`,
            { name: args.instanceProfileName ?? this.role.name, path, role: this.role.name, tags: args.tags },
            { parent: this },
        );
        this.instanceProfileName = this.instanceProfile.name;
        this.instanceProfileArn = this.instanceProfile.arn;

        this.registerOutputs({
            role: this.role,
            roleName: this.roleName,
            arn: this.arn,
            instanceProfile: this.instanceProfile,
            instanceProfileName: this.instanceProfileName,
            instanceProfileArn: this.instanceProfileArn,
        });
    }
}
