/**
 * Every exemption in the pack's configuration names a resource of the stack.
 */
import { exemptionMatches } from "../lib/config";
import { listRecordedExemptions } from "../lib/exemptions";
import { StackFinding, StackRule } from "../lib/rule";

export const exemptionsMatchResources: StackRule = {
    name: "exemptions-match-resources",
    description: "Every exemption in the policy pack configuration names a resource of the stack.",
    reason: "An exemption that names no resource is a typo that leaves the intended resource unexempted, or a leftover that would silently exempt a future resource of the same name.",
    enforcementLevel: "advisory",
    severity: "low",
    url: "https://www.pulumi.com/docs/iac/using-pulumi/crossguard/configuration/",

    checkStack(resources): StackFinding[] {
        return listRecordedExemptions()
            .filter(({ exemption }) => !resources.some((resource) => exemptionMatches(exemption, resource)))
            .map(({ rule, exemption }) => ({
                message: `The ${rule} exemption for "${exemption.resource}" (expires ${exemption.expires}) matches no resource of the stack. Correct the resource name (a resource name, type::name or URN) or remove the exemption.`,
            }));
    },
};
