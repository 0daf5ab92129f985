/**
 * The common subset of DIRAC JDL (ClassAd syntax):
 *
 *   [
 *     Executable = "linc_target.sh";       // strings in double quotes
 *     NumberOfProcessors = 16;             // numbers
 *     Site = {"LCG.SARA-MATRIX.nl", "LCG.PSNC.pl"};   // lists in braces
 *     WholeNode = true;                    # comments with // or #
 *     JobName = Name;                      // bare words, paths and %(placeholders)s, as
 *   ]                                      // DIRAC's own ClassAd reader takes them
 *
 * parsed into attributes, a parametric JDL expanded into its jobs as DIRAC expands them, then
 * each mapped onto placement requirements. A syntax error names its line and column.
 */
import { badInput } from "@gridgraph/kit";
import type { JobRequirements } from "./requirements";

export type JdlValue = string | number | boolean | JdlValue[] | JdlAd;
/** A ClassAd: attribute name (lower-cased) -> value, in document order. */
export type JdlAd = Map<string, { name: string; value: JdlValue; line: number }>;

export class JdlSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    detail: string,
  ) {
    super(`JDL syntax error at line ${line}, column ${column}: ${detail}`);
  }
}

/** Attribute name (lower-cased) -> value, in document order; nested `[ ... ]` ads as maps. */
export function parseJdl(text: string): JdlAd {
  let pos = 0;
  let line = 1;
  let col = 1;
  const fail = (detail: string): never => {
    throw new JdlSyntaxError(line, col, detail);
  };
  const peek = () => text[pos];
  const advance = () => {
    const ch = text[pos++];
    if (ch === "\n") {
      line++;
      col = 1;
    } else col++;
    return ch;
  };
  const skip = () => {
    for (;;) {
      const ch = peek();
      if (ch === undefined) return;
      if (/\s/.test(ch)) advance();
      else if (ch === "#" || (ch === "/" && text[pos + 1] === "/"))
        while (peek() !== undefined && peek() !== "\n") advance();
      else if (ch === "/" && text[pos + 1] === "*") {
        advance();
        advance();
        while (peek() !== undefined && !(peek() === "*" && text[pos + 1] === "/")) advance();
        if (peek() === undefined) fail("unterminated comment");
        advance();
        advance();
      } else return;
    }
  };
  const describe = (ch: string | undefined) => (ch === undefined ? "end of text" : `'${ch}'`);
  const expect = (ch: string) => {
    skip();
    if (peek() !== ch) fail(`expected '${ch}' but found ${describe(peek())}`);
    advance();
  };
  const identifier = (): string => {
    skip();
    const start = pos;
    if (!/[A-Za-z_]/.test(peek() ?? "")) fail(`expected an attribute name but found ${describe(peek())}`);
    while (/[A-Za-z0-9_.-]/.test(peek() ?? "")) advance();
    return text.slice(start, pos);
  };
  const value = (): JdlValue => {
    skip();
    const ch = peek();
    if (ch === '"') {
      advance();
      let out = "";
      while (peek() !== '"') {
        if (peek() === undefined || peek() === "\n") fail("unterminated string");
        if (peek() === "\\") advance();
        out += advance();
      }
      advance();
      return out;
    }
    if (ch === "{") {
      advance();
      const items: JdlValue[] = [];
      skip();
      if (peek() === "}") {
        advance();
        return items;
      }
      for (;;) {
        items.push(value());
        skip();
        if (peek() === ",") {
          advance();
          continue;
        }
        if (peek() === "}") {
          advance();
          return items;
        }
        fail(`expected ',' or '}' in a list but found ${describe(peek())}`);
      }
    }
    if (ch === "[") {
      advance();
      return ad(true, true);
    }
    // Anything else is a bare value, read to the end of the item: DIRAC writes words, paths and
    // placeholders unquoted (`InputSandbox = jobDescription.xml;`, `{/lhcb/data/f1, ...}`,
    // `InputData = %(InputData)s;`), and gLite expressions (`other.GlueCEStateStatus == "x"`).
    if (ch === undefined || /[;,}\]=]/.test(ch)) return fail(`expected a value but found ${describe(ch)}`);
    const start = pos;
    let quoted = false;
    while (peek() !== undefined && peek() !== "\n") {
      const c = peek();
      if (c === '"') quoted = !quoted;
      else if (!quoted && (/[;,{}[\]]/.test(c) || c === "#" || (c === "/" && text[pos + 1] === "/"))) break;
      advance();
    }
    const word = text.slice(start, pos).trim();
    if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(word)) return Number(word);
    if (/^true$/i.test(word)) return true;
    if (/^false$/i.test(word)) return false;
    return word;
  };

  /** The attributes of an ad up to its closing ']' (or the end of the text when not bracketed). */
  function ad(bracketed: boolean, nested = false): JdlAd {
    const attributes: JdlAd = new Map();
    for (;;) {
      skip();
      if (peek() === undefined) {
        if (bracketed) fail("expected ']' to close the JDL");
        break;
      }
      if (bracketed && peek() === "]") {
        advance();
        if (nested) return attributes;
        skip();
        if (peek() !== undefined) fail(`unexpected ${describe(peek())} after ']'`);
        break;
      }
      const at = line;
      const name = identifier();
      expect("=");
      const v = value();
      skip();
      if (peek() === ";") advance();
      else if (!(bracketed && peek() === "]") && peek() !== undefined)
        fail(`expected ';' after the value of ${name} but found ${describe(peek())}`);
      attributes.set(name.toLowerCase(), { name, value: v, line: at });
    }
    return attributes;
  }

  skip();
  const bracketed = peek() === "[";
  if (bracketed) advance();
  return ad(bracketed);
}

/** One job a JDL describes: a parametric JDL describes one per parameter. */
export interface JdlJobDescription {
  /** Its value of the unnamed parameter sequence (`%s`); null for a JDL that is not parametric. */
  parameter: string | null;
  /** JobName, with %n and the parameters put in. */
  name: string | null;
  executable: string | null;
  arguments: string | null;
  inputData: string[];
}

export interface JdlJob {
  requirements: JobRequirements;
  executable: string | null;
  arguments: string | null;
  jobGroup: string | null;
  jobName: string | null;
  /** Every job's InputData, once each. */
  inputData: string[];
  /** A parametric JDL's values, one job each (DIRAC's %s in the job's attributes); [] for one job. */
  parameters: string[];
  /** The jobs the JDL describes, expanded as DIRAC expands them (one for a plain JDL). */
  jobs: JdlJobDescription[];
  warnings: string[];
}

/**
 * DIRAC names sites GRID.NAME.country (LCG.IN2P3.fr) and maps each to its GOCDB name in its
 * configuration (Resources/Sites/<grid>/<site>/Name). Without a mapping entry, NAME is the best
 * guess (LCG.SARA-MATRIX.nl -> SARA-MATRIX).
 */
export function siteFromDirac(name: string, mapping?: ReadonlyMap<string, string>): string {
  const mapped = mapping?.get(name) ?? mapping?.get(name.toLowerCase());
  if (mapped) return mapped;
  const parts = name.split(".");
  return parts.length >= 3 ? parts.slice(1, -1).join(".") : name;
}

const list = (v: JdlValue | undefined): string[] =>
  v === undefined
    ? []
    : Array.isArray(v)
      ? v.map(String).filter((x) => x.trim() !== "")
      : v instanceof Map || String(v).trim() === ""
        ? []
        : [String(v)];

/** DIRAC's "no restriction" for Site. */
const ANY = /^any$/i;
/** Names DIRAC writes inside JobRequirements, and the top-level attribute each stands for. */
const REQUIREMENT_ALIASES: Record<string, string> = {
  sites: "site",
  bannedsites: "bannedsites",
  platforms: "platform",
};

const PARAMETRIC = /^(parameters|parameterstart|parameterstep|parameterfactor)(?:\.(.+))?$/;
const MAX_JOBS = 10_000;
/** A parameter value as it goes into a string (a list's items joined, as DIRAC strips its braces). */
const flat = (v: JdlValue): string =>
  Array.isArray(v) ? v.map(flat).join(",") : v instanceof Map ? "" : String(v);

/**
 * A parametric JDL expanded into one ad per job, as DIRAC's ParametricJob does it: sequences
 * `Parameters` (`%s`) and `Parameters.<name>` (`%(name)s`), each a list or generated from
 * ParameterStart (default 1), ParameterStep (added, default 0) and ParameterFactor (multiplied,
 * default 1); every sequence has the same length; `%n` is the job's index, zero-padded. A value
 * that is only a placeholder takes the parameter whole, so `InputData = %(InputData)s` with
 * `Parameters.InputData = {{f1, f2}, {f3}}` gives each job its own list of files.
 */
export function expandParametric(attrs: JdlAd): { parameters: string[]; ads: JdlAd[] } {
  const sequences = new Map<
    string,
    { list?: JdlValue[]; count?: number; start?: number; step?: number; factor?: number }
  >();
  for (const [key, a] of [...attrs]) {
    const m = PARAMETRIC.exec(key);
    if (!m) continue;
    attrs.delete(key);
    const id = m[2] ?? "";
    const sequence = sequences.get(id) ?? {};
    sequences.set(id, sequence);
    const number = (what: string) => {
      const n = typeof a.value === "number" ? a.value : Number(a.value);
      if (
        typeof a.value === "boolean" ||
        a.value instanceof Map ||
        Array.isArray(a.value) ||
        !Number.isFinite(n)
      )
        throw badInput(
          `JDL ${a.name} (line ${a.line}) must be ${what}; got ${JSON.stringify(flat(a.value))}.`,
          "jdl",
        );
      return n;
    };
    if (m[1] !== "parameters")
      sequence[m[1].slice("parameter".length) as "start" | "step" | "factor"] = number("a number");
    else if (Array.isArray(a.value)) sequence.list = a.value;
    else if (id) throw badInput(`JDL ${a.name} (line ${a.line}) must be a list of values.`, "jdl");
    else sequence.count = number("a list or a count of jobs");
  }
  if (!sequences.size) return { parameters: [], ads: [attrs] };
  const lengths = new Set(
    [...sequences.values()].flatMap((q) =>
      q.list ? [q.list.length] : q.count !== undefined ? [q.count] : [],
    ),
  );
  if (lengths.size > 1)
    throw badInput(
      `The JDL's parameter sequences differ in length (${[...lengths].join(" vs ")}); DIRAC needs them equal.`,
      "jdl",
    );
  const count = [...lengths][0];
  if (count === undefined || !Number.isInteger(count) || count < 1 || count > MAX_JOBS)
    throw badInput(
      `JDL Parameters must be a list or a count of 1..${MAX_JOBS} jobs; got ${count ?? "none"}.`,
      "jdl",
    );
  const values = new Map<string, JdlValue[]>();
  for (const [id, q] of sequences) {
    if (q.list) values.set(id, q.list);
    else {
      const [start, step, factor] = [q.start ?? 1, q.step ?? 0, q.factor ?? 1];
      const generated: JdlValue[] = [];
      for (let i = 0, v = start; i < count; i++, v = v * factor + step)
        generated.push(Number(v.toPrecision(12)));
      values.set(id, generated);
    }
  }
  const width = String(count - 1).length;
  const placeholder = /%n|%s|%\((\w+)\)s/g;
  const ads: JdlAd[] = [];
  for (let n = 0; n < count; n++) {
    // Sequence names are matched as attribute names are: without regard to case.
    const value = (id: string) => values.get(id)?.[n];
    /** The value with the parameters put in; `whole` when it was one placeholder of a list. */
    const put = (v: JdlValue): { value: JdlValue; whole: boolean } => {
      if (typeof v === "string") {
        const only = /^(?:%s|%\((\w+)\)s)$/.exec(v.trim());
        const parameter = only ? value((only[1] ?? "").toLowerCase()) : undefined;
        if (Array.isArray(parameter)) return { value: parameter, whole: true };
        const replaced = v.replace(placeholder, (all, name?: string) => {
          if (all === "%n") return String(n).padStart(width, "0");
          const p = value((name ?? "").toLowerCase());
          return p === undefined ? all : flat(p);
        });
        return { value: replaced, whole: false };
      }
      if (Array.isArray(v))
        return {
          value: v.flatMap((item) => {
            const r = put(item);
            return r.whole && Array.isArray(r.value) ? r.value : [r.value];
          }),
          whole: false,
        };
      if (v instanceof Map)
        return {
          value: new Map([...v].map(([k, a]) => [k, { ...a, value: put(a.value).value }])),
          whole: false,
        };
      return { value: v, whole: false };
    };
    ads.push(new Map([...attrs].map(([k, a]) => [k, { ...a, value: put(a.value).value }])));
  }
  return { parameters: (values.get("") ?? values.values().next().value!).map(flat), ads };
}

/**
 * Parses JDL text and maps it onto placement requirements. `vo` is the VO the caller runs as
 * when the JDL does not say (VirtualOrganization wins); `diracSites` maps DIRAC site names.
 * A parametric JDL's jobs are each read; the requirements are the first job's, InputData all of
 * theirs (what a placement of the whole collection must account for).
 */
export function jdlToRequirements(
  text: string,
  vo: string | null,
  diracSites?: ReadonlyMap<string, string>,
): JdlJob {
  let attrs: JdlAd;
  try {
    attrs = parseJdl(text);
  } catch (error) {
    if (error instanceof JdlSyntaxError) throw badInput(error.message, "jdl");
    throw error;
  }
  // DIRAC keeps the requirements it derived in a nested JobRequirements ad: they count as the
  // job's own unless the job states them itself.
  const nested = attrs.get("jobrequirements");
  if (nested?.value instanceof Map) {
    attrs.delete("jobrequirements");
    for (const [key, a] of nested.value) {
      const top = REQUIREMENT_ALIASES[key] ?? key;
      if (!attrs.has(top)) attrs.set(top, a);
    }
  }
  const { parameters, ads } = expandParametric(attrs);
  const jobs = ads.map((ad) => readJob(ad, vo, diracSites));
  const [first] = jobs;
  return {
    ...first,
    inputData: [...new Set(jobs.flatMap((j) => j.inputData))],
    parameters,
    jobs: jobs.map((j, i) => ({
      parameter: parameters.length ? parameters[i] : null,
      name: j.jobName,
      executable: j.executable,
      arguments: j.arguments,
      inputData: j.inputData,
    })),
    // The same attribute is reported once, not once per job.
    warnings: [...new Set(jobs.flatMap((j) => j.warnings))],
  };
}

/** One job's ad onto placement requirements. */
function readJob(
  attrs: JdlAd,
  vo: string | null,
  diracSites?: ReadonlyMap<string, string>,
): Omit<JdlJob, "parameters" | "jobs"> {
  const warnings: string[] = [];
  const take = (name: string) => {
    const a = attrs.get(name.toLowerCase());
    attrs.delete(name.toLowerCase());
    return a?.value;
  };
  const int = (name: string, v: JdlValue | undefined): number | null => {
    if (v === undefined || v === "") return null;
    const n = typeof v === "number" ? v : Number(v);
    if (!Number.isInteger(n) || n < 0)
      throw badInput(`JDL ${name} must be a whole number; got ${JSON.stringify(v)}.`, "jdl");
    return n;
  };
  const executable = take("Executable");
  const args = take("Arguments");
  const jobGroup = take("JobGroup");
  const jobName = take("JobName");
  const inputData = list(take("InputData")).map((lfn) => lfn.replace(/^LFN:/i, ""));
  const tags = list(take("Tags"));
  // NumberOfProcessors, or the least of a range the job can use (MinNumberOfProcessors).
  const exact = int("NumberOfProcessors", take("NumberOfProcessors"));
  const min = int("MinNumberOfProcessors", take("MinNumberOfProcessors"));
  const max = int("MaxNumberOfProcessors", take("MaxNumberOfProcessors"));
  if (min !== null && max !== null && max < min)
    throw badInput(`JDL MaxNumberOfProcessors (${max}) is less than MinNumberOfProcessors (${min}).`, "jdl");
  let cores = exact ?? min ?? (max !== null ? 1 : null);
  let gpus = 0;
  const queueTags: string[] = [];
  for (const tag of tags) {
    const processors = /^(\d+)Processors$/i.exec(tag);
    if (processors) cores = Math.max(cores ?? 1, Number(processors[1]));
    else if (/^gpu$/i.test(tag)) gpus = Math.max(gpus, 1);
    else if (/^multiprocessor$/i.test(tag)) continue;
    else queueTags.push(tag.toLowerCase());
  }
  const wholeNode = take("WholeNode");
  if (wholeNode === true || (typeof wholeNode === "string" && /^(yes|true)$/i.test(wholeNode)))
    queueTags.push("wholenode");
  const maxRam = int("MaxRAM", take("MaxRAM"));
  const cpuTime = int("CPUTime", take("CPUTime"));
  const platformValue = take("Platform");
  let platform: string | null = null;
  for (const value of list(platformValue)) {
    // DIRAC platforms look like x86_64-el9 or Linux_x86_64_glibc-2.17: keep the architecture.
    const arch = /(x86_64|aarch64|ppc64le|i686)/.exec(value);
    if (arch) {
      platform = arch[1];
      break;
    }
    warnings.push(`Platform '${value}' names no known architecture; ignored.`);
  }
  const mapSites = (names: string[], what: string) =>
    names.map((name) => {
      const id = siteFromDirac(name, diracSites);
      if (diracSites && !diracSites.has(name) && name.split(".").length >= 3)
        warnings.push(`${what} '${name}' is not in the DIRAC site mapping; read as site '${id}'.`);
      return id;
    });
  const siteNames = list(take("Site"));
  const sites = siteNames.some((n) => ANY.test(n)) ? [] : mapSites(siteNames, "Site");
  const banned = mapSites([...list(take("BannedSite")), ...list(take("BannedSites"))], "Banned site");
  // DIRAC's GridCE: the job goes through that computing element (a host name).
  const gridCe = list(take("GridCE"));
  const jdlVo = take("VirtualOrganization") ?? take("VO");
  const named = jdlVo === undefined || jdlVo === "" ? null : String(jdlVo);
  if (named && vo && named !== vo)
    warnings.push(`The JDL's VirtualOrganization '${named}' is used, not '${vo}'.`);
  const runAs = named ?? vo;
  if (!runAs)
    throw badInput(
      "Say which VO the job runs as: the 'vo' argument, or VirtualOrganization in the JDL.",
      "vo",
    );
  for (const [, a] of attrs) warnings.push(`${a.name} (line ${a.line}) is not used for placement.`);
  // InputData becomes data locality where the catalogue is asked (placementForJdl, input-data.ts).
  return {
    requirements: {
      vo: runAs,
      cores,
      memoryMb: maxRam,
      gpus,
      // DIRAC's CPUTime is work in HS06-seconds, not seconds: each site divides it by its benchmark.
      cpuWorkHs06Seconds: cpuTime,
      platform,
      tags: queueTags,
      allowedSites: sites.length ? sites : null,
      bannedSites: banned,
      computeEndpoints: gridCe.length ? gridCe : null,
    },
    executable: executable === undefined ? null : String(executable),
    arguments: args === undefined ? null : Array.isArray(args) ? args.join(" ") : String(args),
    jobGroup: jobGroup === undefined ? null : String(jobGroup),
    jobName: jobName === undefined ? null : String(jobName),
    inputData,
    warnings,
  };
}
