// oidc-provider (the local IdP in the in-process stack) warns on every start that Node 20 is
// not its preferred runtime and that its in-memory adapter is for development. Both are known
// and expected here (see ../shared/docs/stack.md); other warnings still print.
const warn = console.warn;
console.warn = (...args: unknown[]) => {
  if (typeof args[0] === "string" && args[0].startsWith("oidc-provider WARNING")) return;
  warn(...args);
};
