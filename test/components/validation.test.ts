import { expect } from "chai";

import {
    isConditionOperator,
    normalizeIsoDate,
    validateAccountId,
    validateAutonamedName,
    validateConditions,
    validateDescription,
    validateExternalId,
    validateIsoDate,
    validateMfaAge,
    validateName,
    validatePasswordLength,
    validatePath,
    validateSessionDuration,
    validateTags,
} from "../../components";

describe("validateName", () => {
    it("accepts a user name of 64 characters", () => {
        const problems = validateName("userName", "a".repeat(64), "user");

        expect(problems).to.deep.equal([]);
    });

    it("rejects a user name of 65 characters", () => {
        const problems = validateName("userName", "a".repeat(65), "user");

        expect(problems).to.deep.equal([`userName "${"a".repeat(65)}" is 65 characters; it must be at most 64`]);
    });

    it("accepts a group name of 128 characters", () => {
        const problems = validateName("groupName", "g".repeat(128), "group");

        expect(problems).to.deep.equal([]);
    });

    it("rejects a group name of 129 characters", () => {
        const problems = validateName("groupName", "g".repeat(129), "group");

        expect(problems).to.deep.equal([`groupName "${"g".repeat(80)}"… is 129 characters; it must be at most 128`]);
    });

    it("rejects a role name of 65 characters", () => {
        const problems = validateName("roleName", "r".repeat(65), "role");

        expect(problems).to.deep.equal([`roleName "${"r".repeat(65)}" is 65 characters; it must be at most 64`]);
    });

    it("accepts an instance profile name of 128 characters", () => {
        const problems = validateName("instanceProfileName", "i".repeat(128), "instance profile");

        expect(problems).to.deep.equal([]);
    });

    it("rejects characters outside the name set", () => {
        const problems = validateName("userName", "aarav dev/1", "user");

        expect(problems).to.deep.equal([
            'userName "aarav dev/1" contains " ", "/"; a user name may contain only letters, digits and + = , . @ _ -',
        ]);
    });

    it("accepts every allowed punctuation character", () => {
        const problems = validateName("userName", "a+b=c,d.e@f_g-h", "user");

        expect(problems).to.deep.equal([]);
    });

    it("rejects an empty name", () => {
        const problems = validateName("groupName", "", "group");

        expect(problems).to.deep.equal(["groupName is empty; a group name needs 1 to 128 characters"]);
    });
});

describe("validateAutonamedName", () => {
    it("accepts a role component name of 56 characters", () => {
        const problems = validateAutonamedName("roleName", "r".repeat(56), "role");

        expect(problems).to.deep.equal([]);
    });

    it("rejects a role component name of 57 characters", () => {
        const problems = validateAutonamedName("roleName", "r".repeat(57), "role");

        expect(problems).to.deep.equal([
            `roleName is not set, so the role name is the component name "${"r".repeat(57)}" (57 characters) plus ` +
                "8 random characters; shorten the component name to at most 56 characters or set roleName",
        ]);
    });

    it("rejects a component name with characters IAM rejects", () => {
        const problems = validateAutonamedName("roleName", "team/auditor", "role");

        expect(problems).to.deep.equal([
            'roleName is not set, so the role name is autonamed from the component name "team/auditor", which ' +
                'contains "/"; a role name may contain only letters, digits and + = , . @ _ -, so set roleName',
        ]);
    });
});

describe("validatePath", () => {
    it("accepts the root path and nested paths", () => {
        const problems = [...validatePath("path", "/"), ...validatePath("path", "/engineering/data/")];

        expect(problems).to.deep.equal([]);
    });

    it("accepts a path of 512 characters", () => {
        const path = `/${"p".repeat(510)}/`;

        const problems = validatePath("path", path);

        expect(problems).to.deep.equal([]);
    });

    it("rejects a path of 513 characters", () => {
        const path = `/${"p".repeat(511)}/`;

        const problems = validatePath("path", path);

        expect(problems).to.deep.equal([`path "${path.slice(0, 80)}"… is 513 characters; it must be at most 512`]);
    });

    it("rejects a path without slashes at both ends", () => {
        const problems = validatePath("path", "/engineering");

        expect(problems).to.deep.equal([
            'path "/engineering" is not a valid IAM path; it must be "/" or begin and end with "/", such as ' +
                '"/engineering/", with segments of letters, digits and + = , . @ _ -',
        ]);
    });
});

describe("validateAccountId", () => {
    it("accepts 12 digits", () => {
        const problems = validateAccountId("accountId", "123456789012");

        expect(problems).to.deep.equal([]);
    });

    it("rejects 11 and 13 digits", () => {
        const problems = [
            ...validateAccountId("accountId", "12345678901"),
            ...validateAccountId("accountId", "1234567890123"),
        ];

        expect(problems).to.deep.equal([
            'accountId "12345678901" is not an AWS account id; it must be exactly 12 digits',
            'accountId "1234567890123" is not an AWS account id; it must be exactly 12 digits',
        ]);
    });
});

describe("validateSessionDuration", () => {
    it("accepts both bounds", () => {
        const problems = [
            ...validateSessionDuration("maxSessionDuration", 3600),
            ...validateSessionDuration("maxSessionDuration", 43200),
        ];

        expect(problems).to.deep.equal([]);
    });

    it("rejects values beyond both bounds", () => {
        const problems = [
            ...validateSessionDuration("maxSessionDuration", 3599),
            ...validateSessionDuration("maxSessionDuration", 43201),
        ];

        expect(problems).to.deep.equal([
            "maxSessionDuration is 3599 s; it must be a whole number between 3600 and 43200 s",
            "maxSessionDuration is 43201 s; it must be a whole number between 3600 and 43200 s",
        ]);
    });

    it("rejects a fraction", () => {
        const problems = validateSessionDuration("maxSessionDuration", 3600.5);

        expect(problems).to.deep.equal([
            "maxSessionDuration is 3600.5 s; it must be a whole number between 3600 and 43200 s",
        ]);
    });
});

describe("validateMfaAge", () => {
    it("accepts both bounds", () => {
        const problems = [...validateMfaAge("maxMfaAgeSeconds", 1), ...validateMfaAge("maxMfaAgeSeconds", 129600)];

        expect(problems).to.deep.equal([]);
    });

    it("rejects an age beyond 36 hours", () => {
        const problems = validateMfaAge("maxMfaAgeSeconds", 129601);

        expect(problems).to.deep.equal([
            "maxMfaAgeSeconds is 129601 s; it must be a whole number between 1 and 129600 s (36 hours, the " +
                "longest session sts:GetSessionToken issues)",
        ]);
    });
});

describe("validateExternalId", () => {
    it("accepts 2 and 1,224 characters", () => {
        const problems = [
            ...validateExternalId("externalId", "ab"),
            ...validateExternalId("externalId", "x".repeat(1224)),
        ];

        expect(problems).to.deep.equal([]);
    });

    it("rejects 1 and 1,225 characters", () => {
        const problems = [
            ...validateExternalId("externalId", "a"),
            ...validateExternalId("externalId", "x".repeat(1225)),
        ];

        expect(problems).to.deep.equal([
            "externalId is 1 character; it must be between 2 and 1224",
            "externalId is 1225 characters; it must be between 2 and 1224",
        ]);
    });

    it("rejects characters outside the external id set", () => {
        const problems = validateExternalId("externalId", "audit id!");

        expect(problems).to.deep.equal([
            'externalId "audit id!" contains " ", "!"; an external id may contain only letters, digits and ' +
                "+ = , . @ : / _ -",
        ]);
    });
});

describe("validatePasswordLength", () => {
    it("accepts 6 and 128", () => {
        const problems = [
            ...validatePasswordLength("consoleLogin.passwordLength", 6),
            ...validatePasswordLength("consoleLogin.passwordLength", 128),
        ];

        expect(problems).to.deep.equal([]);
    });

    it("rejects 5 and 129", () => {
        const problems = [
            ...validatePasswordLength("consoleLogin.passwordLength", 5),
            ...validatePasswordLength("consoleLogin.passwordLength", 129),
        ];

        expect(problems).to.deep.equal([
            "consoleLogin.passwordLength is 5; it must be a whole number between 6 and 128",
            "consoleLogin.passwordLength is 129; it must be a whole number between 6 and 128",
        ]);
    });
});

describe("validateDescription", () => {
    it("accepts 1,000 characters", () => {
        const problems = validateDescription("description", "d".repeat(1000));

        expect(problems).to.deep.equal([]);
    });

    it("rejects 1,001 characters", () => {
        const problems = validateDescription("description", "d".repeat(1001));

        expect(problems).to.deep.equal(["description is 1001 characters; it must be at most 1000"]);
    });

    it("rejects characters beyond Latin-1", () => {
        const problems = validateDescription("description", "Auditors ✓");

        expect(problems).to.deep.equal([
            'description "Auditors ✓" contains characters IAM rejects; use printable Latin-1 text',
        ]);
    });
});

describe("validateTags", () => {
    it("accepts 50 tags", () => {
        const tags = Object.fromEntries(Array.from({ length: 50 }, (_, index) => [`key${index}`, "value"]));

        const problems = validateTags("tags", tags);

        expect(problems).to.deep.equal([]);
    });

    it("rejects 51 tags", () => {
        const tags = Object.fromEntries(Array.from({ length: 51 }, (_, index) => [`key${index}`, "value"]));

        const problems = validateTags("tags", tags);

        expect(problems).to.deep.equal(["tags has 51 tags; a resource can have at most 50"]);
    });

    it("rejects long keys and values and the aws: prefix", () => {
        const tags = { ["k".repeat(129)]: "v", "aws:team": "data", team: "v".repeat(257) };

        const problems = validateTags("tags", tags);

        expect(problems).to.deep.equal([
            `tags key "${"k".repeat(80)}"… is 129 characters; it must be between 1 and 128`,
            'tags key "aws:team" uses the prefix "aws:", which AWS reserves for its own tags',
            'tags value of "team" is 257 characters; it must be at most 256',
        ]);
    });

    it("accepts a key of 128 characters and a value of 256", () => {
        const problems = validateTags("tags", { ["k".repeat(128)]: "v".repeat(256) });

        expect(problems).to.deep.equal([]);
    });
});

describe("normalizeIsoDate", () => {
    it("reads a date as midnight UTC", () => {
        const normalized = normalizeIsoDate("2027-03-31");

        expect(normalized).to.equal("2027-03-31T00:00:00Z");
    });

    it("converts an offset to UTC", () => {
        const normalized = normalizeIsoDate("2027-01-01T01:30:00+02:00");

        expect(normalized).to.equal("2026-12-31T23:30:00Z");
    });

    it("accepts a leap day and rejects a day that does not exist", () => {
        const leapDay = normalizeIsoDate("2028-02-29");
        const missingDay = normalizeIsoDate("2027-02-29");

        expect(leapDay).to.equal("2028-02-29T00:00:00Z");
        expect(missingDay).to.equal(undefined);
    });

    it("rejects a time without a time zone", () => {
        const normalized = normalizeIsoDate("2027-03-31T18:00:00");

        expect(normalized).to.equal(undefined);
    });
});

describe("validateIsoDate", () => {
    it("names the argument and the value", () => {
        const problems = validateIsoDate("accessEndDate", "31/03/2027");

        expect(problems).to.deep.equal([
            'accessEndDate "31/03/2027" is not a valid date; use an ISO 8601 date such as "2027-03-31" or a ' +
                'date-time with a time zone such as "2027-03-31T18:00:00Z"',
        ]);
    });
});

describe("validateConditions", () => {
    it("accepts qualified and IfExists operators", () => {
        const problems = validateConditions("statement 0", {
            "ForAnyValue:StringLike": { "aws:TagKeys": ["team"] },
            BoolIfExists: { "aws:MultiFactorAuthPresent": "false" },
            Null: { "aws:ResourceTag/team": "false" },
        });

        expect(problems).to.deep.equal([]);
    });

    it("rejects a key without a prefix and an empty value list", () => {
        const problems = validateConditions("statement 0", { StringEquals: { team: [] } });

        expect(problems).to.deep.equal([
            'statement 0 condition key "team" is not of the form prefix:name, such as aws:ResourceTag/team',
            'statement 0 condition StringEquals "team" has no values',
        ]);
    });

    it("knows that Null takes no IfExists suffix", () => {
        const operators = ["NullIfExists", "Null", "ArnLikeIfExists", "ForAllValues:StringEquals"].map(
            isConditionOperator,
        );

        expect(operators).to.deep.equal([false, true, true, true]);
    });
});
