/**
 * IAM policy documents: the typed shape that components build, and a parser that reads any document as AWS
 * accepts it (a JSON string or an object; `Statement`, `Action`, `Resource` and principal values as a string
 * or a list) into one normalised form for analysis.
 * Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */

/** The only policy language version that supports policy variables and the current grammar. */
export const policyVersion = "2012-10-17";

/** A condition block: operator, then condition key, then one value or a list. */
export type ConditionBlock = Record<
    string,
    Record<string, string | boolean | number | readonly (string | boolean | number)[]>
>;

/** A principal as written in a trust or resource policy. */
export type PrincipalBlock =
    "*" | Partial<Record<"AWS" | "Service" | "Federated" | "CanonicalUser", string | readonly string[]>>;

/** A policy statement in the JSON shape AWS reads. */
export interface PolicyStatement {
    readonly Sid?: string;
    readonly Effect: "Allow" | "Deny";
    readonly Action?: string | readonly string[];
    readonly NotAction?: string | readonly string[];
    readonly Resource?: string | readonly string[];
    readonly NotResource?: string | readonly string[];
    readonly Principal?: PrincipalBlock;
    readonly NotPrincipal?: PrincipalBlock;
    readonly Condition?: ConditionBlock;
}

/** A policy document in the JSON shape AWS reads. */
export interface PolicyDocument {
    readonly Version: typeof policyVersion;
    readonly Statement: readonly PolicyStatement[];
}

/** A principal type; `*` stands for the anonymous principal `"Principal": "*"`. */
export type PrincipalType = "AWS" | "Service" | "Federated" | "CanonicalUser" | "*";

/** One principal value with its type, for example `{ type: "Service", value: "ec2.amazonaws.com" }`. */
export interface Principal {
    readonly type: PrincipalType;
    readonly value: string;
}

/** One condition: operator as written, key in lower case (keys are case-insensitive), values as strings. */
export interface Condition {
    readonly operator: string;
    readonly key: string;
    readonly values: readonly string[];
}

/** A statement in normalised form. Lists are absent when the statement does not have that element. */
export interface Statement {
    /** Position in the document's statement list, from 0. */
    readonly index: number;
    readonly sid?: string;
    /** `Allow` or `Deny` as written; anything but `Deny` is treated as a grant. */
    readonly effect: string;
    readonly actions?: readonly string[];
    readonly notActions?: readonly string[];
    readonly resources?: readonly string[];
    readonly notResources?: readonly string[];
    readonly principals?: readonly Principal[];
    readonly notPrincipals?: readonly Principal[];
    readonly conditions: readonly Condition[];
}

/** A document in normalised form, with what could not be read. */
export interface ParsedDocument {
    readonly version?: string;
    readonly statements: readonly Statement[];
    /** Structural problems, for example a missing `Statement` or an `Effect` that is neither Allow nor Deny. */
    readonly problems: readonly string[];
    /** The document as compact JSON, for size quotas. */
    readonly json: string;
}

/** Names a statement for messages: its Sid when it has one, otherwise its position. */
export function describeStatement(statement: Statement): string {
    return statement.sid ? `statement "${statement.sid}"` : `statement ${statement.index}`;
}

/** Returns true when the statement grants (any effect but Deny). */
export function isAllow(statement: Statement): boolean {
    return statement.effect.toLowerCase() !== "deny";
}

function toStringList(value: unknown): string[] | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    const list = Array.isArray(value) ? value : [value];
    return list.map((item) => String(item));
}

function parsePrincipals(value: unknown, element: string, problems: string[]): Principal[] | undefined {
    if (value === undefined || value === null) {
        return undefined;
    }
    if (value === "*") {
        return [{ type: "*", value: "*" }];
    }
    if (typeof value !== "object" || Array.isArray(value)) {
        problems.push(`${element} must be "*" or an object such as {"AWS": "arn:aws:iam::111122223333:root"}`);
        return [];
    }

    const principals: Principal[] = [];
    for (const [type, values] of Object.entries(value as Record<string, unknown>)) {
        if (!["AWS", "Service", "Federated", "CanonicalUser"].includes(type)) {
            problems.push(
                `${element} has the unknown principal type "${type}"; use AWS, Service, Federated or CanonicalUser`,
            );
            continue;
        }
        for (const item of toStringList(values) ?? []) {
            principals.push({ type: type as PrincipalType, value: item });
        }
    }
    return principals;
}

function parseConditions(value: unknown, problems: string[]): Condition[] {
    if (value === undefined || value === null) {
        return [];
    }
    if (typeof value !== "object" || Array.isArray(value)) {
        problems.push("Condition must be an object of operators");
        return [];
    }

    const conditions: Condition[] = [];
    for (const [operator, block] of Object.entries(value as Record<string, unknown>)) {
        if (typeof block !== "object" || block === null || Array.isArray(block)) {
            problems.push(`Condition operator "${operator}" must map condition keys to values`);
            continue;
        }
        for (const [key, values] of Object.entries(block as Record<string, unknown>)) {
            conditions.push({ operator, key: key.toLowerCase(), values: toStringList(values) ?? [] });
        }
    }
    return conditions;
}

function parseStatement(raw: unknown, index: number, problems: string[]): Statement | undefined {
    if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
        problems.push(`statement ${index} is not an object`);
        return undefined;
    }
    const element = raw as Record<string, unknown>;
    const effect = element.Effect === undefined ? "" : String(element.Effect);
    if (effect !== "Allow" && effect !== "Deny") {
        problems.push(`statement ${index} has Effect "${effect}"; it must be "Allow" or "Deny"`);
    }

    return {
        index,
        sid: typeof element.Sid === "string" && element.Sid !== "" ? element.Sid : undefined,
        effect,
        actions: toStringList(element.Action),
        notActions: toStringList(element.NotAction),
        resources: toStringList(element.Resource),
        notResources: toStringList(element.NotResource),
        principals: parsePrincipals(element.Principal, `statement ${index} Principal`, problems),
        notPrincipals: parsePrincipals(element.NotPrincipal, `statement ${index} NotPrincipal`, problems),
        conditions: parseConditions(element.Condition, problems),
    };
}

/**
 * Parses a policy document given as a JSON string or an object. Never throws: malformed JSON and structural
 * errors are returned as problems, with whatever statements could be read.
 */
export function parsePolicyDocument(input: unknown): ParsedDocument {
    const problems: string[] = [];
    let document: unknown = input;
    if (typeof input === "string") {
        try {
            document = JSON.parse(input);
        } catch (error) {
            return {
                statements: [],
                problems: [`the document is not valid JSON: ${(error as Error).message}`],
                json: input,
            };
        }
    }
    if (typeof document !== "object" || document === null || Array.isArray(document)) {
        return {
            statements: [],
            problems: ["the document must be a JSON object with Version and Statement"],
            json: String(input),
        };
    }

    const root = document as Record<string, unknown>;
    const rawStatements =
        root.Statement === undefined ? [] : Array.isArray(root.Statement) ? root.Statement : [root.Statement];
    if (root.Statement === undefined) {
        problems.push("the document has no Statement");
    }

    const statements: Statement[] = [];
    rawStatements.forEach((raw, index) => {
        const statement = parseStatement(raw, index, problems);
        if (statement !== undefined) {
            statements.push(statement);
        }
    });

    return {
        version: typeof root.Version === "string" ? root.Version : undefined,
        statements,
        problems,
        json: JSON.stringify(document),
    };
}
