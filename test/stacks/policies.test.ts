import { expect } from "chai";

import { findAction, isReadOnly, supportsResourceLevelPermissions } from "../../iam/catalog";
import { ec2DescribeActions, ec2InstancePowerActions, releaseUploadStatements } from "../../stacks/policies";

describe("ec2DescribeActions", () => {
    it("lists only List and Read actions", async () => {
        const actions = ec2DescribeActions.map((action) => findAction(action));

        const notReadOnly = ec2DescribeActions.filter((_, index) => !isReadOnly(actions[index]!));

        expect(actions).to.not.include(undefined);
        expect(notReadOnly).to.deep.equal([]);
    });

    it("lists no action that can be scoped to resources", async () => {
        const scopable = ec2DescribeActions.filter((action) => supportsResourceLevelPermissions(findAction(action)!));

        expect(scopable).to.deep.equal([]);
    });
});

describe("ec2InstancePowerActions", () => {
    it("can be scoped to instances", async () => {
        const resourceTypes = ec2InstancePowerActions.map((action) =>
            findAction(action)!.resourceTypes.some((type) => type.name === "instance"),
        );

        expect(resourceTypes).to.deep.equal([true, true, true]);
    });
});

describe("releaseUploadStatements", () => {
    it("scopes a nested prefix", async () => {
        const statements = releaseUploadStatements("pixel-and-spoon-deploy-dev", "builds/web");

        expect(statements).to.deep.equal([
            {
                sid: "ListReleases",
                actions: ["s3:ListBucket"],
                resources: ["arn:aws:s3:::pixel-and-spoon-deploy-dev"],
                conditions: { StringLike: { "s3:prefix": "builds/web/*" } },
            },
            {
                sid: "UploadReleases",
                actions: ["s3:PutObject"],
                resources: ["arn:aws:s3:::pixel-and-spoon-deploy-dev/builds/web/*"],
            },
        ]);
    });
});
