"""Runs one notebook headless for a gridgraph job (`runNotebook`).

    python3 run_notebook.py <executed.ipynb>

The notebook arrives base64-encoded in the environment (NOTEBOOK_IPYNB_B64: arguments are shown
with the job, this is not), with its parameters already injected (the jobs service does that, the way
papermill does: a cell tagged `injected-parameters` after the one tagged `parameters`). It is
executed with nbclient on the python3 kernel in the working directory; the executed notebook is
written whether it succeeds or not. When a cell fails, the last line on stderr says which and
why ("Cell 4 failed: NameError: name 'x' is not defined"): the job's FAILED event quotes it.
"""

import base64
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, DeadKernelError


def main(target):
    source = base64.b64decode(os.environ["NOTEBOOK_IPYNB_B64"]).decode("utf-8")
    with open("notebook.ipynb", "w", encoding="utf-8") as f:
        f.write(source)
    nb = nbformat.reads(source, as_version=4)
    client = NotebookClient(nb, timeout=None, kernel_name="python3", resources={"metadata": {"path": "."}})
    failure = None
    try:
        client.execute()
    except CellExecutionError as error:
        failure = error
    except DeadKernelError as error:
        failure = error
    finally:
        nbformat.write(nb, target)
    if failure is None:
        print("executed %d cells" % sum(1 for c in nb.cells if c.cell_type == "code"))
        return 0
    failed = None
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            failed = (index + 1, cell)
    if isinstance(failure, DeadKernelError):
        sys.stderr.write("The kernel died: %s\n" % failure)
    elif failed:
        index, cell = failed
        error = next(o for o in cell.outputs if o.get("output_type") == "error")
        sys.stderr.write("Cell %d failed: %s: %s\n" % (index, error.get("ename"), error.get("evalue")))
    else:
        sys.stderr.write("The notebook failed: %s\n" % str(failure).strip().splitlines()[-1])
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
