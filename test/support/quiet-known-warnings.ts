// oidc-provider (the local IdP in the in-process stack) warns on every start that Node 20 is
// not its preferred runtime, that its in-memory adapter and dev interactions are for
// development, and notes which defaults it uses. All known and expected here (see
// ../shared/docs/stack.md); other warnings still print.
for (const level of ["warn", "info"] as const) {
  const original = console[level];
  console[level] = (...args: unknown[]) => {
    if (typeof args[0] === "string" && /^oidc-provider (WARNING|NOTICE)/.test(args[0])) return;
    original(...args);
  };
}
