/** Every rule of the pack, by the way it judges. */
import { exemptionsMatchResources } from "../rules/exemptions-match-resources";
import { inlinePoliciesWithinLimits } from "../rules/inline-policies-within-limits";
import { noDuplicateAttachments } from "../rules/no-duplicate-attachments";
import { noExclusivePolicyAttachment } from "../rules/no-exclusive-policy-attachment";
import { noPoliciesAttachedToUsers } from "../rules/no-policies-attached-to-users";
import { noPrivilegeEscalation } from "../rules/no-privilege-escalation";
import { noPrivilegeEscalationAcrossPolicies } from "../rules/no-privilege-escalation-across-policies";
import { noUnconditionedWildcardPrincipals } from "../rules/no-unconditioned-wildcard-principals";
import { noUserAccessKeys } from "../rules/no-user-access-keys";
import { noWildcardGrants } from "../rules/no-wildcard-grants";
import { policySizeWithinLimits } from "../rules/policy-size-within-limits";
import { policyVersionRequired } from "../rules/policy-version-required";
import { requireMfaForHumanRoles } from "../rules/require-mfa-for-human-roles";
import { sessionDurationWithinLimits } from "../rules/session-duration-within-limits";
import { validActions } from "../rules/valid-actions";
import { DocumentRule, ResourceRule, RuleMetadata, StackRule } from "./rule";

export const documentRules: readonly DocumentRule[] = [
    noWildcardGrants,
    requireMfaForHumanRoles,
    noUnconditionedWildcardPrincipals,
    noPrivilegeEscalation,
    validActions,
    policyVersionRequired,
    policySizeWithinLimits,
];

export const resourceRules: readonly ResourceRule[] = [
    sessionDurationWithinLimits,
    noExclusivePolicyAttachment,
    noPoliciesAttachedToUsers,
    noUserAccessKeys,
];

export const stackRules: readonly StackRule[] = [
    noDuplicateAttachments,
    noPrivilegeEscalationAcrossPolicies,
    inlinePoliciesWithinLimits,
    exemptionsMatchResources,
];

export const allRules: readonly RuleMetadata[] = [...documentRules, ...resourceRules, ...stackRules];
