/**
 * The stack's configuration: the typed values the program builds from, and the validation that reads them from
 * Pulumi.<stack>.yaml. Every key is checked before any resource is created, and all problems are reported
 * together, each naming the file, the key, the value and what is allowed. The schema is documented in
 * stacks/README.md.
 */
import * as pulumi from "@pulumi/pulumi";
import { closest } from "fastest-levenshtein";

import { autonameSuffixLength } from "../components";
import { maxManagedPoliciesPerPrincipal, maxPolicyNameLength } from "../iam/limits";
import {
    ConfigReport,
    isLikelyTypo,
    parseStructured,
    readList,
    readObject,
    readOptionalBoolean,
    readOptionalNumber,
    readOptionalString,
    readString,
    readStringList,
    readTags,
    showValue,
} from "./config-reader";
import {
    bucketObjectAccessPolicyName,
    ec2InstanceControlPolicyName,
    releaseUploadPolicyName,
    requireMfaPolicyName,
} from "./naming";
import {
    findDuplicateNames,
    findUsersInTooManyGroups,
    parseIsoDate,
    validateAccountId,
    validateAwsManagedPolicyName,
    validateBucketName,
    validateExternalId,
    validateGroupName,
    validateInstanceProfileName,
    validateIsoDate,
    validateKeyPrefix,
    validateMfaAge,
    validateRegion,
    validateRoleName,
    validateSessionDuration,
    validateUserName,
} from "./validators";

/** The config namespace of this project, as named in Pulumi.yaml. */
export const configNamespace = "team-iam";

/** A person in the roster, with an IAM user of the same name. */
export interface UserConfig {
    readonly userName: string;
    /** ISO 8601 date or date-time after which IAM denies the user every action. */
    readonly accessEndDate?: string;
    /** AWS managed policies attached to the user directly, such as `job-function/ViewOnlyAccess`. */
    readonly awsManagedPolicies: readonly string[];
    /** Whether the user gets a console password (a login profile); false by default. */
    readonly consoleLogin: boolean;
}

/** Starting, stopping and rebooting the EC2 instances that carry every one of these tags. */
export interface Ec2InstanceControlConfig {
    readonly instanceTags: Readonly<Record<string, string>>;
}

/** Listing one bucket and reading, writing and deleting its objects. */
export interface BucketObjectAccessConfig {
    readonly bucket: string;
}

/** An IAM group, its members and what it grants them. */
export interface GroupConfig {
    readonly groupName: string;
    /** User names from the roster. */
    readonly members: readonly string[];
    readonly awsManagedPolicies: readonly string[];
    /** Whether members are denied everything but setting up MFA until they sign in with MFA. */
    readonly requireMfa: boolean;
    readonly ec2InstanceControl?: Ec2InstanceControlConfig;
    readonly bucketObjectAccess?: BucketObjectAccessConfig;
}

/** The role that the external auditor's account assumes. */
export interface AuditorConfig {
    readonly roleName: string;
    readonly trustedAccountId: string;
    readonly externalId?: string;
    /** ISO 8601 date or date-time from which the trust policy no longer lets the auditor assume the role. */
    readonly accessEndDate: string;
    readonly maxSessionDurationSeconds: number;
    readonly maxMfaAgeSeconds: number;
}

/** The CI/CD role that EC2 instances assume through an instance profile to upload releases. */
export interface DeployRoleConfig {
    readonly roleName: string;
    readonly instanceProfileName: string;
    readonly bucket: string;
    /** Key prefix without slashes at either end, such as `releases`. */
    readonly releasePrefix: string;
    readonly maxSessionDurationSeconds: number;
}

/** The validated configuration of one stack. */
export interface StackConfig {
    readonly stack: string;
    readonly accountId: string;
    readonly region: string;
    readonly tags: Readonly<Record<string, string>>;
    readonly users: readonly UserConfig[];
    readonly groups: readonly GroupConfig[];
    readonly auditor: AuditorConfig;
    readonly deployRole: DeployRoleConfig;
}

/** The outcome of validating a stack's configuration. `config` is set only when there are no problems. */
export interface ConfigParseResult {
    readonly config?: StackConfig;
    /** Errors: the program must not create anything while there are any. */
    readonly problems: readonly string[];
    /** Things that are valid but need a person's attention, such as an end date that has passed. */
    readonly warnings: readonly string[];
}

/** Options of `parseStackConfig`. */
export interface ConfigParseOptions {
    /** The stack's name, which names its file: Pulumi.<stack>.yaml. */
    readonly stack: string;
    /** The instant that end dates are compared with. */
    readonly now: Date;
}

/**
 * The stack's configuration is invalid. The message lists every problem, one a line. It is a RunError, so the
 * Pulumi CLI prints the message without a stack trace.
 */
export class StackConfigError extends pulumi.RunError {
    constructor(
        readonly file: string,
        readonly problems: readonly string[],
    ) {
        super(
            `${file} has ${problems.length} configuration ${problems.length === 1 ? "problem" : "problems"}:\n` +
                problems.map((problem) => `- ${problem}`).join("\n"),
        );
        this.name = "StackConfigError";
    }
}

/**
 * Default maximum session of the auditor role: 1 hour, the IAM default and the policy pack's default bound for
 * roles that people assume. A longer session (the seed stacks set 12 hours) is a decision written in config.
 */
export const defaultAuditorSessionSeconds = 3600;
/** Default maximum session of the deploy role: 1 hour, the IAM default. */
export const defaultDeploySessionSeconds = 3600;
/** Default maximum age of the auditor's MFA sign-in when assuming the role: 1 hour. */
export const defaultAuditorMfaAgeSeconds = 3600;

const topLevelKeys = ["accountId", "tags", "users", "groups", "auditor", "deployRole"] as const;
const userKeys = ["userName", "accessEndDate", "awsManagedPolicies", "consoleLogin"] as const;
const groupKeys = [
    "groupName",
    "members",
    "awsManagedPolicies",
    "requireMfa",
    "ec2InstanceControl",
    "bucketObjectAccess",
] as const;
const ec2InstanceControlKeys = ["instanceTags"] as const;
const bucketObjectAccessKeys = ["bucket"] as const;
const auditorKeys = [
    "roleName",
    "trustedAccountId",
    "externalId",
    "accessEndDate",
    "maxSessionDurationSeconds",
    "maxMfaAgeSeconds",
] as const;
const deployRoleKeys = [
    "roleName",
    "instanceProfileName",
    "bucket",
    "releasePrefix",
    "maxSessionDurationSeconds",
] as const;

/**
 * AWS managed policy that lets a user change their own password. Every user with a console password needs it,
 * from a group or attached directly, because the password is created with a required reset and IAM rejects the
 * reset without iam:ChangePassword:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_user-change-own.html
 */
export const changePasswordPolicyName = "IAMUserChangePassword";

/** AWS managed policy that makes a group a break-glass administrator group, which must require MFA. */
const administratorPolicyName = "AdministratorAccess";

/** Reports duplicates in a list of AWS managed policy names and a total over the IAM quota per principal. */
function checkManagedPolicyCount(
    report: ConfigReport,
    key: string,
    principal: string,
    awsManagedPolicies: readonly string[],
    generatedPolicyNames: readonly string[],
): void {
    for (const duplicate of findDuplicateNames(awsManagedPolicies)) {
        report.problem(`${key}.awsManagedPolicies lists ${duplicate} more than once; list each policy once`);
    }
    const total = awsManagedPolicies.length + generatedPolicyNames.length;
    if (total > maxManagedPoliciesPerPrincipal) {
        const generated = generatedPolicyNames.length === 0 ? "" : ` (${generatedPolicyNames.join(", ")} included)`;
        report.problem(
            `${principal} would have ${total} managed policies${generated}; IAM allows at most ` +
                `${maxManagedPoliciesPerPrincipal} per user, group or role, so remove some from ${key}.awsManagedPolicies`,
        );
    }
}

/**
 * Reports a derived policy name over the IAM limit. `suffixLength` counts the random characters that autonaming
 * appends. The characters need no check, because names and suffixes use only valid ones.
 */
function checkGeneratedPolicyName(report: ConfigReport, key: string, policyName: string, suffixLength = 0): void {
    const length = policyName.length + suffixLength;
    if (length > maxPolicyNameLength) {
        const autonamed = suffixLength === 0 ? "" : `, with the ${suffixLength} random characters that autonaming adds`;
        report.problem(
            `${key} gives the derived policy name ${showValue(policyName)} (${length} characters${autonamed}); ` +
                `it must be at most ${maxPolicyNameLength}, so shorten the name`,
        );
    }
}

function checkEndDate(report: ConfigReport, key: string, value: string | undefined, now: Date, effect: string): void {
    if (value === undefined) {
        return;
    }
    const endDate = parseIsoDate(value);
    if (endDate !== undefined && endDate.getTime() <= now.getTime()) {
        report.warning(`${key} is ${showValue(value)}, which has passed; ${effect}`);
    }
}

function readUser(report: ConfigReport, key: string, value: unknown, now: Date): UserConfig | undefined {
    const fields = readObject(report, key, value, userKeys);
    if (fields === undefined) {
        return undefined;
    }

    const userName = readString(
        report,
        `${key}.userName`,
        fields.userName,
        "the IAM user name, such as aarav-dev",
        validateUserName,
    );
    const accessEndDate = readOptionalString(report, `${key}.accessEndDate`, fields.accessEndDate, validateIsoDate);
    const awsManagedPolicies = readStringList(
        report,
        `${key}.awsManagedPolicies`,
        fields.awsManagedPolicies,
        validateAwsManagedPolicyName,
    );
    const consoleLogin = readOptionalBoolean(report, `${key}.consoleLogin`, fields.consoleLogin);
    if (userName === undefined) {
        return undefined;
    }

    checkManagedPolicyCount(report, key, `User ${userName}`, awsManagedPolicies, []);
    checkEndDate(
        report,
        `${key}.accessEndDate`,
        accessEndDate,
        now,
        `IAM now denies ${userName} every action, so remove the user from ${configNamespace}:users`,
    );
    return { userName, accessEndDate, awsManagedPolicies, consoleLogin };
}

function readGroup(report: ConfigReport, key: string, value: unknown): GroupConfig | undefined {
    const fields = readObject(report, key, value, groupKeys);
    if (fields === undefined) {
        return undefined;
    }

    const groupName = readString(
        report,
        `${key}.groupName`,
        fields.groupName,
        "the IAM group name, such as Developers",
        validateGroupName,
    );
    const members = readStringList(report, `${key}.members`, fields.members, validateUserName);
    const awsManagedPolicies = readStringList(
        report,
        `${key}.awsManagedPolicies`,
        fields.awsManagedPolicies,
        validateAwsManagedPolicyName,
    );
    const requireMfa = readOptionalBoolean(report, `${key}.requireMfa`, fields.requireMfa);

    let ec2InstanceControl: Ec2InstanceControlConfig | undefined;
    if (fields.ec2InstanceControl !== undefined && fields.ec2InstanceControl !== null) {
        const ec2Key = `${key}.ec2InstanceControl`;
        const ec2Fields = readObject(report, ec2Key, fields.ec2InstanceControl, ec2InstanceControlKeys);
        if (ec2Fields !== undefined) {
            // At least one tag: without a tag condition the statement would cover every instance in the account.
            const instanceTags = readTags(report, `${ec2Key}.instanceTags`, ec2Fields.instanceTags, 1);
            for (const [tagKey, tagValue] of Object.entries(instanceTags)) {
                if (tagValue === "") {
                    report.invalid(`${ec2Key}.instanceTags.${tagKey}`, tagValue, {
                        rule: "it must not be empty, because an empty value would match instances that carry the tag with no value",
                    });
                }
            }
            ec2InstanceControl = { instanceTags };
        }
    }

    let bucketObjectAccess: BucketObjectAccessConfig | undefined;
    if (fields.bucketObjectAccess !== undefined && fields.bucketObjectAccess !== null) {
        const bucketKey = `${key}.bucketObjectAccess`;
        const bucketFields = readObject(report, bucketKey, fields.bucketObjectAccess, bucketObjectAccessKeys);
        if (bucketFields !== undefined) {
            const bucket = readString(
                report,
                `${bucketKey}.bucket`,
                bucketFields.bucket,
                "the S3 bucket name, such as pixel-and-spoon-design-assets",
                validateBucketName,
            );
            bucketObjectAccess = bucket === undefined ? undefined : { bucket };
        }
    }
    if (groupName === undefined) {
        return undefined;
    }

    for (const duplicate of findDuplicateNames(members)) {
        report.problem(`${key}.members lists ${duplicate} more than once; list each member once`);
    }
    const generatedPolicyNames = [
        ...(ec2InstanceControl === undefined ? [] : [ec2InstanceControlPolicyName(groupName)]),
        ...(bucketObjectAccess === undefined ? [] : [bucketObjectAccessPolicyName(groupName)]),
    ];
    for (const policyName of generatedPolicyNames) {
        checkGeneratedPolicyName(report, `${key}.groupName`, policyName);
    }
    if (requireMfa) {
        // TeamGroup autonames the MFA policy from this name.
        checkGeneratedPolicyName(report, `${key}.groupName`, requireMfaPolicyName(groupName), autonameSuffixLength);
        generatedPolicyNames.push(requireMfaPolicyName(groupName));
    }
    checkManagedPolicyCount(report, key, `Group ${groupName}`, awsManagedPolicies, generatedPolicyNames);
    if (awsManagedPolicies.includes(administratorPolicyName) && !requireMfa) {
        report.problem(
            `${key} grants ${administratorPolicyName} without requireMfa; ` +
                `set ${key}.requireMfa to true so that administrator credentials alone, without MFA, cannot act`,
        );
    }
    return { groupName, members, awsManagedPolicies, requireMfa, ec2InstanceControl, bucketObjectAccess };
}

/**
 * Checks users and groups together: unique names, members from the roster, at most 10 groups per user and a
 * password change policy for each console user. Warns about users who get no permissions at all.
 */
function checkRoster(
    report: ConfigReport,
    users: readonly UserConfig[],
    groups: readonly GroupConfig[],
    groupsKey: string,
    usersKey: string,
): void {
    for (const duplicate of findDuplicateNames(users.map((user) => user.userName))) {
        report.problem(
            `${usersKey} lists the user ${duplicate} more than once (IAM user names are case-insensitive); list each user once`,
        );
    }
    for (const duplicate of findDuplicateNames(groups.map((group) => group.groupName))) {
        report.problem(
            `${groupsKey} lists the group ${duplicate} more than once (IAM group names are case-insensitive); list each group once`,
        );
    }

    const rosterNames = users.map((user) => user.userName);
    groups.forEach((group, groupIndex) => {
        group.members.forEach((member, memberIndex) => {
            if (rosterNames.includes(member)) {
                return;
            }
            const nearest = rosterNames.length === 0 ? undefined : closest(member, rosterNames);
            const suggestion =
                nearest !== undefined && isLikelyTypo(member, nearest) ? `; did you mean ${nearest}?` : "";
            report.problem(
                `${groupsKey}[${groupIndex}].members[${memberIndex}] is ${showValue(member)}, ` +
                    `which is not a user in ${usersKey}; add the user to ${usersKey} or correct the name${suggestion}`,
            );
        });
    });

    for (const overfull of findUsersInTooManyGroups(groups)) {
        report.problem(
            `${overfull.userName} is a member of ${overfull.groupNames.length} groups in ${groupsKey} ` +
                `(${overfull.groupNames.join(", ")}); IAM allows a user in at most 10 groups`,
        );
    }

    for (const user of users) {
        const userGroups = groups.filter((group) => group.members.includes(user.userName));
        const canChangePassword =
            user.awsManagedPolicies.includes(changePasswordPolicyName) ||
            userGroups.some((group) => group.awsManagedPolicies.includes(changePasswordPolicyName));
        if (user.consoleLogin && !canChangePassword) {
            report.problem(
                `${user.userName} has consoleLogin but no ${changePasswordPolicyName}, so the required password ` +
                    `reset at first sign-in would fail; add the user to a group in ${groupsKey} whose ` +
                    `awsManagedPolicies list ${changePasswordPolicyName}`,
            );
        }

        const inGroup = userGroups.length > 0;
        if (!inGroup && user.awsManagedPolicies.length === 0) {
            report.warning(
                `${user.userName} is in no group and has no awsManagedPolicies, so the user can do nothing; ` +
                    `add the user to a group in ${groupsKey} or remove it from ${usersKey}`,
            );
        }
    }
}

function readAuditor(
    report: ConfigReport,
    key: string,
    value: unknown,
    accountId: string | undefined,
    now: Date,
): AuditorConfig | undefined {
    if (value === undefined || value === null) {
        report.missing(key, "an object with roleName, trustedAccountId and accessEndDate");
        return undefined;
    }
    const fields = readObject(report, key, value, auditorKeys);
    if (fields === undefined) {
        return undefined;
    }

    const roleName = readString(
        report,
        `${key}.roleName`,
        fields.roleName,
        "the IAM role name, such as ExternalAuditor",
        validateRoleName,
    );
    const trustedAccountId = readString(
        report,
        `${key}.trustedAccountId`,
        fields.trustedAccountId,
        "the auditor company's 12-digit AWS account id",
        validateAccountId,
    );
    const externalId = readOptionalString(report, `${key}.externalId`, fields.externalId, validateExternalId);
    const accessEndDate = readString(
        report,
        `${key}.accessEndDate`,
        fields.accessEndDate,
        "the ISO 8601 date from which the auditor can no longer assume the role, such as 2027-06-30",
        validateIsoDate,
    );
    const maxSessionDurationSeconds = readOptionalNumber(
        report,
        `${key}.maxSessionDurationSeconds`,
        fields.maxSessionDurationSeconds,
        defaultAuditorSessionSeconds,
        validateSessionDuration,
    );
    const maxMfaAgeSeconds = readOptionalNumber(
        report,
        `${key}.maxMfaAgeSeconds`,
        fields.maxMfaAgeSeconds,
        defaultAuditorMfaAgeSeconds,
        validateMfaAge,
    );

    if (trustedAccountId !== undefined && trustedAccountId === accountId) {
        report.invalid(`${key}.trustedAccountId`, trustedAccountId, {
            rule: `it must be the auditor company's account, not this stack's own account ${configNamespace}:accountId`,
        });
        return undefined;
    }
    checkEndDate(
        report,
        `${key}.accessEndDate`,
        accessEndDate,
        now,
        "the trust policy no longer lets the auditor's account assume the role, so set a new date to extend the audit",
    );
    if (roleName === undefined || trustedAccountId === undefined || accessEndDate === undefined) {
        return undefined;
    }
    return { roleName, trustedAccountId, externalId, accessEndDate, maxSessionDurationSeconds, maxMfaAgeSeconds };
}

function readDeployRole(report: ConfigReport, key: string, value: unknown): DeployRoleConfig | undefined {
    if (value === undefined || value === null) {
        report.missing(key, "an object with roleName, bucket and releasePrefix");
        return undefined;
    }
    const fields = readObject(report, key, value, deployRoleKeys);
    if (fields === undefined) {
        return undefined;
    }

    const roleName = readString(
        report,
        `${key}.roleName`,
        fields.roleName,
        "the IAM role name, such as ci-deploy",
        validateRoleName,
    );
    const instanceProfileName = readOptionalString(
        report,
        `${key}.instanceProfileName`,
        fields.instanceProfileName,
        validateInstanceProfileName,
    );
    const bucket = readString(
        report,
        `${key}.bucket`,
        fields.bucket,
        "the S3 bucket name that releases are uploaded to",
        validateBucketName,
    );
    const releasePrefix = readString(
        report,
        `${key}.releasePrefix`,
        fields.releasePrefix,
        "the key prefix that releases are uploaded under, such as releases",
        validateKeyPrefix,
    );
    const maxSessionDurationSeconds = readOptionalNumber(
        report,
        `${key}.maxSessionDurationSeconds`,
        fields.maxSessionDurationSeconds,
        defaultDeploySessionSeconds,
        validateSessionDuration,
    );
    if (roleName === undefined || bucket === undefined || releasePrefix === undefined) {
        return undefined;
    }

    checkGeneratedPolicyName(report, `${key}.roleName`, releaseUploadPolicyName(roleName));
    return {
        roleName,
        instanceProfileName: instanceProfileName ?? roleName,
        bucket,
        releasePrefix,
        maxSessionDurationSeconds,
    };
}

/**
 * Validates a stack's whole configuration, given as the Pulumi CLI passes it to the program: full keys such as
 * `team-iam:users` mapped to their values, objects and lists as JSON text. Pure: reads only its arguments.
 */
export function parseStackConfig(
    rawConfig: Readonly<Record<string, string>>,
    options: ConfigParseOptions,
): ConfigParseResult {
    const report = new ConfigReport(`Pulumi.${options.stack}.yaml`);
    const ownKeys: Record<string, string> = {};
    for (const [fullKey, raw] of Object.entries(rawConfig)) {
        if (fullKey.startsWith(`${configNamespace}:`)) {
            ownKeys[fullKey.slice(configNamespace.length + 1)] = raw;
        }
    }
    report.unknownKeys(configNamespace, ownKeys, topLevelKeys, ":");
    // The program's own provider takes only the region from config, so any other aws: key would be ignored.
    for (const fullKey of Object.keys(rawConfig)) {
        if (fullKey.startsWith("aws:") && fullKey !== "aws:region") {
            report.problem(
                `${fullKey} is set, but the program creates its own AWS provider, which reads only aws:region ` +
                    `from config; remove the key and give credentials through the environment, such as AWS_PROFILE`,
            );
        }
    }
    const key = (name: string): string => `${configNamespace}:${name}`;

    const region = readString(
        report,
        "aws:region",
        rawConfig["aws:region"],
        "the AWS region of the stack, such as eu-west-1",
        validateRegion,
    );
    const accountId = readString(
        report,
        key("accountId"),
        ownKeys.accountId,
        'the 12-digit AWS account id of this environment, quoted, such as "111122223333"',
        validateAccountId,
    );
    const tags = readTags(report, key("tags"), parseStructured(report, key("tags"), ownKeys.tags), 0);
    const users = readList(
        report,
        key("users"),
        parseStructured(report, key("users"), ownKeys.users),
        "users, each an object with at least userName",
        (itemKey, item) => readUser(report, itemKey, item, options.now),
    );
    const groups = readList(
        report,
        key("groups"),
        parseStructured(report, key("groups"), ownKeys.groups),
        "groups, each an object with at least groupName and members",
        (itemKey, item) => readGroup(report, itemKey, item),
    );
    checkRoster(report, users, groups, key("groups"), key("users"));
    const auditor = readAuditor(
        report,
        key("auditor"),
        parseStructured(report, key("auditor"), ownKeys.auditor),
        accountId,
        options.now,
    );
    const deployRole = readDeployRole(
        report,
        key("deployRole"),
        parseStructured(report, key("deployRole"), ownKeys.deployRole),
    );
    if (
        auditor !== undefined &&
        deployRole !== undefined &&
        findDuplicateNames([auditor.roleName, deployRole.roleName]).length > 0
    ) {
        report.invalid(`${key("deployRole")}.roleName`, deployRole.roleName, {
            rule: `it must differ from ${key("auditor")}.roleName, because IAM role names are unique in an account regardless of case`,
        });
    }

    if (
        report.problems.length > 0 ||
        region === undefined ||
        accountId === undefined ||
        auditor === undefined ||
        deployRole === undefined
    ) {
        return { problems: report.problems, warnings: report.warnings };
    }
    return {
        config: { stack: options.stack, accountId, region, tags, users, groups, auditor, deployRole },
        problems: [],
        warnings: report.warnings,
    };
}

/**
 * Reads and validates the running stack's configuration. Logs each warning through `pulumi.log.warn` and throws
 * one `StackConfigError` listing every problem, so that the program creates nothing from invalid config.
 */
export function loadStackConfig(now: Date = new Date()): StackConfig {
    const stack = pulumi.getStack();
    // A Config without a name reads the namespace named after the project in Pulumi.yaml.
    const projectNamespace = new pulumi.Config().name;
    if (projectNamespace !== configNamespace) {
        throw new StackConfigError(`Pulumi.${stack}.yaml`, [
            `Pulumi.yaml names the project ${projectNamespace}, but this program reads its keys from the ` +
                `${configNamespace} namespace; name the project ${configNamespace} or change configNamespace in stacks/config.ts`,
        ]);
    }
    const result = parseStackConfig(pulumi.runtime.allConfig(), { stack, now });

    for (const warning of result.warnings) {
        void pulumi.log.warn(warning);
    }
    if (result.config === undefined) {
        throw new StackConfigError(`Pulumi.${stack}.yaml`, result.problems);
    }
    return result.config;
}
