/**
 * The common subset of DIRAC JDL (ClassAd syntax):
 *
 *   [
 *     Executable = "linc_target.sh";       // strings in double quotes
 *     NumberOfProcessors = 16;             // numbers
 *     Site = {"LCG.SARA-MATRIX.nl", "LCG.PSNC.pl"};   // lists in braces
 *     WholeNode = true;                    # comments with // or #
 *   ]
 *
 * parsed into attributes, then mapped onto placement requirements. A syntax error names
 * its line and column.
 */
import { badInput } from "@gridgraph/kit";
import type { JobRequirements } from "./requirements";

export type JdlValue = string | number | boolean | JdlValue[];

export class JdlSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    detail: string,
  ) {
    super(`JDL syntax error at line ${line}, column ${column}: ${detail}`);
  }
}

/** Attribute name (lower-cased) -> value, in document order. */
export function parseJdl(text: string): Map<string, { name: string; value: JdlValue; line: number }> {
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
    if (ch !== undefined && /[-0-9.]/.test(ch)) {
      const start = pos;
      while (/[-0-9.eE+]/.test(peek() ?? "")) advance();
      const n = Number(text.slice(start, pos));
      if (!Number.isFinite(n)) fail(`'${text.slice(start, pos)}' is not a number`);
      return n;
    }
    if (ch !== undefined && /[A-Za-z_]/.test(ch)) {
      const word = identifier();
      if (/^true$/i.test(word)) return true;
      if (/^false$/i.test(word)) return false;
      return word;
    }
    return fail(`expected a value but found ${describe(ch)}`);
  };

  const attributes = new Map<string, { name: string; value: JdlValue; line: number }>();
  skip();
  const bracketed = peek() === "[";
  if (bracketed) advance();
  for (;;) {
    skip();
    if (peek() === undefined) {
      if (bracketed) fail("expected ']' to close the JDL");
      break;
    }
    if (bracketed && peek() === "]") {
      advance();
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

export interface JdlJob {
  requirements: JobRequirements;
  executable: string | null;
  arguments: string | null;
  jobGroup: string | null;
  inputData: string[];
  warnings: string[];
}

/** DIRAC site names are GRID.NAME.country (LCG.SARA-MATRIX.nl); the registry uses NAME. */
export function siteFromDirac(name: string): string {
  const parts = name.split(".");
  return parts.length >= 3 ? parts.slice(1, -1).join(".") : name;
}

const list = (v: JdlValue | undefined): string[] =>
  v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)];

/** Parses JDL text and maps it onto placement requirements; `vo` is the VO the job runs as. */
export function jdlToRequirements(text: string, vo: string | null): JdlJob {
  let attrs: ReturnType<typeof parseJdl>;
  try {
    attrs = parseJdl(text);
  } catch (error) {
    if (error instanceof JdlSyntaxError) throw badInput(error.message, "jdl");
    throw error;
  }
  const warnings: string[] = [];
  const take = (name: string) => {
    const a = attrs.get(name.toLowerCase());
    attrs.delete(name.toLowerCase());
    return a?.value;
  };
  const int = (name: string, v: JdlValue | undefined): number | null => {
    if (v === undefined) return null;
    const n = typeof v === "number" ? v : Number(v);
    if (!Number.isInteger(n) || n < 0)
      throw badInput(`JDL ${name} must be a whole number; got ${JSON.stringify(v)}.`, "jdl");
    return n;
  };
  const executable = take("Executable");
  const args = take("Arguments");
  const jobGroup = take("JobGroup");
  const inputData = list(take("InputData")).map((lfn) => lfn.replace(/^LFN:/i, ""));
  const tags = list(take("Tags"));
  let cores = int("NumberOfProcessors", take("NumberOfProcessors"));
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
  if (platformValue !== undefined) {
    // DIRAC platforms look like x86_64-el9 or Linux_x86_64_glibc-2.17: keep the architecture.
    const arch = /(x86_64|aarch64|ppc64le|i686)/.exec(String(platformValue));
    if (arch) platform = arch[1];
    else warnings.push(`Platform '${platformValue}' names no known architecture; ignored.`);
  }
  const sites = list(take("Site")).map(siteFromDirac);
  const banned = [...list(take("BannedSite")), ...list(take("BannedSites"))].map(siteFromDirac);
  const jdlVo = take("VirtualOrganization") ?? take("VO");
  const runAs = vo ?? (jdlVo === undefined ? null : String(jdlVo));
  if (!runAs)
    throw badInput(
      "Say which VO the job runs as: the 'vo' argument, or VirtualOrganization in the JDL.",
      "vo",
    );
  for (const [, a] of attrs) warnings.push(`${a.name} (line ${a.line}) is not used for placement.`);
  if (inputData.length)
    warnings.push(
      `InputData lists ${inputData.length} file(s); pass the sites holding them as dataSites to favour them.`,
    );
  return {
    requirements: {
      vo: runAs,
      cores,
      memoryMb: maxRam,
      gpus,
      cpuTimeSeconds: cpuTime,
      platform,
      tags: queueTags,
      allowedSites: sites.length ? sites : null,
      bannedSites: banned,
    },
    executable: executable === undefined ? null : String(executable),
    arguments: args === undefined ? null : Array.isArray(args) ? args.join(" ") : String(args),
    jobGroup: jobGroup === undefined ? null : String(jobGroup),
    inputData,
    warnings,
  };
}
