/**
 * The parts of @pulumi/pulumi's runtime (3.248) that the offline runner drives directly. They are the same
 * functions the SDK's own language server (`automation/server.js`) uses to run an inline program in an isolated
 * store; they are not in the published type declarations, so their shapes are declared here.
 */
import * as pulumi from "@pulumi/pulumi";

interface RuntimeStore {
    settings: {
        monitor?: unknown;
        engine?: unknown;
        options: { rootDirectory?: string; dryRun?: boolean };
    };
    supportsSecrets: boolean;
    supportsResourceReferences: boolean;
    supportsOutputValues: boolean;
    supportsDeletedWith: boolean;
    supportsReplaceWith: boolean;
    supportsAliasSpecs: boolean;
    supportsTransforms: boolean;
    supportsParameterization: boolean;
    supportsResourceHooks: boolean;
    supportsErrorHooks: boolean;
}

interface StateModule {
    /** Runs `callback` with a fresh runtime store, so that one program run never sees another's state. */
    withLocalStorage<T>(callback: () => Promise<T>): Promise<T>;
    getStore(): RuntimeStore;
}

interface SettingsModule {
    setMockOptions(monitor: unknown, project: string, stack: string, preview: boolean, organization?: string): void;
    /** Resolves once every outstanding resource monitor call has completed. */
    waitForRPCs(): Promise<void>;
    disconnectSync(): void;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
export const runtimeState: StateModule = require("@pulumi/pulumi/runtime/state");
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const runtimeSettings: SettingsModule = require("@pulumi/pulumi/runtime/settings");

export const runInPulumiStack = pulumi.runtime.runInPulumiStack;
export const setAllConfig = pulumi.runtime.setAllConfig;
