/**
 * Names of the customer managed policies that the program derives from a group's or role's name. Config
 * validation checks them against the IAM policy name rules before anything is created, so they live here,
 * shared by the validation and the program.
 */

/** Returns the name of the policy that lets a group see EC2 and start, stop and reboot its tagged instances. */
export function ec2InstanceControlPolicyName(groupName: string): string {
    return `${groupName}-ec2-instance-control`;
}

/** Returns the name of the policy that lets a group list one bucket and read, write and delete its objects. */
export function bucketObjectAccessPolicyName(groupName: string): string {
    return `${groupName}-bucket-object-access`;
}

/** Returns the component name of a group's MFA policy, which TeamGroup also autonames the policy from. */
export function requireMfaPolicyName(groupName: string): string {
    return `${groupName}-require-mfa`;
}

/** Returns the name of the policy that lets the deploy role upload releases under its prefix. */
export function releaseUploadPolicyName(roleName: string): string {
    return `${roleName}-release-upload`;
}
