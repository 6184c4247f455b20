import { expect } from "chai";

import { PackUnderTest } from "./analyzer-client";
import { unknownValue } from "@pulumi/pulumi/runtime/rpc";

const roleType = "aws:iam/role:Role";

describe("least-privilege-iam pack over the Analyzer protocol", () => {
    let pack: PackUnderTest;

    before(async () => {
        pack = await PackUnderTest.start();
    });

    after(async () => {
        await pack.stop();
    });

    it("lists every rule as a policy", async () => {
        const names = await pack.listPolicyNames();

        expect(names).to.deep.equal([
            "no-wildcard-grants",
            "require-mfa-for-human-roles",
            "no-unconditioned-wildcard-principals",
            "no-privilege-escalation",
            "valid-actions",
            "policy-version-required",
            "policy-size-within-limits",
            "session-duration-within-limits",
            "no-exclusive-policy-attachment",
            "no-policies-attached-to-users",
            "no-user-access-keys",
            "no-duplicate-attachments",
            "no-privilege-escalation-across-policies",
            "inline-policies-within-limits",
            "exemptions-match-resources",
        ]);
    });

    it("reports a role without MFA and with an inline wildcard", async () => {
        const role = {
            type: roleType,
            name: "deployer",
            props: {
                assumeRolePolicy: JSON.stringify({
                    Version: "2012-10-17",
                    Statement: { Effect: "Allow", Principal: { AWS: "111122223333" }, Action: "sts:AssumeRole" },
                }),
                inlinePolicies: [
                    {
                        name: "everything",
                        policy: JSON.stringify({
                            Version: "2012-10-17",
                            Statement: [
                                {
                                    Sid: "Everything",
                                    Effect: "Allow",
                                    Action: "s3:*",
                                    Resource: "arn:aws:s3:::assets/*",
                                },
                            ],
                        }),
                    },
                ],
            },
        };

        const diagnostics = await pack.analyze(role);

        expect(
            diagnostics.map(({ policyName, enforcementLevel, message }) => ({ policyName, enforcementLevel, message })),
        ).to.deep.equal([
            {
                policyName: "no-wildcard-grants",
                enforcementLevel: "mandatory",
                message:
                    'Role "deployer" inlinePolicies[0].policy: Statement "Everything": Action "s3:*" grants every s3 action; list the actions the principal needs.',
            },
            {
                policyName: "require-mfa-for-human-roles",
                enforcementLevel: "mandatory",
                message:
                    'Role "deployer" assumeRolePolicy: Statement 0 lets "arn:aws:iam::111122223333:root" assume the role without MFA. Add "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}} to this statement, or list the principal in machinePrincipals if it is a workload.',
            },
        ]);
    });

    it("reports an unknown trust policy as advisory", async () => {
        const role = { type: roleType, name: "pending", props: { assumeRolePolicy: unknownValue } };

        const diagnostics = await pack.analyze(role);

        expect(
            diagnostics.map(({ policyName, enforcementLevel }) => `${policyName} ${enforcementLevel}`),
        ).to.deep.equal([
            "no-wildcard-grants advisory",
            "require-mfa-for-human-roles advisory",
            "no-unconditioned-wildcard-principals advisory",
            "valid-actions advisory",
            "policy-version-required advisory",
            "policy-size-within-limits advisory",
        ]);
        expect(diagnostics[1].message).to.equal(
            'Role "pending" assumeRolePolicy: the document is not known until the update runs, so it cannot be checked until the value is known.',
        );
    });

    it("reports duplicate attachments from analyzeStack", async () => {
        const attachment = (name: string): { type: string; name: string; props: Record<string, unknown> } => ({
            type: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
            name,
            props: { role: "ExternalAuditor", policyArn: "arn:aws:iam::aws:policy/SecurityAudit" },
        });

        const diagnostics = await pack.analyzeStack([attachment("auditor-audit"), attachment("auditor-audit-again")]);

        expect(diagnostics).to.deep.equal([
            {
                policyName: "no-duplicate-attachments",
                enforcementLevel: "mandatory",
                urn: "urn:pulumi:test::team-iam::aws:iam/rolePolicyAttachment:RolePolicyAttachment::auditor-audit-again",
                message:
                    'arn:aws:iam::aws:policy/SecurityAudit is attached to role ExternalAuditor by both "auditor-audit" and "auditor-audit-again". Remove one of the two attachments.',
            },
        ]);
    });

    it("honours an exemption from the configuration", async () => {
        await pack.configure({
            "no-wildcard-grants": {
                enforcementLevel: "mandatory",
                exemptions: [
                    {
                        resource: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment::Admins-AdministratorAccess",
                        reason: "Break-glass administrators with MFA enforced.",
                        expires: "2099-12-31",
                    },
                ],
            },
            "no-privilege-escalation": { enforcementLevel: "disabled" },
        });
        const attachment = {
            type: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
            name: "Admins-AdministratorAccess",
            props: { group: "Admins", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" },
        };

        const diagnostics = await pack.analyze(attachment);
        const stackDiagnostics = await pack.analyzeStack([attachment]);

        expect(diagnostics).to.deep.equal([]);
        expect(stackDiagnostics).to.deep.equal([]);
    });
});
