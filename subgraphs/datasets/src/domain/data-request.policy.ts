import type { ObjectQuery } from "@mikro-orm/core";
import type { Access } from "@gridgraph/kit";
import type { DataRequest } from "../entities";

/** Who sees a data request: who asked, the managers of its VO, platform administrators. */
export function visibleRequestFilter(access: Access): ObjectQuery<DataRequest> | null {
  if (access.isPlatformAdmin()) return null;
  const or: ObjectQuery<DataRequest>[] = [{ owner: access.sub ?? "\u0000nobody" }];
  const managed = access.managedVos();
  if (managed.length) or.push({ vo: { $in: managed } });
  return { $or: or } as ObjectQuery<DataRequest>;
}

/** Who may cancel it: the same people. */
export function canCancelRequest(access: Access, request: DataRequest): boolean {
  return access.isPlatformAdmin() || request.owner === access.sub || access.managedVos().includes(request.vo);
}
