import { expect } from "chai";
import { ChildProcess, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PolicyPackClient } from "../../runner/analyzer";
import { PreviewArguments, parseArguments, preview } from "../../runner/preview";

const projectDirectory = path.join(__dirname, "..", "fixtures", "runner", "program");
const packDirectory = path.join(__dirname, "..", "fixtures", "runner", "pack");
const repositoryRoot = path.join(__dirname, "..", "..");

function previewArguments(overrides: Partial<PreviewArguments>): PreviewArguments {
    return { stack: "dev", previewUnknowns: false, policy: false, project: projectDirectory, ...overrides };
}

/** Processes started by `parent` that run a policy pack (Linux /proc). */
function policyPackChildren(parent: number): number[] {
    const found: number[] = [];
    for (const entry of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) {
            continue;
        }
        try {
            const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
            const parentPid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
            const commandLine = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8");
            if (parentPid === parent && commandLine.includes("run-policy-pack")) {
                found.push(Number(entry));
            }
        } catch {
            // The process ended while it was being read.
        }
    }
    return found;
}

/** True while the process exists and has not exited; an exited child waiting to be reaped does not count. */
function isRunning(pid: number): boolean {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
    } catch {
        return false;
    }
}

describe("preview", () => {
    it("prints the resource tree and summary", async () => {
        const result = await preview(previewArguments({}));

        expect(result.exitCode).to.equal(0);
        expect(result.stderr).to.equal("");
        expect(result.stdout).to.equal(
            [
                "Previewing update (dev):",
                "",
                "     Type                                 Name                       Plan",
                " +   pulumi:pulumi:Stack                  fixture-iam-dev            create",
                " +   ├─ fixture:index:TeamAccess          team                       create",
                " +   │  ├─ aws:iam:User                   aarav-dev                  create",
                " +   │  ├─ aws:iam:User                   meera-design               create",
                " +   │  ├─ aws:iam:Group                  team-developers            create",
                " +   │  ├─ aws:iam:Policy                 team-read-logs             create",
                " +   │  ├─ aws:iam:GroupPolicyAttachment  team-developers-read-logs  create",
                " +   │  └─ aws:iam:GroupMembership        team-developers-members    create",
                " +   ├─ aws:iam:Role                      deploy                     create",
                " +   ├─ aws:s3:Bucket                     design-assets              create",
                " +   ├─ aws:iam:InstanceProfile           deploy                     create",
                " +   └─ aws:s3:BucketPolicy               design-assets              create",
                "",
                "Outputs:",
                '    bucketArn:           "arn:aws:s3:::fixture-design-assets-dev"',
                '    deployRoleArn:       "arn:aws:iam::222233334444:role/deploy-a0cd92a"',
                '    groupName:           "developers"',
                '    instanceProfileName: "deploy-4f6619c"',
                "",
                "Resources:",
                "    + 12 to create",
                "    12 resources",
                "",
            ].join("\n"),
        );
    });

    it("writes byte-identical JSON plans", async () => {
        const directory = fs.mkdtempSync(path.join(os.tmpdir(), "runner-plan-"));
        const first = path.join(directory, "first.json");
        const second = path.join(directory, "second.json");

        await preview(previewArguments({ json: first, previewUnknowns: true }));
        await preview(previewArguments({ json: second, previewUnknowns: true }));

        const bytes = fs.readFileSync(first);
        expect(fs.readFileSync(second).equals(bytes)).to.equal(true);
        const plan = JSON.parse(bytes.toString("utf8"));
        expect(plan.resources).to.have.lengthOf(12);
        expect(plan.outputs.deployRoleArn).to.equal("(known after apply)");
        fs.rmSync(directory, { recursive: true });
    });

    it("fails with the program's message on bad config", async () => {
        const result = await preview(previewArguments({ stack: "missing" }));

        expect(result.exitCode).to.equal(1);
        expect(result.stdout).to.equal("");
        expect(result.stderr).to.equal(
            `error: Pulumi.missing.yaml not found in ${projectDirectory}: create it, or pick another stack with --stack\n`,
        );
    });

    it("exits non-zero from the command line", async () => {
        const result = spawnSync(
            process.execPath,
            [
                "-r",
                path.join(repositoryRoot, "runner", "register.js"),
                path.join(repositoryRoot, "runner", "preview.ts"),
                "--stack",
                "broken",
                "--no-policy",
                "--project",
                projectDirectory,
            ],
            { encoding: "utf8" },
        );

        expect(result.status).to.equal(1);
        expect(result.stdout).to.equal("");
        expect(result.stderr).to.equal(
            'error: Pulumi.broken.yaml: fixture-iam:users name "not a user name" is not a valid IAM user name\n',
        );
    });

    it("rejects unknown command-line arguments", async () => {
        const parse = () => parseArguments(["--stack", "dev", "--no-policies"]);

        expect(parse).to.throw('unknown argument "--no-policies"');
        expect(() => parseArguments([])).to.throw("--stack is required, for example --stack dev");
    });
});

describe("preview with a policy pack", () => {
    it("reports mandatory findings and exits 1", async () => {
        const result = await preview(previewArguments({ policy: true, policyPack: packDirectory }));

        expect(result.exitCode).to.equal(1);
        expect(result.stderr).to.equal("error: preview failed: 2 mandatory policy violations\n");
        expect(result.stdout).to.contain(
            [
                "Policy Violations:",
                "    [mandatory]  fixture-pack v0.1.0  users-have-team-path (aarav-dev: aws:iam/user:User)",
                "    Every IAM user has a path other than the root path.",
                '    User "aarav-dev" has the path "/"; give it a team path such as /teams/.',
                "    [mandatory]  fixture-pack v0.1.0  users-have-team-path (meera-design: aws:iam/user:User)",
                "    Every IAM user has a path other than the root path.",
                '    User "meera-design" has the path "/"; give it a team path such as /teams/.',
                "",
            ].join("\n"),
        );
        expect(result.plan?.policy?.packs).to.deep.equal(["fixture-pack v0.1.0"]);
        expect(result.plan?.policy?.findings.map((finding) => [finding.policy, finding.urn])).to.deep.equal([
            [
                "users-have-team-path",
                "urn:pulumi:dev::fixture-iam::fixture:index:TeamAccess$aws:iam/user:User::aarav-dev",
            ],
            [
                "users-have-team-path",
                "urn:pulumi:dev::fixture-iam::fixture:index:TeamAccess$aws:iam/user:User::meera-design",
            ],
        ]);
    });

    it("applies the policy config file to stack policies", async () => {
        const directory = fs.mkdtempSync(path.join(os.tmpdir(), "runner-policy-config-"));
        const configFile = path.join(directory, "dev.json");
        fs.writeFileSync(
            configFile,
            JSON.stringify({ "users-have-team-path": "disabled", "stack-resource-count": { maxResources: 5 } }),
        );

        const result = await preview(
            previewArguments({ policy: true, policyPack: packDirectory, policyPackConfig: configFile }),
        );

        expect(result.exitCode).to.equal(0);
        expect(result.plan?.policy?.findings).to.deep.equal([
            {
                policyPack: "fixture-pack",
                policyPackVersion: "0.1.0",
                policy: "stack-resource-count",
                enforcementLevel: "advisory",
                message: "The stack has at most maxResources resources.\nThe stack has 13 resources; the maximum is 5.",
            },
        ]);
        fs.rmSync(directory, { recursive: true });
    });

    it("rejects a config file that names no policy of the pack", async () => {
        const directory = fs.mkdtempSync(path.join(os.tmpdir(), "runner-policy-config-"));
        const configFile = path.join(directory, "dev.json");
        fs.writeFileSync(
            configFile,
            JSON.stringify({ "users-have-a-path": "advisory", "stack-resource-count": { maxResources: 0 } }),
        );

        const result = await preview(
            previewArguments({ policy: true, policyPack: packDirectory, policyPackConfig: configFile }),
        );

        expect(result.exitCode).to.equal(1);
        expect(result.stderr).to.equal(
            `error: ${configFile}: invalid policy pack config:\n` +
                '  - "users-have-a-path" is not a policy of this pack; the policies are stack-resource-count, users-have-team-path\n' +
                "  - stack-resource-count.maxResources: 0 is less than 1\n",
        );
        expect(policyPackChildren(process.pid)).to.deep.equal([]);
        fs.rmSync(directory, { recursive: true });
    });

    it("stops the pack when the program fails", async () => {
        const result = await preview(previewArguments({ policy: true, policyPack: packDirectory, stack: "broken" }));

        expect(result.exitCode).to.equal(1);
        expect(result.stderr).to.equal(
            'error: Pulumi.broken.yaml: fixture-iam:users name "not a user name" is not a valid IAM user name\n',
        );
        expect(policyPackChildren(process.pid)).to.deep.equal([]);
    });

    it("stops the pack when closed", async () => {
        const client = await PolicyPackClient.start(packDirectory, {
            project: "fixture-iam",
            stack: "dev",
            dryRun: true,
            config: {},
            secretKeys: [],
        });
        const pid = client.process.pid as number;

        await client.close();

        expect(isRunning(pid)).to.equal(false);
        expect(policyPackChildren(process.pid)).to.deep.equal([]);
    });

    it("stops the pack when the preview is interrupted", async () => {
        const cli: ChildProcess = spawn(
            process.execPath,
            [
                require.resolve("ts-node/dist/bin.js"),
                "--transpile-only",
                "-P",
                path.join(repositoryRoot, "tsconfig.json"),
                path.join(repositoryRoot, "runner", "preview.ts"),
                "--stack",
                "dev",
                "--project",
                projectDirectory,
                "--policy-pack",
                packDirectory,
            ],
            { stdio: "ignore" },
        );
        let packs: number[] = [];
        for (let attempt = 0; attempt < 200 && packs.length === 0; attempt++) {
            await new Promise((resolve) => setTimeout(resolve, 50));
            packs = policyPackChildren(cli.pid as number);
        }
        expect(packs).to.have.lengthOf(1);

        const exited = new Promise<number | null>((resolve) => cli.once("exit", (code) => resolve(code)));
        cli.kill("SIGINT");
        const code = await exited;

        expect(code).to.equal(130);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect(isRunning(packs[0])).to.equal(false);
    });
});
