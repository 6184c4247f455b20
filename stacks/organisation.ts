/**
 * Builds the organisation's IAM from validated config with the component library: users, groups with their
 * policies, the external auditor's role and the CI/CD deploy role.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import {
    awsManagedPolicyArn,
    CrossAccountAuditorRole,
    Ec2ServiceRole,
    LeastPrivilegePolicy,
    PolicyReference,
    TeamGroup,
    TeamUser,
} from "../components";
import { GroupConfig, StackConfig } from "./config";
import { bucketObjectAccessPolicyName, ec2InstanceControlPolicyName, releaseUploadPolicyName } from "./naming";
import { bucketObjectAccessStatements, ec2InstanceControlStatements, releaseUploadStatements } from "./policies";

/** The components the program created, keyed by user, group and policy name. */
export interface Organisation {
    readonly provider: aws.Provider;
    readonly users: Readonly<Record<string, TeamUser>>;
    readonly groups: Readonly<Record<string, TeamGroup>>;
    /** Customer managed policies that the program wrote, keyed by policy name. */
    readonly policies: Readonly<Record<string, LeastPrivilegePolicy>>;
    readonly auditorRole: CrossAccountAuditorRole;
    readonly deployRole: Ec2ServiceRole;
}

/**
 * Descriptions of the customer managed policies. They name no config value, because a policy's description is
 * immutable, so a new one replaces the policy, and a replacement under the same fixed name fails:
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreatePolicy.html
 */
export const policyDescriptions = {
    ec2InstanceControl: "Lets the group see EC2 and start, stop and reboot the instances that carry its tags.",
    bucketObjectAccess: "Lets the group list one bucket and read, write and delete its objects.",
    releaseUpload: "Lets the deploy role list and upload releases under one bucket prefix, and nothing else.",
} as const;

function buildGroupPolicies(
    config: StackConfig,
    group: GroupConfig,
    opts: pulumi.ComponentResourceOptions,
): LeastPrivilegePolicy[] {
    const policies: LeastPrivilegePolicy[] = [];
    if (group.ec2InstanceControl !== undefined) {
        const policyName = ec2InstanceControlPolicyName(group.groupName);
        policies.push(
            new LeastPrivilegePolicy(
                policyName,
                {
                    policyName,
                    description: policyDescriptions.ec2InstanceControl,
                    statements: ec2InstanceControlStatements(
                        config.region,
                        config.accountId,
                        group.ec2InstanceControl.instanceTags,
                    ),
                },
                opts,
            ),
        );
    }
    if (group.bucketObjectAccess !== undefined) {
        const policyName = bucketObjectAccessPolicyName(group.groupName);
        policies.push(
            new LeastPrivilegePolicy(
                policyName,
                {
                    policyName,
                    description: policyDescriptions.bucketObjectAccess,
                    statements: bucketObjectAccessStatements(group.bucketObjectAccess.bucket),
                },
                opts,
            ),
        );
    }
    return policies;
}

/**
 * Creates every resource of the stack through one provider. The provider is pinned to the configured account,
 * so it refuses credentials of another account, such as dev's with prod's config. It also tags every taggable
 * resource with `tags`.
 */
export function buildOrganisation(config: StackConfig): Organisation {
    const provider = new aws.Provider("aws", {
        region: config.region as aws.Region,
        allowedAccountIds: [config.accountId],
        defaultTags: { tags: { ...config.tags } },
    });
    const opts: pulumi.ComponentResourceOptions = { providers: [provider] };

    const users: Record<string, TeamUser> = {};
    for (const user of config.users) {
        users[user.userName] = new TeamUser(
            user.userName,
            {
                userName: user.userName,
                policies: user.awsManagedPolicies.map(awsManagedPolicyArn),
                accessEndDate: user.accessEndDate,
                consoleLogin: user.consoleLogin ? {} : undefined,
            },
            opts,
        );
    }

    const groups: Record<string, TeamGroup> = {};
    const policies: Record<string, LeastPrivilegePolicy> = {};
    for (const group of config.groups) {
        const groupPolicies = buildGroupPolicies(config, group, opts);
        for (const policy of groupPolicies) {
            policies[policy.componentName] = policy;
        }
        const references: PolicyReference[] = [...group.awsManagedPolicies.map(awsManagedPolicyArn), ...groupPolicies];
        groups[group.groupName] = new TeamGroup(
            group.groupName,
            {
                groupName: group.groupName,
                // The users' outputs, not the plain names, so that each membership waits for its users.
                members: group.members.map((member) => users[member].userName),
                policies: references,
                requireMfa: group.requireMfa ? { accountId: config.accountId } : undefined,
            },
            opts,
        );
    }

    const auditor = config.auditor;
    const auditorRole = new CrossAccountAuditorRole(
        auditor.roleName,
        {
            roleName: auditor.roleName,
            description: `Read-only audit access for account ${auditor.trustedAccountId}, with MFA, until ${auditor.accessEndDate}.`,
            trustedAccountId: auditor.trustedAccountId,
            externalId: auditor.externalId,
            accessEndDate: auditor.accessEndDate,
            maxSessionDuration: auditor.maxSessionDurationSeconds,
            maxMfaAgeSeconds: auditor.maxMfaAgeSeconds,
        },
        opts,
    );

    const deploy = config.deployRole;
    const releaseUploadName = releaseUploadPolicyName(deploy.roleName);
    const releaseUpload = new LeastPrivilegePolicy(
        releaseUploadName,
        {
            policyName: releaseUploadName,
            description: policyDescriptions.releaseUpload,
            statements: releaseUploadStatements(deploy.bucket, deploy.releasePrefix),
        },
        opts,
    );
    policies[releaseUploadName] = releaseUpload;
    const deployRole = new Ec2ServiceRole(
        deploy.roleName,
        {
            roleName: deploy.roleName,
            instanceProfileName: deploy.instanceProfileName,
            description: `CI/CD deploy role for EC2 build hosts: uploads releases to s3://${deploy.bucket}/${deploy.releasePrefix}/.`,
            policies: [releaseUpload],
            maxSessionDuration: deploy.maxSessionDurationSeconds,
        },
        opts,
    );

    return { provider, users, groups, policies, auditorRole, deployRole };
}
