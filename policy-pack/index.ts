/**
 * The least-privilege IAM policy pack. The engine starts it with
 * `node node_modules/@pulumi/pulumi/cmd/run-policy-pack <engine-address> policy-pack`; constructing the
 * PolicyPack starts the Analyzer gRPC server on 127.0.0.1 and prints its port.
 */
import { PolicyPack } from "@pulumi/policy";

import { documentPolicy, resourcePolicy, stackPolicy } from "./lib/policies";
import { documentRules, resourceRules, stackRules } from "./lib/registry";

new PolicyPack("least-privilege-iam", {
    description:
        "Least-privilege AWS IAM: no wildcard grants, MFA for roles people assume, no privilege escalation, valid and well-sized documents.",
    provider: "aws",
    policies: [
        ...documentRules.map(documentPolicy),
        ...resourceRules.map(resourcePolicy),
        ...stackRules.map(stackPolicy),
    ],
});
