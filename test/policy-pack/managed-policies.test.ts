import { expect } from "chai";

import { findManagedPolicy } from "../../policy-pack/lib/managed-policies";
import { checkResourceDocuments } from "../../policy-pack/lib/policies";
import { noPrivilegeEscalation } from "../../policy-pack/rules/no-privilege-escalation";
import { noWildcardGrants } from "../../policy-pack/rules/no-wildcard-grants";

function attachment(policyArn: string): { type: string; name: string; urn: string; props: Record<string, unknown> } {
    const name = `auditors-${policyArn.slice(policyArn.lastIndexOf("/") + 1)}`;
    return {
        type: "aws:iam/groupPolicyAttachment:GroupPolicyAttachment",
        name,
        urn: `urn:pulumi:prod::team-iam::aws:iam/groupPolicyAttachment:GroupPolicyAttachment::${name}`,
        props: { group: "Auditors", policyArn },
    };
}

function wildcardMessages(policyArn: string): string[] {
    return checkResourceDocuments(noWildcardGrants, attachment(policyArn), {}).map((finding) => finding.message);
}

describe("AWS managed policy attachments", () => {
    it("fails AdministratorAccess on its Action *", async () => {
        const messages = wildcardMessages("arn:aws:iam::aws:policy/AdministratorAccess");

        expect(messages).to.have.length(1);
        expect(messages[0]).to.match(
            /^GroupPolicyAttachment "auditors-AdministratorAccess" policyArn arn:aws:iam::aws:policy\/AdministratorAccess: AWS managed policy AdministratorAccess \(v1 of 2015-02-06\) fails this rule: Statement 0: Action "\*" grants every action of every service; list the actions the principal needs\. /,
        );
    });

    it("fails PowerUserAccess on its NotAction", async () => {
        const messages = wildcardMessages("arn:aws:iam::aws:policy/PowerUserAccess");

        expect(messages).to.have.length(1);
        expect(messages[0]).to.include(
            'Statement 0: NotAction in an Allow grants every action except "iam:*", "organizations:*", "account:*"; use Action with the actions the principal needs.',
        );
    });

    it("fails IAMFullAccess on both wildcards and escalation", async () => {
        const arn = "arn:aws:iam::aws:policy/IAMFullAccess";

        const wildcard = wildcardMessages(arn);
        const escalation = checkResourceDocuments(noPrivilegeEscalation, attachment(arn), {}).map(
            (finding) => finding.message,
        );

        expect(wildcard[0]).to.include('Action "iam:*" grants every iam action');
        expect(escalation).to.have.length(1);
        expect(escalation[0]).to.include('Statement 0 allows iam:PassRole on "*"');
    });

    it("fails every stored FullAccess policy that uses a service wildcard", async () => {
        const names = ["AmazonS3FullAccess", "AmazonEC2FullAccess", "AmazonDynamoDBFullAccess", "AWSLambda_FullAccess"];

        const failing = names.filter((name) => wildcardMessages(`arn:aws:iam::aws:policy/${name}`).length > 0);

        expect(failing).to.deep.equal(names);
    });

    it("passes ReadOnlyAccess, ViewOnlyAccess and SecurityAudit as read-only", async () => {
        const arns = [
            "arn:aws:iam::aws:policy/ReadOnlyAccess",
            "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
            "arn:aws:iam::aws:policy/SecurityAudit",
        ];

        const messages = arns.map(wildcardMessages);
        const escalation = arns.map((arn) => checkResourceDocuments(noPrivilegeEscalation, attachment(arn), {}));

        expect(messages).to.deep.equal([[], [], []]);
        expect(escalation).to.deep.equal([[], [], []]);
    });

    it("reports an AWS managed policy it cannot judge", async () => {
        const messages = wildcardMessages("arn:aws:iam::aws:policy/service-role/AWSNotARealPolicy");

        expect(messages).to.deep.equal([
            'GroupPolicyAttachment "auditors-AWSNotARealPolicy" attaches arn:aws:iam::aws:policy/service-role/AWSNotARealPolicy, an AWS managed policy whose document the pack does not have, so it cannot judge what the policy grants. Add the policy to scripts/derive-managed-policies.ts and run npm run derive:managed-policies, or attach a customer managed policy.',
        ]);
    });

    it("finds a policy in another partition by its standard ARN", async () => {
        const policy = findManagedPolicy("arn:aws-us-gov:iam::aws:policy/ReadOnlyAccess");

        expect(policy?.name).to.equal("ReadOnlyAccess");
        expect(policy?.arn).to.equal("arn:aws:iam::aws:policy/ReadOnlyAccess");
    });

    it("leaves customer managed policies to their own resources", async () => {
        const messages = wildcardMessages("arn:aws:iam::111122223333:policy/Everything");

        expect(messages).to.deep.equal([]);
    });
});
