import { expect } from "chai";
import * as path from "path";
import { serializePlan } from "../../runner/plan";
import { PlannedResource, ProgramError, runProgram, runProgramRecorded } from "../../runner/run-program";

const projectDirectory = path.join(__dirname, "..", "fixtures", "runner", "program");

function findResource(resources: readonly PlannedResource[], type: string, name: string): PlannedResource {
    const found = resources.find((resource) => resource.type === type && resource.name === name);
    expect(found, `${type} ${name}`).to.not.equal(undefined);
    return found as PlannedResource;
}

async function runExpectingFailure(options: Parameters<typeof runProgram>[0]): Promise<ProgramError> {
    try {
        await runProgram(options);
    } catch (error) {
        expect(error).to.be.instanceOf(ProgramError);
        return error as ProgramError;
    }
    throw new Error("runProgram succeeded; expected a ProgramError");
}

describe("runProgram", () => {
    it("computes ARNs in each stack's account", async () => {
        const dev = await runProgram({ stack: "dev", projectDirectory });
        const prod = await runProgram({ stack: "prod", projectDirectory });

        const devUser = findResource(dev.resources, "aws:iam/user:User", "aarav-dev");
        const prodUser = findResource(prod.resources, "aws:iam/user:User", "aarav-dev");
        expect(devUser.outputs["arn"]).to.equal("arn:aws:iam::222233334444:user/aarav-dev");
        expect(prodUser.outputs["arn"]).to.equal("arn:aws:iam::111122223333:user/aarav-dev");
        expect(findResource(dev.resources, "aws:iam/group:Group", "team-developers").outputs["arn"]).to.equal(
            "arn:aws:iam::222233334444:group/teams/developers",
        );
        expect(dev.outputs["deployRoleArn"]).to.equal("arn:aws:iam::222233334444:role/deploy-a0cd92a");
    });

    it("nests resources under their parent", async () => {
        const plan = await runProgram({ stack: "dev", projectDirectory });

        const stack = findResource(plan.resources, "pulumi:pulumi:Stack", "fixture-iam-dev");
        const team = findResource(plan.resources, "fixture:index:TeamAccess", "team");
        const user = findResource(plan.resources, "aws:iam/user:User", "aarav-dev");
        expect(stack.parent).to.equal(undefined);
        expect(team.parent).to.equal(stack.urn);
        expect(user.parent).to.equal(team.urn);
        expect(user.urn).to.equal("urn:pulumi:dev::fixture-iam::fixture:index:TeamAccess$aws:iam/user:User::aarav-dev");
        expect(plan.resources.map((resource) => resource.type)).to.deep.equal([
            "pulumi:pulumi:Stack",
            "fixture:index:TeamAccess",
            "aws:iam/role:Role",
            "aws:iam/user:User",
            "aws:iam/user:User",
            "aws:iam/group:Group",
            "aws:iam/policy:Policy",
            "aws:s3/bucket:Bucket",
            "aws:iam/instanceProfile:InstanceProfile",
            "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
            "aws:iam/groupMembership:GroupMembership",
            "aws:s3/bucketPolicy:BucketPolicy",
        ]);
    });

    it("writes the same plan bytes for the same config", async () => {
        const first = serializePlan(await runProgram({ stack: "dev", projectDirectory }));
        const second = serializePlan(await runProgram({ stack: "dev", projectDirectory }));

        expect(second).to.equal(first);
    });

    it("passes structured config as the CLI does", async () => {
        const plan = await runProgram({
            stack: "dev",
            projectDirectory,
            config: { "fixture-iam:users": [{ name: "subham-dev", groups: ["developers"] }] },
        });

        const membership = findResource(
            plan.resources,
            "aws:iam/groupMembership:GroupMembership",
            "team-developers-members",
        );
        expect(membership.inputs["users"]).to.deep.equal(["subham-dev"]);
        expect(
            plan.resources.filter((resource) => resource.type === "aws:iam/user:User").map((user) => user.name),
        ).to.deep.equal(["subham-dev"]);
    });

    it("passes secure values as secret placeholders", async () => {
        const run = await runProgramRecorded({ stack: "prod", projectDirectory });

        expect(run.warnings).to.deep.equal([
            "Pulumi.prod.yaml: fixture-iam:consolePassword is a secure value, which cannot be decrypted offline; " +
                'the program received the placeholder "offline-preview-secure-value" marked as secret',
        ]);
        const profile = findResource(run.plan.resources, "aws:iam/userLoginProfile:UserLoginProfile", "team-console");
        expect(profile.outputs["password"]).to.equal("[secret]");
        expect(profile.inputs).to.deep.equal({ user: "aarav-dev" });
    });

    it("shows values a preview cannot know as unknown", async () => {
        const plan = await runProgram({ stack: "dev", projectDirectory, previewUnknowns: true });

        const role = findResource(plan.resources, "aws:iam/role:Role", "deploy");
        const profile = findResource(plan.resources, "aws:iam/instanceProfile:InstanceProfile", "deploy");
        expect(role.outputs["arn"]).to.equal("(known after apply)");
        expect(role.outputs["uniqueId"]).to.equal("(known after apply)");
        expect(role.outputs["name"]).to.equal("deploy-a0cd92a");
        expect(profile.inputs["role"]).to.equal("deploy-a0cd92a");
        expect(plan.outputs["deployRoleArn"]).to.equal("(known after apply)");
        expect(plan.previewUnknowns).to.equal(true);
    });

    it("reports bad config with nothing registered", async () => {
        const error = await runExpectingFailure({
            stack: "dev",
            projectDirectory,
            config: { "fixture-iam:users": [{ name: "not a name", groups: [] }] },
        });

        expect(error.message).to.equal(
            'Pulumi.dev.yaml: fixture-iam:users name "not a name" is not a valid IAM user name',
        );
        expect(error.registeredResources).to.have.lengthOf(0);
    });

    it("reports a missing config key with nothing registered", async () => {
        const error = await runExpectingFailure({
            stack: "dev",
            projectDirectory,
            config: { "fixture-iam:bucketName": undefined },
        });

        expect(error.message).to.equal(
            "Missing required configuration variable 'fixture-iam:bucketName'\n" +
                "\tplease set a value using the command `pulumi config set fixture-iam:bucketName <value>`",
        );
        expect(error.registeredResources).to.have.lengthOf(0);
    });

    it("names the config keys when the account id is missing", async () => {
        const error = await runExpectingFailure({
            stack: "dev",
            projectDirectory,
            config: { "fixture-iam:accountId": undefined },
        });

        expect(error.message).to.equal(
            "cannot compute IAM ARNs: the stack's AWS account id is not configured; " +
                "set fixture-iam:accountId (or aws:allowedAccountIds) in Pulumi.dev.yaml",
        );
    });

    it("names a missing stack file", async () => {
        const run = runProgram({ stack: "staging", projectDirectory });

        await run.then(
            () => expect.fail("runProgram succeeded for a stack without a file"),
            (error: Error) =>
                expect(error.message).to.equal(
                    `Pulumi.staging.yaml not found in ${projectDirectory}: create it, or pick another stack with --stack`,
                ),
        );
    });
});
