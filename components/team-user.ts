/**
 * TeamUser: an IAM user for one person, with what that person may need besides group membership: a console
 * login profile, an access end date after which every action is denied, and (discouraged) an access key or
 * directly attached policies. Permissions normally come from TeamGroup, not from the user.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { PolicyStatement } from "../iam/document";
import { describeComponent, throwIfProblems } from "./errors";
import { policyDocument, serializePolicyDocument } from "./policy-document";
import {
    isManagedPolicyArn,
    policyArn,
    policyKey,
    PolicyReference,
    validatePolicyReferences,
} from "./policy-reference";
import {
    normalizeIsoDate,
    quote,
    validateIsoDate,
    validateName,
    validatePasswordLength,
    validatePath,
    validateTags,
} from "./validation";

/** Console access of a user. */
export interface ConsoleLoginArgs {
    /** Whether the user must choose a new password at first sign-in; default: true. */
    readonly passwordResetRequired?: boolean;
    /** Length of the generated initial password, 6 to 128; default: 20. */
    readonly passwordLength?: number;
    /** PGP public key (base64) or `keybase:<name>` that encrypts the initial password; default: not encrypted. */
    readonly pgpKey?: string;
}

/** Arguments of a TeamUser. */
export interface TeamUserArgs {
    /** Physical user name; default: the component name. */
    readonly userName?: string;
    /** IAM path of the user; default: "/". */
    readonly path?: string;
    /** Managed policies attached directly to the user; default: none. Allowed but discouraged: prefer a TeamGroup. */
    readonly policies?: readonly PolicyReference[];
    /** ISO 8601 date or date-time after which an inline policy denies every action; default: no end. */
    readonly accessEndDate?: string;
    /** Console access with a generated initial password; default: no console access. */
    readonly consoleLogin?: ConsoleLoginArgs;
    /** Whether to create a long-lived access key; default: false. */
    readonly createAccessKey?: boolean;
    /** ARN of the managed policy that bounds the user's permissions; default: no boundary. */
    readonly permissionsBoundary?: pulumi.Input<string>;
    /** Whether deleting the user also deletes its keys, login profile and MFA devices; default: false. */
    readonly forceDestroy?: boolean;
    /** Tags of the user; default: none. */
    readonly tags?: pulumi.Input<Record<string, string>>;
}

/** Default length of a generated console password. */
export const defaultPasswordLength = 20;

/** Name of the inline policy that denies every action after the access end date. */
export const accessEndPolicyName = "DenyAllAfterAccessEndDate";

/** Builds the statement that denies every action once `aws:CurrentTime` is past the given ISO 8601 date. */
export function accessEndDenyStatement(accessEndDate: string): PolicyStatement {
    const end = normalizeIsoDate(accessEndDate);
    throwIfProblems("accessEndDenyStatement", validateIsoDate("accessEndDate", accessEndDate));
    return {
        Sid: accessEndPolicyName,
        Effect: "Deny",
        Action: "*",
        Resource: "*",
        Condition: { DateGreaterThan: { "aws:CurrentTime": end! } },
    };
}

function validatePermissionsBoundary(value: pulumi.Input<string> | undefined): string[] {
    if (typeof value === "string" && !isManagedPolicyArn(value)) {
        return [`permissionsBoundary ${quote(value)} is not a managed policy ARN`];
    }
    return [];
}

/** Validates every argument of a TeamUser named `name`; returns the problems, empty when valid. */
export function validateTeamUserArgs(name: string, args: TeamUserArgs): string[] {
    const problems: string[] = [];
    const userNameArgument = args.userName !== undefined ? "userName" : "userName (the component name)";
    problems.push(...validateName(userNameArgument, args.userName ?? name, "user"));
    if (args.path !== undefined) {
        problems.push(...validatePath("path", args.path));
    }
    problems.push(...validatePolicyReferences("policies", args.policies ?? []));
    if (args.accessEndDate !== undefined) {
        problems.push(...validateIsoDate("accessEndDate", args.accessEndDate));
    }
    if (args.consoleLogin?.passwordLength !== undefined) {
        problems.push(...validatePasswordLength("consoleLogin.passwordLength", args.consoleLogin.passwordLength));
    }
    if (args.consoleLogin?.pgpKey !== undefined && args.consoleLogin.pgpKey.trim() === "") {
        problems.push("consoleLogin.pgpKey is empty; give a base64 PGP public key or keybase:<name>, or leave it out");
    }
    problems.push(...validatePermissionsBoundary(args.permissionsBoundary));
    problems.push(...validateTags("tags", args.tags));
    return problems;
}

/** An IAM user for one person. */
export class TeamUser extends pulumi.ComponentResource {
    /** The IAM user. */
    public readonly user: aws.iam.User;
    /** Physical name of the user; pass it to TeamGroup members so membership depends on the user. */
    public readonly userName: pulumi.Output<string>;
    /** ARN of the user. */
    public readonly arn: pulumi.Output<string>;
    /** Attachments of directly attached policies, keyed by policy key. */
    public readonly policyAttachments: Readonly<Record<string, aws.iam.UserPolicyAttachment>>;
    /** Inline policy that denies every action after the access end date, when one is set. */
    public readonly accessEndPolicy?: aws.iam.UserPolicy;
    /** Console login profile, when console access is enabled. */
    public readonly loginProfile?: aws.iam.UserLoginProfile;
    /** Generated initial console password (secret), when console access is enabled without a PGP key. */
    public readonly initialPassword?: pulumi.Output<string>;
    /** Initial console password encrypted with the PGP key (base64), when a PGP key is given. */
    public readonly encryptedInitialPassword?: pulumi.Output<string>;
    /** The access key, when createAccessKey is true. */
    public readonly accessKey?: aws.iam.AccessKey;
    /** Access key id, when createAccessKey is true. */
    public readonly accessKeyId?: pulumi.Output<string>;
    /** Secret access key (secret), when createAccessKey is true. */
    public readonly secretAccessKey?: pulumi.Output<string>;

    constructor(name: string, args: TeamUserArgs, opts?: pulumi.ComponentResourceOptions) {
        const subject = describeComponent("TeamUser", name);
        throwIfProblems(subject, validateTeamUserArgs(name, args));
        super("least-privilege-iam:index:TeamUser", name, {}, opts);

        const userName = args.userName ?? name;
        const policies = args.policies ?? [];

        this.user = new aws.iam.User(
            name,
            {
                name: userName,
                path: args.path ?? "/",
                permissionsBoundary: args.permissionsBoundary,
                forceDestroy: args.forceDestroy ?? false,
                tags: args.tags,
            },
            { parent: this },
        );
        this.userName = this.user.name;
        this.arn = this.user.arn;

        const attachments: Record<string, aws.iam.UserPolicyAttachment> = {};
        for (const reference of policies) {
            const key = policyKey(reference);
            attachments[key] = new aws.iam.UserPolicyAttachment(
                `${name}-${key}`,
                { user: this.user.name, policyArn: policyArn(reference) },
                { parent: this },
            );
        }
        this.policyAttachments = attachments;
        if (policies.length > 0) {
            pulumi.log.warn(
                `${subject} has ${policies.length} ${policies.length === 1 ? "policy" : "policies"} attached directly; ` +
                    `attach policies to a TeamGroup instead so that permissions follow the role a person has`,
                this,
            );
        }

        if (args.accessEndDate !== undefined) {
            const document = serializePolicyDocument(policyDocument([accessEndDenyStatement(args.accessEndDate)]));
            this.accessEndPolicy = new aws.iam.UserPolicy(
                `${name}-access-end`,
                { name: accessEndPolicyName, user: this.user.name, policy: document },
                { parent: this },
            );
            if (Date.parse(normalizeIsoDate(args.accessEndDate)!) < Date.now()) {
                pulumi.log.warn(
                    `${subject} has accessEndDate ${args.accessEndDate}, which has passed, so every action is denied; ` +
                        `remove the user or move the date`,
                    this,
                );
            }
        }

        if (args.consoleLogin !== undefined) {
            const pgpKey = args.consoleLogin.pgpKey;
            this.loginProfile = new aws.iam.UserLoginProfile(
                `${name}-login-profile`,
                {
                    user: this.user.name,
                    passwordResetRequired: args.consoleLogin.passwordResetRequired ?? true,
                    passwordLength: args.consoleLogin.passwordLength ?? defaultPasswordLength,
                    pgpKey,
                },
                { parent: this, additionalSecretOutputs: ["password"] },
            );
            if (pgpKey === undefined) {
                this.initialPassword = pulumi.secret(this.loginProfile.password);
            } else {
                this.encryptedInitialPassword = this.loginProfile.encryptedPassword;
            }
        }

        if (args.createAccessKey === true) {
            this.accessKey = new aws.iam.AccessKey(
                `${name}-access-key`,
                { user: this.user.name },
                { parent: this, additionalSecretOutputs: ["secret"] },
            );
            this.accessKeyId = this.accessKey.id;
            this.secretAccessKey = pulumi.secret(this.accessKey.secret);
            pulumi.log.warn(
                `${subject} has a long-lived access key; long-lived keys are discouraged, so prefer a role assumed ` +
                    `with MFA or IAM Identity Center, and rotate the key if it must stay`,
                this,
            );
        }

        this.registerOutputs({
            user: this.user,
            userName: this.userName,
            arn: this.arn,
            initialPassword: this.initialPassword,
            encryptedInitialPassword: this.encryptedInitialPassword,
            accessKeyId: this.accessKeyId,
            secretAccessKey: this.secretAccessKey,
        });
    }
}
