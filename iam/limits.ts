/**
 * AWS IAM quotas and name rules, in one place. Source:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */

/** Maximum characters in a user or role name. */
export const maxUserNameLength = 64;
export const maxRoleNameLength = 64;
/** Maximum characters in a group, managed policy or instance profile name. */
export const maxGroupNameLength = 128;
export const maxPolicyNameLength = 128;
export const maxInstanceProfileNameLength = 128;
/** Maximum characters in a path, which must begin and end with `/`. */
export const maxPathLength = 512;

/** Characters allowed in user, group, role, policy and instance profile names: alphanumerics and `+=,.@_-`. */
export const namePattern = /^[\w+=,.@-]+$/;
/** Paths: `/` alone, or `/` segments of the name characters, beginning and ending with `/`. */
export const pathPattern = /^\/(?:[\w+=,.@-]+\/)*$/;
/** A 12-digit AWS account id. */
export const accountIdPattern = /^\d{12}$/;

/** Bounds of a role's maximum session duration, in seconds. */
export const minSessionDurationSeconds = 3600;
export const maxSessionDurationSeconds = 43200;

/** Maximum size of a customer managed policy document, in characters, not counting whitespace. */
export const maxManagedPolicyCharacters = 6144;
/** Maximum size of a role trust policy, in characters, not counting whitespace (default quota). */
export const maxTrustPolicyCharacters = 2048;
/** Maximum total size of inline policies per user, in characters, not counting whitespace. */
export const maxUserInlinePolicyCharacters = 2048;
/** Maximum total size of inline policies per group, in characters, not counting whitespace. */
export const maxGroupInlinePolicyCharacters = 5120;
/** Maximum total size of inline policies per role, in characters, not counting whitespace. */
export const maxRoleInlinePolicyCharacters = 10240;

/** Maximum managed policies attached to one user, group or role (default quota). */
export const maxManagedPoliciesPerPrincipal = 10;
/** Maximum groups one user can belong to. */
export const maxGroupsPerUser = 10;

/** Counts a policy document's characters the way IAM does for its size quotas: whitespace is not counted. */
export function policySizeWithoutWhitespace(json: string): number {
    return json.replace(/\s/g, "").length;
}

/** Characters allowed in a statement's Sid in an IAM identity or trust policy: ASCII letters and digits. */
export const sidPattern = /^[A-Za-z0-9]+$/;

/** Maximum characters in a role or managed policy description. */
export const maxDescriptionLength = 1000;

/**
 * Bounds and characters of an `sts:ExternalId`, as AssumeRole accepts it. Source:
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
 */
export const minExternalIdLength = 2;
export const maxExternalIdLength = 1224;
export const externalIdPattern = /^[\w+=,.@:/-]+$/;

/**
 * Bounds of a generated console password (aws.iam.UserLoginProfile passwordLength). Source:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
 */
export const minPasswordLength = 6;
export const maxPasswordLength = 128;

/**
 * Maximum session duration that sts:GetSessionToken issues to an IAM user (36 hours), so the oldest MFA
 * authentication a condition on aws:MultiFactorAuthAge can ever meet. Source:
 * https://docs.aws.amazon.com/STS/latest/APIReference/API_GetSessionToken.html
 */
export const maxSessionTokenDurationSeconds = 129600;

/**
 * Tag quotas of IAM users, roles, managed policies and instance profiles (groups cannot be tagged). Source:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html
 */
export const maxTagsPerResource = 50;
export const maxTagKeyLength = 128;
export const maxTagValueLength = 256;
