import { spawn } from "child_process";
import * as path from "path";

export const repositoryRoot = path.resolve(__dirname, "..", "..");

/** Fixture files as the tests name them on the command line, relative to the repository root. */
export const fixtures = "test/fixtures/policies";

/** What a finished child process wrote and how it exited. */
export interface ProcessResult {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

function runProcess(command: string, args: readonly string[], input?: string): Promise<ProcessResult> {
    return new Promise((resolve, reject) => {
        // Windows runs npm through npm.cmd, which Node starts only in a shell.
        const child = spawn(command, args, {
            cwd: repositoryRoot,
            stdio: ["pipe", "pipe", "pipe"],
            shell: process.platform === "win32",
        });
        let stdout = "";
        let stderr = "";
        child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
        child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
        child.on("error", reject);
        child.on("close", (status) => resolve({ status, stdout, stderr }));
        child.stdin.end(input ?? "");
    });
}

/** Runs the policy file linter the way the npm script does, as a child process of plain node. */
export function runPolicyCheckProcess(args: readonly string[], input?: string): Promise<ProcessResult> {
    return runProcess(
        process.execPath,
        ["-r", "ts-node/register/transpile-only", "policy-pack/check.ts", ...args],
        input,
    );
}

/** Runs the linter through `npm run --silent policy:check`, as a user or CI does. */
export function runPolicyCheckScript(args: readonly string[]): Promise<ProcessResult> {
    return runProcess("npm", ["run", "--silent", "policy:check", "--", ...args]);
}
