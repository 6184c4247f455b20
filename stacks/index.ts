/**
 * The team-iam program: validates the stack's config, then builds Pixel & Spoon's IAM for that environment.
 * The exports below are the stack outputs.
 */
import * as pulumi from "@pulumi/pulumi";

import { loadStackConfig } from "./config";
import { buildOrganisation } from "./organisation";

const config = loadStackConfig();
const organisation = buildOrganisation(config);

/** ARN of each user, keyed by user name. */
export const userArns = Object.fromEntries(
    Object.entries(organisation.users).map(([userName, user]) => [userName, user.arn]),
);

/**
 * Initial console password of each user with console access, keyed by user name. A secret: read it with
 * `pulumi stack output --show-secrets` and hand it over privately, because the user must change it at first sign-in.
 */
export const initialPasswords = pulumi.secret(
    Object.fromEntries(
        Object.entries(organisation.users)
            .filter(([, user]) => user.initialPassword !== undefined)
            .map(([userName, user]) => [userName, user.initialPassword]),
    ),
);

/** Name of each group. */
export const groupNames = Object.values(organisation.groups).map((group) => group.groupName);

/** ARN of each customer managed policy that the program wrote, keyed by policy name. */
export const policyArns = Object.fromEntries(
    Object.entries(organisation.policies).map(([policyName, policy]) => [policyName, policy.arn]),
);

/** ARN of the role that the auditor's account assumes. */
export const auditorRoleArn = organisation.auditorRole.arn;

/** ARN of the CI/CD deploy role. */
export const deployRoleArn = organisation.deployRole.arn;

/** Name of the instance profile to launch CI/CD build hosts with. */
export const deployInstanceProfileName = organisation.deployRole.instanceProfileName;
