import * as fs from "fs";
import * as path from "path";

import { expect } from "chai";

import { guessDocumentKind } from "../../policy-pack/lib/check-document";
import { allRules } from "../../policy-pack/lib/registry";
import { RuleMetadata } from "../../policy-pack/lib/rule";

const rulesDirectory = path.join(__dirname, "..", "..", "policy-pack", "rules");

describe("rule metadata", () => {
    it("has one rule per file, named after the file", async () => {
        const fileNames = fs
            .readdirSync(rulesDirectory)
            .filter((file) => file.endsWith(".ts"))
            .map((file) => file.replace(/\.ts$/, ""))
            .sort();

        const ruleNames = allRules.map((rule) => rule.name).sort();

        expect(ruleNames).to.deep.equal(fileNames);
    });

    for (const rule of allRules) {
        describe(rule.name, () => {
            it("is exported from its own file", async () => {
                const exported = Object.values(
                    (await import(path.join(rulesDirectory, `${rule.name}.ts`))) as Record<string, RuleMetadata>,
                );

                expect(exported.map((value) => value.name)).to.include(rule.name);
            });

            it("follows the metadata conventions", async () => {
                expect(rule.name).to.match(/^[a-z]+(?:-[a-z]+)+$/);
                expect(rule.description).to.match(/^[A-Z].*\.$/);
                expect(rule.reason).to.match(/^[A-Z].*\.$/);
                expect(rule.description).to.not.equal(rule.reason);
                expect(["mandatory", "advisory"]).to.include(rule.enforcementLevel);
                expect(["low", "medium", "high", "critical"]).to.include(rule.severity);
                expect(rule.url).to.match(/^https:\/\/(docs\.aws\.amazon\.com|www\.pulumi\.com)\//);
            });
        });
    }
});

describe("guessDocumentKind", () => {
    it("tells trust, resource and identity policies apart", async () => {
        const trust = {
            Statement: [{ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "STS:AssumeRole" }],
        };
        const resource = {
            Statement: [{ Effect: "Allow", Principal: "*", Action: "*", Resource: "arn:aws:s3:::assets/*" }],
        };
        const identity = JSON.stringify({ Statement: { Effect: "Allow", Action: "s3:GetObject", Resource: "*" } });

        const kinds = [trust, resource, identity].map(guessDocumentKind);

        expect(kinds).to.deep.equal(["trust", "resource", "identity"]);
    });
});
