/**
 * What a valid site record is: one rule per field of every part, used by the admin mutations
 * and by the GLUE 2.0 JSON import alike. Every problem in an input is reported at once, each
 * with the field and a sentence saying what would be accepted.
 */
import { Problems, type Problem } from "@gridgraph/kit";
import {
  AccessLatency,
  CertificationStatus,
  DowntimeClassification,
  DowntimeSeverity,
  HealthState,
  Infrastructure,
  ServingState,
  SiteKind,
} from "../../entities";

export { Problems, type Problem };

type Rule = (value: unknown, field: string, problems: Problems) => unknown;

/** A GOCDB short name (site id), e.g. CYFRONET-LCG2. */
export const SITE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/;

/** Platforms sites may publish and jobs may ask for (GLUE2 Platform); other spellings are suggested. */
export const PLATFORMS = ["x86_64", "aarch64", "ppc64le", "riscv64", "s390x", "i686"];
const PLATFORM_ALIASES: Record<string, string> = {
  amd64: "x86_64",
  x64: "x86_64",
  "x86-64": "x86_64",
  arm64: "aarch64",
  armv8: "aarch64",
  ppc64el: "ppc64le",
  i386: "i686",
};

/**
 * A platform's GLUE2 spelling for a common other one (amd64 -> x86_64; HTCondor's X86_64 ->
 * x86_64), or null when the value is already GLUE2's or is no platform we know.
 */
export function platformAlias(value: string): string | null {
  const lower = value.trim().toLowerCase();
  if (PLATFORMS.includes(lower)) return lower === value ? null : lower;
  return PLATFORM_ALIASES[lower] ?? null;
}

const show = (v: unknown) => (typeof v === "string" ? `'${v}'` : JSON.stringify(v));

const text =
  (max = 300): Rule =>
  (v, field, p) => {
    const s = typeof v === "string" ? v.trim() : "";
    if (!s) p.add(field, `'${field}' must not be empty.`);
    else if (s.length > max) p.add(field, `'${field}' is ${s.length} characters long; at most ${max}.`);
    return s;
  };
const optionalText =
  (max = 300): Rule =>
  (v, field, p) =>
    v === null || (typeof v === "string" && !v.trim()) ? null : text(max)(v, field, p);

const url =
  (schemes: string[], example: string): Rule =>
  (v, field, p) => {
    const s = typeof v === "string" ? v.trim() : "";
    let parsed: URL | null = null;
    try {
      parsed = new URL(s);
    } catch {
      /* reported below */
    }
    if (!parsed || !parsed.host || !schemes.includes(parsed.protocol.replace(/:$/, ""))) {
      p.add(field, `'${field}' must be a ${schemes.join(", ")} URL such as ${example}; got ${show(v)}.`);
    }
    return s;
  };
const optional =
  (rule: Rule): Rule =>
  (v, field, p) =>
    v === null || v === "" ? null : rule(v, field, p);

const int =
  (min: number, unit: string, nullMeans?: string): Rule =>
  (v, field, p) => {
    if (v === null && nullMeans) return null;
    if (typeof v !== "number" || !Number.isInteger(v) || v < min) {
      p.add(
        field,
        `'${field}' must be a whole number of ${unit}, at least ${min}${nullMeans ? ` (or null for ${nullMeans})` : ""}; got ${show(v)}.`,
      );
    }
    return v;
  };
const decimal =
  (min: number, max: number, unit: string, nullable = false): Rule =>
  (v, field, p) => {
    if (v === null && nullable) return null;
    if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) {
      const range = max === Infinity ? `at least ${min}` : `between ${min} and ${max}`;
      p.add(field, `'${field}' must be ${unit} ${range}; got ${show(v)}.`);
    }
    return v;
  };

/** Trimmed, without empties or repeats; each item checked by `item` when given. */
const list =
  (item?: Rule): Rule =>
  (v, field, p) => {
    if (!Array.isArray(v)) {
      p.add(field, `'${field}' must be a list; got ${show(v)}.`);
      return [];
    }
    const out = [...new Set(v.map((x) => String(x).trim()).filter(Boolean))];
    if (item) out.forEach((x) => item(x, field, p));
    return out;
  };

const oneOf =
  (values: readonly string[]): Rule =>
  (v, field, p) => {
    if (!values.includes(v as string)) {
      p.add(field, `'${field}' must be one of ${values.join(", ")}; got ${show(v)}.`);
    }
    return v;
  };

const platform: Rule = (v, field, p) => {
  const s = typeof v === "string" ? v.trim() : "";
  if (!PLATFORMS.includes(s)) {
    const hint = PLATFORM_ALIASES[s.toLowerCase()];
    p.add(
      field,
      `'${field}' ${show(v)} is not a known platform${hint ? ` (did you mean ${hint}?)` : ""}; known: ${PLATFORMS.join(", ")}.`,
    );
  }
  return s;
};

const country: Rule = (v, field, p) => {
  const s = typeof v === "string" ? v.trim().toUpperCase() : "";
  if (!/^[A-Z]{2}$/.test(s))
    p.add(field, `'${field}' must be an ISO 3166-1 alpha-2 code such as PL; got ${show(v)}.`);
  return s;
};

const date: Rule = (v, field, p) => {
  const d = v instanceof Date ? v : typeof v === "string" ? new Date(v) : null;
  if (!d || Number.isNaN(d.getTime())) {
    p.add(field, `'${field}' must be a date and time such as 2030-01-01T08:00:00Z; got ${show(v)}.`);
    return v;
  }
  return d;
};

const VO_NAME = /^[a-z0-9][a-z0-9._-]*$/i;
const vo: Rule = (v, field, p) => {
  if (!VO_NAME.test(String(v)))
    p.add(field, `'${field}' has ${show(v)}, which is not a VO name such as vo.lofar.eu.`);
  return v;
};

const COMPUTE_URL = url(
  // condor: HTCondor-CE's own protocol (condor://ce.example.org:9619), what its BDII publishes.
  ["https", "http", "ldap", "gsiftp", "condor"],
  "https://ce01.example.org:9619",
);
const STORAGE_URL = url(
  // httpg: SRM over GSI, what every SRM endpoint publishes; root/xroot: XRootD.
  ["https", "http", "davs", "dav", "root", "xroot", "s3", "srm", "httpg", "gsiftp"],
  "davs://webdav.example.org:2880",
);

/** Every part of a site record, with its fields' rules; `required` ones must be given on create. */
export const RECORD_RULES = {
  Site: {
    rules: {
      officialName: text(),
      ngi: text(100),
      country,
      latitude: decimal(-90, 90, "decimal degrees", true),
      longitude: decimal(-180, 180, "decimal degrees", true),
      certificationStatus: oneOf(Object.values(CertificationStatus)),
      infrastructure: oneOf(Object.values(Infrastructure)),
      kind: oneOf(Object.values(SiteKind)),
      scopes: list(),
      supportedVos: list(vo),
      homeUrl: optional(url(["https", "http"], "https://www.example.org")),
    },
    required: ["officialName", "ngi", "country", "certificationStatus", "infrastructure", "kind"],
  },
  ComputeEndpoint: {
    rules: {
      url: COMPUTE_URL,
      interfaceName: text(),
      implementationName: text(),
      implementationVersion: optionalText(100),
      healthState: oneOf(Object.values(HealthState)),
      servingState: oneOf(Object.values(ServingState)),
      capabilities: list(),
    },
    required: ["url", "interfaceName", "implementationName"],
  },
  ComputeShare: {
    rules: {
      name: text(100),
      endpointUrl: optional(COMPUTE_URL),
      maxWallTime: int(1, "seconds", "no limit"),
      maxCpuTime: int(1, "seconds", "no limit"),
      maxSlotsPerJob: int(1, "slots", "no limit"),
      maxMainMemory: int(1, "MB", "no limit"),
      freeSlots: int(0, "slots"),
      usedSlots: int(0, "slots"),
      runningJobs: int(0, "jobs"),
      waitingJobs: int(0, "jobs"),
      estimatedWaitingTime: int(0, "seconds", "unknown"),
      vos: list(vo),
      tags: list(),
      requiredTags: list(),
      servingState: oneOf(Object.values(ServingState)),
    },
    required: ["name"],
  },
  ExecutionEnvironment: {
    rules: {
      platform,
      osFamily: (v: unknown, f: string, p: Problems) => (text(50)(v, f, p) as string).toLowerCase(),
      osName: text(100),
      osVersion: text(50),
      logicalCpus: int(1, "CPUs"),
      mainMemory: int(1, "MB"),
      gpuModel: optionalText(200),
      gpuCount: int(0, "GPUs"),
      totalInstances: int(1, "nodes"),
      benchmarkType: optionalText(100),
      benchmarkValue: decimal(0, Infinity, "a number", true),
    },
    required: ["platform", "osFamily", "osName", "osVersion", "logicalCpus", "mainMemory"],
  },
  ApplicationEnvironment: {
    rules: { name: text(200), version: optionalText(100) },
    required: ["name"],
  },
  StorageEndpoint: {
    rules: {
      url: STORAGE_URL,
      protocols: list(),
      accessLatency: oneOf(Object.values(AccessLatency)),
      totalCapacity: decimal(0, Infinity, "TB, a number"),
      freeCapacity: decimal(0, Infinity, "TB, a number"),
      vos: list(vo),
    },
    required: ["url"],
  },
  Downtime: {
    rules: {
      severity: oneOf(Object.values(DowntimeSeverity)),
      classification: oneOf(Object.values(DowntimeClassification)),
      startsAt: date,
      endsAt: date,
      description: text(2000),
      affectedEndpoints: list(),
    },
    required: ["severity", "classification", "startsAt", "endsAt", "description"],
  },
} as const satisfies Record<string, { rules: Record<string, Rule>; required: readonly string[] }>;

export type RecordKind = keyof typeof RECORD_RULES;

/**
 * Checks the given fields of a `kind` record and returns them normalized (trimmed, lists
 * de-duplicated). Undefined fields are left out. `current` is the record being updated (null
 * when creating): then required fields must be present, and checks across fields (end after
 * start, free capacity within total...) look at the record as it would be after the change.
 */
export function checkRecord(
  kind: RecordKind,
  fields: Record<string, unknown>,
  current: Record<string, unknown> | null,
  problems = new Problems(),
): Record<string, unknown> {
  const { rules, required } = RECORD_RULES[kind] as {
    rules: Record<string, Rule>;
    required: readonly string[];
  };
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined || !(field in rules)) continue;
    if (value === null && required.includes(field)) {
      problems.add(field, `'${field}' is required and cannot be removed.`);
      continue;
    }
    out[field] = rules[field](value, field, problems);
  }
  if (!current) {
    for (const field of required) {
      if (fields[field] === undefined || fields[field] === null) {
        problems.add(
          field,
          `'${field}' is required to create ${/^[AEIOU]/.test(kind) ? "an" : "a"} ${kind}.`,
        );
      }
    }
  }
  const after = { ...current, ...out };
  if (kind === "Downtime" && after.startsAt instanceof Date && after.endsAt instanceof Date) {
    if (after.endsAt.getTime() <= after.startsAt.getTime()) {
      problems.add(
        "endsAt",
        `'endsAt' (${after.endsAt.toISOString()}) must be after 'startsAt' (${after.startsAt.toISOString()}).`,
      );
    }
  }
  if (kind === "StorageEndpoint") {
    const [free, total] = [after.freeCapacity, after.totalCapacity];
    if (typeof free === "number" && typeof total === "number" && free > total) {
      problems.add(
        "freeCapacity",
        `'freeCapacity' (${free} TB) cannot exceed 'totalCapacity' (${total} TB).`,
      );
    }
  }
  if (kind === "ExecutionEnvironment" && after.gpuModel && !after.gpuCount) {
    problems.add(
      "gpuCount",
      `'gpuModel' is ${show(after.gpuModel)} but 'gpuCount' is 0; give the GPUs per node.`,
    );
  }
  if (kind === "Site" && (after.latitude == null) !== (after.longitude == null)) {
    problems.add("latitude", "'latitude' and 'longitude' go together: give both or neither.");
  }
  return out;
}
