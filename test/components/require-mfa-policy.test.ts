import { expect } from "chai";

import {
    ComponentArgumentsError,
    LeastPrivilegePolicy,
    RequireMfaPolicy,
    validateRequireMfaPolicyArgs,
} from "../../components";
import { installMockRuntime, ResourceRecorder, settle, valueOf } from "./mock-runtime";

describe("RequireMfaPolicy", () => {
    let recorder: ResourceRecorder;

    beforeEach(async () => {
        recorder = await installMockRuntime();
    });

    it("denies everything but MFA self-service without MFA", async () => {
        const policy = new RequireMfaPolicy("require-mfa", { accountId: "123456789012" });

        const document = JSON.parse(await valueOf(policy.document));

        expect(document).to.deep.equal({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "AllowViewAccountInfo",
                    Effect: "Allow",
                    Action: ["iam:GetAccountPasswordPolicy", "iam:ListVirtualMFADevices"],
                    Resource: ["*"],
                },
                {
                    Sid: "AllowManageOwnVirtualMFADevice",
                    Effect: "Allow",
                    Action: ["iam:CreateVirtualMFADevice"],
                    Resource: ["arn:aws:iam::123456789012:mfa/${aws:username}"],
                },
                {
                    Sid: "AllowManageOwnUserMFA",
                    Effect: "Allow",
                    Action: ["iam:EnableMFADevice", "iam:ListMFADevices", "iam:ResyncMFADevice"],
                    Resource: ["arn:aws:iam::123456789012:user/${aws:username}"],
                },
                {
                    Sid: "AllowChangeOwnPassword",
                    Effect: "Allow",
                    Action: ["iam:ChangePassword"],
                    Resource: ["arn:aws:iam::123456789012:user/${aws:username}"],
                },
                {
                    Sid: "DenyAllExceptListedIfNoMFA",
                    Effect: "Deny",
                    NotAction: [
                        "iam:CreateVirtualMFADevice",
                        "iam:EnableMFADevice",
                        "iam:ListMFADevices",
                        "iam:ListVirtualMFADevices",
                        "iam:ResyncMFADevice",
                        "iam:ChangePassword",
                        "iam:GetAccountPasswordPolicy",
                        "sts:GetSessionToken",
                    ],
                    Resource: ["*"],
                    Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } },
                },
            ],
        });
    });

    it("registers its own type token with one policy child", async () => {
        const policy = new RequireMfaPolicy("require-mfa", {
            accountId: "123456789012",
            policyName: "RequireMfa",
            path: "/security/",
        });

        const arn = await valueOf(policy.arn);
        await settle();

        expect(policy).to.be.instanceOf(LeastPrivilegePolicy);
        expect(arn).to.equal("arn:aws:iam::123456789012:policy/security/RequireMfa");
        expect(recorder.registered.map((resource) => `${resource.type} ${resource.name}`)).to.deep.equal([
            "least-privilege-iam:index:RequireMfaPolicy require-mfa",
            "aws:iam/policy:Policy require-mfa",
        ]);
        expect(recorder.find("aws:iam/policy:Policy", "require-mfa").parent).to.deep.equal({
            type: "least-privilege-iam:index:RequireMfaPolicy",
            name: "require-mfa",
        });
    });

    it("registers nothing for a bad account id", async () => {
        const construct = () => new RequireMfaPolicy("require-mfa", { accountId: "1234", policyName: "Require MFA" });

        expect(construct).to.throw(
            ComponentArgumentsError,
            'RequireMfaPolicy "require-mfa" has 2 invalid arguments:\n' +
                '  - accountId "1234" is not an AWS account id; it must be exactly 12 digits\n' +
                '  - policyName "Require MFA" contains " "; a policy name may contain only letters, digits and ' +
                "+ = , . @ _ -",
        );
        await settle();

        expect(recorder.registered).to.deep.equal([]);
    });
});

describe("validateRequireMfaPolicyArgs", () => {
    it("accepts a valid account", () => {
        const problems = validateRequireMfaPolicyArgs("require-mfa", { accountId: "123456789012" });

        expect(problems).to.deep.equal([]);
    });
});
