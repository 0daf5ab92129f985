import {
  Access,
  DEFAULT_ACCESS_POLICY,
  accessPolicyFromEnv,
  parseEntitlement,
  satisfies,
  type Entitlement,
} from "@gridgraph/kit";

const e = (urn: string) => parseEntitlement(urn) as Entitlement;

describe("parsing eduperson_entitlement URNs", () => {
  it.each([
    [
      "urn:mace:egi.eu:group:vo.lofar.eu:role=member#aai.egi.eu",
      { namespace: "urn:mace:egi.eu", group: ["vo.lofar.eu"], role: "member" },
    ],
    [
      "urn:mace:egi.eu:group:vo.lofar.eu:ops:role=manager#aai.egi.eu",
      { namespace: "urn:mace:egi.eu", group: ["vo.lofar.eu", "ops"], role: "manager" },
    ],
    [
      "urn:mace:egi.eu:group:vo.eiscat.se",
      { namespace: "urn:mace:egi.eu", group: ["vo.eiscat.se"], role: null },
    ],
    [
      "urn:geant:eduteams.org:service:eduteams:group:lofar:role=member#eduteams.org",
      { namespace: "urn:geant:eduteams.org:service:eduteams", group: ["lofar"], role: "member" },
    ],
  ])("%s", (urn, parsed) => {
    expect(parseEntitlement(urn)).toEqual(parsed);
  });

  it.each([
    ["not-a-urn"],
    ["urn:mace:egi.eu:group:"],
    ["urn:mace:egi.eu:vo.lofar.eu:role=member"],
    ["urn:mace:egi.eu:group:vo:role=member:extra"],
  ])("rejects %s", (urn) => expect(parseEntitlement(urn)).toBeNull());
});

describe("matching held against required entitlements", () => {
  it.each([
    // held, required, satisfied?, why
    [
      "urn:mace:egi.eu:group:vo.lofar.eu:role=member#aai.egi.eu",
      "urn:mace:egi.eu:group:vo.lofar.eu:role=member",
      true,
      "authority ignored",
    ],
    [
      "urn:mace:egi.eu:group:vo.lofar.eu:role=member#other.authority",
      "urn:mace:egi.eu:group:vo.lofar.eu:role=member#aai.egi.eu",
      true,
      "authority ignored both ways",
    ],
    [
      "urn:mace:egi.eu:group:vo.lofar.eu:ops:role=member",
      "urn:mace:egi.eu:group:vo.lofar.eu:role=member",
      true,
      "subgroup satisfies parent",
    ],
    [
      "urn:mace:egi.eu:group:vo.lofar.eu:role=member",
      "urn:mace:egi.eu:group:vo.lofar.eu:ops:role=member",
      false,
      "parent does not satisfy subgroup",
    ],
    [
      "urn:mace:egi.eu:group:vo.lofar.eu:role=member",
      "urn:mace:egi.eu:group:vo.lofar.eu:role=manager",
      false,
      "role must match exactly",
    ],
    [
      "urn:mace:egi.eu:group:vo.lofar.eu:role=manager",
      "urn:mace:egi.eu:group:vo.lofar.eu:role=member",
      false,
      "manager is not member by name",
    ],
    [
      "urn:mace:egi.eu:group:vo.lofar.eu:role=manager",
      "urn:mace:egi.eu:group:vo.lofar.eu",
      true,
      "no role required",
    ],
    [
      "urn:mace:egi.eu:group:vo.lofar.eu.extra:role=member",
      "urn:mace:egi.eu:group:vo.lofar.eu:role=member",
      false,
      "a longer VO name is another VO",
    ],
    [
      "urn:other:ns:group:vo.lofar.eu:role=member",
      "urn:mace:egi.eu:group:vo.lofar.eu:role=member",
      false,
      "namespace must match",
    ],
  ])("%s vs %s -> %s (%s)", (held, required, expected) => {
    expect(satisfies(e(held), e(required))).toBe(expected);
  });
});

describe("rights derived from entitlements", () => {
  const access = (...entitlements: string[]) => new Access({ sub: "s", entitlements }, DEFAULT_ACCESS_POLICY);

  it("derives VO membership from any role in the VO or its subgroups", () => {
    const a = access(
      "urn:mace:egi.eu:group:vo.lofar.eu:ops:role=member#aai.egi.eu",
      "urn:mace:egi.eu:group:vo.eiscat.se:role=manager#aai.egi.eu",
    );
    expect(a.vos().sort()).toEqual(["vo.eiscat.se", "vo.lofar.eu"]);
    expect(a.isMemberOf("vo.lofar.eu")).toBe(true);
    expect(a.isMemberOf("vo.nenufar.fr")).toBe(false);
    expect(a.managedVos()).toEqual(["vo.eiscat.se"]); // manager of a subgroup would not manage the VO
  });

  it("derives site and platform administration from the configured entitlements", () => {
    const admin = access("urn:mace:egi.eu:group:gridgraph.egi.eu:sites:SARA-MATRIX:role=admin#aai.egi.eu");
    expect(admin.isSiteAdmin("SARA-MATRIX")).toBe(true);
    expect(admin.isSiteAdmin("NIKHEF-ELPROD")).toBe(false);
    expect(admin.adminOfSites()).toEqual(["SARA-MATRIX"]);
    expect(admin.isPlatformAdmin()).toBe(false);
    expect(admin.vos()).toEqual([]); // the platform's own group is not a VO
    const member = access("urn:mace:egi.eu:group:gridgraph.egi.eu:sites:SARA-MATRIX:role=member");
    expect(member.isSiteAdmin("SARA-MATRIX")).toBe(false);
    const platform = access("urn:mace:egi.eu:group:gridgraph.egi.eu:admins:role=member#aai.egi.eu");
    expect(platform.isPlatformAdmin()).toBe(true);
    expect(platform.isSiteAdmin("ANY")).toBe(false); // platform admins pass requireSiteAdmin, not isSiteAdmin
  });

  it("refuses a policy under which site admins would be platform admins", () => {
    expect(() =>
      accessPolicyFromEnv({
        PLATFORM_ADMIN_ENTITLEMENT: "urn:mace:egi.eu:group:gridgraph.egi.eu:role=admin",
        SITE_ADMIN_ENTITLEMENT: "urn:mace:egi.eu:group:gridgraph.egi.eu:sites:{site}:role=admin",
      }),
    ).toThrow(/must not be a subgroup/);
    expect(accessPolicyFromEnv({})).toEqual(DEFAULT_ACCESS_POLICY);
  });

  it("follows a custom policy", () => {
    const policy = {
      platformAdmin: "urn:x:group:ops:role=boss",
      siteAdmin: "urn:x:group:site-{site}:role=admin",
      voManagerRole: "owner",
    };
    const a = new Access(
      { sub: "s", entitlements: ["urn:x:group:site-PSNC:role=admin", "urn:x:group:ops:role=boss"] },
      policy,
    );
    expect(a.isSiteAdmin("PSNC")).toBe(true);
    expect(a.isPlatformAdmin()).toBe(true);
  });

  it("says why an action is refused", () => {
    expect(() => Access.anonymous().requireViewer("submit jobs")).toThrow(/logged in to submit jobs/);
    expect(() => access().requireMemberOf("vo.lofar.eu", "submit jobs")).toThrow(
      /not a member of vo.lofar.eu/,
    );
    expect(() => access().requireSiteAdmin("PSNC", "edit site PSNC")).toThrow(/administrators of site PSNC/);
  });
});
