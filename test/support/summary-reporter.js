// Mocha's spec reporter, followed by one line of counts in the form CI reads: "N passed, N failed".
"use strict";

const Mocha = require("mocha");

const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Mocha.reporters.Spec {
    constructor(runner, options) {
        super(runner, options);
        runner.once(EVENT_RUN_END, () => {
            const { passes, failures, pending } = runner.stats;
            const skipped = pending > 0 ? `, ${pending} skipped` : "";
            console.log(`${passes} passed, ${failures} failed${skipped}`);
        });
    }
}

module.exports = SummaryReporter;
