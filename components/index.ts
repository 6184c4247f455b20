/**
 * The least-privilege IAM component library. Every component validates all of its arguments before it
 * registers anything and throws one ComponentArgumentsError listing every problem.
 */
export * from "./errors";
export * from "./validation";
export * from "./policy-document";
export * from "./policy-reference";
export * from "./least-privilege-policy";
export * from "./require-mfa-policy";
export * from "./trust-policy";
export * from "./team-user";
export * from "./team-group";
export * from "./cross-account-auditor-role";
export * from "./ec2-service-role";
