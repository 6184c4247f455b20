import { expect } from "chai";

import {
    awsManagedPolicyArn,
    ComponentArgumentsError,
    LeastPrivilegePolicy,
    policyKey,
    validatePolicyReferences,
} from "../../components";
import { installMockRuntime } from "./mock-runtime";

describe("awsManagedPolicyArn", () => {
    it("builds a root-path ARN", () => {
        const arn = awsManagedPolicyArn("ReadOnlyAccess");

        expect(arn).to.equal("arn:aws:iam::aws:policy/ReadOnlyAccess");
    });

    it("adds the job-function path", () => {
        const arns = ["ViewOnlyAccess", "job-function/ViewOnlyAccess"].map(awsManagedPolicyArn);

        expect(arns).to.deep.equal([
            "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
            "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
        ]);
    });

    it("keeps a given service-role path", () => {
        const arn = awsManagedPolicyArn("service-role/AmazonSSMAutomationRole");

        expect(arn).to.equal("arn:aws:iam::aws:policy/service-role/AmazonSSMAutomationRole");
    });

    it("rejects a name with spaces", () => {
        const build = () => awsManagedPolicyArn("Read Only");

        expect(build).to.throw(
            ComponentArgumentsError,
            'awsManagedPolicyArn: name "Read Only" is not a policy name; use a name such as "ReadOnlyAccess" or a ' +
                'name with its path such as "job-function/ViewOnlyAccess"',
        );
    });
});

describe("policyKey", () => {
    it("uses the last path segment of an ARN", () => {
        const key = policyKey("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess");

        expect(key).to.equal("ViewOnlyAccess");
    });

    it("uses the component name of a LeastPrivilegePolicy", async () => {
        await installMockRuntime();
        const policy = new LeastPrivilegePolicy("read-reports", {
            statements: [{ actions: ["s3:GetObject"], resources: ["arn:aws:s3:::team-reports/*"] }],
        });

        const key = policyKey(policy);

        expect(key).to.equal("read-reports");
    });
});

describe("validatePolicyReferences", () => {
    const arns = Array.from({ length: 11 }, (_, index) => `arn:aws:iam::123456789012:policy/team-policy-${index}`);

    it("accepts 10 policies", () => {
        const problems = validatePolicyReferences("policies", arns.slice(0, 10));

        expect(problems).to.deep.equal([]);
    });

    it("rejects 11 policies", () => {
        const problems = validatePolicyReferences("policies", arns);

        expect(problems).to.deep.equal([
            "policies attaches 11 managed policies; IAM allows at most 10 per user, group or role, so combine " +
                "statements into fewer LeastPrivilegePolicy resources",
        ]);
    });

    it("counts the policies a component attaches itself", () => {
        const problems = validatePolicyReferences("policies", arns.slice(0, 10), ["developers-require-mfa"]);

        expect(problems).to.deep.equal([
            "policies attaches 11 managed policies (1 of them attached by the component itself); IAM allows at " +
                "most 10 per user, group or role, so combine statements into fewer LeastPrivilegePolicy resources",
        ]);
    });

    it("rejects the same key twice", () => {
        const problems = validatePolicyReferences("policies", [
            "arn:aws:iam::aws:policy/ReadOnlyAccess",
            "arn:aws:iam::123456789012:policy/team/ReadOnlyAccess",
        ]);

        expect(problems).to.deep.equal([
            'policies contains the policy key "ReadOnlyAccess" 2 times; each policy is attached once, keyed by ' +
                "the ARN's last segment or the LeastPrivilegePolicy's name",
        ]);
    });

    it("rejects a string that is not a policy ARN", () => {
        const problems = validatePolicyReferences("policies", ["ReadOnlyAccess"]);

        expect(problems).to.deep.equal([
            'policies[0] "ReadOnlyAccess" is not a managed policy ARN; use awsManagedPolicyArn("ReadOnlyAccess") ' +
                "or an ARN such as arn:aws:iam::111122223333:policy/name",
        ]);
    });
});
