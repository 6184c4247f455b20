import { expect } from "chai";

import { describeStatement, isAllow, parsePolicyDocument } from "../../iam/document";

describe("parsePolicyDocument", () => {
    it("normalises single values to lists and condition keys to lower case", () => {
        const document = {
            Version: "2012-10-17",
            Statement: {
                Effect: "Allow",
                Action: "s3:GetObject",
                Resource: "*",
                Condition: { Bool: { "aws:SecureTransport": true } },
            },
        };

        const parsed = parsePolicyDocument(document);

        expect(parsed).to.deep.equal({
            version: "2012-10-17",
            statements: [
                {
                    index: 0,
                    sid: undefined,
                    effect: "Allow",
                    actions: ["s3:GetObject"],
                    notActions: undefined,
                    resources: ["*"],
                    notResources: undefined,
                    principals: undefined,
                    notPrincipals: undefined,
                    conditions: [{ operator: "Bool", key: "aws:securetransport", values: ["true"] }],
                },
            ],
            problems: [],
            json: JSON.stringify(document),
        });
    });

    it("reads a JSON string with principals", () => {
        const json = JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "Trust",
                    Effect: "Allow",
                    Principal: { AWS: ["arn:aws:iam::210987654321:root"], Service: "ec2.amazonaws.com" },
                    Action: "sts:AssumeRole",
                },
            ],
        });

        const parsed = parsePolicyDocument(json);

        expect(parsed.statements[0].sid).to.equal("Trust");
        expect(parsed.statements[0].principals).to.deep.equal([
            { type: "AWS", value: "arn:aws:iam::210987654321:root" },
            { type: "Service", value: "ec2.amazonaws.com" },
        ]);
        expect(parsed.json).to.equal(json);
    });

    it("reads the anonymous principal", () => {
        const parsed = parsePolicyDocument({
            Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject" }],
        });

        expect(parsed.statements[0].principals).to.deep.equal([{ type: "*", value: "*" }]);
    });

    it("returns malformed JSON as a problem", () => {
        const parsed = parsePolicyDocument("{nope");

        expect(parsed).to.deep.equal({
            statements: [],
            problems: ["the document is not valid JSON: Expected property name or '}' in JSON at position 1"],
            json: "{nope",
        });
    });

    it("lists structural problems with what could be read", () => {
        const parsed = parsePolicyDocument({ Statement: [{ Effect: "Permit", Principal: { Bogus: "x" } }, 5] });

        expect(parsed.problems).to.deep.equal([
            'statement 0 has Effect "Permit"; it must be "Allow" or "Deny"',
            'statement 0 Principal has the unknown principal type "Bogus"; use AWS, Service, Federated or CanonicalUser',
            "statement 1 is not an object",
        ]);
        expect(parsed.statements).to.have.length(1);
    });

    it("reports a missing Statement and a non-object document", () => {
        const missing = parsePolicyDocument({ Version: "2012-10-17" });
        const notObject = parsePolicyDocument([1, 2]);

        expect(missing.problems).to.deep.equal(["the document has no Statement"]);
        expect(notObject.problems).to.deep.equal(["the document must be a JSON object with Version and Statement"]);
    });
});

describe("describeStatement", () => {
    it("names a statement by Sid or by position", () => {
        const parsed = parsePolicyDocument({
            Statement: [
                { Sid: "Read", Effect: "Allow", Action: "s3:GetObject" },
                { Effect: "Deny", Action: "s3:PutObject" },
            ],
        });

        const names = parsed.statements.map(describeStatement);

        expect(names).to.deep.equal(['statement "Read"', "statement 1"]);
    });
});

describe("isAllow", () => {
    it("treats anything but Deny as a grant", () => {
        const parsed = parsePolicyDocument({
            Statement: [
                { Effect: "Allow", Action: "s3:GetObject" },
                { Effect: "Deny", Action: "s3:GetObject" },
                { Effect: "Permit", Action: "s3:GetObject" },
            ],
        });

        const grants = parsed.statements.map(isAllow);

        expect(grants).to.deep.equal([true, false, true]);
    });
});
