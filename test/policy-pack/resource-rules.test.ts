import { expect } from "chai";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";

import { checkPolicyDocument } from "../../policy-pack/lib/check-document";
import { checkResourceDocuments } from "../../policy-pack/lib/policies";
import { resourceRules } from "../../policy-pack/lib/registry";
import { ResourceUnderReview } from "../../policy-pack/lib/rule";
import { inlinePoliciesWithinLimits } from "../../policy-pack/rules/inline-policies-within-limits";
import { noDuplicateAttachments } from "../../policy-pack/rules/no-duplicate-attachments";
import { noExclusivePolicyAttachment } from "../../policy-pack/rules/no-exclusive-policy-attachment";
import { noPoliciesAttachedToUsers } from "../../policy-pack/rules/no-policies-attached-to-users";
import { noPrivilegeEscalationAcrossPolicies } from "../../policy-pack/rules/no-privilege-escalation-across-policies";
import { noUnconditionedWildcardPrincipals } from "../../policy-pack/rules/no-unconditioned-wildcard-principals";
import { noUserAccessKeys } from "../../policy-pack/rules/no-user-access-keys";
import { noWildcardGrants } from "../../policy-pack/rules/no-wildcard-grants";
import { requireMfaForHumanRoles } from "../../policy-pack/rules/require-mfa-for-human-roles";
import { sessionDurationWithinLimits } from "../../policy-pack/rules/session-duration-within-limits";

function resource(type: string, name: string, props: Record<string, unknown>): ResourceUnderReview {
    return { type, name, urn: `urn:pulumi:dev::team-iam::${type}::${name}`, props };
}

const humanTrust = JSON.stringify({
    Version: "2012-10-17",
    Statement: [
        {
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::999988887777:root" },
            Action: "sts:AssumeRole",
            Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
        },
    ],
});
const serviceTrust = JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

describe("session-duration-within-limits", () => {
    it("rejects a duration over 12 hours", async () => {
        const role = resource("aws:iam/role:Role", "ci-deploy", {
            assumeRolePolicy: serviceTrust,
            maxSessionDuration: 50000,
        });

        const findings = sessionDurationWithinLimits.checkResource(role, {});

        expect(findings).to.deep.equal([
            {
                message:
                    "maxSessionDuration is 50000 s; IAM accepts 3600 to 43200 s (1 to 12 hours). Set a value in that range.",
            },
        ]);
    });

    it("bounds roles that people assume", async () => {
        const role = resource("aws:iam/role:Role", "ExternalAuditor", {
            assumeRolePolicy: humanTrust,
            maxSessionDuration: 43200,
        });

        const findings = sessionDurationWithinLimits.checkResource(role, { maxHumanSessionSeconds: 14400 });

        expect(findings).to.deep.equal([
            {
                message:
                    "maxSessionDuration is 43200 s, but people assume this role and maxHumanSessionSeconds allows at most 14400 s. Lower maxSessionDuration, or list the role in machineRoles if only workloads assume it.",
            },
        ]);
    });

    it("accepts long sessions for service and listed machine roles", async () => {
        const serviceRole = resource("aws:iam/role:Role", "ci-deploy", {
            assumeRolePolicy: serviceTrust,
            maxSessionDuration: 43200,
        });
        const machineRole = resource("aws:iam/role:Role", "batch", {
            name: "batch-runner",
            assumeRolePolicy: humanTrust,
            maxSessionDuration: 43200,
        });

        const serviceFindings = sessionDurationWithinLimits.checkResource(serviceRole, {});
        const byResourceName = sessionDurationWithinLimits.checkResource(machineRole, { machineRoles: ["batch"] });
        const byRoleName = sessionDurationWithinLimits.checkResource(machineRole, { machineRoles: ["batch-runner"] });

        expect(serviceFindings).to.deep.equal([]);
        expect(byResourceName).to.deep.equal([]);
        expect(byRoleName).to.deep.equal([]);
    });

    it("is advisory while the duration is unknown", async () => {
        const role = resource("aws:iam/role:Role", "pending", {
            assumeRolePolicy: humanTrust,
            maxSessionDuration: unknownValue,
        });

        const findings = sessionDurationWithinLimits.checkResource(role, {});

        expect(findings).to.deep.equal([
            {
                enforcementLevel: "advisory",
                message: "maxSessionDuration is not known yet; the rule checks it when the value is known.",
            },
        ]);
    });
});

describe("attachment and access key rules", () => {
    it("rejects aws.iam.PolicyAttachment", async () => {
        const attachment = resource("aws:iam/policyAttachment:PolicyAttachment", "readers", {
            policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
            groups: ["Auditors"],
        });

        const findings = noExclusivePolicyAttachment.checkResource(attachment, {});

        expect(findings).to.deep.equal([
            {
                message:
                    "aws.iam.PolicyAttachment attaches arn:aws:iam::aws:policy/ReadOnlyAccess exclusively and detaches it from every principal it does not list. Use one RolePolicyAttachment, UserPolicyAttachment or GroupPolicyAttachment per principal instead.",
            },
        ]);
    });

    it("advises against policies on users", async () => {
        const attachment = resource(
            "aws:iam/userPolicyAttachment:UserPolicyAttachment",
            "divya-intern-ViewOnlyAccess",
            {
                user: "divya-intern",
                policyArn: "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
            },
        );

        const findings = noPoliciesAttachedToUsers.checkResource(attachment, {});

        expect(noPoliciesAttachedToUsers.enforcementLevel).to.equal("advisory");
        expect(findings).to.deep.equal([
            {
                message:
                    "This gives user divya-intern a managed policy of its own. Attach the policy to a group and add the user to it.",
            },
        ]);
    });

    it("accepts a user's deny-only inline policy", async () => {
        const accessEnd = resource("aws:iam/userPolicy:UserPolicy", "divya-intern-access-end", {
            user: "divya-intern",
            policy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Deny",
                        Action: "*",
                        Resource: "*",
                        Condition: { DateGreaterThan: { "aws:CurrentTime": "2027-03-31T23:59:59Z" } },
                    },
                ],
            }),
        });

        const findings = noPoliciesAttachedToUsers.checkResource(accessEnd, {});

        expect(findings).to.deep.equal([]);
    });

    it("rejects access keys", async () => {
        const key = resource("aws:iam/accessKey:AccessKey", "ci-key", { user: "ci" });

        const findings = noUserAccessKeys.checkResource(key, {});

        expect(findings).to.deep.equal([
            {
                message:
                    "This creates a long-term access key for user ci. Let the user assume a role with MFA, or give the workload a role (an instance profile, IAM Roles Anywhere or OIDC federation).",
            },
        ]);
    });
});

describe("no-duplicate-attachments", () => {
    it("reports the same policy attached twice to one group", async () => {
        const first = resource("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "Admins-AdministratorAccess", {
            group: "Admins",
            policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
        });
        const second = resource("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "Admins-admin-again", {
            group: "Admins",
            policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
        });
        const otherGroup = resource("aws:iam/groupPolicyAttachment:GroupPolicyAttachment", "Ops-AdministratorAccess", {
            group: "Ops",
            policyArn: "arn:aws:iam::aws:policy/AdministratorAccess",
        });

        const findings = noDuplicateAttachments.checkStack([first, second, otherGroup], {});

        expect(findings).to.deep.equal([
            {
                urn: second.urn,
                message:
                    'arn:aws:iam::aws:policy/AdministratorAccess is attached to group Admins by both "Admins-AdministratorAccess" and "Admins-admin-again". Remove one of the two attachments.',
            },
        ]);
    });

    it("sees a role's managedPolicyArns and a separate attachment", async () => {
        const role = resource("aws:iam/role:Role", "app", {
            name: "app",
            managedPolicyArns: ["arn:aws:iam::aws:policy/ReadOnlyAccess"],
        });
        const attachment = resource("aws:iam/rolePolicyAttachment:RolePolicyAttachment", "app-ReadOnlyAccess", {
            role: "app",
            policyArn: "arn:aws:iam::aws:policy/ReadOnlyAccess",
        });

        const findings = noDuplicateAttachments.checkStack([role, attachment], {});

        expect(findings.map((finding) => finding.urn)).to.deep.equal([attachment.urn]);
    });
});

describe("unknown values", () => {
    it("checks the known statements of a partly unknown document", async () => {
        const policy = resource("aws:iam/policy:Policy", "uploads", {
            policy: {
                Version: "2012-10-17",
                Statement: [
                    { Sid: "Everything", Effect: "Allow", Action: "s3:*", Resource: unknownValue },
                    { Sid: "Read", Effect: "Allow", Action: "s3:GetObject", Resource: [unknownValue] },
                ],
            },
        });

        const findings = checkResourceDocuments(noWildcardGrants, policy, {});

        expect(findings).to.deep.equal([
            {
                message:
                    'Policy "uploads" policy: Statement "Everything": Action "s3:*" grants every s3 action; list the actions the principal needs.',
            },
        ]);
    });

    it("is advisory when a trust statement's condition is unknown", async () => {
        const role = resource("aws:iam/role:Role", "auditor", {
            assumeRolePolicy: {
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { AWS: "999988887777" },
                        Action: "sts:AssumeRole",
                        Condition: { StringEquals: { "sts:ExternalId": unknownValue } },
                    },
                ],
            },
        });

        const findings = checkResourceDocuments(requireMfaForHumanRoles, role, {});

        expect(findings).to.deep.equal([
            {
                enforcementLevel: "advisory",
                message:
                    'Role "auditor" assumeRolePolicy: Statement 0 cannot be checked for MFA until its Condition is known; the rule checks it when the value is known.',
            },
        ]);
    });

    it("is advisory for a bucket policy that is unknown as a whole", async () => {
        const bucketPolicy = resource("aws:s3/bucketPolicy:BucketPolicy", "assets", {
            bucket: "assets",
            policy: unknownValue,
        });

        const findings = checkResourceDocuments(noUnconditionedWildcardPrincipals, bucketPolicy, {});

        expect(findings).to.deep.equal([
            {
                enforcementLevel: "advisory",
                message:
                    'BucketPolicy "assets" policy: the document is not known until the update runs, so it cannot be checked until the value is known.',
            },
        ]);
    });

    it("is advisory for a bare document that is unknown", async () => {
        const findings = checkPolicyDocument(unknownValue, "resource");

        expect(findings.map((finding) => `${finding.rule} ${finding.enforcementLevel}`)).to.deep.equal([
            "no-wildcard-grants advisory",
            "no-unconditioned-wildcard-principals advisory",
            "valid-actions advisory",
            "policy-version-required advisory",
            "policy-size-within-limits advisory",
        ]);
    });
});

describe("no-privilege-escalation-across-policies", () => {
    const passRolePolicy = resource("aws:iam/policy:Policy", "pass-app-roles", {
        name: "pass-app-roles",
        policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::111122223333:role/app-*" }],
        }),
    });
    const launchPolicy = {
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: "ec2:RunInstances", Resource: "arn:aws:ec2:eu-west-1:111122223333:instance/*" },
        ],
    };

    it("reports a user who receives the pair through a group", async () => {
        const user = resource("aws:iam/user:User", "ana", { name: "ana" });
        const group = resource("aws:iam/group:Group", "Developers", { name: "Developers" });
        const membership = resource("aws:iam/groupMembership:GroupMembership", "Developers-membership", {
            group: "Developers",
            users: ["ana"],
        });
        const attachment = resource(
            "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
            "Developers-pass-app-roles",
            {
                group: "Developers",
                policyArn: "arn:aws:iam::111122223333:policy/pass-app-roles",
            },
        );
        const inline = resource("aws:iam/userPolicy:UserPolicy", "ana-launch", { user: "ana", policy: launchPolicy });

        const findings = noPrivilegeEscalationAcrossPolicies.checkStack(
            [user, group, membership, passRolePolicy, attachment, inline],
            {},
        );

        expect(findings).to.deep.equal([
            {
                urn: user.urn,
                message:
                    'The user ana (with groups Developers) receives iam:PassRole on a role pattern from "Developers-pass-app-roles" and ec2:RunInstances from "ana-launch", so it can start compute that runs with any matching role\'s permissions. Name the exact roles in iam:PassRole.',
            },
        ]);
    });

    it("leaves a pair within one document to no-privilege-escalation", async () => {
        const role = resource("aws:iam/role:Role", "builder", {
            name: "builder",
            inlinePolicies: [
                {
                    name: "both",
                    policy: JSON.stringify({
                        Version: "2012-10-17",
                        Statement: [
                            {
                                Effect: "Allow",
                                Action: "iam:PassRole",
                                Resource: "arn:aws:iam::111122223333:role/app-*",
                            },
                            ...launchPolicy.Statement,
                        ],
                    }),
                },
            ],
        });

        const findings = noPrivilegeEscalationAcrossPolicies.checkStack([role], {});

        expect(findings).to.deep.equal([]);
    });
});

describe("resource policies of one resource", () => {
    it("read Resource * as the resource itself", async () => {
        const statement = {
            Sid: "Decrypt",
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::111122223333:role/app" },
            Action: "kms:Decrypt",
            Resource: "*",
        };
        const key = resource("aws:kms/key:Key", "app", {
            policy: JSON.stringify({ Version: "2012-10-17", Statement: [statement] }),
        });
        const bucketPolicy = resource("aws:s3/bucketPolicy:BucketPolicy", "assets", {
            policy: JSON.stringify({ Version: "2012-10-17", Statement: [{ ...statement, Action: "s3:PutObject" }] }),
        });

        const keyFindings = checkResourceDocuments(noWildcardGrants, key, {});
        const bucketFindings = checkResourceDocuments(noWildcardGrants, bucketPolicy, {});

        expect(keyFindings).to.deep.equal([]);
        expect(bucketFindings.map((finding) => finding.message)).to.deep.equal([
            'BucketPolicy "assets" policy: Statement "Decrypt": Resource "*" covers every resource for s3:PutObject (accesspointobject, object), which supports resource-level permissions; name the resources\' ARNs.',
        ]);
    });
});

describe("inline-policies-within-limits", () => {
    function inlinePolicy(name: string, resourceCount: number): ResourceUnderReview {
        const resources = Array.from({ length: resourceCount }, (_, index) => `arn:aws:s3:::assets-${index}/*`);
        return resource("aws:iam/userPolicy:UserPolicy", name, {
            user: "ana",
            policy: JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: resources }],
            }),
        });
    }

    it("reports a user whose inline policies together exceed 2048 characters", async () => {
        const first = inlinePolicy("ana-assets", 40);
        const second = inlinePolicy("ana-more-assets", 40);
        const total = [first, second]
            .map((policy) => (policy.props.policy as string).replace(/\s/g, "").length)
            .reduce((sum, size) => sum + size, 0);

        const findings = inlinePoliciesWithinLimits.checkStack([first, second], {});

        expect(total).to.be.greaterThan(2048);
        expect(findings).to.deep.equal([
            {
                urn: first.urn,
                message: `The inline policies of user ana total ${total} characters without whitespace, over IAM's quota of 2048 for one user; they come from "ana-assets", "ana-more-assets". Move some statements into customer managed policies and attach them.`,
            },
        ]);
    });

    it("accepts inline policies that fit together", async () => {
        const findings = inlinePoliciesWithinLimits.checkStack(
            [inlinePolicy("ana-assets", 5), inlinePolicy("ana-more", 5)],
            {},
        );

        expect(findings).to.deep.equal([]);
    });
});

describe("resource rules with unknown values", () => {
    // Every property a resource rule reads, set to the engine's unknown marker, for each type the rules judge.
    const unknownResources = [
        resource("aws:iam/role:Role", "deploy", { maxSessionDuration: 50000, assumeRolePolicy: unknownValue }),
        resource("aws:iam/accessKey:AccessKey", "robot-key", { user: unknownValue }),
        resource("aws:iam/userPolicyAttachment:UserPolicyAttachment", "robot-read", {
            user: unknownValue,
            policyArn: unknownValue,
        }),
        resource("aws:iam/userPolicy:UserPolicy", "robot-inline", { user: unknownValue, policy: unknownValue }),
        resource("aws:iam/policyAttachment:PolicyAttachment", "robot-exclusive", {
            policyArn: unknownValue,
            users: [unknownValue],
        }),
    ];

    for (const rule of resourceRules) {
        it(`${rule.name} never prints the unknown marker`, async () => {
            const messages = unknownResources.flatMap((unknownResource) =>
                rule.checkResource(unknownResource, {}).map((finding) => finding.message),
            );

            for (const message of messages) {
                expect(message).to.not.include(unknownValue);
            }
        });
    }

    it("names an unknown access key user in words", async () => {
        const accessKey = resource("aws:iam/accessKey:AccessKey", "robot-key", { user: unknownValue });

        const messages = noUserAccessKeys.checkResource(accessKey, {}).map((finding) => finding.message);

        expect(messages).to.deep.equal([
            "This creates a long-term access key for user (not known until the update runs). Let the user assume a " +
                "role with MFA, or give the workload a role (an instance profile, IAM Roles Anywhere or OIDC federation).",
        ]);
    });
});
