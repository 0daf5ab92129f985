import { registerEnumType } from "type-graphql";

/** GOCDB certification status. */
export enum CertificationStatus {
  CANDIDATE = "Candidate",
  UNCERTIFIED = "Uncertified",
  CERTIFIED = "Certified",
  SUSPENDED = "Suspended",
  CLOSED = "Closed",
}
/** GOCDB production infrastructure. */
export enum Infrastructure {
  PRODUCTION = "Production",
  TEST = "Test",
}
export enum SiteKind {
  HTC = "HTC",
  HPC = "HPC",
  CLOUD = "CLOUD",
}
/** GLUE2 Endpoint HealthState. */
export enum HealthState {
  OK = "ok",
  WARNING = "warning",
  CRITICAL = "critical",
  UNKNOWN = "unknown",
}
/** GLUE2 Endpoint ServingState. */
export enum ServingState {
  PRODUCTION = "production",
  DRAINING = "draining",
  QUEUEING = "queueing",
  CLOSED = "closed",
}
/** GLUE2 Storage AccessLatency. */
export enum AccessLatency {
  ONLINE = "online",
  NEARLINE = "nearline",
  OFFLINE = "offline",
}
export enum DowntimeSeverity {
  OUTAGE = "OUTAGE",
  WARNING = "WARNING",
}
export enum DowntimeClassification {
  SCHEDULED = "SCHEDULED",
  UNSCHEDULED = "UNSCHEDULED",
}

registerEnumType(CertificationStatus, {
  name: "CertificationStatus",
  description: "GOCDB certification status.",
});
registerEnumType(Infrastructure, { name: "Infrastructure", description: "GOCDB production infrastructure." });
registerEnumType(SiteKind, { name: "SiteKind", description: "What kind of resources a site offers." });
registerEnumType(HealthState, { name: "HealthState", description: "GLUE2 endpoint health state." });
registerEnumType(ServingState, { name: "ServingState", description: "GLUE2 endpoint serving state." });
registerEnumType(AccessLatency, { name: "AccessLatency", description: "GLUE2 storage access latency." });
registerEnumType(DowntimeSeverity, { name: "DowntimeSeverity" });
registerEnumType(DowntimeClassification, { name: "DowntimeClassification" });
