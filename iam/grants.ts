/**
 * Least-privilege analysis of one policy statement against the IAM action catalog. Both the components
 * (before they create a policy) and the policy pack (on every document it checks) use these checks, so a
 * document the components accept is one the pack passes.
 */
import {
    CatalogAction,
    expandActionPattern,
    hasWildcard,
    isReadOnly,
    splitAction,
    suggestAction,
    supportsResourceLevelPermissions,
} from "./catalog";
import { isAllow, Statement } from "./document";

/** The kinds of grant broader than least privilege. */
export type GrantProblemKind =
    | "full-wildcard"
    | "service-wildcard"
    | "wildcard-beyond-read"
    | "read-only-wildcard"
    | "not-action"
    | "not-resource"
    | "unscoped-resource";

/** One way a statement grants more than it names. */
export interface GrantProblem {
    readonly kind: GrantProblemKind;
    /** The offending element as written: an action, a resource, or `NotAction` / `NotResource`. */
    readonly subject: string;
    /** A sentence that states what the subject grants and how to narrow it. */
    readonly message: string;
}

/** Options of the wildcard analysis. */
export interface GrantAnalysisOptions {
    /** Whether a wildcard that expands only to List and Read actions is accepted. Default: true. */
    readonly allowReadOnlyWildcards?: boolean;
    /**
     * Whether `Resource: "*"` is accepted for Read actions that support resource-level permissions. List
     * actions may always use it. Default: false.
     */
    readonly allowReadOnlyResourceWildcards?: boolean;
    /**
     * Whether an action whose name begins with Get, List or Describe counts as read access even where the
     * catalog lists a higher access level for it. Meant for AWS managed policies, whose authors state read
     * intent with these verbs (such as `iot:List*` in ReadOnlyAccess, which also matches
     * iot:ListSubscriptions, a Write action). Default: false.
     */
    readonly readVerbsAreReadOnly?: boolean;
}

/**
 * Conditions that limit an action to read access although the catalog lists it above Read: with
 * `s3express:SessionMode` set to `ReadOnly`, s3express:CreateSession creates a session that can only read.
 * https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateSession.html
 */
const readOnlySessionConditions: readonly { action: string; key: string; value: string }[] = [
    { action: "s3express:CreateSession", key: "s3express:sessionmode", value: "ReadOnly" },
];

const readVerbPattern = /^(Get|List|Describe)/;

function limitsToReadSession(action: CatalogAction, statement: Statement): boolean {
    return readOnlySessionConditions.some(
        (narrowing) =>
            narrowing.action === action.fullName &&
            statement.conditions.some(
                (condition) =>
                    condition.operator === "StringEquals" &&
                    condition.key === narrowing.key &&
                    condition.values.length > 0 &&
                    condition.values.every((value) => value === narrowing.value),
            ),
    );
}

/**
 * Returns true when a statement grants the action at List or Read access only: by the catalog's levels, by a
 * condition that limits it to read access, or by its read verb when `readVerbsAreReadOnly` is set.
 */
export function grantsReadAccessOnly(
    action: CatalogAction,
    statement: Statement,
    options: GrantAnalysisOptions = {},
): boolean {
    if (isReadOnly(action) || limitsToReadSession(action, statement)) {
        return true;
    }
    return options.readVerbsAreReadOnly === true && readVerbPattern.test(action.name);
}

/** An action that does not exist in the catalog, with the nearest real one. */
export interface UnknownAction {
    readonly action: string;
    readonly suggestion?: string;
    readonly message: string;
}

const examplesShown = 3;

/** Lists the first few items with `describe`, then how many more there are. */
function listExamples(actions: readonly CatalogAction[], describe: (action: CatalogAction) => string): string {
    const shown = actions.slice(0, examplesShown).map(describe).join(", ");
    const remaining = actions.length - examplesShown;
    return remaining > 0 ? `${shown} and ${remaining.toLocaleString("en-US")} more` : shown;
}

function formatExamples(actions: readonly CatalogAction[]): string {
    return listExamples(actions, (action) => `${action.fullName} (${action.accessLevels.join(", ")})`);
}

/**
 * Returns true for a resource that matches every resource of a service or of all services: `*`, or an ARN
 * whose resource part is only wildcards, such as `arn:aws:s3:::*` or `arn:aws:iam::*:*`. IAM lets `*` in a
 * resource ARN match across `:` and `/`, so `arn:aws:*` is as wide as `*`.
 */
export function isServiceWideResource(resource: string): boolean {
    if (resource === "*") {
        return true;
    }
    const segments = resource.split(":");
    if (segments[0].toLowerCase() !== "arn" && segments[0] !== "*") {
        return false;
    }
    if (segments.length < 6) {
        return resource.endsWith("*");
    }
    const resourcePart = segments.slice(5).join(":");
    return /^[*?/:]+$/.test(resourcePart);
}

function classifyAction(action: string, statement: Statement, options: GrantAnalysisOptions): GrantProblem | undefined {
    if (!hasWildcard(action)) {
        return undefined;
    }

    const parts = splitAction(action);
    const nameIsAllWildcard = parts !== undefined && /^\*+$/.test(parts.name);
    if (/^[*?:]+$/.test(action) && action.includes("*")) {
        return {
            kind: "full-wildcard",
            subject: action,
            message: `Action "${action}" grants every action of every service; list the actions the principal needs`,
        };
    }
    if (nameIsAllWildcard && parts !== undefined && !hasWildcard(parts.service)) {
        return {
            kind: "service-wildcard",
            subject: action,
            message: `Action "${action}" grants every ${parts.service.toLowerCase()} action; list the actions the principal needs`,
        };
    }

    const expanded = expandActionPattern(action);
    const beyondRead = expanded.filter((candidate) => !grantsReadAccessOnly(candidate, statement, options));
    if (beyondRead.length > 0) {
        return {
            kind: "wildcard-beyond-read",
            subject: action,
            message:
                `Action "${action}" expands to ${beyondRead.length} ${beyondRead.length === 1 ? "action" : "actions"} above Read and List access, ` +
                `such as ${formatExamples(beyondRead)}; list the actions the principal needs`,
        };
    }
    if (options.allowReadOnlyWildcards === false && expanded.length > 0) {
        return {
            kind: "read-only-wildcard",
            subject: action,
            message: `Action "${action}" expands to ${expanded.length} Read and List actions; wildcards are not allowed here, list the actions`,
        };
    }
    return undefined;
}

/** Returns true when every access level of the action is List: it enumerates, it reads no content. */
function isListOnly(action: CatalogAction): boolean {
    return action.accessLevels.every((level) => level === "List");
}

function describeResourceTypes(action: CatalogAction): string {
    return `${action.fullName} (${action.resourceTypes.map((type) => type.name).join(", ")})`;
}

/**
 * Describes what one written action scopes by resource: the action itself, or for a pattern how many of its
 * actions support resource-level permissions, with examples.
 */
function describeScopableActions(written: string, scopable: readonly CatalogAction[]): string {
    if (scopable.length === 1 && !hasWildcard(written)) {
        return describeResourceTypes(scopable[0]);
    }
    const count = `${scopable.length.toLocaleString("en-US")} ${scopable.length === 1 ? "action" : "actions"}`;
    return `${written} (${count}, such as ${listExamples(scopable, describeResourceTypes)})`;
}

/**
 * Finds service-wide resources (`*`, `arn:aws:s3:::*`) applied to actions that support resource-level
 * permissions. List actions may use them: they enumerate and read no content, and several EC2 Describe
 * actions that the catalog lists with resource types are never scoped in practice. Read actions may use
 * them only with `allowReadOnlyResourceWildcards`, because `s3:GetObject` on `*` reads every bucket.
 */
function findUnscopedResources(statement: Statement, options: GrantAnalysisOptions): GrantProblem[] {
    const wideResources = (statement.resources ?? []).filter(isServiceWideResource);
    if (wideResources.length === 0) {
        return [];
    }

    const scopableByWrittenAction: string[] = [];
    for (const written of statement.actions ?? []) {
        const scopable = expandActionPattern(written).filter(
            (candidate) =>
                supportsResourceLevelPermissions(candidate) &&
                !isListOnly(candidate) &&
                !(
                    options.allowReadOnlyResourceWildcards === true &&
                    grantsReadAccessOnly(candidate, statement, options)
                ),
        );
        if (scopable.length > 0) {
            scopableByWrittenAction.push(describeScopableActions(written, scopable));
        }
    }
    if (scopableByWrittenAction.length === 0) {
        return [];
    }

    const actions = scopableByWrittenAction.join(", ");
    return wideResources.map((resource) => ({
        kind: "unscoped-resource" as const,
        subject: resource,
        message:
            `Resource "${resource}" covers every resource for ${actions}, ` +
            `which ${scopableByWrittenAction.length === 1 ? "supports" : "support"} resource-level permissions; ` +
            `name the resources' ARNs`,
    }));
}

/**
 * Finds every way an Allow statement grants more than it names: `*` and `service:*` actions, wildcards that
 * expand beyond Read and List access, `NotAction` and `NotResource`, and service-wide resources for actions
 * that support resource-level permissions. A Deny statement never grants, so it has no problems.
 */
export function findWildcardGrants(statement: Statement, options: GrantAnalysisOptions = {}): GrantProblem[] {
    if (!isAllow(statement)) {
        return [];
    }

    const problems: GrantProblem[] = [];
    if (statement.notActions !== undefined) {
        problems.push({
            kind: "not-action",
            subject: "NotAction",
            message: `NotAction in an Allow grants every action except ${statement.notActions.map((action) => `"${action}"`).join(", ")}; use Action with the actions the principal needs`,
        });
    }
    if (statement.notResources !== undefined) {
        problems.push({
            kind: "not-resource",
            subject: "NotResource",
            message: `NotResource in an Allow grants access to every resource except ${statement.notResources.map((resource) => `"${resource}"`).join(", ")}; use Resource with the resources' ARNs`,
        });
    }
    for (const action of statement.actions ?? []) {
        const problem = classifyAction(action, statement, options);
        if (problem !== undefined) {
            problems.push(problem);
        }
    }
    problems.push(...findUnscopedResources(statement, options));
    return problems;
}

/**
 * Finds the actions of a statement that do not exist in the catalog: exact names that are not actions, and
 * patterns that match no action. Applies to Allow and Deny alike, since a misspelt Deny denies nothing.
 */
export function findUnknownActions(statement: Statement): UnknownAction[] {
    const unknown: UnknownAction[] = [];
    for (const action of [...(statement.actions ?? []), ...(statement.notActions ?? [])]) {
        if (action === "*" || expandActionPattern(action).length > 0) {
            continue;
        }
        if (splitAction(action) === undefined) {
            unknown.push({
                action,
                message: `${action} is not an action; actions have the form service:Action, such as s3:GetObject`,
            });
            continue;
        }
        if (hasWildcard(action)) {
            unknown.push({ action, message: `${action} matches no action in the IAM action catalog` });
            continue;
        }
        const suggestion = suggestAction(action);
        unknown.push({
            action,
            suggestion,
            message:
                suggestion === undefined
                    ? `${action} does not exist`
                    : `${action} does not exist; did you mean ${suggestion}?`,
        });
    }
    return unknown;
}
