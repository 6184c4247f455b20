/**
 * Values that are not known during a preview. The engine sends such a value as one of the sentinel strings
 * of Pulumi's plugin protocol, and @pulumi/policy wraps `args.props` in a proxy that throws when a rule
 * reads one. The pack reads the raw properties instead, so that one unknown value neither aborts the
 * rule nor hides the known parts of a document.
 */
import * as policyProxy from "@pulumi/policy/proxy";

// @pulumi/policy exports these sentinels from its proxy module at run time but not in its type declarations.
const proxyExports = policyProxy as unknown as Record<string, unknown>;

const unknownSentinels: ReadonlySet<unknown> = new Set(
    [
        "unknownBooleanValue",
        "unknownNumberValue",
        "unknownStringValue",
        "unknownArrayValue",
        "unknownAssetValue",
        "unknownArchiveValue",
        "unknownObjectValue",
    ].map((name) => proxyExports[name]),
);

/** The property for which @pulumi/policy's proxy returns the object it wraps. */
const proxyTargetKey = String(proxyExports.getSpecialProxyTarget ?? "__getSpecialProxyTarget");

/** Returns true when the value is the engine's marker for a value not known until the update runs. */
export function isUnknown(value: unknown): boolean {
    return typeof value === "string" && unknownSentinels.has(value);
}

/** Returns true when the value is unknown or contains an unknown value at any depth. */
export function containsUnknown(value: unknown): boolean {
    if (isUnknown(value)) {
        return true;
    }
    if (Array.isArray(value)) {
        return value.some(containsUnknown);
    }
    if (typeof value === "object" && value !== null) {
        return Object.values(value).some(containsUnknown);
    }
    return false;
}

/**
 * Returns the plain properties behind @pulumi/policy's unknown-checking proxy, or the value itself when it
 * is not such a proxy (as in unit tests that pass plain objects).
 */
export function unwrapProperties(props: Record<string, unknown>): Record<string, unknown> {
    const target = (props as Record<string, unknown>)[proxyTargetKey];
    return typeof target === "object" && target !== null ? (target as Record<string, unknown>) : props;
}

/** Placeholder in messages for a value that is not known until the update runs. */
export const unknownPlaceholder = "(not known until the update runs)";

/** Shows a property value in a message, so that no finding prints the engine's unknown marker. */
export function showValue(value: unknown): string {
    return isUnknown(value) || value === undefined || value === null ? unknownPlaceholder : String(value);
}
