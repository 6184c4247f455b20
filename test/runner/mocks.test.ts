import { expect } from "chai";
import { AwsMocks, MockEnvironment, MockError } from "../../runner/mocks";
import { unknownValue } from "../../runner/values";

const environment: MockEnvironment = {
    project: "fixture-iam",
    stack: "prod",
    accountId: "111122223333",
    accountIdSource: "fixture-iam:accountId in Pulumi.prod.yaml",
    region: "eu-central-1",
    previewUnknowns: false,
    createDate: "1970-01-01T00:00:00Z",
};

function urnOf(type: string, name: string): string {
    return `urn:pulumi:prod::fixture-iam::pulumi:pulumi:Stack$${type}::${name}`;
}

describe("AwsMocks", () => {
    it("keeps a role's own session duration", async () => {
        const mocks = new AwsMocks(environment);
        const request = { type: "aws:iam/role:Role", name: "auditor", custom: true };

        const configured = mocks.newResource({
            ...request,
            urn: urnOf(request.type, "auditor"),
            inputs: { name: "auditor", maxSessionDuration: 43200 },
        });
        const defaulted = mocks.newResource({
            ...request,
            urn: urnOf(request.type, "deploy"),
            inputs: { name: "deploy" },
        });

        expect(configured.state["maxSessionDuration"]).to.equal(43200);
        expect(defaulted.state["maxSessionDuration"]).to.equal(3600);
        expect(defaulted.state["forceDetachPolicies"]).to.equal(false);
    });

    it("merges the provider's default tags into tagsAll", async () => {
        const mocks = new AwsMocks(environment);
        const providerUrn = "urn:pulumi:prod::fixture-iam::pulumi:providers:aws::aws";
        mocks.newResource({
            urn: providerUrn,
            type: "pulumi:providers:aws",
            name: "aws",
            custom: true,
            inputs: { defaultTags: JSON.stringify({ tags: { project: "fixture-iam", environment: "prod" } }) },
        });

        const result = mocks.newResource({
            urn: urnOf("aws:iam/user:User", "alice"),
            type: "aws:iam/user:User",
            name: "alice",
            custom: true,
            inputs: { name: "alice", tags: { environment: "audit" } },
            provider: `${providerUrn}::04da6b54-80e4-46f7-96ec-b56ff0331ba9`,
        });

        expect(result.state["tagsAll"]).to.deep.equal({ project: "fixture-iam", environment: "audit" });
    });

    it("builds a user ARN from the account and path", async () => {
        const mocks = new AwsMocks(environment);

        const result = mocks.newResource({
            urn: urnOf("aws:iam/user:User", "alice"),
            type: "aws:iam/user:User",
            name: "alice",
            custom: true,
            inputs: { name: "alice", path: "/engineering/" },
        });

        expect(result.id).to.equal("alice");
        expect(result.state["arn"]).to.equal("arn:aws:iam::111122223333:user/engineering/alice");
        expect(result.state["uniqueId"]).to.match(/^AIDA[A-Z0-9]{17}$/);
        expect(result.state["path"]).to.equal("/engineering/");
    });

    it("uses the resource type's ARN segment and unique id prefix", async () => {
        const mocks = new AwsMocks(environment);
        const cases = [
            { type: "aws:iam/role:Role", segment: "role", prefix: "AROA", idIsArn: false },
            { type: "aws:iam/group:Group", segment: "group", prefix: "AGPA", idIsArn: false },
            {
                type: "aws:iam/instanceProfile:InstanceProfile",
                segment: "instance-profile",
                prefix: "AIPA",
                idIsArn: false,
            },
            { type: "aws:iam/policy:Policy", segment: "policy", prefix: "ANPA", idIsArn: true },
        ];

        const results = cases.map((testCase) =>
            mocks.newResource({
                urn: urnOf(testCase.type, "deploy"),
                type: testCase.type,
                name: "deploy",
                custom: true,
                inputs: { name: "deploy" },
            }),
        );

        cases.forEach((testCase, index) => {
            const arn = `arn:aws:iam::111122223333:${testCase.segment}/deploy`;
            expect(results[index].state["arn"], testCase.type).to.equal(arn);
            expect(results[index].id, testCase.type).to.equal(testCase.idIsArn ? arn : "deploy");
            const uniqueId =
                testCase.type === "aws:iam/policy:Policy"
                    ? results[index].state["policyId"]
                    : results[index].state["uniqueId"];
            expect(uniqueId, testCase.type).to.match(new RegExp(`^${testCase.prefix}[A-Z0-9]{17}$`));
        });
    });

    it("autonames from a hash of the URN", async () => {
        const mocks = new AwsMocks(environment);
        const request = {
            urn: "urn:pulumi:dev::fixture-iam::pulumi:pulumi:Stack$aws:iam/role:Role::deploy",
            type: "aws:iam/role:Role",
            name: "deploy",
            custom: true,
            inputs: {},
        };

        const first = mocks.newResource(request);
        const second = mocks.newResource(request);

        expect(first.state["name"]).to.equal("deploy-a0cd92a");
        expect(first.checkedInputs["name"]).to.equal("deploy-a0cd92a");
        expect(second.state["name"]).to.equal("deploy-a0cd92a");
        expect(first.state["arn"]).to.equal("arn:aws:iam::111122223333:role/deploy-a0cd92a");
    });

    it("rejects an autoname longer than the name limit", async () => {
        const mocks = new AwsMocks(environment);
        const name = "r".repeat(60);

        const create = () =>
            mocks.newResource({
                urn: urnOf("aws:iam/role:Role", name),
                type: "aws:iam/role:Role",
                name,
                custom: true,
                inputs: {},
            });

        expect(create).to.throw(MockError, `aws:iam/role:Role "${name}": the autonamed physical name "${name}-`);
        expect(create).to.throw(MockError, "is 68 characters; the maximum is 64");
    });

    it("leaves ids, ARNs and unique ids unknown in a preview", async () => {
        const mocks = new AwsMocks({ ...environment, previewUnknowns: true });

        const result = mocks.newResource({
            urn: urnOf("aws:iam/role:Role", "deploy"),
            type: "aws:iam/role:Role",
            name: "deploy",
            custom: true,
            inputs: { name: "deploy" },
        });

        expect(result.id).to.equal("");
        expect(result.state["arn"]).to.equal(unknownValue);
        expect(result.state["uniqueId"]).to.equal(unknownValue);
        expect(result.state["createDate"]).to.equal(unknownValue);
        expect(result.state["name"]).to.equal("deploy");
    });

    it("names the missing account id config key", async () => {
        const mocks = new AwsMocks({ ...environment, accountId: undefined });

        const create = () =>
            mocks.newResource({
                urn: urnOf("aws:iam/user:User", "alice"),
                type: "aws:iam/user:User",
                name: "alice",
                custom: true,
                inputs: { name: "alice" },
            });

        expect(create).to.throw(
            MockError,
            "cannot compute IAM ARNs: the stack's AWS account id is not configured; set fixture-iam:accountId in Pulumi.prod.yaml",
        );
    });

    it("encodes document objects as the provider does", async () => {
        const mocks = new AwsMocks(environment);

        const result = mocks.newResource({
            urn: urnOf("aws:iam/policy:Policy", "read"),
            type: "aws:iam/policy:Policy",
            name: "read",
            custom: true,
            inputs: {
                name: "read",
                policy: {
                    Version: "2012-10-17",
                    Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "arn:aws:s3:::a&b/*" }],
                },
            },
        });

        expect(result.checkedInputs["policy"]).to.equal(
            '{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":"arn:aws:s3:::a\\u0026b/*"}],"Version":"2012-10-17"}',
        );
    });

    it("answers getCallerIdentity with the stack's account", async () => {
        const mocks = new AwsMocks(environment);

        const identity = mocks.call("aws:index/getCallerIdentity:getCallerIdentity", {});

        expect(identity).to.deep.equal({
            accountId: "111122223333",
            arn: "arn:aws:iam::111122223333:root",
            id: "111122223333",
            userId: "111122223333",
        });
    });
});
