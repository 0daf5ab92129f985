"""Starts a Jupyter server for a gridgraph notebook session (`startNotebookSession`).

Runs as the session's job in its working directory, with the session's datasets there. The
server listens on this machine only, on a free port, under /notebooks/<job id>/, with a token
nobody is shown: the jobs service reads it from ../session.json (mode 0600) and adds it to the
requests it passes on for the session's owner, so the token never travels in links. The server
shuts itself down after NOTEBOOK_IDLE_SECONDS without activity (kernels idle as long are culled
first); then the job completes and what was written under outputs/ becomes datasets.
"""

import json
import os
import secrets
import socket
import sys


def server_module():
    """jupyter_server's ServerApp (Debian's python3-jupyter-server), else the classic notebook."""
    try:
        import jupyter_server  # noqa: F401

        return "jupyter_server", "ServerApp"
    except ImportError:
        import notebook  # noqa: F401

        return "notebook", "NotebookApp"


def main():
    job = os.environ["GRIDGRAPH_JOB_ID"]
    idle = int(os.environ.get("NOTEBOOK_IDLE_SECONDS", "3600"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    token = secrets.token_urlsafe(32)
    base = "/notebooks/%s/" % job
    module, app = server_module()
    info = {"port": port, "token": token, "baseUrl": base, "server": module}
    target = os.path.join("..", "session.json")
    fd = os.open(target + ".tmp", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(info, f)
    os.replace(target + ".tmp", target)
    os.makedirs("outputs", exist_ok=True)
    args = [
        sys.executable,
        "-m",
        module,
        "--no-browser",
        "--ip=127.0.0.1",
        "--port=%d" % port,
        "--port-retries=0",
        "--%s.token=%s" % (app, token),
        "--%s.base_url=%s" % (app, base),
        "--%s.allow_remote_access=True" % app,
        "--%s.shutdown_no_activity_timeout=%d" % (app, idle),
        "--MappingKernelManager.cull_idle_timeout=%d" % idle,
        "--MappingKernelManager.cull_interval=%d" % max(10, min(60, idle // 2)),
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        # The local executor runs jobs as the service's own user, root in a container or CI.
        args.append("--allow-root")
    root = "root_dir" if module == "jupyter_server" else "notebook_dir"
    args.append("--%s.%s=%s" % (app, root, os.getcwd()))
    print("starting %s for job %s on 127.0.0.1:%d under %s" % (module, job, port, base), flush=True)
    os.execv(sys.executable, args)


if __name__ == "__main__":
    main()
