"""A grading kernel's entry point: ipykernel's own launcher, started without the debugger.

No one debugs a grading kernel, yet ipykernel imports debugpy at start-up to offer a debugger:
a few tenths of a second of every kernel's start. Here debugpy is marked missing while the kernel
initialises, as on an installation without it (the kernel then reports no debugger), and restored
before the first cell, so a notebook sees the same modules as in any kernel.
kernel_manager.LimitedKernelManager starts every grading kernel through `grading_command`.
"""

from __future__ import annotations

import sys
from pathlib import Path

IPYKERNEL = ["-m", "ipykernel_launcher"]
THIS = ["-m", "medsome.grading.kernel_launcher"]


def grading_command(kernel_cmd: list[str]) -> list[str]:
    """The kernel command with ipykernel's launcher replaced by this one (any other command as is)."""
    for index in range(len(kernel_cmd) - 1):
        if kernel_cmd[index:index + 2] == IPYKERNEL:
            return [*kernel_cmd[:index], *THIS, *kernel_cmd[index + 2:]]
    return list(kernel_cmd)


def main() -> None:
    """Start an IPython kernel as ipykernel_launcher does, its debugger left out."""
    if sys.path[0] == "" or Path(sys.path[0]) == Path.cwd():
        del sys.path[0]  # as ipykernel_launcher: the kernel puts the working folder back itself
    sys.modules["debugpy"] = None  # type: ignore[assignment]
    try:
        from ipykernel.kernelapp import IPKernelApp

        app = IPKernelApp.instance()
        app.initialize()
    finally:
        del sys.modules["debugpy"]
    app.start()


if __name__ == "__main__":
    main()
