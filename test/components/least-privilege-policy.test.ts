import { expect } from "chai";
import * as pulumi from "@pulumi/pulumi";

import {
    ComponentArgumentsError,
    LeastPrivilegePolicy,
    PolicyStatementArgs,
    validateLeastPrivilegePolicyArgs,
} from "../../components";
import { policySizeWithoutWhitespace } from "../../iam/limits";
import { installMockRuntime, ResourceRecorder, settle, valueOf } from "./mock-runtime";

const bucketObjects = "arn:aws:s3:::team-reports/*";

function problemsOf(statements: readonly PolicyStatementArgs[], allowReadOnlyWildcards?: boolean): string[] {
    return validateLeastPrivilegePolicyArgs("reports", { statements, allowReadOnlyWildcards });
}

/** Builds one statement whose document is exactly `size` characters without whitespace. */
function statementOfSize(size: number): PolicyStatementArgs {
    const prefix = "arn:aws:s3:::team-reports/";
    const base = JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: [prefix] }],
    }).length;
    return { actions: ["s3:GetObject"], resources: [prefix + "a".repeat(size - base)] };
}

describe("LeastPrivilegePolicy", () => {
    let recorder: ResourceRecorder;

    beforeEach(async () => {
        recorder = await installMockRuntime();
    });

    it("creates one managed policy with the serialised document", async () => {
        const policy = new LeastPrivilegePolicy("read-reports", {
            description: "Read the team reports",
            statements: [{ sid: "ReadReports", actions: ["s3:GetObject"], resources: [bucketObjects] }],
        });

        const document = await valueOf(policy.document);
        await settle();

        const expected =
            '{"Version":"2012-10-17","Statement":[{"Sid":"ReadReports","Effect":"Allow",' +
            '"Action":["s3:GetObject"],"Resource":["arn:aws:s3:::team-reports/*"]}]}';
        expect(document).to.equal(expected);
        expect(recorder.childSummary()).to.deep.equal(["aws:iam/policy:Policy read-reports"]);
        const child = recorder.find("aws:iam/policy:Policy", "read-reports");
        expect(child.parent).to.deep.equal({
            type: "least-privilege-iam:index:LeastPrivilegePolicy",
            name: "read-reports",
        });
        expect(child.inputs).to.deep.equal({ path: "/", description: "Read the team reports", policy: expected });
    });

    it("autonames the policy from the component name", async () => {
        const policy = new LeastPrivilegePolicy("read-reports", {
            statements: [{ actions: ["s3:GetObject"], resources: [bucketObjects] }],
        });

        const policyName = await valueOf(policy.policyName);
        const arn = await valueOf(policy.arn);

        expect(policyName).to.equal("read-reports-0a1b2c3");
        expect(arn).to.equal("arn:aws:iam::123456789012:policy/read-reports-0a1b2c3");
        expect(policy.componentName).to.equal("read-reports");
    });

    it("uses the given policy name and path", async () => {
        new LeastPrivilegePolicy("read-reports", {
            policyName: "ReadReports",
            path: "/reporting/",
            tags: { team: "data" },
            statements: [{ actions: ["s3:GetObject"], resources: [bucketObjects] }],
        });

        await settle();

        const child = recorder.find("aws:iam/policy:Policy", "read-reports");
        expect(child.inputs.name).to.equal("ReadReports");
        expect(child.inputs.path).to.equal("/reporting/");
        expect(child.inputs.tags).to.deep.equal({ team: "data" });
    });

    it("keeps statements in the given order with string condition values", async () => {
        const policy = new LeastPrivilegePolicy("operate-instances", {
            statements: [
                {
                    sid: "StartTeamInstances",
                    actions: ["ec2:StartInstances", "ec2:StopInstances"],
                    resources: ["arn:aws:ec2:eu-west-1:123456789012:instance/*"],
                    conditions: { StringEquals: { "aws:ResourceTag/team": "data" } },
                },
                { sid: "DescribeInstances", actions: ["ec2:DescribeInstances"], resources: ["*"] },
                {
                    sid: "DenyOutsideHours",
                    effect: "Deny",
                    actions: ["ec2:StartInstances"],
                    resources: ["*"],
                    conditions: { Bool: { "aws:SecureTransport": false }, NumericGreaterThan: { "s3:max-keys": 10 } },
                },
            ],
        });

        const document = JSON.parse(await valueOf(policy.document));

        expect(document).to.deep.equal({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "StartTeamInstances",
                    Effect: "Allow",
                    Action: ["ec2:StartInstances", "ec2:StopInstances"],
                    Resource: ["arn:aws:ec2:eu-west-1:123456789012:instance/*"],
                    Condition: { StringEquals: { "aws:ResourceTag/team": "data" } },
                },
                {
                    Sid: "DescribeInstances",
                    Effect: "Allow",
                    Action: ["ec2:DescribeInstances"],
                    Resource: ["*"],
                },
                {
                    Sid: "DenyOutsideHours",
                    Effect: "Deny",
                    Action: ["ec2:StartInstances"],
                    Resource: ["*"],
                    Condition: {
                        Bool: { "aws:SecureTransport": "false" },
                        NumericGreaterThan: { "s3:max-keys": "10" },
                    },
                },
            ],
        });
    });

    it("resolves resources given as outputs", async () => {
        const bucketArn = pulumi.output("arn:aws:s3:::team-reports");
        const policy = new LeastPrivilegePolicy("list-reports", {
            statements: [{ actions: ["s3:ListBucket"], resources: [bucketArn] }],
        });

        const document = JSON.parse(await valueOf(policy.document));

        expect(document.Statement[0].Resource).to.deep.equal(["arn:aws:s3:::team-reports"]);
    });

    it("rejects an output resource that resolves to every resource", async () => {
        const policy = new LeastPrivilegePolicy("write-reports", {
            statements: [{ actions: ["s3:PutObject"], resources: [pulumi.output("*")] }],
        });

        const error = await valueOf(policy.document).then(
            () => undefined,
            (rejection: unknown) => rejection,
        );

        expect(error).to.be.instanceOf(ComponentArgumentsError);
        expect((error as ComponentArgumentsError).subject).to.equal('LeastPrivilegePolicy "write-reports"');
        expect((error as ComponentArgumentsError).problems).to.deep.equal([
            'statement 0: Resource "*" covers every resource for s3:PutObject (accesspointobject, object), ' +
                "which supports resource-level permissions; name the resources' ARNs",
        ]);
    });

    it("registers nothing when an argument is invalid", async () => {
        const construct = () =>
            new LeastPrivilegePolicy("read-reports", {
                statements: [{ sid: "ReadObjects", actions: ["s3:GetObjects"], resources: [bucketObjects] }],
            });

        expect(construct).to.throw(
            ComponentArgumentsError,
            'LeastPrivilegePolicy "read-reports": statement "ReadObjects": s3:GetObjects does not exist; ' +
                "did you mean s3:GetObject?",
        );
        await settle();

        expect(recorder.registered).to.deep.equal([]);
    });

    it("lists every problem in one error", async () => {
        const construct = () =>
            new LeastPrivilegePolicy("broad", {
                path: "reports",
                statements: [
                    { actions: ["s3:*"], resources: [bucketObjects] },
                    { sid: "Write", actions: ["s3:PutObject"], resources: ["*"] },
                ],
            });

        expect(construct).to.throw(
            ComponentArgumentsError,
            'LeastPrivilegePolicy "broad" has 3 invalid arguments:\n' +
                '  - path "reports" is not a valid IAM path; it must be "/" or begin and end with "/", such as ' +
                '"/engineering/", with segments of letters, digits and + = , . @ _ -\n' +
                '  - statement 0: Action "s3:*" grants every s3 action; list the actions the principal needs\n' +
                '  - statement "Write": Resource "*" covers every resource for s3:PutObject (accesspointobject, ' +
                "object), which supports resource-level permissions; name the resources' ARNs",
        );
    });
});

describe("validateLeastPrivilegePolicyArgs", () => {
    it("suggests the nearest action for one that does not exist", () => {
        const problems = problemsOf([{ actions: ["s3:GetObjects"], resources: [bucketObjects] }]);

        expect(problems).to.deep.equal(["statement 0: s3:GetObjects does not exist; did you mean s3:GetObject?"]);
    });

    it("rejects the full wildcard", () => {
        const problems = problemsOf([{ actions: ["*"], resources: [bucketObjects] }]);

        expect(problems).to.deep.equal([
            'statement 0: Action "*" grants every action of every service; list the actions the principal needs',
        ]);
    });

    it("rejects a service wildcard", () => {
        const problems = problemsOf([{ actions: ["s3:*"], resources: [bucketObjects] }]);

        expect(problems).to.deep.equal([
            'statement 0: Action "s3:*" grants every s3 action; list the actions the principal needs',
        ]);
    });

    it("rejects a wildcard that expands beyond read", () => {
        const problems = problemsOf([{ actions: ["s3:Put*"], resources: [bucketObjects] }]);

        expect(problems).to.deep.equal([
            'statement 0: Action "s3:Put*" expands to 40 actions above Read and List access, such as ' +
                "s3:PutAccelerateConfiguration (Write), s3:PutAccessGrantsInstanceResourcePolicy " +
                "(Permissions management, Write), s3:PutAccessPointConfigurationForObjectLambda (Write) and 37 more; " +
                "list the actions the principal needs",
        ]);
    });

    it("accepts a read-only wildcard on every resource", () => {
        const problems = problemsOf([{ actions: ["ec2:Describe*"], resources: ["*"] }]);

        expect(problems).to.deep.equal([]);
    });

    it("rejects a Read action on every resource", () => {
        const problems = problemsOf([{ actions: ["s3:GetObject"], resources: ["*"] }]);

        expect(problems).to.deep.equal([
            'statement 0: Resource "*" covers every resource for s3:GetObject (accesspointobject, object), ' +
                "which supports resource-level permissions; name the resources' ARNs",
        ]);
    });

    it("rejects a read-only wildcard when wildcards are off", () => {
        const problems = problemsOf([{ actions: ["ec2:Describe*"], resources: ["*"] }], false);

        expect(problems[0]).to.equal(
            'statement 0: Action "ec2:Describe*" expands to 194 Read and List actions; wildcards are not allowed ' +
                "here, list the actions",
        );
        expect(problems).to.have.length(1);
    });

    it("rejects a write action on every resource", () => {
        const problems = problemsOf([{ actions: ["s3:PutObject"], resources: ["*"] }]);

        expect(problems).to.deep.equal([
            'statement 0: Resource "*" covers every resource for s3:PutObject (accesspointobject, object), ' +
                "which supports resource-level permissions; name the resources' ARNs",
        ]);
    });

    it("rejects a write action on a service-wide ARN", () => {
        const problems = problemsOf([{ actions: ["s3:PutObject"], resources: ["arn:aws:s3:::*"] }]);

        expect(problems).to.deep.equal([
            'statement 0: Resource "arn:aws:s3:::*" covers every resource for s3:PutObject (accesspointobject, ' +
                "object), which supports resource-level permissions; name the resources' ARNs",
        ]);
    });

    it("accepts a write action scoped by ARN and tag", () => {
        const problems = problemsOf([
            {
                actions: ["ec2:StartInstances"],
                resources: ["arn:aws:ec2:eu-west-1:123456789012:instance/*"],
                conditions: { StringEquals: { "aws:ResourceTag/team": "data" } },
            },
        ]);

        expect(problems).to.deep.equal([]);
    });

    it("rejects NotAction in an Allow", () => {
        const statement = { actions: ["s3:GetObject"], notActions: ["s3:PutObject"], resources: [bucketObjects] };

        const problems = problemsOf([statement as unknown as PolicyStatementArgs]);

        expect(problems).to.deep.equal([
            'statement 0: NotAction in an Allow grants every action except "s3:PutObject"; use Action with the ' +
                "actions the principal needs",
        ]);
    });

    it("accepts NotAction in a Deny", () => {
        const problems = problemsOf([
            { effect: "Deny", notActions: ["iam:ChangePassword"], resources: ["*"] },
            { actions: ["s3:GetObject"], resources: [bucketObjects] },
        ]);

        expect(problems).to.deep.equal([]);
    });

    it("rejects a Deny with both actions and notActions", () => {
        const problems = problemsOf([
            { effect: "Deny", actions: ["s3:GetObject"], notActions: ["iam:ChangePassword"], resources: ["*"] },
        ]);

        expect(problems).to.deep.equal(["statement 0 must have either actions or notActions, not both"]);
    });

    it("rejects empty actions and resources", () => {
        const problems = problemsOf([{ sid: "Empty", actions: [], resources: [] }]);

        expect(problems).to.deep.equal([
            'statement "Empty" has an empty actions list; list at least one action',
            'statement "Empty" has no resources; list the resources\' ARNs, or "*" for actions without resource types',
        ]);
    });

    it("rejects an empty statement list", () => {
        const problems = problemsOf([]);

        expect(problems).to.deep.equal(["statements is empty; a policy needs at least one statement"]);
    });

    it("rejects a Sid that is not alphanumeric", () => {
        const problems = problemsOf([{ sid: "read-reports", actions: ["s3:GetObject"], resources: [bucketObjects] }]);

        expect(problems).to.deep.equal([
            'statement "read-reports" Sid "read-reports" is invalid; a Sid may contain only ASCII letters and digits',
        ]);
    });

    it("rejects a Sid used twice", () => {
        const problems = problemsOf([
            { sid: "Read", actions: ["s3:GetObject"], resources: [bucketObjects] },
            { sid: "Read", actions: ["s3:ListBucket"], resources: ["arn:aws:s3:::team-reports"] },
        ]);

        expect(problems).to.deep.equal(['Sid "Read" is used by 2 statements; each Sid must be unique in the policy']);
    });

    it("rejects a resource that is not an ARN", () => {
        const problems = problemsOf([{ actions: ["s3:GetObject"], resources: ["team-reports"] }]);

        expect(problems).to.deep.equal([
            'statement 0 resource "team-reports" is not an ARN; use "arn:partition:service:region:account:resource" or "*"',
        ]);
    });

    it("rejects an unknown condition operator", () => {
        const problems = problemsOf([
            {
                actions: ["s3:GetObject"],
                resources: [bucketObjects],
                conditions: { StringEqual: { "aws:PrincipalTag/team": "data" } },
            },
        ]);

        expect(problems).to.deep.equal([
            'statement 0 has the unknown condition operator "StringEqual"; use an IAM operator such as ' +
                "StringEquals, ArnLike, DateLessThan or Bool, optionally with IfExists",
        ]);
    });

    it("accepts a document of 6,144 characters", () => {
        const statement = statementOfSize(6144);

        const problems = problemsOf([statement]);

        const size = policySizeWithoutWhitespace(
            JSON.stringify({
                Version: "2012-10-17",
                Statement: [{ Effect: "Allow", Action: statement.actions, Resource: statement.resources }],
            }),
        );
        expect(size).to.equal(6144);
        expect(problems).to.deep.equal([]);
    });

    it("rejects a document of 6,145 characters", () => {
        const problems = problemsOf([statementOfSize(6145)]);

        expect(problems).to.deep.equal([
            "the policy document is 6,145 characters without whitespace; a managed policy can have at most 6,144, " +
                "so split the statements into several policies",
        ]);
    });

    it("rejects a policy name over 128 characters", () => {
        const problems = validateLeastPrivilegePolicyArgs("reports", {
            policyName: "p".repeat(129),
            statements: [{ actions: ["s3:GetObject"], resources: [bucketObjects] }],
        });

        expect(problems).to.deep.equal([`policyName "${"p".repeat(80)}"… is 129 characters; it must be at most 128`]);
    });

    it("rejects a component name too long to autoname from", () => {
        const problems = validateLeastPrivilegePolicyArgs("r".repeat(121), {
            statements: [{ actions: ["s3:GetObject"], resources: [bucketObjects] }],
        });

        expect(problems).to.deep.equal([
            `policyName is not set, so the policy name is the component name "${"r".repeat(80)}"… (121 characters) ` +
                "plus 8 random characters; shorten the component name to at most 120 characters or set policyName",
        ]);
    });
});
