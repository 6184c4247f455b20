/**
 * Names of the customer managed policies that the program derives from a group's or role's name. Config
 * validation checks them against the IAM policy name rules before anything is created, so they live here,
 * shared by the validation and the program.
 */

/** The policy that lets a group see EC2 and start, stop and reboot its tagged instances. */
export function ec2InstanceControlPolicyName(groupName: string): string {
    return `${groupName}-ec2-instance-control`;
}

/** The policy that lets a group list one bucket and read, write and delete its objects. */
export function bucketObjectAccessPolicyName(groupName: string): string {
    return `${groupName}-bucket-object-access`;
}

/** The policy that denies a group's members everything but setting up MFA until they sign in with MFA. */
export function requireMfaPolicyName(groupName: string): string {
    return `${groupName}-require-mfa`;
}

/** The policy that lets the deploy role upload releases under its prefix. */
export function releaseUploadPolicyName(roleName: string): string {
    return `${roleName}-release-upload`;
}
