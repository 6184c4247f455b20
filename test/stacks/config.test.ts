import * as fs from "fs";
import * as path from "path";

import * as pulumi from "@pulumi/pulumi";
import { expect } from "chai";
import { parse } from "yaml";

import { parseStackConfig, StackConfig, StackConfigError } from "../../stacks/config";
import { readStackFile, repositoryRoot, toRawConfig } from "./stack-file";

const now = new Date("2026-12-04T12:00:00Z");

// The edits reach into untyped YAML on purpose, to produce the mistakes that parseStackConfig must catch.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type StackFileConfig = Record<string, any>;

/** Returns prod's config section after `change` has edited a deep copy of it. */
function prodConfigWith(change: (config: StackFileConfig) => void): Record<string, string> {
    const config = structuredClone(readStackFile("prod")) as StackFileConfig;
    change(config);
    return toRawConfig(config);
}

function problemsOf(rawConfig: Record<string, string>, stack = "prod"): readonly string[] {
    return parseStackConfig(rawConfig, { stack, now }).problems;
}

describe("parseStackConfig", () => {
    describe("stack files", () => {
        it("reads Pulumi.prod.yaml into typed values", async () => {
            const rawConfig = toRawConfig(readStackFile("prod"));

            const result = parseStackConfig(rawConfig, { stack: "prod", now });

            expect(result.problems).to.deep.equal([]);
            expect(result.warnings).to.deep.equal([]);
            const expected: StackConfig = {
                stack: "prod",
                accountId: "111122223333",
                region: "eu-west-1",
                tags: { project: "team-iam", environment: "prod" },
                users: [
                    { userName: "aarav-dev", accessEndDate: undefined, awsManagedPolicies: [], consoleLogin: true },
                    { userName: "subham-dev", accessEndDate: undefined, awsManagedPolicies: [], consoleLogin: true },
                    { userName: "meera-design", accessEndDate: undefined, awsManagedPolicies: [], consoleLogin: true },
                    { userName: "rohit-devops", accessEndDate: undefined, awsManagedPolicies: [], consoleLogin: true },
                    {
                        userName: "divya-intern",
                        accessEndDate: "2027-03-31",
                        awsManagedPolicies: ["job-function/ViewOnlyAccess"],
                        consoleLogin: true,
                    },
                ],
                groups: [
                    {
                        groupName: "Developers",
                        members: ["aarav-dev", "subham-dev"],
                        awsManagedPolicies: [],
                        requireMfa: false,
                        ec2InstanceControl: { instanceTags: { team: "developers", environment: "prod" } },
                        bucketObjectAccess: undefined,
                    },
                    {
                        groupName: "Designers",
                        members: ["meera-design"],
                        awsManagedPolicies: [],
                        requireMfa: false,
                        ec2InstanceControl: undefined,
                        bucketObjectAccess: { bucket: "pixel-and-spoon-design-assets-prod" },
                    },
                    {
                        groupName: "Admins",
                        members: ["rohit-devops"],
                        awsManagedPolicies: ["AdministratorAccess"],
                        requireMfa: true,
                        ec2InstanceControl: undefined,
                        bucketObjectAccess: undefined,
                    },
                    {
                        groupName: "ConsoleUsers",
                        members: ["aarav-dev", "subham-dev", "meera-design", "rohit-devops", "divya-intern"],
                        awsManagedPolicies: ["IAMUserChangePassword"],
                        requireMfa: true,
                        ec2InstanceControl: undefined,
                        bucketObjectAccess: undefined,
                    },
                ],
                auditor: {
                    roleName: "ExternalAuditor",
                    trustedAccountId: "999988887777",
                    externalId: "pixel-and-spoon-prod-audit-2027",
                    accessEndDate: "2027-06-30",
                    maxSessionDurationSeconds: 43200,
                    maxMfaAgeSeconds: 3600,
                },
                deployRole: {
                    roleName: "ci-deploy",
                    instanceProfileName: "ci-deploy",
                    bucket: "pixel-and-spoon-deploy-prod",
                    releasePrefix: "releases",
                    maxSessionDurationSeconds: 3600,
                },
            };
            expect(result.config).to.deep.equal(expected);
        });

        it("reads Pulumi.dev.yaml with the dev account's values", async () => {
            const rawConfig = toRawConfig(readStackFile("dev"));

            const result = parseStackConfig(rawConfig, { stack: "dev", now });

            expect(result.problems).to.deep.equal([]);
            expect(result.config?.accountId).to.equal("222233334444");
            expect(result.config?.groups[0].ec2InstanceControl).to.deep.equal({
                instanceTags: { team: "developers", environment: "dev" },
            });
            expect(result.config?.groups[1].bucketObjectAccess).to.deep.equal({
                bucket: "pixel-and-spoon-design-assets-dev",
            });
            expect(result.config?.auditor.externalId).to.equal("pixel-and-spoon-dev-audit-2027");
            expect(result.config?.deployRole.bucket).to.equal("pixel-and-spoon-deploy-dev");
        });

        it("accepts the example in stacks/README.md", async () => {
            const readme = fs.readFileSync(path.join(repositoryRoot, "stacks", "README.md"), "utf8");
            const example = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
            const rawConfig = toRawConfig((parse(example) as { config: Record<string, unknown> }).config);

            const result = parseStackConfig(rawConfig, { stack: "prod", now });

            expect(result.problems).to.deep.equal([]);
            expect(result.config?.users.map((user) => user.userName)).to.deep.equal(["aarav-dev", "divya-intern"]);
            expect(result.config?.auditor.maxSessionDurationSeconds).to.equal(3600);
            expect(result.config?.deployRole.maxSessionDurationSeconds).to.equal(3600);
        });

        it("keeps the same keys in dev and prod", async () => {
            const keysOf = (value: unknown): unknown =>
                Array.isArray(value)
                    ? value.map(keysOf)
                    : typeof value === "object" && value !== null
                      ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, keysOf(item)]))
                      : typeof value;

            const devShape = keysOf(readStackFile("dev"));
            const prodShape = keysOf(readStackFile("prod"));

            expect(devShape).to.deep.equal(prodShape);
        });
    });

    describe("problems", () => {
        it("names the file, key, value and rule of a short account id", async () => {
            const rawConfig = prodConfigWith((config) => {
                config["team-iam:auditor"].trustedAccountId = "99998888777";
            });

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                'Pulumi.prod.yaml: team-iam:auditor.trustedAccountId is "99998888777" (11 characters); it must be a 12-digit AWS account id',
            ]);
        });

        it("reports every missing required key at once", async () => {
            const rawConfig = {};

            const result = parseStackConfig(rawConfig, { stack: "dev", now });

            expect(result.config).to.equal(undefined);
            expect(result.problems).to.deep.equal([
                "Pulumi.dev.yaml: aws:region is missing; set it to the AWS region of the stack, such as eu-west-1",
                'Pulumi.dev.yaml: team-iam:accountId is missing; set it to the 12-digit AWS account id of this environment, quoted, such as "111122223333"',
                "Pulumi.dev.yaml: team-iam:users is missing; set it to users, each an object with at least userName",
                "Pulumi.dev.yaml: team-iam:groups is missing; set it to groups, each an object with at least groupName and members",
                "Pulumi.dev.yaml: team-iam:auditor is missing; set it to an object with roleName, trustedAccountId and accessEndDate",
                "Pulumi.dev.yaml: team-iam:deployRole is missing; set it to an object with roleName, bucket and releasePrefix",
            ]);
        });

        it("rejects an unknown top-level key with the nearest known key", async () => {
            const rawConfig = prodConfigWith((config) => {
                config["team-iam:deployRoles"] = config["team-iam:deployRole"];
            });

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                "Pulumi.prod.yaml: team-iam:deployRoles is not a known key (did you mean deployRole?); the allowed keys are accountId, tags, users, groups, auditor, deployRole",
            ]);
        });

        it("rejects AWS provider keys that would be ignored", async () => {
            const rawConfig = prodConfigWith((config) => {
                config["aws:profile"] = "pixel-prod";
            });

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                "Pulumi.prod.yaml: aws:profile is set, but the program creates its own AWS provider, which reads only aws:region from config; remove the key and give credentials through the environment, such as AWS_PROFILE",
            ]);
        });

        it("rejects a misspelt key inside a user", async () => {
            const rawConfig = prodConfigWith((config) => {
                const intern = config["team-iam:users"][4];
                intern.acessEndDate = intern.accessEndDate;
                delete intern.accessEndDate;
            });

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                "Pulumi.prod.yaml: team-iam:users[4].acessEndDate is not a known key (did you mean accessEndDate?); the allowed keys are userName, accessEndDate, awsManagedPolicies, consoleLogin",
            ]);
        });

        it("rejects a date that does not exist", async () => {
            const rawConfig = prodConfigWith((config) => {
                config["team-iam:users"][4].accessEndDate = "2027-02-30";
            });

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                'Pulumi.prod.yaml: team-iam:users[4].accessEndDate is "2027-02-30"; it must be a real ISO 8601 date such as 2027-03-31 (midnight UTC) or a date-time with a zone such as 2027-03-31T17:00:00Z',
            ]);
        });

        it("rejects a user name longer than 64 characters", async () => {
            const longName = "a".repeat(70);
            const rawConfig = prodConfigWith((config) => {
                config["team-iam:users"].push({ userName: longName });
            });

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                `Pulumi.prod.yaml: team-iam:users[5].userName is "${longName}" (70 characters); it must be at most 64`,
            ]);
        });

        it("rejects a group name with a space", async () => {
            const rawConfig = prodConfigWith((config) => {
                config["team-iam:groups"][1].groupName = "Design Team";
            });

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                'Pulumi.prod.yaml: team-iam:groups[1].groupName is "Design Team"; it may contain only letters, digits and + = , . @ _ -',
            ]);
        });

        it("rejects a group member who is not in the roster", async () => {
            const rawConfig = prodConfigWith((config) => {
                config["team-iam:groups"][0].members.push("subham-devv");
            });

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                'Pulumi.prod.yaml: team-iam:groups[0].members[2] is "subham-devv", which is not a user in team-iam:users; add the user to team-iam:users or correct the name; did you mean subham-dev?',
            ]);
        });

        it("rejects a user in more than 10 groups", async () => {
            const rawConfig = prodConfigWith((config) => {
                for (let number = 1; number <= 9; number++) {
                    config["team-iam:groups"].push({ groupName: `Guild${number}`, members: ["aarav-dev"] });
                }
            });

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                "Pulumi.prod.yaml: aarav-dev is a member of 11 groups in team-iam:groups (Developers, ConsoleUsers, Guild1, Guild2, Guild3, Guild4, Guild5, Guild6, Guild7, Guild8, Guild9); IAM allows a user in at most 10 groups",
            ]);
        });

        it("rejects a user listed twice in any letter case", async () => {
            const rawConfig = prodConfigWith((config) => {
                config["team-iam:users"].push({ userName: "Meera-Design" });
            });

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                "Pulumi.prod.yaml: team-iam:users lists the user Meera-Design more than once (IAM user names are case-insensitive); list each user once",
            ]);
        });

        it("rejects a bucket name with capital letters", async () => {
            const rawConfig = prodConfigWith((config) => {
                config["team-iam:groups"][1].bucketObjectAccess.bucket = "Pixel-Design-Assets";
            });

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                'Pulumi.prod.yaml: team-iam:groups[1].bucketObjectAccess.bucket is "Pixel-Design-Assets"; an S3 bucket name may contain only lowercase letters, digits, dots and hyphens',
            ]);
        });

        it("rejects a session longer than 12 hours", async () => {
            const rawConfig = prodConfigWith((config) => {
                config["team-iam:auditor"].maxSessionDurationSeconds = 50000;
            });

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                "Pulumi.prod.yaml: team-iam:auditor.maxSessionDurationSeconds is 50000; it must be a whole number of seconds between 3600 and 43200",
            ]);
        });

        it("rejects a session duration written as a string", async () => {
            const rawConfig = prodConfigWith((config) => {
                config["team-iam:deployRole"].maxSessionDurationSeconds = "3600";
            });

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                'Pulumi.prod.yaml: team-iam:deployRole.maxSessionDurationSeconds is "3600"; it must be a whole number of seconds between 3600 and 43200',
            ]);
        });

        it("rejects an account id written as a number", async () => {
            const rawConfig = prodConfigWith((config) => {
                config["team-iam:auditor"].trustedAccountId = 999988887777;
            });

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                'Pulumi.prod.yaml: team-iam:auditor.trustedAccountId is 999988887777 (number); it must be a 12-digit AWS account id written as a string, such as "111122223333" (quote it in YAML so that a leading zero is kept)',
            ]);
        });

        it("rejects an auditor account that is the stack's own account", async () => {
            const rawConfig = prodConfigWith((config) => {
                config["team-iam:auditor"].trustedAccountId = "111122223333";
            });

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                "Pulumi.prod.yaml: team-iam:auditor.trustedAccountId is \"111122223333\"; it must be the auditor company's account, not this stack's own account team-iam:accountId",
            ]);
        });

        it("rejects two roles with one name", async () => {
            const rawConfig = prodConfigWith((config) => {
                config["team-iam:deployRole"].roleName = "externalauditor";
            });

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                'Pulumi.prod.yaml: team-iam:deployRole.roleName is "externalauditor"; it must differ from team-iam:auditor.roleName, because IAM role names are unique in an account regardless of case',
            ]);
        });

        it("rejects an external id with a space", async () => {
            const rawConfig = prodConfigWith((config) => {
                config["team-iam:auditor"].externalId = "audit 2027";
            });

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                'Pulumi.prod.yaml: team-iam:auditor.externalId is "audit 2027" (10 characters); it must be 2 to 1224 characters of letters, digits and + = , . @ : / - _',
            ]);
        });

        it("requires MFA for a group granted AdministratorAccess", async () => {
            const rawConfig = prodConfigWith((config) => {
                delete config["team-iam:groups"][2].requireMfa;
            });

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                "Pulumi.prod.yaml: team-iam:groups[2] grants AdministratorAccess without requireMfa; set team-iam:groups[2].requireMfa to true so that administrator credentials alone, without MFA, cannot act",
            ]);
        });

        it("requires password change for console users", async () => {
            const rawConfig = prodConfigWith((config) => {
                config["team-iam:groups"][3].members = ["aarav-dev", "subham-dev", "meera-design", "rohit-devops"];
            });

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                "Pulumi.prod.yaml: divya-intern has consoleLogin but no IAMUserChangePassword, so the required password reset at first sign-in would fail; add the user to a group in team-iam:groups whose awsManagedPolicies list IAMUserChangePassword",
            ]);
        });

        it("rejects instance control without tags", async () => {
            const rawConfig = prodConfigWith((config) => {
                config["team-iam:groups"][0].ec2InstanceControl.instanceTags = {};
            });

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                "Pulumi.prod.yaml: team-iam:groups[0].ec2InstanceControl.instanceTags is {}; it must have at least 1 tag",
            ]);
        });

        it("rejects a release prefix with a wildcard", async () => {
            const rawConfig = prodConfigWith((config) => {
                config["team-iam:deployRole"].releasePrefix = "releases/*";
            });

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                'Pulumi.prod.yaml: team-iam:deployRole.releasePrefix is "releases/*"; it must be an S3 key prefix such as releases or builds/web: letters, digits and ! _ . \' ( ) - in segments separated by /, without a leading or trailing /',
            ]);
        });

        it("rejects more than 10 managed policies on a group", async () => {
            const rawConfig = prodConfigWith((config) => {
                config["team-iam:groups"][2].awsManagedPolicies = [
                    "AdministratorAccess",
                    "ReadOnlyAccess",
                    "SecurityAudit",
                    "IAMFullAccess",
                    "AmazonS3FullAccess",
                    "AmazonEC2FullAccess",
                    "AWSBillingReadOnlyAccess",
                    "job-function/Billing",
                    "job-function/ViewOnlyAccess",
                    "AmazonRDSFullAccess",
                ];
            });

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                "Pulumi.prod.yaml: Group Admins would have 11 managed policies (Admins-require-mfa included); IAM allows at most 10 per user, group or role, so remove some from team-iam:groups[2].awsManagedPolicies",
            ]);
        });

        it("rejects a derived policy name over 128 characters", async () => {
            const longName = "D".repeat(120);
            const rawConfig = prodConfigWith((config) => {
                config["team-iam:groups"][0].groupName = longName;
            });

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                `Pulumi.prod.yaml: team-iam:groups[0].groupName gives the derived policy name "${longName.slice(0, 75)}..." (141 characters); it must be at most 128, so shorten the name`,
            ]);
        });

        it("counts autonaming in the MFA policy name", async () => {
            const longName = "A".repeat(110);
            const rawConfig = prodConfigWith((config) => {
                config["team-iam:groups"][2].groupName = longName;
            });

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                `Pulumi.prod.yaml: team-iam:groups[2].groupName gives the derived policy name "${longName.slice(0, 75)}..." (130 characters, with the 8 random characters that autonaming adds); it must be at most 128, so shorten the name`,
            ]);
        });

        it("rejects structured config written as a plain string", async () => {
            const rawConfig = { ...toRawConfig(readStackFile("prod")), "team-iam:tags": "project=team-iam" };

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                'Pulumi.prod.yaml: team-iam:tags is "project=team-iam"; it must be a YAML object or list, not a plain string',
            ]);
        });

        it("lists problems from several keys together", async () => {
            const rawConfig = prodConfigWith((config) => {
                config["aws:region"] = "Ireland";
                config["team-iam:deployRole"].bucket = "pixel_and_spoon";
                config["team-iam:users"][0].consoleLogin = "yes";
            });

            const problems = problemsOf(rawConfig);

            expect(problems).to.deep.equal([
                'Pulumi.prod.yaml: aws:region is "Ireland"; it must be an AWS region of the aws partition, such as eu-west-1 or us-east-1',
                'Pulumi.prod.yaml: team-iam:users[0].consoleLogin is "yes"; it must be true or false',
                'Pulumi.prod.yaml: team-iam:deployRole.bucket is "pixel_and_spoon"; an S3 bucket name may contain only lowercase letters, digits, dots and hyphens',
            ]);
        });
    });

    describe("warnings", () => {
        it("warns about an intern's end date that has passed", async () => {
            const rawConfig = prodConfigWith((config) => {
                config["team-iam:users"][4].accessEndDate = "2026-11-30";
            });

            const result = parseStackConfig(rawConfig, { stack: "prod", now });

            expect(result.problems).to.deep.equal([]);
            expect(result.warnings).to.deep.equal([
                'Pulumi.prod.yaml: team-iam:users[4].accessEndDate is "2026-11-30", which has passed; IAM now denies divya-intern every action, so remove the user from team-iam:users',
            ]);
            expect(result.config?.users[4].accessEndDate).to.equal("2026-11-30");
        });

        it("warns about an audit end date that has passed", async () => {
            const rawConfig = prodConfigWith((config) => {
                config["team-iam:auditor"].accessEndDate = "2026-12-04T11:00:00Z";
            });

            const result = parseStackConfig(rawConfig, { stack: "prod", now });

            expect(result.problems).to.deep.equal([]);
            expect(result.warnings).to.deep.equal([
                'Pulumi.prod.yaml: team-iam:auditor.accessEndDate is "2026-12-04T11:00:00Z", which has passed; the trust policy no longer lets the auditor\'s account assume the role, so set a new date to extend the audit',
            ]);
        });

        it("warns about a user who can do nothing", async () => {
            const rawConfig = prodConfigWith((config) => {
                config["team-iam:users"].push({ userName: "lena-guest" });
            });

            const result = parseStackConfig(rawConfig, { stack: "prod", now });

            expect(result.problems).to.deep.equal([]);
            expect(result.warnings).to.deep.equal([
                "Pulumi.prod.yaml: lena-guest is in no group and has no awsManagedPolicies, so the user can do nothing; add the user to a group in team-iam:groups or remove it from team-iam:users",
            ]);
        });
    });
});

describe("StackConfigError", () => {
    it("lists every problem on its own line", async () => {
        const problems = ["Pulumi.dev.yaml: first problem", "Pulumi.dev.yaml: second problem"];

        const error = new StackConfigError("Pulumi.dev.yaml", problems);

        expect(error.message).to.equal(
            "Pulumi.dev.yaml has 2 configuration problems:\n- Pulumi.dev.yaml: first problem\n- Pulumi.dev.yaml: second problem",
        );
        expect(error.problems).to.deep.equal(problems);
        expect(pulumi.RunError.isInstance(error)).to.equal(true);
    });
});
