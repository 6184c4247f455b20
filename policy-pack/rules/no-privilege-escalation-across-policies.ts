/**
 * No role, user or group receives iam:PassRole on a role pattern from one policy and an action that launches
 * compute from another. The same pair within one document is reported by no-privilege-escalation.
 */
import { Statement } from "../../iam/document";
import { findDocuments } from "../lib/documents";
import { prepareDocument } from "../lib/review";
import { ResourceUnderReview, StackFinding, StackRule } from "../lib/rule";
import { isUnknown } from "../lib/unknowns";
import { allowsPassRoleOnPattern, findComputeLaunchActions } from "./no-privilege-escalation";

type PrincipalKind = "role" | "user" | "group";

/** One identity policy document and the resource that grants it. */
interface Grant {
    readonly source: ResourceUnderReview;
    readonly statements: readonly Statement[];
}

const inlinePolicyTypes: Readonly<Record<string, PrincipalKind>> = {
    "aws:iam/rolePolicy:RolePolicy": "role",
    "aws:iam/userPolicy:UserPolicy": "user",
    "aws:iam/groupPolicy:GroupPolicy": "group",
};

const attachmentTypes: Readonly<Record<string, PrincipalKind>> = {
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": "role",
    "aws:iam/userPolicyAttachment:UserPolicyAttachment": "user",
    "aws:iam/groupPolicyAttachment:GroupPolicyAttachment": "group",
};

const principalTypes: Readonly<Record<string, PrincipalKind>> = {
    "aws:iam/role:Role": "role",
    "aws:iam/user:User": "user",
    "aws:iam/group:Group": "group",
};

function knownString(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" && !isUnknown(value) ? value : undefined;
}

function identityStatements(type: string, props: Readonly<Record<string, unknown>>): Statement[] {
    return findDocuments(type, props)
        .documents.filter((source) => source.kind === "identity")
        .flatMap((source) => {
            const prepared = prepareDocument(source.value, "identity");
            return prepared.known ? [...prepared.review.parsed.statements] : [];
        });
}

/** Returns true when a customer managed policy resource has the ARN, by its `arn` or by its path and name. */
function policyHasArn(policy: ResourceUnderReview, arn: string): boolean {
    const name = knownString(policy.props.name);
    const path = knownString(policy.props.path) ?? "/";
    return knownString(policy.props.arn) === arn || (name !== undefined && arn.endsWith(`:policy${path}${name}`));
}

/** Collects the identity documents of every role, user and group, keyed `kind name`. */
function collectGrants(resources: readonly ResourceUnderReview[]): Map<string, Grant[]> {
    const grants = new Map<string, Grant[]>();
    const add = (kind: PrincipalKind, name: string | undefined, grant: Grant): void => {
        if (name !== undefined && grant.statements.length > 0) {
            grants.set(`${kind} ${name}`, [...(grants.get(`${kind} ${name}`) ?? []), grant]);
        }
    };
    const policies = resources.filter((resource) => resource.type === "aws:iam/policy:Policy");

    for (const resource of resources) {
        const props = resource.props;
        if (resource.type === "aws:iam/role:Role") {
            add("role", knownString(props.name), {
                source: resource,
                statements: identityStatements(resource.type, props),
            });
        }
        const inlineKind = inlinePolicyTypes[resource.type];
        if (inlineKind !== undefined) {
            add(inlineKind, knownString(props[inlineKind]), {
                source: resource,
                statements: identityStatements(resource.type, props),
            });
        }
        const attachmentKind = attachmentTypes[resource.type];
        const policyArn = knownString(props.policyArn);
        if (attachmentKind !== undefined && policyArn !== undefined) {
            const customer = policies.find((policy) => policyHasArn(policy, policyArn));
            const statements =
                customer === undefined
                    ? identityStatements(resource.type, props)
                    : identityStatements(customer.type, customer.props);
            add(attachmentKind, knownString(props[attachmentKind]), { source: resource, statements });
        }
    }
    return grants;
}

/** Returns the groups each user belongs to, from GroupMembership and UserGroupMembership resources. */
function collectGroupsByUser(resources: readonly ResourceUnderReview[]): Map<string, Set<string>> {
    const groupsByUser = new Map<string, Set<string>>();
    const add = (user: string | undefined, group: string | undefined): void => {
        if (user !== undefined && group !== undefined) {
            groupsByUser.set(user, (groupsByUser.get(user) ?? new Set()).add(group));
        }
    };
    for (const resource of resources) {
        const props = resource.props;
        if (resource.type === "aws:iam/groupMembership:GroupMembership" && Array.isArray(props.users)) {
            props.users.forEach((user) => add(knownString(user), knownString(props.group)));
        }
        if (resource.type === "aws:iam/userGroupMembership:UserGroupMembership" && Array.isArray(props.groups)) {
            props.groups.forEach((group) => add(knownString(props.user), knownString(group)));
        }
    }
    return groupsByUser;
}

export const noPrivilegeEscalationAcrossPolicies: StackRule = {
    name: "no-privilege-escalation-across-policies",
    description:
        "No role, user (with its groups) or group receives iam:PassRole on a role pattern and an action that launches compute from different policies.",
    reason: "Split over two policies, the pair still lets the principal run code as any matching role; each policy alone looks harmless in review.",
    enforcementLevel: "mandatory",
    severity: "critical",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html",

    checkStack(resources): StackFinding[] {
        const grants = collectGrants(resources);
        const groupsByUser = collectGroupsByUser(resources);
        const principals = new Set([...grants.keys(), ...[...groupsByUser.keys()].map((user) => `user ${user}`)]);

        const findings: StackFinding[] = [];
        for (const principal of [...principals].sort()) {
            const [kind, name] = principal.split(" ", 2) as [PrincipalKind, string];
            const groups = kind === "user" ? [...(groupsByUser.get(name) ?? [])].sort() : [];
            const received = [
                ...(grants.get(principal) ?? []),
                ...groups.flatMap((group) => grants.get(`group ${group}`) ?? []),
            ];
            const passRole = received.filter((grant) => grant.statements.some(allowsPassRoleOnPattern));
            const launching = received.filter((grant) => findComputeLaunchActions(grant.statements).length > 0);
            // A pair inside one document is reported by no-privilege-escalation on that document.
            if (
                passRole.length === 0 ||
                launching.length === 0 ||
                passRole.some((grant) => launching.includes(grant))
            ) {
                continue;
            }

            const actions = findComputeLaunchActions(launching.flatMap((grant) => grant.statements));
            const target = resources.find(
                (resource) => principalTypes[resource.type] === kind && knownString(resource.props.name) === name,
            );
            findings.push({
                urn: target?.urn ?? passRole[0].source.urn,
                message:
                    `The ${kind} ${name}${groups.length > 0 ? ` (with groups ${groups.join(", ")})` : ""} receives iam:PassRole on a role pattern from ` +
                    `${passRole.map((grant) => `"${grant.source.name}"`).join(", ")} and ${actions.join(", ")} from ` +
                    `${launching.map((grant) => `"${grant.source.name}"`).join(", ")}, so it can start compute that runs with any matching role's permissions. ` +
                    `Name the exact roles in iam:PassRole.`,
            });
        }
        return findings;
    },
};
