"""A seccomp filter for grading kernels: no keyring, no ptrace, no mounts, no kernel modules.

bubblewrap loads a compiled classic-BPF program from a file descriptor (`--seccomp FD`). This
module writes that program itself, as raw `struct sock_filter` entries (code, jt, jf, k), for
x86-64 and aarch64: a denied system call fails with EPERM, a call of another architecture (or of
x86's x32 ABI) fails too, everything else is allowed. Denied: the kernel keyring (add_key,
request_key, keyctl: a channel between kernels of one user), ptrace and process_vm_readv/writev,
mount and friends, kernel modules and kexec, bpf, perf_event_open, userfaultfd.
"""

from __future__ import annotations

import os
import platform
import struct
import tempfile
from pathlib import Path

BPF_LD_W_ABS, BPF_JEQ_K, BPF_JGE_K, BPF_RET_K = 0x20, 0x15, 0x35, 0x06
RET_ALLOW, RET_ERRNO = 0x7FFF0000, 0x00050000
EPERM = 1
X32_BIT = 0x40000000

# (audit architecture, {name: number}) per machine
TABLES: dict[str, tuple[int, dict[str, int]]] = {
    "x86_64": (0xC000003E, {
        "ptrace": 101, "mount": 165, "umount2": 166, "init_module": 175, "delete_module": 176,
        "kexec_load": 246, "add_key": 248, "request_key": 249, "keyctl": 250, "process_vm_readv": 310,
        "process_vm_writev": 311, "finit_module": 313, "kexec_file_load": 320, "bpf": 321,
        "userfaultfd": 323, "perf_event_open": 298, "open_tree": 428, "move_mount": 429,
        "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433, "mount_setattr": 442}),
    "aarch64": (0xC00000B7, {
        "ptrace": 117, "mount": 40, "umount2": 39, "init_module": 105, "delete_module": 106,
        "kexec_load": 104, "add_key": 217, "request_key": 218, "keyctl": 219, "process_vm_readv": 270,
        "process_vm_writev": 271, "finit_module": 273, "kexec_file_load": 294, "bpf": 280,
        "userfaultfd": 282, "perf_event_open": 241, "open_tree": 428, "move_mount": 429,
        "fsopen": 430, "fsconfig": 431, "fsmount": 432, "fspick": 433, "mount_setattr": 442}),
}


def _op(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
    return struct.pack("=HBBI", code, jt, jf, k)


def program(machine: str | None = None) -> bytes:
    """The compiled filter for `machine` (default: this one); ValueError for an unknown machine."""
    machine = machine or platform.machine()
    if machine not in TABLES:
        raise ValueError(f"no seccomp filter for {machine}")
    arch, calls = TABLES[machine]
    numbers = sorted(set(calls.values()))
    deny = _op(BPF_RET_K, RET_ERRNO | EPERM)
    # layout: [arch load, arch check, nr load, x32 check, one check per number, allow, deny]
    checks = [_op(BPF_JEQ_K, n, jt=len(numbers) - i, jf=0) for i, n in enumerate(numbers)]
    body = [_op(BPF_LD_W_ABS, 4), _op(BPF_JEQ_K, arch, jt=0, jf=len(numbers) + 3),
            _op(BPF_LD_W_ABS, 0), _op(BPF_JGE_K, X32_BIT, jt=len(numbers) + 1, jf=0),
            *checks, _op(BPF_RET_K, RET_ALLOW), deny]
    return b"".join(body)


def filter_file() -> Path:
    """A file holding this machine's program, for bubblewrap to read from a descriptor."""
    handle, name = tempfile.mkstemp(prefix="medsome-seccomp-", suffix=".bpf")
    with os.fdopen(handle, "wb") as out:
        out.write(program())
    return Path(name)


def prefix(path: Path, fd: int = 9) -> list[str]:
    """The command prefix that opens `path` as descriptor `fd` and runs the rest (bwrap --seccomp fd)."""
    return ["/bin/sh", "-c", f'exec "$@" {fd}<"$0"', str(path)]
