/**
 * An in-process resource monitor and engine for Pulumi's mock runtime. It plays the part of the engine in a
 * preview: it builds URNs, rejects duplicate URNs, gets each resource's outputs from the AWS mocks, and records
 * every registration with what an analyzer needs later (parent, dependencies, property dependencies, options,
 * provider) and every log message. Unlike `pulumi.runtime.setMocks`'s monitor, it keeps the wire form of
 * properties, so secrets and unknowns reach the plan and the policy pack exactly as the SDK sent them.
 */
import * as structProto from "google-protobuf/google/protobuf/struct_pb";
import * as emptyProto from "google-protobuf/google/protobuf/empty_pb";
import * as providerProto from "@pulumi/pulumi/proto/provider_pb";
import * as resourceProto from "@pulumi/pulumi/proto/resource_pb";
import * as engineProto from "@pulumi/pulumi/proto/engine_pb";
import { AwsMocks } from "./mocks";
import { WireValue } from "./values";

/** The resource options an analyzer receives (`AnalyzerResourceOptions`). */
export interface RecordedOptions {
    readonly protect: boolean;
    readonly ignoreChanges: readonly string[];
    /** Absent when the program did not set `deleteBeforeReplace`. */
    readonly deleteBeforeReplace?: boolean;
    readonly additionalSecretOutputs: readonly string[];
    readonly aliases: readonly string[];
    readonly customTimeouts: { readonly create: number; readonly update: number; readonly delete: number };
}

/** One registered resource, with properties in wire form. */
export interface RecordedResource {
    readonly urn: string;
    readonly type: string;
    readonly name: string;
    readonly custom: boolean;
    /** `create` for a registration, `read` for `Resource.get`. */
    readonly operation: "create" | "read";
    readonly parent?: string;
    /** The provider reference as the SDK sent it (`<provider urn>::<provider id>`), empty for the default one. */
    readonly provider: string;
    /** Version of the resource's package, which names its default provider. */
    readonly packageVersion: string;
    readonly dependencies: readonly string[];
    readonly propertyDependencies: Readonly<Record<string, readonly string[]>>;
    readonly options: RecordedOptions;
    /** Inputs after the provider's check (autonamed names filled in). */
    readonly inputs: Record<string, WireValue>;
    /** Outputs; for a component, what it passed to `registerOutputs`. */
    outputs: Record<string, WireValue>;
}

export type LogSeverity = "debug" | "info" | "warning" | "error";

export interface LogEntry {
    readonly severity: LogSeverity;
    readonly message: string;
    /** The resource the message is about, if any. */
    readonly urn?: string;
}

type Callback<T> = (error: Error | null, response?: T) => void;

/** Features the runner's monitor supports. The SDK queries them before it relies on one. */
const supportedFeatures = new Set([
    "secrets",
    "resourceReferences",
    "deletedWith",
    "replaceWith",
    "aliasSpecs",
    "parameterization",
]);

const logSeverities: Readonly<Record<number, LogSeverity>> = {
    [engineProto.LogSeverity.DEBUG]: "debug",
    [engineProto.LogSeverity.INFO]: "info",
    [engineProto.LogSeverity.WARNING]: "warning",
    [engineProto.LogSeverity.ERROR]: "error",
};

export class RecordingMonitor {
    /** Resources in registration order. */
    readonly resources: RecordedResource[] = [];
    /** Registrations and invokes the mocks rejected, in order; the SDK reports each again wrapped in context. */
    readonly failures: Error[] = [];
    private readonly byUrn = new Map<string, RecordedResource>();

    constructor(
        private readonly mocks: AwsMocks,
        private readonly project: string,
        private readonly stack: string,
    ) {}

    registerResource(request: resourceProto.RegisterResourceRequest, callback: Callback<unknown>): void {
        try {
            const recorded = this.record(request, "create");
            const response = new resourceProto.RegisterResourceResponse();
            response.setUrn(recorded.resource.urn);
            response.setId(recorded.id);
            response.setObject(structProto.Struct.fromJavaScript(recorded.resource.outputs));
            callback(null, response);
        } catch (error) {
            this.failures.push(error as Error);
            callback(error as Error);
        }
    }

    readResource(request: resourceProto.ReadResourceRequest, callback: Callback<unknown>): void {
        try {
            const recorded = this.record(request, "read");
            const response = new resourceProto.ReadResourceResponse();
            response.setUrn(recorded.resource.urn);
            response.setProperties(structProto.Struct.fromJavaScript(recorded.resource.outputs));
            callback(null, response);
        } catch (error) {
            callback(error as Error);
        }
    }

    registerResourceOutputs(request: resourceProto.RegisterResourceOutputsRequest, callback: Callback<unknown>): void {
        const resource = this.byUrn.get(request.getUrn());
        if (resource === undefined) {
            callback(new Error(`registerResourceOutputs: unknown resource ${request.getUrn()}`));
            return;
        }
        resource.outputs = (request.getOutputs()?.toJavaScript() ?? {}) as Record<string, WireValue>;
        callback(null, new emptyProto.Empty());
    }

    invoke(request: resourceProto.ResourceInvokeRequest, callback: Callback<unknown>): void {
        try {
            const token = request.getTok();
            const args = (request.getArgs()?.toJavaScript() ?? {}) as Record<string, unknown>;
            let result: Record<string, WireValue>;
            if (token === "pulumi:pulumi:getResource") {
                const resource = this.byUrn.get(String(args["urn"]));
                if (resource === undefined) {
                    throw new Error(`pulumi:pulumi:getResource: unknown resource ${String(args["urn"])}`);
                }
                result = { urn: resource.urn, id: null, state: resource.outputs };
            } else {
                result = this.mocks.call(token, args);
            }
            const response = new providerProto.InvokeResponse();
            response.setReturn(structProto.Struct.fromJavaScript(result));
            callback(null, response);
        } catch (error) {
            callback(error as Error);
        }
    }

    call(request: resourceProto.ResourceCallRequest, callback: Callback<unknown>): void {
        callback(new Error(`the offline runner cannot call the method ${request.getTok()}`));
    }

    supportsFeature(request: resourceProto.SupportsFeatureRequest, callback: Callback<unknown>): void {
        const response = new resourceProto.SupportsFeatureResponse();
        response.setHassupport(supportedFeatures.has(request.getId()));
        callback(null, response);
    }

    registerPackage(_request: resourceProto.RegisterPackageRequest, callback: Callback<unknown>): void {
        const response = new resourceProto.RegisterPackageResponse();
        response.setRef("offline-runner-package");
        callback(null, response);
    }

    private record(
        request: resourceProto.RegisterResourceRequest | resourceProto.ReadResourceRequest,
        operation: "create" | "read",
    ): { resource: RecordedResource; id: string } {
        const type = request.getType();
        const name = request.getName();
        const parent = request.getParent();
        const urn = this.newUrn(parent, type, name);
        if (this.byUrn.has(urn)) {
            throw new Error(`Duplicate resource URN '${urn}'; try giving it a unique name`);
        }
        const custom = request instanceof resourceProto.RegisterResourceRequest ? request.getCustom() : true;
        const wireInputs = (
            request instanceof resourceProto.RegisterResourceRequest ? request.getObject() : request.getProperties()
        )?.toJavaScript() as Record<string, WireValue> | undefined;

        const result = this.mocks.newResource({
            urn,
            type,
            name,
            custom,
            inputs: wireInputs ?? {},
            provider: request.getProvider(),
        });

        const resource: RecordedResource = {
            urn,
            type,
            name,
            custom,
            operation,
            parent: parent === "" ? undefined : parent,
            provider: request.getProvider(),
            packageVersion: request.getVersion(),
            dependencies: request.getDependenciesList(),
            propertyDependencies:
                request instanceof resourceProto.RegisterResourceRequest ? readPropertyDependencies(request) : {},
            options: request instanceof resourceProto.RegisterResourceRequest ? readOptions(request) : readOnlyOptions,
            inputs: result.checkedInputs,
            outputs: result.state,
        };
        this.resources.push(resource);
        this.byUrn.set(urn, resource);
        return { resource, id: result.id };
    }

    /** URNs as the engine builds them: a child's type is qualified by its parent's type. */
    private newUrn(parent: string, type: string, name: string): string {
        let qualifiedType = type;
        if (parent !== "") {
            const parentType = parent.split("::")[2].split("$").pop();
            qualifiedType = `${parentType}$${type}`;
        }
        return `urn:pulumi:${this.stack}::${this.project}::${qualifiedType}::${name}`;
    }
}

/** Stands in for the engine's gRPC service in the runtime store: it receives `pulumi.log` messages. */
export class RecordingEngine {
    readonly logs: LogEntry[] = [];

    log(request: engineProto.LogRequest, callback: Callback<unknown>): void {
        const severity = logSeverities[request.getSeverity()] ?? "info";
        const urn = request.getUrn();
        this.logs.push({ severity, message: request.getMessage(), ...(urn === "" ? {} : { urn }) });
        callback(null, new emptyProto.Empty());
    }

    setRootResource(_request: unknown, callback: Callback<unknown>): void {
        callback(null, new engineProto.SetRootResourceResponse());
    }

    getRootResource(_request: unknown, callback: Callback<unknown>): void {
        callback(null, new engineProto.GetRootResourceResponse());
    }
}

const readOnlyOptions: RecordedOptions = {
    protect: false,
    ignoreChanges: [],
    additionalSecretOutputs: [],
    aliases: [],
    customTimeouts: { create: 0, update: 0, delete: 0 },
};

function readPropertyDependencies(request: resourceProto.RegisterResourceRequest): Record<string, string[]> {
    const result: Record<string, string[]> = {};
    request.getPropertydependenciesMap().forEach((dependencies, key) => {
        result[key] = dependencies.getUrnsList();
    });
    return result;
}

function readOptions(request: resourceProto.RegisterResourceRequest): RecordedOptions {
    const timeouts = request.getCustomtimeouts();
    return {
        protect: request.getProtect() ?? false,
        ignoreChanges: request.getIgnorechangesList(),
        ...(request.getDeletebeforereplacedefined() ? { deleteBeforeReplace: request.getDeletebeforereplace() } : {}),
        additionalSecretOutputs: request.getAdditionalsecretoutputsList(),
        aliases: [...request.getAliasurnsList(), ...request.getAliasesList().map((alias) => alias.getUrn())].filter(
            (alias) => alias !== "",
        ),
        customTimeouts: {
            create: parseDuration(timeouts?.getCreate()),
            update: parseDuration(timeouts?.getUpdate()),
            delete: parseDuration(timeouts?.getDelete()),
        },
    };
}

/** Custom timeouts arrive as Go duration strings ("5m", "1h30m"); analyzers receive seconds. */
function parseDuration(text: string | undefined): number {
    if (text === undefined || text === "") {
        return 0;
    }
    const units: Record<string, number> = { h: 3600, m: 60, s: 1, ms: 0.001 };
    let seconds = 0;
    for (const [, amount, unit] of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
        seconds += Number(amount) * units[unit];
    }
    return seconds;
}
