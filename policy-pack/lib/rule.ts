/**
 * The shapes every rule file exports: its metadata next to its logic. A document rule judges one policy
 * document wherever it was found; a resource rule judges one resource's properties; a stack rule judges
 * the whole stack. lib/policies.ts turns each into a CrossGuard policy.
 */
import { Severity } from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";

import { ParsedDocument } from "../../iam/document";

/** How a policy document is used, which decides the rules that apply to it. */
export type DocumentKind = "identity" | "trust" | "resource";

/** Enforcement levels this pack uses; CrossGuard's `remediate` is not used because no rule remediates. */
export type EnforcementLevel = "mandatory" | "advisory" | "disabled";

/** Metadata of one rule, shown by `pulumi policy` and in every finding. */
export interface RuleMetadata {
    /** Kebab-case name, equal to the rule's file name. */
    readonly name: string;
    /** The compliant condition, in one sentence. */
    readonly description: string;
    /** The reason the rule exists, written once here rather than in every finding. */
    readonly reason: string;
    readonly enforcementLevel: "mandatory" | "advisory";
    readonly severity: Severity;
    /** AWS documentation on the behaviour the rule guards. */
    readonly url: string;
    /** Rule-specific configuration properties; every rule also accepts `exemptions`. */
    readonly configProperties?: Readonly<Record<string, PolicyConfigJSONSchema>>;
}

/** One finding of a rule, before exemptions. */
export interface RuleFinding {
    readonly message: string;
    /** Set to `advisory` when the finding must not block, such as a value not known during preview. */
    readonly enforcementLevel?: "advisory";
}

/** An AWS managed policy whose stored document is judged in place of an attached ARN. */
export interface ManagedPolicyReference {
    readonly name: string;
    readonly arn: string;
    readonly versionId: string;
    readonly versionDate: string;
}

/** A policy document found somewhere, parsed, with what is known about where it came from. */
export interface DocumentUnderReview {
    readonly kind: DocumentKind;
    readonly parsed: ParsedDocument;
    /** Statements (by index) and the elements of each whose values are not known during preview. */
    readonly unknownElements: ReadonlyMap<number, readonly string[]>;
    /** The maximum size IAM or the service accepts for this document, with what it applies to. */
    readonly sizeLimit?: { readonly characters: number; readonly description: string };
    /** Set when the document is an AWS managed policy attached by ARN. */
    readonly managedPolicy?: ManagedPolicyReference;
    /**
     * Names of the resource the document belongs to, for allow lists: its Pulumi resource name and, when known,
     * its AWS name (such as the IAM role name). Empty for a bare document.
     */
    readonly ownerNames: readonly string[];
    /** Set for a policy of one resource, such as a KMS key policy, where `Resource: "*"` means that resource. */
    readonly resourceWildcardMeansOwner?: boolean;
}

/** Settings of one rule as read from the pack's configuration, without the enforcement level. */
export type RuleSettings = Readonly<Record<string, unknown>>;

/** A rule that judges policy documents. */
export interface DocumentRule extends RuleMetadata {
    /** Document kinds the rule applies to. */
    readonly kinds: readonly DocumentKind[];
    /** Whether the rule judges the documents of attached AWS managed policies too. */
    readonly judgesManagedPolicies: boolean;
    checkDocument(document: DocumentUnderReview, settings: RuleSettings): RuleFinding[];
}

/** A resource as a rule receives it: plain properties, with unknown values left as the engine's sentinels. */
export interface ResourceUnderReview {
    readonly type: string;
    readonly name: string;
    readonly urn: string;
    readonly props: Readonly<Record<string, unknown>>;
}

/** A rule that judges one resource at a time, apart from its policy documents. */
export interface ResourceRule extends RuleMetadata {
    checkResource(resource: ResourceUnderReview, settings: RuleSettings): RuleFinding[];
}

/** A finding of a stack rule, tied to the resource it is reported on, or to the stack when `urn` is absent. */
export interface StackFinding extends RuleFinding {
    readonly urn?: string;
}

/** A rule that judges the stack's resources together. */
export interface StackRule extends RuleMetadata {
    checkStack(resources: readonly ResourceUnderReview[], settings: RuleSettings): StackFinding[];
}
