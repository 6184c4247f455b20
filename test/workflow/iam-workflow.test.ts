import * as fs from "fs";
import * as path from "path";

import { expect } from "chai";
import { parse } from "yaml";

const repositoryRoot = path.resolve(__dirname, "..", "..");
const workflowPath = ".github/workflows/iam.yml";

interface Step {
    readonly name?: string;
    readonly uses?: string;
    readonly run?: string;
    readonly shell?: string;
    readonly with?: Record<string, string | number | boolean>;
    readonly env?: Record<string, string>;
}

interface Job {
    readonly name?: string;
    readonly if?: string;
    readonly needs?: string | string[];
    readonly environment?: string | { name: string };
    readonly permissions?: Record<string, string>;
    readonly strategy?: { matrix?: Record<string, unknown> };
    readonly steps: Step[];
}

interface Workflow {
    readonly on: Record<string, { branches?: string[] } | null>;
    readonly permissions?: Record<string, string>;
    readonly jobs: Record<string, Job>;
}

interface CompositeAction {
    readonly inputs?: Record<string, { required?: boolean; default?: string }>;
    readonly runs: { using: string; steps: Step[] };
}

/** A step as it runs: a workflow step, or a step of a local composite action with the job's inputs. */
interface ResolvedStep extends Step {
    readonly job: string;
    /** The `with` of the workflow step that called the composite action, when the step comes from one. */
    readonly actionInputs?: Record<string, string>;
}

function readRepositoryFile(relativePath: string): string {
    return fs.readFileSync(path.join(repositoryRoot, relativePath), "utf8");
}

function loadYaml<T>(relativePath: string): T {
    return parse(readRepositoryFile(relativePath)) as T;
}

function localActionFile(uses: string): string {
    return path.posix.join(uses.replace(/^\.\//, ""), "action.yml");
}

function isLocalAction(step: Step): boolean {
    return step.uses !== undefined && step.uses.startsWith("./");
}

function stringInputs(step: Step): Record<string, string> {
    return Object.fromEntries(Object.entries(step.with ?? {}).map(([key, value]) => [key, String(value)]));
}

/** Replaces `${{ inputs.NAME }}` in a composite action's value with what the calling step passes. */
function substituteInputs(value: string | number | boolean, inputs: Record<string, string>): string {
    return String(value).replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (whole, name: string) => inputs[name] ?? whole);
}

function resolveSteps(jobId: string, job: Job): ResolvedStep[] {
    return job.steps.flatMap((step): ResolvedStep[] => {
        if (!isLocalAction(step)) {
            return [{ ...step, job: jobId }];
        }
        const action = loadYaml<CompositeAction>(localActionFile(step.uses as string));
        const inputs = stringInputs(step);
        return action.runs.steps.map((actionStep) => ({
            ...actionStep,
            with:
                actionStep.with === undefined
                    ? undefined
                    : Object.fromEntries(
                          Object.entries(actionStep.with).map(([key, value]) => [key, substituteInputs(value, inputs)]),
                      ),
            job: jobId,
            actionInputs: inputs,
        }));
    });
}

function needsOf(job: Job): string[] {
    return job.needs === undefined ? [] : Array.isArray(job.needs) ? job.needs : [job.needs];
}

function environmentOf(job: Job): string | undefined {
    return typeof job.environment === "object" ? job.environment.name : job.environment;
}

/** The workflow file and every local action it uses, as text, for searches that must cover both. */
function workflowAndActionTexts(workflow: Workflow): Map<string, string> {
    const texts = new Map<string, string>([[workflowPath, readRepositoryFile(workflowPath)]]);
    for (const job of Object.values(workflow.jobs)) {
        for (const step of job.steps.filter(isLocalAction)) {
            const file = localActionFile(step.uses as string);
            texts.set(file, readRepositoryFile(file));
        }
    }
    return texts;
}

/** Every Pulumi CLI run: the job, the command and stack, and the pack and config it is given. */
interface PulumiRun {
    readonly job: string;
    readonly command: string;
    readonly stack: string;
    readonly policyPacks: string;
    readonly policyPackConfigs: string;
}

function findPulumiRuns(workflow: Workflow): PulumiRun[] {
    return Object.entries(workflow.jobs).flatMap(([jobId, job]) =>
        resolveSteps(jobId, job)
            .filter((step) => step.uses?.startsWith("pulumi/actions@"))
            .map((step) => ({
                job: jobId,
                command: String(step.with?.command),
                // The action builds stack-name from the stack input and an optional organization prefix.
                stack: step.actionInputs?.stack ?? String(step.with?.["stack-name"]),
                policyPacks: String(step.with?.policyPacks),
                policyPackConfigs: String(step.with?.policyPackConfigs),
            })),
    );
}

describe("IAM workflow", () => {
    const workflow = loadYaml<Workflow>(workflowPath);
    const packageJson = JSON.parse(readRepositoryFile("package.json")) as { scripts: Record<string, string> };
    const allSteps = Object.entries(workflow.jobs).flatMap(([jobId, job]) => resolveSteps(jobId, job));
    const runLines = allSteps.flatMap((step) => (step.run === undefined ? [] : step.run.split("\n")));

    it("runs on pull requests and on pushes to main", async () => {
        const triggers = Object.keys(workflow.on);

        expect(triggers).to.deep.equal(["pull_request", "push"]);
        expect(workflow.on.push?.branches).to.deep.equal(["main"]);
    });

    it("gives the token read-only access unless a job asks for more", async () => {
        const defaults = workflow.permissions;

        expect(defaults).to.deep.equal({ contents: "read" });
    });

    it("sets up Node 20 with the npm cache before any npm command", async () => {
        const jobsRunningNpm = [
            ...new Set(allSteps.filter((step) => /\bnpm\b/.test(step.run ?? "")).map((s) => s.job)),
        ];

        expect(jobsRunningNpm).to.have.members(Object.keys(workflow.jobs));
        for (const jobId of jobsRunningNpm) {
            const steps = allSteps.filter((step) => step.job === jobId);
            const setupIndex = steps.findIndex((step) => step.uses?.startsWith("actions/setup-node@"));
            const firstNpmIndex = steps.findIndex((step) => /\bnpm\b/.test(step.run ?? ""));
            expect(setupIndex, `${jobId} sets up Node`).to.be.greaterThan(-1);
            expect(setupIndex, `${jobId} sets up Node before npm`).to.be.lessThan(firstNpmIndex);
            expect(stringInputs(steps[setupIndex]), `${jobId} setup-node inputs`).to.deep.equal({
                "node-version": "20",
                cache: "npm",
            });
        }
    });

    it("installs with npm ci before any npm script", async () => {
        for (const jobId of Object.keys(workflow.jobs)) {
            const runs = allSteps.filter((step) => step.job === jobId && step.run !== undefined).map((s) => s.run);
            expect(runs[0], `${jobId} first command`).to.equal("npm ci");
        }
    });

    it("names only npm scripts that package.json defines", async () => {
        const scripts = runLines.flatMap((line) =>
            [...line.matchAll(/\bnpm (?:run(?: --silent)? ([\w:-]+)|(test)\b)/g)].map((match) => match[1] ?? match[2]),
        );

        expect([...new Set(scripts)].sort()).to.deep.equal(["lint", "preview", "test"]);
        for (const script of scripts) {
            expect(packageJson.scripts, `npm script "${script}"`).to.have.property(script);
        }
    });

    it("names only paths that exist in the repository", async () => {
        const pathInputs = ["policyPacks", "policyPackConfigs", "policy-pack-config", "work-dir"];
        const named = new Set<string>();
        for (const job of Object.values(workflow.jobs)) {
            for (const step of job.steps) {
                if (isLocalAction(step)) {
                    named.add((step.uses as string).replace(/^\.\//, ""));
                }
            }
        }
        for (const step of allSteps) {
            for (const [key, value] of Object.entries(step.with ?? {})) {
                if (pathInputs.includes(key) && !String(value).includes("${{")) {
                    named.add(String(value));
                }
            }
        }

        expect([...named].sort()).to.deep.equal([
            ".github/actions/pulumi-stack",
            "policy-pack",
            "policy-pack/config/dev.json",
            "policy-pack/config/prod.json",
        ]);
        for (const file of named) {
            expect(fs.existsSync(path.join(repositoryRoot, file)), `${file} exists`).to.equal(true);
        }
    });

    it("uses a policy pack directory with a PulumiPolicy.yaml", async () => {
        const packs = [...new Set(findPulumiRuns(workflow).map((run) => run.policyPacks))];

        expect(packs).to.deep.equal(["policy-pack"]);
        expect(fs.existsSync(path.join(repositoryRoot, "policy-pack", "PulumiPolicy.yaml"))).to.equal(true);
    });

    it("names only stacks that have a stack config file", async () => {
        const offlineStacks = workflow.jobs["offline-preview"].strategy?.matrix?.stack as string[];
        const pulumiStacks = findPulumiRuns(workflow).map((run) => run.stack);
        const stacks = [...new Set([...offlineStacks, ...pulumiStacks])].sort();

        expect(stacks).to.deep.equal(["dev", "prod"]);
        for (const stack of stacks) {
            const file = `Pulumi.${stack}.yaml`;
            expect(fs.existsSync(path.join(repositoryRoot, file)), `${file} exists`).to.equal(true);
        }
    });

    it("previews every stack offline on pull requests", async () => {
        const job = workflow.jobs["offline-preview"];

        expect(job.if).to.equal(undefined);
        expect(job.strategy?.matrix).to.deep.equal({ stack: ["dev", "prod"] });
        expect(job.steps.map((step) => step.run).filter((run) => run !== undefined)).to.deep.equal([
            "npm ci",
            "npm run preview -- --stack ${{ matrix.stack }}",
        ]);
        expect(job.permissions).to.equal(undefined);
    });

    it("lints and tests on pull requests", async () => {
        const job = workflow.jobs.checks;

        expect(job.if).to.equal(undefined);
        expect(job.steps.map((step) => step.run).filter((run) => run !== undefined)).to.deep.equal([
            "npm ci",
            "npm run lint",
            "npm test",
        ]);
    });

    it("runs pulumi preview and up with each stack's own pack config", async () => {
        const runs = findPulumiRuns(workflow);

        expect(runs).to.deep.equal([
            {
                job: "preview-dev",
                command: "preview",
                stack: "dev",
                policyPacks: "policy-pack",
                policyPackConfigs: "policy-pack/config/dev.json",
            },
            {
                job: "preview-prod",
                command: "preview",
                stack: "prod",
                policyPacks: "policy-pack",
                policyPackConfigs: "policy-pack/config/prod.json",
            },
            {
                job: "deploy-dev",
                command: "up",
                stack: "dev",
                policyPacks: "policy-pack",
                policyPackConfigs: "policy-pack/config/dev.json",
            },
            {
                job: "deploy-prod",
                command: "up",
                stack: "prod",
                policyPacks: "policy-pack",
                policyPackConfigs: "policy-pack/config/prod.json",
            },
        ]);
    });

    it("gates real previews on the preview role variable", async () => {
        for (const run of findPulumiRuns(workflow).filter((candidate) => candidate.command === "preview")) {
            const job = workflow.jobs[run.job];
            const variable = `AWS_PREVIEW_ROLE_ARN_${run.stack.toUpperCase()}`;

            expect(job.if, `${run.job} condition`).to.equal(
                "github.event_name == 'pull_request' && " +
                    "github.event.pull_request.head.repo.full_name == github.repository && " +
                    `vars.${variable} != ''`,
            );
            expect(environmentOf(job), `${run.job} environment`).to.equal(undefined);
        }
    });

    it("deploys on pushes to main, each stack in its GitHub environment", async () => {
        for (const run of findPulumiRuns(workflow).filter((candidate) => candidate.command === "up")) {
            const job = workflow.jobs[run.job];
            const variable = `AWS_DEPLOY_ROLE_ARN_${run.stack.toUpperCase()}`;

            expect(job.if, `${run.job} condition`).to.equal(
                `github.event_name == 'push' && github.ref == 'refs/heads/main' && vars.${variable} != ''`,
            );
            expect(environmentOf(job), `${run.job} environment`).to.equal(run.stack);
        }
    });

    it("deploys prod only after dev", async () => {
        const upJobs = new Map(
            findPulumiRuns(workflow)
                .filter((run) => run.command === "up")
                .map((run) => [run.stack, run.job]),
        );

        const prodNeeds = needsOf(workflow.jobs[upJobs.get("prod") as string]);
        const devNeeds = needsOf(workflow.jobs[upJobs.get("dev") as string]);

        expect(prodNeeds).to.deep.equal([upJobs.get("dev")]);
        expect(devNeeds).to.have.members(["checks", "offline-preview"]);
    });

    it("assumes AWS roles through OIDC from the stack's role variable", async () => {
        const credentialSteps = allSteps.filter((step) =>
            step.uses?.startsWith("aws-actions/configure-aws-credentials@"),
        );

        expect(credentialSteps.map((step) => step.job)).to.deep.equal([
            "preview-dev",
            "preview-prod",
            "deploy-dev",
            "deploy-prod",
        ]);
        for (const step of credentialSteps) {
            const stack = step.actionInputs?.stack as string;
            const purpose = step.job.startsWith("deploy-") ? "DEPLOY" : "PREVIEW";
            expect(Object.keys(step.with ?? {}).sort(), `${step.job} credential inputs`).to.deep.equal([
                "aws-region",
                "role-session-name",
                "role-to-assume",
            ]);
            expect(step.with?.["role-to-assume"], `${step.job} role`).to.equal(
                `\${{ vars.AWS_${purpose}_ROLE_ARN_${stack.toUpperCase()} }}`,
            );
            expect(workflow.jobs[step.job].permissions, `${step.job} permissions`).to.include({
                "id-token": "write",
            });
        }
    });

    it("uses no long-lived AWS access keys", async () => {
        const texts = workflowAndActionTexts(workflow);

        expect([...texts.keys()]).to.deep.equal([workflowPath, ".github/actions/pulumi-stack/action.yml"]);
        for (const [file, text] of texts) {
            expect(text, file).not.to.match(/aws-access-key-id|aws-secret-access-key|aws-session-token/i);
            expect(text, file).not.to.match(/AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN/);
        }
    });

    it("passes the composite action only declared inputs and every required one", async () => {
        for (const [jobId, job] of Object.entries(workflow.jobs)) {
            for (const step of job.steps.filter(isLocalAction)) {
                const action = loadYaml<CompositeAction>(localActionFile(step.uses as string));
                const declared = Object.keys(action.inputs ?? {});
                const required = declared.filter((name) => action.inputs?.[name].required === true);
                const passed = Object.keys(step.with ?? {});

                expect(passed, `${jobId} inputs`).to.satisfy((names: string[]) =>
                    names.every((name) => declared.includes(name)),
                );
                expect(passed, `${jobId} required inputs`).to.include.members(required);
            }
        }
    });

    it("gives every run step of the composite action a shell", async () => {
        const action = loadYaml<CompositeAction>(".github/actions/pulumi-stack/action.yml");

        const runSteps = action.runs.steps.filter((step) => step.run !== undefined);

        expect(action.runs.using).to.equal("composite");
        expect(runSteps.map((step) => step.shell)).to.deep.equal(["bash"]);
    });
});
