/**
 * Mocks of the values AWS and the AWS provider compute for the resources this project creates: physical ids,
 * ARNs, unique ids, autonamed physical names and creation dates. Pulumi's mock runtime drops every output that the
 * mock does not return, so the mock works out each one the way AWS formats it.
 *
 * ARN and unique id formats: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html
 */
import { createHash } from "crypto";
import {
    maxGroupNameLength,
    maxInstanceProfileNameLength,
    maxPolicyNameLength,
    maxRoleNameLength,
    maxUserNameLength,
} from "../iam/limits";
import {
    WireValue,
    containsUnknown,
    isObject,
    isUnknown,
    makeSecret,
    resourceReferenceSignature,
    signatureKey,
    unknownValue,
    unwrapSecret,
} from "./values";

/** The mocks' environment: the stack, its AWS account and region, and whether this is a preview. */
export interface MockEnvironment {
    readonly project: string;
    readonly stack: string;
    /** The stack's 12-digit AWS account id, when its configuration names one. */
    readonly accountId?: string;
    /** The configuration keys the account id is read from, named in the error when it is missing. */
    readonly accountIdSource: string;
    readonly region?: string;
    /** When set, values that only exist after the update (ids, ARNs, unique ids, dates) are unknown. */
    readonly previewUnknowns: boolean;
    /** Returned as every `createDate`, so that plans stay byte-for-byte the same between runs. */
    readonly createDate: string;
}

/** One resource registration, in the wire form the resource monitor receives. */
export interface MockResourceRequest {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    readonly inputs: Readonly<Record<string, WireValue>>;
    /** The provider reference (`<provider urn>::<provider id>`), empty or absent for the default provider. */
    readonly provider?: string;
}

export interface MockResourceResult {
    /** The physical id; the empty string stands for "unknown", as the engine sends it during a preview. */
    readonly id: string;
    /** The outputs: the inputs the provider keeps, plus what the provider and AWS compute. */
    readonly state: Record<string, WireValue>;
    /** The inputs after the provider's check, which fills in autonamed names: what an analyzer receives. */
    readonly checkedInputs: Record<string, WireValue>;
}

/** Raised when a mock cannot compute a value. The message names the resource or key and what to configure. */
export class MockError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "MockError";
    }
}

/** The `uniqueId` prefix AWS gives each kind of IAM entity. */
const uniqueIdPrefixes = {
    user: "AIDA",
    role: "AROA",
    group: "AGPA",
    policy: "ANPA",
    instanceProfile: "AIPA",
    accessKey: "AKIA",
} as const;

/** The name input of the IAM resources that have one, with the maximum length AWS accepts. */
const iamNamedTypes: Readonly<Record<string, { readonly maxLength: number }>> = {
    "aws:iam/user:User": { maxLength: maxUserNameLength },
    "aws:iam/group:Group": { maxLength: maxGroupNameLength },
    "aws:iam/role:Role": { maxLength: maxRoleNameLength },
    "aws:iam/policy:Policy": { maxLength: maxPolicyNameLength },
    "aws:iam/instanceProfile:InstanceProfile": { maxLength: maxInstanceProfileNameLength },
    "aws:iam/userPolicy:UserPolicy": { maxLength: maxPolicyNameLength },
    "aws:iam/rolePolicy:RolePolicy": { maxLength: maxPolicyNameLength },
    "aws:iam/groupPolicy:GroupPolicy": { maxLength: maxPolicyNameLength },
    "aws:iam/groupMembership:GroupMembership": { maxLength: 255 },
    "aws:iam/policyAttachment:PolicyAttachment": { maxLength: 255 },
};

/** S3 bucket names are 3 to 63 characters: https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html */
const maxBucketNameLength = 63;

/**
 * Computes resource outputs and function results for the AWS resources and functions the project uses. Every
 * random-looking value is a hash of the resource's URN, so the same program and config give the same values.
 */
export class AwsMocks {
    /** The `defaultTags.tags` of each explicit AWS provider, by the provider's URN. */
    private readonly providerDefaultTags = new Map<string, Record<string, WireValue>>();

    constructor(private readonly environment: MockEnvironment) {}

    newResource(request: MockResourceRequest): MockResourceResult {
        if (request.type === "pulumi:providers:aws") {
            this.providerDefaultTags.set(request.urn, readDefaultTags(request.inputs["defaultTags"]));
        }
        if (!request.custom) {
            return { id: "", state: { ...request.inputs }, checkedInputs: { ...request.inputs } };
        }
        const providerUrn = request.provider?.split("::").slice(0, -1).join("::") ?? "";
        const resource = new ResourceComputation(
            this.environment,
            { ...request, inputs: encodeJsonDocuments(request.type, request.inputs) },
            this.providerDefaultTags.get(providerUrn) ?? {},
        );
        switch (request.type) {
            case "aws:iam/user:User":
                return resource.iamEntity("user", uniqueIdPrefixes.user, { forceDestroy: false });
            case "aws:iam/group:Group":
                return resource.iamEntity("group", uniqueIdPrefixes.group, {});
            case "aws:iam/role:Role":
                return resource.iamEntity("role", uniqueIdPrefixes.role, {
                    maxSessionDuration: 3600,
                    forceDetachPolicies: false,
                    createDate: resource.afterApply(this.environment.createDate),
                });
            case "aws:iam/instanceProfile:InstanceProfile":
                return resource.iamEntity("instance-profile", uniqueIdPrefixes.instanceProfile, {
                    createDate: resource.afterApply(this.environment.createDate),
                });
            case "aws:iam/policy:Policy":
                return resource.managedPolicy();
            case "aws:iam/userPolicy:UserPolicy":
                return resource.inlinePolicy("user");
            case "aws:iam/rolePolicy:RolePolicy":
                return resource.inlinePolicy("role");
            case "aws:iam/groupPolicy:GroupPolicy":
                return resource.inlinePolicy("group");
            case "aws:iam/userPolicyAttachment:UserPolicyAttachment":
                return resource.policyAttachment("user");
            case "aws:iam/rolePolicyAttachment:RolePolicyAttachment":
                return resource.policyAttachment("role");
            case "aws:iam/groupPolicyAttachment:GroupPolicyAttachment":
                return resource.policyAttachment("group");
            case "aws:iam/policyAttachment:PolicyAttachment":
            case "aws:iam/groupMembership:GroupMembership":
                return resource.namedById();
            case "aws:iam/userGroupMembership:UserGroupMembership":
                return resource.userGroupMembership();
            case "aws:iam/userLoginProfile:UserLoginProfile":
                return resource.loginProfile();
            case "aws:iam/accessKey:AccessKey":
                return resource.accessKey();
            case "aws:s3/bucket:Bucket":
            case "aws:s3/bucketV2:BucketV2":
                return resource.bucket();
            default:
                return resource.identifiedByBucketOrHash();
        }
    }

    /** Returns what an AWS provider function would; throws for a function without a mock. */
    call(token: string, inputs: Readonly<Record<string, unknown>>): Record<string, WireValue> {
        switch (token) {
            case "aws:index/getCallerIdentity:getCallerIdentity": {
                const accountId = this.requireAccountId(`function ${token}`);
                return {
                    accountId,
                    arn: `arn:${partitionOf(this.environment.region)}:iam::${accountId}:root`,
                    id: accountId,
                    userId: accountId,
                };
            }
            case "aws:index/getRegion:getRegion":
            case "aws:index/getRegion:getRegion_v2": {
                const region = typeof inputs["region"] === "string" ? inputs["region"] : this.requireRegion(token);
                return {
                    id: region,
                    name: region,
                    region,
                    endpoint: `ec2.${region}.amazonaws.com`,
                    description: region,
                };
            }
            case "aws:index/getPartition:getPartition": {
                const partition = partitionOf(this.environment.region);
                return {
                    id: partition,
                    partition,
                    dnsSuffix: partition === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com",
                    reverseDnsPrefix: partition === "aws-cn" ? "cn.com.amazonaws" : "com.amazonaws",
                };
            }
            default:
                throw new MockError(
                    `the offline runner has no mock for the function ${token}; add one to runner/mocks.ts ` +
                        "(AwsMocks.call) or compute the value in the program",
                );
        }
    }

    requireAccountId(what: string): string {
        if (this.environment.accountId === undefined) {
            throw new MockError(
                `cannot compute the ARN of ${what}: the stack's AWS account id is not configured; ` +
                    `set ${this.environment.accountIdSource}`,
            );
        }
        return this.environment.accountId;
    }

    requireRegion(what: string): string {
        if (this.environment.region === undefined) {
            throw new MockError(`cannot compute ${what}: the stack's region is not configured; set aws:region`);
        }
        return this.environment.region;
    }
}

/** The values of one resource registration, computed one output at a time. */
class ResourceComputation {
    private readonly hash: Buffer;
    private readonly inputs: Readonly<Record<string, WireValue>>;

    constructor(
        private readonly environment: MockEnvironment,
        private readonly request: MockResourceRequest,
        private readonly defaultTags: Readonly<Record<string, WireValue>>,
    ) {
        this.hash = createHash("sha256").update(request.urn).digest();
        this.inputs = request.inputs;
    }

    /** Computes a user, group, role or instance profile: the id is the name, and the ARN contains the path. */
    iamEntity(arnResource: string, uniqueIdPrefix: string, defaults: Record<string, WireValue>): MockResourceResult {
        const name = this.physicalName();
        const path = this.stringInput("path") ?? "/";
        const arn = this.iamArn(`${arnResource}${path}${name}`);
        const uniqueId = this.afterApply(this.uniqueId(uniqueIdPrefix));
        // The provider fills in a default only where the program set no value.
        const unsetDefaults = Object.fromEntries(
            Object.entries(defaults).filter(([key]) => this.inputs[key] === undefined),
        );
        return this.result(name, {
            ...unsetDefaults,
            path,
            arn,
            uniqueId,
            tagsAll: this.tagsAll(),
        });
    }

    /** Computes a customer managed policy, whose id is its ARN. */
    managedPolicy(): MockResourceResult {
        const name = this.physicalName();
        const path = this.stringInput("path") ?? "/";
        const arn = this.iamArn(`policy${path}${name}`);
        return this.result(arn, {
            path,
            arn,
            policyId: this.afterApply(this.uniqueId(uniqueIdPrefixes.policy)),
            attachmentCount: this.afterApply(0),
            tagsAll: this.tagsAll(),
        });
    }

    /** Computes an inline policy, whose provider id is `<owner name>:<policy name>`. */
    inlinePolicy(owner: "user" | "role" | "group"): MockResourceResult {
        const name = this.physicalName();
        const ownerName = this.referencedName(owner);
        return this.result(joinKnown(ownerName, ":", name), {});
    }

    /** Computes a managed policy attachment, whose provider id is `<owner name>-` and a 26-digit unique suffix. */
    policyAttachment(owner: "user" | "role" | "group"): MockResourceResult {
        const ownerName = this.referencedName(owner);
        return this.result(joinKnown(ownerName, "-", this.uniqueSuffix()), {});
    }

    /** Computes a resource whose name is its id (group membership, exclusive policy attachment). */
    namedById(): MockResourceResult {
        return this.result(this.physicalName(), {});
    }

    /** `aws:iam/userGroupMembership`: the provider's id is `terraform-` and a 26-digit unique suffix. */
    userGroupMembership(): MockResourceResult {
        return this.result(`terraform-${this.uniqueSuffix()}`, {});
    }

    /** Computes a console password: the id is the user's name, and the generated password is a secret. */
    loginProfile(): MockResourceResult {
        const user = this.referencedName("user");
        const generated = this.hexDigits(20);
        const hasPgpKey = this.inputs["pgpKey"] !== undefined;
        return this.result(user, {
            passwordLength: 20,
            passwordResetRequired: this.inputs["passwordResetRequired"] ?? false,
            password: hasPgpKey ? null : this.afterApply(makeSecret(generated)),
            encryptedPassword: hasPgpKey ? this.afterApply(generated) : null,
            keyFingerprint: hasPgpKey ? this.afterApply(this.hexDigits(40)) : null,
        });
    }

    /** Computes an access key: the id is the access key id, and the secret and its SMTP form are secrets. */
    accessKey(): MockResourceResult {
        const accessKeyId = this.uniqueId(uniqueIdPrefixes.accessKey, 16);
        const secret = Buffer.from(this.hash).toString("base64").slice(0, 40);
        return this.result(accessKeyId, {
            status: this.inputs["status"] ?? "Active",
            createDate: this.afterApply(this.environment.createDate),
            secret: this.afterApply(makeSecret(secret)),
            sesSmtpPasswordV4: this.afterApply(makeSecret(secret.split("").reverse().join(""))),
        });
    }

    /** Computes an S3 bucket: id and name are the bucket name, and the ARN has no account or region. */
    bucket(): MockResourceResult {
        let bucket = this.stringInput("bucket");
        const prefix = this.stringInput("bucketPrefix");
        if (bucket === undefined) {
            bucket =
                prefix !== undefined ? `${prefix}${this.uniqueSuffix()}` : this.autoname(maxBucketNameLength, true);
        }
        const region = this.stringInput("region") ?? this.environment.region;
        const state: Record<string, WireValue> = {
            bucket,
            arn: this.afterApply(`arn:${partitionOf(region)}:s3:::${bucket}`),
            bucketDomainName: this.afterApply(`${bucket}.s3.amazonaws.com`),
            forceDestroy: this.inputs["forceDestroy"] ?? false,
            tagsAll: this.tagsAll(),
        };
        if (region !== undefined) {
            state["region"] = region;
            state["bucketRegionalDomainName"] = this.afterApply(`${bucket}.s3.${region}.amazonaws.com`);
        }
        return { id: this.id(bucket), state: { ...this.inputs, ...state }, checkedInputs: { ...this.inputs, bucket } };
    }

    /**
     * Computes any other resource. S3 bucket settings take the bucket's name as their id, as the provider does.
     * Every other resource gets a stable id derived from the URN.
     */
    identifiedByBucketOrHash(): MockResourceResult {
        const bucket = this.inputs["bucket"];
        if (this.request.type.startsWith("aws:s3/") && typeof bucket === "string") {
            return this.result(bucket, {});
        }
        return this.result(`${this.request.name}-${this.hexDigits(7)}`, {});
    }

    /** Marks a value that only exists once the resource is created. */
    afterApply(value: WireValue): WireValue {
        return this.environment.previewUnknowns ? unknownValue : value;
    }

    private result(id: string, computed: Record<string, WireValue>): MockResourceResult {
        const checkedInputs: Record<string, WireValue> = { ...this.inputs };
        const state: Record<string, WireValue> = { ...this.inputs, ...computed };
        if (this.namedType() !== undefined) {
            checkedInputs["name"] = this.physicalName();
            state["name"] = checkedInputs["name"];
        }
        return { id: this.id(id), state, checkedInputs };
    }

    private id(value: string): string {
        return this.environment.previewUnknowns || value === unknownValue ? "" : value;
    }

    private namedType(): { readonly maxLength: number } | undefined {
        return iamNamedTypes[this.request.type];
    }

    /** Returns the `name` input, else `namePrefix` and a unique suffix, else the logical name and 7 hex digits. */
    private physicalName(): string {
        const name = this.stringInput("name");
        if (name !== undefined) {
            return name;
        }
        const maxLength = this.namedType()?.maxLength ?? maxPolicyNameLength;
        const prefix = this.stringInput("namePrefix");
        if (prefix !== undefined) {
            return `${prefix}${this.uniqueSuffix()}`;
        }
        return this.autoname(maxLength, false);
    }

    /** Pulumi's autoname: the logical name, a dash and 7 hex digits; it fails when that is too long. */
    private autoname(maxLength: number, lowerCase: boolean): string {
        const base = lowerCase ? this.request.name.toLowerCase() : this.request.name;
        const name = `${base}-${this.hexDigits(7)}`;
        if (name.length > maxLength) {
            throw new MockError(
                `${this.request.type} "${this.request.name}": the autonamed physical name "${name}" is ` +
                    `${name.length} characters; the maximum is ${maxLength}. Shorten the resource name or set ` +
                    "its name explicitly",
            );
        }
        return name;
    }

    /** Builds the `arn:<partition>:iam::<account>:<resource>` of an IAM entity. */
    private iamArn(resource: string): string {
        const accountId = this.environment.accountId;
        if (accountId === undefined) {
            throw new MockError(
                `cannot compute IAM ARNs: the stack's AWS account id is not configured; set ` +
                    this.environment.accountIdSource,
            );
        }
        const arn = `arn:${partitionOf(this.environment.region)}:iam::${accountId}:${resource}`;
        return this.environment.previewUnknowns ? unknownValue : arn;
    }

    /** Returns the name of the user, role or group an input refers to, by name or by resource reference. */
    private referencedName(key: string): string {
        const value = unwrapSecret(this.inputs[key]);
        if (isObject(value) && value[signatureKey] === resourceReferenceSignature) {
            const id = value["id"];
            return typeof id === "string" && id !== "" ? id : unknownValue;
        }
        if (typeof value === "string") {
            return value;
        }
        throw new MockError(`${this.request.type} "${this.request.name}": the input "${key}" is missing`);
    }

    private stringInput(key: string): string | undefined {
        const value = unwrapSecret(this.inputs[key]);
        return typeof value === "string" && !isUnknown(value) ? value : undefined;
    }

    /** Merges the provider's default tags with the resource's own, which win, as the AWS provider does. */
    private tagsAll(): WireValue {
        const tags = this.inputs["tags"];
        return { ...this.defaultTags, ...(isObject(tags) ? tags : {}) };
    }

    /** AWS unique ids: a 4-letter prefix and uppercase letters and digits (17 of them for IAM entities). */
    private uniqueId(prefix: string, length = 17): string {
        const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        let result = prefix;
        for (let index = 0; result.length < prefix.length + length; index++) {
            result += alphabet[this.hash[index % this.hash.length] % alphabet.length];
        }
        return result;
    }

    /** Returns the provider's unique suffix for prefixed names: a timestamp-like run of 26 digits. */
    private uniqueSuffix(): string {
        let digits = "";
        for (let index = 0; digits.length < 26; index++) {
            digits += String(this.hash[index % this.hash.length] % 10);
        }
        return digits;
    }

    private hexDigits(count: number): string {
        return this.hash.toString("hex").slice(0, count);
    }
}

/** The inputs that the AWS provider accepts as a document object or a JSON string, by resource type. */
const jsonDocumentInputs: Readonly<Record<string, readonly string[]>> = {
    "aws:iam/policy:Policy": ["policy"],
    "aws:iam/role:Role": ["assumeRolePolicy"],
    "aws:iam/userPolicy:UserPolicy": ["policy"],
    "aws:iam/rolePolicy:RolePolicy": ["policy"],
    "aws:iam/groupPolicy:GroupPolicy": ["policy"],
    "aws:s3/bucketPolicy:BucketPolicy": ["policy"],
};

/**
 * Encodes document objects as the provider's check does (Go's `json.Marshal`): keys sorted, no whitespace,
 * `<`, `>` and `&` escaped. A program that passes an object therefore shows the same string as one that passes
 * JSON text with the same content in that form.
 */
export function encodeJsonDocuments(
    type: string,
    inputs: Readonly<Record<string, WireValue>>,
): Record<string, WireValue> {
    const result = { ...inputs };
    for (const key of jsonDocumentInputs[type] ?? []) {
        const value = result[key];
        if (isObject(value) && value[signatureKey] === undefined && !containsUnknown(value)) {
            result[key] = marshalLikeGo(value);
        }
    }
    return result;
}

function marshalLikeGo(value: WireValue): string {
    return JSON.stringify(sortKeys(value))
        .replace(/</g, "\\u003c")
        .replace(/>/g, "\\u003e")
        .replace(/&/g, "\\u0026")
        .replace(/\u2028/g, "\\u2028")
        .replace(/\u2029/g, "\\u2029");
}

function sortKeys(value: WireValue): WireValue {
    if (Array.isArray(value)) {
        return value.map(sortKeys);
    }
    if (isObject(value)) {
        const sorted: Record<string, WireValue> = {};
        for (const key of Object.keys(value).sort()) {
            sorted[key] = sortKeys(value[key] as WireValue);
        }
        return sorted;
    }
    return value;
}

/** `<left><separator><right>`, or unknown when either side is unknown. */
function joinKnown(left: string, separator: string, right: string): string {
    return isUnknown(left) || isUnknown(right) ? unknownValue : `${left}${separator}${right}`;
}

/** Returns the ARN partition of a region: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html */
export function partitionOf(region: string | undefined): string {
    if (region?.startsWith("cn-")) {
        return "aws-cn";
    }
    if (region?.startsWith("us-gov-")) {
        return "aws-us-gov";
    }
    return "aws";
}

/**
 * Reads a provider's `defaultTags` input. The SDK sends a provider's object inputs as JSON text, so both the
 * text and the object form are read.
 */
function readDefaultTags(value: WireValue | undefined): Record<string, WireValue> {
    let parsed: unknown = value;
    if (typeof value === "string") {
        try {
            parsed = JSON.parse(value);
        } catch {
            return {};
        }
    }
    const tags = isObject(parsed as WireValue) ? (parsed as Record<string, WireValue>)["tags"] : undefined;
    return tags !== undefined && isObject(tags) ? { ...(tags as Record<string, WireValue>) } : {};
}
