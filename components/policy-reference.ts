/**
 * References to managed policies that users, groups and roles attach. A reference is either the ARN of an
 * existing managed policy or a LeastPrivilegePolicy from this library. Each reference has a key that names
 * its attachment resource, so attachments follow the policy rather than its position in a list.
 */
import * as pulumi from "@pulumi/pulumi";

import { maxManagedPoliciesPerPrincipal } from "../iam/limits";
import { ComponentArgumentsError } from "./errors";
import { LeastPrivilegePolicy } from "./least-privilege-policy";
import { quote } from "./validation";

/** A managed policy ARN known at construction, or a customer managed policy built by this library. */
export type PolicyReference = string | LeastPrivilegePolicy;

/**
 * AWS managed job-function policies, which live under the `job-function/` path. Source:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_job-functions.html
 */
const jobFunctionPolicies = new Set([
    "AWSManagementConsoleAdministratorAccess",
    "Billing",
    "DataScientist",
    "DatabaseAdministrator",
    "NetworkAdministrator",
    "SupportUser",
    "SystemAdministrator",
    "ViewOnlyAccess",
]);

/** Matches a managed policy ARN: AWS managed (`aws`) or customer managed (an account id), with a path. */
const managedPolicyArnPattern = /^arn:aws(?:-[a-z]+)*:iam::(?:aws|\d{12}):policy\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]+$/;

/**
 * Builds the ARN of an AWS managed policy from its name, adding the `job-function/` path for job-function
 * policies such as ViewOnlyAccess. A name with a path, such as `service-role/AmazonSSMAutomationRole`,
 * is used as given.
 */
export function awsManagedPolicyArn(name: string): string {
    if (!/^(?:[\w+=,.@-]+\/)*[\w+=,.@-]+$/.test(name)) {
        throw new ComponentArgumentsError("awsManagedPolicyArn", [
            `name ${quote(name)} is not a policy name; use a name such as "ReadOnlyAccess" ` +
                `or a name with its path such as "job-function/ViewOnlyAccess"`,
        ]);
    }
    const pathAndName = jobFunctionPolicies.has(name) ? `job-function/${name}` : name;
    return `arn:aws:iam::aws:policy/${pathAndName}`;
}

/** Returns true when the value is a managed policy ARN. */
export function isManagedPolicyArn(value: string): boolean {
    return managedPolicyArnPattern.test(value);
}

/** Returns a reference's key: the ARN's last path segment, or a LeastPrivilegePolicy's component name. */
export function policyKey(reference: PolicyReference): string {
    if (typeof reference === "string") {
        return reference.slice(reference.lastIndexOf("/") + 1);
    }
    return reference.componentName;
}

/** Returns the ARN to attach for a reference. */
export function policyArn(reference: PolicyReference): pulumi.Input<string> {
    return typeof reference === "string" ? reference : reference.arn;
}

/**
 * Validates the managed policies of one user, group or role: valid ARNs, no key twice and at most 10 in
 * all. `alsoAttached` counts policies that the component attaches itself, such as the MFA policy of a
 * group, and lists their keys.
 */
export function validatePolicyReferences(
    argument: string,
    references: readonly PolicyReference[],
    alsoAttached: readonly string[] = [],
): string[] {
    const problems: string[] = [];
    const keys = new Map<string, number>();
    references.forEach((reference, index) => {
        if (typeof reference === "string") {
            if (!isManagedPolicyArn(reference)) {
                problems.push(
                    `${argument}[${index}] ${quote(reference)} is not a managed policy ARN; use ` +
                        `awsManagedPolicyArn("ReadOnlyAccess") or an ARN such as arn:aws:iam::111122223333:policy/name`,
                );
                return;
            }
        } else if (!(reference instanceof LeastPrivilegePolicy)) {
            problems.push(`${argument}[${index}] is neither a policy ARN nor a LeastPrivilegePolicy`);
            return;
        }
        const key = policyKey(reference);
        keys.set(key, (keys.get(key) ?? 0) + 1);
    });
    for (const key of alsoAttached) {
        keys.set(key, (keys.get(key) ?? 0) + 1);
    }

    for (const [key, count] of keys) {
        if (count > 1) {
            problems.push(
                `${argument} contains the policy key ${quote(key)} ${count} times; each policy is attached once, ` +
                    `keyed by the ARN's last segment or the LeastPrivilegePolicy's name`,
            );
        }
    }
    const total = references.length + alsoAttached.length;
    if (total > maxManagedPoliciesPerPrincipal) {
        const own = alsoAttached.length > 0 ? ` (${alsoAttached.length} of them attached by the component itself)` : "";
        problems.push(
            `${argument} attaches ${total} managed policies${own}; IAM allows at most ${maxManagedPoliciesPerPrincipal} ` +
                `per user, group or role, so combine statements into fewer LeastPrivilegePolicy resources`,
        );
    }
    return problems;
}
