import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";

import {
    accessEndDenyStatement,
    awsManagedPolicyArn,
    ComponentArgumentsError,
    LeastPrivilegePolicy,
    TeamUser,
    validateTeamUserArgs,
} from "../../components";
import { captureWarnings, installMockRuntime, ResourceRecorder, settle, valueOf, WarningCapture } from "./mock-runtime";

const userType = "least-privilege-iam:index:TeamUser";

describe("TeamUser", () => {
    let recorder: ResourceRecorder;
    let warnings: WarningCapture;

    beforeEach(async () => {
        recorder = await installMockRuntime();
        warnings = captureWarnings();
    });

    afterEach(() => {
        warnings.restore();
    });

    it("creates only the user by default", async () => {
        const user = new TeamUser("aarav-dev", {});

        const userName = await valueOf(user.userName);
        const arn = await valueOf(user.arn);
        await settle();

        expect(userName).to.equal("aarav-dev");
        expect(arn).to.equal("arn:aws:iam::123456789012:user/aarav-dev");
        expect(recorder.childSummary()).to.deep.equal(["aws:iam/user:User aarav-dev"]);
        const child = recorder.find("aws:iam/user:User", "aarav-dev");
        expect(child.parent).to.deep.equal({ type: userType, name: "aarav-dev" });
        expect(child.inputs).to.deep.equal({ name: "aarav-dev", path: "/", forceDestroy: false });
        expect(user.initialPassword).to.equal(undefined);
        expect(user.accessKeyId).to.equal(undefined);
    });

    it("creates every optional child", async () => {
        const user = new TeamUser("aarav-dev", {
            userName: "aarav",
            path: "/engineering/",
            accessEndDate: "2027-03-31",
            consoleLogin: { passwordLength: 24 },
            createAccessKey: true,
            permissionsBoundary: "arn:aws:iam::123456789012:policy/DeveloperBoundary",
            forceDestroy: true,
            tags: { team: "data" },
        });

        await valueOf(user.userName);
        await settle();

        expect([...recorder.childSummary()].sort()).to.deep.equal([
            "aws:iam/accessKey:AccessKey aarav-dev-access-key",
            "aws:iam/user:User aarav-dev",
            "aws:iam/userLoginProfile:UserLoginProfile aarav-dev-login-profile",
            "aws:iam/userPolicy:UserPolicy aarav-dev-access-end",
        ]);
        expect(recorder.find("aws:iam/user:User", "aarav-dev").inputs).to.deep.equal({
            name: "aarav",
            path: "/engineering/",
            permissionsBoundary: "arn:aws:iam::123456789012:policy/DeveloperBoundary",
            forceDestroy: true,
            tags: { team: "data" },
        });
        expect(
            recorder.find("aws:iam/userLoginProfile:UserLoginProfile", "aarav-dev-login-profile").inputs,
        ).to.deep.equal({
            user: "aarav",
            passwordResetRequired: true,
            passwordLength: 24,
        });
        expect(recorder.find("aws:iam/accessKey:AccessKey", "aarav-dev-access-key").inputs).to.deep.equal({
            user: "aarav",
        });
        for (const child of recorder.registered.filter((resource) => resource.type !== userType)) {
            expect(child.parent).to.deep.equal({ type: userType, name: "aarav-dev" });
        }
    });

    it("denies every action after the access end date", async () => {
        new TeamUser("aarav-dev", { accessEndDate: "2027-03-31T18:00:00+01:00" });

        await settle();

        const policy = recorder.find("aws:iam/userPolicy:UserPolicy", "aarav-dev-access-end");
        expect(policy.inputs.name).to.equal("DenyAllAfterAccessEndDate");
        expect(policy.inputs.user).to.equal("aarav-dev");
        expect(JSON.parse(policy.inputs.policy as string)).to.deep.equal({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "DenyAllAfterAccessEndDate",
                    Effect: "Deny",
                    Action: "*",
                    Resource: "*",
                    Condition: { DateGreaterThan: { "aws:CurrentTime": "2027-03-31T17:00:00Z" } },
                },
            ],
        });
    });

    it("returns the initial password and the secret key as secrets", async () => {
        const user = new TeamUser("aarav-dev", { consoleLogin: {}, createAccessKey: true });

        const password = await valueOf(user.initialPassword!);
        const passwordIsSecret = await pulumi.isSecret(user.initialPassword!);
        const secretAccessKey = await valueOf(user.secretAccessKey!);
        const secretKeyIsSecret = await pulumi.isSecret(user.secretAccessKey!);
        const accessKeyId = await valueOf(user.accessKeyId!);

        expect(password).to.equal("mock-initial-password");
        expect(passwordIsSecret).to.equal(true);
        expect(secretAccessKey).to.equal("mock-secret-access-key");
        expect(secretKeyIsSecret).to.equal(true);
        expect(accessKeyId).to.equal("AKIAMOCKACCESSKEY000");
        expect(warnings.messages).to.deep.equal([
            'TeamUser "aarav-dev" has a long-lived access key; long-lived keys are discouraged, so prefer a role ' +
                "assumed with MFA or IAM Identity Center, and rotate the key if it must stay",
        ]);
    });

    it("returns the encrypted password when a PGP key is given", async () => {
        const user = new TeamUser("aarav-dev", { consoleLogin: { pgpKey: "keybase:aarav" } });

        const encrypted = await valueOf(user.encryptedInitialPassword!);
        await settle();

        expect(user.initialPassword).to.equal(undefined);
        expect(encrypted).to.equal("bW9jay1lbmNyeXB0ZWQtcGFzc3dvcmQ=");
        expect(
            recorder.find("aws:iam/userLoginProfile:UserLoginProfile", "aarav-dev-login-profile").inputs.pgpKey,
        ).to.equal("keybase:aarav");
    });

    it("attaches each policy under its key", async () => {
        const policy = new LeastPrivilegePolicy("read-reports", {
            statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::team-reports/*"] }],
        });
        new TeamUser("aarav-dev", { policies: [awsManagedPolicyArn("ViewOnlyAccess"), policy] });

        await settle();

        const viewOnly = recorder.find("aws:iam/userPolicyAttachment:UserPolicyAttachment", "aarav-dev-ViewOnlyAccess");
        const reports = recorder.find("aws:iam/userPolicyAttachment:UserPolicyAttachment", "aarav-dev-read-reports");
        expect(viewOnly.inputs).to.deep.equal({
            user: "aarav-dev",
            policyArn: "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
        });
        expect(reports.inputs).to.deep.equal({
            user: "aarav-dev",
            policyArn: "arn:aws:iam::123456789012:policy/read-reports-0a1b2c3",
        });
        expect(warnings.messages).to.deep.equal([
            'TeamUser "aarav-dev" has 2 policies attached directly; attach policies to a TeamGroup instead so ' +
                "that permissions follow the role a person has",
        ]);
    });

    it("warns when the access end date has passed", async () => {
        new TeamUser("aarav-dev", { accessEndDate: "2020-01-31" });

        await settle();

        expect(warnings.messages).to.deep.equal([
            'TeamUser "aarav-dev" has accessEndDate 2020-01-31, which has passed, so every action is denied; ' +
                "remove the user or move the date",
        ]);
    });

    it("keeps attachment names when policies are reordered", async () => {
        const first = [awsManagedPolicyArn("ReadOnlyAccess"), awsManagedPolicyArn("ViewOnlyAccess")];
        new TeamUser("aarav-dev", { policies: first });
        await settle();
        const firstNames = attachmentNames(recorder);

        recorder = await installMockRuntime();
        new TeamUser("aarav-dev", { policies: [...first].reverse() });
        await settle();
        const secondNames = attachmentNames(recorder);

        expect(firstNames).to.deep.equal(["aarav-dev-ReadOnlyAccess", "aarav-dev-ViewOnlyAccess"]);
        expect(secondNames).to.deep.equal(firstNames);
    });

    it("registers nothing when an argument is invalid", async () => {
        const construct = () => new TeamUser("aarav-dev", { userName: "a".repeat(70) });

        expect(construct).to.throw(
            ComponentArgumentsError,
            `TeamUser "aarav-dev": userName "${"a".repeat(70)}" is 70 characters; it must be at most 64`,
        );
        await settle();

        expect(recorder.registered).to.deep.equal([]);
    });
});

function attachmentNames(recorder: ResourceRecorder): string[] {
    return recorder.registered
        .filter((resource) => resource.type === "aws:iam/userPolicyAttachment:UserPolicyAttachment")
        .map((resource) => resource.name)
        .sort();
}

describe("validateTeamUserArgs", () => {
    it("checks the component name when no user name is given", () => {
        const problems = validateTeamUserArgs("aarav dev", {});

        expect(problems).to.deep.equal([
            'userName (the component name) "aarav dev" contains " "; a user name may contain only letters, ' +
                "digits and + = , . @ _ -",
        ]);
    });

    it("lists every bad argument", () => {
        const problems = validateTeamUserArgs("aarav-dev", {
            path: "engineering",
            accessEndDate: "2027-13-01",
            consoleLogin: { passwordLength: 5, pgpKey: " " },
            permissionsBoundary: "DeveloperBoundary",
        });

        expect(problems).to.deep.equal([
            'path "engineering" is not a valid IAM path; it must be "/" or begin and end with "/", such as ' +
                '"/engineering/", with segments of letters, digits and + = , . @ _ -',
            'accessEndDate "2027-13-01" is not a valid date; use an ISO 8601 date such as "2027-03-31" or a ' +
                'date-time with a time zone such as "2027-03-31T18:00:00Z"',
            "consoleLogin.passwordLength is 5; it must be a whole number between 6 and 128",
            "consoleLogin.pgpKey is empty; give a base64 PGP public key or keybase:<name>, or leave it out",
            'permissionsBoundary "DeveloperBoundary" is not a managed policy ARN',
        ]);
    });
});

describe("accessEndDenyStatement", () => {
    it("denies every action after the date", () => {
        const statement = accessEndDenyStatement("2027-03-31");

        expect(statement).to.deep.equal({
            Sid: "DenyAllAfterAccessEndDate",
            Effect: "Deny",
            Action: "*",
            Resource: "*",
            Condition: { DateGreaterThan: { "aws:CurrentTime": "2027-03-31T00:00:00Z" } },
        });
    });
});
