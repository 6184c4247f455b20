import { expect } from "chai";
import { runProgram } from "../../runner/run-program";

/** The IAM resource types whose `arn` output carries the stack's account. */
const iamTypesWithArn = [
    "aws:iam/user:User",
    "aws:iam/group:Group",
    "aws:iam/role:Role",
    "aws:iam/policy:Policy",
    "aws:iam/instanceProfile:InstanceProfile",
];

describe("runProgram on the project's stacks", () => {
    for (const [stack, account] of [
        ["dev", "222233334444"],
        ["prod", "111122223333"],
    ] as const) {
        it(`puts every ${stack} IAM ARN in account ${account}`, async () => {
            const plan = await runProgram({ stack });

            const iamResources = plan.resources.filter((resource) => iamTypesWithArn.includes(resource.type));
            expect(iamResources.length).to.be.greaterThan(0);
            for (const resource of iamResources) {
                expect(resource.outputs["arn"], resource.urn).to.match(new RegExp(`^arn:aws:iam::${account}:`));
            }
            expect(plan.project).to.equal("team-iam");
            expect(plan.stack).to.equal(stack);
        });
    }

    it("leaves the dev ARNs unknown in a preview", async () => {
        const plan = await runProgram({ stack: "dev", previewUnknowns: true });

        const iamResources = plan.resources.filter((resource) => iamTypesWithArn.includes(resource.type));
        expect(iamResources.length).to.be.greaterThan(0);
        for (const resource of iamResources) {
            expect(resource.outputs["arn"], resource.urn).to.equal("(known after apply)");
        }
    });
});
