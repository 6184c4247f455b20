/**
 * LeastPrivilegePolicy: a customer managed policy whose statements are checked against the IAM action
 * catalog before anything is created. It rejects actions that do not exist, wildcards that grant more than
 * Read and List access, NotAction in an Allow, service-wide resources for actions above Read and List that
 * can be scoped, and documents over the managed policy size quota. The checks are those of iam/grants.ts, which the policy
 * pack runs too, so a policy this component accepts is one the pack passes.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

import { ConditionBlock, describeStatement, PolicyStatement, Statement } from "../iam/document";
import { findUnknownActions, findWildcardGrants } from "../iam/grants";
import { maxManagedPolicyCharacters, policySizeWithoutWhitespace, sidPattern } from "../iam/limits";
import { ComponentArgumentsError, describeComponent, throwIfProblems } from "./errors";
import { policyDocument, serializePolicyDocument, stringifyConditions } from "./policy-document";
import {
    quote,
    validateAutonamedName,
    validateConditions,
    validateDescription,
    validateName,
    validatePath,
    validateTags,
} from "./validation";

/** A statement that grants. NotAction is not offered, because in an Allow it grants everything else. */
export interface AllowStatementArgs {
    /** Statement id of ASCII letters and digits, unique in the policy; default: none. */
    readonly sid?: string;
    /** Effect of the statement; default: Allow. */
    readonly effect?: "Allow";
    /** Actions as `service:Action`, checked against the IAM action catalog; wildcards only for Read and List. */
    readonly actions: readonly string[];
    /** Resource ARNs, or `*` for actions without resource-level permissions and for List actions; outputs are checked when known. */
    readonly resources: readonly pulumi.Input<string>[];
    /** Condition block (operator, then key, then values); default: no condition. */
    readonly conditions?: ConditionBlock;
}

/** A statement that denies, by listing actions or by listing the only actions it does not deny. */
export interface DenyStatementArgs {
    /** Statement id of ASCII letters and digits, unique in the policy; default: none. */
    readonly sid?: string;
    /** Effect of the statement: Deny. */
    readonly effect: "Deny";
    /** Actions to deny; give either actions or notActions. */
    readonly actions?: readonly string[];
    /** Actions exempt from the deny: every other action is denied; give either actions or notActions. */
    readonly notActions?: readonly string[];
    /** Resource ARNs or `*`; outputs are checked when known. */
    readonly resources: readonly pulumi.Input<string>[];
    /** Condition block (operator, then key, then values); default: no condition. */
    readonly conditions?: ConditionBlock;
}

/** One statement of a LeastPrivilegePolicy. */
export type PolicyStatementArgs = AllowStatementArgs | DenyStatementArgs;

/** Arguments of a LeastPrivilegePolicy. */
export interface LeastPrivilegePolicyArgs {
    /** Physical policy name; default: autonamed from the component name with a random suffix. */
    readonly policyName?: string;
    /** IAM path of the policy; default: "/". */
    readonly path?: string;
    /** Description shown in the IAM console; default: none. */
    readonly description?: string;
    /** Statements in document order; at least one. */
    readonly statements: readonly PolicyStatementArgs[];
    /** Whether read-only breadth is accepted: `ec2:Describe*`-style wildcards and `*` resources for Read and List actions; default: true. */
    readonly allowReadOnlyWildcards?: boolean;
    /** Tags of the policy; default: none. */
    readonly tags?: pulumi.Input<Record<string, string>>;
}

interface StatementFields {
    readonly sid?: string;
    readonly effect?: string;
    readonly actions?: readonly string[];
    readonly notActions?: readonly string[];
    readonly resources?: readonly pulumi.Input<string>[];
    readonly conditions?: ConditionBlock;
}

/** Reads a statement through one shape, because callers in JavaScript may mix Allow and Deny fields. */
function fieldsOf(statement: PolicyStatementArgs): StatementFields {
    return statement as StatementFields;
}

const resourcePattern = /^arn:[^:\s]+:[^:\s]*:[^:\s]*:[^:\s]*:\S+$/;

function analysedStatement(statement: PolicyStatementArgs, index: number, resources: readonly string[]): Statement {
    const fields = fieldsOf(statement);
    return {
        index,
        sid: fields.sid === "" ? undefined : fields.sid,
        effect: fields.effect ?? "Allow",
        actions: fields.actions,
        notActions: fields.notActions,
        resources,
        conditions: [],
    };
}

function knownResources(statement: PolicyStatementArgs): string[] {
    return (fieldsOf(statement).resources ?? []).filter((resource): resource is string => typeof resource === "string");
}

function validateActionList(where: string, argument: string, actions: readonly string[]): string[] {
    const problems: string[] = [];
    actions.forEach((action, position) => {
        if (typeof action !== "string" || action.trim() === "") {
            problems.push(`${where} ${argument}[${position}] is ${JSON.stringify(action)}; it must be service:Action`);
        }
    });
    return problems;
}

function validateStatementShape(statement: PolicyStatementArgs, where: string): string[] {
    const fields = fieldsOf(statement);
    const problems: string[] = [];
    const effect = fields.effect ?? "Allow";
    if (effect !== "Allow" && effect !== "Deny") {
        problems.push(`${where} has effect ${quote(String(effect))}; it must be "Allow" or "Deny"`);
    }
    if (fields.sid !== undefined && !sidPattern.test(fields.sid)) {
        problems.push(`${where} Sid ${quote(fields.sid)} is invalid; a Sid may contain only ASCII letters and digits`);
    }

    const hasActions = fields.actions !== undefined;
    const hasNotActions = fields.notActions !== undefined;
    if (effect === "Deny" && hasActions === hasNotActions) {
        problems.push(`${where} must have either actions or notActions, not ${hasActions ? "both" : "neither"}`);
    }
    if (effect !== "Deny" && !hasActions) {
        problems.push(`${where} has no actions; list the actions the principal needs`);
    }
    if (hasActions && fields.actions!.length === 0) {
        problems.push(`${where} has an empty actions list; list at least one action`);
    }
    if (hasNotActions && fields.notActions!.length === 0) {
        problems.push(`${where} has an empty notActions list; list at least one action`);
    }
    problems.push(...validateActionList(where, "actions", fields.actions ?? []));
    problems.push(...validateActionList(where, "notActions", fields.notActions ?? []));

    const resources = fields.resources ?? [];
    if (resources.length === 0) {
        problems.push(`${where} has no resources; list the resources' ARNs, or "*" for actions without resource types`);
    }
    for (const resource of knownResources(statement)) {
        if (resource !== "*" && !resourcePattern.test(resource)) {
            problems.push(
                `${where} resource ${quote(resource)} is not an ARN; use "arn:partition:service:region:account:resource" or "*"`,
            );
        }
    }
    if (fields.conditions !== undefined) {
        problems.push(...validateConditions(where, fields.conditions as Record<string, Record<string, unknown>>));
    }
    return problems;
}

/**
 * Checks the actions and resources of one statement against the catalog: unknown actions, wildcards and
 * unscoped resources. Only string resources are checked; outputs are checked once they resolve.
 */
function validateStatementGrants(
    statement: PolicyStatementArgs,
    index: number,
    resources: readonly string[],
    allowReadOnlyWildcards: boolean,
): string[] {
    const analysed = analysedStatement(statement, index, resources);
    const where = describeStatement(analysed);
    return [
        ...findUnknownActions(analysed).map((unknown) => `${where}: ${unknown.message}`),
        ...findWildcardGrants(analysed, { allowReadOnlyWildcards }).map((problem) => `${where}: ${problem.message}`),
    ];
}

/** Builds the JSON statement for one argument statement, with its resources resolved. */
function buildStatement(statement: PolicyStatementArgs, resources: readonly string[]): PolicyStatement {
    const fields = fieldsOf(statement);
    return {
        ...(fields.sid !== undefined ? { Sid: fields.sid } : {}),
        Effect: fields.effect === "Deny" ? "Deny" : "Allow",
        ...(fields.actions !== undefined ? { Action: [...fields.actions] } : {}),
        ...(fields.notActions !== undefined ? { NotAction: [...fields.notActions] } : {}),
        Resource: [...resources],
        ...(fields.conditions !== undefined ? { Condition: stringifyConditions(fields.conditions) } : {}),
    };
}

/** Serialises a policy's statements with their resources resolved, in the order given. */
export function buildPolicyDocument(
    statements: readonly PolicyStatementArgs[],
    resolvedResources: readonly (readonly string[])[],
): string {
    return serializePolicyDocument(
        policyDocument(statements.map((statement, index) => buildStatement(statement, resolvedResources[index]))),
    );
}

/** Validates the size of a serialised managed policy document. */
export function validateManagedPolicySize(document: string): string[] {
    const size = policySizeWithoutWhitespace(document);
    if (size > maxManagedPolicyCharacters) {
        return [
            `the policy document is ${size.toLocaleString("en-US")} characters without whitespace; a managed policy ` +
                `can have at most ${maxManagedPolicyCharacters.toLocaleString("en-US")}, so split the statements ` +
                `into several policies`,
        ];
    }
    return [];
}

/** Validates every argument of a LeastPrivilegePolicy named `name`; returns the problems, empty when valid. */
export function validateLeastPrivilegePolicyArgs(name: string, args: LeastPrivilegePolicyArgs): string[] {
    const problems: string[] = [];
    if (args.policyName !== undefined) {
        problems.push(...validateName("policyName", args.policyName, "policy"));
    } else {
        problems.push(...validateAutonamedName("policyName", name, "policy"));
    }
    if (args.path !== undefined) {
        problems.push(...validatePath("path", args.path));
    }
    if (args.description !== undefined) {
        problems.push(...validateDescription("description", args.description));
    }
    problems.push(...validateTags("tags", args.tags));

    const statements = args.statements ?? [];
    if (statements.length === 0) {
        problems.push("statements is empty; a policy needs at least one statement");
        return problems;
    }

    const sids = new Map<string, number>();
    statements.forEach((statement, index) => {
        const where = describeStatement(analysedStatement(statement, index, []));
        problems.push(...validateStatementShape(statement, where));
        problems.push(
            ...validateStatementGrants(
                statement,
                index,
                knownResources(statement),
                args.allowReadOnlyWildcards ?? true,
            ),
        );
        const sid = fieldsOf(statement).sid;
        if (sid !== undefined) {
            sids.set(sid, (sids.get(sid) ?? 0) + 1);
        }
    });
    for (const [sid, count] of sids) {
        if (count > 1) {
            problems.push(`Sid ${quote(sid)} is used by ${count} statements; each Sid must be unique in the policy`);
        }
    }

    const allResourcesKnown = statements.every(
        (statement) => knownResources(statement).length === (fieldsOf(statement).resources ?? []).length,
    );
    if (allResourcesKnown) {
        problems.push(...validateManagedPolicySize(buildPolicyDocument(statements, statements.map(knownResources))));
    }
    return problems;
}

/** Returns the resolved resources of a statement that were outputs at construction, in order. */
function resourcesFromOutputs(statement: PolicyStatementArgs, resolved: readonly string[]): string[] {
    const given = fieldsOf(statement).resources ?? [];
    return resolved.filter((_, position) => typeof given[position] !== "string");
}

/**
 * Checks a policy once its resources are known: the resources that were outputs at construction get the
 * ARN and grant checks that string resources got then, and the whole document gets the size check.
 * Returns the serialised document, or throws a ComponentArgumentsError listing every problem.
 */
function checkResolvedDocument(
    subject: string,
    args: LeastPrivilegePolicyArgs,
    resolvedResources: readonly (readonly string[])[],
): string {
    const problems: string[] = [];
    const allowReadOnlyWildcards = args.allowReadOnlyWildcards ?? true;
    args.statements.forEach((statement, index) => {
        const where = describeStatement(analysedStatement(statement, index, []));
        const fromOutputs = resourcesFromOutputs(statement, resolvedResources[index]);
        if (fromOutputs.length === 0) {
            return;
        }
        for (const resource of fromOutputs) {
            if (resource !== "*" && !resourcePattern.test(resource)) {
                problems.push(
                    `${where} resource ${quote(resource)} is not an ARN; use "arn:partition:service:region:account:resource" or "*"`,
                );
            }
        }
        problems.push(...validateStatementGrants(statement, index, fromOutputs, allowReadOnlyWildcards));
    });
    const document = buildPolicyDocument(args.statements, resolvedResources);
    problems.push(...validateManagedPolicySize(document));
    if (problems.length > 0) {
        throw new ComponentArgumentsError(subject, problems);
    }
    return document;
}

/** A customer managed policy whose statements grant no more than they name. */
export class LeastPrivilegePolicy extends pulumi.ComponentResource {
    /** Class name used in the type token and in messages; subclasses that build their own statements override it. */
    protected static readonly componentKind: string = "LeastPrivilegePolicy";

    /** The component's name, which is also the policy's key when users, groups and roles attach it. */
    public readonly componentName: string;
    /** The managed policy. */
    public readonly policy: aws.iam.Policy;
    /** ARN of the managed policy. */
    public readonly arn: pulumi.Output<string>;
    /** Physical name of the managed policy. */
    public readonly policyName: pulumi.Output<string>;
    /** The policy document as JSON, serialised once. */
    public readonly document: pulumi.Output<string>;

    constructor(name: string, args: LeastPrivilegePolicyArgs, opts?: pulumi.ComponentResourceOptions) {
        const kind = (new.target as typeof LeastPrivilegePolicy).componentKind;
        const subject = describeComponent(kind, name);
        throwIfProblems(subject, validateLeastPrivilegePolicyArgs(name, args));
        super(`least-privilege-iam:index:${kind}`, name, {}, opts);

        // A copy of the statement list, so that a caller who changes the array later cannot change the document.
        const validatedArgs: LeastPrivilegePolicyArgs = { ...args, statements: [...args.statements] };
        const resources = validatedArgs.statements.map((statement) =>
            pulumi.all([...(fieldsOf(statement).resources ?? [])]),
        );

        this.componentName = name;
        this.document = pulumi
            .all(resources)
            .apply((resolved) => checkResolvedDocument(subject, validatedArgs, resolved as string[][]));
        this.policy = new aws.iam.Policy(
            name,
            {
                name: args.policyName,
                path: args.path ?? "/",
                description: args.description,
                policy: this.document,
                tags: args.tags,
            },
            { parent: this },
        );
        this.arn = this.policy.arn;
        this.policyName = this.policy.name;

        this.registerOutputs({
            policy: this.policy,
            arn: this.arn,
            policyName: this.policyName,
            document: this.document,
        });
    }
}
