/**
 * Pure checks of single configuration values against AWS rules. Each returns undefined for a valid value, or a
 * `Violation` that the config reader turns into a message naming the file, the key and the value.
 */
import {
    accountIdPattern,
    externalIdPattern,
    maxExternalIdLength,
    maxSessionTokenDurationSeconds,
    maxTagKeyLength,
    maxTagValueLength,
    minExternalIdLength,
    maxGroupNameLength,
    maxGroupsPerUser,
    maxInstanceProfileNameLength,
    maxRoleNameLength,
    maxSessionDurationSeconds,
    maxUserNameLength,
    minSessionDurationSeconds,
    namePattern,
} from "../iam/limits";

/** Why a value is invalid: an optional note about the value, then the rule it breaks. */
export interface Violation {
    /** Shown in brackets after the value, for example `11 characters`. */
    readonly note?: string;
    /** The rule, phrased to follow the value, for example `it must be a 12-digit AWS account id`. */
    readonly rule: string;
}

/** Checks a 12-digit AWS account id. Account ids are strings because a leading zero is significant. */
export function validateAccountId(value: unknown): Violation | undefined {
    if (typeof value !== "string") {
        return {
            note: typeof value,
            rule: 'it must be a 12-digit AWS account id written as a string, such as "111122223333" (quote it in YAML so that a leading zero is kept)',
        };
    }
    if (!accountIdPattern.test(value)) {
        return { note: `${value.length} characters`, rule: "it must be a 12-digit AWS account id" };
    }
    return undefined;
}

const regionPattern = /^[a-z]{2}-[a-z]+-\d+$/;

/** Checks an AWS region in the commercial `aws` partition, the only partition whose ARNs the program builds. */
export function validateRegion(value: unknown): Violation | undefined {
    // China regions (cn-*) have the same shape but belong to the aws-cn partition.
    if (typeof value !== "string" || !regionPattern.test(value) || value.startsWith("cn-")) {
        return { rule: "it must be an AWS region of the aws partition, such as eu-west-1 or us-east-1" };
    }
    return undefined;
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,3})?(Z|[+-](\d{2}):(\d{2})))?$/;

/**
 * Parses an ISO 8601 date (`2027-03-31`, midnight UTC) or date-time with a zone (`2027-03-31T17:00:00Z`,
 * `2027-03-31T17:00:00+02:00`), the forms that the IAM `Date` condition operators accept. Returns undefined for
 * anything else, including dates that do not exist such as `2027-02-30`.
 */
export function parseIsoDate(value: string): Date | undefined {
    const match = datePattern.exec(value);
    if (match === null) {
        return undefined;
    }

    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const [hour, minute, second] = [Number(match[4] ?? 0), Number(match[5] ?? 0), Number(match[6] ?? 0)];
    if (hour > 23 || minute > 59 || second > 59) {
        return undefined;
    }
    if (match[8] !== undefined && (Number(match[8]) > 23 || Number(match[9]) > 59)) {
        return undefined;
    }
    // Date.UTC rolls 2027-02-30 over to March 2, so a date is real only when its parts survive the round trip.
    const calendarDay = new Date(Date.UTC(year, month - 1, day));
    if (
        calendarDay.getUTCFullYear() !== year ||
        calendarDay.getUTCMonth() !== month - 1 ||
        calendarDay.getUTCDate() !== day
    ) {
        return undefined;
    }

    return new Date(value);
}

/** Checks an ISO 8601 date or date-time with a zone, as `parseIsoDate` reads it. */
export function validateIsoDate(value: unknown): Violation | undefined {
    if (typeof value !== "string" || parseIsoDate(value) === undefined) {
        return {
            rule: "it must be a real ISO 8601 date such as 2027-03-31 (midnight UTC) or a date-time with a zone such as 2027-03-31T17:00:00Z",
        };
    }
    return undefined;
}

function validateIamName(value: unknown, maxLength: number, kind: string): Violation | undefined {
    if (typeof value !== "string" || value === "") {
        return { rule: `it must be a non-empty ${kind} name` };
    }
    if (value.length > maxLength) {
        return { note: `${value.length} characters`, rule: `it must be at most ${maxLength}` };
    }
    if (!namePattern.test(value)) {
        return { rule: `it may contain only letters, digits and + = , . @ _ -` };
    }
    return undefined;
}

/** Checks an IAM user name: 1 to 64 characters of letters, digits and `+=,.@_-`. */
export function validateUserName(value: unknown): Violation | undefined {
    return validateIamName(value, maxUserNameLength, "IAM user");
}

/** Checks an IAM group name: 1 to 128 characters of letters, digits and `+=,.@_-`. */
export function validateGroupName(value: unknown): Violation | undefined {
    return validateIamName(value, maxGroupNameLength, "IAM group");
}

/** Checks an IAM role name: 1 to 64 characters of letters, digits and `+=,.@_-`. */
export function validateRoleName(value: unknown): Violation | undefined {
    return validateIamName(value, maxRoleNameLength, "IAM role");
}

/** Checks an instance profile name: 1 to 128 characters of letters, digits and `+=,.@_-`. */
export function validateInstanceProfileName(value: unknown): Violation | undefined {
    return validateIamName(value, maxInstanceProfileNameLength, "instance profile");
}

const awsManagedPolicyNamePattern = /^(?:[\w+=,.@-]+\/)*[\w+=,.@-]{1,128}$/;

/**
 * Checks the name of an AWS managed policy, optionally under its path, such as `ReadOnlyAccess` or
 * `job-function/ViewOnlyAccess`. NOTE: only the form is checked; whether AWS publishes a policy of that name is
 * known only when the attachment is created.
 */
export function validateAwsManagedPolicyName(value: unknown): Violation | undefined {
    if (typeof value !== "string" || !awsManagedPolicyNamePattern.test(value) || value.startsWith("arn:")) {
        return {
            rule: "it must be the name of an AWS managed policy, such as ReadOnlyAccess or job-function/ViewOnlyAccess, without the arn:aws:iam::aws:policy/ prefix",
        };
    }
    return undefined;
}

const bucketCharacters = /^[a-z0-9.-]+$/;
const ipAddressPattern = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const reservedBucketPrefixes = ["xn--", "sthree-", "amzn-s3-demo-"];
const reservedBucketSuffixes = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"];

/**
 * Checks a general purpose S3 bucket name against the naming rules:
 * https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export function validateBucketName(value: unknown): Violation | undefined {
    if (typeof value !== "string") {
        return { rule: "it must be an S3 bucket name" };
    }
    if (value.length < 3 || value.length > 63) {
        return { note: `${value.length} characters`, rule: "an S3 bucket name must be 3 to 63 characters long" };
    }
    if (!bucketCharacters.test(value)) {
        return { rule: "an S3 bucket name may contain only lowercase letters, digits, dots and hyphens" };
    }
    if (!/^[a-z0-9]/.test(value) || !/[a-z0-9]$/.test(value)) {
        return { rule: "an S3 bucket name must begin and end with a lowercase letter or a digit" };
    }
    if (value.includes("..")) {
        return { rule: "an S3 bucket name must not contain two adjacent dots" };
    }
    if (ipAddressPattern.test(value)) {
        return { rule: "an S3 bucket name must not be formatted as an IP address" };
    }
    const prefix = reservedBucketPrefixes.find((reserved) => value.startsWith(reserved));
    if (prefix !== undefined) {
        return { rule: `an S3 bucket name must not begin with the reserved prefix ${prefix}` };
    }
    const suffix = reservedBucketSuffixes.find((reserved) => value.endsWith(reserved));
    if (suffix !== undefined) {
        return { rule: `an S3 bucket name must not end with the reserved suffix ${suffix}` };
    }
    return undefined;
}

const keyPrefixPattern = /^[A-Za-z0-9!_.'()-]+(?:\/[A-Za-z0-9!_.'()-]+)*$/;

/**
 * Checks an S3 key prefix such as `releases` or `builds/web`: segments of the characters S3 calls safe, without
 * a slash at either end. `*` and `?` are rejected because they would act as wildcards in the ARN and in the
 * `s3:prefix` condition built from the prefix.
 */
export function validateKeyPrefix(value: unknown): Violation | undefined {
    if (typeof value !== "string" || !keyPrefixPattern.test(value)) {
        return {
            rule: "it must be an S3 key prefix such as releases or builds/web: letters, digits and ! _ . ' ( ) - in segments separated by /, without a leading or trailing /",
        };
    }
    if (value.length > 512) {
        return { note: `${value.length} characters`, rule: "it must be at most 512" };
    }
    return undefined;
}

/** Checks a role's maximum session duration in seconds, which IAM allows from 1 to 12 hours. */
export function validateSessionDuration(value: unknown): Violation | undefined {
    if (
        typeof value !== "number" ||
        !Number.isInteger(value) ||
        value < minSessionDurationSeconds ||
        value > maxSessionDurationSeconds
    ) {
        return {
            rule: `it must be a whole number of seconds between ${minSessionDurationSeconds} and ${maxSessionDurationSeconds}`,
        };
    }
    return undefined;
}

/** Checks the maximum age of the caller's MFA sign-in, in seconds, for an `aws:MultiFactorAuthAge` condition. */
export function validateMfaAge(value: unknown): Violation | undefined {
    if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > maxSessionTokenDurationSeconds) {
        // An MFA sign-in older than the longest session GetSessionToken issues can never be presented.
        return { rule: `it must be a whole number of seconds between 1 and ${maxSessionTokenDurationSeconds}` };
    }
    return undefined;
}

/** Checks an `sts:ExternalId`: 2 to 1224 characters of letters, digits and `+=,.@:/-_`. */
export function validateExternalId(value: unknown): Violation | undefined {
    if (
        typeof value !== "string" ||
        value.length < minExternalIdLength ||
        value.length > maxExternalIdLength ||
        !externalIdPattern.test(value)
    ) {
        const note = typeof value === "string" ? `${value.length} characters` : undefined;
        return {
            note,
            rule: `it must be ${minExternalIdLength} to ${maxExternalIdLength} characters of letters, digits and + = , . @ : / - _`,
        };
    }
    return undefined;
}

const tagCharacters = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/**
 * Checks a tag key: 1 to 128 letters, digits, spaces and `_.:/=+-@`, not beginning with the reserved `aws:`.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_tags.html
 */
export function validateTagKey(value: string): Violation | undefined {
    if (value.length < 1 || value.length > maxTagKeyLength || !tagCharacters.test(value)) {
        return { rule: `a tag key must be 1 to ${maxTagKeyLength} letters, digits, spaces and _ . : / = + - @` };
    }
    if (value.toLowerCase().startsWith("aws:")) {
        return { rule: "a tag key must not begin with aws:, which AWS reserves" };
    }
    return undefined;
}

/** Checks a tag value: 0 to 256 letters, digits, spaces and `_.:/=+-@`. */
export function validateTagValue(value: unknown): Violation | undefined {
    if (typeof value !== "string" || value.length > maxTagValueLength || !tagCharacters.test(value)) {
        return {
            rule: `a tag value must be a string of at most ${maxTagValueLength} letters, digits, spaces and _ . : / = + - @`,
        };
    }
    return undefined;
}

/**
 * Returns the values that occur more than once, compared case-insensitively because IAM treats `Aarav-Dev` and
 * `aarav-dev` as the same name. Each duplicate is returned once, as first written.
 */
export function findDuplicateNames(names: readonly string[]): string[] {
    const seen = new Set<string>();
    const reported = new Set<string>();
    const duplicates: string[] = [];
    for (const name of names) {
        const key = name.toLowerCase();
        if (seen.has(key) && !reported.has(key)) {
            duplicates.push(name);
            reported.add(key);
        }
        seen.add(key);
    }
    return duplicates;
}

/** A user who would be a member of more groups than IAM allows. */
export interface OverfullMembership {
    readonly userName: string;
    readonly groupNames: readonly string[];
}

/**
 * Finds the users that the groups' member lists put in more than 10 groups, the IAM quota per user. User names
 * are compared case-insensitively, as IAM compares them.
 */
export function findUsersInTooManyGroups(
    groups: readonly { readonly groupName: string; readonly members: readonly string[] }[],
): OverfullMembership[] {
    const groupsByUser = new Map<string, { userName: string; groupNames: string[] }>();
    for (const group of groups) {
        for (const member of new Set(group.members.map((name) => name.toLowerCase()))) {
            const entry = groupsByUser.get(member) ?? {
                userName: group.members.find((name) => name.toLowerCase() === member) ?? member,
                groupNames: [],
            };
            entry.groupNames.push(group.groupName);
            groupsByUser.set(member, entry);
        }
    }
    return [...groupsByUser.values()].filter((entry) => entry.groupNames.length > maxGroupsPerUser);
}
