import { expect } from "chai";

import {
    expandActionPattern,
    findAction,
    hasWildcard,
    isReadOnly,
    serviceExists,
    splitAction,
    suggestAction,
    supportsResourceLevelPermissions,
} from "../../iam/catalog";

describe("findAction", () => {
    it("finds an action case-insensitively with its access level and resource types", () => {
        const action = findAction("S3:getobject");

        expect(action).to.deep.equal({
            service: "s3",
            name: "GetObject",
            fullName: "s3:GetObject",
            accessLevels: ["Read"],
            resourceTypes: [
                { name: "accesspointobject", required: false },
                { name: "object", required: false },
            ],
        });
    });

    it("lists every access level of an action that has two", () => {
        const action = findAction("iam:AttachRolePolicy");

        expect(action?.accessLevels).to.deep.equal(["Permissions management", "Write"]);
    });

    it("returns undefined for an unknown action or service", () => {
        const unknown = [findAction("s3:GetObjects"), findAction("nosuchservice:GetObject"), findAction("s3")];

        expect(unknown).to.deep.equal([undefined, undefined, undefined]);
    });
});

describe("expandActionPattern", () => {
    it("matches ? as exactly one character", () => {
        const names = expandActionPattern("s3:GetObject?ersion").map((action) => action.fullName);

        expect(names).to.deep.equal(["s3:GetObjectVersion"]);
    });

    it("expands an exact name to itself", () => {
        const names = expandActionPattern("s3:getobject").map((action) => action.fullName);

        expect(names).to.deep.equal(["s3:GetObject"]);
    });

    it("expands a prefix wildcard to read-only List actions", () => {
        const expanded = expandActionPattern("s3:List*");

        expect(expanded.length).to.be.greaterThan(10);
        expect(expanded.every((action) => action.fullName.startsWith("s3:List"))).to.equal(true);
        expect(expanded.every(isReadOnly)).to.equal(true);
    });

    it("lets a wildcard in the service part match only services", () => {
        const names = expandActionPattern("st?:GetCallerIdentity").map((action) => action.fullName);

        expect(names).to.deep.equal(["sts:GetCallerIdentity"]);
    });

    it("returns nothing for a pattern that matches no action", () => {
        const expanded = expandActionPattern("s3:Nope*");

        expect(expanded).to.deep.equal([]);
    });
});

describe("isReadOnly", () => {
    it("is true for Read and false for Write and Permissions management", () => {
        const levels = ["s3:GetObject", "s3:PutObject", "iam:AttachRolePolicy"].map((name) =>
            isReadOnly(findAction(name)!),
        );

        expect(levels).to.deep.equal([true, false, false]);
    });
});

describe("supportsResourceLevelPermissions", () => {
    it("is false for actions that take only Resource *", () => {
        const supported = ["s3:PutObject", "iam:ListVirtualMFADevices", "sts:GetSessionToken"].map((name) =>
            supportsResourceLevelPermissions(findAction(name)!),
        );

        expect(supported).to.deep.equal([true, false, false]);
    });
});

describe("suggestAction", () => {
    it("suggests the nearest action of the same service", () => {
        const suggestion = suggestAction("s3:GetObjects");

        expect(suggestion).to.equal("s3:GetObject");
    });

    it("suggests the nearest service for an unknown one", () => {
        const suggestion = suggestAction("ec22:DescribeInstances");

        expect(suggestion).to.equal("ec2:DescribeInstances");
    });

    it("returns undefined for a string without a service", () => {
        const suggestion = suggestAction("GetObject");

        expect(suggestion).to.equal(undefined);
    });
});

describe("splitAction", () => {
    it("splits service and name and rejects other shapes", () => {
        const parts = ["s3:GetObject", "s3", "s3:Get:Object", ":GetObject"].map(splitAction);

        expect(parts).to.deep.equal([{ service: "s3", name: "GetObject" }, undefined, undefined, undefined]);
    });
});

describe("hasWildcard and serviceExists", () => {
    it("recognise wildcards and service prefixes", () => {
        const wildcards = ["s3:Get*", "s3:GetObject?ersion", "s3:GetObject"].map(hasWildcard);
        const services = ["S3", "ec2", "nosuchservice"].map(serviceExists);

        expect(wildcards).to.deep.equal([true, true, false]);
        expect(services).to.deep.equal([true, true, false]);
    });
});
