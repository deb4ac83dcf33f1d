"""Options for the kernels studytui starts itself; headless.

IPython completes through jedi by default: its first completion imports and warms jedi (10 s on a
busy 2-core machine, past any reasonable wait, so Tab seemed to do nothing) and later ones take
~100 ms. IPython's own completer answers in a few ms from the live namespace, which is what a
learner completes from (names they defined, attributes of real objects, modules).
"""

from __future__ import annotations

from jupyter_client.manager import AsyncKernelManager

NO_JEDI = "--IPCompleter.use_jedi=False"


def quick_completion_arguments(km: AsyncKernelManager) -> list[str]:
    """Extra kernel arguments: jedi off for ipykernel kernels; nothing for other kernels."""
    try:
        argv = km.kernel_spec.argv if km.kernel_spec is not None else []
    except Exception:  # no such kernelspec: start_kernel reports it
        return []
    return [NO_JEDI] if any("ipykernel" in part for part in argv) else []
