/**
 * Exemptions at work: an active exemption removes a rule's findings on one resource. An expired one does
 * not, and the finding states that it expired. The exemptions each rule was configured with are recorded as the
 * rules run, so that the exemptions-match-resources rule can report those that name no resource.
 */
import { Exemption, exemptionExpired, exemptionMatches, exemptionsOf } from "./config";
import { RuleFinding, RuleSettings } from "./rule";

const recordedExemptions = new Map<string, readonly Exemption[]>();

/** Records the exemptions of a rule's settings; called each time the rule runs. */
export function recordExemptions(ruleName: string, settings: RuleSettings): void {
    recordedExemptions.set(ruleName, exemptionsOf(settings));
}

/** Returns the recorded exemptions of every rule that has run in this process. */
export function listRecordedExemptions(): { rule: string; exemption: Exemption }[] {
    return [...recordedExemptions.entries()].flatMap(([rule, exemptions]) =>
        exemptions.map((exemption) => ({ rule, exemption })),
    );
}

/**
 * Applies a rule's exemptions to its findings on one resource. Returns no findings when an active exemption
 * names the resource; otherwise the findings, each extended with a sentence about an expired exemption.
 */
export function applyExemptions(
    findings: readonly RuleFinding[],
    settings: RuleSettings,
    resource: { name: string; urn: string },
    now: Date = new Date(),
): RuleFinding[] {
    if (findings.length === 0) {
        return [];
    }
    const matching = exemptionsOf(settings).filter((exemption) => exemptionMatches(exemption, resource));
    if (matching.some((exemption) => !exemptionExpired(exemption, now))) {
        return [];
    }
    const expired = matching[0];
    if (expired === undefined) {
        return [...findings];
    }
    const note = ` The exemption for this resource ("${expired.reason}") expired on ${expired.expires}, so it no longer applies; renew it with a new expiry date or fix the finding.`;
    return findings.map((finding) => ({ ...finding, message: finding.message + note }));
}
