import { expect } from "chai";

import { Statement } from "../../iam/document";
import { findUnknownActions, findWildcardGrants, isServiceWideResource } from "../../iam/grants";

function allow(fields: Partial<Statement>): Statement {
    return { index: 0, effect: "Allow", conditions: [], ...fields };
}

describe("findWildcardGrants", () => {
    it("finds the full wildcard", () => {
        const problems = findWildcardGrants(allow({ actions: ["*"], resources: ["arn:aws:s3:::team-reports/*"] }));

        expect(problems).to.deep.equal([
            {
                kind: "full-wildcard",
                subject: "*",
                message: 'Action "*" grants every action of every service; list the actions the principal needs',
            },
        ]);
    });

    it("finds a service wildcard", () => {
        const problems = findWildcardGrants(
            allow({ actions: ["iam:*"], resources: ["arn:aws:iam::123456789012:role/x"] }),
        );

        expect(problems).to.deep.equal([
            {
                kind: "service-wildcard",
                subject: "iam:*",
                message: 'Action "iam:*" grants every iam action; list the actions the principal needs',
            },
        ]);
    });

    it("finds a wildcard that expands beyond read", () => {
        const problems = findWildcardGrants(
            allow({ actions: ["s3:Put*"], resources: ["arn:aws:s3:::team-reports/*"] }),
        );

        expect(problems.map((problem) => problem.kind)).to.deep.equal(["wildcard-beyond-read"]);
        expect(problems[0].message).to.equal(
            'Action "s3:Put*" expands to 40 actions above Read and List access, such as ' +
                "s3:PutAccelerateConfiguration (Write), s3:PutAccessGrantsInstanceResourcePolicy " +
                "(Permissions management, Write), s3:PutAccessPointConfigurationForObjectLambda (Write) and 37 more; " +
                "list the actions the principal needs",
        );
    });

    it("accepts a read-only wildcard unless wildcards are off", () => {
        const statement = allow({ actions: ["s3:Get*"], resources: ["arn:aws:s3:::team-reports/*"] });

        const allowed = findWildcardGrants(statement);
        const disallowed = findWildcardGrants(statement, { allowReadOnlyWildcards: false });

        expect(allowed).to.deep.equal([]);
        expect(disallowed).to.deep.equal([
            {
                kind: "read-only-wildcard",
                subject: "s3:Get*",
                message:
                    'Action "s3:Get*" expands to 63 Read and List actions; wildcards are not allowed here, list the actions',
            },
        ]);
    });

    it("finds NotAction and NotResource in an Allow", () => {
        const problems = findWildcardGrants(
            allow({ notActions: ["iam:*"], notResources: ["arn:aws:s3:::team-reports/*"] }),
        );

        expect(problems).to.deep.equal([
            {
                kind: "not-action",
                subject: "NotAction",
                message:
                    'NotAction in an Allow grants every action except "iam:*"; use Action with the actions the principal needs',
            },
            {
                kind: "not-resource",
                subject: "NotResource",
                message:
                    'NotResource in an Allow grants access to every resource except "arn:aws:s3:::team-reports/*"; ' +
                    "use Resource with the resources' ARNs",
            },
        ]);
    });

    it("finds a scopable action on every resource", () => {
        const problems = findWildcardGrants(allow({ actions: ["s3:PutObject"], resources: ["*"] }));

        expect(problems.map((problem) => [problem.kind, problem.subject])).to.deep.equal([["unscoped-resource", "*"]]);
    });

    it("accepts Resource * for an action without resource types", () => {
        const problems = findWildcardGrants(allow({ actions: ["sts:GetCallerIdentity"], resources: ["*"] }));

        expect(problems).to.deep.equal([]);
    });

    it("never finds a problem in a Deny", () => {
        const problems = findWildcardGrants({
            index: 0,
            effect: "Deny",
            actions: ["*"],
            resources: ["*"],
            conditions: [],
        });

        expect(problems).to.deep.equal([]);
    });
});

describe("findUnknownActions", () => {
    it("names each unknown action with a suggestion where one is close", () => {
        const unknown = findUnknownActions(
            allow({ actions: ["s3:Nope*", "nope", "s3:GetObjects", "ec22:DescribeInstances", "s3:GetObject", "*"] }),
        );

        expect(unknown).to.deep.equal([
            { action: "s3:Nope*", message: "s3:Nope* matches no action in the IAM action catalog" },
            {
                action: "nope",
                message: "nope is not an action; actions have the form service:Action, such as s3:GetObject",
            },
            {
                action: "s3:GetObjects",
                suggestion: "s3:GetObject",
                message: "s3:GetObjects does not exist; did you mean s3:GetObject?",
            },
            {
                action: "ec22:DescribeInstances",
                suggestion: "ec2:DescribeInstances",
                message: "ec22:DescribeInstances does not exist; did you mean ec2:DescribeInstances?",
            },
        ]);
    });

    it("checks the NotAction of a Deny too", () => {
        const unknown = findUnknownActions({
            index: 0,
            effect: "Deny",
            notActions: ["iam:ChangePasword"],
            resources: ["*"],
            conditions: [],
        });

        expect(unknown.map((action) => action.message)).to.deep.equal([
            "iam:ChangePasword does not exist; did you mean iam:ChangePassword?",
        ]);
    });
});

describe("isServiceWideResource", () => {
    it("recognises resources that match a whole service", () => {
        const resources = [
            "*",
            "arn:aws:s3:::*",
            "arn:aws:iam::*:*",
            "arn:aws:*",
            "arn:aws:s3:::team-reports/*",
            "arn:aws:ec2:eu-west-1:123456789012:instance/*",
            "arn:aws:iam::123456789012:user/*",
        ];

        const wide = resources.map(isServiceWideResource);

        expect(wide).to.deep.equal([true, true, true, true, false, false, false]);
    });
});
