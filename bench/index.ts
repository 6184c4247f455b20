/**
 * `npm run bench [-- --runs <n>] [--resources <n>]`: measures the offline preview and the policy pack.
 *
 * (a) Whole-process wall time of the preview of each stack, without and with the policy pack, as the median of
 *     several runs, against the floor of loading the Pulumi SDK and the AWS package in a bare Node.js process.
 * (b) Analyzer throughput: resources per second through the Analyzer gRPC protocol, for synthetic but realistic
 *     IAM resources (managed policies with several statements, roles with trust policies, attachments). It runs
 *     them through the real pack and through the fixture pack, which serves as the empty-pack baseline.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { performance } from "perf_hooks";
import { AnalyzedResource, PolicyPackClient, StackDescription } from "../runner/analyzer";
import { PolicyConfig, loadPolicyConfigFile, reconcilePolicyConfig } from "../runner/policy-config";
import { WireValue } from "../runner/values";

const repositoryRoot = path.resolve(__dirname, "..");
const fixturePack = path.join(repositoryRoot, "test", "fixtures", "runner", "pack");
const realPack = path.join(repositoryRoot, "policy-pack");
const tsNodeBin = require.resolve("ts-node/dist/bin.js");

interface BenchArguments {
    readonly runs: number;
    readonly resources: number;
    readonly stacks: readonly string[];
}

function parseArguments(argv: readonly string[]): BenchArguments {
    let runs = 5;
    let resources = 3000;
    let stacks = ["dev", "prod"];
    for (let index = 0; index < argv.length; index++) {
        const value = argv[index + 1];
        switch (argv[index]) {
            case "--runs":
                runs = positiveInteger("--runs", value);
                index++;
                break;
            case "--resources":
                resources = positiveInteger("--resources", value);
                index++;
                break;
            case "--stacks":
                stacks = (value ?? "").split(",").filter((stack) => stack !== "");
                index++;
                break;
            default:
                throw new Error(`unknown argument "${argv[index]}"; use --runs <n>, --resources <n>, --stacks a,b`);
        }
    }
    return { runs, resources, stacks };
}

function positiveInteger(option: string, value: string | undefined): number {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1) {
        throw new Error(`${option} is "${value}"; it must be a positive integer`);
    }
    return parsed;
}

/** Runs a command to completion `runs` times and returns the median wall time in seconds. */
function medianSeconds(command: readonly string[], runs: number): { seconds: number; exitCode: number | null } {
    const times: number[] = [];
    let exitCode: number | null = null;
    for (let run = 0; run < runs; run++) {
        const start = performance.now();
        const result = spawnSync(command[0], command.slice(1), { cwd: repositoryRoot, stdio: "ignore" });
        times.push((performance.now() - start) / 1000);
        exitCode = result.status;
    }
    times.sort((left, right) => left - right);
    const middle = Math.floor(times.length / 2);
    const seconds = times.length % 2 === 1 ? times[middle] : (times[middle - 1] + times[middle]) / 2;
    return { seconds, exitCode };
}

function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
    const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
    const line = (cells: readonly string[]) =>
        cells
            .map((cell, column) => cell.padEnd(widths[column]))
            .join("  ")
            .trimEnd();
    return [line(header), widths.map((width) => "-".repeat(width)).join("  "), ...rows.map(line)].join("\n");
}

function benchmarkPreview(args: BenchArguments): void {
    const floorCommand = [process.execPath, "-e", 'require("@pulumi/pulumi");require("@pulumi/aws")'];
    // `npm run preview` without npm's own start-up: node with the transpile cache, as package.json runs it.
    const previewCommand = (stack: string, policy: boolean) => [
        process.execPath,
        "-r",
        path.join(repositoryRoot, "runner", "register.js"),
        path.join(repositoryRoot, "runner", "preview.ts"),
        "--stack",
        stack,
        ...(policy ? [] : ["--no-policy"]),
    ];
    const tsNodeCommand = (stack: string) => [
        process.execPath,
        tsNodeBin,
        "--transpile-only",
        path.join(repositoryRoot, "runner", "preview.ts"),
        "--stack",
        stack,
        "--no-policy",
    ];

    console.log(`(a) Offline preview, whole processes, median of ${args.runs} runs`);
    const floor = medianSeconds(floorCommand, args.runs);
    const rows: string[][] = [["floor: require @pulumi/pulumi + @pulumi/aws", floor.seconds.toFixed(2), "1.00x", "0"]];
    for (const stack of args.stacks) {
        const throughTsNode = medianSeconds(tsNodeCommand(stack), args.runs);
        rows.push([
            `ts-node --transpile-only preview --stack ${stack} --no-policy`,
            throughTsNode.seconds.toFixed(2),
            `${(throughTsNode.seconds / floor.seconds).toFixed(2)}x`,
            String(throughTsNode.exitCode),
        ]);
        for (const policy of [false, true]) {
            const measured = medianSeconds(previewCommand(stack, policy), args.runs);
            rows.push([
                `preview --stack ${stack}${policy ? "" : " --no-policy"}`,
                measured.seconds.toFixed(2),
                `${(measured.seconds / floor.seconds).toFixed(2)}x`,
                String(measured.exitCode),
            ]);
        }
    }
    console.log(renderTable(["command", "seconds", "vs floor", "exit code"], rows));
    console.log("");
}

/** Synthetic resources in the shapes the stacks create: policies, roles with trust policies, attachments. */
export function syntheticResources(count: number, stack: StackDescription): AnalyzedResource[] {
    const account = "111122223333";
    const stackUrn = `urn:pulumi:${stack.stack}::${stack.project}::pulumi:pulumi:Stack::${stack.project}-${stack.stack}`;
    const options: AnalyzedResource["options"] = {
        protect: false,
        ignoreChanges: [],
        additionalSecretOutputs: [],
        aliases: [],
        customTimeouts: { create: 0, update: 0, delete: 0 },
    };
    const resources: AnalyzedResource[] = [];
    for (let index = 0; index < count; index++) {
        const name = `team-${index}`;
        let type: string;
        let properties: Record<string, WireValue>;
        switch (index % 3) {
            case 0:
                type = "aws:iam/policy:Policy";
                properties = {
                    name,
                    path: "/teams/",
                    policy: JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Sid: "DescribeInstances",
                                Effect: "Allow",
                                Action: ["ec2:DescribeInstances", "ec2:DescribeTags"],
                                Resource: "*",
                            },
                            {
                                Sid: "ControlTeamInstances",
                                Effect: "Allow",
                                Action: ["ec2:StartInstances", "ec2:StopInstances", "ec2:RebootInstances"],
                                Resource: `arn:aws:ec2:eu-west-1:${account}:instance/*`,
                                Condition: {
                                    StringEquals: {
                                        "aws:ResourceTag/team": name,
                                        "aws:ResourceTag/environment": stack.stack,
                                    },
                                },
                            },
                            {
                                Sid: "ListAssets",
                                Effect: "Allow",
                                Action: "s3:ListBucket",
                                Resource: `arn:aws:s3:::assets-${index}`,
                            },
                            {
                                Sid: "ReadWriteAssets",
                                Effect: "Allow",
                                Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                                Resource: `arn:aws:s3:::assets-${index}/*`,
                            },
                        ],
                    }),
                };
                break;
            case 1:
                type = "aws:iam/role:Role";
                properties = {
                    name,
                    maxSessionDuration: 3600,
                    assumeRolePolicy: JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Effect: "Allow",
                                Principal:
                                    index % 2 === 0
                                        ? { Service: "ec2.amazonaws.com" }
                                        : { AWS: "arn:aws:iam::999988887777:root" },
                                Action: "sts:AssumeRole",
                                ...(index % 2 === 0
                                    ? {}
                                    : { Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } } }),
                            },
                        ],
                    }),
                };
                break;
            default:
                type = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
                properties = {
                    role: `team-${index - 1}`,
                    policyArn: `arn:aws:iam::${account}:policy/teams/team-${index - 2}`,
                };
        }
        resources.push({
            urn: `urn:pulumi:${stack.stack}::${stack.project}::${type}::${name}`,
            type,
            name,
            properties,
            parent: stackUrn,
            dependencies: [],
            propertyDependencies: {},
            options,
        });
    }
    return resources;
}

interface ThroughputResult {
    readonly sequentialPerSecond: number;
    readonly pipelinedPerSecond: number;
    /** Resources analysed per second of the pack process's own CPU time, while 16 calls were in flight. */
    readonly perPackCpuSecond?: number;
    readonly analyzeStackSeconds: number;
    readonly findings: number;
}

async function measureThroughput(
    packDirectory: string,
    resources: readonly AnalyzedResource[],
    stack: StackDescription,
): Promise<ThroughputResult> {
    const client = await PolicyPackClient.start(packDirectory, stack);
    try {
        await client.handshake();
        await client.configureStack(stack);
        const info = await client.getAnalyzerInfo();
        const configFile = path.join(packDirectory, "config", `${stack.stack}.json`);
        const fileConfig: Record<string, PolicyConfig> = fs.existsSync(configFile)
            ? loadPolicyConfigFile(configFile)
            : {};
        await client.configure(reconcilePolicyConfig(info.policies, info.initialConfig, fileConfig, configFile));

        // Warm up the pack's code paths before timing.
        for (const resource of resources.slice(0, 30)) {
            await client.analyze(resource);
        }

        let findings = 0;
        let start = performance.now();
        for (const resource of resources) {
            findings += (await client.analyze(resource)).length;
        }
        const sequentialSeconds = (performance.now() - start) / 1000;

        const packCpuBefore = processCpuSeconds(client.process.pid);
        start = performance.now();
        const inFlight = 16;
        let next = 0;
        await Promise.all(
            Array.from({ length: inFlight }, async () => {
                while (next < resources.length) {
                    await client.analyze(resources[next++]);
                }
            }),
        );
        const pipelinedSeconds = (performance.now() - start) / 1000;
        const packCpuAfter = processCpuSeconds(client.process.pid);
        const packCpuSeconds =
            packCpuBefore === undefined || packCpuAfter === undefined ? undefined : packCpuAfter - packCpuBefore;

        start = performance.now();
        findings += (await client.analyzeStack(resources)).length;
        const analyzeStackSeconds = (performance.now() - start) / 1000;

        return {
            sequentialPerSecond: resources.length / sequentialSeconds,
            pipelinedPerSecond: resources.length / pipelinedSeconds,
            perPackCpuSecond: packCpuSeconds === undefined ? undefined : resources.length / packCpuSeconds,
            analyzeStackSeconds,
            findings,
        };
    } finally {
        await client.close();
    }
}

/**
 * Reads a process's user and system CPU time from /proc, in seconds, to separate the pack's own cost from the
 * client's. On two cores the Node.js client takes a core of its own, where the engine's Go client would cost
 * less per call (not measured here). Returns undefined where /proc does not exist.
 */
function processCpuSeconds(pid: number | undefined): number | undefined {
    if (pid === undefined || !fs.existsSync(`/proc/${pid}/stat`)) {
        return undefined;
    }
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14 and 15 of /proc/<pid>/stat (utime, stime), counted from the state field at index 0 here.
    const ticks = Number(fields[11]) + Number(fields[12]);
    return ticks / clockTicksPerSecond;
}

// USER_HZ, the unit of /proc CPU times: 100 on every mainstream Linux architecture (see proc(5)).
const clockTicksPerSecond = 100;

async function benchmarkAnalyzer(args: BenchArguments): Promise<void> {
    const stack: StackDescription = { project: "team-iam", stack: "dev", dryRun: true, config: {}, secretKeys: [] };
    const resources = syntheticResources(args.resources, stack);
    console.log(`(b) Analyzer throughput over gRPC, ${args.resources} synthetic IAM resources`);
    const empty = await measureThroughput(fixturePack, resources, stack);
    const rows: string[][] = [];
    const row = (label: string, result: ThroughputResult) => [
        label,
        result.sequentialPerSecond.toFixed(0),
        result.pipelinedPerSecond.toFixed(0),
        result.perPackCpuSecond === undefined ? "n/a" : result.perPackCpuSecond.toFixed(0),
        result.analyzeStackSeconds.toFixed(2),
        String(result.findings),
        (empty.sequentialPerSecond / result.sequentialPerSecond).toFixed(2),
    ];
    if (fs.existsSync(path.join(realPack, "PulumiPolicy.yaml"))) {
        rows.push(row("policy-pack (least-privilege-iam)", await measureThroughput(realPack, resources, stack)));
    }
    rows.push(row("fixture pack (baseline)", empty));
    console.log(
        renderTable(
            [
                "pack",
                "analyze/s (1 in flight)",
                "analyze/s (16 in flight)",
                "analyze per pack CPU-second",
                "analyzeStack s",
                "findings",
                "slowdown vs baseline",
            ],
            rows,
        ),
    );
}

async function main(): Promise<void> {
    const args = parseArguments(process.argv.slice(2));
    const cpus = os.cpus();
    console.log(`Node.js ${process.version}, ${cpus.length} CPUs (${cpus[0]?.model ?? "unknown model"})\n`);
    benchmarkPreview(args);
    await benchmarkAnalyzer(args);
}

if (require.main === module) {
    main().catch((error: Error) => {
        console.error(`error: ${error.message}`);
        process.exitCode = 1;
    });
}
