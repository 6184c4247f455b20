/**
 * No identity policy lets its principal raise its own permissions. It allows no iam:PassRole on every role,
 * no action that edits, attaches or unbounds permissions or changes group membership, and no access keys or
 * console passwords for other users. Nor does it pair iam:PassRole on a role pattern with an action that
 * starts compute under the passed role.
 */
import { findAction } from "../../iam/catalog";
import { Statement } from "../../iam/document";
import { isServiceWideResource } from "../../iam/grants";
import { managedPolicyLabel, sentence, statementLabel, summarizeManagedPolicy } from "../lib/messages";
import { statementAllowsAction } from "../lib/principals";
import { DocumentRule, RuleFinding } from "../lib/rule";

/** Actions that change what a principal may do, so a principal allowed them can grant itself anything. */
const permissionActions = [
    "iam:CreatePolicyVersion",
    "iam:SetDefaultPolicyVersion",
    "iam:AttachUserPolicy",
    "iam:AttachGroupPolicy",
    "iam:AttachRolePolicy",
    "iam:PutUserPolicy",
    "iam:PutGroupPolicy",
    "iam:PutRolePolicy",
    "iam:UpdateAssumeRolePolicy",
    "iam:AddUserToGroup",
    "iam:DeleteUserPermissionsBoundary",
    "iam:DeleteRolePermissionsBoundary",
];

/** Actions that attach new credentials to a user, harmless only on the caller's own user. */
const credentialActions = ["iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile"];

/** Actions that run code under a role passed with iam:PassRole. */
const computeLaunchActions = [
    "ec2:RunInstances",
    "ec2:RequestSpotInstances",
    "lambda:CreateFunction",
    "lambda:UpdateFunctionConfiguration",
    "ecs:RunTask",
    "ecs:StartTask",
    "ecs:CreateService",
    "glue:CreateDevEndpoint",
    "glue:UpdateDevEndpoint",
    "glue:CreateJob",
    "cloudformation:CreateStack",
    "cloudformation:UpdateStack",
    "sagemaker:CreateNotebookInstance",
    "sagemaker:CreateTrainingJob",
    "codebuild:CreateProject",
    "datapipeline:CreatePipeline",
].filter((action) => findAction(action) !== undefined);

/** Condition key that confines new users' and roles' permissions to a boundary, which makes delegation safe. */
const permissionsBoundaryKey = "iam:permissionsboundary";

function allowed(statement: Statement, actions: readonly string[]): string[] {
    return actions.filter((action) => statementAllowsAction(statement, action));
}

function resourcesOf(statement: Statement): string[] {
    return statement.notResources !== undefined ? ["*"] : [...(statement.resources ?? [])];
}

/** Returns true for a resource that matches every role: `*`, `arn:aws:iam::*:*` or `arn:aws:iam::<account>:role/*`. */
function matchesEveryRole(resource: string): boolean {
    return isServiceWideResource(resource) || /:role\/[*?/]*$/.test(resource);
}

function isOwnUser(resource: string): boolean {
    return /:user\/(?:.*\/)?\$\{aws:username\}$/i.test(resource);
}

function hasPermissionsBoundaryCondition(statement: Statement): boolean {
    return statement.conditions.some(
        (condition) =>
            condition.key === permissionsBoundaryKey &&
            !condition.operator.toLowerCase().includes("not") &&
            !condition.operator.toLowerCase().endsWith("ifexists") &&
            condition.values.length > 0 &&
            condition.values.every((value) => !isServiceWideResource(value)),
    );
}

function findStatementProblems(statement: Statement): string[] {
    const label = statementLabel(statement);
    const problems: string[] = [];
    const resources = resourcesOf(statement);

    if (statementAllowsAction(statement, "iam:PassRole")) {
        const everyRole = resources.filter(matchesEveryRole);
        if (everyRole.length > 0) {
            problems.push(
                `${label} allows iam:PassRole on ${everyRole.map((resource) => `"${resource}"`).join(", ")}, which passes any role, including administrator roles, to a service. Name the roles' ARNs.`,
            );
        }
    }

    const granted = allowed(statement, permissionActions);
    if (granted.length > 0 && !hasPermissionsBoundaryCondition(statement)) {
        problems.push(
            `${label} allows ${granted.join(", ")}, which ${granted.length === 1 ? "lets" : "let"} the principal change its own or others' permissions. ` +
                `Keep these actions to administrators, or require a permissions boundary with the iam:PermissionsBoundary condition key.`,
        );
    }

    const credentials = allowed(statement, credentialActions);
    const otherUsers = resources.filter((resource) => !isOwnUser(resource));
    if (credentials.length > 0 && otherUsers.length > 0) {
        problems.push(
            `${label} allows ${credentials.join(", ")} on ${otherUsers.map((resource) => `"${resource}"`).join(", ")}, which creates credentials for other users. ` +
                `Limit the resource to "arn:aws:iam::<account>:user/\${aws:username}".`,
        );
    }
    return problems;
}

/** Returns true when the statement allows iam:PassRole on a resource with a wildcard. */
export function allowsPassRoleOnPattern(statement: Statement): boolean {
    return (
        statementAllowsAction(statement, "iam:PassRole") &&
        resourcesOf(statement).some((resource) => /[*?]/.test(resource))
    );
}

/** Returns the compute-launching actions that the statements allow, each once. */
export function findComputeLaunchActions(statements: readonly Statement[]): string[] {
    return [...new Set(statements.flatMap((statement) => allowed(statement, computeLaunchActions)))];
}

/** Finds iam:PassRole on a role pattern and a compute-launching action anywhere in the same document. */
function findPassRoleCombination(statements: readonly Statement[]): string | undefined {
    const passRole = statements.filter(allowsPassRoleOnPattern);
    const actions = findComputeLaunchActions(statements);
    if (passRole.length === 0 || actions.length === 0) {
        return undefined;
    }
    return sentence(
        `${passRole.map(statementLabel).join(", ")} ${passRole.length === 1 ? "allows" : "allow"} iam:PassRole on a role pattern and the document also allows ${actions.join(", ")}, ` +
            `so the principal can start compute that runs with any matching role's permissions. Name the exact roles in iam:PassRole`,
    );
}

export const noPrivilegeEscalation: DocumentRule = {
    name: "no-privilege-escalation",
    description:
        "No identity policy allows iam:PassRole on every role, editing, attaching or unbounding permissions, adding users to groups, credentials for other users, or iam:PassRole on a role pattern with an action that launches compute.",
    reason: "Each of these lets a principal obtain permissions it was not granted: by attaching a policy to itself, by logging in as another user, or by running code as a more powerful role.",
    enforcementLevel: "mandatory",
    severity: "critical",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_passrole.html",
    kinds: ["identity"],
    judgesManagedPolicies: true,

    checkDocument(document): RuleFinding[] {
        const problems = document.parsed.statements.flatMap(findStatementProblems);
        const combination = findPassRoleCombination(document.parsed.statements);
        if (combination !== undefined) {
            problems.push(combination);
        }

        const managedLabel = managedPolicyLabel(document);
        if (managedLabel !== undefined && problems.length > 0) {
            return [
                {
                    message: summarizeManagedPolicy(
                        managedLabel,
                        problems,
                        "Attach it only to break-glass administrators, or attach a customer managed policy without these actions.",
                    ),
                },
            ];
        }
        return problems.map((message) => ({ message }));
    },
};
