"""What a feature's controller gets from the running app: notices, timers, workers and screens.

A controller is a plain object, not a widget: the App builds it with everything it uses passed in
(the core services, the widgets, and narrow callables for what it needs from other features),
forwards the keys and messages it handles, and the controller reaches the app only through the
few services below. `work` is Textual's `@work` for controller methods: the worker runs on the app.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from functools import partial, wraps
from typing import Any, TypeVar

from textual.app import App
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.worker import Worker

Method = TypeVar("Method", bound=Callable[..., Any])


class Controller:
    def __init__(self, app: App[None]) -> None:
        self.app = app

    @property
    def screen(self) -> Screen[Any]:
        return self.app.screen

    def notify(self, message: str, **kwargs: Any) -> None:
        self.app.notify(message, **kwargs)

    def post_message(self, message: Message) -> bool:
        """Post to the app, which forwards the message to the controllers that handle it."""
        return self.app.post_message(message)

    def push_screen(self, screen: Screen[Any], callback: Callable[[Any], Any] | None = None) -> None:
        self.app.push_screen(screen, callback)

    def set_timer(self, delay: float, callback: Callable[[], Any]) -> Timer:
        return self.app.set_timer(delay, callback)

    def set_interval(self, interval: float, callback: Callable[[], Any]) -> Timer:
        return self.app.set_interval(interval, callback)

    def call_after_refresh(self, callback: Callable[..., Any], *args: Any) -> bool:
        return self.app.call_after_refresh(callback, *args)

    def call_from_thread(self, callback: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        return self.app.call_from_thread(callback, *args, **kwargs)

    def batch_update(self) -> AbstractContextManager[None]:
        return self.app.batch_update()

    def run_worker(self, work: Any, **kwargs: Any) -> Worker[Any]:
        return self.app.run_worker(work, **kwargs)

    def cancel_workers(self, group: str) -> None:
        """Cancel this app's workers of `group` (controllers' workers run on the app)."""
        self.app.workers.cancel_group(self.app, group)


def work(
    *, group: str = "default", exclusive: bool = False, thread: bool = False, exit_on_error: bool = True
) -> Callable[[Method], Method]:
    """Like Textual's `@work`, for a `Controller` method: calling it starts a worker on the app."""

    def decorator(method: Method) -> Method:
        @wraps(method)
        def start(self: Controller, *args: Any, **kwargs: Any) -> Worker[Any]:
            return self.app.run_worker(
                partial(method, self, *args, **kwargs),
                name=method.__name__,
                group=group,
                exclusive=exclusive,
                thread=thread,
                exit_on_error=exit_on_error,
            )

        return start  # type: ignore[return-value]

    return decorator


class forward_to:
    """An App method done by one of its controllers: `action_run_cell = forward_to("kernel_control")`.

    The App owns the keys; each action (and the few methods others call on the App) is one line
    saying which controller does it.
    """

    def __init__(self, controller: str) -> None:
        self.controller = controller
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, app: object, owner: type | None = None) -> Any:
        if app is None:
            return self
        return getattr(getattr(app, self.controller), self.name)
