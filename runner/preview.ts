/**
 * `npm run preview -- --stack <name>`: an offline `pulumi preview`. It runs the real program under the mock
 * runtime with the stack's config, runs the policy pack over the Analyzer gRPC protocol, prints the plan as the
 * CLI does, and optionally writes it as JSON. Exit code 0 when the plan has no mandatory policy violation, 1
 * when the program fails or a mandatory policy is violated, 2 for invalid command-line arguments.
 */
import * as fs from "fs";
import * as path from "path";
import type { PolicyPackClient, StackDescription } from "./analyzer";
import { Plan, serializePlan } from "./plan";
import { loadProject, loadStackConfig } from "./project";
import { renderPreview } from "./render";
import { ProgramError, ProgramRun, runProgramRecorded } from "./run-program";

const usage = `Usage: npm run preview -- --stack <name> [options]

Runs the program offline under Pulumi's mock runtime and checks it with the policy pack.

Options:
  --stack <name>               stack whose Pulumi.<name>.yaml supplies the config (required)
  --json <file>                also write the plan as JSON to <file>
  --preview-unknowns           leave ids, ARNs and unique ids unknown, as a real preview does
  --no-policy                  do not run the policy pack
  --policy-pack <directory>    policy pack to run (default: policy-pack in the project directory)
  --policy-pack-config <file>  policy config (default: policy-pack/config/<stack>.json when it exists)
  --project <directory>        directory that holds Pulumi.yaml (default: the current directory)
  --help                       print this help`;

export interface PreviewArguments {
    readonly stack: string;
    readonly json?: string;
    readonly previewUnknowns: boolean;
    readonly policy: boolean;
    readonly policyPack?: string;
    readonly policyPackConfig?: string;
    readonly project: string;
}

/** Raised for invalid command-line arguments. */
export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

export function parseArguments(argv: readonly string[]): PreviewArguments | "help" {
    const values: Record<string, string> = {};
    const flags = new Set<string>();
    const valueOptions = ["--stack", "--json", "--policy-pack", "--policy-pack-config", "--project"];
    const flagOptions = ["--preview-unknowns", "--no-policy"];
    for (let index = 0; index < argv.length; index++) {
        const argument = argv[index];
        const [option, inlineValue] = argument.includes("=") ? argument.split(/=(.*)/s, 2) : [argument, undefined];
        if (option === "--help" || option === "-h") {
            return "help";
        }
        if (valueOptions.includes(option)) {
            const value = inlineValue ?? argv[++index];
            if (value === undefined || value === "") {
                throw new UsageError(`${option} requires a value`);
            }
            values[option] = value;
        } else if (flagOptions.includes(option) && inlineValue === undefined) {
            flags.add(option);
        } else {
            throw new UsageError(`unknown argument "${argument}"`);
        }
    }
    if (values["--stack"] === undefined) {
        throw new UsageError("--stack is required, for example --stack dev");
    }
    if (flags.has("--no-policy") && (values["--policy-pack"] ?? values["--policy-pack-config"]) !== undefined) {
        throw new UsageError("--no-policy cannot be combined with --policy-pack or --policy-pack-config");
    }
    return {
        stack: values["--stack"],
        ...(values["--json"] === undefined ? {} : { json: values["--json"] }),
        previewUnknowns: flags.has("--preview-unknowns"),
        policy: !flags.has("--no-policy"),
        ...(values["--policy-pack"] === undefined ? {} : { policyPack: values["--policy-pack"] }),
        ...(values["--policy-pack-config"] === undefined ? {} : { policyPackConfig: values["--policy-pack-config"] }),
        project: values["--project"] ?? process.cwd(),
    };
}

/** The output, exit code and plan of one preview. `main` writes them out, and tests read them directly. */
export interface PreviewResult {
    readonly exitCode: number;
    readonly stdout: string;
    readonly stderr: string;
    readonly plan?: Plan;
}

/** Runs one preview. Failures of the program, its config or the pack become stderr and exit code 1. */
export async function preview(args: PreviewArguments): Promise<PreviewResult> {
    const stdout: string[] = [];
    const stderr: string[] = [];
    let pack: PolicyPackClient | undefined;
    try {
        const project = loadProject(args.project);
        const config = loadStackConfig(project, args.stack);
        const stack: StackDescription = {
            project: project.name,
            stack: args.stack,
            dryRun: true,
            config: config.values,
            secretKeys: config.secretKeys,
        };

        // The analyzer module (gRPC and the protocol stubs) is loaded only when a pack runs. The pack starts
        // while the program runs, because both load @pulumi/pulumi and the pack is type-checked first.
        const analyzer = args.policy ? await import("./analyzer") : undefined;
        const packDirectory = resolvePolicyPackDirectory(project.directory, args);
        const packStarting = analyzer?.PolicyPackClient.start(packDirectory, stack);
        packStarting?.catch(() => undefined);
        let run: ProgramRun;
        try {
            run = await runProgramRecorded({
                stack: args.stack,
                projectDirectory: project.directory,
                previewUnknowns: args.previewUnknowns,
            });
        } finally {
            pack = await packStarting?.catch((error: unknown) => {
                stderr.push(`error: ${(error as Error).message}`);
                return undefined;
            });
        }
        for (const warning of run.warnings) {
            stderr.push(`warning: ${warning}`);
        }
        if (packStarting !== undefined && pack === undefined) {
            return { exitCode: 1, stdout: stdout.join(""), stderr: joinLines(stderr) };
        }

        const plan = run.plan;
        if (pack !== undefined && analyzer !== undefined) {
            const configFile = resolvePolicyConfigFile(project.directory, args);
            const result = await analyzer.analyzeWithPolicyPack(pack, stack, run.resources, configFile);
            plan.policy = { packs: [`${result.pack.name} v${result.version}`], findings: result.findings };
        }
        stdout.push(renderPreview(plan));
        if (args.json !== undefined) {
            const file = path.resolve(args.json);
            fs.mkdirSync(path.dirname(file), { recursive: true });
            fs.writeFileSync(file, serializePlan(plan));
            const relative = path.relative(process.cwd(), file);
            stdout.push(`\nPlan written to ${relative.startsWith("..") || relative === "" ? file : relative}\n`);
        }
        const mandatory = plan.policy?.findings.filter((finding) => finding.enforcementLevel === "mandatory") ?? [];
        if (mandatory.length > 0) {
            const violations = mandatory.length === 1 ? "violation" : "violations";
            stderr.push(`error: preview failed: ${mandatory.length} mandatory policy ${violations}`);
        }
        return { exitCode: mandatory.length > 0 ? 1 : 0, stdout: stdout.join(""), stderr: joinLines(stderr), plan };
    } catch (error) {
        if (error instanceof ProgramError) {
            for (const diagnostic of error.diagnostics.filter((entry) => entry.severity !== "error")) {
                stderr.push(`${diagnostic.severity}: ${diagnostic.message}`);
            }
        }
        stderr.push(`error: ${(error as Error).message}`);
        return { exitCode: 1, stdout: stdout.join(""), stderr: joinLines(stderr) };
    } finally {
        await pack?.close();
    }
}

/** Returns the pack directory given, relative to the current directory, else the project's `policy-pack`. */
function resolvePolicyPackDirectory(projectDirectory: string, args: PreviewArguments): string {
    return args.policyPack !== undefined ? path.resolve(args.policyPack) : path.join(projectDirectory, "policy-pack");
}

/** Returns the config file given, else `<pack>/config/<stack>.json` when it exists. */
function resolvePolicyConfigFile(projectDirectory: string, args: PreviewArguments): string | undefined {
    if (args.policyPackConfig !== undefined) {
        return path.resolve(args.policyPackConfig);
    }
    const packDirectory = resolvePolicyPackDirectory(projectDirectory, args);
    const candidate = path.join(packDirectory, "config", `${args.stack}.json`);
    return fs.existsSync(candidate) ? candidate : undefined;
}

function joinLines(lines: readonly string[]): string {
    return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

async function main(): Promise<void> {
    let args: PreviewArguments | "help";
    try {
        args = parseArguments(process.argv.slice(2));
    } catch (error) {
        process.stderr.write(`error: ${(error as Error).message}\n\n${usage}\n`);
        process.exitCode = 2;
        return;
    }
    if (args === "help") {
        process.stdout.write(`${usage}\n`);
        return;
    }
    const result = await preview(args);
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
}

if (require.main === module) {
    void main();
}
