/**
 * The one error every component throws for bad arguments. Components collect every problem before they
 * throw, so one run shows all that needs fixing, and they throw before they register anything.
 */

/** Bad arguments of a component or builder function, with each problem as a sentence. */
export class ComponentArgumentsError extends Error {
    /** Component or function that rejected the arguments, for example `TeamUser "aarav-dev"` or `accountTrustStatement`. */
    readonly subject: string;
    /** One sentence per problem; each names the argument, the value and what is allowed. */
    readonly problems: readonly string[];

    constructor(subject: string, problems: readonly string[]) {
        super(formatProblems(subject, problems));
        this.name = "ComponentArgumentsError";
        this.subject = subject;
        this.problems = [...problems];
    }
}

function formatProblems(subject: string, problems: readonly string[]): string {
    if (problems.length === 1) {
        return `${subject}: ${problems[0]}`;
    }
    return `${subject} has ${problems.length} invalid arguments:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`;
}

/** Throws a ComponentArgumentsError when there is at least one problem. */
export function throwIfProblems(subject: string, problems: readonly string[]): void {
    if (problems.length > 0) {
        throw new ComponentArgumentsError(subject, problems);
    }
}

/** Names a component in messages the way Pulumi users see it: its class and its resource name. */
export function describeComponent(componentType: string, name: string): string {
    return `${componentType} "${name}"`;
}
