"""Limits a query worker process puts on itself before it answers anything.

- :func:`forbid_network`: a seccomp filter makes every ``socket()`` call other than a local
  (``AF_UNIX``) one fail with ``EPERM``, and ``io_uring`` (which can open sockets without that
  call) unavailable. Whatever a query says (``SERVICE <http://…>``, however it is spelt), the
  worker cannot open a connection anywhere. It needs Linux on x86-64 or ARM64 and nothing else
  (no privileges: ``PR_SET_NO_NEW_PRIVS`` comes first); elsewhere it does nothing and says so.
- :func:`limit_memory`: ``RLIMIT_AS`` caps the worker's address space, so a query that would
  take all the machine's memory fails its allocation and ends the worker (the pool answers
  with an error and starts a fresh one) instead of the machine swapping.

Both hold for the rest of the process and for any process it starts; neither can be undone.
"""

from __future__ import annotations

import ctypes
import errno
import platform
import resource
import struct
import sys

_PR_SET_NO_NEW_PRIVS = 38
_PR_SET_SECCOMP = 22
_SECCOMP_MODE_FILTER = 2
_RET_ALLOW = 0x7FFF_0000
_RET_EPERM = 0x0005_0000 | errno.EPERM
_AF_UNIX = 1
# BPF instruction classes and modes (linux/filter.h)
_LD_W_ABS = 0x00 | 0x00 | 0x20
_JEQ_K = 0x05 | 0x10 | 0x00
_JGE_K = 0x05 | 0x30 | 0x00
_RET_K = 0x06 | 0x00
# (audit arch, socket, io_uring_setup, lowest number of another ABI sharing the arch: x32)
_ARCHES = {
    "x86_64": (0xC000_003E, 41, 425, 0x4000_0000),
    "aarch64": (0xC000_00B7, 198, 425, 0xFFFF_FFFF),
    "arm64": (0xC000_00B7, 198, 425, 0xFFFF_FFFF),
}


def _filter(arch: int, socket: int, io_uring_setup: int, other_abi: int) -> bytes:
    """The BPF program: EPERM for socket(family != AF_UNIX), io_uring_setup, other ABIs."""

    def op(code: int, k: int, jt: int = 0, jf: int = 0) -> bytes:
        return struct.pack("=HBBI", code, jt, jf, k)

    return b"".join(
        [
            op(_LD_W_ABS, 4),  # seccomp_data.arch
            op(_JEQ_K, arch, 1, 0),
            op(_RET_K, _RET_EPERM),  # a call through another architecture's ABI
            op(_LD_W_ABS, 0),  # seccomp_data.nr
            op(_JGE_K, other_abi, 0, 1),
            op(_RET_K, _RET_EPERM),  # x32 calls on x86-64
            op(_JEQ_K, io_uring_setup, 0, 1),
            op(_RET_K, _RET_EPERM),
            op(_JEQ_K, socket, 0, 3),
            op(_LD_W_ABS, 16),  # seccomp_data.args[0], low half (little-endian): the family
            op(_JEQ_K, _AF_UNIX, 1, 0),
            op(_RET_K, _RET_EPERM),
            op(_RET_K, _RET_ALLOW),
        ]
    )


def forbid_network() -> bool:
    """Make this process unable to open any network socket, for good; False if the platform
    has no way to (not Linux on x86-64 or ARM64).

    >>> import subprocess, sys
    >>> code = ("from kg.sparql.sandbox import forbid_network; import socket; "
    ...         "print(forbid_network()); socket.socket()")
    >>> done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    >>> done.stdout, "PermissionError" in done.stderr  # doctest: +SKIP
    ('True\\n', True)
    """
    arch = _ARCHES.get(platform.machine().lower())
    if not sys.platform.startswith("linux") or arch is None:
        return False
    program = _filter(*arch)
    count = len(program) // 8
    instructions = ctypes.create_string_buffer(program, len(program))

    class _Program(ctypes.Structure):
        _fields_ = (("len", ctypes.c_ushort), ("filter", ctypes.c_void_p))

    fprog = _Program(count, ctypes.addressof(instructions))
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl.argtypes = (ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong,
                           ctypes.c_ulong)  # fmt: skip
    if libc.prctl(_PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    pointer = ctypes.addressof(fprog)
    return libc.prctl(_PR_SET_SECCOMP, _SECCOMP_MODE_FILTER, pointer, 0, 0) == 0


def limit_memory(max_bytes: int) -> None:
    """Cap this process's address space at ``max_bytes`` (``RLIMIT_AS``), for good.

    >>> import subprocess, sys
    >>> code = ("from kg.sparql.sandbox import limit_memory; limit_memory(1 << 30); "
    ...         "bytearray(2 << 30)")
    >>> "MemoryError" in subprocess.run([sys.executable, "-c", code], capture_output=True,
    ...                                 text=True).stderr
    True
    """
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        max_bytes = min(max_bytes, hard)
    resource.setrlimit(resource.RLIMIT_AS, (max_bytes, hard))
