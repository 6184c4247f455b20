/**
 * Every role's maximum session duration is within IAM's bounds (1 to 12 hours), and a role that people
 * assume stays within the configured, shorter bound.
 */
import { maxSessionDurationSeconds, minSessionDurationSeconds } from "../../iam/limits";
import { ownerNamesOf } from "../lib/policies";
import { prepareDocument } from "../lib/review";
import { ResourceRule, RuleFinding } from "../lib/rule";
import { isUnknown } from "../lib/unknowns";
import { isHumanAssumable } from "./require-mfa-for-human-roles";

/** Default bound for roles that people assume: one hour, IAM's default maximum session duration. */
const defaultMaxHumanSessionSeconds = 3600;

export const sessionDurationWithinLimits: ResourceRule = {
    name: "session-duration-within-limits",
    description: `Every role's maxSessionDuration is between ${minSessionDurationSeconds} and ${maxSessionDurationSeconds} s, and at most maxHumanSessionSeconds for a role that people assume.`,
    reason: "A role session cannot be revoked one by one before it expires, so a stolen session of a person's role stays usable for its whole duration.",
    enforcementLevel: "mandatory",
    severity: "medium",
    url: "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-settings.html#id_roles_update-session-duration",
    configProperties: {
        maxHumanSessionSeconds: {
            type: "integer",
            minimum: minSessionDurationSeconds,
            maximum: maxSessionDurationSeconds,
            default: defaultMaxHumanSessionSeconds,
            description: `Maximum maxSessionDuration, in seconds, for a role that people assume. Default: ${defaultMaxHumanSessionSeconds}.`,
        },
        machineRoles: {
            type: "array",
            items: { type: "string", minLength: 1 },
            description:
                "Roles, by Pulumi resource name or IAM role name, that only workloads assume; only IAM's bounds apply to them.",
        },
        machinePrincipals: {
            type: "array",
            items: { type: "string", minLength: 1 },
            description:
                "Principal ARNs (or account ids) of workloads; a role that only they assume is not a person's.",
        },
    },

    checkResource(resource, settings): RuleFinding[] {
        if (resource.type !== "aws:iam/role:Role") {
            return [];
        }
        const duration = resource.props.maxSessionDuration;
        if (duration === undefined || duration === null) {
            // IAM's default is 3600 s, within every bound this rule accepts.
            return [];
        }
        if (isUnknown(duration)) {
            return [
                {
                    enforcementLevel: "advisory",
                    message: "maxSessionDuration is not known yet; the rule checks it when the value is known.",
                },
            ];
        }

        const seconds = Number(duration);
        if (!Number.isFinite(seconds) || seconds < minSessionDurationSeconds || seconds > maxSessionDurationSeconds) {
            return [
                {
                    message: `maxSessionDuration is ${String(duration)} s; IAM accepts ${minSessionDurationSeconds} to ${maxSessionDurationSeconds} s (1 to 12 hours). Set a value in that range.`,
                },
            ];
        }

        const humanBound =
            typeof settings.maxHumanSessionSeconds === "number"
                ? settings.maxHumanSessionSeconds
                : defaultMaxHumanSessionSeconds;
        if (seconds <= humanBound) {
            return [];
        }
        const trust = prepareDocument(resource.props.assumeRolePolicy, "trust", { ownerNames: ownerNamesOf(resource) });
        if (!trust.known) {
            return [
                {
                    enforcementLevel: "advisory",
                    message: `maxSessionDuration is ${seconds} s, over the ${humanBound} s allowed for roles that people assume, and the trust policy is not known yet; the rule checks it when the value is known.`,
                },
            ];
        }
        if (!isHumanAssumable(trust.review, settings)) {
            return [];
        }
        return [
            {
                message: `maxSessionDuration is ${seconds} s, but people assume this role and maxHumanSessionSeconds allows at most ${humanBound} s. Lower maxSessionDuration, or list the role in machineRoles if only workloads assume it.`,
            },
        ];
    },
};
