import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseLdif } from "../../subgraphs/sites/src/capabilities/domain/ldif";
import { freePorts } from "../../scripts/ports";

/**
 * A real site BDII for tests: OpenLDAP's slapd (Debian's slapd) with the GLUE 2.0 schema
 * (Debian's glue-schema), serving o=glue on a free loopback port, loaded with slapadd from an
 * LDIF dump. `available()` says whether this machine has them (CI installs them).
 */
const SLAPD = "/usr/sbin/slapd";
const SLAPADD = "/usr/sbin/slapadd";
const GLUE2_SCHEMA = "/etc/ldap/schema/GLUE20.schema";

export function slapdAvailable(): boolean {
  return [SLAPD, SLAPADD, GLUE2_SCHEMA, "/etc/ldap/schema/core.schema"].every((f) => existsSync(f));
}

/** The entries above a dump's own (o=glue, GLUE2GroupID=grid...) that slapd needs to exist. */
function parents(ldif: string): string {
  const have = new Set(parseLdif(ldif).map((e) => e.dn.toLowerCase().replace(/\s*,\s*/g, ",")));
  const missing = new Map<string, string>();
  for (const e of parseLdif(ldif)) {
    const rdns = e.dn.split(/(?<!\\),/).map((r) => r.trim());
    for (let i = rdns.length - 1; i >= 1; i--) {
      const dn = rdns.slice(i).join(",");
      if (have.has(dn.toLowerCase()) || missing.has(dn.toLowerCase())) continue;
      const [type, value] = rdns[i].split("=");
      if (type.toLowerCase() === "o")
        missing.set(dn.toLowerCase(), `dn: ${dn}\nobjectClass: organization\no: ${value}\n`);
      else if (type.toLowerCase() === "glue2groupid")
        missing.set(dn.toLowerCase(), `dn: ${dn}\nobjectClass: GLUE2Group\nGLUE2GroupID: ${value}\n`);
    }
  }
  return [...missing.values()].reverse().join("\n");
}

export async function startSlapd(ldif: string): Promise<{ url: string; stop(): Promise<void> }> {
  const dir = mkdtempSync(path.join(tmpdir(), "gridgraph-slapd-"));
  const [port] = await freePorts(1);
  writeFileSync(
    path.join(dir, "slapd.conf"),
    [
      "include /etc/ldap/schema/core.schema",
      `include ${GLUE2_SCHEMA}`,
      "modulepath /usr/lib/ldap",
      "moduleload back_mdb",
      `pidfile ${dir}/slapd.pid`,
      "database mdb",
      'suffix "o=glue"',
      'rootdn "cn=admin,o=glue"',
      `rootpw ${Math.random().toString(36).slice(2)}`,
      `directory ${dir}`,
      "maxsize 104857600",
      "",
    ].join("\n"),
  );
  writeFileSync(path.join(dir, "dump.ldif"), `${parents(ldif)}\n${ldif}`);
  execFileSync(SLAPADD, ["-f", path.join(dir, "slapd.conf"), "-l", path.join(dir, "dump.ldif")], {
    stdio: "pipe",
  });
  const url = `ldap://127.0.0.1:${port}`;
  // slapd forks into the background and writes its pid file once it listens.
  execFileSync(SLAPD, ["-f", path.join(dir, "slapd.conf"), "-h", `${url}/`], { stdio: "pipe" });
  const pidFile = path.join(dir, "slapd.pid");
  for (let i = 0; i < 100 && !existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50));
  return {
    url,
    async stop() {
      if (existsSync(pidFile)) {
        const pid = Number(readFileSync(pidFile, "utf8").trim());
        try {
          process.kill(pid, "SIGTERM");
        } catch {
          /* gone */
        }
        // PID 1 here reaps no orphans: wait for the pid file slapd removes when it exits.
        for (let i = 0; i < 100 && existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 50));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
