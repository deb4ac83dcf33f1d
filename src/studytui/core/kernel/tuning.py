"""Options for the kernels studytui starts itself; headless.

IPython completes through jedi by default: its first completion imports and warms jedi (10 s on a
busy 2-core machine, past any reasonable wait, so Tab seemed to do nothing) and later ones take
~100 ms. IPython's own completer answers in a few ms from the live namespace, which is what a
learner completes from (names they defined, attributes of real objects, modules).
"""

from __future__ import annotations

import zmq
from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager

from studytui.core.kernel_spawn import completion_arguments, kernel_dirs


def quick_completion_arguments(km: AsyncKernelManager) -> list[str]:
    """Extra kernel arguments: jedi off for ipykernel kernels; nothing for other kernels."""
    try:
        argv = km.kernel_spec.argv if km.kernel_spec is not None else []
    except Exception:  # no such kernelspec: start_kernel reports it
        return []
    return completion_arguments(argv)


# ZeroMQ retries a refused connection every 100 ms by default. The client connects while the kernel
# it started is still booting, so each channel came up as much as 100 ms after the kernel listened;
# at 10 ms the first answer waits at most that long (a refused connect on localhost costs microseconds).
RECONNECT_INTERVAL_MS = 10
# jupyter-client sends on its channels with a blocking send, on the caller's loop. A channel with
# no peer to send to (the kernel died binding a port another program took, a handshake failed)
# blocks the send, and the whole app with it, forever; with a timeout it fails after this long.
SEND_TIMEOUT_MS = 1000


def client_options(kc: AsyncKernelClient) -> None:
    """Before ``start_channels``: the client's sockets retry every RECONNECT_INTERVAL_MS, and a
    send that cannot go out raises ``zmq.Again`` after SEND_TIMEOUT_MS instead of blocking."""
    kc.context.setsockopt(zmq.RECONNECT_IVL, RECONNECT_INTERVAL_MS)
    kc.context.setsockopt(zmq.SNDTIMEO, SEND_TIMEOUT_MS)


def kernelspecs() -> KernelSpecManager:
    """The kernelspecs where jupyter_client looks, found without importing IPython.

    jupyter_client's default folder list ends with IPython's old ``~/.ipython/kernels``, found by
    importing ``IPython.paths``: the whole IPython package, 20 ms of the launch before the kernel
    could spawn. The same folders, that one named as IPython names it (``kernel_spawn.kernel_dirs``,
    where the kernel spawned at launch is looked up too).
    """
    return KernelSpecManager(kernel_dirs=kernel_dirs())
