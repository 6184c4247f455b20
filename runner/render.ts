/**
 * Renders a plan as `pulumi preview` prints it: the resource tree with each resource's plan, diagnostics,
 * policy violations, stack outputs and the summary of changes.
 */
import { Plan, PlannedResource, PolicyFinding } from "./plan";

const operationSymbols: Readonly<Record<PlannedResource["operation"], string>> = { create: "+", read: ">" };

/** Renders the whole preview: tree, diagnostics, policy violations, outputs and summary. */
export function renderPreview(plan: Plan): string {
    const sections = [`Previewing update (${plan.stack}):\n\n${renderTree(plan.resources)}`];
    const diagnostics = renderDiagnostics(plan);
    if (diagnostics !== "") {
        sections.push(diagnostics);
    }
    if (plan.policy !== undefined && plan.policy.findings.length > 0) {
        sections.push(renderPolicyFindings(plan.policy.findings, plan.resources));
    }
    const outputs = renderOutputs(plan.outputs);
    if (outputs !== "") {
        sections.push(outputs);
    }
    sections.push(renderSummary(plan.resources));
    return `${sections.join("\n")}`;
}

/** The resource tree: one row per resource, children under their parent in registration order. */
export function renderTree(resources: readonly PlannedResource[]): string {
    const children = new Map<string | undefined, PlannedResource[]>();
    const urns = new Set(resources.map((resource) => resource.urn));
    for (const resource of resources) {
        const parent = resource.parent !== undefined && urns.has(resource.parent) ? resource.parent : undefined;
        children.set(parent, [...(children.get(parent) ?? []), resource]);
    }

    const rows: { symbol: string; type: string; name: string; operation: string }[] = [];
    const visit = (resource: PlannedResource, prefix: string, branch: string) => {
        rows.push({
            symbol: operationSymbols[resource.operation],
            type: `${prefix}${branch}${displayType(resource.type)}`,
            name: resource.name,
            operation: resource.operation,
        });
        const nested = children.get(resource.urn) ?? [];
        const childPrefix = branch === "" ? "" : prefix + (branch === "└─ " ? "   " : "│  ");
        nested.forEach((child, index) => visit(child, childPrefix, index === nested.length - 1 ? "└─ " : "├─ "));
    };
    for (const root of children.get(undefined) ?? []) {
        visit(root, "", "");
    }

    const typeWidth = Math.max("Type".length, ...rows.map((row) => row.type.length));
    const nameWidth = Math.max("Name".length, ...rows.map((row) => row.name.length));
    const lines = [`     ${"Type".padEnd(typeWidth)}  ${"Name".padEnd(nameWidth)}  Plan`];
    for (const row of rows) {
        lines.push(` ${row.symbol}   ${row.type.padEnd(typeWidth)}  ${row.name.padEnd(nameWidth)}  ${row.operation}`);
    }
    return `${lines.join("\n")}\n`;
}

/** `Resources:` with a count per operation and the total. */
export function renderSummary(resources: readonly PlannedResource[]): string {
    const lines = ["Resources:"];
    const creates = resources.filter((resource) => resource.operation === "create").length;
    const reads = resources.filter((resource) => resource.operation === "read").length;
    if (creates > 0) {
        lines.push(`    + ${creates} to create`);
    }
    if (reads > 0) {
        lines.push(`    > ${reads} to read`);
    }
    lines.push(`    ${resources.length} resources`);
    return `${lines.join("\n")}\n`;
}

/**
 * `Policy Violations:` as the Pulumi CLI prints them: level, pack and version, policy, then the resource as
 * `(<name>: <type>)`, followed by the message lines.
 */
export function renderPolicyFindings(
    findings: readonly PolicyFinding[],
    resources: readonly PlannedResource[],
): string {
    const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
    const lines = ["Policy Violations:"];
    for (const finding of findings) {
        const resource = finding.urn !== undefined ? byUrn.get(finding.urn) : undefined;
        const subject =
            finding.urn === undefined
                ? ""
                : ` (${resource?.name ?? urnName(finding.urn)}: ${resource?.type ?? urnType(finding.urn)})`;
        lines.push(
            `    [${finding.enforcementLevel}]  ${finding.policyPack} v${finding.policyPackVersion}  ${finding.policy}${subject}`,
        );
        for (const line of finding.message.split("\n")) {
            lines.push(`    ${line}`);
        }
    }
    return `${lines.join("\n")}\n`;
}

function renderDiagnostics(plan: Plan): string {
    if (plan.diagnostics.length === 0) {
        return "";
    }
    const byUrn = new Map(plan.resources.map((resource) => [resource.urn, resource]));
    const lines = ["Diagnostics:"];
    for (const diagnostic of plan.diagnostics) {
        const resource = diagnostic.urn !== undefined ? byUrn.get(diagnostic.urn) : undefined;
        const subject =
            resource !== undefined ? `${displayType(resource.type)} (${resource.name})` : "pulumi:pulumi:Stack";
        lines.push(`  ${subject}:`);
        for (const line of diagnostic.message.split("\n")) {
            lines.push(`    ${diagnostic.severity}: ${line}`);
        }
    }
    return `${lines.join("\n")}\n`;
}

function renderOutputs(outputs: Readonly<Record<string, unknown>>): string {
    const keys = Object.keys(outputs).sort();
    if (keys.length === 0) {
        return "";
    }
    const width = Math.max(...keys.map((key) => key.length));
    const lines = ["Outputs:"];
    for (const key of keys) {
        const rendered = JSON.stringify(outputs[key], null, 4).split("\n").join("\n    ");
        lines.push(`    ${`${key}:`.padEnd(width + 1)} ${rendered}`);
    }
    return `${lines.join("\n")}\n`;
}

/**
 * The short form of a type token the CLI shows: `aws:iam/user:User` becomes `aws:iam:User` when the module's
 * last segment only repeats the type's name.
 */
export function displayType(type: string): string {
    const [packageName, module, typeName] = type.split(":");
    if (typeName === undefined || !module.includes("/")) {
        return type;
    }
    const segments = module.split("/");
    const last = segments[segments.length - 1];
    if (last.toLowerCase() === typeName.toLowerCase()) {
        return `${packageName}:${segments.slice(0, -1).join("/")}:${typeName}`;
    }
    return type;
}

function urnName(urn: string): string {
    return urn.split("::").slice(3).join("::");
}

function urnType(urn: string): string {
    return urn.split("::")[2]?.split("$").pop() ?? "";
}
