/**
 * Prepares a document for the rules: parses it and sets aside the values that are not known during preview,
 * so that the known parts are judged and the unknown parts are named.
 */
import { parsePolicyDocument } from "../../iam/document";
import { containsUnknown, isUnknown } from "./unknowns";
import { DocumentKind, DocumentUnderReview, ManagedPolicyReference } from "./rule";

/** Statement elements whose values the rules read. */
const statementElements = [
    "Sid",
    "Effect",
    "Action",
    "NotAction",
    "Resource",
    "NotResource",
    "Principal",
    "NotPrincipal",
    "Condition",
];

/** The result of preparing a document: ready for review, or not known at all until the update runs. */
export type PreparedDocument =
    { readonly known: true; readonly review: DocumentUnderReview } | { readonly known: false };

/** Removes unknown values from a value, recursively: unknown list items and object entries are dropped. */
function withoutUnknowns(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.filter((item) => !isUnknown(item)).map(withoutUnknowns);
    }
    if (typeof value === "object" && value !== null) {
        const result: Record<string, unknown> = {};
        for (const [key, item] of Object.entries(value)) {
            if (!isUnknown(item)) {
                result[key] = withoutUnknowns(item);
            }
        }
        return result;
    }
    return value;
}

/** Options of {@link prepareDocument}. */
export interface PrepareOptions {
    readonly sizeLimit?: { readonly characters: number; readonly description: string };
    readonly managedPolicy?: ManagedPolicyReference;
    readonly ownerNames?: readonly string[];
    readonly resourceWildcardMeansOwner?: boolean;
}

/**
 * Parses a document given as a JSON string or an object, in which any value may be the engine's unknown
 * marker. A document that is unknown as a whole, or whose Statement is, is returned as not known.
 */
export function prepareDocument(value: unknown, kind: DocumentKind, options: PrepareOptions = {}): PreparedDocument {
    if (isUnknown(value)) {
        return { known: false };
    }

    let raw = value;
    if (typeof value === "string") {
        try {
            raw = JSON.parse(value);
        } catch {
            // An invalid JSON string is parsed below, which reports the syntax error as a problem.
            raw = value;
        }
    }

    const unknownElements = new Map<number, string[]>();
    if (typeof raw === "object" && raw !== null && !Array.isArray(raw) && containsUnknown(raw)) {
        const root = raw as Record<string, unknown>;
        if (isUnknown(root.Statement)) {
            return { known: false };
        }
        const statements = Array.isArray(root.Statement) ? root.Statement : [root.Statement];
        statements.forEach((statement, index) => {
            if (isUnknown(statement)) {
                // NOTE: the statement is dropped below, so later statements without a Sid are numbered one lower
                // in findings than in the document until the value is known.
                unknownElements.set(index, ["the whole statement"]);
                return;
            }
            if (typeof statement !== "object" || statement === null) {
                return;
            }
            const elements = statementElements.filter((element) =>
                containsUnknown((statement as Record<string, unknown>)[element]),
            );
            if (elements.length > 0) {
                unknownElements.set(index, elements);
            }
        });
        raw = withoutUnknowns(raw);
    }

    return {
        known: true,
        review: {
            kind,
            parsed: parsePolicyDocument(raw),
            unknownElements,
            sizeLimit: options.sizeLimit,
            managedPolicy: options.managedPolicy,
            ownerNames: options.ownerNames ?? [],
            resourceWildcardMeansOwner: options.resourceWildcardMeansOwner,
        },
    };
}
