import { spawnSync } from "child_process";
import * as path from "path";

import { expect } from "chai";

const projectDirectory = path.resolve(__dirname, "..", "..");

describe("summary reporter", () => {
    it("prints the real counts in the line CI reads", () => {
        const fixture = path.join("test", "fixtures", "reporter", "mixed.fixture.ts");

        const result = spawnSync(process.execPath, [require.resolve("mocha/bin/mocha.js"), fixture], {
            cwd: projectDirectory,
            encoding: "utf8",
        });

        const lastLine = result.stdout.trim().split("\n").pop();
        expect(result.status).to.equal(1);
        expect(lastLine).to.equal("1 passed, 1 failed, 1 skipped");
    });
});
