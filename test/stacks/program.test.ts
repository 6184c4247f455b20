import { expect } from "chai";

import { Plan, PlannedResource, ProgramError, runProgram } from "../../runner/run-program";
import { readStackFile } from "./stack-file";

const userType = "aws:iam/user:User";
const groupType = "aws:iam/group:Group";
const membershipType = "aws:iam/groupMembership:GroupMembership";
const policyType = "aws:iam/policy:Policy";
const roleType = "aws:iam/role:Role";
const groupAttachmentType = "aws:iam/groupPolicyAttachment:GroupPolicyAttachment";
const roleAttachmentType = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const userAttachmentType = "aws:iam/userPolicyAttachment:UserPolicyAttachment";

function findResource(plan: Plan, type: string, name: string): PlannedResource {
    const found = plan.resources.find((resource) => resource.type === type && resource.name === name);
    if (found === undefined) {
        throw new Error(`the plan has no ${type} named ${name}`);
    }
    return found;
}

function documentOf(plan: Plan, type: string, name: string, input: string): unknown {
    return JSON.parse(findResource(plan, type, name).inputs[input] as string);
}

/** Maps each attachment of the given type to `target -> policy ARN`, sorted, so that order does not matter. */
function attachmentsOf(plan: Plan, type: string, targetInput: string): string[] {
    return plan.resources
        .filter((resource) => resource.type === type)
        .map((resource) => `${resource.inputs[targetInput]} -> ${resource.inputs.policyArn}`)
        .sort();
}

function typesAndNames(plan: Plan): string[] {
    return plan.resources.map((resource) => `${resource.type} ${resource.name}`).sort();
}

/** Parts of dev's values that differ from prod's, with prod's value. */
const devToProdValues: readonly [string, string][] = [
    ["222233334444", "111122223333"],
    ["pixel-and-spoon-design-assets-dev", "pixel-and-spoon-design-assets-prod"],
    ["pixel-and-spoon-deploy-dev", "pixel-and-spoon-deploy-prod"],
    ["pixel-and-spoon-dev-audit-2027", "pixel-and-spoon-prod-audit-2027"],
    ["team-iam-dev", "team-iam-prod"],
    ["urn:pulumi:dev::", "urn:pulumi:prod::"],
];

/** Replaces dev's configured values by prod's, inside JSON documents too, so that only the shapes remain. */
function replaceDevValues(value: unknown): unknown {
    if (typeof value === "string") {
        if (value.startsWith("{") || value.startsWith("[")) {
            return replaceDevValues(JSON.parse(value));
        }
        // A whole value of "dev" is the environment tag's value, in tags and in tag conditions.
        if (value === "dev") {
            return "prod";
        }
        let replaced = value;
        for (const [devValue, prodValue] of devToProdValues) {
            replaced = replaced.split(devValue).join(prodValue);
        }
        // The MFA policies' autonamed names end in random characters, which differ per stack.
        return replaced.replace(/-require-mfa-[0-9a-f]{7}/g, "-require-mfa-(random)");
    }
    if (Array.isArray(value)) {
        return value.map(replaceDevValues);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, replaceDevValues(item)]));
    }
    return value;
}

/** Returns the plan's resources, without their outputs, with dev's values replaced by prod's. */
function normaliseDevPlan(plan: Plan): unknown {
    return plan.resources.map((resource) =>
        replaceDevValues({
            urn: resource.urn,
            type: resource.type,
            name: resource.name,
            parent: resource.parent,
            inputs: resource.inputs,
        }),
    );
}

/** Runs the program with prod's config plus `overrides`, and returns the ProgramError it must fail with. */
async function runProdExpectingFailure(overrides: Record<string, unknown>): Promise<ProgramError> {
    try {
        await runProgram({ stack: "prod", config: overrides });
    } catch (error) {
        if (error instanceof ProgramError) {
            return error;
        }
        throw error;
    }
    throw new Error("the program succeeded, but it must reject the config");
}

describe("team-iam program", () => {
    let prod: Plan;
    let dev: Plan;

    before(async () => {
        prod = await runProgram({ stack: "prod" });
        dev = await runProgram({ stack: "dev" });
    });

    describe("prod", () => {
        it("registers every resource of the organisation", async () => {
            const resources = typesAndNames(prod);

            expect(resources).to.deep.equal(
                [
                    "pulumi:pulumi:Stack team-iam-prod",
                    "pulumi:providers:aws aws",
                    "least-privilege-iam:index:TeamUser aarav-dev",
                    "least-privilege-iam:index:TeamUser subham-dev",
                    "least-privilege-iam:index:TeamUser meera-design",
                    "least-privilege-iam:index:TeamUser rohit-devops",
                    "least-privilege-iam:index:TeamUser divya-intern",
                    `${userType} aarav-dev`,
                    `${userType} subham-dev`,
                    `${userType} meera-design`,
                    `${userType} rohit-devops`,
                    `${userType} divya-intern`,
                    "aws:iam/userLoginProfile:UserLoginProfile aarav-dev-login-profile",
                    "aws:iam/userLoginProfile:UserLoginProfile subham-dev-login-profile",
                    "aws:iam/userLoginProfile:UserLoginProfile meera-design-login-profile",
                    "aws:iam/userLoginProfile:UserLoginProfile rohit-devops-login-profile",
                    "aws:iam/userLoginProfile:UserLoginProfile divya-intern-login-profile",
                    `${userAttachmentType} divya-intern-ViewOnlyAccess`,
                    "aws:iam/userPolicy:UserPolicy divya-intern-access-end",
                    "least-privilege-iam:index:TeamGroup Developers",
                    "least-privilege-iam:index:TeamGroup Designers",
                    "least-privilege-iam:index:TeamGroup Admins",
                    "least-privilege-iam:index:TeamGroup ConsoleUsers",
                    `${groupType} Developers`,
                    `${groupType} Designers`,
                    `${groupType} Admins`,
                    `${groupType} ConsoleUsers`,
                    `${membershipType} Developers-membership`,
                    `${membershipType} Designers-membership`,
                    `${membershipType} Admins-membership`,
                    `${membershipType} ConsoleUsers-membership`,
                    "least-privilege-iam:index:LeastPrivilegePolicy Developers-ec2-instance-control",
                    "least-privilege-iam:index:LeastPrivilegePolicy Designers-bucket-object-access",
                    "least-privilege-iam:index:RequireMfaPolicy Admins-require-mfa",
                    "least-privilege-iam:index:RequireMfaPolicy ConsoleUsers-require-mfa",
                    `${policyType} Developers-ec2-instance-control`,
                    `${policyType} Designers-bucket-object-access`,
                    `${policyType} Admins-require-mfa`,
                    `${policyType} ConsoleUsers-require-mfa`,
                    `${groupAttachmentType} Developers-Developers-ec2-instance-control`,
                    `${groupAttachmentType} Designers-Designers-bucket-object-access`,
                    `${groupAttachmentType} Admins-AdministratorAccess`,
                    `${groupAttachmentType} Admins-Admins-require-mfa`,
                    `${groupAttachmentType} ConsoleUsers-IAMUserChangePassword`,
                    `${groupAttachmentType} ConsoleUsers-ConsoleUsers-require-mfa`,
                    "least-privilege-iam:index:CrossAccountAuditorRole ExternalAuditor",
                    `${roleType} ExternalAuditor`,
                    `${roleAttachmentType} ExternalAuditor-ReadOnlyAccess`,
                    `${roleAttachmentType} ExternalAuditor-SecurityAudit`,
                    "least-privilege-iam:index:LeastPrivilegePolicy ci-deploy-release-upload",
                    `${policyType} ci-deploy-release-upload`,
                    "least-privilege-iam:index:Ec2ServiceRole ci-deploy",
                    `${roleType} ci-deploy`,
                    "aws:iam/instanceProfile:InstanceProfile ci-deploy-instance-profile",
                    `${roleAttachmentType} ci-deploy-ci-deploy-release-upload`,
                ].sort(),
            );
        });

        it("pins the provider to the prod account and region", async () => {
            const provider = findResource(prod, "pulumi:providers:aws", "aws");

            expect(provider.inputs.region).to.equal("eu-west-1");
            expect(JSON.parse(provider.inputs.allowedAccountIds as string)).to.deep.equal(["111122223333"]);
            expect(JSON.parse(provider.inputs.defaultTags as string)).to.deep.equal({
                tags: { project: "team-iam", environment: "prod" },
            });
        });

        it("puts each user in the configured groups", async () => {
            const memberships = Object.fromEntries(
                prod.resources
                    .filter((resource) => resource.type === membershipType)
                    .map((resource) => [resource.inputs.group, resource.inputs.users]),
            );

            expect(memberships).to.deep.equal({
                Developers: ["aarav-dev", "subham-dev"],
                Designers: ["meera-design"],
                Admins: ["rohit-devops"],
                ConsoleUsers: ["aarav-dev", "subham-dev", "meera-design", "rohit-devops", "divya-intern"],
            });
        });

        it("lets developers see EC2 and power only tagged instances", async () => {
            const document = documentOf(prod, policyType, "Developers-ec2-instance-control", "policy");

            expect(document).to.deep.equal({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "DescribeEc2",
                        Effect: "Allow",
                        Action: [
                            "ec2:DescribeAccountAttributes",
                            "ec2:DescribeAddresses",
                            "ec2:DescribeAvailabilityZones",
                            "ec2:DescribeImages",
                            "ec2:DescribeInstanceStatus",
                            "ec2:DescribeInstanceTypes",
                            "ec2:DescribeInstances",
                            "ec2:DescribeKeyPairs",
                            "ec2:DescribeNetworkInterfaces",
                            "ec2:DescribeRegions",
                            "ec2:DescribeSecurityGroups",
                            "ec2:DescribeSubnets",
                            "ec2:DescribeTags",
                            "ec2:DescribeVolumes",
                            "ec2:DescribeVpcs",
                        ],
                        Resource: ["*"],
                    },
                    {
                        Sid: "ControlTaggedInstances",
                        Effect: "Allow",
                        Action: ["ec2:RebootInstances", "ec2:StartInstances", "ec2:StopInstances"],
                        Resource: ["arn:aws:ec2:eu-west-1:111122223333:instance/*"],
                        Condition: {
                            StringEquals: {
                                "aws:ResourceTag/team": "developers",
                                "aws:ResourceTag/environment": "prod",
                            },
                        },
                    },
                ],
            });
        });

        it("lets designers use only the design-assets bucket", async () => {
            const document = documentOf(prod, policyType, "Designers-bucket-object-access", "policy");

            expect(document).to.deep.equal({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "ListBucket",
                        Effect: "Allow",
                        Action: ["s3:ListBucket"],
                        Resource: ["arn:aws:s3:::pixel-and-spoon-design-assets-prod"],
                    },
                    {
                        Sid: "ReadWriteObjects",
                        Effect: "Allow",
                        Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
                        Resource: ["arn:aws:s3:::pixel-and-spoon-design-assets-prod/*"],
                    },
                ],
            });
        });

        it("lets the deploy role upload only under the release prefix", async () => {
            const document = documentOf(prod, policyType, "ci-deploy-release-upload", "policy");

            expect(document).to.deep.equal({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "ListReleases",
                        Effect: "Allow",
                        Action: ["s3:ListBucket"],
                        Resource: ["arn:aws:s3:::pixel-and-spoon-deploy-prod"],
                        Condition: { StringLike: { "s3:prefix": "releases/*" } },
                    },
                    {
                        Sid: "UploadReleases",
                        Effect: "Allow",
                        Action: ["s3:PutObject"],
                        Resource: ["arn:aws:s3:::pixel-and-spoon-deploy-prod/releases/*"],
                    },
                ],
            });
        });

        it("attaches each group's policies and nothing else", async () => {
            const attachments = attachmentsOf(prod, groupAttachmentType, "group");

            const requireMfaArn = findResource(prod, policyType, "Admins-require-mfa").outputs.arn;
            const consoleRequireMfaArn = findResource(prod, policyType, "ConsoleUsers-require-mfa").outputs.arn;
            expect(requireMfaArn).to.match(/^arn:aws:iam::111122223333:policy\/Admins-require-mfa-[0-9a-f]{7}$/);
            expect(consoleRequireMfaArn).to.match(
                /^arn:aws:iam::111122223333:policy\/ConsoleUsers-require-mfa-[0-9a-f]{7}$/,
            );
            expect(attachments).to.deep.equal(
                [
                    "Admins -> arn:aws:iam::aws:policy/AdministratorAccess",
                    `Admins -> ${requireMfaArn}`,
                    "ConsoleUsers -> arn:aws:iam::aws:policy/IAMUserChangePassword",
                    `ConsoleUsers -> ${consoleRequireMfaArn}`,
                    "Designers -> arn:aws:iam::111122223333:policy/Designers-bucket-object-access",
                    "Developers -> arn:aws:iam::111122223333:policy/Developers-ec2-instance-control",
                ].sort(),
            );
        });

        it("denies admins everything but MFA setup without MFA", async () => {
            const document = documentOf(prod, policyType, "Admins-require-mfa", "policy") as {
                Statement: { Sid: string; Effect: string; Condition?: unknown }[];
            };

            const deny = document.Statement.find((statement) => statement.Effect === "Deny");
            expect(deny?.Sid).to.equal("DenyAllExceptListedIfNoMFA");
            expect(deny?.Condition).to.deep.equal({ BoolIfExists: { "aws:MultiFactorAuthPresent": "false" } });
        });

        it("gives the intern view-only access until the end date", async () => {
            const attachments = attachmentsOf(prod, userAttachmentType, "user");
            const endPolicy = documentOf(prod, "aws:iam/userPolicy:UserPolicy", "divya-intern-access-end", "policy");

            expect(attachments).to.deep.equal(["divya-intern -> arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"]);
            expect(endPolicy).to.deep.equal({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "DenyAllAfterAccessEndDate",
                        Effect: "Deny",
                        Action: "*",
                        Resource: "*",
                        Condition: { DateGreaterThan: { "aws:CurrentTime": "2027-03-31T00:00:00Z" } },
                    },
                ],
            });
        });

        it("requires a password reset at first console sign-in", async () => {
            const profiles = prod.resources
                .filter((resource) => resource.type === "aws:iam/userLoginProfile:UserLoginProfile")
                .map((resource) => resource.inputs);

            expect(profiles).to.deep.equal(
                ["aarav-dev", "subham-dev", "meera-design", "rohit-devops", "divya-intern"].map((user) => ({
                    user,
                    passwordLength: 20,
                    passwordResetRequired: true,
                })),
            );
        });

        it("trusts only the auditor's account, with MFA, until the end date", async () => {
            const role = findResource(prod, roleType, "ExternalAuditor");

            expect(JSON.parse(role.inputs.assumeRolePolicy as string)).to.deep.equal({
                Version: "2012-10-17",
                Statement: [
                    {
                        Sid: "TrustedAccountWithMfa",
                        Effect: "Allow",
                        Principal: { AWS: "arn:aws:iam::999988887777:root" },
                        Action: "sts:AssumeRole",
                        Condition: {
                            Bool: { "aws:MultiFactorAuthPresent": "true" },
                            NumericLessThan: { "aws:MultiFactorAuthAge": "3600" },
                            StringEquals: { "sts:ExternalId": "pixel-and-spoon-prod-audit-2027" },
                            DateLessThan: { "aws:CurrentTime": "2027-06-30T00:00:00Z" },
                        },
                    },
                ],
            });
            expect(role.inputs.maxSessionDuration).to.equal(43200);
            expect(role.inputs.name).to.equal("ExternalAuditor");
        });

        it("gives the auditor ReadOnlyAccess and SecurityAudit only", async () => {
            const attachments = attachmentsOf(prod, roleAttachmentType, "role");

            expect(attachments).to.deep.equal([
                "ExternalAuditor -> arn:aws:iam::aws:policy/ReadOnlyAccess",
                "ExternalAuditor -> arn:aws:iam::aws:policy/SecurityAudit",
                "ci-deploy -> arn:aws:iam::111122223333:policy/ci-deploy-release-upload",
            ]);
        });

        it("lets only EC2 assume the deploy role", async () => {
            const role = findResource(prod, roleType, "ci-deploy");
            const profile = findResource(prod, "aws:iam/instanceProfile:InstanceProfile", "ci-deploy-instance-profile");

            expect(JSON.parse(role.inputs.assumeRolePolicy as string)).to.deep.equal({
                Version: "2012-10-17",
                Statement: [
                    {
                        Effect: "Allow",
                        Principal: { Service: "ec2.amazonaws.com" },
                        Action: "sts:AssumeRole",
                    },
                ],
            });
            expect(role.inputs.maxSessionDuration).to.equal(3600);
            expect(profile.inputs).to.deep.equal({ name: "ci-deploy", path: "/", role: "ci-deploy" });
        });

        it("exports ARNs and names", async () => {
            const outputs = prod.outputs;

            expect(outputs.userArns).to.deep.equal({
                "aarav-dev": "arn:aws:iam::111122223333:user/aarav-dev",
                "divya-intern": "arn:aws:iam::111122223333:user/divya-intern",
                "meera-design": "arn:aws:iam::111122223333:user/meera-design",
                "rohit-devops": "arn:aws:iam::111122223333:user/rohit-devops",
                "subham-dev": "arn:aws:iam::111122223333:user/subham-dev",
            });
            expect(outputs.groupNames).to.deep.equal(["Developers", "Designers", "Admins", "ConsoleUsers"]);
            expect(outputs.policyArns).to.deep.equal({
                "Designers-bucket-object-access": "arn:aws:iam::111122223333:policy/Designers-bucket-object-access",
                "Developers-ec2-instance-control": "arn:aws:iam::111122223333:policy/Developers-ec2-instance-control",
                "ci-deploy-release-upload": "arn:aws:iam::111122223333:policy/ci-deploy-release-upload",
            });
            expect(outputs.auditorRoleArn).to.equal("arn:aws:iam::111122223333:role/ExternalAuditor");
            expect(outputs.deployRoleArn).to.equal("arn:aws:iam::111122223333:role/ci-deploy");
            expect(outputs.deployInstanceProfileName).to.equal("ci-deploy");
            expect(outputs.initialPasswords).to.equal("[secret]");
        });

        it("warns only about the intern's directly attached policy", async () => {
            const diagnostics = prod.diagnostics.map((diagnostic) => `${diagnostic.severity}: ${diagnostic.message}`);

            expect(diagnostics).to.deep.equal([
                'warning: TeamUser "divya-intern" has 1 policy attached directly; attach policies to a TeamGroup instead so that permissions follow the role a person has',
            ]);
        });
    });

    describe("dev and prod", () => {
        it("register the same resources", async () => {
            const devResources = typesAndNames(dev).map((entry) => entry.replace("team-iam-dev", "team-iam-prod"));

            expect(devResources).to.deep.equal(typesAndNames(prod));
        });

        it("differ only in configured values", async () => {
            const normalisedDev = normaliseDevPlan(dev);

            const normalisedProd = normaliseDevPlan(prod);

            expect(normalisedDev).to.deep.equal(normalisedProd);
        });

        it("use dev's account in dev's ARNs", async () => {
            const outputs = dev.outputs;

            expect(outputs.auditorRoleArn).to.equal("arn:aws:iam::222233334444:role/ExternalAuditor");
            expect(documentOf(dev, policyType, "Developers-ec2-instance-control", "policy")).to.have.nested.property(
                "Statement[1].Resource[0]",
                "arn:aws:ec2:eu-west-1:222233334444:instance/*",
            );
        });

        it("keep the same top-level keys in both files", async () => {
            const devKeys = Object.keys(readStackFile("dev")).sort();

            const prodKeys = Object.keys(readStackFile("prod")).sort();

            expect(devKeys).to.deep.equal(prodKeys);
        });
    });

    describe("config changes", () => {
        it("renames nothing when lists are reordered", async () => {
            const file = readStackFile("prod");
            const reversed = {
                "team-iam:users": [...(file["team-iam:users"] as object[])].reverse(),
                "team-iam:groups": [...(file["team-iam:groups"] as object[])].reverse(),
            };

            const reordered = await runProgram({ stack: "prod", config: reversed });

            const urns = (plan: Plan): string[] => plan.resources.map((resource) => resource.urn).sort();
            expect(urns(reordered)).to.deep.equal(urns(prod));
        });

        it("warns when the intern's end date has passed", async () => {
            const users = (readStackFile("prod")["team-iam:users"] as { userName: string }[]).map((user) =>
                user.userName === "divya-intern" ? { ...user, accessEndDate: "2026-01-31" } : user,
            );

            const plan = await runProgram({ stack: "prod", config: { "team-iam:users": users } });

            const warnings = plan.diagnostics
                .filter((diagnostic) => diagnostic.severity === "warning")
                .map((diagnostic) => diagnostic.message);
            expect(warnings).to.include(
                'Pulumi.prod.yaml: team-iam:users[4].accessEndDate is "2026-01-31", which has passed; IAM now denies divya-intern every action, so remove the user from team-iam:users',
            );
            expect(
                documentOf(plan, "aws:iam/userPolicy:UserPolicy", "divya-intern-access-end", "policy"),
            ).to.have.nested.property("Statement[0].Condition.DateGreaterThan.aws:CurrentTime", "2026-01-31T00:00:00Z");
        });
    });

    describe("preview", () => {
        it("registers the same resources when ids are unknown", async () => {
            const preview = await runProgram({ stack: "prod", previewUnknowns: true });

            expect(typesAndNames(preview)).to.deep.equal(typesAndNames(prod));
            expect(findResource(preview, membershipType, "Developers-membership").inputs.users).to.deep.equal([
                "aarav-dev",
                "subham-dev",
            ]);
        });
    });

    describe("invalid config", () => {
        it("rejects a short auditor account id and registers nothing", async () => {
            const auditor = {
                ...(readStackFile("prod")["team-iam:auditor"] as object),
                trustedAccountId: "99998888777",
            };

            const error = await runProdExpectingFailure({ "team-iam:auditor": auditor });

            expect(error.message).to.equal(
                "Pulumi.prod.yaml has 1 configuration problem:\n" +
                    '- Pulumi.prod.yaml: team-iam:auditor.trustedAccountId is "99998888777" (11 characters); it must be a 12-digit AWS account id',
            );
            expect(error.registeredResources).to.deep.equal([]);
        });

        it("lists every problem of several keys and registers nothing", async () => {
            const users = readStackFile("prod")["team-iam:users"] as object[];

            const error = await runProdExpectingFailure({
                "team-iam:accountId": "11112222333x",
                "team-iam:users": [...users, { userName: "aarav-dev" }],
                "team-iam:deployRole": { roleName: "ci-deploy", bucket: "Deploy_Bucket", releasePrefix: "releases" },
                "team-iam:adminGroup": "Admins",
            });

            expect(error.message).to.equal(
                [
                    "Pulumi.prod.yaml has 4 configuration problems:",
                    "- Pulumi.prod.yaml: team-iam:adminGroup is not a known key; the allowed keys are accountId, tags, users, groups, auditor, deployRole",
                    '- Pulumi.prod.yaml: team-iam:accountId is "11112222333x" (12 characters); it must be a 12-digit AWS account id',
                    "- Pulumi.prod.yaml: team-iam:users lists the user aarav-dev more than once (IAM user names are case-insensitive); list each user once",
                    '- Pulumi.prod.yaml: team-iam:deployRole.bucket is "Deploy_Bucket"; an S3 bucket name may contain only lowercase letters, digits, dots and hyphens',
                ].join("\n"),
            );
            expect(error.registeredResources).to.deep.equal([]);
        });

        it("rejects a group member missing from the roster in dev", async () => {
            const groups = readStackFile("dev")["team-iam:groups"] as { members: string[] }[];
            const withStranger = groups.map((group, index) =>
                index === 1 ? { ...group, members: [...group.members, "meera-designer"] } : group,
            );

            let caught: unknown;
            try {
                await runProgram({ stack: "dev", config: { "team-iam:groups": withStranger } });
            } catch (error) {
                caught = error;
            }

            expect(caught).to.be.instanceOf(ProgramError);
            expect((caught as ProgramError).message).to.equal(
                "Pulumi.dev.yaml has 1 configuration problem:\n" +
                    '- Pulumi.dev.yaml: team-iam:groups[1].members[1] is "meera-designer", which is not a user in team-iam:users; add the user to team-iam:users or correct the name; did you mean meera-design?',
            );
            expect((caught as ProgramError).registeredResources).to.deep.equal([]);
        });
    });
});
