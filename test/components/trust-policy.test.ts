import { expect } from "chai";

import {
    accountTrustStatement,
    ComponentArgumentsError,
    serviceTrustStatement,
    trustPolicy,
    validateAccountTrustStatementArgs,
    validateTrustPolicyStatements,
} from "../../components";

describe("accountTrustStatement", () => {
    it("requires MFA with the default age", () => {
        const statement = accountTrustStatement({ accountIds: ["210987654321"] });

        expect(statement).to.deep.equal({
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::210987654321:root" },
            Action: "sts:AssumeRole",
            Condition: {
                Bool: { "aws:MultiFactorAuthPresent": "true" },
                NumericLessThan: { "aws:MultiFactorAuthAge": "3600" },
            },
        });
    });

    it("adds external ids, an end date and a Sid", () => {
        const statement = accountTrustStatement({
            sid: "Auditors",
            accountIds: ["210987654321", "111122223333"],
            maxMfaAgeSeconds: 900,
            externalIds: ["audit-2027"],
            accessEndDate: "2027-06-30T18:00:00+02:00",
        });

        expect(statement).to.deep.equal({
            Sid: "Auditors",
            Effect: "Allow",
            Principal: { AWS: ["arn:aws:iam::210987654321:root", "arn:aws:iam::111122223333:root"] },
            Action: "sts:AssumeRole",
            Condition: {
                Bool: { "aws:MultiFactorAuthPresent": "true" },
                NumericLessThan: { "aws:MultiFactorAuthAge": "900" },
                StringEquals: { "sts:ExternalId": "audit-2027" },
                DateLessThan: { "aws:CurrentTime": "2027-06-30T16:00:00Z" },
            },
        });
    });

    it("trusts IAM principals by ARN", () => {
        const statement = accountTrustStatement({
            principalArns: ["arn:aws:iam::210987654321:role/security/Auditor"],
        });

        expect(statement.Principal).to.deep.equal({ AWS: "arn:aws:iam::210987654321:role/security/Auditor" });
    });

    it("throws one error listing every problem", () => {
        const build = () =>
            accountTrustStatement({ accountIds: ["12345"], maxMfaAgeSeconds: 0, externalIds: ["x"], sid: "a-b" });

        expect(build).to.throw(
            ComponentArgumentsError,
            "accountTrustStatement has 4 invalid arguments:\n" +
                '  - accountIds[0] "12345" is not an AWS account id; it must be exactly 12 digits\n' +
                "  - maxMfaAgeSeconds is 0 s; it must be a whole number between 1 and 129600 s (36 hours, the " +
                "longest session sts:GetSessionToken issues)\n" +
                "  - externalIds[0] is 1 character; it must be between 2 and 1224\n" +
                '  - sid "a-b" is invalid; a Sid may contain only ASCII letters and digits',
        );
    });
});

describe("validateAccountTrustStatementArgs", () => {
    it("rejects both account ids and principal ARNs", () => {
        const problems = validateAccountTrustStatementArgs({
            accountIds: ["210987654321"],
            principalArns: ["arn:aws:iam::210987654321:root"],
        });

        expect(problems).to.deep.equal(["give either accountIds or principalArns, not both and not neither"]);
    });

    it("rejects an empty account list", () => {
        const problems = validateAccountTrustStatementArgs({ accountIds: [] });

        expect(problems).to.deep.equal(["accountIds is empty; trust at least one"]);
    });

    it("rejects a principal that is not an IAM ARN", () => {
        const problems = validateAccountTrustStatementArgs({ principalArns: ["arn:aws:s3:::bucket"] });

        expect(problems).to.deep.equal([
            'principalArns[0] "arn:aws:s3:::bucket" is not an IAM principal ARN; use arn:aws:iam::<account>:root, ' +
                "arn:aws:iam::<account>:user/<name> or arn:aws:iam::<account>:role/<name>",
        ]);
    });

    it("rejects a date that does not exist", () => {
        const problems = validateAccountTrustStatementArgs({
            accountIds: ["210987654321"],
            accessEndDate: "2027-02-30",
        });

        expect(problems).to.deep.equal([
            'accessEndDate "2027-02-30" is not a valid date; use an ISO 8601 date such as "2027-03-31" or a ' +
                'date-time with a time zone such as "2027-03-31T18:00:00Z"',
        ]);
    });
});

describe("serviceTrustStatement", () => {
    it("never carries an MFA condition", () => {
        const statement = serviceTrustStatement("ec2.amazonaws.com");

        expect(statement).to.deep.equal({
            Effect: "Allow",
            Principal: { Service: "ec2.amazonaws.com" },
            Action: "sts:AssumeRole",
        });
    });

    it("rejects a name that is not a service principal", () => {
        const build = () => serviceTrustStatement("ec2");

        expect(build).to.throw(
            ComponentArgumentsError,
            'serviceTrustStatement: servicePrincipal "ec2" is not an AWS service principal; use a name such as ' +
                '"ec2.amazonaws.com"',
        );
    });
});

describe("trustPolicy", () => {
    it("serialises the statements in order", () => {
        const json = trustPolicy([
            serviceTrustStatement("ec2.amazonaws.com"),
            accountTrustStatement({ accountIds: ["210987654321"] }),
        ]);

        expect(json).to.equal(
            '{"Version":"2012-10-17","Statement":[' +
                '{"Effect":"Allow","Principal":{"Service":"ec2.amazonaws.com"},"Action":"sts:AssumeRole"},' +
                '{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"Action":"sts:AssumeRole",' +
                '"Condition":{"Bool":{"aws:MultiFactorAuthPresent":"true"},' +
                '"NumericLessThan":{"aws:MultiFactorAuthAge":"3600"}}}]}',
        );
    });

    it("requires MFA in every account trust statement", () => {
        const problems = validateTrustPolicyStatements([
            {
                Sid: "NoMfa",
                Effect: "Allow",
                Principal: { AWS: "arn:aws:iam::210987654321:root" },
                Action: "sts:AssumeRole",
            },
        ]);

        expect(problems).to.deep.equal([
            'statement "NoMfa" trusts arn:aws:iam::210987654321:root without Bool aws:MultiFactorAuthPresent ' +
                '"true"; build it with accountTrustStatement',
            'statement "NoMfa" trusts arn:aws:iam::210987654321:root without NumericLessThan ' +
                "aws:MultiFactorAuthAge; build it with accountTrustStatement",
        ]);
    });

    it("rejects MFA conditions on a service statement", () => {
        const problems = validateTrustPolicyStatements([
            {
                Effect: "Allow",
                Principal: { Service: "ec2.amazonaws.com" },
                Action: "sts:AssumeRole",
                Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
            },
        ]);

        expect(problems).to.deep.equal([
            "statement 0 trusts the service ec2.amazonaws.com with an MFA condition, which a service can never " +
                "meet; build it with serviceTrustStatement",
        ]);
    });

    it("rejects a trust of every principal", () => {
        const problems = validateTrustPolicyStatements([{ Effect: "Allow", Principal: "*", Action: "sts:AssumeRole" }]);

        expect(problems).to.deep.equal([
            "statement 0 trusts every principal; name an account, IAM principal or service",
        ]);
    });

    it("rejects a trust policy over 2,048 characters", () => {
        const accountIds = Array.from({ length: 60 }, (_, index) => String(100000000000 + index));
        const statement = accountTrustStatement({ accountIds });

        const problems = validateTrustPolicyStatements([statement]);

        const size = JSON.stringify({ Version: "2012-10-17", Statement: [statement] }).length;
        expect(problems).to.deep.equal([
            `the trust policy is ${size.toLocaleString("en-US")} characters without whitespace; a role's trust ` +
                "policy can have at most 2,048",
        ]);
    });

    it("rejects an empty statement list", () => {
        const build = () => trustPolicy([]);

        expect(build).to.throw(
            ComponentArgumentsError,
            "trustPolicy: statements is empty; a trust policy needs at least one statement",
        );
    });
});
