"""The built site (_build/html) in a real browser: headless Chromium driven by Playwright.

``make browser-test`` runs this module after ``make html``; the main pytest run deselects it
(marker ``browser``, see ``addopts`` in pyproject.toml). Chromium is Debian's (``/usr/bin/chromium``,
or the ``CHROMIUM`` environment variable); Playwright's own browser downloads are never used.
The site is served by an ``http.server`` thread on 127.0.0.1; no host name resolves in the
browser, so the test never touches the network and shows what the site would fetch from outside.

Checks:

* every HTML page loads with no console error, no JavaScript exception, no failed request;
* every internal link (with its ``#anchor``) and every image resolves;
* the French search finds the expected pages;
* the copy button copies code without its ``>>>``, ``...`` and ``$`` prompts.

``BROWSER_TEST_SITE`` points the test at another build directory.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SITE = Path(os.environ.get("BROWSER_TEST_SITE", ROOT / "_build" / "html")).resolve()
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Nothing outside the site: every host name fails to resolve (cheaper than intercepting
    # every request with a Playwright route, which makes the crawl three times slower).
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
# Sphinx-copybutton's prompts (conf.py: copybutton_prompt_text).
PROMPT = re.compile(r"^(>>> |\.\.\. |\$ )")
TIMEOUT_MS = 30_000  # loading a page
WAIT_MS = 15_000  # a search, a copy


# --------------------------------------------------------------------------- fixtures


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def do_GET(self):
        # Chromium asks the server root for /favicon.ico; the site declares none (html_favicon),
        # so a 404 there is the server's business, not a page's error.
        if self.path == "/favicon.ico" and not (Path(self.directory) / "favicon.ico").exists():
            self.send_response(204)
            self.end_headers()
            return
        super().do_GET()

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # The browser drops connections it no longer needs (a page left while it loads);
        # anything else is a server bug worth its traceback.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def site_url() -> str:
    """The site served on 127.0.0.1 on a free port, for the whole session."""
    if not (SITE / "index.html").is_file():
        pytest.exit(
            f"{SITE}/index.html is missing: build the site first (`make html`), "
            "or run `make browser-test`, which does.",
            returncode=1,
        )
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="session")
def browser(site_url, tmp_path_factory):
    """A headless Chromium with a fresh profile (its own --user-data-dir), offline."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.exit(
            f"{CHROMIUM} not found: `make browser-test` installs Debian's chromium "
            "(or set CHROMIUM to a Chromium binary).",
            returncode=1,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # A persistent context is the way to give Chromium our own --user-data-dir.
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),
            executable_path=CHROMIUM,
            headless=True,
            args=CHROMIUM_ARGS,
            permissions=["clipboard-read", "clipboard-write"],
            locale="fr-FR",
        )
        context.set_default_timeout(TIMEOUT_MS)
        try:
            yield context
        finally:
            context.close()


def _is_local(url: str, site_url: str) -> bool:
    return url.startswith(site_url) or url.startswith(("data:", "blob:", "about:"))


@dataclass
class PageReport:
    """What loading one page showed."""

    errors: list[str] = field(default_factory=list)  # console errors, exceptions, failed requests
    external: list[str] = field(default_factory=list)  # requests leaving the site (failed)
    links: list[str] = field(default_factory=list)  # every <a href>, resolved
    images: list[dict] = field(default_factory=list)  # src, complete, naturalWidth
    ids: set[str] = field(default_factory=set)  # anchors a link may target


def _html_pages() -> list[str]:
    return sorted(
        path.relative_to(SITE).as_posix()
        for path in SITE.rglob("*.html")
        if not any(part.startswith(".") for part in path.relative_to(SITE).parts)
    )


_COLLECT = """async () => {
  // sphinx-copybutton adds its buttons once ClipboardJS (loaded async) is there.
  const blocks = document.querySelectorAll("div.highlight pre").length;
  for (let i = 0; i < 200 && document.querySelectorAll("button.copybtn").length < blocks; i++)
    await new Promise(done => setTimeout(done, 50));
  for (const img of document.images) img.loading = "eager";
  await Promise.all([...document.images].map(img => img.complete ? null :
    new Promise(done => { img.addEventListener("load", done); img.addEventListener("error", done); })));
  await new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)));
  return {
    blocks: blocks,
    buttons: document.querySelectorAll("button.copybtn").length,
    links: [...document.querySelectorAll("a[href]")].map(a => a.href),
    images: [...document.images].map(img => ({src: img.currentSrc || img.src,
      complete: img.complete, naturalWidth: img.naturalWidth})),
    ids: [...document.querySelectorAll("[id]")].map(e => e.id)
      .concat([...document.querySelectorAll("a[name]")].map(a => a.name)),
  };
}"""


@pytest.fixture(scope="session")
def crawl(browser, site_url) -> dict[str, PageReport]:
    """Load every HTML page of the site once, recording what the checks below need."""
    reports: dict[str, PageReport] = {}
    current = PageReport()
    page = browser.new_page()

    def on_console(message):
        where = message.location.get("url", "")
        # A request outside the site fails and logs an error too: it is reported as external.
        if message.type == "error" and _is_local(where or site_url, site_url):
            current.errors.append(f"console error: {message.text} ({where})")

    # Requests a page starts after its load event (search.html loads its index on DOM ready) must
    # end before the next page opens: navigating away would abort them and blame the next page.
    in_flight = set()

    def on_request(request):
        in_flight.add(request)
        if not _is_local(request.url, site_url):
            current.external.append(request.url)

    def on_request_failed(request):
        in_flight.discard(request)
        if _is_local(request.url, site_url):
            current.errors.append(f"request failed: {request.url} ({request.failure})")

    def on_response(response):
        if response.status >= 400 and _is_local(response.url, site_url):
            current.errors.append(f"HTTP {response.status}: {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: current.errors.append(f"JavaScript exception: {error}"))
    page.on("request", on_request)
    page.on("requestfailed", on_request_failed)
    page.on("response", on_response)
    page.on("requestfinished", lambda request: in_flight.discard(request))
    for name in _html_pages():
        current = reports[name] = PageReport()
        try:
            response = page.goto(site_url + quote(name), wait_until="load")
            if response is None or response.status != 200:
                current.errors.append(f"HTTP {response and response.status}: the page itself")
            found = page.evaluate(_COLLECT)
        except Exception as error:  # a page that hangs or crashes: report it, go on
            current.errors.append(f"could not load the page: {error}")
            continue
        if found["buttons"] != found["blocks"]:
            current.errors.append(
                f"{found['blocks']} code blocks but {found['buttons']} copy buttons"
            )
        current.links = list(dict.fromkeys(found["links"]))
        current.images = found["images"]
        current.ids = set(found["ids"])
        deadline = time.monotonic() + 10
        while in_flight and time.monotonic() < deadline:
            page.wait_for_timeout(20)
        if in_flight:
            current.errors.append(f"requests still pending after 10 s: {sorted(r.url for r in in_flight)}")
    page.close()
    return reports


# --------------------------------------------------------------------------- helpers


@functools.lru_cache(maxsize=None)
def _http_status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def _site_path(url: str, site_url: str) -> str:
    """The file a local URL serves, relative to the site root (``dir/`` -> ``dir/index.html``)."""
    path = unquote(urlsplit(url).path)[len(urlsplit(site_url).path) :]
    return path + "index.html" if path == "" or path.endswith("/") else path


def _no_problems(problems: list[str], what: str) -> None:
    """Fail with the list of problems, one a line, without a traceback of the fixtures."""
    if problems:
        pytest.fail(f"{len(problems)} {what}:\n" + "\n".join(problems), pytrace=False)


# --------------------------------------------------------------------------- checks


def test_every_page_loads_without_errors(crawl):
    assert len(crawl) > 10, f"only {len(crawl)} HTML pages in {SITE}"
    problems = [f"{name}: {error}" for name, report in crawl.items() for error in report.errors]
    problems += [
        f"{name}: loads {url} from outside the site (the site must work offline)"
        for name, report in crawl.items()
        for url in report.external
    ]
    _no_problems(problems, "problems while loading the pages")


def test_internal_links_and_anchors_resolve(crawl, site_url):
    problems = []
    for name, report in crawl.items():
        for href in report.links:
            if not href.startswith(site_url):
                continue  # external (http, mailto): not checked, no network here
            target = _site_path(href, site_url)
            anchor = unquote(urlsplit(href).fragment)
            if target in crawl:
                if anchor and anchor not in crawl[target].ids:
                    problems.append(f"{name}: {href} -> no id {anchor!r} in {target}")
            elif (status := _http_status(href.split("#")[0])) != 200:
                problems.append(f"{name}: {href} -> HTTP {status}")
    _no_problems(problems, "broken internal links")


def test_images_resolve(crawl, site_url):
    problems = []
    for name, report in crawl.items():
        for image in report.images:
            src = image["src"]
            if src.startswith(site_url) and (status := _http_status(src)) != 200:
                problems.append(f"{name}: {src} -> HTTP {status}")
            elif not (image["complete"] and image["naturalWidth"] > 0):
                problems.append(f"{name}: {src[:120]} -> not displayed (naturalWidth 0)")
    _no_problems(problems, "broken images")


@contextlib.contextmanager
def _open(browser, url: str, doing: str):
    """A new page on ``url``; a timeout while ``doing`` fails with the page's JavaScript errors."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(f"JavaScript exception: {error}"))
    page.on(
        "console",
        lambda message: message.type == "error" and errors.append(f"console: {message.text}"),
    )
    failure = None
    try:
        response = page.goto(url)
        if response is None or response.status != 200:
            failure = f"{url}: HTTP {response and response.status} (is the site up to date?)"
        else:
            yield page
    except PlaywrightTimeout as error:
        failure = f"{url}: {doing}: {error.message.splitlines()[0]} {errors}"
    finally:
        page.close()
    if failure:  # without the "during handling of the above exception" traceback
        raise pytest.fail.Exception(failure, pytrace=False) from None


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # "facture" must find "factures" (French stemmer): the guide on invoices, the CSV guide.
        ("facture", ["guides/vos-factures.html", "guides/donnees.html"]),
        ("fine-tuning", ["concepts/fine-tuning.html"]),
        ("LoRA", ["guides/phi2-lora.html"]),
    ],
)
def test_french_search_finds(browser, site_url, query, expected):
    url = f"{site_url}search.html?q={quote(query)}"
    with _open(browser, url, "the search did not finish") as page:
        # Sphinx fills the summary only when the search has finished.
        page.wait_for_function(
            "() => document.querySelector('#search-results .search-summary')?.innerText",
            timeout=WAIT_MS,
        )
        hrefs = page.eval_on_selector_all(
            "#search-results ul.search > li > a:first-of-type", "links => links.map(a => a.href)"
        )
        summary = page.inner_text("#search-results .search-summary")
        french = page.evaluate("() => window.Stemmer === window.FrenchStemmer")
    assert french, "search.html does not use Sphinx's FrenchStemmer (conf.py: language = 'fr')"
    found = [_site_path(href, site_url) for href in hrefs]
    missing = [path for path in expected if path not in found]
    assert not missing, f"search {query!r}: {missing} not in the results {found} ({summary!r})"


_PICK_BLOCK = """(prompt) => {
  const blocks = [...document.querySelectorAll("div.highlight pre")]
    .map((pre, i) => [i, pre.innerText])
    .filter(([i, text]) => text.split("\\n").some(line => line.startsWith(prompt)));
  return blocks.find(([i, text]) => /^\\.\\.\\. /m.test(text)) || blocks[0] || [-1, ""];
}"""


@pytest.mark.parametrize(
    ("name", "prompt"),
    [
        ("concepts/corrections.html", ">>> "),  # doctest blocks with `...` continuation lines
        ("tutoriel/camembert.html", ">>> "),
        ("guides/donnees.html", "$ "),  # console blocks
        ("guides/vrais-poids.html", "$ "),
    ],
)
def test_copy_button_strips_prompts(browser, site_url, name, prompt):
    with _open(browser, site_url + name, "no copy button, or nothing copied") as page:
        page.wait_for_selector("button.copybtn", state="attached", timeout=WAIT_MS)
        # The block to copy: one with this prompt, with `... ` continuation lines if any.
        index, text = page.evaluate(_PICK_BLOCK, prompt)
        assert index >= 0, f"{name}: no code block with the {prompt.strip()!r} prompt"
        page.evaluate("navigator.clipboard.writeText('')")
        page.locator("div.highlight pre").nth(index).hover()  # the button shows on hover
        page.locator(f"#codecell{index} + button.copybtn").click(timeout=WAIT_MS)
        page.wait_for_function(
            "async () => (await navigator.clipboard.readText()) !== ''", timeout=WAIT_MS
        )
        copied = page.evaluate("navigator.clipboard.readText()")
    code = [PROMPT.sub("", line) for line in text.splitlines() if PROMPT.match(line)]
    with_prompt = [line for line in copied.splitlines() if PROMPT.match(line)]
    assert not with_prompt, f"{name}: copied lines still start with a prompt: {with_prompt}"
    missing = [line for line in code if line not in copied.splitlines()]
    assert not missing, f"{name}: code lines missing from the copy {copied!r}: {missing}"
