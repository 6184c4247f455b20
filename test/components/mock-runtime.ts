/**
 * Runs components under Pulumi's mock runtime and records every resource they register: its type, name,
 * parent and inputs. The mock returns what AWS would for the fields that components read back (names with
 * autonaming, ARNs, ids, generated secrets), because an output the mock does not return is undefined.
 */
import * as pulumi from "@pulumi/pulumi";

/** The account id that mock ARNs carry. */
export const mockAccountId = "123456789012";

/** The suffix that the mock appends to autonamed resources, as the provider appends 7 random hex digits. */
export const mockAutonameSuffix = "-0a1b2c3";

/** One registered resource as the engine saw it. */
export interface RegisteredResource {
    readonly type: string;
    readonly name: string;
    /** Type and name of the parent, or undefined for a resource without a parent. */
    readonly parent?: { readonly type: string; readonly name: string };
    readonly inputs: Record<string, unknown>;
}

interface RegisterRequest {
    getType(): string;
    getName(): string;
    getParent(): string;
}

function parseUrn(urn: string): { type: string; name: string } {
    const parts = urn.split("::");
    const qualifiedType = parts[2];
    return { type: qualifiedType.slice(qualifiedType.lastIndexOf("$") + 1), name: parts.slice(3).join("::") };
}

const arnTypes: Record<string, string> = {
    "aws:iam/policy:Policy": "policy",
    "aws:iam/user:User": "user",
    "aws:iam/group:Group": "group",
    "aws:iam/role:Role": "role",
    "aws:iam/instanceProfile:InstanceProfile": "instance-profile",
};

/** Computes the state AWS would return for a resource, from its inputs. */
function mockState(args: pulumi.runtime.MockResourceArgs): { id: string; state: Record<string, unknown> } {
    const inputs = args.inputs as Record<string, unknown>;
    const state: Record<string, unknown> = { ...inputs };
    const arnType = arnTypes[args.type];
    if (arnType !== undefined) {
        const physicalName = (inputs.name as string | undefined) ?? `${args.name}${mockAutonameSuffix}`;
        const path = (inputs.path as string | undefined) ?? "/";
        state.name = physicalName;
        state.arn = `arn:aws:iam::${mockAccountId}:${arnType}${path}${physicalName}`;
        return { id: physicalName, state };
    }
    if (args.type === "aws:iam/userLoginProfile:UserLoginProfile") {
        if (inputs.pgpKey === undefined) {
            state.password = "mock-initial-password";
        } else {
            state.encryptedPassword = "bW9jay1lbmNyeXB0ZWQtcGFzc3dvcmQ=";
        }
        return { id: String(inputs.user), state };
    }
    if (args.type === "aws:iam/accessKey:AccessKey") {
        state.secret = "mock-secret-access-key";
        return { id: "AKIAMOCKACCESSKEY000", state };
    }
    return { id: `${args.name}-id`, state };
}

/** Records what the components under test register. */
export class ResourceRecorder {
    private readonly resources: RegisteredResource[] = [];
    private readonly indicesWithInputs = new Set<number>();

    /** Every resource registered since the recorder was installed, in registration order. */
    get registered(): readonly RegisteredResource[] {
        return this.resources;
    }

    /** Lists the custom (non-component) resources as `type name` strings, in registration order. */
    childSummary(): string[] {
        return this.resources
            .filter((resource) => !resource.type.startsWith("least-privilege-iam:"))
            .map((resource) => `${resource.type} ${resource.name}`);
    }

    /** Returns the one resource with this type and name, and fails when there is none or several. */
    find(type: string, name: string): RegisteredResource {
        const matches = this.resources.filter((resource) => resource.type === type && resource.name === name);
        if (matches.length !== 1) {
            throw new Error(`expected one ${type} named ${name}, found ${matches.length}`);
        }
        return matches[0];
    }

    /** Records a registration request before the mock monitor handles it. */
    recordRequest(request: RegisterRequest): void {
        const parentUrn = request.getParent();
        this.resources.push({
            type: request.getType(),
            name: request.getName(),
            parent: parentUrn === "" ? undefined : parseUrn(parentUrn),
            inputs: {},
        });
    }

    /** Stores the deserialised inputs of the earliest registration with this type and name that has none yet. */
    recordInputs(type: string, name: string, inputs: Record<string, unknown>): void {
        const index = this.resources.findIndex(
            (resource, position) =>
                resource.type === type && resource.name === name && !this.indicesWithInputs.has(position),
        );
        if (index !== -1) {
            this.resources[index] = { ...this.resources[index], inputs };
            this.indicesWithInputs.add(index);
        }
    }
}

/**
 * Installs a fresh mock runtime and returns the recorder of what gets registered from now on. Call it in a
 * beforeEach hook, because other test files may install their own mocks in the same process.
 */
export async function installMockRuntime(): Promise<ResourceRecorder> {
    const recorder = new ResourceRecorder();
    await pulumi.runtime.setMocks(
        {
            newResource: (args) => {
                recorder.recordInputs(args.type, args.name, args.inputs as Record<string, unknown>);
                return mockState(args);
            },
            call: (args) => args.inputs,
        },
        "least-privilege-iam",
        "test",
        false,
    );

    // The mock's newResource does not see the parent, so record it from the request the monitor receives.
    const monitor = pulumi.runtime.getMonitor() as unknown as {
        registerResource(request: RegisterRequest, callback: unknown): unknown;
    };
    const registerResource = monitor.registerResource.bind(monitor);
    monitor.registerResource = (request, callback) => {
        recorder.recordRequest(request);
        return registerResource(request, callback);
    };
    return recorder;
}

/** Resolves an output to its value, or rejects with the error that computing it threw. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
    // Output.apply never calls back for a failed output, so read the underlying promise instead.
    return (output as unknown as { promise(): Promise<T> }).promise();
}

/** Returns whether an output is marked secret. */
export function isSecretOutput<T>(output: pulumi.Output<T>): Promise<boolean> {
    return pulumi.isSecret(output);
}

/** Waits until every registration started so far has reached the mock monitor. */
export async function settle(): Promise<void> {
    const runtime = pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> };
    if (runtime.waitForRPCs !== undefined) {
        await runtime.waitForRPCs();
    }
}

/** Warnings that components logged through pulumi.log.warn while captured. */
export interface WarningCapture {
    readonly messages: string[];
    restore(): void;
}

/** Captures pulumi.log.warn messages instead of printing them, until restore is called. */
export function captureWarnings(): WarningCapture {
    const log = pulumi.log as unknown as { warn: (message: string, resource?: pulumi.Resource) => Promise<void> };
    const original = log.warn;
    const messages: string[] = [];
    log.warn = (message: string) => {
        messages.push(message);
        return Promise.resolve();
    };
    return {
        messages,
        restore: () => {
            log.warn = original;
        },
    };
}
