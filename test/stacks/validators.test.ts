import { expect } from "chai";

import {
    findDuplicateNames,
    findUsersInTooManyGroups,
    parseIsoDate,
    validateAccountId,
    validateAwsManagedPolicyName,
    validateBucketName,
    validateExternalId,
    validateKeyPrefix,
    validateMfaAge,
    validateRegion,
    validateSessionDuration,
    validateTagKey,
    validateUserName,
} from "../../stacks/validators";

describe("parseIsoDate", () => {
    it("reads a date as midnight UTC", async () => {
        const date = parseIsoDate("2027-03-31");

        expect(date?.toISOString()).to.equal("2027-03-31T00:00:00.000Z");
    });

    it("reads a date-time with an offset", async () => {
        const date = parseIsoDate("2027-03-31T17:30:00+02:00");

        expect(date?.toISOString()).to.equal("2027-03-31T15:30:00.000Z");
    });

    it("accepts 29 February of a leap year", async () => {
        const date = parseIsoDate("2028-02-29");

        expect(date?.toISOString()).to.equal("2028-02-29T00:00:00.000Z");
    });

    it("rejects dates and times that do not exist", async () => {
        const invalid = [
            "2027-02-29",
            "2027-02-30",
            "2027-13-01",
            "2027-04-31",
            "2027-03-31T24:00:00Z",
            "2027-03-31T12:60:00Z",
            "2027-03-31T12:00:00+25:00",
        ];

        const parsed = invalid.map((value) => parseIsoDate(value));

        expect(parsed).to.deep.equal(invalid.map(() => undefined));
    });

    it("rejects forms IAM does not read", async () => {
        const invalid = ["31/03/2027", "2027-3-31", "2027-03-31T17:00:00", "next Friday", "20270331", ""];

        const parsed = invalid.map((value) => parseIsoDate(value));

        expect(parsed).to.deep.equal(invalid.map(() => undefined));
    });
});

describe("validateAccountId", () => {
    it("accepts 12 digits with a leading zero", async () => {
        const violation = validateAccountId("012345678901");

        expect(violation).to.equal(undefined);
    });

    it("counts the characters of a short id", async () => {
        const violation = validateAccountId("99998888777");

        expect(violation).to.deep.equal({ note: "11 characters", rule: "it must be a 12-digit AWS account id" });
    });
});

describe("validateRegion", () => {
    it("accepts commercial regions only", async () => {
        const regions = ["eu-west-1", "us-east-1", "ap-southeast-3", "us-gov-west-1", "cn-north-1", "EU-WEST-1"];

        const accepted = regions.filter((region) => validateRegion(region) === undefined);

        expect(accepted).to.deep.equal(["eu-west-1", "us-east-1", "ap-southeast-3"]);
    });
});

describe("validateUserName", () => {
    it("accepts 64 characters and rejects 65", async () => {
        const atLimit = validateUserName("u".repeat(64));
        const overLimit = validateUserName("u".repeat(65));

        expect(atLimit).to.equal(undefined);
        expect(overLimit).to.deep.equal({ note: "65 characters", rule: "it must be at most 64" });
    });

    it("rejects an empty name", async () => {
        const violation = validateUserName("");

        expect(violation).to.deep.equal({ rule: "it must be a non-empty IAM user name" });
    });
});

describe("validateAwsManagedPolicyName", () => {
    it("accepts names with and without a path", async () => {
        const names = ["ReadOnlyAccess", "job-function/ViewOnlyAccess", "service-role/AWSConfigRole"];

        const violations = names.map((name) => validateAwsManagedPolicyName(name));

        expect(violations).to.deep.equal([undefined, undefined, undefined]);
    });

    it("rejects a full ARN", async () => {
        const violation = validateAwsManagedPolicyName("arn:aws:iam::aws:policy/ReadOnlyAccess");

        expect(violation?.rule).to.equal(
            "it must be the name of an AWS managed policy, such as ReadOnlyAccess or job-function/ViewOnlyAccess, without the arn:aws:iam::aws:policy/ prefix",
        );
    });
});

describe("validateBucketName", () => {
    it("explains each broken naming rule", async () => {
        const cases: [string, string][] = [
            ["ab", "an S3 bucket name must be 3 to 63 characters long"],
            ["b".repeat(64), "an S3 bucket name must be 3 to 63 characters long"],
            ["design_assets", "an S3 bucket name may contain only lowercase letters, digits, dots and hyphens"],
            ["-design-assets", "an S3 bucket name must begin and end with a lowercase letter or a digit"],
            ["design..assets", "an S3 bucket name must not contain two adjacent dots"],
            ["192.168.10.20", "an S3 bucket name must not be formatted as an IP address"],
            ["xn--design", "an S3 bucket name must not begin with the reserved prefix xn--"],
            ["design-s3alias", "an S3 bucket name must not end with the reserved suffix -s3alias"],
        ];

        const rules = cases.map(([name]) => validateBucketName(name)?.rule);

        expect(rules).to.deep.equal(cases.map(([, rule]) => rule));
    });

    it("accepts a name with dots and digits", async () => {
        const violation = validateBucketName("assets.pixel-and-spoon.2027");

        expect(violation).to.equal(undefined);
    });
});

describe("validateKeyPrefix", () => {
    it("accepts nested prefixes and rejects slashes at the ends", async () => {
        const prefixes = ["releases", "builds/web", "/releases", "releases/", "releases//web", "rel*"];

        const accepted = prefixes.filter((prefix) => validateKeyPrefix(prefix) === undefined);

        expect(accepted).to.deep.equal(["releases", "builds/web"]);
    });
});

describe("validateSessionDuration", () => {
    it("accepts 1 to 12 hours in whole seconds", async () => {
        const durations = [3599, 3600, 43200, 43201, 3600.5];

        const accepted = durations.filter((duration) => validateSessionDuration(duration) === undefined);

        expect(accepted).to.deep.equal([3600, 43200]);
    });
});

describe("validateMfaAge", () => {
    it("accepts up to 36 hours", async () => {
        const ages = [0, 1, 3600, 129600, 129601];

        const accepted = ages.filter((age) => validateMfaAge(age) === undefined);

        expect(accepted).to.deep.equal([1, 3600, 129600]);
    });
});

describe("validateExternalId", () => {
    it("accepts 2 to 1224 allowed characters", async () => {
        const ids = ["ab", "a", "x".repeat(1224), "x".repeat(1225), "audit:2027/q1@pixel", "audit 2027"];

        const accepted = ids.filter((id) => validateExternalId(id) === undefined);

        expect(accepted).to.deep.equal(["ab", "x".repeat(1224), "audit:2027/q1@pixel"]);
    });
});

describe("validateTagKey", () => {
    it("rejects the reserved aws: prefix", async () => {
        const violation = validateTagKey("aws:team");

        expect(violation).to.deep.equal({ rule: "a tag key must not begin with aws:, which AWS reserves" });
    });
});

describe("findDuplicateNames", () => {
    it("reports each duplicate once, ignoring case", async () => {
        const names = ["aarav-dev", "Aarav-Dev", "meera-design", "AARAV-DEV", "meera-design"];

        const duplicates = findDuplicateNames(names);

        expect(duplicates).to.deep.equal(["Aarav-Dev", "meera-design"]);
    });
});

describe("findUsersInTooManyGroups", () => {
    it("reports a user in 11 groups with the groups' names", async () => {
        const groups = Array.from({ length: 11 }, (_, index) => ({
            groupName: `Group${index + 1}`,
            members: index === 0 ? ["aarav-dev", "meera-design"] : ["aarav-dev"],
        }));

        const overfull = findUsersInTooManyGroups(groups);

        expect(overfull).to.deep.equal([
            {
                userName: "aarav-dev",
                groupNames: groups.map((group) => group.groupName),
            },
        ]);
    });

    it("accepts a user in exactly 10 groups", async () => {
        const groups = Array.from({ length: 10 }, (_, index) => ({
            groupName: `Group${index + 1}`,
            members: ["aarav-dev"],
        }));

        const overfull = findUsersInTooManyGroups(groups);

        expect(overfull).to.deep.equal([]);
    });
});
