/** Wording shared by the rules' findings. */
import { describeStatement, Statement } from "../../iam/document";
import { DocumentUnderReview } from "./rule";

/** Names a statement at the start of a sentence: `Statement "Sid"` or `Statement 2`. */
export function statementLabel(statement: Statement): string {
    const label = describeStatement(statement);
    return label.charAt(0).toUpperCase() + label.slice(1);
}

/** Ends a message with a full stop unless it already ends with punctuation. */
export function sentence(text: string): string {
    return /[.?!]$/.test(text) ? text : `${text}.`;
}

/** Names an AWS managed policy with the version the pack judged, such as `AdministratorAccess (v1 of 2015-02-06)`. */
export function managedPolicyLabel(document: DocumentUnderReview): string | undefined {
    const managed = document.managedPolicy;
    if (managed === undefined) {
        return undefined;
    }
    return `AWS managed policy ${managed.name} (${managed.versionId} of ${managed.versionDate.slice(0, 10)})`;
}

/** How many problems of one managed policy a finding lists before it counts the rest. */
const problemsListed = 3;

/** Combines the problems of an AWS managed policy into one finding, since its statements cannot be edited. */
export function summarizeManagedPolicy(label: string, problems: readonly string[], fix: string): string {
    const listed = problems.slice(0, problemsListed).join(" ");
    const unlisted = problems.length - problemsListed;
    const more =
        unlisted > 0 ? ` It has ${unlisted} more ${unlisted === 1 ? "problem" : "problems"} of this kind.` : "";
    return `${label} fails this rule: ${listed}${more} ${fix}`;
}
