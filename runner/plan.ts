/**
 * The plan of an offline preview: every resource the program registers, with its inputs and outputs as a reader
 * sees them (secrets as "[secret]", unknowns as "(known after apply)"), the stack outputs, the log messages, and,
 * when the policy pack ran, its findings.
 */
import { LogSeverity } from "./monitor";

export interface PlannedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    /** URN of the parent resource; absent only for the root stack. */
    readonly parent?: string;
    /** False for component resources, which have no provider and no physical id. */
    readonly custom: boolean;
    /** `create`, or `read` for a resource the program looks up with `Resource.get`. */
    readonly operation: "create" | "read";
    readonly dependencies: readonly string[];
    /** Inputs after the provider's check (autonamed names filled in, document objects encoded as JSON). */
    readonly inputs: Record<string, unknown>;
    /** Outputs as AWS would return them after the update (or unknown, in a preview with unknowns). */
    readonly outputs: Record<string, unknown>;
}

export interface PlanDiagnostic {
    readonly severity: Exclude<LogSeverity, "debug">;
    readonly message: string;
    readonly urn?: string;
}

export type EnforcementLevel = "advisory" | "mandatory" | "remediate" | "disabled";

/** One policy violation as the analyzer reported it. */
export interface PolicyFinding {
    readonly policyPack: string;
    readonly policyPackVersion: string;
    readonly policy: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly message: string;
    /** The resource in violation; absent for a stack policy finding that names none. */
    readonly urn?: string;
    readonly severity?: string;
}

export interface Plan {
    readonly project: string;
    readonly stack: string;
    readonly previewUnknowns: boolean;
    readonly resources: PlannedResource[];
    /** The stack outputs, as the program exported them. */
    readonly outputs: Record<string, unknown>;
    readonly diagnostics: PlanDiagnostic[];
    /** Present when the policy pack ran. */
    policy?: { readonly packs: readonly string[]; readonly findings: PolicyFinding[] };
}

/** The type of the root resource the runtime registers for every stack. */
export const stackType = "pulumi:pulumi:Stack";

/**
 * Serialises a plan so that the same program and config give the same bytes: object keys sorted, resources in
 * registration order, two-space indentation and a final newline.
 */
export function serializePlan(plan: Plan): string {
    return `${JSON.stringify(sortKeysDeep(plan), null, 2)}\n`;
}

function sortKeysDeep(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(sortKeysDeep);
    }
    if (typeof value === "object" && value !== null) {
        const sorted: Record<string, unknown> = {};
        for (const key of Object.keys(value).sort()) {
            const element = (value as Record<string, unknown>)[key];
            if (element !== undefined) {
                sorted[key] = sortKeysDeep(element);
            }
        }
        return sorted;
    }
    return value;
}
