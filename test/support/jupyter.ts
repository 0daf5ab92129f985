import { spawnSync } from "node:child_process";

/**
 * Whether Debian's Jupyter is on this machine (python3-nbclient, python3-ipykernel; .ci/run
 * installs them with jupyter-notebook and python3-nbconvert): the notebook tests need the real
 * thing and skip, saying why, without it.
 */
export function jupyterMissing(python = "/usr/bin/python3"): string | null {
  const probe = spawnSync(
    python,
    [
      "-c",
      "import nbclient, nbformat, ipykernel; from jupyter_client.kernelspec import find_kernel_specs; assert 'python3' in find_kernel_specs()",
    ],
    { encoding: "utf8" },
  );
  if (probe.error) return `${python} is not installed`;
  return probe.status === 0
    ? null
    : `${python} lacks nbclient/ipykernel or a python3 kernel (Debian: python3-nbclient python3-ipykernel jupyter-notebook): ${probe.stderr.trim().split("\n").at(-1)}`;
}
