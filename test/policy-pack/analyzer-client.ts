/**
 * A small Analyzer gRPC client for the pack tests: starts the real pack the way the Pulumi engine does
 * (`node .../@pulumi/pulumi/cmd/run-policy-pack <engine-address> .` in the pack's directory), reads the port
 * it prints, and calls configure, analyze and analyzeStack on 127.0.0.1.
 */
import { ChildProcess, spawn } from "child_process";
import * as path from "path";

import * as grpc from "@grpc/grpc-js";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import * as structProto from "google-protobuf/google/protobuf/struct_pb";

const packDirectory = path.join(__dirname, "..", "..", "policy-pack");
const startTimeoutMs = 60000;

/** A diagnostic as the engine receives it. */
export interface AnalyzerDiagnostic {
    readonly policyName: string;
    readonly message: string;
    readonly enforcementLevel: "advisory" | "mandatory" | "remediate" | "disabled";
    readonly urn: string;
}

/** A resource to analyze. */
export interface AnalyzedResource {
    readonly type: string;
    readonly name: string;
    readonly props: Record<string, unknown>;
}

const levelNames: Record<number, AnalyzerDiagnostic["enforcementLevel"]> = {
    [analyzerProto.EnforcementLevel.ADVISORY]: "advisory",
    [analyzerProto.EnforcementLevel.MANDATORY]: "mandatory",
    [analyzerProto.EnforcementLevel.REMEDIATE]: "remediate",
    [analyzerProto.EnforcementLevel.DISABLED]: "disabled",
};

const levelValues: Record<string, analyzerProto.EnforcementLevel> = {
    advisory: analyzerProto.EnforcementLevel.ADVISORY,
    mandatory: analyzerProto.EnforcementLevel.MANDATORY,
    disabled: analyzerProto.EnforcementLevel.DISABLED,
};

function urnOf(resource: AnalyzedResource): string {
    return `urn:pulumi:test::team-iam::${resource.type}::${resource.name}`;
}

function toDiagnostics(response: analyzerProto.AnalyzeResponse): AnalyzerDiagnostic[] {
    return response.getDiagnosticsList().map((diagnostic) => ({
        policyName: diagnostic.getPolicyname(),
        message: diagnostic.getMessage(),
        enforcementLevel: levelNames[diagnostic.getEnforcementlevel()],
        urn: diagnostic.getUrn(),
    }));
}

/** A running pack process and a client connected to it. */
export class PackUnderTest {
    private constructor(
        private readonly process: ChildProcess,
        private readonly client: analyzerGrpc.AnalyzerClient,
    ) {}

    /** Starts the pack and waits until it prints its port. */
    static async start(): Promise<PackUnderTest> {
        // Like pulumi-analyzer-policy, run in the pack's directory so that ts-node reads the pack's tsconfig.json.
        // The engine address is not used by a policy pack, but run-policy-pack requires the argument.
        const child = spawn(
            process.execPath,
            [require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDirectory] }), "127.0.0.1:0", "."],
            { cwd: packDirectory, stdio: ["ignore", "pipe", "pipe"] },
        );
        let stderr = "";
        child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));

        const port = await new Promise<number>((resolve, reject) => {
            const timer = setTimeout(
                () => reject(new Error(`The pack printed no port in ${startTimeoutMs} ms: ${stderr}`)),
                startTimeoutMs,
            );
            let stdout = "";
            child.stdout?.on("data", (chunk: Buffer) => {
                stdout += chunk.toString();
                const match = /^(\d+)\s*$/m.exec(stdout);
                if (match !== null) {
                    clearTimeout(timer);
                    resolve(Number(match[1]));
                }
            });
            child.on("exit", (code) => {
                clearTimeout(timer);
                reject(new Error(`The pack exited with code ${code} before printing its port: ${stderr}`));
            });
        });

        const client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        return new PackUnderTest(child, client);
    }

    /** Sends a pack configuration in the form of `--policy-pack-config`. */
    async configure(config: Record<string, { enforcementLevel: string; [property: string]: unknown }>): Promise<void> {
        const request = new analyzerProto.ConfigureAnalyzerRequest();
        for (const [rule, { enforcementLevel, ...properties }] of Object.entries(config)) {
            const policyConfig = new analyzerProto.PolicyConfig();
            policyConfig.setEnforcementlevel(levelValues[enforcementLevel]);
            policyConfig.setProperties(structProto.Struct.fromJavaScript(properties as Record<string, never>));
            request.getPolicyconfigMap().set(rule, policyConfig);
        }
        await new Promise<void>((resolve, reject) =>
            this.client.configure(request, (error) => (error ? reject(error) : resolve())),
        );
    }

    /** Returns the names of the pack's policies as getAnalyzerInfo lists them. */
    async listPolicyNames(): Promise<string[]> {
        const { Empty } = await import("google-protobuf/google/protobuf/empty_pb");
        return new Promise((resolve, reject) =>
            this.client.getAnalyzerInfo(new Empty(), (error, info) =>
                error ? reject(error) : resolve(info.getPoliciesList().map((policy) => policy.getName())),
            ),
        );
    }

    /** Analyzes one resource as the engine does during preview. */
    async analyze(resource: AnalyzedResource): Promise<AnalyzerDiagnostic[]> {
        const request = new analyzerProto.AnalyzeRequest();
        request.setType(resource.type);
        request.setName(resource.name);
        request.setUrn(urnOf(resource));
        request.setProperties(structProto.Struct.fromJavaScript(resource.props as Record<string, never>));
        request.setOptions(new analyzerProto.AnalyzerResourceOptions());
        return new Promise((resolve, reject) =>
            this.client.analyze(request, (error, response) =>
                error ? reject(error) : resolve(toDiagnostics(response)),
            ),
        );
    }

    /** Analyzes the stack as the engine does at the end of a preview. */
    async analyzeStack(resources: readonly AnalyzedResource[]): Promise<AnalyzerDiagnostic[]> {
        const request = new analyzerProto.AnalyzeStackRequest();
        request.setResourcesList(
            resources.map((resource) => {
                const analyzerResource = new analyzerProto.AnalyzerResource();
                analyzerResource.setType(resource.type);
                analyzerResource.setName(resource.name);
                analyzerResource.setUrn(urnOf(resource));
                analyzerResource.setProperties(
                    structProto.Struct.fromJavaScript(resource.props as Record<string, never>),
                );
                analyzerResource.setOptions(new analyzerProto.AnalyzerResourceOptions());
                return analyzerResource;
            }),
        );
        return new Promise((resolve, reject) =>
            this.client.analyzeStack(request, (error, response) =>
                error ? reject(error) : resolve(toDiagnostics(response)),
            ),
        );
    }

    /** Closes the client and ends the pack process. */
    async stop(): Promise<void> {
        this.client.close();
        if (this.process.exitCode === null) {
            const exited = new Promise((resolve) => this.process.once("exit", resolve));
            this.process.kill();
            await exited;
        }
    }
}
