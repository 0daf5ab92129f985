"""gridgraph's helper inside a notebook run or session: no pip install needed.

    import gridgraph
    for d in gridgraph.datasets():      # the datasets this run or session was given
        print(d["lfn"], d["path"])      # path: the file here, ready to read
    gridgraph.output("result.csv")      # where to write a file that becomes a dataset
    gridgraph.register("plot.png")      # or keep a file written elsewhere (copied to outputs/)

What is under outputs/ when the run or session ends (a session: stopped, or idle too long) is
registered as datasets derived from its inputs and produced by its job, with the owner's
identity; a notebook run's executed notebook too.
"""

import json
import os
import shutil

_WORK = os.environ.get("GRIDGRAPH_WORK_DIR") or os.getcwd()


def datasets():
    """The input datasets: id, lfn, url (the replica used) and path (the local file)."""
    with open(os.path.join(_WORK, "inputs.json"), encoding="utf-8") as f:
        inputs = json.load(f)
    return [
        {"id": i["datasetId"], "lfn": i["lfn"], "url": i["url"], "path": i.get("localPath")}
        for i in inputs
    ]


def output(name):
    """A path under outputs/ for `name`: what is written there becomes a dataset."""
    if os.path.isabs(name) or ".." in name.split(os.sep):
        raise ValueError("an output name must stay under outputs/: " + name)
    path = os.path.join(_WORK, "outputs", name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    return path


def register(path, name=None):
    """Keeps the file at `path` as a dataset (copied to outputs/, registered when the job ends)."""
    target = output(name or os.path.basename(path))
    if os.path.abspath(path) != os.path.abspath(target):
        shutil.copyfile(path, target)
    return target
