import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { expect } from "chai";

import { checkPolicyDocument, loadPackConfig } from "../../policy-pack/lib/check-document";
import { applyExemptions } from "../../policy-pack/lib/exemptions";
import { allRules } from "../../policy-pack/lib/registry";
import { exemptionsMatchResources } from "../../policy-pack/rules/exemptions-match-resources";
import { recordExemptions } from "../../policy-pack/lib/exemptions";

const configDirectory = path.join(__dirname, "..", "..", "policy-pack", "config");
const adminsAttachment = {
    name: "Admins-AdministratorAccess",
    urn: "urn:pulumi:prod::team-iam::components:iam:TeamGroup$aws:iam/groupPolicyAttachment:GroupPolicyAttachment::Admins-AdministratorAccess",
};

function writeConfig(content: unknown): string {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), "pack-config-"));
    const file = path.join(directory, "config.json");
    fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
    return file;
}

describe("pack configuration", () => {
    for (const environment of ["dev", "prod"]) {
        it(`loads ${environment}.json with every rule configured`, async () => {
            const file = path.join(configDirectory, `${environment}.json`);

            const config = loadPackConfig(file);

            expect(Object.keys(config).sort()).to.deep.equal(allRules.map((rule) => rule.name).sort());
        });

        it(`exempts the Admins AdministratorAccess attachment in ${environment}.json`, async () => {
            const config = loadPackConfig(path.join(configDirectory, `${environment}.json`));
            const finding = { message: "AdministratorAccess grants everything." };

            const wildcard = applyExemptions([finding], config["no-wildcard-grants"].settings, adminsAttachment);
            const escalation = applyExemptions([finding], config["no-privilege-escalation"].settings, adminsAttachment);

            expect(wildcard).to.deep.equal([]);
            expect(escalation).to.deep.equal([]);
        });
    }

    it("keeps prod mandatory except the advisory rules", async () => {
        const config = loadPackConfig(path.join(configDirectory, "prod.json"));

        const advisory = Object.entries(config)
            .filter(([, entry]) => entry.enforcementLevel !== "mandatory")
            .map(([name]) => name);

        expect(advisory).to.deep.equal(["no-policies-attached-to-users", "exemptions-match-resources"]);
    });

    it("rejects an unknown rule, a bad level and a bad exemption", async () => {
        const file = writeConfig({
            "no-such-rule": "mandatory",
            "valid-actions": "strict",
            "no-wildcard-grants": {
                allowReadOnlyWildcards: "yes",
                exemptions: [{ resource: "Admins-AdministratorAccess", reason: "", expires: "2027-02-30" }],
            },
            "no-user-access-keys": {
                enforcementLevel: "mandatory",
                exemptions: [{ resource: "ci", reason: "legacy" }],
            },
        });

        const load = (): unknown => loadPackConfig(file);

        expect(load).to.throw(
            `${file} is not a valid policy pack configuration:\n` +
                `- "no-such-rule" is not a rule of this pack; rules are ${allRules.map((rule) => rule.name).join(", ")}\n` +
                '- valid-actions is "strict"; it must be one of mandatory, advisory, disabled\n' +
                '- no-wildcard-grants.allowReadOnlyWildcards is "yes"; it must be of type boolean\n' +
                "- no-wildcard-grants.exemptions[0].reason is empty; it must be a non-empty string\n" +
                '- no-user-access-keys.exemptions[0] has no "expires"',
        );
    });

    it("rejects an exemption date that does not exist", async () => {
        const file = writeConfig({
            "no-user-access-keys": {
                exemptions: [{ resource: "ci", reason: "Legacy deploy key.", expires: "2027-02-30" }],
            },
        });

        const load = (): unknown => loadPackConfig(file);

        expect(load).to.throw(
            `${file} is not a valid policy pack configuration:\n- no-user-access-keys.exemptions[0].expires is "2027-02-30"; it is not a real date`,
        );
    });

    it("rejects a file that is not JSON", async () => {
        const file = writeConfig("{ mandatory");

        const load = (): unknown => loadPackConfig(file);

        expect(load).to.throw(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} is not valid JSON: `));
    });

    it("downgrades a rule to advisory for documents", async () => {
        const file = writeConfig({ "policy-version-required": "advisory", "valid-actions": "disabled" });
        const document = {
            Statement: [{ Effect: "Allow", Action: "s3:GetObjekt", Resource: "arn:aws:s3:::assets/*" }],
        };

        const findings = checkPolicyDocument(document, "identity", loadPackConfig(file));

        expect(findings).to.deep.equal([
            {
                rule: "policy-version-required",
                enforcementLevel: "advisory",
                message: 'The document has no Version. Add "Version": "2012-10-17" at the top level.',
            },
        ]);
    });
});

describe("exemptions", () => {
    const finding = { message: 'Statement 0: Action "*" grants every action of every service.' };
    const exemption = (expires: string): Record<string, unknown> => ({
        exemptions: [{ resource: "Admins-AdministratorAccess", reason: "Break-glass group.", expires }],
    });

    it("removes findings while active, through its last day", async () => {
        const lastDay = new Date("2027-06-30T23:59:59Z");

        const findings = applyExemptions([finding], exemption("2027-06-30"), adminsAttachment, lastDay);

        expect(findings).to.deep.equal([]);
    });

    it("says so when expired", async () => {
        const dayAfter = new Date("2027-07-01T00:00:00Z");

        const findings = applyExemptions([finding], exemption("2027-06-30"), adminsAttachment, dayAfter);

        expect(findings).to.deep.equal([
            {
                message:
                    'Statement 0: Action "*" grants every action of every service. The exemption for this resource ("Break-glass group.") expired on 2027-06-30, so it no longer applies; renew it with a new expiry date or fix the finding.',
            },
        ]);
    });

    it("matches by name, type::name and URN only", async () => {
        const byType = {
            exemptions: [
                {
                    resource: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment::Admins-AdministratorAccess",
                    reason: "r",
                    expires: "2099-01-01",
                },
            ],
        };
        const byUrn = { exemptions: [{ resource: adminsAttachment.urn, reason: "r", expires: "2099-01-01" }] };
        const otherType = {
            exemptions: [
                {
                    resource: "aws:iam/rolePolicyAttachment:RolePolicyAttachment::Admins-AdministratorAccess",
                    reason: "r",
                    expires: "2099-01-01",
                },
            ],
        };

        const results = [byType, byUrn, otherType].map((settings) =>
            applyExemptions([finding], settings, adminsAttachment),
        );

        expect(results).to.deep.equal([[], [], [finding]]);
    });

    it("reports an exemption that matches no resource", async () => {
        recordExemptions("no-user-access-keys", {
            exemptions: [{ resource: "legacy-deploy-key", reason: "Old CI.", expires: "2027-01-31" }],
        });
        const resources = [
            {
                type: "aws:iam/user:User",
                name: "ana",
                urn: "urn:pulumi:dev::team-iam::aws:iam/user:User::ana",
                props: {},
            },
        ];

        const findings = exemptionsMatchResources.checkStack(resources, {});
        recordExemptions("no-user-access-keys", {});

        expect(findings).to.deep.equal([
            {
                message:
                    'The no-user-access-keys exemption for "legacy-deploy-key" (expires 2027-01-31) matches no resource of the stack. Correct the resource name (a resource name, type::name or URN) or remove the exemption.',
            },
        ]);
    });
});
