/**
 * The inline policies of each role, user and group fit IAM's quota for their total size.
 */
import {
    maxGroupInlinePolicyCharacters,
    maxRoleInlinePolicyCharacters,
    maxUserInlinePolicyCharacters,
    policySizeWithoutWhitespace,
} from "../../iam/limits";
import { findDocuments } from "../lib/documents";
import { prepareDocument } from "../lib/review";
import { ResourceUnderReview, StackFinding, StackRule } from "../lib/rule";
import { isUnknown } from "../lib/unknowns";

type PrincipalKind = "role" | "user" | "group";

const inlinePolicyTypes: Readonly<Record<string, PrincipalKind>> = {
    "aws:iam/rolePolicy:RolePolicy": "role",
    "aws:iam/userPolicy:UserPolicy": "user",
    "aws:iam/groupPolicy:GroupPolicy": "group",
};

const quotas: Readonly<Record<PrincipalKind, number>> = {
    role: maxRoleInlinePolicyCharacters,
    user: maxUserInlinePolicyCharacters,
    group: maxGroupInlinePolicyCharacters,
};

/** One inline policy and its size, with the resource that defines it. */
interface InlinePolicy {
    readonly source: ResourceUnderReview;
    readonly characters: number;
}

function knownString(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" && !isUnknown(value) ? value : undefined;
}

/** Returns the sizes of the known identity documents of a resource, without whitespace. */
function documentSizes(resource: ResourceUnderReview): number[] {
    return findDocuments(resource.type, resource.props)
        .documents.filter((source) => source.kind === "identity" && source.managedPolicy === undefined)
        .flatMap((source) => {
            const prepared = prepareDocument(source.value, "identity");
            return prepared.known ? [policySizeWithoutWhitespace(prepared.review.parsed.json)] : [];
        });
}

export const inlinePoliciesWithinLimits: StackRule = {
    name: "inline-policies-within-limits",
    description: `The inline policies of each role, user and group total at most ${maxRoleInlinePolicyCharacters}, ${maxUserInlinePolicyCharacters} and ${maxGroupInlinePolicyCharacters} characters without whitespace.`,
    reason: "IAM applies its inline policy quota to the sum of a principal's inline policies, so documents that each fit can still be rejected together when the update runs.",
    enforcementLevel: "mandatory",
    severity: "low",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length",

    checkStack(resources): StackFinding[] {
        const byPrincipal = new Map<string, InlinePolicy[]>();
        const add = (kind: PrincipalKind, name: string | undefined, source: ResourceUnderReview): void => {
            const policies = documentSizes(source).map((characters) => ({ source, characters }));
            if (name !== undefined && policies.length > 0) {
                byPrincipal.set(`${kind} ${name}`, [...(byPrincipal.get(`${kind} ${name}`) ?? []), ...policies]);
            }
        };
        for (const resource of resources) {
            if (resource.type === "aws:iam/role:Role") {
                add("role", knownString(resource.props.name), resource);
            }
            const kind = inlinePolicyTypes[resource.type];
            if (kind !== undefined) {
                add(kind, knownString(resource.props[kind]), resource);
            }
        }

        const findings: StackFinding[] = [];
        for (const [principal, policies] of [...byPrincipal.entries()].sort(([left], [right]) =>
            left.localeCompare(right),
        )) {
            const kind = principal.slice(0, principal.indexOf(" ")) as PrincipalKind;
            const total = policies.reduce((sum, policy) => sum + policy.characters, 0);
            // A single document over the quota is reported by policy-size-within-limits on that document.
            if (total <= quotas[kind] || policies.length < 2) {
                continue;
            }
            const sources = [...new Set(policies.map((policy) => `"${policy.source.name}"`))];
            findings.push({
                urn: policies[0].source.urn,
                message: `The inline policies of ${principal} total ${total} characters without whitespace, over IAM's quota of ${quotas[kind]} for one ${kind}; they come from ${sources.join(", ")}. Move some statements into customer managed policies and attach them.`,
            });
        }
        return findings;
    },
};
