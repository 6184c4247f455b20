import * as fs from "fs";
import * as os from "os";
import * as path from "path";

import { expect } from "chai";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildIsCurrent } = require("../../policy-pack/build-status") as {
    buildIsCurrent(packDirectory: string): boolean;
};

/** Writes a file and sets its modification time, in seconds since the epoch. */
function writeFileAt(file: string, seconds: number): void {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, "// fixture\n");
    fs.utimesSync(file, seconds, seconds);
}

describe("policy pack build status", () => {
    let root: string;
    let pack: string;

    beforeEach(() => {
        root = fs.mkdtempSync(path.join(os.tmpdir(), "pack-build-"));
        pack = path.join(root, "policy-pack");
        writeFileAt(path.join(pack, "index.ts"), 1_000);
        writeFileAt(path.join(pack, "rules", "no-wildcard-grants.ts"), 1_000);
        writeFileAt(path.join(root, "iam", "grants.ts"), 1_000);
    });

    afterEach(() => {
        fs.rmSync(root, { recursive: true, force: true });
    });

    it("is current when the build is newest", () => {
        writeFileAt(path.join(pack, "dist", "policy-pack", "index.js"), 2_000);

        expect(buildIsCurrent(pack)).to.equal(true);
    });

    it("is stale without a build", () => {
        expect(buildIsCurrent(pack)).to.equal(false);
    });

    it("is stale after a rule changes", () => {
        writeFileAt(path.join(pack, "dist", "policy-pack", "index.js"), 2_000);

        writeFileAt(path.join(pack, "rules", "no-wildcard-grants.ts"), 3_000);

        expect(buildIsCurrent(pack)).to.equal(false);
    });

    it("is stale after a shared iam module changes", () => {
        writeFileAt(path.join(pack, "dist", "policy-pack", "index.js"), 2_000);

        writeFileAt(path.join(root, "iam", "grants.ts"), 3_000);

        expect(buildIsCurrent(pack)).to.equal(false);
    });

    it("ignores files other than TypeScript sources", () => {
        writeFileAt(path.join(pack, "dist", "policy-pack", "index.js"), 2_000);

        writeFileAt(path.join(pack, "config", "prod.json"), 3_000);

        expect(buildIsCurrent(pack)).to.equal(true);
    });
});
