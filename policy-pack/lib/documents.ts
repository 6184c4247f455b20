/**
 * The locations of policy documents in each resource type, the kind of each, and the size quota that applies.
 * AWS managed policies attached by ARN stand in with their stored documents. Customer managed policies
 * attached by ARN are not repeated here: their documents are judged on their own aws.iam.Policy resources.
 */
import {
    maxGroupInlinePolicyCharacters,
    maxManagedPolicyCharacters,
    maxRoleInlinePolicyCharacters,
    maxTrustPolicyCharacters,
    maxUserInlinePolicyCharacters,
} from "../../iam/limits";
import { maxBucketPolicyBytes, maxKeyPolicyBytes, maxSecretPolicyCharacters } from "../../iam/resource-policy-limits";
import { findManagedPolicy, isAwsManagedPolicyArn } from "./managed-policies";
import { isUnknown } from "./unknowns";
import { DocumentKind, ManagedPolicyReference } from "./rule";

/** A document found in a resource's properties. */
export interface DocumentSource {
    /** The document's property path in the resource, such as `assumeRolePolicy` or `inlinePolicies[0].policy`. */
    readonly location: string;
    readonly kind: DocumentKind;
    /** The document as the resource contains it: a JSON string, an object, or the engine's unknown marker. */
    readonly value: unknown;
    readonly sizeLimit?: { readonly characters: number; readonly description: string };
    readonly managedPolicy?: ManagedPolicyReference;
    /** Set for a policy of one resource, such as a KMS key policy, where `Resource: "*"` means that resource. */
    readonly resourceWildcardMeansOwner?: boolean;
}

/** An AWS managed policy attached by ARN that the stored set does not contain, so cannot be judged. */
export interface UnjudgeableAttachment {
    readonly location: string;
    readonly arn: string;
}

/** Everything policy-shaped that one resource contains. */
export interface ResourceDocuments {
    readonly documents: DocumentSource[];
    readonly unjudgeable: UnjudgeableAttachment[];
}

// IAM applies these quotas to the sum of a principal's inline policies: each document is checked against the
// whole quota here, and the sum by the inline-policies-within-limits rule.
const inlinePolicyLimits: Readonly<Record<string, { characters: number; description: string }>> = {
    "aws:iam/rolePolicy:RolePolicy": {
        characters: maxRoleInlinePolicyCharacters,
        description: "the inline policies of one role",
    },
    "aws:iam/userPolicy:UserPolicy": {
        characters: maxUserInlinePolicyCharacters,
        description: "the inline policies of one user",
    },
    "aws:iam/groupPolicy:GroupPolicy": {
        characters: maxGroupInlinePolicyCharacters,
        description: "the inline policies of one group",
    },
};

/** Resource policies and their quotas; `undefined` where the service publishes none that the pack checks. */
const resourcePolicyTypes: Readonly<Record<string, { characters: number; description: string } | undefined>> = {
    "aws:s3/bucketPolicy:BucketPolicy": { characters: maxBucketPolicyBytes, description: "an S3 bucket policy" },
    "aws:sqs/queuePolicy:QueuePolicy": undefined,
    "aws:sns/topicPolicy:TopicPolicy": undefined,
    "aws:ecr/repositoryPolicy:RepositoryPolicy": undefined,
    "aws:secretsmanager/secretPolicy:SecretPolicy": {
        characters: maxSecretPolicyCharacters,
        description: "a Secrets Manager resource policy",
    },
    "aws:kms/key:Key": { characters: maxKeyPolicyBytes, description: "a KMS key policy" },
};

/**
 * Resource policies that belong to one resource, where `"Resource": "*"` names that resource only.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-overview.html
 */
const ownerScopedPolicyTypes: readonly string[] = [
    "aws:kms/key:Key",
    "aws:secretsmanager/secretPolicy:SecretPolicy",
    "aws:ecr/repositoryPolicy:RepositoryPolicy",
];

/** Resource types whose `policyArn` attaches a managed policy. */
const attachmentTypes: readonly string[] = [
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    "aws:iam/userPolicyAttachment:UserPolicyAttachment",
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
    "aws:iam/policyAttachment:PolicyAttachment",
];

function addAttachedPolicy(arn: unknown, location: string, found: ResourceDocuments): void {
    if (typeof arn !== "string" || isUnknown(arn) || !isAwsManagedPolicyArn(arn)) {
        return;
    }
    const managed = findManagedPolicy(arn);
    if (managed === undefined) {
        found.unjudgeable.push({ location, arn });
        return;
    }
    const { document, ...reference } = managed;
    found.documents.push({ location, kind: "identity", value: document, managedPolicy: reference });
}

/** Returns the policy documents and managed policy attachments of one resource. */
export function findDocuments(type: string, props: Readonly<Record<string, unknown>>): ResourceDocuments {
    const found: ResourceDocuments = { documents: [], unjudgeable: [] };
    if (props.policy !== undefined && type === "aws:iam/policy:Policy") {
        found.documents.push({
            location: "policy",
            kind: "identity",
            value: props.policy,
            sizeLimit: { characters: maxManagedPolicyCharacters, description: "a customer managed policy" },
        });
    }
    if (props.policy !== undefined && type in inlinePolicyLimits) {
        found.documents.push({
            location: "policy",
            kind: "identity",
            value: props.policy,
            sizeLimit: inlinePolicyLimits[type],
        });
    }
    if (props.policy !== undefined && type in resourcePolicyTypes) {
        found.documents.push({
            location: "policy",
            kind: "resource",
            value: props.policy,
            sizeLimit: resourcePolicyTypes[type],
            resourceWildcardMeansOwner: ownerScopedPolicyTypes.includes(type),
        });
    }

    if (type === "aws:iam/role:Role") {
        if (props.assumeRolePolicy !== undefined) {
            found.documents.push({
                location: "assumeRolePolicy",
                kind: "trust",
                value: props.assumeRolePolicy,
                sizeLimit: { characters: maxTrustPolicyCharacters, description: "a role trust policy" },
            });
        }
        if (Array.isArray(props.inlinePolicies)) {
            props.inlinePolicies.forEach((inline: unknown, index) => {
                const policy =
                    typeof inline === "object" && inline !== null ? (inline as { policy?: unknown }).policy : inline;
                if (policy !== undefined && policy !== "") {
                    found.documents.push({
                        location: `inlinePolicies[${index}].policy`,
                        kind: "identity",
                        value: policy,
                        sizeLimit: inlinePolicyLimits["aws:iam/rolePolicy:RolePolicy"],
                    });
                }
            });
        }
        if (Array.isArray(props.managedPolicyArns)) {
            props.managedPolicyArns.forEach((arn: unknown, index) =>
                addAttachedPolicy(arn, `managedPolicyArns[${index}] ${String(arn)}`, found),
            );
        }
    }

    if (attachmentTypes.includes(type)) {
        addAttachedPolicy(props.policyArn, `policyArn ${String(props.policyArn)}`, found);
    }
    return found;
}
