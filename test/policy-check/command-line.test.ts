import { expect } from "chai";

import { parseCommandLine, readPolicyDocument, UsageError } from "../../policy-pack/check";
import { fixtures } from "./run-check";

describe("parseCommandLine", () => {
    it("reads files with every option at its default", async () => {
        const commandLine = parseCommandLine(["a.json", "b.json"]);

        expect(commandLine).to.deep.equal({
            kind: undefined,
            json: false,
            configFile: undefined,
            files: ["a.json", "b.json"],
            help: false,
        });
    });

    it("reads options in both spaced and inline forms", async () => {
        const commandLine = parseCommandLine([
            "--kind",
            "trust",
            "--config=policy-pack/config/prod.json",
            "--json",
            "a.json",
        ]);

        expect(commandLine).to.deep.equal({
            kind: "trust",
            json: true,
            configFile: "policy-pack/config/prod.json",
            files: ["a.json"],
            help: false,
        });
    });

    it("takes arguments after -- as files", async () => {
        const commandLine = parseCommandLine(["--json", "--", "--kind", "-"]);

        expect(commandLine.files).to.deep.equal(["--kind", "-"]);
        expect(commandLine.kind).to.equal(undefined);
    });

    it("takes the last value of a repeated option", async () => {
        const commandLine = parseCommandLine(["--kind", "trust", "--kind=resource", "a.json"]);

        expect(commandLine.kind).to.equal("resource");
    });

    it("accepts --help without files", async () => {
        const commandLine = parseCommandLine(["-h"]);

        expect(commandLine.help).to.equal(true);
        expect(commandLine.files).to.deep.equal([]);
    });

    const invalidCommandLines: { name: string; args: string[]; message: string }[] = [
        {
            name: "an unknown long option",
            args: ["--format", "a.json"],
            message: "unknown option --format; the options are --kind, --config, --json and --help",
        },
        {
            name: "an unknown short option",
            args: ["-x", "a.json"],
            message: "unknown option -x; the options are --kind, --config, --json and --help",
        },
        {
            name: "an unknown document kind",
            args: ["--kind", "policy", "a.json"],
            message: '--kind "policy" is not a document kind; use identity, trust, resource',
        },
        {
            name: "a document kind in the wrong case",
            args: ["--kind=Trust", "a.json"],
            message: '--kind "Trust" is not a document kind; use identity, trust, resource',
        },
        { name: "--kind at the end", args: ["a.json", "--kind"], message: "option --kind needs a value" },
        {
            name: "--kind followed by an option",
            args: ["--kind", "--json", "a.json"],
            message: "option --kind needs a value",
        },
        { name: "an empty --config", args: ["--config=", "a.json"], message: "option --config needs a value" },
        {
            name: "a value given to --json",
            args: ["--json=yes", "a.json"],
            message: 'option --json takes no value, but was given "yes"',
        },
        {
            name: "a command line without files",
            args: ["--json"],
            message: "no files given; name at least one JSON file with a policy document, or - for standard input",
        },
    ];
    for (const { name, args, message } of invalidCommandLines) {
        it(`rejects ${name}`, async () => {
            const parse = () => parseCommandLine(args);

            expect(parse).to.throw(UsageError, message);
        });
    }
});

describe("readPolicyDocument", () => {
    it("reads a document whose Statement is a single object", async () => {
        const document = readPolicyDocument(`${fixtures}/trust-mfa.json`);

        expect(document).to.deep.equal({
            Version: "2012-10-17",
            Statement: {
                Effect: "Allow",
                Principal: { AWS: "111122223333" },
                Action: "sts:AssumeRole",
                Condition: { Bool: { "aws:MultiFactorAuthPresent": "true" } },
            },
        });
    });

    it("names the line and column of invalid JSON", async () => {
        const read = () => readPolicyDocument(`${fixtures}/malformed.json`);

        expect(read).to.throw(
            `${fixtures}/malformed.json: not valid JSON: Expected property name or '}' at line 5, column 13`,
        );
    });

    it("points at a document wrapped in AWS CLI output", async () => {
        const read = () => readPolicyDocument(`${fixtures}/aws-cli-get-role-output.json`);

        expect(read).to.throw(
            `${fixtures}/aws-cli-get-role-output.json: not a policy document: expected a JSON object with a Statement; ` +
                `it contains one at "Role.AssumeRolePolicyDocument", so extract that first, ` +
                `for example with jq '.Role.AssumeRolePolicyDocument'`,
        );
    });

    it("points at a document in a JSON string", async () => {
        const read = () => readPolicyDocument(`${fixtures}/aws-cli-get-bucket-policy-output.json`);

        expect(read).to.throw(
            `${fixtures}/aws-cli-get-bucket-policy-output.json: not a policy document: expected a JSON object with ` +
                `a Statement; it contains one at "Policy", so extract that first, for example with jq '.Policy | fromjson'`,
        );
    });

    it("quotes keys that jq cannot read bare", async () => {
        const file = `${fixtures}/wrapped-under-dashed-key.json`;

        const read = () => readPolicyDocument(file);

        expect(read).to.throw(
            `${file}: not a policy document: expected a JSON object with a Statement; it contains one at ` +
                `"stack-outputs.trust-policy", so extract that first, for example with jq '.["stack-outputs"]["trust-policy"]'`,
        );
    });

    it("lists the structural problems IAM would reject", async () => {
        const read = () => readPolicyDocument(`${fixtures}/invalid-effect.json`);

        expect(read).to.throw(
            `${fixtures}/invalid-effect.json: not a valid policy document: ` +
                `statement 0 has Effect "Permit"; it must be "Allow" or "Deny"`,
        );
    });

    it("reports a missing file as not found", async () => {
        const read = () => readPolicyDocument(`${fixtures}/no-such-policy.json`);

        expect(read).to.throw(`${fixtures}/no-such-policy.json: file not found`);
    });

    it("reports a directory", async () => {
        const read = () => readPolicyDocument(fixtures);

        expect(read).to.throw(`${fixtures}: is a directory; name the JSON files in it`);
    });
});
