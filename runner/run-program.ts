/**
 * Runs the real Pulumi program of a project under Pulumi's mock runtime, offline: no CLI, no engine, no AWS
 * provider, no credentials. Each run gets a fresh runtime store (as the SDK's own automation server gives each
 * inline program), so runs for different stacks and configs can follow each other in one process.
 */
import * as path from "path";
import { AwsMocks, MockEnvironment } from "./mocks";
import { LogEntry, RecordedResource, RecordingEngine, RecordingMonitor } from "./monitor";
import { Plan, PlanDiagnostic, PlannedResource, stackType } from "./plan";
import { ProjectSettings, StackConfig, loadProject, loadStackConfig } from "./project";
import { runInPulumiStack, runtimeSettings, runtimeState, setAllConfig } from "./pulumi-internals";
import { toDisplayProperties } from "./values";

export { Plan, PlannedResource } from "./plan";

export interface RunProgramOptions {
    /** The stack whose `Pulumi.<stack>.yaml` supplies the config. */
    readonly stack: string;
    /** The directory that contains `Pulumi.yaml`. Default: this repository's root. */
    readonly projectDirectory?: string;
    /**
     * Config values applied over the stack file, keyed `<namespace>:<key>` (a bare key gets the project's
     * namespace). Structured values are passed as the CLI passes them, as JSON; `undefined` removes a key.
     */
    readonly config?: Readonly<Record<string, unknown>>;
    /** Use `config` alone instead of the stack file. Default false. */
    readonly replaceConfig?: boolean;
    /**
     * Run as a preview: ids, ARNs, unique ids and dates of resources created in this update are unknown, as the
     * engine reports them during `pulumi preview`. Default false: every output has the value AWS would give it.
     */
    readonly previewUnknowns?: boolean;
    /** The `createDate` every created resource gets; default 1970-01-01T00:00:00Z, so that plans stay stable. */
    readonly createDate?: string;
}

/** A plan together with the raw records the policy analyzer needs. */
export interface ProgramRun {
    readonly plan: Plan;
    readonly project: ProjectSettings;
    readonly config: StackConfig;
    /** Registrations with properties in wire form (secrets and unknowns as the SDK sent them). */
    readonly resources: readonly RecordedResource[];
    /** Problems with the run itself that the user should know about, such as placeholder secrets. */
    readonly warnings: readonly string[];
}

/** The program failed: it threw, a resource registration failed, or it logged an error. */
export class ProgramError extends Error {
    constructor(
        message: string,
        /** Resources the program registered before it failed; the root stack is not counted. */
        readonly registeredResources: readonly PlannedResource[],
        /** The errors as the program raised them. */
        readonly causes: readonly unknown[],
        readonly diagnostics: readonly PlanDiagnostic[],
    ) {
        super(message);
        this.name = "ProgramError";
    }
}

const repositoryRoot = path.resolve(__dirname, "..");

/** Runs the program and returns its plan. Throws {@link ProgramError} when the program fails. */
export async function runProgram(options: RunProgramOptions): Promise<Plan> {
    return (await runProgramRecorded(options)).plan;
}

/** Runs are serialised: the runtime's error handlers and the module cache are shared by the whole process. */
let previousRun: Promise<unknown> = Promise.resolve();

/** Like {@link runProgram}, and also returns the wire-form records and warnings. */
export function runProgramRecorded(options: RunProgramOptions): Promise<ProgramRun> {
    const run = previousRun.then(
        () => runOnce(options),
        () => runOnce(options),
    );
    previousRun = run.catch(() => undefined);
    return run;
}

async function runOnce(options: RunProgramOptions): Promise<ProgramRun> {
    const project = loadProject(options.projectDirectory ?? repositoryRoot);
    const config = loadStackConfig(project, options.stack, options.config, options.replaceConfig ?? false);
    const previewUnknowns = options.previewUnknowns ?? false;
    const environment = mockEnvironment(project, config, previewUnknowns, options.createDate);
    const monitor = new RecordingMonitor(new AwsMocks(environment), project.name, config.stack);
    const engine = new RecordingEngine();
    const configFileName = path.basename(config.file);
    const warnings = config.placeholderKeys.map(
        (key) =>
            `${configFileName}: ${key} is a secure value, which cannot be decrypted offline; the program ` +
            `received the placeholder "${"offline-preview-secure-value"}" marked as secret`,
    );

    const causes = await runtimeState.withLocalStorage(async () => {
        runtimeSettings.setMockOptions(monitor, project.name, config.stack, previewUnknowns);
        const store = runtimeState.getStore();
        store.settings.engine = engine;
        store.settings.options.rootDirectory = project.directory;
        setAllConfig({ ...config.values }, [...config.secretKeys]);
        return executeProgram(project.main);
    });

    const resources = monitor.resources.map(toPlannedResource);
    const diagnostics = toDiagnostics(engine.logs);
    const loggedErrors = diagnostics.filter((diagnostic) => diagnostic.severity === "error");
    if (causes.length > 0 || loggedErrors.length > 0) {
        // A failed registration surfaces many times, wrapped by every output that depends on it: report the
        // mock's own message once instead.
        const primary = monitor.failures.length > 0 ? monitor.failures : causes;
        const messages = [...primary.map(describeError), ...loggedErrors.map((entry) => entry.message)];
        throw new ProgramError(
            [...new Set(messages)].join("\n"),
            resources.filter((resource) => resource.type !== stackType || resource.parent !== undefined),
            causes,
            diagnostics,
        );
    }

    const stackResource = resources.find((resource) => resource.type === stackType && resource.parent === undefined);
    const plan: Plan = {
        project: project.name,
        stack: config.stack,
        previewUnknowns,
        resources,
        outputs: stackResource?.outputs ?? {},
        diagnostics,
    };
    return { plan, project, config, resources: monitor.resources, warnings };
}

/**
 * Loads the program's entry module inside the stack, waits for every registration, and returns the errors it
 * raised, thrown or unhandled, each once.
 */
async function executeProgram(main: string): Promise<unknown[]> {
    ensureTypeScriptLoader(main);
    forgetProgramModules(main);

    const causes: unknown[] = [];
    const recordError = (error: unknown) => {
        if (!causes.includes(error)) {
            causes.push(error);
        }
    };
    const savedExceptionListeners = process.listeners("uncaughtException");
    const savedRejectionListeners = process.listeners("unhandledRejection");
    process.removeAllListeners("uncaughtException");
    process.removeAllListeners("unhandledRejection");
    process.on("uncaughtException", recordError);
    process.on("unhandledRejection", recordError);
    const modulesBefore = new Set(Object.keys(require.cache));
    try {
        await runInPulumiStack(async () => {
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const exported = require(main);
            return typeof exported === "function" ? exported() : exported;
        });
        await runtimeSettings.waitForRPCs();
    } catch (error) {
        recordError(error);
        await runtimeSettings.waitForRPCs().catch(recordError);
    } finally {
        // Rejections are reported as unhandled only after the microtask queue drains.
        await new Promise((resolve) => setImmediate(resolve));
        process.removeAllListeners("uncaughtException");
        process.removeAllListeners("unhandledRejection");
        savedExceptionListeners.forEach((listener) => process.on("uncaughtException", listener));
        savedRejectionListeners.forEach((listener) => process.on("unhandledRejection", listener));
        runtimeSettings.disconnectSync();
        for (const key of Object.keys(require.cache)) {
            if (!modulesBefore.has(key) && isProjectSource(key)) {
                programModules.add(key);
            }
        }
    }
    return causes;
}

/** Project source files that a program run loaded; they are evaluated afresh by the next run. */
const programModules = new Set<string>();

/**
 * Removes the program's own modules from the require cache, so that module-level code (which often reads
 * config) runs again for the next stack. Modules that the caller loaded itself stay shared.
 */
function forgetProgramModules(main: string): void {
    const programDirectory = path.dirname(main) + path.sep;
    for (const key of Object.keys(require.cache)) {
        if (programModules.has(key) || (key.startsWith(programDirectory) && isProjectSource(key))) {
            delete require.cache[key];
        }
    }
}

function isProjectSource(file: string): boolean {
    return (
        !file.includes(`${path.sep}node_modules${path.sep}`) && !file.startsWith(path.join(repositoryRoot, "runner"))
    );
}

/** Registers ts-node (transpile only) when a TypeScript program is run by a process that has no loader for it. */
function ensureTypeScriptLoader(main: string): void {
    if (main.endsWith(".ts") && require.extensions[".ts"] === undefined) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        require("ts-node").register({ transpileOnly: true });
    }
}

function mockEnvironment(
    project: ProjectSettings,
    config: StackConfig,
    previewUnknowns: boolean,
    createDate: string | undefined,
): MockEnvironment {
    const accountKey = `${project.name}:accountId`;
    const fileName = path.basename(config.file);
    const configured = config.values[accountKey];
    let accountId: string | undefined;
    let accountIdSource = `${accountKey} (or aws:allowedAccountIds) in ${fileName}`;
    if (configured !== undefined) {
        accountId = /^\d{12}$/.test(configured) ? configured : undefined;
        accountIdSource = `${accountKey} in ${fileName} to a 12-digit account id (it is "${configured}")`;
    } else if (config.values["aws:allowedAccountIds"] !== undefined) {
        const allowed = parseJsonOrText(config.values["aws:allowedAccountIds"]);
        if (Array.isArray(allowed) && allowed.length === 1 && /^\d{12}$/.test(String(allowed[0]))) {
            accountId = String(allowed[0]);
        } else {
            accountIdSource = `${accountKey} in ${fileName}, because aws:allowedAccountIds does not name exactly one account`;
        }
    }
    return {
        project: project.name,
        stack: config.stack,
        accountId,
        accountIdSource,
        region: config.values["aws:region"],
        previewUnknowns,
        createDate: createDate ?? "1970-01-01T00:00:00Z",
    };
}

/** Parses a structured config value; a plain string that is not JSON is returned as it is. */
function parseJsonOrText(value: string): unknown {
    try {
        return JSON.parse(value);
    } catch {
        return value;
    }
}

function toPlannedResource(resource: RecordedResource): PlannedResource {
    return {
        urn: resource.urn,
        type: resource.type,
        name: resource.name,
        ...(resource.parent === undefined ? {} : { parent: resource.parent }),
        custom: resource.custom,
        operation: resource.operation,
        dependencies: resource.dependencies,
        inputs: resource.custom ? toDisplayProperties(resource.inputs) : {},
        outputs: toDisplayProperties(resource.outputs),
    };
}

function toDiagnostics(logs: readonly LogEntry[]): PlanDiagnostic[] {
    const diagnostics: PlanDiagnostic[] = [];
    for (const entry of logs) {
        if (entry.severity !== "debug") {
            diagnostics.push({
                severity: entry.severity,
                message: entry.message,
                ...(entry.urn ? { urn: entry.urn } : {}),
            });
        }
    }
    return diagnostics;
}

/** Returns the error's own message, or its stack trace when the message is empty. */
function describeError(error: unknown): string {
    if (error instanceof Error) {
        return error.message !== "" ? error.message : (error.stack ?? error.name);
    }
    return String(error);
}
