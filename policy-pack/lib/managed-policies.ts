/**
 * AWS managed policy documents, read from the file that `npm run derive:managed-policies` writes, so that
 * an attachment by ARN is judged by what the policy really grants.
 */
import * as fs from "fs";
import * as path from "path";

import { ManagedPolicyReference } from "./rule";

interface StoredManagedPolicy {
    readonly arn: string;
    readonly versionId: string;
    readonly versionDate: string;
    readonly document: unknown;
}

/** An AWS managed policy with its document. */
export interface ManagedPolicy extends ManagedPolicyReference {
    readonly document: unknown;
}

/**
 * Finds the pack's directory (the one with PulumiPolicy.yaml) above this module: the sources run from lib/,
 * the compiled pack from dist/policy-pack/lib/, and the data stays beside the sources in both cases.
 */
function findPackDirectory(start: string): string {
    let directory = start;
    while (!fs.existsSync(path.join(directory, "PulumiPolicy.yaml"))) {
        const parent = path.dirname(directory);
        if (parent === directory) {
            throw new Error(`PulumiPolicy.yaml not found in ${start} or any directory above it`);
        }
        directory = parent;
    }
    return directory;
}

const managedPoliciesFile = path.join(findPackDirectory(__dirname), "managed-policies", "aws-managed-policies.json");

let policiesByArn: Map<string, ManagedPolicy> | undefined;

function loadPolicies(): Map<string, ManagedPolicy> {
    if (policiesByArn === undefined) {
        const stored = JSON.parse(fs.readFileSync(managedPoliciesFile, "utf8")) as {
            policies: Record<string, StoredManagedPolicy>;
        };
        policiesByArn = new Map();
        for (const [name, policy] of Object.entries(stored.policies)) {
            // IAM policy names are unique regardless of case, so look ARNs up in lower case.
            policiesByArn.set(policy.arn.toLowerCase(), { name, ...policy });
        }
    }
    return policiesByArn;
}

/** Returns true for the ARN of a policy that AWS manages, such as `arn:aws:iam::aws:policy/ReadOnlyAccess`. */
export function isAwsManagedPolicyArn(arn: string): boolean {
    return /^arn:aws[a-z-]*:iam::aws:policy\//.test(arn);
}

/**
 * Finds an AWS managed policy by ARN in any partition. Returns undefined when the ARN is not an AWS managed
 * policy or when the policy is not in the stored set.
 */
export function findManagedPolicy(arn: string): ManagedPolicy | undefined {
    if (!isAwsManagedPolicyArn(arn)) {
        return undefined;
    }
    // The stored ARNs are in the aws partition; the same policy exists in aws-cn and aws-us-gov.
    const standardArn = arn.replace(/^arn:aws[a-z-]*:/, "arn:aws:").toLowerCase();
    return loadPolicies().get(standardArn);
}

/** Returns the number of stored AWS managed policies. */
export function countManagedPolicies(): number {
    return loadPolicies().size;
}
