import { expect } from "chai";

import { checkPolicyDocument, DocumentFinding, DocumentKind } from "../../policy-pack/lib/check-document";

/** Returns the messages of one rule's findings on a document. */
function messagesOf(rule: string, document: unknown, kind: DocumentKind): string[] {
    return checkPolicyDocument(document, kind)
        .filter((finding: DocumentFinding) => finding.rule === rule)
        .map((finding) => finding.message);
}

const version = "2012-10-17";

describe("no-wildcard-grants", () => {
    const rule = "no-wildcard-grants";

    it("reports Action * in a single statement object", async () => {
        const document = {
            Version: version,
            Statement: { Effect: "Allow", Action: "*", Resource: "arn:aws:s3:::assets/*" },
        };

        const messages = messagesOf(rule, document, "identity");

        expect(messages).to.deep.equal([
            'Statement 0: Action "*" grants every action of every service; list the actions the principal needs.',
        ]);
    });

    it("reports a service wildcard written in any case", async () => {
        const document = {
            Version: version,
            Statement: [{ Sid: "Assets", Effect: "Allow", Action: ["S3:*"], Resource: "arn:aws:s3:::assets/*" }],
        };

        const messages = messagesOf(rule, document, "identity");

        expect(messages).to.deep.equal([
            'Statement "Assets": Action "S3:*" grants every s3 action; list the actions the principal needs.',
        ]);
    });

    it("reports mid-string and ? wildcards that reach writes", async () => {
        const document = JSON.stringify({
            Version: version,
            Statement: [{ Effect: "Allow", Action: ["s3:*Object", "iam:Pass?ole"], Resource: "arn:aws:s3:::assets/*" }],
        });

        const messages = messagesOf(rule, document, "identity");

        expect(messages).to.deep.equal([
            'Statement 0: Action "s3:*Object" expands to 4 actions above Read and List access, such as s3:DeleteObject (Write), s3:PutObject (Write), s3:ReplicateObject (Write) and 1 more; list the actions the principal needs.',
            'Statement 0: Action "iam:Pass?ole" expands to 1 action above Read and List access, such as iam:PassRole (Write); list the actions the principal needs.',
        ]);
    });

    it("accepts read-only wildcards and a case-variant exact action", async () => {
        const document = {
            Version: version,
            Statement: [
                { Effect: "Allow", Action: ["s3:List*", "ec2:Describe*"], Resource: "*" },
                { Effect: "Allow", Action: "S3:getobject", Resource: "arn:aws:s3:::assets/*" },
            ],
        };

        const messages = messagesOf(rule, document, "identity");

        expect(messages).to.deep.equal([]);
    });

    it("reports a Read action on every resource unless configured", async () => {
        const document = { Version: version, Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] };

        const byDefault = messagesOf(rule, document, "identity");
        const allowed = checkPolicyDocument(document, "identity", {
            "no-wildcard-grants": { settings: { allowReadResourceWildcards: true } },
        });

        expect(byDefault).to.deep.equal([
            'Statement 0: Resource "*" covers every resource for s3:GetObject (accesspointobject, object), which supports resource-level permissions; name the resources\' ARNs.',
        ]);
        expect(allowed).to.deep.equal([]);
    });

    it("reports read-only wildcards when they are not allowed", async () => {
        const document = { Version: version, Statement: [{ Effect: "Allow", Action: "ec2:Describe*", Resource: "*" }] };

        const findings = checkPolicyDocument(document, "identity", {
            "no-wildcard-grants": { settings: { allowReadOnlyWildcards: false } },
        });

        expect(findings.map((finding) => finding.rule)).to.deep.equal(["no-wildcard-grants"]);
        expect(findings[0].message).to.match(
            /^Statement 0: Action "ec2:Describe\*" expands to \d+ Read and List actions; wildcards are not allowed here, list the actions\.$/,
        );
    });

    it("reports Resource * for actions with resource types", async () => {
        const document = {
            Version: version,
            Statement: [{ Effect: "Allow", Action: ["s3:PutObject", "s3:ListAllMyBuckets"], Resource: ["*"] }],
        };

        const messages = messagesOf(rule, document, "identity");

        expect(messages).to.deep.equal([
            'Statement 0: Resource "*" covers every resource for s3:PutObject (accesspointobject, object), which supports resource-level permissions; name the resources\' ARNs.',
        ]);
    });

    it("reports a service-wide ARN as Resource", async () => {
        const document = {
            Version: version,
            Statement: [{ Effect: "Allow", Action: "s3:PutObject", Resource: "arn:aws:s3:::*" }],
        };

        const messages = messagesOf(rule, document, "identity");

        expect(messages).to.deep.equal([
            'Statement 0: Resource "arn:aws:s3:::*" covers every resource for s3:PutObject (accesspointobject, object), which supports resource-level permissions; name the resources\' ARNs.',
        ]);
    });

    it("accepts Resource * for actions without resource types", async () => {
        const document = {
            Version: version,
            Statement: [{ Effect: "Allow", Action: ["s3:ListAllMyBuckets", "sts:GetCallerIdentity"], Resource: "*" }],
        };

        const messages = messagesOf(rule, document, "identity");

        expect(messages).to.deep.equal([]);
    });

    it("reads a ReadOnly S3 Express session as read access", async () => {
        const statement = { Effect: "Allow", Action: "s3express:CreateSession", Resource: "*" };
        const readOnly = {
            Version: version,
            Statement: [{ ...statement, Condition: { StringEquals: { "s3express:SessionMode": "ReadOnly" } } }],
        };
        const readWrite = { Version: version, Statement: [statement] };

        const settings = { "no-wildcard-grants": { settings: { allowReadResourceWildcards: true } } };

        const readOnlyMessages = checkPolicyDocument(readOnly, "identity", settings).map((finding) => finding.message);
        const readWriteMessages = checkPolicyDocument(readWrite, "identity", settings).map(
            (finding) => finding.message,
        );

        expect(readOnlyMessages).to.deep.equal([]);
        expect(readWriteMessages).to.deep.equal([
            'Statement 0: Resource "*" covers every resource for s3express:CreateSession (accesspoint, bucket), which supports resource-level permissions; name the resources\' ARNs.',
        ]);
    });

    it("reports NotAction and NotResource in an Allow", async () => {
        const document = {
            Version: version,
            Statement: [
                { Sid: "AllButIam", Effect: "Allow", NotAction: "iam:*", Resource: "arn:aws:s3:::assets" },
                { Sid: "AllButOne", Effect: "Allow", Action: "s3:GetObject", NotResource: ["arn:aws:s3:::secret/*"] },
            ],
        };

        const messages = messagesOf(rule, document, "identity");

        expect(messages).to.deep.equal([
            'Statement "AllButIam": NotAction in an Allow grants every action except "iam:*"; use Action with the actions the principal needs.',
            'Statement "AllButOne": NotResource in an Allow grants access to every resource except "arn:aws:s3:::secret/*"; use Resource with the resources\' ARNs.',
        ]);
    });

    it("never reports a Deny", async () => {
        const document = {
            Version: version,
            Statement: [
                { Effect: "Deny", Action: "*", Resource: "*" },
                { Effect: "Deny", NotAction: "iam:*", NotResource: "arn:aws:s3:::assets" },
            ],
        };

        const messages = messagesOf(rule, document, "identity");

        expect(messages).to.deep.equal([]);
    });
});

describe("require-mfa-for-human-roles", () => {
    const rule = "require-mfa-for-human-roles";
    const mfa = { Bool: { "aws:MultiFactorAuthPresent": "true" } };
    const noMfa = (principal: string): string => `lets "${principal}" assume the role without MFA.`;
    const fix =
        ' Add "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}} to this statement, or list the principal in machinePrincipals if it is a workload.';

    it("treats a bare account id as its root principal", async () => {
        const document = {
            Version: version,
            Statement: { Effect: "Allow", Principal: { AWS: "111122223333" }, Action: "sts:AssumeRole" },
        };

        const messages = messagesOf(rule, document, "trust");

        expect(messages).to.deep.equal([`Statement 0 ${noMfa("arn:aws:iam::111122223333:root")}${fix}`]);
    });

    it("reports every principal of a list", async () => {
        const document = {
            Version: version,
            Statement: [
                {
                    Sid: "People",
                    Effect: "Allow",
                    Principal: { AWS: ["arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:user/ana"] },
                    Action: ["sts:AssumeRole", "sts:TagSession"],
                },
            ],
        };

        const messages = messagesOf(rule, document, "trust");

        expect(messages).to.deep.equal([
            `Statement "People" lets "arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:user/ana" assume the role without MFA.${fix}`,
        ]);
    });

    it("accepts Bool true written as a string, a boolean or in any case", async () => {
        const documents = [
            { Bool: { "aws:MultiFactorAuthPresent": "true" } },
            { Bool: { "aws:MultiFactorAuthPresent": true } },
            { Bool: { "aws:multifactorauthpresent": ["true"] } },
        ].map((condition) => ({
            Version: version,
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::111122223333:root" },
                    Action: "sts:AssumeRole",
                    Condition: condition,
                },
            ],
        }));

        const messages = documents.map((document) => messagesOf(rule, document, "trust"));

        expect(messages).to.deep.equal([[], [], []]);
    });

    it("accepts a NumericLessThan bound on MultiFactorAuthAge alone", async () => {
        const document = {
            Version: version,
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::111122223333:root" },
                    Action: "sts:AssumeRole",
                    Condition: { NumericLessThan: { "aws:MultiFactorAuthAge": "3600" } },
                },
            ],
        };

        const messages = messagesOf(rule, document, "trust");

        expect(messages).to.deep.equal([]);
    });

    it("rejects BoolIfExists because a missing key passes", async () => {
        const document = {
            Version: version,
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::111122223333:root" },
                    Action: "sts:AssumeRole",
                    Condition: { BoolIfExists: { "aws:MultiFactorAuthPresent": "true" } },
                },
            ],
        };

        const messages = messagesOf(rule, document, "trust");

        expect(messages).to.deep.equal([
            `Statement 0 ${noMfa("arn:aws:iam::111122223333:root")} ` +
                "Its BoolIfExists condition does not require MFA: a request signed with long-term access keys has no " +
                `aws:MultiFactorAuthPresent key, and IfExists lets it pass.${fix}`,
        ]);
    });

    it("rejects Bool false", async () => {
        const document = {
            Version: version,
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::111122223333:root" },
                    Action: "sts:AssumeRole",
                    Condition: { Bool: { "aws:MultiFactorAuthPresent": "false" } },
                },
            ],
        };

        const messages = messagesOf(rule, document, "trust");

        expect(messages).to.deep.equal([`Statement 0 ${noMfa("arn:aws:iam::111122223333:root")}${fix}`]);
    });

    it("reports a second statement that bypasses MFA", async () => {
        const document = {
            Version: version,
            Statement: [
                {
                    Sid: "WithMfa",
                    Effect: "Allow",
                    Principal: { AWS: "111122223333" },
                    Action: "sts:AssumeRole",
                    Condition: mfa,
                },
                {
                    Sid: "Bypass",
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::111122223333:root" },
                    Action: "sts:Assume*",
                },
            ],
        };

        const messages = messagesOf(rule, document, "trust");

        expect(messages).to.deep.equal([
            `Statement "Bypass" ${noMfa("arn:aws:iam::111122223333:root")} It bypasses the MFA condition of statement "WithMfa", because IAM allows the request when any one statement matches.${fix}`,
        ]);
    });

    it("reports the wildcard principal", async () => {
        const document = {
            Version: version,
            Statement: [{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }],
        };

        const messages = messagesOf(rule, document, "trust");

        expect(messages).to.deep.equal([`Statement 0 ${noMfa("*")}${fix}`]);
    });

    it("exempts service and federated principals", async () => {
        const document = {
            Version: version,
            Statement: [
                { Effect: "Allow", Principal: { Service: ["ec2.amazonaws.com"] }, Action: "sts:AssumeRole" },
                {
                    Effect: "Allow",
                    Principal: {
                        Federated: "arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com",
                    },
                    Action: "sts:AssumeRoleWithWebIdentity",
                },
            ],
        };

        const messages = messagesOf(rule, document, "trust");

        expect(messages).to.deep.equal([]);
    });

    it("ignores TagSession without AssumeRole and Deny statements", async () => {
        const document = {
            Version: version,
            Statement: [
                { Effect: "Allow", Principal: { AWS: "111122223333" }, Action: "sts:TagSession" },
                { Effect: "Deny", Principal: { AWS: "111122223333" }, Action: "sts:AssumeRole" },
            ],
        };

        const messages = messagesOf(rule, document, "trust");

        expect(messages).to.deep.equal([]);
    });

    it("accepts listed machine principals by account id or ARN", async () => {
        const document = {
            Version: version,
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { AWS: ["111122223333", "arn:aws:iam::444455556666:role/ci"] },
                    Action: "sts:AssumeRole",
                },
            ],
        };

        const findings = checkPolicyDocument(document, "trust", {
            "require-mfa-for-human-roles": {
                settings: {
                    machinePrincipals: ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:role/ci"],
                },
            },
        });

        expect(findings.filter((finding) => finding.rule === rule)).to.deep.equal([]);
    });
});

describe("no-unconditioned-wildcard-principals", () => {
    const rule = "no-unconditioned-wildcard-principals";
    const fix =
        ' Name the principals, or add a condition such as "StringEquals": {"aws:PrincipalOrgID": "o-exampleorgid"} or "ArnEquals": {"aws:SourceArn": "<the calling resource\'s ARN>"}.';

    it("reports every spelling of everyone", async () => {
        const document = {
            Version: version,
            Statement: [
                {
                    Sid: "Star",
                    Effect: "Allow",
                    Principal: "*",
                    Action: "s3:GetObject",
                    Resource: "arn:aws:s3:::assets/*",
                },
                {
                    Sid: "AwsStar",
                    Effect: "Allow",
                    Principal: { AWS: "*" },
                    Action: "s3:GetObject",
                    Resource: "arn:aws:s3:::assets/*",
                },
                {
                    Sid: "AnyAccount",
                    Effect: "Allow",
                    Principal: { AWS: ["arn:aws:iam::*:root"] },
                    Action: "s3:GetObject",
                    Resource: "arn:aws:s3:::assets/*",
                },
            ],
        };

        const messages = messagesOf(rule, document, "resource");

        expect(messages).to.deep.equal([
            `Statement "Star" allows "Principal": "*" without a condition that limits the caller.${fix}`,
            `Statement "AwsStar" allows "AWS": "*" without a condition that limits the caller.${fix}`,
            `Statement "AnyAccount" allows "AWS": "arn:aws:iam::*:root" without a condition that limits the caller.${fix}`,
        ]);
    });

    it("accepts a wildcard narrowed by organization or source ARN", async () => {
        const document = {
            Version: version,
            Statement: [
                {
                    Effect: "Allow",
                    Principal: "*",
                    Action: "s3:GetObject",
                    Resource: "arn:aws:s3:::assets/*",
                    Condition: { StringEquals: { "aws:principalorgid": "o-a1b2c3d4e5" } },
                },
                {
                    Effect: "Allow",
                    Principal: { AWS: "*" },
                    Action: "sqs:SendMessage",
                    Resource: "arn:aws:sqs:eu-west-1:111122223333:jobs",
                    Condition: { ArnEquals: { "aws:SourceArn": "arn:aws:sns:eu-west-1:111122223333:events" } },
                },
            ],
        };

        const messages = messagesOf(rule, document, "resource");

        expect(messages).to.deep.equal([]);
    });

    it("rejects conditions that do not narrow", async () => {
        const document = {
            Version: version,
            Statement: [
                {
                    Sid: "Wildcard",
                    Effect: "Allow",
                    Principal: "*",
                    Action: "s3:GetObject",
                    Resource: "arn:aws:s3:::assets/*",
                    Condition: { StringLike: { "aws:PrincipalOrgID": "*" } },
                },
                {
                    Sid: "Negated",
                    Effect: "Allow",
                    Principal: "*",
                    Action: "s3:GetObject",
                    Resource: "arn:aws:s3:::assets/*",
                    Condition: { StringNotEquals: { "aws:SourceAccount": "111122223333" } },
                },
                {
                    Sid: "IfExists",
                    Effect: "Allow",
                    Principal: "*",
                    Action: "s3:GetObject",
                    Resource: "arn:aws:s3:::assets/*",
                    Condition: { StringEqualsIfExists: { "aws:SourceVpce": "vpce-1a2b3c4d" } },
                },
                {
                    Sid: "ForAllValues",
                    Effect: "Allow",
                    Principal: "*",
                    Action: "s3:GetObject",
                    Resource: "arn:aws:s3:::assets/*",
                    Condition: { "ForAllValues:StringEquals": { "aws:PrincipalOrgPaths": ["o-a1b2c3d4e5/r-ab12/"] } },
                },
            ],
        };

        const messages = messagesOf(rule, document, "resource");

        expect(messages).to.deep.equal([
            `Statement "Wildcard" allows "Principal": "*" without a condition that limits the caller.${fix}`,
            `Statement "Negated" allows "Principal": "*" without a condition that limits the caller.${fix}`,
            `Statement "IfExists" allows "Principal": "*" without a condition that limits the caller.${fix}`,
            `Statement "ForAllValues" allows "Principal": "*" without a condition that limits the caller.${fix}`,
        ]);
    });

    it("ignores a Deny for everyone", async () => {
        const document = {
            Version: version,
            Statement: [
                {
                    Effect: "Deny",
                    Principal: "*",
                    Action: "s3:*",
                    Resource: "arn:aws:s3:::assets/*",
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                },
            ],
        };

        const messages = messagesOf(rule, document, "resource");

        expect(messages).to.deep.equal([]);
    });
});

describe("no-privilege-escalation", () => {
    const rule = "no-privilege-escalation";

    it("reports iam:PassRole on every role", async () => {
        const document = {
            Version: version,
            Statement: [
                { Sid: "Pass", Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::111122223333:role/*" },
            ],
        };

        const messages = messagesOf(rule, document, "identity");

        expect(messages).to.deep.equal([
            'Statement "Pass" allows iam:PassRole on "arn:aws:iam::111122223333:role/*", which passes any role, including administrator roles, to a service. Name the roles\' ARNs.',
        ]);
    });

    it("reports policy editing actions reached through a wildcard", async () => {
        const document = {
            Version: version,
            Statement: [
                {
                    Effect: "Allow",
                    Action: ["iam:Attach*", "iam:createpolicyversion"],
                    Resource: "arn:aws:iam::111122223333:role/app",
                },
            ],
        };

        const messages = messagesOf(rule, document, "identity");

        expect(messages).to.deep.equal([
            "Statement 0 allows iam:CreatePolicyVersion, iam:AttachUserPolicy, iam:AttachGroupPolicy, iam:AttachRolePolicy, which let the principal change its own or others' permissions. Keep these actions to administrators, or require a permissions boundary with the iam:PermissionsBoundary condition key.",
        ]);
    });

    it("accepts attaching under a permissions boundary", async () => {
        const document = {
            Version: version,
            Statement: [
                {
                    Effect: "Allow",
                    Action: "iam:AttachRolePolicy",
                    Resource: "arn:aws:iam::111122223333:role/app-*",
                    Condition: {
                        StringEquals: { "iam:PermissionsBoundary": "arn:aws:iam::111122223333:policy/boundary" },
                    },
                },
            ],
        };

        const messages = messagesOf(rule, document, "identity");

        expect(messages).to.deep.equal([]);
    });

    it("allows access keys only for the caller's own user", async () => {
        const own = {
            Version: version,
            Statement: [
                {
                    Effect: "Allow",
                    Action: ["iam:CreateAccessKey"],
                    Resource: "arn:aws:iam::111122223333:user/${aws:username}",
                },
            ],
        };
        const others = {
            Version: version,
            Statement: [
                { Effect: "Allow", Action: ["iam:CreateLoginProfile"], Resource: "arn:aws:iam::111122223333:user/*" },
            ],
        };

        const ownMessages = messagesOf(rule, own, "identity");
        const otherMessages = messagesOf(rule, others, "identity");

        expect(ownMessages).to.deep.equal([]);
        expect(otherMessages).to.deep.equal([
            'Statement 0 allows iam:CreateLoginProfile on "arn:aws:iam::111122223333:user/*", which creates credentials for other users. Limit the resource to "arn:aws:iam::<account>:user/${aws:username}".',
        ]);
    });

    it("reports PassRole on a role pattern with a compute launch", async () => {
        const document = {
            Version: version,
            Statement: [
                {
                    Sid: "Pass",
                    Effect: "Allow",
                    Action: "iam:PassRole",
                    Resource: "arn:aws:iam::111122223333:role/app-*",
                },
                {
                    Sid: "Launch",
                    Effect: "Allow",
                    Action: "lambda:CreateFunction",
                    Resource: "arn:aws:lambda:eu-west-1:111122223333:function:app-*",
                },
            ],
        };

        const messages = messagesOf(rule, document, "identity");

        expect(messages).to.deep.equal([
            'Statement "Pass" allows iam:PassRole on a role pattern and the document also allows lambda:CreateFunction, so the principal can start compute that runs with any matching role\'s permissions. Name the exact roles in iam:PassRole.',
        ]);
    });

    it("accepts PassRole on named roles with a compute launch", async () => {
        const document = {
            Version: version,
            Statement: [
                { Effect: "Allow", Action: "iam:PassRole", Resource: "arn:aws:iam::111122223333:role/app-runtime" },
                {
                    Effect: "Allow",
                    Action: "ec2:RunInstances",
                    Resource: "arn:aws:ec2:eu-west-1:111122223333:instance/*",
                },
            ],
        };

        const messages = messagesOf(rule, document, "identity");

        expect(messages).to.deep.equal([]);
    });
});

describe("valid-actions", () => {
    const rule = "valid-actions";

    it("suggests the nearest action for a misspelt one", async () => {
        const document = {
            Version: version,
            Statement: [{ Effect: "Deny", Action: ["s3:GetObjekt", "s3:Get*"], Resource: "*" }],
        };

        const messages = messagesOf(rule, document, "identity");

        expect(messages).to.deep.equal(["Statement 0: s3:GetObjekt does not exist; did you mean s3:GetObject?"]);
    });

    it("reports a document that is not JSON", async () => {
        const messages = messagesOf(rule, "{ not json", "identity");

        expect(messages).to.have.length(1);
        expect(messages[0]).to.match(/^The document is malformed: the document is not valid JSON: /);
    });

    it("reports a Principal in an identity policy", async () => {
        const document = {
            Version: version,
            Statement: [
                {
                    Sid: "AssumeFromAudit",
                    Effect: "Allow",
                    Principal: { AWS: "arn:aws:iam::999988887777:root" },
                    Action: "sts:AssumeRole",
                    Resource: "arn:aws:iam::111122223333:role/audit",
                },
            ],
        };

        const messages = messagesOf(rule, document, "identity");

        expect(messages).to.deep.equal([
            'Statement "AssumeFromAudit" names a Principal, which IAM rejects in an identity policy: the policy ' +
                "applies to the user, group or role it is attached to. Remove Principal, or use the document as a " +
                "trust or resource policy.",
        ]);
    });

    it("reports an identity statement without a Resource", async () => {
        const document = { Version: version, Statement: [{ Effect: "Allow", Action: "s3:GetObject" }] };

        const messages = messagesOf(rule, document, "identity");

        expect(messages).to.deep.equal([
            'Statement 0 has no Resource, which IAM requires in an identity policy; name the resources\' ARNs, or "*" ' +
                "for actions that cannot be scoped.",
        ]);
    });

    it("reports a Resource in a trust policy", async () => {
        const document = {
            Version: version,
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { Service: "ec2.amazonaws.com" },
                    Action: "sts:AssumeRole",
                    Resource: "*",
                },
            ],
        };

        const validActions = messagesOf(rule, document, "trust");
        const wildcardGrants = messagesOf("no-wildcard-grants", document, "trust");

        expect(validActions).to.deep.equal([
            "Statement 0 has a Resource, which IAM rejects in a trust policy: the resource is the role itself. Remove Resource.",
        ]);
        expect(wildcardGrants).to.deep.equal([]);
    });

    it("reports a trust or resource statement without a Principal", async () => {
        const document = { Version: version, Statement: [{ Effect: "Allow", Action: "sts:AssumeRole" }] };

        const trust = messagesOf(rule, document, "trust");
        const resource = messagesOf(rule, document, "resource");

        expect(trust).to.deep.equal([
            "Statement 0 has no Principal, which IAM requires in a trust policy; name who the statement applies to.",
        ]);
        expect(resource).to.deep.equal([
            "Statement 0 has no Principal, which IAM requires in a resource policy; name who the statement applies to.",
        ]);
    });
});

describe("policy-version-required", () => {
    const rule = "policy-version-required";

    it("reports a missing and an old Version", async () => {
        const statement = { Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::assets/*" };

        const missing = messagesOf(rule, { Statement: [statement] }, "identity");
        const old = messagesOf(rule, { Version: "2008-10-17", Statement: [statement] }, "identity");
        const current = messagesOf(rule, { Version: version, Statement: [statement] }, "identity");

        expect(missing).to.deep.equal(['The document has no Version. Add "Version": "2012-10-17" at the top level.']);
        expect(old).to.deep.equal([
            'The document has Version "2008-10-17". Add "Version": "2012-10-17" at the top level.',
        ]);
        expect(current).to.deep.equal([]);
    });
});

describe("policy-size-within-limits", () => {
    const rule = "policy-size-within-limits";

    it("reports a trust policy over 2048 characters", async () => {
        const principals = Array.from(
            { length: 60 },
            (_, index) => `arn:aws:iam::111122223333:role/service-role-${index}`,
        );
        const document = {
            Version: version,
            Statement: [
                {
                    Effect: "Allow",
                    Principal: { AWS: principals },
                    Action: "sts:AssumeRole",
                    Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
                },
            ],
        };
        const size = JSON.stringify(document).length;

        const messages = messagesOf(rule, document, "trust");

        expect(messages).to.deep.equal([
            `The document is ${size} characters without whitespace; a role trust policy may have at most 2048. Split it into several policies, or merge statements that share their actions.`,
        ]);
    });
});
