import { expect } from "chai";

import {
    awsManagedPolicyArn,
    ComponentArgumentsError,
    LeastPrivilegePolicy,
    TeamGroup,
    TeamUser,
    validateTeamGroupArgs,
} from "../../components";
import { installMockRuntime, ResourceRecorder, settle, valueOf } from "./mock-runtime";

const groupType = "least-privilege-iam:index:TeamGroup";
const attachmentType = "aws:iam/groupPolicyAttachment:GroupPolicyAttachment";

function readReports(): LeastPrivilegePolicy {
    return new LeastPrivilegePolicy("read-reports", {
        statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::team-reports/*"] }],
    });
}

describe("TeamGroup", () => {
    let recorder: ResourceRecorder;

    beforeEach(async () => {
        recorder = await installMockRuntime();
    });

    it("creates the group, one membership and one attachment per policy", async () => {
        const aarav = new TeamUser("aarav-dev", {});
        const mina = new TeamUser("mina-dev", {});
        const group = new TeamGroup("developers", {
            path: "/engineering/",
            members: [aarav.userName, mina.userName],
            policies: [awsManagedPolicyArn("ViewOnlyAccess"), readReports()],
        });

        const arn = await valueOf(group.arn);
        await settle();

        expect(arn).to.equal("arn:aws:iam::123456789012:group/engineering/developers");
        const children = recorder.registered
            .filter((resource) => resource.parent?.type === groupType)
            .map((resource) => `${resource.type} ${resource.name}`)
            .sort();
        expect(children).to.deep.equal([
            "aws:iam/group:Group developers",
            "aws:iam/groupMembership:GroupMembership developers-membership",
            `${attachmentType} developers-ViewOnlyAccess`,
            `${attachmentType} developers-read-reports`,
        ]);
        expect(recorder.find("aws:iam/group:Group", "developers").inputs).to.deep.equal({
            name: "developers",
            path: "/engineering/",
        });
        expect(recorder.find("aws:iam/groupMembership:GroupMembership", "developers-membership").inputs).to.deep.equal({
            name: "developers-membership",
            group: "developers",
            users: ["aarav-dev", "mina-dev"],
        });
        expect(recorder.find(attachmentType, "developers-ViewOnlyAccess").inputs).to.deep.equal({
            group: "developers",
            policyArn: "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
        });
        expect(recorder.find(attachmentType, "developers-read-reports").inputs).to.deep.equal({
            group: "developers",
            policyArn: "arn:aws:iam::123456789012:policy/read-reports-0a1b2c3",
        });
    });

    it("creates no membership without members", async () => {
        const group = new TeamGroup("auditors", { groupName: "Auditors" });

        await valueOf(group.groupName);
        await settle();

        expect(recorder.childSummary()).to.deep.equal(["aws:iam/group:Group auditors"]);
        expect(recorder.find("aws:iam/group:Group", "auditors").inputs.name).to.equal("Auditors");
        expect(group.membership).to.equal(undefined);
    });

    it("attaches a RequireMfaPolicy when MFA is required", async () => {
        const group = new TeamGroup("developers", { requireMfa: { accountId: "123456789012" } });

        const document = await valueOf(group.requireMfaPolicy!.document);
        await settle();

        expect(
            recorder.find("least-privilege-iam:index:RequireMfaPolicy", "developers-require-mfa").parent,
        ).to.deep.equal({ type: groupType, name: "developers" });
        expect(recorder.find(attachmentType, "developers-developers-require-mfa").inputs).to.deep.equal({
            group: "developers",
            policyArn: "arn:aws:iam::123456789012:policy/developers-require-mfa-0a1b2c3",
        });
        expect(JSON.parse(document).Statement[4]).to.deep.equal({
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
        });
    });

    it("keeps attachment names when policies are reordered", async () => {
        const policies = [awsManagedPolicyArn("ViewOnlyAccess"), awsManagedPolicyArn("SecurityAudit")];
        new TeamGroup("developers", { policies });
        await settle();
        const firstNames = attachmentNames(recorder);

        recorder = await installMockRuntime();
        new TeamGroup("developers", { policies: [...policies].reverse() });
        await settle();
        const secondNames = attachmentNames(recorder);

        expect(firstNames).to.deep.equal(["developers-SecurityAudit", "developers-ViewOnlyAccess"]);
        expect(secondNames).to.deep.equal(firstNames);
    });

    it("registers nothing when the MFA policy would be the eleventh", async () => {
        const policies = Array.from({ length: 10 }, (_, index) => `arn:aws:iam::123456789012:policy/team-${index}`);

        const construct = () => new TeamGroup("developers", { policies, requireMfa: { accountId: "123456789012" } });

        expect(construct).to.throw(
            ComponentArgumentsError,
            'TeamGroup "developers": policies attaches 11 managed policies (1 of them attached by the component ' +
                "itself); IAM allows at most 10 per user, group or role, so combine statements into fewer " +
                "LeastPrivilegePolicy resources",
        );
        await settle();
        expect(recorder.registered).to.deep.equal([]);
    });
});

function attachmentNames(recorder: ResourceRecorder): string[] {
    return recorder.registered
        .filter((resource) => resource.type === attachmentType)
        .map((resource) => resource.name)
        .sort();
}

describe("validateTeamGroupArgs", () => {
    it("rejects a member listed twice and a bad member name", () => {
        const problems = validateTeamGroupArgs("developers", { members: ["aarav", "aarav", "mina dev"] });

        expect(problems).to.deep.equal([
            'members contains "aarav" more than once; list each user once',
            'members[2] "mina dev" contains " "; a user name may contain only letters, digits and + = , . @ _ -',
        ]);
    });

    it("rejects a bad MFA account id and a long group name", () => {
        const problems = validateTeamGroupArgs("developers", {
            groupName: "g".repeat(129),
            requireMfa: { accountId: "12345678901" },
        });

        expect(problems).to.deep.equal([
            `groupName "${"g".repeat(80)}"… is 129 characters; it must be at most 128`,
            'requireMfa.accountId "12345678901" is not an AWS account id; it must be exactly 12 digits',
        ]);
    });

    it("rejects a component name too long for the MFA policy name", () => {
        const atBound = validateTeamGroupArgs("g".repeat(108), { requireMfa: { accountId: "123456789012" } });
        const beyondBound = validateTeamGroupArgs("g".repeat(109), { requireMfa: { accountId: "123456789012" } });

        expect(atBound).to.deep.equal([]);
        expect(beyondBound).to.deep.equal([
            `requireMfa names its policy "${"g".repeat(80)}"… plus 8 random characters, which is over the ` +
                "128-character policy name quota; shorten the component name to at most 108 characters",
        ]);
    });
});
