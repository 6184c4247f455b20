/**
 * The statements of the customer managed policies that the program creates, built from validated config.
 * Pure functions, so that the exact grants can be tested without the Pulumi runtime.
 */
import type { PolicyStatementArgs } from "../components";

/** ARN of an S3 bucket. S3 bucket ARNs carry no region or account. */
export function bucketArn(bucket: string): string {
    return `arn:aws:s3:::${bucket}`;
}

/**
 * EC2 List-level actions that the console's Instances page and `aws ec2 describe-*` need to show instances with
 * their images, volumes, network and security groups. None of them supports resource-level permissions, so
 * `Resource: "*"` grants no more than an ARN would. `ec2:Describe*` is not used, because some of the actions it
 * matches, such as ec2:DescribeInstanceAttribute, can be scoped to resources, so on `"*"` it would be broader.
 */
export const ec2DescribeActions: readonly string[] = [
    "ec2:DescribeAccountAttributes",
    "ec2:DescribeAddresses",
    "ec2:DescribeAvailabilityZones",
    "ec2:DescribeImages",
    "ec2:DescribeInstanceStatus",
    "ec2:DescribeInstanceTypes",
    "ec2:DescribeInstances",
    "ec2:DescribeKeyPairs",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeRegions",
    "ec2:DescribeSecurityGroups",
    "ec2:DescribeSubnets",
    "ec2:DescribeTags",
    "ec2:DescribeVolumes",
    "ec2:DescribeVpcs",
];

/** Actions that change an instance's power state without changing what it is. */
export const ec2InstancePowerActions: readonly string[] = [
    "ec2:RebootInstances",
    "ec2:StartInstances",
    "ec2:StopInstances",
];

/**
 * Statements that let a group see EC2, and start, stop and reboot only the instances in this account and
 * region that carry every tag in `instanceTags` with the given value. Instances without the tags, or with other
 * values, cannot be touched. Creating, terminating and retagging instances is not granted, so a member cannot
 * tag another instance into reach.
 */
export function ec2InstanceControlStatements(
    region: string,
    accountId: string,
    instanceTags: Readonly<Record<string, string>>,
): PolicyStatementArgs[] {
    const tagConditions: Record<string, string> = {};
    for (const [tagKey, tagValue] of Object.entries(instanceTags)) {
        tagConditions[`aws:ResourceTag/${tagKey}`] = tagValue;
    }

    return [
        { sid: "DescribeEc2", actions: ec2DescribeActions, resources: ["*"] },
        {
            sid: "ControlTaggedInstances",
            actions: ec2InstancePowerActions,
            resources: [`arn:aws:ec2:${region}:${accountId}:instance/*`],
            conditions: { StringEquals: tagConditions },
        },
    ];
}

/**
 * Statements that let a group list one bucket and read, write and delete its current objects.
 *
 * Deliberately left out:
 * - s3:ListAllMyBuckets, which would show every bucket name in the account.
 * - s3:GetObjectVersion and s3:DeleteObjectVersion. On a versioned bucket a delete then only adds a delete
 *   marker, and earlier versions stay recoverable.
 * - s3:PutObjectAcl and every bucket-level write, so that members cannot make objects public or change the
 *   bucket's settings.
 */
export function bucketObjectAccessStatements(bucket: string): PolicyStatementArgs[] {
    return [
        { sid: "ListBucket", actions: ["s3:ListBucket"], resources: [bucketArn(bucket)] },
        {
            sid: "ReadWriteObjects",
            actions: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
            resources: [`${bucketArn(bucket)}/*`],
        },
    ];
}

/**
 * Statements that let the deploy role list and upload under `<bucket>/<releasePrefix>/` and nothing else. The
 * `s3:prefix` condition limits listing to keys under the prefix. s3:PutObject also covers multipart uploads;
 * no read or delete is granted, so a compromised build host cannot fetch or remove earlier releases.
 */
export function releaseUploadStatements(bucket: string, releasePrefix: string): PolicyStatementArgs[] {
    return [
        {
            sid: "ListReleases",
            actions: ["s3:ListBucket"],
            resources: [bucketArn(bucket)],
            conditions: { StringLike: { "s3:prefix": `${releasePrefix}/*` } },
        },
        {
            sid: "UploadReleases",
            actions: ["s3:PutObject"],
            resources: [`${bucketArn(bucket)}/${releasePrefix}/*`],
        },
    ];
}
