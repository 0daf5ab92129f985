/**
 * Who is calling, as the gateway verified it, and what follows from their entitlements.
 *
 * Entitlements are EGI Check-in `eduperson_entitlement` URNs:
 *   urn:mace:egi.eu:group:vo.lofar.eu:lofar-ops:role=member#aai.egi.eu
 *   └─ namespace ──┘       └ group path: VO, then subgroups ┘ └ role ┘ └ authority ┘
 * Matching follows EGI's services: the `#authority` part is ignored; membership of a subgroup
 * satisfies its parent group; a required role must match exactly.
 */
import { forbidden, unauthenticated } from "./errors";

export interface Viewer {
  sub: string;
  vopersonId?: string | null;
  name?: string | null;
  email?: string | null;
  entitlements: string[];
}

export interface Entitlement {
  namespace: string;
  group: string[];
  role: string | null;
}

/** Parses one entitlement URN; anything that is not a `...:group:...` URN yields null. */
export function parseEntitlement(urn: string): Entitlement | null {
  const withoutAuthority = urn.split("#")[0].trim();
  const parts = withoutAuthority.split(":");
  const groupAt = parts.indexOf("group");
  if (!withoutAuthority.startsWith("urn:") || groupAt < 2 || groupAt === parts.length - 1) return null;
  const namespace = parts.slice(0, groupAt).join(":");
  let role: string | null = null;
  const group: string[] = [];
  for (const part of parts.slice(groupAt + 1)) {
    if (part.startsWith("role=")) role = decodeURIComponent(part.slice(5));
    else if (role === null && part) group.push(decodeURIComponent(part));
    else return null; // nothing may follow the role
  }
  return group.length ? { namespace, group, role } : null;
}

/** Does `held` satisfy `required`? Same namespace, held group at or below the required one, same role if one is required. */
export function satisfies(held: Entitlement, required: Entitlement): boolean {
  if (held.namespace !== required.namespace) return false;
  if (held.group.length < required.group.length) return false;
  if (!required.group.every((g, i) => held.group[i] === g)) return false;
  return required.role === null || held.role === required.role;
}

export interface AccessPolicyConfig {
  /** Entitlement of platform administrators. */
  platformAdmin: string;
  /** Entitlement of a site's administrators; `{site}` stands for the GOCDB short name. */
  siteAdmin: string;
  /** Role that makes a VO member a manager of the VO (sees all its jobs). */
  voManagerRole: string;
}

export const DEFAULT_ACCESS_POLICY: AccessPolicyConfig = {
  // Not the bare gridgraph.egi.eu group: site-admin groups are its subgroups, and a subgroup
  // satisfies its parent, so every site admin would be a platform admin.
  platformAdmin: "urn:mace:egi.eu:group:gridgraph.egi.eu:admins:role=member",
  siteAdmin: "urn:mace:egi.eu:group:gridgraph.egi.eu:sites:{site}:role=admin",
  voManagerRole: "manager",
};

export function accessPolicyFromEnv(env = process.env): AccessPolicyConfig {
  const policy = {
    platformAdmin: env.PLATFORM_ADMIN_ENTITLEMENT ?? DEFAULT_ACCESS_POLICY.platformAdmin,
    siteAdmin: env.SITE_ADMIN_ENTITLEMENT ?? DEFAULT_ACCESS_POLICY.siteAdmin,
    voManagerRole: env.VO_MANAGER_ROLE ?? DEFAULT_ACCESS_POLICY.voManagerRole,
  };
  if (!parseEntitlement(policy.platformAdmin))
    throw new Error(`PLATFORM_ADMIN_ENTITLEMENT is not an entitlement URN: ${policy.platformAdmin}`);
  if (!policy.siteAdmin.includes("{site}") || !parseEntitlement(policy.siteAdmin.replace("{site}", "X"))) {
    throw new Error(
      `SITE_ADMIN_ENTITLEMENT must be an entitlement URN containing {site}: ${policy.siteAdmin}`,
    );
  }
  const someSiteAdmin = parseEntitlement(policy.siteAdmin.replace("{site}", "ANY-SITE"))!;
  if (satisfies(someSiteAdmin, parseEntitlement(policy.platformAdmin)!)) {
    throw new Error(
      "SITE_ADMIN_ENTITLEMENT must not be a subgroup of PLATFORM_ADMIN_ENTITLEMENT (site admins would be platform admins)",
    );
  }
  return policy;
}

/** The viewer's rights, derived once per request; every domain service asks it. */
export class Access {
  private readonly held: Entitlement[];

  constructor(
    readonly viewer: Viewer | null,
    readonly policy: AccessPolicyConfig = DEFAULT_ACCESS_POLICY,
  ) {
    this.held = (viewer?.entitlements ?? [])
      .map(parseEntitlement)
      .filter((e): e is Entitlement => e !== null);
  }

  static anonymous(policy?: AccessPolicyConfig) {
    return new Access(null, policy);
  }

  get sub(): string | null {
    return this.viewer?.sub ?? null;
  }

  has(requiredUrn: string): boolean {
    const required = parseEntitlement(requiredUrn);
    return required !== null && this.held.some((h) => satisfies(h, required));
  }

  /** VOs the viewer belongs to (any role, any subgroup), in the EGI namespace of the policy. */
  vos(): string[] {
    const ns = parseEntitlement(this.policy.platformAdmin)!.namespace;
    return [...new Set(this.held.filter((e) => e.namespace === ns).map((e) => e.group[0]))].filter(
      (vo) => vo !== parseEntitlement(this.policy.platformAdmin)!.group[0],
    );
  }

  isMemberOf(vo: string): boolean {
    return this.vos().includes(vo);
  }

  /** VOs in which the viewer holds the manager role on the VO group itself. */
  managedVos(): string[] {
    const ns = parseEntitlement(this.policy.platformAdmin)!.namespace;
    return [
      ...new Set(
        this.held
          .filter((e) => e.namespace === ns && e.group.length === 1 && e.role === this.policy.voManagerRole)
          .map((e) => e.group[0]),
      ),
    ];
  }

  isPlatformAdmin(): boolean {
    return this.has(this.policy.platformAdmin);
  }

  isSiteAdmin(siteId: string): boolean {
    return this.has(this.policy.siteAdmin.replace("{site}", siteId));
  }

  /** Sites whose administrator entitlement the viewer holds (same matching rules as `has`). */
  adminOfSites(): string[] {
    const template = parseEntitlement(this.policy.siteAdmin.replace("{site}", "\u0000"))!;
    const at = template.group.indexOf("\u0000");
    const sites = this.held
      .filter((h) => h.group.length > at && h.group[at] !== undefined)
      .filter((h) =>
        satisfies(h, { ...template, group: template.group.map((g, i) => (i === at ? h.group[at] : g)) }),
      )
      .map((h) => h.group[at]);
    return [...new Set(sites)];
  }

  requireViewer(action: string): Viewer {
    if (!this.viewer)
      throw unauthenticated(
        `You must be logged in to ${action}; send an access token as 'Authorization: Bearer <token>'.`,
      );
    return this.viewer;
  }

  requireMemberOf(vo: string, action: string) {
    this.requireViewer(action);
    if (!this.isMemberOf(vo) && !this.isPlatformAdmin()) {
      throw forbidden(`You are not a member of ${vo}, so you cannot ${action} as ${vo}.`);
    }
  }

  requireSiteAdmin(siteId: string, action: string) {
    this.requireViewer(action);
    if (!this.isSiteAdmin(siteId) && !this.isPlatformAdmin()) {
      throw forbidden(`Only administrators of site ${siteId} (or platform administrators) may ${action}.`);
    }
  }
}
