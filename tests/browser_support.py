"""Open local HTML pages in Debian's headless Chromium with the network cut off.

A pytest plugin: register it with ``pytest_plugins = ["browser_support"]`` (``tests/`` is on
the pythonpath) and use the ``offline_browser`` fixture with :func:`open_offline`::

    def test_page_works_offline(offline_browser, tmp_path):
        with open_offline(offline_browser, tmp_path / "graph.html") as view:
            assert view.blocked_requests == [] and view.errors == []

The fixture skips (with the reason) when ``/usr/bin/chromium`` is missing.
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Route,
    ViewportSize,
    sync_playwright,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
VIEWPORT: ViewportSize = {"width": 1280, "height": 900}
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
"""URL schemes that never leave the machine; every other request is aborted and recorded."""


@dataclass
class OfflinePage:
    """A page opened by :func:`open_offline`, with what it tried and what went wrong.

    Use it as a context manager (or call :meth:`close`) to close its browser context.
    """

    page: Page
    context: BrowserContext
    blocked_requests: list[str] = field(default_factory=list)
    """URLs of requests (and websockets) the page tried to send off the machine."""
    console: list[ConsoleMessage] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    """Uncaught exceptions thrown by the page's scripts."""

    @property
    def console_errors(self) -> list[str]:
        """Text of the console messages of type ``error``."""
        return [message.text for message in self.console if message.type == "error"]

    @property
    def errors(self) -> list[str]:
        """Console errors and page errors together: empty for a healthy page."""
        return self.console_errors + self.page_errors

    def close(self) -> None:
        self.context.close()

    def __enter__(self) -> OfflinePage:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open_offline(
    browser: Browser,
    path: str | Path,
    *,
    viewport: ViewportSize = VIEWPORT,
    init_script: str | None = None,
) -> OfflinePage:
    """Open the local file ``path`` in a fresh offline context of ``browser`` and wait for load.

    The context is ``offline=True`` and, in case anything slips past that, a route aborts every
    request whose scheme is not in :data:`LOCAL_SCHEMES`; such requests are recorded in
    ``blocked_requests``. Console messages and page errors are collected from the start.
    ``init_script``, if given, runs in the page before any of its own scripts.
    """
    context = browser.new_context(offline=True, viewport=viewport)
    if init_script is not None:
        context.add_init_script(init_script)
    view = OfflinePage(page=context.new_page(), context=context)

    def guard(route: Route) -> None:
        url = route.request.url
        if url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            view.blocked_requests.append(url)
            route.abort("internetdisconnected")

    context.route("**/*", guard)
    view.page.on("websocket", lambda socket: view.blocked_requests.append(socket.url))
    view.page.on("console", lambda message: view.console.append(message))
    view.page.on("pageerror", lambda error: view.page_errors.append(str(error)))
    view.page.goto(Path(path).resolve().as_uri(), wait_until="load")
    return view


def painted_fraction(page: Page, png: bytes) -> float:
    """Share of the pixels of the PNG image ``png`` that differ from its commonest colour.

    0.0 means a blank (single-colour) picture. The image is decoded by the browser of ``page``
    itself, so that the tests need no imaging library.
    """
    return page.evaluate(
        """async (b64) => {
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const bitmap = await createImageBitmap(new Blob([bytes], {type: "image/png"}));
            const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
            const context = canvas.getContext("2d");
            context.drawImage(bitmap, 0, 0);
            const pixels = new Uint32Array(
                context.getImageData(0, 0, bitmap.width, bitmap.height).data.buffer);
            const counts = new Map();
            for (const pixel of pixels) counts.set(pixel, (counts.get(pixel) || 0) + 1);
            return 1 - Math.max(...counts.values()) / pixels.length;
        }""",
        base64.b64encode(png).decode("ascii"),
    )


@pytest.fixture(scope="session")
def offline_browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, started once per test session; skips if not installed."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Debian's chromium to run browser tests")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=list(CHROMIUM_FLAGS)
        )
        yield browser
        browser.close()
