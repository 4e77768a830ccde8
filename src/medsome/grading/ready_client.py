"""A kernel client that is ready as soon as the kernel answers: jupyter_client's wait, without its drain.

jupyter_client's `wait_for_ready` asks for kernel_info until the kernel answers and IOPub carries
its messages, then reads IOPub until it has been silent for 0.2 s, to drop the status messages of
those requests: 0.2 s of waiting at every kernel's start. nbclient needs no drain, since it reads
only the messages answering the request it sent (each message names its request), so this client
stops waiting once the kernel has answered. kernel_manager.LimitedKernelManager hands it out.
"""

from __future__ import annotations

import math
import time
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient

REPLY_WAIT_S = 1.0  # jupyter_client's waits: for the kernel_info reply, then for IOPub to carry
IOPUB_WAIT_S = 0.2


class ReadyClient(AsyncKernelClient):
    """jupyter_client's asynchronous client, ready without waiting for IOPub to fall silent."""

    async def _async_wait_for_ready(self, timeout: float | None = None) -> None:
        """Ask for kernel_info until the kernel replies and IOPub is connected; fail as jupyter_client."""
        deadline = time.monotonic() + (math.inf if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                reply = await self.shell_channel.get_msg(timeout=REPLY_WAIT_S)
            except Empty:
                reply = None
            answered = reply is not None and reply["msg_type"] == "kernel_info_reply"
            if answered and await self._iopub_connected():
                self._handle_kernel_info_reply(reply)
                return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:g} seconds")

    async def _iopub_connected(self) -> bool:
        """Whether IOPub carried a message of the kernel's within IOPUB_WAIT_S."""
        try:
            await self.iopub_channel.get_msg(timeout=IOPUB_WAIT_S)
        except Empty:
            return False
        return True

    wait_for_ready = _async_wait_for_ready
