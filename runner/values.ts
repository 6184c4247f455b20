/**
 * Property values in their wire form: what `google.protobuf.Struct.toJavaScript()` yields for the properties that
 * the Node.js SDK sends to the resource monitor and that the engine sends to an analyzer. Special values are
 * objects tagged with a signature key; the constants are those of `@pulumi/pulumi/runtime/rpc`.
 */
import * as rpc from "@pulumi/pulumi/runtime/rpc";

/** The string the engine and the SDK put where a value is not known until the update runs. */
export const unknownValue: string = rpc.unknownValue;
export const signatureKey: string = rpc.specialSigKey;
export const secretSignature: string = rpc.specialSecretSig;
export const resourceReferenceSignature: string = rpc.specialResourceSig;

/** Text the plan shows in place of a secret value. */
export const secretDisplay = "[secret]";
/** Text the plan shows in place of a value that a real preview would not know. */
export const unknownDisplay = "(known after apply)";

export type WireValue = null | boolean | number | string | WireValue[] | { [key: string]: WireValue };

export function isUnknown(value: unknown): boolean {
    return value === unknownValue;
}

export function isSecret(value: unknown): value is { value: WireValue } {
    return isObject(value) && value[signatureKey] === secretSignature;
}

/** Wraps a value in the secret signature, as the SDK marshals `pulumi.secret(...)`. */
export function makeSecret(value: WireValue): WireValue {
    return { [signatureKey]: secretSignature, value };
}

/** Returns the value inside a secret, or the value itself. */
export function unwrapSecret(value: unknown): unknown {
    return isSecret(value) ? value.value : value;
}

/** True when the value is, or contains, an unknown. */
export function containsUnknown(value: unknown): boolean {
    if (isUnknown(value)) {
        return true;
    }
    if (Array.isArray(value)) {
        return value.some(containsUnknown);
    }
    if (isObject(value)) {
        return Object.values(value).some(containsUnknown);
    }
    return false;
}

/**
 * Converts a wire value into what the plan shows: secrets as {@link secretDisplay}, unknowns as
 * {@link unknownDisplay}, resource references as their URN. Object keys are sorted so that the plan's bytes do
 * not depend on the order in which a program set them.
 */
export function toDisplayValue(value: unknown): unknown {
    if (isUnknown(value)) {
        return unknownDisplay;
    }
    if (isSecret(value)) {
        return secretDisplay;
    }
    if (Array.isArray(value)) {
        return value.map(toDisplayValue);
    }
    if (isObject(value)) {
        if (value[signatureKey] === resourceReferenceSignature) {
            return value["urn"];
        }
        const result: Record<string, unknown> = {};
        for (const key of Object.keys(value).sort()) {
            result[key] = toDisplayValue(value[key]);
        }
        return result;
    }
    return value;
}

/** Converts every property of a wire object with {@link toDisplayValue}. */
export function toDisplayProperties(properties: Readonly<Record<string, unknown>>): Record<string, unknown> {
    return toDisplayValue(properties) as Record<string, unknown>;
}

export function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
