/**
 * Turns the pack's rules into CrossGuard policies. Each reads the resource's raw properties, so that an
 * unknown value is reported rather than thrown, and applies the rule's exemptions. Each finding is reported
 * with its own message, and with the advisory level where it must not block.
 */
import {
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";

import { configSchemaOf } from "./config";
import { findDocuments } from "./documents";
import { applyExemptions, recordExemptions } from "./exemptions";
import { prepareDocument } from "./review";
import {
    DocumentRule,
    ResourceRule,
    ResourceUnderReview,
    RuleFinding,
    RuleMetadata,
    RuleSettings,
    StackRule,
} from "./rule";
import { isUnknown, unwrapProperties } from "./unknowns";

/** Names a resource at the start of a finding, such as `Role "deployer"`. */
function resourceLabel(resource: ResourceUnderReview): string {
    return `${resource.type.split(":").pop()} "${resource.name}"`;
}

/** Returns the resource's Pulumi name and, when known, its name in AWS. */
export function ownerNamesOf(resource: ResourceUnderReview): string[] {
    const awsName = resource.props.name;
    return typeof awsName === "string" && !isUnknown(awsName) && awsName !== resource.name
        ? [resource.name, awsName]
        : [resource.name];
}

/** Runs a document rule on every document the resource contains; messages name the resource and location. */
export function checkResourceDocuments(
    rule: DocumentRule,
    resource: ResourceUnderReview,
    settings: RuleSettings,
): RuleFinding[] {
    const found = findDocuments(resource.type, resource.props);
    const findings: RuleFinding[] = [];
    for (const source of found.documents) {
        if (!rule.kinds.includes(source.kind) || (source.managedPolicy !== undefined && !rule.judgesManagedPolicies)) {
            continue;
        }
        const where = `${resourceLabel(resource)} ${source.location}`;
        const prepared = prepareDocument(source.value, source.kind, {
            sizeLimit: source.sizeLimit,
            managedPolicy: source.managedPolicy,
            ownerNames: ownerNamesOf(resource),
            resourceWildcardMeansOwner: source.resourceWildcardMeansOwner,
        });
        if (!prepared.known) {
            findings.push({
                enforcementLevel: "advisory",
                message: `${where}: the document is not known until the update runs, so it cannot be checked until the value is known.`,
            });
            continue;
        }
        for (const finding of rule.checkDocument(prepared.review, settings)) {
            findings.push({ ...finding, message: `${where}: ${finding.message}` });
        }
    }
    if (rule.judgesManagedPolicies) {
        for (const attachment of found.unjudgeable) {
            findings.push({
                message: `${resourceLabel(resource)} attaches ${attachment.arn}, an AWS managed policy whose document the pack does not have, so it cannot judge what the policy grants. Add the policy to scripts/derive-managed-policies.ts and run npm run derive:managed-policies, or attach a customer managed policy.`,
            });
        }
    }
    return findings;
}

/** Reports findings through CrossGuard with their own messages and, for advisory findings, level. */
function report(findings: readonly RuleFinding[], reportViolation: ReportViolation, urn?: string): void {
    for (const finding of findings) {
        // NOTE: @pulumi/policy 1.21 declares reportViolation(message, urn) only, but its implementation also
        // takes an object with message, urn and enforcementLevel. The object form keeps the rule's description
        // out of every message, and it lets one finding of a mandatory rule be advisory.
        const violation: Record<string, string> = { message: finding.message };
        if (finding.enforcementLevel !== undefined) {
            violation.enforcementLevel = finding.enforcementLevel;
        }
        if (urn !== undefined) {
            violation.urn = urn;
        }
        (reportViolation as unknown as (violation: Record<string, string>) => void)(violation);
    }
}

function resourceUnderReview(args: ResourceValidationArgs): ResourceUnderReview {
    return { type: args.type, name: args.name, urn: args.urn, props: unwrapProperties(args.props) };
}

function metadataOf(rule: RuleMetadata): Omit<ResourceValidationPolicy, "validateResource"> {
    return {
        name: rule.name,
        description: rule.description,
        enforcementLevel: rule.enforcementLevel,
        severity: rule.severity,
        url: rule.url,
        remediationSteps: rule.reason,
        configSchema: configSchemaOf(rule),
    };
}

/** Makes a CrossGuard resource policy from a document rule. */
export function documentPolicy(rule: DocumentRule): ResourceValidationPolicy {
    return {
        ...metadataOf(rule),
        validateResource: (args, reportViolation) => {
            const settings = args.getConfig<RuleSettings>();
            recordExemptions(rule.name, settings);
            const resource = resourceUnderReview(args);
            report(
                applyExemptions(checkResourceDocuments(rule, resource, settings), settings, resource),
                reportViolation,
            );
        },
    };
}

/** Makes a CrossGuard resource policy from a resource rule. */
export function resourcePolicy(rule: ResourceRule): ResourceValidationPolicy {
    return {
        ...metadataOf(rule),
        validateResource: (args, reportViolation) => {
            const settings = args.getConfig<RuleSettings>();
            recordExemptions(rule.name, settings);
            const resource = resourceUnderReview(args);
            const findings = rule
                .checkResource(resource, settings)
                .map((finding) => ({ ...finding, message: `${resourceLabel(resource)}: ${finding.message}` }));
            report(applyExemptions(findings, settings, resource), reportViolation);
        },
    };
}

/** Makes a CrossGuard stack policy from a stack rule. */
export function stackPolicy(rule: StackRule): StackValidationPolicy {
    return {
        ...metadataOf(rule),
        validateStack: (args: StackValidationArgs, reportViolation) => {
            const settings = args.getConfig<RuleSettings>();
            recordExemptions(rule.name, settings);
            const resources = args.resources.map((resource) => ({
                type: resource.type,
                name: resource.name,
                urn: resource.urn,
                props: unwrapProperties(resource.props),
            }));
            for (const finding of rule.checkStack(resources, settings)) {
                const resource = resources.find((candidate) => candidate.urn === finding.urn);
                const kept = resource === undefined ? [finding] : applyExemptions([finding], settings, resource);
                report(kept, reportViolation, finding.urn);
            }
        },
    };
}
