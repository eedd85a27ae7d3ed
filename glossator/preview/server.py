"""Serve: a local preview that rebuilds on every save and reloads the browser.

The preview keeps each build in memory as an immutable snapshot and swaps it
whole, so a half-written build is never served and nothing is written into
the project (the publishable `site/` never sees the live-reload script).
Requests are answered only from the snapshot: no path, however encoded, can
reach a file on disk.  An edit that breaks an entry keeps the last good site
on screen with the problems shown over it, until the next good save; what a
build without drafts would refuse is shown over the page as a warning.
"""

from __future__ import annotations

import contextlib
import errno
import http.server
import ipaddress
import json
import mimetypes
import socket
import sys
import threading
import time
import traceback
import webbrowser
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import assert_never
from urllib.parse import unquote, urlsplit

from glossator.build.memo import Memo
from glossator.build.pipeline import CheckResult, check, render, search_index
from glossator.content.config import SiteConfig
from glossator.content.project import Project, load_config
from glossator.core.diagnostics import START, Diagnostic, DiagnosticError
from glossator.core.parallel import default_jobs
from glossator.pages.render import PageCache
from glossator.pages.search import SEARCH_DIR
from glossator.preview import DEFAULT_PORT
from glossator.preview.changes import EVERYTHING, Change, ChangeKind, Saved, classify
from glossator.preview.quicksave import quick_save
from glossator.preview.report import Rebuilt, saved_names
from glossator.preview.streams import Streams
from glossator.preview.watch import Watcher, run_batches

EVENTS_PATH = "/__glossator/events"
CLIENT_PATH = "/__glossator/client.js"
CLIENT_JS = (Path(__file__).parent / "client.js").read_bytes()
INDEX_DELAY_SECONDS = 0.3  # between a build and the start of its search indexing
LOCAL_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})  # what the warning about other interfaces spares
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]"})  # as a Host header names this machine
FAILED = "build-failed"  # the code of a problem no file is to blame for: the build itself broke
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".pagefind": "application/octet-stream",
}


# -- requests, without sockets ----------------------------------------------------------
def site_path(raw: str) -> str | None:
    """The snapshot key a request path names, or None when it could name anything outside.

    The path is decoded once; a backslash, a NUL, or a '.' or '..' segment
    refuses it, so '%2e%2e', '%5c' and their double-encoded forms lead nowhere.
    """
    raw_path = raw.split("?", 1)[0].split("#", 1)[0]
    if not raw_path.startswith("/"):
        return None
    try:
        path = unquote(raw_path, errors="strict")  # overlong UTF-8 such as %c0%ae is refused here
    except UnicodeDecodeError:
        return None
    if "\\" in path or "\x00" in path or "//" in path:
        return None
    parts = path.split("/")[1:]
    if any(part in (".", "..") for part in parts):
        return None
    key = "/".join(parts)
    return key + "index.html" if key == "" or key.endswith("/") else key


def under_base(key: str, base_path: str) -> str | None:
    """The snapshot key for a request's `site_path` when the site is served under `base_path`; None outside it."""
    prefix = base_path.strip("/")
    if not prefix:
        return key
    return key[len(prefix) + 1 :] if key.startswith(prefix + "/") else None


def host_allowed(host_header: str | None, bound: str, port: int) -> bool:
    """Only requests addressed to this machine by a local name (DNS rebinding defence).

    The Host header must be exactly localhost, 127.0.0.1, [::1] or the address
    the server is bound to, followed by the server's port or by nothing: userinfo
    (`127.0.0.1:8000@evil.example`), another port, a path or a trailing dot is refused.
    """
    if not host_header:
        return False
    host = host_header.strip().lower()
    if host.startswith("["):  # an IPv6 address: the only kind of name with colons in it
        end = host.find("]") + 1
        name, rest = (host[:end], host[end:]) if end else (host, "!")
    else:
        name, colon, given = host.partition(":")
        rest = colon + given
    if rest and not (rest[0] == ":" and rest[1:].isascii() and rest[1:].isdigit() and int(rest[1:]) == port):
        return False
    if name in LOCAL_HOSTS or name == (f"[{bound.lower()}]" if ":" in bound else bound.lower()):
        return True
    # Bound to every interface on purpose: accept any address of this machine's, never a host name.
    return bound in ("0.0.0.0", "::") and _is_address(name)


def _is_address(name: str) -> bool:
    """Whether `name`, as a Host header gives it, is an IP address (IPv6 in brackets)."""
    bare = name[1:-1] if name.startswith("[") and name.endswith("]") else name
    try:
        address = ipaddress.ip_address(bare)
    except ValueError:
        return False
    return (address.version == 6) == (bare != name)


def content_type(key: str) -> str:
    suffix = Path(key).suffix.lower()
    return TYPES.get(suffix) or mimetypes.guess_type(key)[0] or "application/octet-stream"


def inject_client(html: bytes, build: int) -> bytes:
    tag = f'<script src="{CLIENT_PATH}" data-events="{EVENTS_PATH}" data-build="{build}"></script>'.encode()
    at = html.rfind(b"</body>")
    return html[:at] + tag + html[at:] if at >= 0 else html + tag


# -- the preview's state ----------------------------------------------------------------
def shown(problem: Diagnostic) -> str:
    """A problem as the preview shows it: as `check` prints it, or, when the build itself broke, what broke."""
    return f"build failed: {problem.message}" if problem.code == FAILED else str(problem)


@dataclass(frozen=True)
class Snapshot:
    """One complete build, served as is, and the problems of the latest attempt."""

    files: MappingProxyType[str, bytes]
    build: int
    errors: tuple[Diagnostic, ...] = ()
    # What the latest attempt warns of: links to drafts, which a build without drafts refuses.
    warnings: tuple[Diagnostic, ...] = ()
    css: tuple[tuple[str, str], ...] = ()  # stylesheet swaps when only CSS changed
    css_from: int = -1
    # The files that differ from the build before, when the rebuild knew them without comparing
    # the two builds (a save that changed only entries' own pages); None when it compared them.
    changed: frozenset[str] | None = None

    def event(self) -> bytes:
        """What the open pages are told of this snapshot, as a server-sent event."""
        state = {
            "build": self.build,
            "errors": [shown(problem) for problem in self.errors],
            "warnings": [shown(problem) for problem in self.warnings],
            "css": [["/" + before, "/" + after] for before, after in self.css],
            "cssFrom": self.css_from,
        }
        return f"event: state\ndata: {json.dumps(state)}\n\n".encode()


@dataclass(frozen=True, slots=True)
class _Attempt:
    """What one rebuild made: the new site and its check, or the problems that stopped it."""

    files: dict[str, bytes] | None
    result: CheckResult | None
    problems: tuple[Diagnostic, ...] = ()  # the errors that stopped it, or the warnings of the new site
    changed: frozenset[str] | None = None  # known without comparing sites: see Snapshot.changed
    swap_css: bool = False  # whether the new build may differ from the last by its stylesheets alone


def css_only_change(old: Mapping[str, bytes], new: Mapping[str, bytes]) -> tuple[tuple[str, str], ...]:
    """(old href, new href) pairs if the builds differ only by stylesheets, else ()."""
    # Stylesheets are fingerprinted: a changed one has a new name.  Most builds have none, so look at names first.
    gone = sorted(k for k in old if k.endswith(".css") and k not in new)
    came = sorted(k for k in new if k.endswith(".css") and k not in old)
    if not gone or len(gone) != len(came):
        return ()
    changed = {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
    pairs = tuple(zip(gone, came, strict=True))
    for key in changed:
        if key.endswith(".css"):
            continue
        if not key.endswith(".html") or key not in old or key not in new:
            return ()
        text = old[key]
        for before, after in pairs:
            text = text.replace(before.encode(), after.encode())
        if text != new[key]:
            return ()
    return pairs


@dataclass
class Preview:
    """Builds the project on demand and holds what is being served."""

    project: Project
    base_url: str  # what the pages are built for; its path is where the site is served
    drafts: bool = True
    memo: Memo = field(default_factory=Memo)
    pages: PageCache = field(default_factory=PageCache)
    jobs: int = 1  # processes for building, while no other thread runs (forking beside threads is unsafe)
    # Build numbers start from the clock so that a restarted server never repeats one
    # that an open page has already seen (the page would not reload).
    snapshot: Snapshot = field(default_factory=lambda: Snapshot(MappingProxyType({}), int(time.time() * 1000)))
    config: SiteConfig | None = None  # site.yaml as last read; None until it is read (again)
    last: CheckResult | None = None  # the result of the last build, while it is the one being served
    rebuilt: Rebuilt | None = None  # what the last rebuild did
    # Called after each snapshot is published (the live-reload streams are told to look).
    listeners: list[Callable[[], None]] = field(default_factory=list, init=False)
    stopping: threading.Event = field(default_factory=threading.Event, init=False)
    _build_lock: threading.Lock = field(default_factory=threading.Lock, init=False)
    # One search indexer at a time: saves that come while it works are indexed together afterwards.
    _indexer: threading.Thread | None = field(default=None, init=False)
    _index_lock: threading.Lock = field(default_factory=threading.Lock, init=False)
    _index_wanted: tuple[Snapshot, CheckResult] | None = field(default=None, init=False)

    @property
    def base_path(self) -> str:
        """The path the site is served under: '/', or base_url's path (ending with '/')."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    def publish(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot
        for listener in self.listeners:
            listener()

    def _change(self, paths: set[Path] | None) -> Change:
        """What saving `paths` changed (None: anything may have); see glossator.preview.changes."""
        if paths is None:
            return EVERYTHING
        try:
            return classify(paths, self.project, self.last)
        except (OSError, RuntimeError):  # a path that cannot be looked at (a link loop): nothing is known
            return EVERYTHING

    def rebuild(self, paths: set[Path] | None = None) -> Snapshot:
        """Build again after saving `paths` (None: anything); keep the last good files when the project has errors."""
        with self._build_lock:
            started = time.perf_counter()
            change = self._change(paths)
            current = self.snapshot
            attempt = self._attempt(change)
            self.last = attempt.result if attempt.files is not None else None
            differing = _differing(current, attempt)
            snapshot = _next(current, attempt, bool(differing))
            self.publish(snapshot)
            self.rebuilt = Rebuilt(
                saved=saved_names(paths, self.project.cwd) if paths is not None and current.files else (),
                errors=tuple(shown(problem) for problem in snapshot.errors),
                # Warnings are told once, and again when they change.
                warnings=tuple(map(shown, snapshot.warnings)) if snapshot.warnings != current.warnings else (),
                differing=differing,
                seconds=time.perf_counter() - started,
                serving=bool(snapshot.files),
                swapped_css=bool(snapshot.css),
            )
        if attempt.result is not None and snapshot.build != current.build:
            self._index_later(snapshot, attempt.result)  # (an identical build keeps the index it has)
        return snapshot

    def _attempt(self, change: Change) -> _Attempt:
        """Drop what the change made stale, then build in the way its kind needs."""
        kind = change.kind
        self.memo.invalidate(kind)
        self.pages.invalidate(kind)
        match kind:
            case ChangeKind.PAGE:
                return self._quick(change.saved) or self._build()
            case ChangeKind.ENTRIES | ChangeKind.TEMPLATES | ChangeKind.STATIC:
                return self._build()
            case ChangeKind.STYLES:
                return self._build(swap_css=True)
            case ChangeKind.CONFIG:
                self.config = None  # read site.yaml again
                return self._build()
            case ChangeKind.EVERYTHING:
                self.config = None
                return self._build(swap_css=True)
            case _:
                assert_never(kind)

    def _quick(self, saved: tuple[Saved, ...]) -> _Attempt | None:
        """The build after saving entries that changed only their own pages; None when they may change more."""
        if self.config is None or self.last is None:
            return None
        try:
            files = self.snapshot.files.copy()  # (a copy of the dict behind the read-only view: fast)
            done = quick_save(self.project, self.config, saved, self.last, files, self.memo, self.pages)
        except Exception:
            return None  # the full build will say what is wrong, if anything is
        if done is None:
            return None
        result, files, changed = done
        return _Attempt(files, result, result.diagnostics, changed=frozenset(changed))

    def _build(self, *, swap_css: bool = False) -> _Attempt:
        """Check and render everything, from what the memo and the page cache still hold."""
        try:
            if self.config is None:
                self.config = load_config(self.project, base_url=self.base_url)
            jobs = self.jobs if threading.active_count() == 1 else 1
            result = check(self.project, self.config, drafts=self.drafts, memo=self.memo, warnings=False, jobs=jobs)
            if result.glossary is None:
                return _Attempt(None, None, result.diagnostics)
            files = render(
                self.project,
                result.glossary,
                translations=result.translations,
                search=False,
                pages=self.pages,
                jobs=jobs,
            )
            if self.snapshot.files:
                # Until the new search index is ready, keep serving the previous one.
                files.update({k: v for k, v in self.snapshot.files.items() if k.startswith(SEARCH_DIR)})
            return _Attempt(files, result, result.diagnostics, swap_css=swap_css)
        except DiagnosticError as exc:
            self.config = None
            return _Attempt(None, None, exc.diagnostics)
        except Exception as exc:
            detail = traceback.format_exception_only(type(exc), exc)[-1].strip()
            return _Attempt(None, None, (Diagnostic.error("", START, FAILED, detail),))

    def _index_later(self, snapshot: Snapshot, result: CheckResult) -> None:
        """Index this build for search in the background, after whatever indexing is under way.

        Pagefind takes seconds on a large glossary; a save that comes while it
        runs does not start a second one beside it: the running indexer takes
        the newest build when it finishes, and the builds in between are skipped.
        """
        with self._index_lock:
            self._index_wanted = (snapshot, result)
            if self._indexer is None:
                self._indexer = threading.Thread(target=self._index_newest, name="glossator-search-index", daemon=True)
                self._indexer.start()

    def _index_newest(self) -> None:
        while True:
            # The saved page first: the browser fetches it while the indexer waits, then saves made
            # meanwhile are indexed together.
            self.stopping.wait(INDEX_DELAY_SECONDS)
            with self._index_lock:
                wanted, self._index_wanted = self._index_wanted, None
                if wanted is None:
                    self._indexer = None
                    return
            snapshot, result = wanted
            assert result.glossary is not None
            try:
                bundle = search_index(result.glossary, dict(snapshot.files), result.translations)
            except Exception:
                continue
            with self._build_lock:
                if self.snapshot.build != snapshot.build:
                    continue  # a newer build is waiting, or will be
                files = {k: v for k, v in snapshot.files.items() if not k.startswith(SEARCH_DIR)}
                files.update(bundle)
                self.publish(replace(self.snapshot, files=MappingProxyType(files)))

    def wait_for_search(self, timeout: float = 60.0) -> None:
        """Block until the search index of the latest build is in place (used by tests)."""
        indexer = self._indexer
        if indexer is not None:
            indexer.join(timeout)


def _differing(current: Snapshot, attempt: _Attempt) -> frozenset[str]:
    """The files `attempt` changed: as it knows them, or by comparing the two builds (none if it made none)."""
    if attempt.files is None:
        return frozenset()
    if attempt.changed is not None:
        return attempt.changed
    old, new = current.files, attempt.files
    return frozenset(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))


def _next(current: Snapshot, attempt: _Attempt, changed: bool) -> Snapshot:
    """What to serve after `attempt`: its build, the current one with its problems, or the current one as is."""
    errors = tuple(p for p in attempt.problems if p.severity == "error")
    warnings = tuple(p for p in attempt.problems if p.severity != "error")
    if attempt.files is None:
        return replace(current, errors=errors, warnings=warnings, css=(), css_from=-1)
    if not changed:
        return replace(current, errors=(), warnings=warnings)  # nothing to reload
    css = css_only_change(current.files, attempt.files) if attempt.swap_css and current.files else ()
    files = MappingProxyType(attempt.files)
    return Snapshot(files, current.build + 1, (), warnings, css, current.build, attempt.changed)


# -- http ---------------------------------------------------------------------------------
class Handler(http.server.BaseHTTPRequestHandler):
    server_version = "glossator-preview"
    protocol_version = "HTTP/1.1"
    # Headers and body go out as two writes; with Nagle's algorithm the body of a kept-alive
    # connection can wait for the client's delayed acknowledgement (40 ms on Linux).
    disable_nagle_algorithm = True
    preview: Preview
    streams: Streams
    bound: str
    port: int  # the one the server listens on, as a Host header must name it

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _refuse(self, status: int, text: str) -> None:
        body = (text + "\n").encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _send(self, status: int, key: str, body: bytes, build: int) -> None:
        kind = content_type(key)
        if kind.startswith("text/html"):
            body = inject_client(body, build)
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:
        if not host_allowed(self.headers.get("Host"), self.bound, self.port):
            return self._refuse(403, "This preview answers only requests for localhost.")
        target = urlsplit(self.path).path
        if target == EVENTS_PATH:
            return self._events()
        if target == CLIENT_PATH:
            return self._send(200, "client.js", CLIENT_JS, 0)
        key = site_path(self.path)
        snapshot = self.preview.snapshot
        if key is None:
            return self._refuse(400, "Bad path.")
        key = under_base(key, self.preview.base_path)  # None outside the path the site is served under
        if key is not None and key in snapshot.files:
            return self._send(200, key, snapshot.files[key], snapshot.build)
        if key is not None and key + "/index.html" in snapshot.files:
            self.send_response(301)
            query = urlsplit(self.path).query
            self.send_header("Location", target + "/" + (f"?{query}" if query else ""))
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        missing = snapshot.files.get("404.html", b"<!doctype html><title>Not found</title><body>Not found</body>")
        return self._send(404, "404.html", missing, snapshot.build)

    do_HEAD = do_GET  # noqa: N815 - stdlib name

    def _method_not_allowed(self) -> None:
        self.send_response(405)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = _method_not_allowed  # noqa: N815

    def _events(self) -> None:
        if self.streams.full():
            return self._refuse(503, "Too many live-reload streams are open; close some of the preview's tabs.")
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.close_connection = True
        if self.command == "HEAD":
            return
        # The stream is the writer's from here (see glossator.preview.streams): this thread ends now,
        # and the server's closing of the request finds nothing left to close.
        stream = socket.socket(fileno=self.connection.detach())
        if not self.streams.add(stream):
            stream.close()


class PreviewServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 256

    def handle_error(self, request: object, client_address: object) -> None:
        # A browser that closes a tab or reloads mid-response resets the connection: routine, not a traceback.
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


def bind(host: str, port: int, preview: Preview, streams: Streams, tries: int = 20) -> PreviewServer:
    """A server on `port`, or one of the next `tries - 1`; raise OSError when none is free (0: any free port)."""
    handler: type[Handler] = type("BoundHandler", (Handler,), {"preview": preview, "streams": streams, "bound": host})
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    last: OSError | None = None
    last_port = min(port + tries, 65536) - 1  # (the last port there is)
    for candidate in range(port, last_port + 1) if port else [0]:
        server_class: type[PreviewServer] = type("Server", (PreviewServer,), {"address_family": family})
        try:
            server = server_class((host, candidate), handler)
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise
            last = exc
            continue
        handler.port = int(server.socket.getsockname()[1])
        return server
    if last_port == port:
        raise OSError(errno.EADDRINUSE, f"port {port} is in use") from last
    raise OSError(errno.EADDRINUSE, f"ports {port} to {last_port} are all in use") from last


@dataclass
class Running:
    """A started preview: its address, its state, and how to stop it."""

    url: str
    preview: Preview
    server: PreviewServer
    streams: Streams
    watcher: Watcher
    builder: threading.Thread

    def stop(self) -> None:
        self.preview.stopping.set()
        self.streams.stop()
        self.watcher.stop()
        with contextlib.suppress(Exception):
            self.server.shutdown()
        self.server.server_close()


def start(
    project: Project,
    *,
    host: str = "127.0.0.1",
    port: int | None = None,
    quiet: bool = False,
    drafts: bool = True,
    base_url: str | None = None,
    builds: bool = True,
) -> Running:
    """Build once, then serve and watch in background threads.

    `port` None is DEFAULT_PORT or the next free one; a number is that port (0: any free one).
    `base_url` is what the pages are built for (default: the preview's own address), and its path
    where they are served.  `quiet` prints nothing; without `builds`, only problems are printed.
    """
    preview = Preview(project, base_url="http://placeholder/", jobs=default_jobs(), drafts=drafts)
    streams = Streams(lambda: preview.snapshot.event())
    preview.listeners.append(streams.wake)
    wanted = DEFAULT_PORT if port is None else port
    try:
        server = bind(host, wanted, preview, streams, tries=20 if port is None else 1)
    except OSError:
        streams.stop()
        raise
    actual = server.server_address[1]
    shown_host = f"[{host}]" if ":" in host else host
    preview.base_url = base_url or f"http://{shown_host}:{actual}/"
    if actual != wanted and wanted and not quiet and builds:
        sys.stderr.write(f"serve: port {wanted} is in use; using {actual} instead\n")
    preview.rebuild()
    if not quiet:
        _report(preview, builds)
    watched = (project.content, project.templates, project.static, project.config_file)
    watcher = Watcher(project.root, watched, ignore_under=(project.out,))
    watcher.start()

    def on_batch(paths: set[Path]) -> None:
        preview.rebuild(paths)
        if not quiet:
            _report(preview, builds)

    builder = threading.Thread(target=run_batches, args=(watcher, preview.stopping, on_batch), daemon=True)
    builder.start()
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True).start()
    url = f"http://{'localhost' if host in ('127.0.0.1', '::1') else shown_host}:{actual}{preview.base_path}"
    return Running(url, preview, server, streams, watcher, builder)


def serve(
    project: Project,
    *,
    host: str = "127.0.0.1",
    port: int | None = None,
    open_browser: bool = False,
    drafts: bool = True,
    base_url: str | None = None,
    quiet: bool = False,
) -> int:
    """Build, serve, watch and rebuild until interrupted; returns an exit code (see `start` for the options)."""
    if host not in LOCAL_NAMES:
        sys.stderr.write(
            f"warning: serving on {host}, not only on this computer: anyone who can reach this address "
            "can read the preview (including drafts)\n"
        )
    try:
        running = start(project, host=host, port=port, drafts=drafts, base_url=base_url, builds=not quiet)
    except OSError as exc:
        shown_port = DEFAULT_PORT if port is None else port
        sys.stderr.write(f"serve: cannot listen on {host}:{shown_port}: {exc.strerror or exc}\n")
        return 2
    try:  # from here on, Ctrl-C stops the preview cleanly, whenever it comes
        if not quiet:
            sys.stderr.write(f"serve: previewing {project.root.resolve()} at {running.url}  (Ctrl-C to stop)\n")
        if open_browser:
            webbrowser.open(running.url)
        while running.builder.is_alive():
            running.builder.join(0.5)
    except KeyboardInterrupt:
        if not quiet:
            sys.stderr.write("serve: stopped\n")
    finally:
        running.stop()
    return 0


def _report(preview: Preview, builds: bool = True) -> None:
    if preview.rebuilt is not None:
        sys.stderr.write(preview.rebuilt.lines() if builds else preview.rebuilt.problems())
