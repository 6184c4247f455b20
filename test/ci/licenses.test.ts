import * as fs from "fs";
import * as path from "path";

import { expect } from "chai";

const projectDirectory = path.resolve(__dirname, "..", "..");

// Licenses that let anyone run, change and ship the project without passing on obligations beyond notices.
const permissiveLicenses = new Set([
    "MIT",
    "ISC",
    "Apache-2.0",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "0BSD",
    "BlueOak-1.0.0",
    "Python-2.0",
    "CC0-1.0",
    "CC-BY-3.0",
    "Unlicense",
]);

interface LockedPackage {
    dev?: boolean;
    license?: string;
}

/** Reads the license of a package that points to its LICENSE file instead of naming an SPDX id. */
function licenseFromFile(packageDirectory: string): string | undefined {
    const file = fs.readdirSync(packageDirectory).find((name) => /^licen[cs]e/i.test(name));
    if (file === undefined) {
        return undefined;
    }
    const text = fs.readFileSync(path.join(packageDirectory, file), "utf8");
    return /\bMIT License\b/i.test(text) ? "MIT" : undefined;
}

describe("runtime dependencies", () => {
    it("are all permissively licensed", () => {
        const lock = JSON.parse(fs.readFileSync(path.join(projectDirectory, "package-lock.json"), "utf8")) as {
            packages: Record<string, LockedPackage>;
        };
        const runtimePackages = Object.entries(lock.packages).filter(
            ([location, entry]) => location !== "" && !entry.dev,
        );

        const offending: string[] = [];
        for (const [location, entry] of runtimePackages) {
            let license = entry.license;
            if (license?.startsWith("SEE LICENSE IN")) {
                license = licenseFromFile(path.join(projectDirectory, location));
            }
            const identifiers = (license ?? "").replace(/[()]/g, "").split(/\s+(?:AND|OR)\s+/);
            if (license === undefined || !identifiers.every((identifier) => permissiveLicenses.has(identifier))) {
                offending.push(`${location}: ${entry.license ?? "no license"}`);
            }
        }

        expect(runtimePackages.length).to.be.greaterThan(0);
        expect(offending).to.deep.equal([]);
    });

    it("keep AGPL packages out of the runtime", () => {
        const lock = JSON.parse(fs.readFileSync(path.join(projectDirectory, "package-lock.json"), "utf8")) as {
            packages: Record<string, LockedPackage>;
        };

        const simulator = lock.packages["node_modules/@cloud-copilot/iam-simulate"];

        expect(simulator?.license).to.match(/^AGPL-3\.0/);
        expect(simulator?.dev).to.equal(true);
    });
});
