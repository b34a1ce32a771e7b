"""The built site (_build/html) in a real browser: headless Chromium driven by Playwright.

``make browser-test`` runs this module after ``make html``; the main pytest run deselects it
(marker ``browser``, see ``addopts`` in pyproject.toml). Chromium is Debian's (``/usr/bin/chromium``,
or the ``CHROMIUM`` environment variable); Playwright's own browser downloads are never used.
The site is served by an ``http.server`` thread on 127.0.0.1; no host name resolves in the
browser, so the test never touches the network and shows what the site would fetch from outside.

Checks:

* every HTML page loads with no console error, no JavaScript exception, no failed request;
* every internal link (with its ``#anchor``) and every image resolves;
* the French search finds the expected pages, and ignores accents (« entrainement » finds what
  « entraînement » finds, « memoire » what « mémoire » finds);
* the copy button copies code without its ``>>>``, ``...`` and ``$`` prompts, nor its outputs;
* what a reader copies runs: on every page, every copy button is clicked and the clipboard read
  back; the Python is pasted, in page order, into a fresh interpreter and must run (a block
  showing a traceback must raise exactly that error). The interpreter is a fork of one that has
  imported torch and the other heavy libraries once (``_WarmPython``): an empty namespace, in the
  page's folder, without 50 imports of torch; shell commands must parse and use only
  options their ``--help`` lists (details above ``test_copied_python_runs``);
* whole tables and pages: at 1366 px and 390 px, no table is wider than its column and no page
  wider than the window;
* every executed page offers its notebook (valid JSON, a pinned install cell first), listed by
  the execution report.

``BROWSER_TEST_SITE`` points the test at another build directory.
"""

from __future__ import annotations

import collections
import concurrent.futures
import contextlib
import functools
import http.server
import itertools
import os
import re
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import astuple, dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest

from compta_finetune.lab.warm import WarmPython

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


# conf.py's copybutton_selector: code blocks, not executed-page outputs nor `no-copy` blocks.
COPY_SELECTOR = "div:not(.output):not(.no-copy) > div.highlight > pre"

_COLLECT = """async () => {
  // sphinx-copybutton adds its buttons once ClipboardJS (loaded async) is there.
  const blocks = document.querySelectorAll("%s").length;
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
}""" % COPY_SELECTOR


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


# First: it starts the copying of every page's code, whose checks then run in the background
# (tests at the end of this file wait for them) while the other tests use the browser.
def test_every_copyable_block_is_known(copied):
    """A block in a language the checks above do not read is a block nobody tested."""
    known = PYTHON_LANGS | SHELL_LANGS | {"text", "none", "csv", "json", "toml", "ini", "yaml", "myst-ansi", "pytb"}
    problems = [f"{b.where}: language {b.lang!r}" for blocks in copied.values() for b in blocks if b.lang not in known]
    _no_problems(problems, "copyable blocks in an unchecked language")


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
        french = page.evaluate("() => window.Stemmer === window.FoldedFrenchStemmer && !!window.FrenchStemmer")
    assert french, "search.html does not use the accent-folding French stemmer (docs/_ext/french.py)"
    found = [_site_path(href, site_url) for href in hrefs]
    missing = [path for path in expected if path not in found]
    assert not missing, f"search {query!r}: {missing} not in the results {found} ({summary!r})"


_PICK_BLOCK = """(prompt) => {
  const blocks = [...document.querySelectorAll("%s")]
    .map((pre, i) => [i, pre.innerText])
    .filter(([i, text]) => text.split("\\n").some(line => line.startsWith(prompt)));
  return blocks.find(([i, text]) => /^\\.\\.\\. /m.test(text)) || blocks[0] || [-1, ""];
}""" % COPY_SELECTOR


@pytest.mark.parametrize(
    ("name", "prompt"),
    [
        ("concepts/corrections.html", ">>> "),  # doctest blocks with `...` continuation lines
        ("tutoriel/camembert.html", ">>> "),
        ("guides/vos-factures.html", "$ "),  # console blocks
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
        page.locator(COPY_SELECTOR).nth(index).hover()  # the button shows on hover
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


# --------------------------------------------------------------------------- what a reader copies runs
#
# On every page, every copy button is clicked in page order and the clipboard read back, as a
# reader would. Then:
#
# * Python (``pycon``, ``python``, ``ipython3`` blocks) is executed in a fresh ``python`` (the
#   package installed, HF_HUB_OFFLINE=1, the page's folder of docs/ as working directory), block
#   after block in one namespace, as if pasted into one interpreter. A block whose page shows a
#   traceback must raise exactly that error (type, and message up to a shown ``...``); any other
#   error fails, naming the page, the block and the error. A complete script (one with
#   ``if __name__ == "__main__":``) is saved to a file and run as ``python script.py --help``:
#   pasted into an interpreter it would start a real training on downloaded weights.
# * Shell (``console`` blocks): each command must parse (``bash -n``); ``compta-finetune``
#   commands (also behind ``torchrun``/``accelerate launch``/``python -m``) must use only options
#   that their ``--help`` lists; ``make`` targets must exist in the Makefile; ``python -c`` code
#   is run. Nothing is trained from a console block: the training commands are exercised by
#   tests/test_cli.py, and here they would download weights.

_CLICK_ALL = """async (selector) => {
  // Show every hidden tab and every collapsed section, so that each block can be clicked.
  const style = document.createElement("style");
  style.textContent = ".sd-tab-content { display: block !important; }";
  document.head.appendChild(style);
  document.querySelectorAll("details").forEach(d => d.open = true);
  const blocks = [...document.querySelectorAll(selector)];
  return blocks.map((pre, i) => {
    const outer = pre.closest("div[class*='highlight-']");
    const lang = outer ? [...outer.classList].find(c => c.startsWith("highlight-")).slice(10) : "";
    return {index: i, id: pre.id, lang: lang, shown: pre.innerText};
  });
}"""

PYTHON_LANGS = {"pycon", "python", "python3", "ipython3", "ipython", "default"}
SHELL_LANGS = {"console", "shell-session", "bash", "sh", "shell"}
_TRACEBACK = re.compile(r"^Traceback \(most recent call last\):", re.M)
_ERROR_LINE = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception|Exit|Interrupt)): ?(.*)$")


def expected_error(shown: str) -> tuple[str, str] | None:
    """The (type, message) a block shows after ``Traceback (most recent call last):``, if any."""
    if not _TRACEBACK.search(shown):
        return None
    for line in reversed(shown.splitlines()):
        if match := _ERROR_LINE.match(line.strip()):
            return match.group(1).rsplit(".", 1)[-1], match.group(2)
    return None


@dataclass
class CopiedBlock:
    page: str
    index: int  # the block's place among the page's copyable blocks (0-based)
    lang: str
    shown: str
    copied: str

    @property
    def where(self) -> str:
        first = next((line for line in self.copied.splitlines() if line.strip()), "")
        return f"{self.page}, block {self.index + 1} ({self.lang}: {first[:70]!r})"


@pytest.fixture(scope="session")
def checks(tmp_path_factory):
    """Runs the copied code's checks side by side, one per core, while the browser goes on copying."""
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=os.cpu_count() or 1)
    directory = tmp_path_factory.mktemp("copied")
    yield CopiedChecks(pool, directory)
    pool.shutdown(cancel_futures=True)  # checks that no test waited for (deselected): not started
    _WarmPython.close_all()


@pytest.fixture(scope="session")
def copied(browser, site_url, checks) -> dict[str, list[CopiedBlock]]:
    """Every copyable block of every page, with what its copy button put on the clipboard.

    Only the pages whose HTML holds a highlighted block are opened (the crawl checks that each
    block has its button). Each page's checks (its Python pasted into a fresh interpreter, its
    shell commands) start as soon as the page is copied: they run on the other cores while the
    browser copies the next pages, then crawls the site (the first test asks for this fixture).
    """
    result: dict[str, list[CopiedBlock]] = {}
    page = browser.new_page()
    for name in [name for name in _html_pages() if 'class="highlight' in (SITE / name).read_text(encoding="utf-8")]:
        page.goto(site_url + quote(name), wait_until="load")
        blocks = page.evaluate(_CLICK_ALL, COPY_SELECTOR)
        if not blocks:
            continue
        page.wait_for_function(
            "(n) => document.querySelectorAll('button.copybtn').length >= n", arg=len(blocks), timeout=WAIT_MS
        )
        result[name] = []
        for block in blocks:
            page.evaluate("navigator.clipboard.writeText('\\u0000')")
            # As a reader does: the click scrolls to the block and hovers it, which shows its button.
            page.locator(f"#{block['id']} + button.copybtn").click(timeout=WAIT_MS)
            page.wait_for_function(
                "async () => (await navigator.clipboard.readText()) !== '\\u0000'", timeout=WAIT_MS
            )
            text = page.evaluate("navigator.clipboard.readText()")
            # viewcode's pages (_modules/) show a module's source without a language class.
            lang = block["lang"] or ("python" if name.startswith("_modules/") else "")
            result[name].append(CopiedBlock(name, block["index"], lang, block["shown"], text))
        checks.start(name, result[name])
    page.close()
    return result


_DRIVER = r'''
import json, sys, traceback
page = json.load(open(sys.argv[1], encoding="utf-8"))
blocks = page["blocks"]
namespace = {"__name__": page["module"]}
for block in blocks:
    expected = block["expected"]
    try:
        exec(compile(block["code"], "<" + block["where"] + ">", "exec"), namespace)
    except BaseException as error:
        name, message = type(error).__name__, str(error).splitlines()[0] if str(error) else ""
        if expected and name == expected[0] and message.startswith(expected[1].split("...")[0].rstrip()):
            continue
        shown = "" if not expected else f" (the page shows {expected[0]}: {expected[1]})"
        print(f"FAILED {block['where']}: {name}: {message}{shown}")
        traceback.print_exc(limit=-3)
        sys.exit(1)
    else:
        if expected:
            print(f"FAILED {block['where']}: the page shows {expected[0]}, nothing was raised")
            sys.exit(1)
print("OK", len(blocks))
'''


# The heavy libraries the pages use, imported once per warm interpreter (see _WarmPython).
_PRELOAD = ("torch", "transformers.trainer", "datasets", "pandas", "sklearn.linear_model",
            "sklearn.feature_extraction.text", "matplotlib.pyplot")

class _WarmPython:
    """One :class:`~compta_finetune.lab.warm.WarmPython` per thread of the checks' pool, each
    having imported :data:`_PRELOAD` once: each command runs in a fork of it, as ``python ARGV``
    in a fresh interpreter, minus the 5 s of importing torch and transformers that each of 50
    pages and scripts would pay again.

    What the fork keeps from the warm process is only those libraries in ``sys.modules``: the
    pasted code still starts from an empty namespace (a missing import still fails), in the
    page's folder, with the environment of :func:`_python_env` and the installed package.
    """

    workdir: Path  # where the requests' outputs go: set by CopiedChecks
    _local = threading.local()
    _all: list[WarmPython] = []
    _lock = threading.Lock()

    @classmethod
    def here(cls) -> WarmPython:
        """This thread's warm interpreter (started on first use)."""
        if getattr(cls._local, "python", None) is None:
            with cls._lock:
                directory = cls.workdir / f"warm{len(cls._all)}"
                directory.mkdir()
                cls._local.python = WarmPython(_PRELOAD, env=_python_env(), directory=directory)
                cls._all.append(cls._local.python)
        return cls._local.python

    @classmethod
    def close_all(cls) -> None:
        for python in cls._all:
            python.close()
        cls._all.clear()


def _page_dir(name: str) -> Path:
    """The folder of docs/ a page comes from (the working directory its code is run in)."""
    folder = ROOT / "docs" / Path(name).parent
    return folder if folder.is_dir() else ROOT / "docs"


def _python_env() -> dict[str, str]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false", PYTHONWARNINGS="ignore")
    env.setdefault("OMP_NUM_THREADS", "1")  # pages run side by side, beside the browser
    env.pop("PYTHONPATH", None)  # the installed package, as a reader has it
    return env


class CopiedChecks:
    """The checks of the copied code, page by page, started on a thread pool as pages are copied.

    Python: a page's blocks, pasted in page order into one fresh interpreter (a fork of a
    :class:`_WarmPython`, in the page's folder); a complete script is run with ``--help``
    instead. Shell: each command is checked by :func:`check_command`. Each check returns a list
    of problems.
    """

    def __init__(self, pool: concurrent.futures.Executor, directory: Path):
        self.pool, self.directory = pool, directory
        self.python: list[tuple[str, int, concurrent.futures.Future]] = []  # (what, blocks, problems)
        self.shell: list[concurrent.futures.Future] = []
        self.seconds: dict[str, float] = {}
        self.numbers = itertools.count()  # file names: one each, whatever the pages' names
        self.driver = directory / "driver.py"
        self.driver.write_text(_DRIVER, encoding="utf-8")
        _WarmPython.workdir = directory

    def start(self, name: str, blocks: list[CopiedBlock]) -> None:
        if name.startswith("_modules/"):
            return  # viewcode's copies: compared with src/ by test_copied_python_runs
        session = []
        for block in blocks:
            if block.lang in SHELL_LANGS:
                self.shell.append(self.pool.submit(self._shell, block))
            if block.lang not in PYTHON_LANGS:
                continue
            if block.lang == "default":
                # Sphinx's "default" highlighting is Python *if it parses*: a `::` block that does
                # not (a command, a pattern) is shown as plain text, and is not Python.
                try:
                    compile(block.copied, "<block>", "exec")
                except SyntaxError:
                    continue
            if 'if __name__ == "__main__":' in block.copied or "ArgumentParser(" in block.copied:
                self.python.append((block.where, 0, self.pool.submit(self._script, block)))
                continue
            session.append({"code": block.copied, "expected": expected_error(block.shown), "where": block.where})
        if session:
            self.python.append((name, len(session), self.pool.submit(self._paste, name, session)))

    def _paste(self, name: str, session: list[dict]) -> list[str]:
        """One page's blocks in one fresh interpreter, as a reader pastes them."""
        import json

        data = self.directory / f"page{next(self.numbers)}.json"
        data.write_text(json.dumps({"module": "__main__", "blocks": session}), encoding="utf-8")
        started = time.perf_counter()
        status, stdout, stderr = astuple(_WarmPython.here().run([self.driver, data], _page_dir(name), timeout=600))
        self.seconds[name] = time.perf_counter() - started
        if status is None:
            return [f"{name}: the copied code did not finish in 600 s"]
        if status == 0:
            return []
        failed = [line for line in stdout.splitlines() if line.startswith("FAILED")]
        return [failed[0][7:] if failed else f"{name}: exit {status}: {stderr.strip()[-600:]}"]

    def _script(self, block: CopiedBlock) -> list[str]:
        """A complete script, saved to a file: ``python script.py --help`` prints its usage."""
        script = self.directory / f"script{next(self.numbers)}.py"
        script.write_text(block.copied, encoding="utf-8")
        status, stdout, stderr = astuple(_WarmPython.here().run([script, "--help"], _page_dir(block.page), timeout=120))
        if status != 0 or "usage:" not in stdout:
            return [f"{block.where}: `python script.py --help` failed: {stderr.strip()[-400:]}"]
        return []

    @staticmethod
    def _shell(block: CopiedBlock) -> list[str]:
        problems = [f"{block.where}: the copy keeps a prompt"] if PROMPT.search(block.copied) else []
        for command in _commands(block.copied):
            if problem := check_command(command):
                problems.append(f"{block.where}: `{command[:80]}`: {problem}")
        return problems


_OPTION = re.compile(r"^(--[\w-]+)")


_HELP_LOCKS: dict[tuple[str, ...], threading.Lock] = collections.defaultdict(threading.Lock)


def _help(command: tuple[str, ...]) -> str:
    # Checks run on several threads: the first asks for a command's --help, the others wait for it.
    with _HELP_LOCKS[command]:
        return _run_help(command)


@functools.lru_cache(maxsize=None)
def _run_help(command: tuple[str, ...]) -> str:
    status, stdout, _ = astuple(_WarmPython.here().run([*command, "--help"], ROOT, timeout=120))
    return stdout if status == 0 else ""


def _make_targets() -> set[str]:
    return set(re.findall(r"^([\w-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))


def _commands(copied_text: str) -> list[str]:
    """Copied shell text -> one string per command (``\\`` continuations joined)."""
    return [c.strip() for c in re.sub(r"\\\n", " ", copied_text).splitlines() if c.strip()]


def check_command(command: str) -> str | None:
    """What is wrong with one copied shell command, or None."""
    import shlex
    import subprocess

    if subprocess.run(["bash", "-n", "-c", command], capture_output=True).returncode != 0:
        return "does not parse as a shell command"
    words = shlex.split(command.split("|")[-1].split(">")[0]) if "|" in command else shlex.split(command.split(">")[0])
    words = [w.removeprefix(".venv/bin/") for w in words]
    if not words:
        return None
    if words[0] == "make":
        missing = [w for w in words[1:] if "=" not in w and w not in _make_targets()]
        return f"no make target {missing}" if missing else None
    if words[0] in {"python", "python3"} and words[1:2] == ["-c"]:
        run = subprocess.run([sys.executable, "-c", words[2]], env=_python_env(), capture_output=True, text=True,
                             timeout=120)
        return None if run.returncode == 0 else f"fails: {run.stderr.strip()[-300:]}"
    # The compta_finetune part, wherever it starts: `compta-finetune SUB`, `-m compta_finetune SUB`,
    # `python -m compta_finetune.examples.x`.
    if words[0] == "compta-finetune":
        target, rest = ("-m", "compta_finetune", words[1]), words[2:]
    elif "-m" in words and words[words.index("-m") + 1].startswith("compta_finetune"):
        at = words.index("-m") + 1
        module = words[at]
        if module == "compta_finetune":
            target, rest = ("-m", module, words[at + 1]), words[at + 2 :]
        else:
            target, rest = ("-m", module), words[at + 1 :]
    else:
        return None  # another program (git, iconv, cat): parsed above, not ours to check
    text = _help(target)
    if not text:
        return f"`{' '.join(target)} --help` fails"
    unknown = [m.group(1) for w in rest if (m := _OPTION.match(w)) and m.group(1) not in text]
    return f"options not in `{' '.join(target[1:])} --help`: {unknown}" if unknown else None


# --------------------------------------------------------------------------- whole tables and pages

_WIDTHS = """() => {
  const problems = [];
  const page = document.documentElement.scrollWidth;
  if (page > window.innerWidth + 1)
    problems.push(`page ${page} px wide in a ${window.innerWidth} px window`);
  document.querySelectorAll(".rst-content table").forEach((table, i) => {
    const box = table.parentElement;
    const width = Math.max(table.scrollWidth, table.getBoundingClientRect().width);
    if (width > box.clientWidth + 1) {
      const head = (table.querySelector("th, td")?.innerText || "").slice(0, 40);
      problems.push(`table ${i + 1} (${JSON.stringify(head)}) ${Math.round(width)} px in a ${box.clientWidth} px column`);
    }
  });
  return problems;
}"""


@pytest.mark.parametrize("width", [1366, 390])
def test_tables_and_pages_fit(browser, site_url, width, capsys):
    page = browser.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    problems, pages = [], 0
    for name in _html_pages():
        page.goto(site_url + quote(name), wait_until="load")
        pages += 1
        problems += [f"{name} at {width} px: {p}" for p in page.evaluate(_WIDTHS)]
    page.close()
    with capsys.disabled():
        print(f"\nwidths: {pages} pages checked at {width} px, {len(problems)} problems")
    _no_problems(problems, f"pages or tables wider than their space at {width} px")


# --------------------------------------------------------------------------- search without accents


def _search(browser, site_url, query: str) -> list[str]:
    with _open(browser, f"{site_url}search.html?q={quote(query)}", "the search did not finish") as page:
        page.wait_for_function(
            "() => document.querySelector('#search-results .search-summary')?.innerText", timeout=WAIT_MS
        )
        hrefs = page.eval_on_selector_all(
            "#search-results ul.search > li > a:first-of-type", "links => links.map(a => a.href)"
        )
    return sorted({_site_path(href, site_url) for href in hrefs})


@pytest.mark.parametrize(("plain", "accented"), [("entrainement", "entraînement"), ("memoire", "mémoire")])
def test_search_ignores_accents(browser, site_url, plain, accented, capsys):
    without, with_accents = _search(browser, site_url, plain), _search(browser, site_url, accented)
    with capsys.disabled():
        print(f"\nsearch: « {plain} » {len(without)} pages, « {accented} » {len(with_accents)} pages")
    assert with_accents, f"« {accented} » finds nothing"
    assert without == with_accents, f"« {plain} » finds {without}, « {accented} » finds {with_accents}"


# --------------------------------------------------------------------------- executed pages and their notebooks


def test_executed_pages_offer_their_notebook(crawl, site_url):
    """Every link to a notebook resolves to valid nbformat JSON that starts by installing the
    package at pinned versions; the execution report lists every page that offers one."""
    import json

    problems, notebooks = [], {}
    for name, report in crawl.items():
        for href in report.links:
            if href.startswith(site_url) and href.endswith(".ipynb"):
                notebooks[name] = href
    if not notebooks:
        problems.append("no page links to its notebook (.ipynb)")
    for name, href in notebooks.items():
        try:
            with urllib.request.urlopen(href, timeout=10) as response:
                notebook = json.loads(response.read().decode("utf-8"))
        except (urllib.error.URLError, ValueError) as error:
            problems.append(f"{name}: {href}: {error}")
            continue
        cells = notebook.get("cells", [])
        if notebook.get("nbformat") != 4 or len(cells) < 3:
            problems.append(f"{name}: {href}: not an nbformat 4 notebook with cells")
        elif not "".join(cells[1]["source"]).startswith("%pip install compta-finetune=="):
            problems.append(f"{name}: {href}: the first code cell does not install the pinned package")
        elif not any(cell.get("outputs") for cell in cells if cell["cell_type"] == "code"):
            problems.append(f"{name}: {href}: no outputs (not the executed notebook)")
    report = crawl.get("resultats/execution.html")
    if report is None:
        problems.append("resultats/execution.html (the execution report) is missing")
    else:
        listed = {_site_path(href, site_url) for href in report.links}
        problems += [f"resultats/execution.html does not list {name}" for name in notebooks if name not in listed]
    _no_problems(problems, "problems with the executed pages' notebooks")


# ------------------------------------------------------------------ the copied code's checks, last
# The copied code's checks run in the background from the moment the first page is copied: the
# tests that wait for them come last, after the checks above have used the browser meanwhile.


def _result(future: concurrent.futures.Future, what: str) -> list[str]:
    """A check's problems; a check that failed itself (a timeout, an unparsable command) is one more."""
    try:
        return future.result()
    except Exception as error:  # noqa: BLE001 - reported with the others, not hiding them
        return [f"{what}: the check itself failed: {type(error).__name__}: {error}"]


def test_copied_python_runs(copied, checks, capsys):
    """Every page's copied Python, pasted in page order into a fresh interpreter, runs."""
    problems = []
    for name, blocks in copied.items():
        if name.startswith("_modules/"):
            # viewcode shows a whole module of src/: its copy must be that file, line for line
            # (viewcode adds a newline after each « [docs] » link: blank lines are not compared);
            # the module's code itself is what the test suite runs.
            source = ROOT / "src" / (name.removeprefix("_modules/").removesuffix(".html") + ".py")
            if not source.is_file():
                source = source.with_suffix("") / "__init__.py"
            for block in blocks:
                lines = [line for line in block.copied.splitlines() if line.strip()]
                if lines != [line for line in source.read_text(encoding="utf-8").splitlines() if line.strip()]:
                    problems.append(f"{block.where}: the copy is not {source.relative_to(ROOT)}")
    executed = pages = scripts = 0
    for what, count, future in checks.python:
        found = _result(future, what)
        problems += found
        pages, scripts = (pages + 1, scripts) if count else (pages, scripts + 1)
        executed += count if not found else 0
    slowest = ", ".join(f"{name} {checks.seconds[name]:.0f} s" for name in sorted(checks.seconds, key=checks.seconds.get, reverse=True)[:3])
    with capsys.disabled():
        print(f"\ncopied Python: {executed} blocks executed without error on {pages} pages "
              f"(+ {scripts} scripts run with --help); {len(problems)} failures; slowest pages: {slowest}")
    _no_problems(problems, "copied Python blocks that do not run as pasted")


def test_copied_shell_commands_parse(copied, checks, capsys):
    problems = [problem for future in checks.shell for problem in _result(future, "a shell block")]
    checked = sum(len(_commands(b.copied)) for blocks in copied.values() for b in blocks if b.lang in SHELL_LANGS)
    with capsys.disabled():
        print(f"\ncopied shell commands: {checked} checked, {len(problems)} problems")
    _no_problems(problems, "copied shell commands that would not run")
