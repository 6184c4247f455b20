/**
 * Runs a policy pack the way the Pulumi engine does, over the Analyzer gRPC protocol. The runner starts the pack
 * with `@pulumi/pulumi/cmd/run-policy-pack` in the pack's directory and reads the port it prints. Then it calls
 * Handshake, ConfigureStack, GetAnalyzerInfo, Configure, Analyze for each resource and AnalyzeStack for all.
 * The engine's side of the protocol: sdk/go/common/resource/plugin/analyzer_plugin.go in pulumi/pulumi.
 */
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as YAML from "yaml";
import * as structProto from "google-protobuf/google/protobuf/struct_pb";
import * as emptyProto from "google-protobuf/google/protobuf/empty_pb";
import * as analyzerProto from "@pulumi/pulumi/proto/analyzer_pb";
import * as analyzerRpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { RecordedResource } from "./monitor";
import { EnforcementLevel, PolicyFinding } from "./plan";
import { PolicyConfig, PolicyDescription, loadPolicyConfigFile, reconcilePolicyConfig } from "./policy-config";
import { WireValue, isObject, resourceReferenceSignature, signatureKey, unknownValue } from "./values";

/** How long a pack may take to print its port; ts-node type-checks the pack first, as it does under the CLI. */
const startTimeoutMilliseconds = 120_000;

const enforcementLevelNames: Readonly<Record<number, EnforcementLevel>> = {
    [analyzerProto.EnforcementLevel.ADVISORY]: "advisory",
    [analyzerProto.EnforcementLevel.MANDATORY]: "mandatory",
    [analyzerProto.EnforcementLevel.DISABLED]: "disabled",
    [analyzerProto.EnforcementLevel.REMEDIATE]: "remediate",
};

const enforcementLevelNumbers: Readonly<Record<EnforcementLevel, number>> = {
    advisory: analyzerProto.EnforcementLevel.ADVISORY,
    mandatory: analyzerProto.EnforcementLevel.MANDATORY,
    disabled: analyzerProto.EnforcementLevel.DISABLED,
    remediate: analyzerProto.EnforcementLevel.REMEDIATE,
};

const severityNames: Readonly<Record<number, string | undefined>> = {
    [analyzerProto.PolicySeverity.POLICY_SEVERITY_LOW]: "low",
    [analyzerProto.PolicySeverity.POLICY_SEVERITY_MEDIUM]: "medium",
    [analyzerProto.PolicySeverity.POLICY_SEVERITY_HIGH]: "high",
    [analyzerProto.PolicySeverity.POLICY_SEVERITY_CRITICAL]: "critical",
};

/** Raised when the pack cannot be started or returns an error. */
export class PolicyPackError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PolicyPackError";
    }
}

/** The stack the pack analyses, as the engine describes it in ConfigureStack and the pack's environment. */
export interface StackDescription {
    readonly project: string;
    readonly stack: string;
    readonly organization?: string;
    readonly dryRun: boolean;
    /** The stack's config as the program received it, keyed `<namespace>:<key>`. */
    readonly config: Readonly<Record<string, string>>;
    readonly secretKeys: readonly string[];
}

const signalNumbers = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 } as const;

/** Every running pack process, so that they are all stopped however this process ends. */
const runningPacks = new Set<ChildProcess>();
let exitHandlersInstalled = false;

function installExitHandlers(): void {
    if (exitHandlersInstalled) {
        return;
    }
    exitHandlersInstalled = true;
    process.on("exit", () => {
        for (const child of runningPacks) {
            child.kill("SIGKILL");
        }
    });
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
        process.once(signal, () => {
            for (const child of runningPacks) {
                child.kill("SIGKILL");
            }
            // Exit the way a process killed by the signal would, so that callers see the interruption.
            process.exit(128 + signalNumbers[signal]);
        });
    }
}

/** A started policy pack and the gRPC client connected to it. */
export class PolicyPackClient {
    private closed = false;

    private constructor(
        readonly directory: string,
        readonly process: ChildProcess,
        readonly port: number,
        private readonly client: analyzerRpc.AnalyzerClient,
        private readonly stderr: { text: string },
    ) {}

    /**
     * Starts the pack in `directory` as the engine does: the working directory is the pack's directory, the
     * arguments are the engine address and ".", and the environment carries the stack's config and names.
     */
    static async start(directory: string, stack: StackDescription): Promise<PolicyPackClient> {
        const packDirectory = path.resolve(directory);
        const manifest = path.join(packDirectory, "PulumiPolicy.yaml");
        if (!fs.existsSync(manifest)) {
            throw new PolicyPackError(`${packDirectory} is not a policy pack: PulumiPolicy.yaml not found`);
        }
        const script = resolveRunPolicyPack(packDirectory);
        // NOTE: run-policy-pack (in @pulumi/pulumi 3.248) drops the engine address argument before it loads the
        // pack, so no engine service is needed behind it. The runner passes a loopback placeholder.
        const engineAddress = "127.0.0.1:0";
        const args = [script, engineAddress, ".", ...runtimeOptionArguments(manifest)];

        installExitHandlers();
        const child = spawn(process.execPath, args, {
            cwd: packDirectory,
            env: packEnvironment(stack),
            stdio: ["ignore", "pipe", "pipe"],
        });
        runningPacks.add(child);
        child.on("exit", () => runningPacks.delete(child));

        const stderr = { text: "" };
        child.stderr?.setEncoding("utf8");
        child.stderr?.on("data", (chunk: string) => {
            stderr.text += chunk;
        });
        let port: number;
        try {
            port = await readPort(child, stderr, packDirectory);
        } catch (error) {
            child.kill("SIGKILL");
            throw error;
        }
        // @pulumi/policy accepts messages of up to 400 MB. Channelz statistics and retries cost time on every
        // call, and a loopback connection to a local process needs neither.
        const client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": 400 * 1024 * 1024,
            "grpc.max_send_message_length": 400 * 1024 * 1024,
            "grpc.enable_channelz": 0,
            "grpc.enable_retries": 0,
        });
        return new PolicyPackClient(packDirectory, child, port, client, stderr);
    }

    /** Sends the engine's first call. Packs that do not implement it return UNIMPLEMENTED, which is accepted. */
    async handshake(): Promise<void> {
        const request = new analyzerProto.AnalyzerHandshakeRequest();
        request.setEngineAddress("127.0.0.1:0");
        request.setRootDirectory(this.directory);
        request.setProgramDirectory(this.directory);
        await this.unary("handshake", request).catch(ignoreUnimplemented);
    }

    async configureStack(stack: StackDescription): Promise<void> {
        const request = new analyzerProto.AnalyzerStackConfigureRequest();
        request.setStack(stack.stack);
        request.setProject(stack.project);
        request.setOrganization(stack.organization ?? "");
        request.setDryRun(stack.dryRun);
        const configMap = request.getConfigMap();
        for (const [key, value] of Object.entries(stack.config)) {
            configMap.set(key, value);
        }
        request.setConfigSecretKeysList([...stack.secretKeys]);
        await this.unary("configureStack", request).catch(ignoreUnimplemented);
    }

    async getAnalyzerInfo(): Promise<AnalyzerDescription> {
        const info = await this.unary<analyzerProto.AnalyzerInfo>("getAnalyzerInfo", new emptyProto.Empty());
        const initialConfig: Record<string, PolicyConfig> = {};
        info.getInitialconfigMap().forEach((config, name) => {
            initialConfig[name] = {
                enforcementLevel: enforcementLevelNames[config.getEnforcementlevel()],
                properties: (config.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
            };
        });
        return {
            name: info.getName(),
            version: info.getVersion(),
            supportsConfig: info.getSupportsconfig(),
            initialConfig,
            policies: info
                .getPoliciesList()
                .map((policy) => {
                    const schema = policy.getConfigschema();
                    return {
                        name: policy.getName(),
                        enforcementLevel: enforcementLevelNames[policy.getEnforcementlevel()],
                        ...(schema === undefined
                            ? {}
                            : {
                                  configSchema: {
                                      properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<
                                          string,
                                          unknown
                                      >,
                                      required: schema.getRequiredList(),
                                  },
                              }),
                    };
                })
                .sort((left, right) => left.name.localeCompare(right.name)),
        };
    }

    async configure(config: Readonly<Record<string, PolicyConfig>>): Promise<void> {
        if (Object.keys(config).length === 0) {
            return;
        }
        const request = new analyzerProto.ConfigureAnalyzerRequest();
        const map = request.getPolicyconfigMap();
        for (const [name, policyConfig] of Object.entries(config)) {
            const entry = new analyzerProto.PolicyConfig();
            entry.setEnforcementlevel(enforcementLevelNumbers[policyConfig.enforcementLevel ?? "advisory"]);
            entry.setProperties(structProto.Struct.fromJavaScript(policyConfig.properties as Record<string, never>));
            map.set(name, entry);
        }
        await this.unary("configure", request);
    }

    /** Analyses one resource's checked inputs. */
    async analyze(resource: AnalyzedResource): Promise<RawFinding[]> {
        const request = new analyzerProto.AnalyzeRequest();
        request.setType(resource.type);
        request.setName(resource.name);
        request.setUrn(resource.urn);
        request.setProperties(toStruct(resource.properties));
        request.setOptions(toResourceOptions(resource));
        if (resource.provider !== undefined) {
            request.setProvider(toProviderResource(resource.provider));
        }
        const response = await this.unary<analyzerProto.AnalyzeResponse>("analyze", request);
        return readDiagnostics(response, resource.urn);
    }

    /** Analyses the whole stack: every resource with its outputs, parent and dependencies. */
    async analyzeStack(resources: readonly AnalyzedResource[]): Promise<RawFinding[]> {
        const request = new analyzerProto.AnalyzeStackRequest();
        request.setResourcesList(
            resources.map((resource) => {
                const message = new analyzerProto.AnalyzerResource();
                message.setType(resource.type);
                message.setName(resource.name);
                message.setUrn(resource.urn);
                message.setProperties(toStruct(resource.properties));
                message.setOptions(toResourceOptions(resource));
                if (resource.provider !== undefined) {
                    message.setProvider(toProviderResource(resource.provider));
                }
                message.setParent(resource.parent ?? "");
                message.setDependenciesList([...resource.dependencies]);
                const propertyDependencies = message.getPropertydependenciesMap();
                for (const [key, urns] of Object.entries(resource.propertyDependencies)) {
                    if (urns.length > 0) {
                        const dependencies = new analyzerProto.AnalyzerPropertyDependencies();
                        dependencies.setUrnsList([...urns]);
                        propertyDependencies.set(key, dependencies);
                    }
                }
                return message;
            }),
        );
        const response = await this.unary<analyzerProto.AnalyzeResponse>("analyzeStack", request).catch(
            (error: grpc.ServiceError) => {
                if (error.code === grpc.status.UNIMPLEMENTED) {
                    return new analyzerProto.AnalyzeResponse();
                }
                throw error;
            },
        );
        return readDiagnostics(response, undefined);
    }

    /** Closes the connection and stops the pack process; safe to call more than once. */
    async close(): Promise<void> {
        if (this.closed) {
            return;
        }
        this.closed = true;
        this.client.close();
        if (this.process.exitCode === null && this.process.signalCode === null) {
            const exited = new Promise((resolve) => this.process.once("exit", resolve));
            this.process.kill("SIGTERM");
            const timer = setTimeout(() => this.process.kill("SIGKILL"), 5_000);
            await exited;
            clearTimeout(timer);
        }
        runningPacks.delete(this.process);
    }

    private unary<T>(method: string, request: unknown): Promise<T> {
        return new Promise((resolve, reject) => {
            const call = (this.client as unknown as Record<string, (...args: unknown[]) => void>)[method];
            call.call(this.client, request, (error: grpc.ServiceError | null, response: T) => {
                if (error) {
                    const details = this.stderr.text.trim();
                    if (error.code === grpc.status.UNIMPLEMENTED) {
                        reject(error);
                        return;
                    }
                    reject(
                        new PolicyPackError(
                            `the policy pack failed in ${method}: ${error.details || error.message}` +
                                (details === "" ? "" : `\n${details}`),
                        ),
                    );
                    return;
                }
                resolve(response);
            });
        });
    }
}

export interface AnalyzerDescription {
    readonly name: string;
    readonly version: string;
    readonly supportsConfig: boolean;
    readonly policies: readonly PolicyDescription[];
    readonly initialConfig: Readonly<Record<string, PolicyConfig>>;
}

/** A resource as the analyzer receives it. */
export interface AnalyzedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly properties: Record<string, WireValue>;
    readonly parent?: string;
    readonly dependencies: readonly string[];
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
    readonly options: RecordedResource["options"];
    readonly provider?: AnalyzedProvider;
}

export interface AnalyzedProvider {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly properties: Record<string, WireValue>;
}

/** A diagnostic as the pack returns it, before the runner attaches the pack's version from PulumiPolicy.yaml. */
export interface RawFinding {
    readonly policyPack: string;
    readonly policyPackVersion: string;
    readonly policy: string;
    readonly enforcementLevel: EnforcementLevel;
    readonly message: string;
    readonly urn?: string;
    readonly severity?: string;
}

/** The result of a policy run: the pack, its version and its findings. */
export interface PolicyRunResult {
    readonly pack: AnalyzerDescription;
    /** The pack's version: PulumiPolicy.yaml's `version` when set (as the engine prefers it), else the pack's. */
    readonly version: string;
    readonly findings: PolicyFinding[];
}

/**
 * Runs the engine's side of a preview against a started pack: handshake, stack and policy configuration (from
 * `configFile` when given), Analyze for every resource, then AnalyzeStack. The caller stops the pack.
 */
export async function analyzeWithPolicyPack(
    client: PolicyPackClient,
    stack: StackDescription,
    resources: readonly RecordedResource[],
    configFile: string | undefined,
): Promise<PolicyRunResult> {
    await client.handshake();
    await client.configureStack(stack);
    const pack = await client.getAnalyzerInfo();
    const fileConfig = configFile === undefined ? {} : loadPolicyConfigFile(configFile);
    const config = reconcilePolicyConfig(pack.policies, pack.initialConfig, fileConfig, configFile ?? "");
    await client.configure(config);

    const analyzed = toAnalyzedResources(stack, resources);
    const findings: RawFinding[] = [];
    for (const resource of analyzed.perResource) {
        findings.push(...(await client.analyze(resource)));
    }
    findings.push(...(await client.analyzeStack(analyzed.stack)));
    const version = packVersion(client.directory) ?? pack.version;
    return { pack, version, findings: findings.map((finding) => ({ ...finding, policyPackVersion: version })) };
}

/**
 * Builds what the engine sends: for Analyze, each registered resource with its checked inputs; for AnalyzeStack,
 * every resource with its outputs. Resources that use the default AWS provider get it as their provider, with the
 * stack's `aws:` config as its properties, and the provider itself is part of the stack.
 */
export function toAnalyzedResources(
    stack: StackDescription,
    resources: readonly RecordedResource[],
): { perResource: AnalyzedResource[]; stack: AnalyzedResource[] } {
    const providers = new Map<string, AnalyzedResource>();
    const byUrn = new Map(resources.map((resource) => [resource.urn, resource]));
    const providerFor = (resource: RecordedResource): AnalyzedProvider | undefined => {
        if (!resource.custom) {
            return undefined;
        }
        if (resource.provider !== "") {
            const urn = resource.provider.split("::").slice(0, -1).join("::");
            const explicit = byUrn.get(urn);
            return explicit === undefined
                ? undefined
                : { urn, type: explicit.type, name: explicit.name, properties: explicit.inputs };
        }
        const packageName = resource.type.split(":")[0];
        const name =
            resource.packageVersion === "" ? "default" : `default_${resource.packageVersion.replace(/[.+-]/g, "_")}`;
        const urn = `urn:pulumi:${stack.stack}::${stack.project}::pulumi:providers:${packageName}::${name}`;
        let provider = providers.get(urn);
        if (provider === undefined) {
            const properties: Record<string, WireValue> = {};
            for (const [key, value] of Object.entries(stack.config)) {
                if (key.startsWith(`${packageName}:`)) {
                    properties[key.slice(packageName.length + 1)] = value;
                }
            }
            if (resource.packageVersion !== "") {
                properties["version"] = resource.packageVersion;
            }
            provider = {
                urn,
                type: `pulumi:providers:${packageName}`,
                name,
                properties,
                dependencies: [],
                propertyDependencies: {},
                options: {
                    protect: false,
                    ignoreChanges: [],
                    additionalSecretOutputs: [],
                    aliases: [],
                    customTimeouts: { create: 0, update: 0, delete: 0 },
                },
            };
            providers.set(urn, provider);
        }
        return { urn: provider.urn, type: provider.type, name: provider.name, properties: provider.properties };
    };

    const perResource: AnalyzedResource[] = [];
    const stackResources: AnalyzedResource[] = [];
    for (const resource of resources) {
        const provider = providerFor(resource);
        const common = {
            urn: resource.urn,
            type: resource.type,
            name: resource.name,
            ...(resource.parent === undefined ? {} : { parent: resource.parent }),
            dependencies: resource.dependencies,
            propertyDependencies: resource.propertyDependencies,
            options: resource.options,
            ...(provider === undefined ? {} : { provider }),
        };
        if (resource.operation === "create") {
            perResource.push({ ...common, properties: resource.inputs });
        }
        stackResources.push({ ...common, properties: resource.outputs });
    }
    return { perResource, stack: [...providers.values(), ...stackResources] };
}

/**
 * Replaces resource references as the engine does, because it marshals analyzer properties without them (its
 * `KeepResources` option is off). A reference becomes the resource's id (unknown when the id is unknown), or the
 * URN for a component.
 */
export function downgradeResourceReferences(value: WireValue): WireValue {
    if (Array.isArray(value)) {
        return value.map(downgradeResourceReferences);
    }
    if (isObject(value)) {
        if (value[signatureKey] === resourceReferenceSignature) {
            if ("id" in value) {
                return value["id"] === "" ? unknownValue : (value["id"] as WireValue);
            }
            return value["urn"] as WireValue;
        }
        const result: Record<string, WireValue> = {};
        for (const [key, element] of Object.entries(value)) {
            result[key] = downgradeResourceReferences(element as WireValue);
        }
        return result;
    }
    return value;
}

function toStruct(properties: Record<string, WireValue>): structProto.Struct {
    return structProto.Struct.fromJavaScript(downgradeResourceReferences(properties) as Record<string, never>);
}

function toResourceOptions(resource: AnalyzedResource): analyzerProto.AnalyzerResourceOptions {
    const options = new analyzerProto.AnalyzerResourceOptions();
    options.setProtect(resource.options.protect);
    options.setIgnorechangesList([...resource.options.ignoreChanges]);
    options.setDeletebeforereplace(resource.options.deleteBeforeReplace ?? false);
    options.setDeletebeforereplacedefined(resource.options.deleteBeforeReplace !== undefined);
    options.setAdditionalsecretoutputsList([...resource.options.additionalSecretOutputs]);
    options.setAliasesList([...resource.options.aliases]);
    const timeouts = new analyzerProto.AnalyzerResourceOptions.CustomTimeouts();
    timeouts.setCreate(resource.options.customTimeouts.create);
    timeouts.setUpdate(resource.options.customTimeouts.update);
    timeouts.setDelete(resource.options.customTimeouts.delete);
    options.setCustomtimeouts(timeouts);
    options.setParent(resource.parent ?? "");
    return options;
}

function toProviderResource(provider: AnalyzedProvider): analyzerProto.AnalyzerProviderResource {
    const message = new analyzerProto.AnalyzerProviderResource();
    message.setUrn(provider.urn);
    message.setType(provider.type);
    message.setName(provider.name);
    message.setProperties(toStruct(provider.properties));
    return message;
}

function readDiagnostics(response: analyzerProto.AnalyzeResponse, urn: string | undefined): RawFinding[] {
    return response.getDiagnosticsList().map((diagnostic) => {
        const findingUrn = diagnostic.getUrn() !== "" ? diagnostic.getUrn() : urn;
        const severity = severityNames[diagnostic.getSeverity()];
        return {
            policyPack: diagnostic.getPolicypackname(),
            policyPackVersion: diagnostic.getPolicypackversion(),
            policy: diagnostic.getPolicyname(),
            enforcementLevel: enforcementLevelNames[diagnostic.getEnforcementlevel()] ?? "advisory",
            message: diagnostic.getMessage(),
            ...(findingUrn === undefined ? {} : { urn: findingUrn }),
            ...(severity === undefined ? {} : { severity }),
        };
    });
}

/** Builds the environment the engine gives a Node.js pack: its own, plus the stack's config and names. */
function packEnvironment(stack: StackDescription): NodeJS.ProcessEnv {
    const environment: NodeJS.ProcessEnv = { ...process.env };
    if (Object.keys(stack.config).length > 0) {
        environment["PULUMI_CONFIG"] = JSON.stringify(stack.config);
    }
    const names: Record<string, string | undefined> = {
        ORGANIZATION: stack.organization,
        PROJECT: stack.project,
        STACK: stack.stack,
        DRY_RUN: String(stack.dryRun),
    };
    for (const [name, value] of Object.entries(names)) {
        if (value !== undefined && value !== "") {
            environment[`PULUMI_NODEJS_${name}`] = value;
            environment[`PULUMI_${name}`] = value;
        }
    }
    return environment;
}

/** `@pulumi/pulumi/cmd/run-policy-pack` as resolved from the pack's directory, as `pulumi-analyzer-policy` does. */
function resolveRunPolicyPack(packDirectory: string): string {
    try {
        return require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packDirectory] });
    } catch {
        throw new PolicyPackError(
            `cannot find @pulumi/pulumi/cmd/run-policy-pack from ${packDirectory}: run npm install in the pack's ` +
                "directory or in a directory above it",
        );
    }
}

/** Returns each `runtime.options` entry of PulumiPolicy.yaml as `-<key>=<value>`, as the engine passes them. */
function runtimeOptionArguments(manifest: string): string[] {
    const document: unknown = YAML.parse(fs.readFileSync(manifest, "utf8"));
    const runtime =
        typeof document === "object" && document !== null
            ? (document as Record<string, unknown>)["runtime"]
            : undefined;
    const options =
        typeof runtime === "object" && runtime !== null ? (runtime as Record<string, unknown>)["options"] : undefined;
    if (typeof options !== "object" || options === null) {
        return [];
    }
    return Object.entries(options)
        .map(([key, value]) => [key, String(value)])
        .filter(([, value]) => value !== "")
        .map(([key, value]) => `-${key}=${value}`);
}

/** The version in PulumiPolicy.yaml, which the engine prefers over the one the pack reports. */
function packVersion(directory: string): string | undefined {
    const document: unknown = YAML.parse(fs.readFileSync(path.join(directory, "PulumiPolicy.yaml"), "utf8"));
    const version =
        typeof document === "object" && document !== null
            ? (document as Record<string, unknown>)["version"]
            : undefined;
    return typeof version === "string" && version !== "" ? version : undefined;
}

/** Waits for the first line on the pack's stdout, which is its gRPC port. */
function readPort(child: ChildProcess, stderr: { text: string }, packDirectory: string): Promise<number> {
    return new Promise((resolve, reject) => {
        let stdout = "";
        const fail = (reason: string) => {
            clearTimeout(timer);
            const details = stderr.text.trim();
            reject(
                new PolicyPackError(
                    `the policy pack in ${packDirectory} ${reason}${details === "" ? "" : `:\n${details}`}`,
                ),
            );
        };
        const timer = setTimeout(
            () => fail(`did not print its port within ${startTimeoutMilliseconds / 1000} s`),
            startTimeoutMilliseconds,
        );
        child.stdout?.setEncoding("utf8");
        child.stdout?.on("data", (chunk: string) => {
            stdout += chunk;
            const newline = stdout.indexOf("\n");
            if (newline < 0) {
                return;
            }
            const line = stdout.slice(0, newline).trim();
            const port = Number(line);
            clearTimeout(timer);
            if (!Number.isInteger(port) || port <= 0 || port > 65535) {
                fail(`printed "${line}" where its port was expected`);
                return;
            }
            resolve(port);
        });
        child.once("error", (error) => fail(`could not be started: ${error.message}`));
        child.once("exit", (code, signal) => fail(`exited (${signal ?? `code ${code}`}) before printing its port`));
    });
}

function ignoreUnimplemented(error: grpc.ServiceError): void {
    if (error.code !== grpc.status.UNIMPLEMENTED) {
        throw error;
    }
}
