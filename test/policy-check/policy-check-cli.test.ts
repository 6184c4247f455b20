import * as fs from "fs";
import * as path from "path";

import { expect } from "chai";

import { usage } from "../../policy-pack/check";
import { fixtures, repositoryRoot, runPolicyCheckProcess, runPolicyCheckScript } from "./run-check";

// Each test starts node with ts-node and the IAM catalog: 0.7 to 2.3 s per test on a two-core machine.
const slowProcess = 30_000;

const wildcardAdmin = `${fixtures}/identity-wildcard-admin.json`;

// The findings of the pack's rules at their default levels on AdministratorAccess's document.
const wildcardAdminFindings = [
    {
        file: wildcardAdmin,
        rule: "no-wildcard-grants",
        enforcementLevel: "mandatory",
        message: 'Statement 0: Action "*" grants every action of every service; list the actions the principal needs.',
    },
    {
        file: wildcardAdmin,
        rule: "no-wildcard-grants",
        enforcementLevel: "mandatory",
        message:
            'Statement 0: Resource "*" covers every resource for * (13,802 actions, such as ' +
            "a4b:AssociateContactWithAddressBook (addressbook, contact), a4b:AssociateDeviceWithNetworkProfile " +
            "(device, networkprofile), a4b:AssociateDeviceWithRoom (device, room) and 13,799 more), which supports " +
            "resource-level permissions; name the resources' ARNs.",
    },
    {
        file: wildcardAdmin,
        rule: "no-privilege-escalation",
        enforcementLevel: "mandatory",
        message:
            'Statement 0 allows iam:PassRole on "*", which passes any role, including administrator roles, to a ' +
            "service. Name the roles' ARNs.",
    },
    {
        file: wildcardAdmin,
        rule: "no-privilege-escalation",
        enforcementLevel: "mandatory",
        message:
            "Statement 0 allows iam:CreatePolicyVersion, iam:SetDefaultPolicyVersion, iam:AttachUserPolicy, " +
            "iam:AttachGroupPolicy, iam:AttachRolePolicy, iam:PutUserPolicy, iam:PutGroupPolicy, " +
            "iam:PutRolePolicy, iam:UpdateAssumeRolePolicy, iam:AddUserToGroup, iam:DeleteUserPermissionsBoundary, " +
            "iam:DeleteRolePermissionsBoundary, which let the principal change its own or others' " +
            "permissions. Keep these actions to administrators, or require a permissions boundary with the " +
            "iam:PermissionsBoundary condition key.",
    },
    {
        file: wildcardAdmin,
        rule: "no-privilege-escalation",
        enforcementLevel: "mandatory",
        message:
            'Statement 0 allows iam:CreateAccessKey, iam:CreateLoginProfile, iam:UpdateLoginProfile on "*", ' +
            'which creates credentials for other users. Limit the resource to "arn:aws:iam::<account>:user/${aws:username}".',
    },
    {
        file: wildcardAdmin,
        rule: "no-privilege-escalation",
        enforcementLevel: "mandatory",
        message:
            "Statement 0 allows iam:PassRole on a role pattern and the document also allows ec2:RunInstances, " +
            "ec2:RequestSpotInstances, lambda:CreateFunction, lambda:UpdateFunctionConfiguration, ecs:RunTask, " +
            "ecs:StartTask, ecs:CreateService, glue:CreateDevEndpoint, glue:UpdateDevEndpoint, glue:CreateJob, " +
            "cloudformation:CreateStack, cloudformation:UpdateStack, sagemaker:CreateNotebookInstance, " +
            "sagemaker:CreateTrainingJob, codebuild:CreateProject, datapipeline:CreatePipeline, so the principal " +
            "can start compute that runs with any matching role's permissions. Name the exact roles in iam:PassRole.",
    },
];

describe("policy:check", function () {
    this.timeout(slowProcess);

    it("passes least-privilege documents of every kind", async () => {
        const files = [
            "identity-least-privilege.json",
            "trust-mfa.json",
            "trust-ec2-service.json",
            "resource-bucket-org-read.json",
        ].map((file) => `${fixtures}/${file}`);

        const result = await runPolicyCheckProcess(["--json", ...files]);

        expect(result.stderr).to.equal("");
        expect(JSON.parse(result.stdout)).to.deep.equal([]);
        expect(result.status).to.equal(0);
    });

    it("prints the findings of a wildcard admin policy as JSON", async () => {
        const result = await runPolicyCheckProcess(["--json", wildcardAdmin]);

        expect(result.stderr).to.equal("");
        expect(JSON.parse(result.stdout)).to.deep.equal(wildcardAdminFindings);
        expect(result.status).to.equal(1);
    });

    it("runs through the npm script", async () => {
        const result = await runPolicyCheckScript(["--json", wildcardAdmin]);

        expect(result.stderr).to.equal("");
        expect(JSON.parse(result.stdout)).to.deep.equal(wildcardAdminFindings);
        expect(result.status).to.equal(1);
    });

    it("prints the help", async () => {
        const result = await runPolicyCheckProcess(["--help"]);

        expect(result.stdout).to.equal(usage);
        expect(result.stderr).to.equal("");
        expect(result.status).to.equal(0);
    });

    it("rejects an unknown option before reading files", async () => {
        const result = await runPolicyCheckProcess(["--format", "sarif", wildcardAdmin]);

        expect(result.stdout).to.equal("");
        expect(result.stderr).to.equal(
            "error: unknown option --format; the options are --kind, --config, --json and --help\n" +
                "Run with --help for the options.\n",
        );
        expect(result.status).to.equal(2);
    });

    it("rejects an invalid --kind", async () => {
        const result = await runPolicyCheckProcess(["--kind", "bucket", `${fixtures}/resource-bucket-org-read.json`]);

        expect(result.stdout).to.equal("");
        expect(result.stderr).to.equal(
            'error: --kind "bucket" is not a document kind; use identity, trust, resource\n' +
                "Run with --help for the options.\n",
        );
        expect(result.status).to.equal(2);
    });

    it("checks the valid files and exits 2 when others are invalid", async () => {
        const files = [
            "malformed.json",
            "identity-wildcard-admin.json",
            "no-such-policy.json",
            "aws-cli-get-role-output.json",
        ].map((file) => `${fixtures}/${file}`);

        const result = await runPolicyCheckProcess(["--json", ...files]);

        expect(JSON.parse(result.stdout)).to.deep.equal(wildcardAdminFindings);
        expect(result.stderr.split("\n")).to.deep.equal([
            `error: ${fixtures}/malformed.json: not valid JSON: Expected property name or '}' at line 5, column 13`,
            `error: ${fixtures}/no-such-policy.json: file not found`,
            `error: ${fixtures}/aws-cli-get-role-output.json: not a policy document: expected a JSON object with a ` +
                `Statement; it contains one at "Role.AssumeRolePolicyDocument", so extract that first, ` +
                `for example with jq '.Role.AssumeRolePolicyDocument'`,
            "",
        ]);
        expect(result.status).to.equal(2);
    });

    it("reads a document from standard input", async () => {
        const document = fs.readFileSync(path.join(repositoryRoot, fixtures, "identity-wildcard-admin.json"), "utf8");

        const result = await runPolicyCheckProcess(["--json", "-"], document);

        expect(result.stderr).to.equal("");
        expect(JSON.parse(result.stdout)).to.deep.equal(
            wildcardAdminFindings.map((finding) => ({ ...finding, file: "<stdin>" })),
        );
        expect(result.status).to.equal(1);
    });

    it("rejects an empty standard input", async () => {
        const result = await runPolicyCheckProcess(["-"], "\n");

        expect(result.stderr).to.equal(
            "error: <stdin>: the file is empty; it must contain one policy document as JSON\n",
        );
        expect(result.stdout).to.equal("Checked 0 of 1 file (1 invalid): 0 mandatory findings, 0 advisory findings.\n");
        expect(result.status).to.equal(2);
    });

    it("reports a trust policy without MFA", async () => {
        const result = await runPolicyCheckProcess(["--json", `${fixtures}/trust-without-mfa.json`]);

        expect(result.stderr).to.equal("");
        expect(JSON.parse(result.stdout)).to.deep.equal([
            {
                file: `${fixtures}/trust-without-mfa.json`,
                rule: "require-mfa-for-human-roles",
                enforcementLevel: "mandatory",
                message:
                    'Statement 0 lets "arn:aws:iam::111122223333:root" assume the role without MFA. Add ' +
                    '"Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}} to this statement, or list the ' +
                    "principal in machinePrincipals if it is a workload.",
            },
        ]);
        expect(result.status).to.equal(1);
    });

    it("reports a bucket policy open to every principal", async () => {
        const result = await runPolicyCheckProcess(["--json", `${fixtures}/resource-bucket-public-read.json`]);

        expect(result.stderr).to.equal("");
        expect(JSON.parse(result.stdout)).to.deep.equal([
            {
                file: `${fixtures}/resource-bucket-public-read.json`,
                rule: "no-unconditioned-wildcard-principals",
                enforcementLevel: "mandatory",
                message:
                    'Statement "PublicRead" allows "Principal": "*" without a condition that limits the caller. ' +
                    'Name the principals, or add a condition such as "StringEquals": {"aws:PrincipalOrgID": ' +
                    '"o-exampleorgid"} or "ArnEquals": {"aws:SourceArn": "<the calling resource\'s ARN>"}.',
            },
        ]);
        expect(result.status).to.equal(1);
    });

    it("prints each file's findings and a summary", async () => {
        const files = [`${fixtures}/trust-without-mfa.json`, `${fixtures}/trust-mfa.json`];

        const result = await runPolicyCheckProcess(files);

        expect(result.stderr).to.equal("");
        expect(result.stdout).to.equal(
            [
                `${fixtures}/trust-without-mfa.json: trust policy (kind guessed)`,
                '  mandatory  require-mfa-for-human-roles: Statement 0 lets "arn:aws:iam::111122223333:root" assume ' +
                    'the role without MFA. Add "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}} to this ' +
                    "statement, or list the principal in machinePrincipals if it is a workload.",
                "",
                `${fixtures}/trust-mfa.json: trust policy (kind guessed)`,
                "  no findings",
                "",
                "Checked 2 files: 1 mandatory finding, 0 advisory findings.",
                "",
            ].join("\n"),
        );
        expect(result.status).to.equal(1);
    });

    it("checks every file as the --kind given", async () => {
        const result = await runPolicyCheckProcess(["--kind", "resource", `${fixtures}/trust-without-mfa.json`]);

        expect(result.stdout).to.equal(
            `${fixtures}/trust-without-mfa.json: resource policy\n  no findings\n\n` +
                "Checked 1 file: 0 mandatory findings, 0 advisory findings.\n",
        );
        expect(result.status).to.equal(0);
    });

    it("applies the enforcement levels of --config", async () => {
        const config = `${fixtures}/pack-configs/wildcards-advisory.json`;

        const result = await runPolicyCheckProcess(["--json", "--config", config, wildcardAdmin]);

        expect(result.stderr).to.equal("");
        expect(JSON.parse(result.stdout)).to.deep.equal(
            wildcardAdminFindings
                .filter((finding) => finding.rule === "no-wildcard-grants")
                .map((finding) => ({ ...finding, enforcementLevel: "advisory" })),
        );
        expect(result.status).to.equal(0);
    });

    it("loads the prod config of the pack", async () => {
        const result = await runPolicyCheckProcess([
            "--json",
            "--config",
            "policy-pack/config/prod.json",
            wildcardAdmin,
        ]);

        expect(result.stderr).to.equal("");
        expect(JSON.parse(result.stdout)).to.deep.equal(wildcardAdminFindings);
        expect(result.status).to.equal(1);
    });

    it("rejects an invalid --config with the config's problems", async () => {
        const config = `${fixtures}/pack-configs/invalid.json`;

        const result = await runPolicyCheckProcess(["--config", config, wildcardAdmin]);

        expect(result.stdout).to.equal("");
        expect(result.stderr).to.match(
            new RegExp(
                `^error: ${config} is not a valid policy pack configuration:\\n` +
                    `- "no-wildcard-grant" is not a rule of this pack; rules are no-wildcard-grants, .+\\n` +
                    `- valid-actions is "warn"; it must be one of mandatory, advisory, disabled\\n$`,
            ),
        );
        expect(result.status).to.equal(2);
    });

    it("rejects a missing --config file", async () => {
        const config = `${fixtures}/pack-configs/missing.json`;

        const result = await runPolicyCheckProcess(["--config", config, wildcardAdmin]);

        expect(result.stdout).to.equal("");
        expect(result.stderr).to.equal(
            `error: Cannot read the policy pack configuration ${config}: ENOENT: no such file or directory, open '${config}'\n`,
        );
        expect(result.status).to.equal(2);
    });
});
