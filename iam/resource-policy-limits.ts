/**
 * Size quotas of resource policies that the policy pack checks, in one place next to the IAM quotas in
 * limits.ts. Each counts the document as the service stores it.
 */

/**
 * Maximum size of an S3 bucket policy, in bytes (20 KB). Source:
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucket-policies.html
 */
export const maxBucketPolicyBytes = 20480;

/**
 * Maximum size of a KMS key policy, in bytes (32 KB). Source:
 * https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html
 */
export const maxKeyPolicyBytes = 32768;

/**
 * Maximum size of a Secrets Manager resource policy, in characters. Source:
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_limits.html
 */
export const maxSecretPolicyCharacters = 20480;
