import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";

import {
    awsManagedPolicyArn,
    ComponentArgumentsError,
    CrossAccountAuditorRole,
    Ec2ServiceRole,
    validateCrossAccountAuditorRoleArgs,
    validateEc2ServiceRoleArgs,
} from "../../components";
import { installMockRuntime, ResourceRecorder, settle, valueOf } from "./mock-runtime";

const roleAttachmentType = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";

describe("CrossAccountAuditorRole", () => {
    let recorder: ResourceRecorder;

    beforeEach(async () => {
        recorder = await installMockRuntime();
    });

    it("creates the role with ReadOnlyAccess and SecurityAudit", async () => {
        const role = new CrossAccountAuditorRole("auditor", { trustedAccountId: "210987654321" });

        const arn = await valueOf(role.arn);
        await settle();

        expect(arn).to.equal("arn:aws:iam::123456789012:role/auditor-0a1b2c3");
        expect([...recorder.childSummary()].sort()).to.deep.equal([
            "aws:iam/role:Role auditor",
            `${roleAttachmentType} auditor-ReadOnlyAccess`,
            `${roleAttachmentType} auditor-SecurityAudit`,
        ]);
        const inputs = recorder.find("aws:iam/role:Role", "auditor").inputs;
        expect(inputs.maxSessionDuration).to.equal(3600);
        expect(inputs.description).to.equal(
            "Read-only audit access for principals of account 210987654321 who signed in with MFA",
        );
        expect(recorder.find(roleAttachmentType, "auditor-SecurityAudit").inputs).to.deep.equal({
            role: "auditor-0a1b2c3",
            policyArn: "arn:aws:iam::aws:policy/SecurityAudit",
        });
        for (const child of recorder.registered.filter((resource) => resource.parent !== undefined)) {
            expect(child.parent).to.deep.equal({
                type: "least-privilege-iam:index:CrossAccountAuditorRole",
                name: "auditor",
            });
        }
    });

    it("requires MFA in every trust statement", async () => {
        const role = new CrossAccountAuditorRole("auditor", {
            trustedAccountId: "210987654321",
            roleName: "Auditor",
            externalId: pulumi.output("audit-2027"),
            maxMfaAgeSeconds: 900,
            accessEndDate: "2027-06-30",
        });

        const trust = JSON.parse(await valueOf(role.trustPolicy));
        await settle();

        expect(trust).to.deep.equal({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "TrustedAccountWithMfa",
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::210987654321:root" },
                    Action: "sts:AssumeRole",
                    Condition: {
                        Bool: { "aws:MultiFactorAuthPresent": "true" },
                        NumericLessThan: { "aws:MultiFactorAuthAge": "900" },
                        StringEquals: { "sts:ExternalId": "audit-2027" },
                        DateLessThan: { "aws:CurrentTime": "2027-06-30T00:00:00Z" },
                    },
                },
            ],
        });
        expect(recorder.find("aws:iam/role:Role", "auditor").inputs.assumeRolePolicy).to.equal(JSON.stringify(trust));
    });

    it("rejects an external id output that resolves to a bad value", async () => {
        const role = new CrossAccountAuditorRole("auditor", {
            trustedAccountId: "210987654321",
            externalId: pulumi.output("x"),
        });

        const error = await valueOf(role.trustPolicy).then(
            () => undefined,
            (rejection: unknown) => rejection,
        );

        expect(error).to.be.instanceOf(ComponentArgumentsError);
        expect((error as ComponentArgumentsError).problems).to.deep.equal([
            "externalId is 1 character; it must be between 2 and 1224",
        ]);
    });

    it("keeps attachment names when policies are reordered", async () => {
        const policies = [awsManagedPolicyArn("SecurityAudit"), awsManagedPolicyArn("ViewOnlyAccess")];
        new CrossAccountAuditorRole("auditor", { trustedAccountId: "210987654321", policies });
        await settle();
        const firstNames = roleAttachmentNames(recorder);

        recorder = await installMockRuntime();
        new CrossAccountAuditorRole("auditor", { trustedAccountId: "210987654321", policies: [...policies].reverse() });
        await settle();
        const secondNames = roleAttachmentNames(recorder);

        expect(firstNames).to.deep.equal(["auditor-SecurityAudit", "auditor-ViewOnlyAccess"]);
        expect(secondNames).to.deep.equal(firstNames);
    });

    it("registers nothing when an argument is invalid", async () => {
        const construct = () =>
            new CrossAccountAuditorRole("auditor", { trustedAccountId: "21098765432", maxSessionDuration: 50000 });

        expect(construct).to.throw(
            ComponentArgumentsError,
            'CrossAccountAuditorRole "auditor" has 2 invalid arguments:\n' +
                '  - trustedAccountId "21098765432" is not an AWS account id; it must be exactly 12 digits\n' +
                "  - maxSessionDuration is 50000 s; it must be a whole number between 3600 and 43200 s",
        );
        await settle();

        expect(recorder.registered).to.deep.equal([]);
    });
});

describe("validateCrossAccountAuditorRoleArgs", () => {
    it("validates a known external id, the MFA age and the end date", () => {
        const problems = validateCrossAccountAuditorRoleArgs("auditor", {
            trustedAccountId: "210987654321",
            externalId: "audit id",
            maxMfaAgeSeconds: 200000,
            accessEndDate: "2027-06-31",
        });

        expect(problems).to.deep.equal([
            'externalId "audit id" contains " "; an external id may contain only letters, digits and ' +
                "+ = , . @ : / _ -",
            "maxMfaAgeSeconds is 200000 s; it must be a whole number between 1 and 129600 s (36 hours, the " +
                "longest session sts:GetSessionToken issues)",
            'accessEndDate "2027-06-31" is not a valid date; use an ISO 8601 date such as "2027-03-31" or a ' +
                'date-time with a time zone such as "2027-03-31T18:00:00Z"',
        ]);
    });
});

describe("Ec2ServiceRole", () => {
    let recorder: ResourceRecorder;

    beforeEach(async () => {
        recorder = await installMockRuntime();
    });

    it("trusts EC2 without MFA and names the instance profile after the role", async () => {
        const role = new Ec2ServiceRole("web", {
            roleName: "WebServer",
            path: "/services/",
            policies: [awsManagedPolicyArn("AmazonSSMManagedInstanceCore")],
        });

        const profileName = await valueOf(role.instanceProfileName);
        const profileArn = await valueOf(role.instanceProfileArn);
        await settle();

        expect(profileName).to.equal("WebServer");
        expect(profileArn).to.equal("arn:aws:iam::123456789012:instance-profile/services/WebServer");
        expect([...recorder.childSummary()].sort()).to.deep.equal([
            "aws:iam/instanceProfile:InstanceProfile web-instance-profile",
            "aws:iam/role:Role web",
            `${roleAttachmentType} web-AmazonSSMManagedInstanceCore`,
        ]);
        expect(recorder.find("aws:iam/role:Role", "web").inputs).to.deep.equal({
            name: "WebServer",
            path: "/services/",
            maxSessionDuration: 3600,
            assumeRolePolicy:
                '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},' +
                '"Action":"sts:AssumeRole"}]}',
        });
        expect(recorder.find("aws:iam/instanceProfile:InstanceProfile", "web-instance-profile").inputs).to.deep.equal({
            name: "WebServer",
            path: "/services/",
            role: "WebServer",
        });
    });

    it("uses the given instance profile name", async () => {
        const role = new Ec2ServiceRole("web", { instanceProfileName: "web-profile" });

        const profileName = await valueOf(role.instanceProfileName);
        const roleName = await valueOf(role.roleName);

        expect(profileName).to.equal("web-profile");
        expect(roleName).to.equal("web-0a1b2c3");
    });

    it("registers nothing when an argument is invalid", async () => {
        const construct = () =>
            new Ec2ServiceRole("web", { instanceProfileName: "i".repeat(129), maxSessionDuration: 3599 });

        expect(construct).to.throw(
            ComponentArgumentsError,
            'Ec2ServiceRole "web" has 2 invalid arguments:\n' +
                "  - maxSessionDuration is 3599 s; it must be a whole number between 3600 and 43200 s\n" +
                `  - instanceProfileName "${"i".repeat(80)}"… is 129 characters; it must be at most 128`,
        );
        await settle();

        expect(recorder.registered).to.deep.equal([]);
    });
});

describe("validateEc2ServiceRoleArgs", () => {
    it("rejects a boundary that is not a policy ARN and an eleventh policy", () => {
        const policies = Array.from({ length: 11 }, (_, index) => `arn:aws:iam::123456789012:policy/web-${index}`);

        const problems = validateEc2ServiceRoleArgs("web", { permissionsBoundary: "Boundary", policies });

        expect(problems).to.deep.equal([
            'permissionsBoundary "Boundary" is not a managed policy ARN',
            "policies attaches 11 managed policies; IAM allows at most 10 per user, group or role, so combine " +
                "statements into fewer LeastPrivilegePolicy resources",
        ]);
    });
});

function roleAttachmentNames(recorder: ResourceRecorder): string[] {
    return recorder.registered
        .filter((resource) => resource.type === roleAttachmentType)
        .map((resource) => resource.name)
        .sort();
}
