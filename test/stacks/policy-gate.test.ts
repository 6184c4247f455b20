import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { expect } from "chai";
import { parse, stringify } from "yaml";

import { preview, PreviewResult } from "../../runner/preview";

const projectDirectory = path.resolve(__dirname, "..", "..");
const fixtureProgram = path.join(projectDirectory, "test", "fixtures", "bad-grants", "index.ts");
const policyPack = path.join(projectDirectory, "policy-pack");

/** Previews the real stack plus one bad grant, from a temporary project that reuses the stack's own config. */
async function previewWithBadGrant(stack: string, kind: string, previewUnknowns = false): Promise<PreviewResult> {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "bad-grant-"));
    try {
        const stackFile = parse(fs.readFileSync(path.join(projectDirectory, `Pulumi.${stack}.yaml`), "utf8"));
        stackFile.config["fixture:badGrant"] = kind;
        fs.writeFileSync(path.join(directory, `Pulumi.${stack}.yaml`), stringify(stackFile));
        fs.writeFileSync(
            path.join(directory, "Pulumi.yaml"),
            stringify({ name: "team-iam", runtime: "nodejs", main: path.relative(directory, fixtureProgram) }),
        );

        return await preview({
            stack,
            project: directory,
            previewUnknowns,
            policy: true,
            policyPack,
            policyPackConfig: path.join(policyPack, "config", `${stack}.json`),
        });
    } finally {
        fs.rmSync(directory, { recursive: true, force: true });
    }
}

function mandatoryFindings(result: PreviewResult): string[] {
    return (result.plan?.policy?.findings ?? [])
        .filter((finding) => finding.enforcementLevel === "mandatory")
        .map((finding) => `${finding.policy} ${finding.urn?.split("::").pop() ?? ""}`);
}

describe("policy gate on the stacks", () => {
    for (const stack of ["dev", "prod"]) {
        it(`passes the ${stack} stack as configured`, async () => {
            const result = await preview({ stack, project: projectDirectory, previewUnknowns: false, policy: true });

            expect(result.stderr).to.equal("");
            expect(mandatoryFindings(result)).to.deep.equal([]);
            expect(result.exitCode).to.equal(0);
        });
    }

    const badGrants: readonly [kind: string, rule: string][] = [
        ["service-wildcard", "no-wildcard-grants"],
        ["write-wildcard", "no-wildcard-grants"],
        ["not-action", "no-wildcard-grants"],
        ["write-on-every-resource", "no-wildcard-grants"],
        ["managed-administrator", "no-wildcard-grants"],
        ["role-without-mfa", "require-mfa-for-human-roles"],
        ["mfa-bypass-statement", "require-mfa-for-human-roles"],
        ["mfa-if-exists", "require-mfa-for-human-roles"],
        ["public-bucket-policy", "no-unconditioned-wildcard-principals"],
        ["pass-any-role-and-launch", "no-privilege-escalation"],
        ["exclusive-attachment", "no-exclusive-policy-attachment"],
        ["access-key", "no-user-access-keys"],
    ];
    for (const [kind, rule] of badGrants) {
        it(`blocks prod with the ${kind} grant`, async () => {
            const result = await previewWithBadGrant("prod", kind);

            expect(result.exitCode).to.equal(1);
            expect(mandatoryFindings(result)).to.include(`${rule} bad-grant`);
            expect(result.stdout).to.include(`[mandatory]  least-privilege-iam v0.1.0  ${rule} (bad-grant:`);
        });
    }

    it("still blocks a grant when ARNs are unknown", async () => {
        const result = await previewWithBadGrant("prod", "pass-any-role-and-launch", true);

        expect(result.exitCode).to.equal(1);
        expect(mandatoryFindings(result)).to.include("no-privilege-escalation bad-grant");
    });

    it("passes prod when ARNs are unknown", async () => {
        const result = await preview({ stack: "prod", project: projectDirectory, previewUnknowns: true, policy: true });

        expect(result.stderr).to.equal("");
        expect(mandatoryFindings(result)).to.deep.equal([]);
        expect(result.exitCode).to.equal(0);
    });
});
