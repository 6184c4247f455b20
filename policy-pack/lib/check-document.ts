/**
 * Checks one policy document with the pack's document rules, outside any stack: the function behind the
 * policy file linter and the rule tests. The pack itself runs the same rules on the documents it finds in
 * resources (lib/policies.ts).
 */
import { expandActionPattern } from "../../iam/catalog";
import { parsePolicyDocument } from "../../iam/document";
import { maxManagedPolicyCharacters, maxTrustPolicyCharacters } from "../../iam/limits";
import { enforcementLevelOf, PackConfig, readPackConfigFile, settingsOf } from "./config";
import { allRules, documentRules } from "./registry";
import { prepareDocument } from "./review";
import { DocumentKind, EnforcementLevel } from "./rule";

export type { DocumentKind } from "./rule";
export type { PackConfig } from "./config";

/** One finding of one rule on a document. */
export interface DocumentFinding {
    rule: string;
    enforcementLevel: EnforcementLevel;
    message: string;
}

/** Size quotas of a bare document, by kind: the customer managed policy quota for identity policies. */
const sizeLimitsByKind: Readonly<Record<DocumentKind, { characters: number; description: string } | undefined>> = {
    identity: { characters: maxManagedPolicyCharacters, description: "a customer managed policy" },
    trust: { characters: maxTrustPolicyCharacters, description: "a role trust policy" },
    resource: undefined,
};

/**
 * Runs every document rule that applies to `kind` on the document (a JSON string or an object) and returns
 * the findings, in rule order. Disabled rules are skipped. A document that is entirely unknown during
 * preview gets one advisory finding per rule instead.
 */
export function checkPolicyDocument(document: unknown, kind: DocumentKind, config?: PackConfig): DocumentFinding[] {
    const prepared = prepareDocument(document, kind, { sizeLimit: sizeLimitsByKind[kind] });
    const findings: DocumentFinding[] = [];
    for (const rule of documentRules) {
        const level = enforcementLevelOf(rule, config);
        if (level === "disabled" || !rule.kinds.includes(kind)) {
            continue;
        }
        if (!prepared.known) {
            findings.push({
                rule: rule.name,
                enforcementLevel: "advisory",
                message:
                    "The document is not known until the update runs, so it cannot be checked until the value is known.",
            });
            continue;
        }
        for (const finding of rule.checkDocument(prepared.review, settingsOf(rule, config))) {
            findings.push({
                rule: rule.name,
                enforcementLevel: level === "mandatory" && finding.enforcementLevel === "advisory" ? "advisory" : level,
                message: finding.message,
            });
        }
    }
    return findings;
}

/**
 * Guesses how a document is used: a Principal with an sts:AssumeRole* action makes a trust policy, any
 * other Principal a resource policy, and no Principal an identity policy.
 */
export function guessDocumentKind(document: unknown): DocumentKind {
    const statements = parsePolicyDocument(document).statements;
    const withPrincipal = statements.filter(
        (statement) => statement.principals !== undefined || statement.notPrincipals !== undefined,
    );
    if (withPrincipal.length === 0) {
        return "identity";
    }
    const assumesRole = withPrincipal.some((statement) =>
        // Only sts: patterns count, so that a resource policy with Action "*" stays a resource policy.
        (statement.actions ?? []).some(
            (action) =>
                action.toLowerCase().startsWith("sts:") &&
                expandActionPattern(action).some((candidate) => candidate.fullName.startsWith("sts:AssumeRole")),
        ),
    );
    return assumesRole ? "trust" : "resource";
}

/** Reads a pack configuration such as policy-pack/config/prod.json; throws naming the file, key and value. */
export function loadPackConfig(file: string): PackConfig {
    return readPackConfigFile(file, allRules);
}
