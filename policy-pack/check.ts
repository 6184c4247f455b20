/**
 * The policy file linter: runs the policy pack's rules on IAM policy documents stored in JSON files, so a
 * document can be checked before it is part of any stack, for example in a pre-commit hook or a CI step.
 *
 *     npm run --silent policy:check -- [--kind identity|trust|resource] [--json] [--config FILE] FILE...
 *
 * Exit status: 0 when no finding is mandatory, 1 when at least one is, 2 on an invalid option or an input
 * file that cannot be read or is not a policy document.
 */
import * as fs from "fs";
import { parseArgs } from "util";

import { parsePolicyDocument } from "../iam/document";
import {
    checkPolicyDocument,
    DocumentFinding,
    DocumentKind,
    guessDocumentKind,
    loadPackConfig,
} from "./lib/check-document";

/** Exit status of the linter. */
export const exitCodes = {
    noMandatoryFindings: 0,
    mandatoryFindings: 1,
    invalidInput: 2,
} as const;

/** The file argument that stands for standard input, and the name findings and errors give it. */
export const standardInputArgument = "-";
export const standardInputName = "<stdin>";

// A Record keyed by DocumentKind makes the compiler reject this list when a kind is added to the contract.
const documentKinds: Record<DocumentKind, true> = { identity: true, trust: true, resource: true };

export const usage = `Usage: npm run --silent policy:check -- [options] FILE...

Checks IAM policy documents in JSON files with the rules of the least-privilege-iam
policy pack and prints each finding with its rule and enforcement level.

Options:
  --kind identity|trust|resource
                 Check every FILE as this kind of policy document. Default: the kind
                 is guessed per file. A statement with a Principal and an
                 sts:AssumeRole* action makes a trust policy, any other Principal
                 makes a resource policy, and no Principal makes an identity policy.
  --config FILE  Read enforcement levels and rule settings from a policy pack config
                 file, such as policy-pack/config/prod.json. Its exemptions name
                 stack resources, so they do not apply to files. Default: every rule
                 at its default enforcement level.
  --json         Print only one JSON array of findings, each with file, rule,
                 enforcementLevel and message.
  -h, --help     Print this help and exit.

A FILE of "-" reads the document from standard input. Every file is checked even
when an earlier one is invalid.

Exit status:
  0  no mandatory finding
  1  at least one mandatory finding
  2  an invalid option, or a file that cannot be read or is not a policy document
`;

/** The options and files of one run, as given on the command line. */
export interface CommandLine {
    /** The kind every file is checked as, or undefined to guess it per file. */
    readonly kind?: DocumentKind;
    readonly json: boolean;
    readonly configFile?: string;
    readonly files: readonly string[];
    readonly help: boolean;
}

/** A finding on one input file, in the shape `--json` prints. */
export interface FileFinding {
    readonly file: string;
    readonly rule: string;
    readonly enforcementLevel: DocumentFinding["enforcementLevel"];
    readonly message: string;
}

/** The outcome of checking one file that could be read as a policy document. */
export interface FileResult {
    readonly file: string;
    readonly kind: DocumentKind;
    readonly kindGuessed: boolean;
    readonly findings: readonly DocumentFinding[];
}

/** A command line that the linter cannot run: an unknown option, a missing value, an invalid --kind. */
export class UsageError extends Error {
    override name = "UsageError";
}

/** A file that cannot be read, is not JSON or is not a policy document. */
export class InvalidInputError extends Error {
    override name = "InvalidInputError";
}

/** Output streams of the linter, replaceable so that tests capture the output without a child process. */
export interface OutputStreams {
    readonly stdout: (text: string) => void;
    readonly stderr: (text: string) => void;
}

function requireOptionValue(rawName: string, value: string | undefined): string {
    // parseArgs takes the next argument as the value even when it is another option, as in `--kind --json`.
    if (value === undefined || value === "" || value.startsWith("--")) {
        throw new UsageError(`option ${rawName} needs a value`);
    }
    return value;
}

function parseKind(value: string): DocumentKind {
    if (!Object.hasOwn(documentKinds, value)) {
        throw new UsageError(`--kind "${value}" is not a document kind; use ${Object.keys(documentKinds).join(", ")}`);
    }
    return value as DocumentKind;
}

/**
 * Parses the linter's arguments (without `node` and the script). Throws UsageError for an unknown option, an
 * option without its value, a value given to --json or --help, an invalid --kind, or no files. A repeated
 * option takes its last value.
 */
export function parseCommandLine(args: readonly string[]): CommandLine {
    const { tokens } = parseArgs({
        args: [...args],
        strict: false,
        allowPositionals: true,
        tokens: true,
        options: {
            kind: { type: "string" },
            json: { type: "boolean" },
            config: { type: "string" },
            help: { type: "boolean", short: "h" },
        },
    });

    let kind: DocumentKind | undefined;
    let json = false;
    let configFile: string | undefined;
    let help = false;
    const files: string[] = [];
    for (const token of tokens) {
        if (token.kind === "positional") {
            files.push(token.value);
            continue;
        }
        if (token.kind === "option-terminator") {
            continue;
        }

        switch (token.name) {
            case "kind":
                kind = parseKind(requireOptionValue(token.rawName, token.value));
                break;
            case "config":
                configFile = requireOptionValue(token.rawName, token.value);
                break;
            case "json":
            case "help":
                if (token.value !== undefined) {
                    throw new UsageError(`option ${token.rawName} takes no value, but was given "${token.value}"`);
                }
                if (token.name === "json") {
                    json = true;
                } else {
                    help = true;
                }
                break;
            default:
                throw new UsageError(
                    `unknown option ${token.rawName}; the options are --kind, --config, --json and --help`,
                );
        }
    }

    if (!help && files.length === 0) {
        throw new UsageError(
            "no files given; name at least one JSON file with a policy document, or - for standard input",
        );
    }
    return { kind, json, configFile, files, help };
}

/** Returns the name that findings and errors give a file argument. */
export function displayName(file: string): string {
    return file === standardInputArgument ? standardInputName : file;
}

function describeReadError(file: string, error: NodeJS.ErrnoException): string {
    switch (error.code) {
        case "ENOENT":
            return `${file}: file not found`;
        case "EISDIR":
            return `${file}: is a directory; name the JSON files in it`;
        case "EACCES":
        case "EPERM":
            return `${file}: permission denied`;
        default:
            return `${file}: cannot be read: ${error.message}`;
    }
}

function readText(file: string): string {
    try {
        const text = file === standardInputArgument ? fs.readFileSync(0, "utf8") : fs.readFileSync(file, "utf8");
        // Editors on Windows often save JSON with a byte order mark, which JSON.parse rejects.
        return text.startsWith("\uFEFF") ? text.slice(1) : text;
    } catch (error) {
        throw new InvalidInputError(describeReadError(displayName(file), error as NodeJS.ErrnoException));
    }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function looksLikePolicyDocument(value: unknown): boolean {
    return isPlainObject(value) && "Statement" in value;
}

/** The location of a policy document inside a wrapper, and the jq filter that extracts it. */
interface NestedDocument {
    readonly path: string;
    readonly jqFilter: string;
}

function jqPath(keys: readonly string[]): string {
    const path = keys.map((key) => (/^[A-Za-z_]\w*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`)).join("");
    // A filter that starts with a bracket would build an array in jq, so the path must start with a dot.
    return path.startsWith("[") ? `.${path}` : path;
}

/**
 * Finds a policy document nested in a wrapper such as the output of `aws iam get-role`
 * (`Role.AssumeRolePolicyDocument`, an object) or `aws s3api get-bucket-policy` (`Policy`, a JSON string),
 * so that the error message names what to extract. Looks four levels deep at most.
 */
function findNestedPolicyDocument(value: unknown, keys: readonly string[] = []): NestedDocument | undefined {
    if (keys.length > 3 || !isPlainObject(value)) {
        return undefined;
    }
    for (const [key, child] of Object.entries(value)) {
        const childKeys = [...keys, key];
        if (looksLikePolicyDocument(child)) {
            return { path: childKeys.join("."), jqFilter: jqPath(childKeys) };
        }
        if (typeof child === "string" && child.includes("Statement")) {
            try {
                if (looksLikePolicyDocument(JSON.parse(child))) {
                    return { path: childKeys.join("."), jqFilter: `${jqPath(childKeys)} | fromjson` };
                }
            } catch {
                // A string that mentions Statement but is not JSON is not a document; keep looking.
            }
        }
        const nested = findNestedPolicyDocument(child, childKeys);
        if (nested !== undefined) {
            return nested;
        }
    }
    return undefined;
}

/**
 * Rewrites V8's JSON.parse message, which gives a character offset ("... in JSON at position 72" on Node 20),
 * into the line and column an editor shows.
 */
function describeJsonError(text: string, error: Error): string {
    const match = /^(.*?)(?: in JSON)? at position (\d+)/.exec(error.message);
    if (match === null) {
        return error.message;
    }
    const offset = Number(match[2]);
    const before = text.slice(0, offset).split("\n");
    return `${match[1]} at line ${before.length}, column ${before[before.length - 1].length + 1}`;
}

/**
 * Reads a file as a policy document. Throws InvalidInputError naming the file when it cannot be read, is not
 * JSON, is not an object with a Statement, or has a structure that IAM rejects (such as an Effect that is
 * neither Allow nor Deny).
 */
export function readPolicyDocument(file: string): unknown {
    const name = displayName(file);
    const text = readText(file);
    if (text.trim() === "") {
        throw new InvalidInputError(`${name}: the file is empty; it must contain one policy document as JSON`);
    }

    let document: unknown;
    try {
        document = JSON.parse(text);
    } catch (error) {
        throw new InvalidInputError(`${name}: not valid JSON: ${describeJsonError(text, error as Error)}`);
    }

    if (!looksLikePolicyDocument(document)) {
        const nested = findNestedPolicyDocument(document);
        const hint =
            nested === undefined
                ? `; a policy document looks like {"Version": "2012-10-17", "Statement": [...]}`
                : `; it contains one at "${nested.path}", so extract that first, for example with jq '${nested.jqFilter}'`;
        throw new InvalidInputError(`${name}: not a policy document: expected a JSON object with a Statement${hint}`);
    }

    const { problems } = parsePolicyDocument(document);
    if (problems.length > 0) {
        throw new InvalidInputError(`${name}: not a valid policy document: ${problems.join("; ")}`);
    }
    return document;
}

/** The policy pack config that --config loads. */
type PackConfig = ReturnType<typeof loadPackConfig>;

/** Checks one file; the kind is the one given, or guessed from the document when undefined. */
export function checkFile(file: string, kind: DocumentKind | undefined, config: PackConfig | undefined): FileResult {
    const document = readPolicyDocument(file);
    const documentKind = kind ?? guessDocumentKind(document);
    const findings = checkPolicyDocument(document, documentKind, config)
        // A disabled rule is switched off, so its findings are not reported even if the checker returns them.
        .filter((finding) => finding.enforcementLevel !== "disabled");
    return { file: displayName(file), kind: documentKind, kindGuessed: kind === undefined, findings };
}

function plural(count: number, noun: string): string {
    return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

/** Formats the human-readable report: each file with its findings, then a summary line. */
export function formatReport(results: readonly FileResult[], invalidFileCount: number): string {
    const lines: string[] = [];
    for (const result of results) {
        lines.push(`${result.file}: ${result.kind} policy${result.kindGuessed ? " (kind guessed)" : ""}`);
        if (result.findings.length === 0) {
            lines.push("  no findings");
        }
        for (const finding of result.findings) {
            lines.push(`  ${finding.enforcementLevel.padEnd("mandatory".length)}  ${finding.rule}: ${finding.message}`);
        }
        lines.push("");
    }

    const findings = results.flatMap((result) => result.findings);
    const mandatory = findings.filter((finding) => finding.enforcementLevel === "mandatory").length;
    const advisory = findings.length - mandatory;
    const checked =
        invalidFileCount === 0
            ? plural(results.length, "file")
            : `${results.length} of ${plural(results.length + invalidFileCount, "file")} (${invalidFileCount} invalid)`;
    lines.push(
        `Checked ${checked}: ${plural(mandatory, "mandatory finding")}, ${plural(advisory, "advisory finding")}.`,
    );
    return lines.join("\n") + "\n";
}

/** Lists the findings of every file in the shape `--json` prints. */
export function toFileFindings(results: readonly FileResult[]): FileFinding[] {
    return results.flatMap((result) =>
        result.findings.map((finding) => ({
            file: result.file,
            rule: finding.rule,
            enforcementLevel: finding.enforcementLevel,
            message: finding.message,
        })),
    );
}

/** Runs the linter on its arguments and returns the exit status. */
export function runPolicyCheck(args: readonly string[], output: OutputStreams): number {
    let commandLine: CommandLine;
    try {
        commandLine = parseCommandLine(args);
    } catch (error) {
        if (error instanceof UsageError) {
            output.stderr(`error: ${error.message}\nRun with --help for the options.\n`);
            return exitCodes.invalidInput;
        }
        throw error;
    }
    if (commandLine.help) {
        output.stdout(usage);
        return exitCodes.noMandatoryFindings;
    }

    let config: PackConfig | undefined;
    if (commandLine.configFile !== undefined) {
        try {
            config = loadPackConfig(commandLine.configFile);
        } catch (error) {
            // loadPackConfig names the file, key and value in its message. Checking with the default levels
            // instead of an unusable config would report the wrong enforcement, so the run stops here.
            output.stderr(`error: ${(error as Error).message}\n`);
            return exitCodes.invalidInput;
        }
    }

    const results: FileResult[] = [];
    let invalidFileCount = 0;
    for (const file of commandLine.files) {
        try {
            results.push(checkFile(file, commandLine.kind, config));
        } catch (error) {
            if (!(error instanceof InvalidInputError)) {
                throw error;
            }
            output.stderr(`error: ${error.message}\n`);
            invalidFileCount += 1;
        }
    }

    if (commandLine.json) {
        output.stdout(JSON.stringify(toFileFindings(results), null, 2) + "\n");
    } else {
        output.stdout(formatReport(results, invalidFileCount));
    }

    if (invalidFileCount > 0) {
        return exitCodes.invalidInput;
    }
    const hasMandatory = results.some((result) =>
        result.findings.some((finding) => finding.enforcementLevel === "mandatory"),
    );
    return hasMandatory ? exitCodes.mandatoryFindings : exitCodes.noMandatoryFindings;
}

if (require.main === module) {
    // Setting exitCode instead of calling process.exit lets a piped stdout finish writing.
    process.exitCode = runPolicyCheck(process.argv.slice(2), {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
    });
}
