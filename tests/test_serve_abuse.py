"""The preview server under abuse: it stays up, serves nothing outside its build, and recovers.

The preview runs on people's laptops while they edit.  Here it is sent
traversal in every encoding, requests for the project's own files, foreign
Host headers (DNS rebinding), malformed and oversized requests, 200 live-reload
streams at once, clients that reset mid-stream or read one byte at a time,
bursts of 500 file changes, deletions and renames, and the loss of the whole
content folder.  Requests go through raw sockets so that the exact bytes are
sent (http.client would normalise the paths).  Every request goes to 127.0.0.1.
"""

from __future__ import annotations

import contextlib
import selectors
import shutil
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from glossator.build.pipeline import Project
from glossator.preview.server import EVENTS_PATH, Running, start
from glossator.preview.streams import Streams

CANARIES = ("CANARY-SECRET-9d1e", "CANARY-GIT-55b2", "CANARY-CACHE-c0de")


def project_copy(starter: Path) -> Path:
    """The starter glossary with secrets planted where a traversal would find them."""
    (starter / "secret.txt").write_text(CANARIES[0], encoding="utf-8")
    (starter / ".git").mkdir()
    (starter / ".git" / "config").write_text(f"[core]\n# {CANARIES[1]}\n", encoding="utf-8")
    (starter / "content" / ".hidden.md").write_text(CANARIES[2], encoding="utf-8")
    # A published site/ with links out of it: the preview serves its own build, never this folder.
    (starter / "site").mkdir()
    (starter / "site" / "leak.txt").symlink_to(starter / "secret.txt")
    (starter / "site" / "etc").symlink_to("/etc", target_is_directory=True)
    return starter


def wait_until(condition: Callable[[], bool], timeout: float = 90.0, what: str = "the preview") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise AssertionError(f"{what} did not get there within {timeout:.0f}s")


def settle(running: Running, quiet: float = 2.0, timeout: float = 120.0) -> None:
    """Wait until no rebuild has happened for `quiet` seconds."""
    last = (running.preview.snapshot.build, running.preview.snapshot.errors)
    since = time.monotonic()
    deadline = since + timeout
    while time.monotonic() < deadline:
        now = (running.preview.snapshot.build, running.preview.snapshot.errors)
        if now != last:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            return
        time.sleep(0.05)
    raise AssertionError("the preview kept rebuilding")


def port_of(running: Running) -> int:
    return int(running.server.server_address[1])


def request(port: int, data: bytes, timeout: float = 20.0) -> tuple[int, bytes]:
    """Send raw bytes, read until the server closes; (status, whole response)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as sock:
        sock.sendall(data)
        sock.shutdown(socket.SHUT_WR)  # no more requests on this connection: the server answers and closes
        chunks = []
        with contextlib.suppress(ConnectionResetError):
            while chunk := sock.recv(65536):
                chunks.append(chunk)
    response = b"".join(chunks)
    status = int(response.split(b" ", 2)[1]) if response.startswith(b"HTTP/") else 0
    return status, response


def get(port: int, target: str | bytes, host: str = "localhost") -> tuple[int, bytes]:
    raw = target.encode("latin-1") if isinstance(target, str) else target
    return request(port, b"GET " + raw + f" HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())


def assert_up(port: int) -> None:
    status, response = get(port, "/")
    assert status == 200 and b"<!doctype html>" in response


def assert_no_secret(response: bytes) -> None:
    for canary in CANARIES:
        assert canary.encode() not in response
    assert b"base_url:" not in response, "site.yaml was served"
    assert b"root:x:0:0" not in response, "/etc/passwd was served"
    assert b"\n---\ntitle:" not in response and not response.split(b"\r\n\r\n", 1)[-1].startswith(b"---\n")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    from tests.conftest import ROOT

    root = tmp_path_factory.mktemp("serve-abuse") / "project"
    root.mkdir()
    for name in ("content", "templates", "static"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, root / name)
    shutil.copy(ROOT / "site.yaml", root / "site.yaml")
    running = start(Project.at(project_copy(root)), port=0, quiet=True)
    running.preview.wait_for_search()
    yield running
    running.stop()


@pytest.fixture
def own(starter_copy: Path) -> Iterator[tuple[Running, Path]]:
    """A preview of its own, for tests that change the project."""
    running = start(Project.at(project_copy(starter_copy)), port=0, quiet=True)
    yield running, starter_copy
    running.stop()


TRAVERSALS = [
    "/../secret.txt",
    "/../../../../../../etc/passwd",
    "/%2e%2e/secret.txt",
    "/%2E%2E/%2E%2E/secret.txt",
    "/.%2e/secret.txt",
    "/%2e./secret.txt",
    "/%252e%252e/secret.txt",
    "/%25252e%25252e/secret.txt",
    "/%c0%ae%c0%ae/secret.txt",
    "/%c0%ae%c0%ae%c0%afsecret.txt",
    "/%e0%80%ae%e0%80%ae/secret.txt",
    "/%u002e%u002e/secret.txt",
    "/..%2fsecret.txt",
    "/..%252fsecret.txt",
    "/..%5csecret.txt",
    "/%5c..%5csecret.txt",
    "/..\\secret.txt",
    "/glossary\\..\\..\\secret.txt",
    "\\..\\secret.txt",
    "//secret.txt",
    "//etc/passwd",
    "///etc/passwd",
    "/.//../secret.txt",
    "/./secret.txt",
    "/glossary/../../secret.txt",
    "/glossary/rag/../../../secret.txt",
    "/assets/%2e%2e/%2e%2e/secret.txt",
    "/..;/secret.txt",
    "/%00/../secret.txt",
    "/index.html%00.txt",
    "/secret.txt%00.html",
    "/?../../secret.txt",
    "/#/../../secret.txt",
    "http://localhost/../secret.txt",
    "file:///etc/passwd",
    "*",
    "/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/\x00",
    "/glossary/\xff/",
]

PROJECT_FILES = [
    "/site.yaml",
    "/secret.txt",
    "/content/rag.md",
    "/content/.hidden.md",
    "/content/",
    "/.git/config",
    "/.git/",
    "/templates/",
    "/static/",
    "/.glossator-cache/",
    "/build.py",
    "/glossator/serve.py",
    "/rag.md",
    "/glossary/rag/index.md",
    "/glossary/rag.md",
    "/leak.txt",
    "/site/leak.txt",
    "/etc/passwd",
    "/site/etc/passwd",
]


@pytest.mark.parametrize("target", TRAVERSALS)
def test_traversal_in_any_encoding_serves_nothing_outside_the_build(served: Running, target: str) -> None:
    status, response = get(port_of(served), target)
    # After '?' or '#' the dots are a query or a fragment: the home page, rightly.
    assert status in ((200,) if target.startswith(("/?", "/#")) else (400, 404)), (status, response[:200])
    assert_no_secret(response)


@pytest.mark.parametrize("target", PROJECT_FILES)
def test_the_projects_own_files_are_not_served(served: Running, target: str) -> None:
    status, response = get(port_of(served), target)
    assert status in (400, 404), (status, response[:200])
    assert_no_secret(response)


@pytest.mark.parametrize(
    "host",
    ["evil.example", "evil.example:8000", "localhost.evil.example", "127.0.0.1.nip.io", "localhost@evil.example", ""],
)
@pytest.mark.parametrize("target", ["/", EVENTS_PATH, "/glossary/rag/"])
def test_requests_addressed_to_another_host_are_refused(served: Running, host: str, target: str) -> None:
    status, response = get(port_of(served), target, host=host)
    assert status == 403, response[:200]
    assert b"<!doctype html>" not in response


def test_only_this_servers_exact_local_names_and_port_are_answered(served: Running) -> None:
    port = port_of(served)
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}", "localhost"):
        assert get(port, "/", host=host)[0] == 200, host
    for host in (
        f"127.0.0.1:{port}@evil.example",
        f"localhost:{port}@evil.example",
        f"evil.example@127.0.0.1:{port}",
        f"localhost:{port + 1}",
        f"localhost:{port}/",
        f"localhost.:{port}",
    ):
        for target in ("/", EVENTS_PATH):
            status, response = get(port, target, host=host)
            assert status == 403 and b"<!doctype html>" not in response, (host, target)


def test_a_request_without_a_host_is_refused(served: Running) -> None:
    status, _ = request(port_of(served), b"GET / HTTP/1.0\r\n\r\n")
    assert status == 403


@pytest.mark.parametrize(
    "data",
    [
        b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 64,  # a TLS hello
        b"GARBAGE\r\n\r\n",
        b"GET / HTTP/9.9\r\nHost: localhost\r\n\r\n",
        b"GET\r\n\r\n",
        b"FOO / HTTP/1.1\r\nHost: localhost\r\n\r\n",
        b"POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello",
        b"DELETE /index.html HTTP/1.1\r\nHost: localhost\r\n\r\n",
        b"TRACE / HTTP/1.1\r\nHost: localhost\r\n\r\n",
        b"CONNECT evil.example:443 HTTP/1.1\r\nHost: localhost\r\n\r\n",
        b"GET /" + b"a" * 70_000 + b" HTTP/1.1\r\nHost: localhost\r\n\r\n",
        b"GET / HTTP/1.1\r\n" + b"X-Header: value\r\n" * 200 + b"Host: localhost\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Long: " + b"v" * 70_000 + b"\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1\r\n\r\n",
        b"GET / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"\x00\x00\x00\x00\r\n\r\n",
        b"\r\n\r\n\r\n",
    ],
)
def test_malformed_requests_do_not_take_it_down(served: Running, data: bytes) -> None:
    port = port_of(served)
    status, response = request(port, data)
    assert status == 0 or response.startswith(b"HTTP/1.")
    assert_no_secret(response)
    assert_up(port)


def test_only_get_and_head_are_answered(served: Running) -> None:
    port = port_of(served)
    for method in ("POST", "PUT", "DELETE", "PATCH", "OPTIONS"):
        status, _ = request(
            port, f"{method} /index.html HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode()
        )
        assert status == 405, method
    status, response = request(port, b"HEAD / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
    assert status == 200 and response.endswith(b"\r\n\r\n")


def open_stream(port: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(f"GET {EVENTS_PATH} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
    return sock


def read_states(socks: list[socket.socket], wanted: Callable[[bytes], bool], timeout: float) -> set[int]:
    """Read every stream until `wanted(everything read on it)`; the indices of those that got there."""
    selector = selectors.DefaultSelector()
    seen = dict.fromkeys(range(len(socks)), b"")
    for i, sock in enumerate(socks):
        sock.setblocking(False)
        selector.register(sock, selectors.EVENT_READ, i)
    done: set[int] = set()
    deadline = time.monotonic() + timeout
    while len(done) < len(socks) and time.monotonic() < deadline:
        for key, _ in selector.select(timeout=0.5):
            i = key.data
            with contextlib.suppress(BlockingIOError):
                chunk = socks[i].recv(65536)
                seen[i] += chunk
                if not chunk or wanted(seen[i]):
                    done.add(i)
                    selector.unregister(socks[i])
    selector.close()
    return {i for i in done if wanted(seen[i])}


def test_two_hundred_reload_streams_all_hear_a_rebuild(own: tuple[Running, Path]) -> None:
    running, root = own
    port = port_of(running)
    before = running.preview.snapshot.build
    socks = [open_stream(port) for _ in range(200)]
    try:
        first = f'"build": {before}'.encode()
        assert len(read_states(socks, lambda data: first in data, timeout=60)) == 200
        rag = root / "content" / "rag.md"
        rag.write_text(rag.read_text(encoding="utf-8").replace("## What is this?", "## What is it?", 1), "utf-8")
        wait_until(lambda: running.preview.snapshot.build > before, what="a rebuild")
        after = f'"build": {running.preview.snapshot.build}'.encode()
        heard = read_states(socks, lambda data: after in data, timeout=60)
        assert len(heard) == 200, f"only {len(heard)} of 200 streams heard the rebuild"
    finally:
        for sock in socks:
            sock.close()
    assert_up(port)


def open_files() -> int:
    return sum(1 for _ in Path("/proc/self/fd").iterdir())


def test_reload_streams_closed_by_their_pages_leave_no_thread_or_socket_behind(served: Running) -> None:
    port = port_of(served)
    threads, files = threading.active_count(), open_files()
    socks = [open_stream(port) for _ in range(300)]
    try:
        assert len(read_states(socks, lambda data: b"event: state" in data, timeout=60)) == 300
        # An open page costs a socket, not a thread.
        wait_until(lambda: threading.active_count() <= threads + 2, 5, "the threads of 300 open streams")
    finally:
        for sock in socks:
            sock.close()
    # Long before the next heartbeat (10 s), every closed stream is noticed and let go.
    wait_until(lambda: threading.active_count() <= threads + 2, 5, "the threads of 300 closed streams")
    wait_until(lambda: open_files() <= files + 2, 5, "the sockets of 300 closed streams")
    assert_up(port)


def test_reload_streams_beyond_the_limit_are_refused_until_one_closes() -> None:
    state = b"event: state\ndata: {}\n\n"
    streams = Streams(lambda: state, limit=2)
    pairs = [socket.socketpair() for _ in range(3)]
    try:
        assert streams.add(pairs[0][0]) and streams.add(pairs[1][0])
        assert streams.full() and not streams.add(pairs[2][0])
        pairs[0][1].settimeout(10)
        assert pairs[0][1].recv(100).endswith(state)  # each stream hears the state at once
        pairs[0][1].close()  # the page goes away
        wait_until(lambda: not streams.full(), 5, "a closed stream's place")
        assert streams.add(pairs[2][0])
    finally:
        streams.stop()
        for a, b in pairs:
            a.close()
            b.close()


def reset(sock: socket.socket) -> None:
    """Close with RST instead of FIN, as a crashed or impatient client does."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def biggest_file(running: Running) -> str:
    files = running.preview.snapshot.files
    return "/" + max(files, key=lambda k: len(files[k]))


def test_clients_resetting_mid_stream_during_a_rebuild(
    own: tuple[Running, Path], capfd: pytest.CaptureFixture[str]
) -> None:
    running, root = own
    port = port_of(running)
    big = biggest_file(running)
    rebuilding = threading.Thread(target=running.preview.rebuild)
    rag = root / "content" / "rag.md"
    rag.write_text(rag.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    rebuilding.start()
    for round_ in range(40):
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        path = EVENTS_PATH if round_ % 2 else big
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
        if round_ % 3:
            with contextlib.suppress(OSError):
                sock.recv(100)
        reset(sock)
    rebuilding.join(120)
    settle(running)
    assert_up(port)
    status, response = get(port, "/glossary/rag/")
    assert status == 200 and b"One more line." in response
    assert "Traceback" not in capfd.readouterr().err


def test_a_slow_client_does_not_hold_up_others(served: Running) -> None:
    port = port_of(served)
    big = biggest_file(served)
    slow = socket.socket()
    slow.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)
    slow.connect(("127.0.0.1", port))
    slow.sendall(f"GET {big} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
    stalled = socket.create_connection(("127.0.0.1", port))
    stalled.sendall(b"GET / HTTP/1.1\r\nHo")  # and never more
    try:
        started = time.monotonic()
        for _ in range(20):
            slow.recv(1)
            time.sleep(0.1)
            began = time.monotonic()
            assert_up(port)
            assert time.monotonic() - began < 5.0
        assert time.monotonic() - started < 60
    finally:
        slow.close()
        stalled.close()
    assert_up(port)


def entry(slug: str, n: int) -> str:
    return (
        f"---\ntitle: Burst {slug} {n}\ncategory: Core Concepts\nlevel: beginner\n"
        f"summary: Written in a burst, version {n}.\n---\n## What is this?\n\nVersion {n}.\n"
    )


@pytest.mark.slow  # the preview must settle after every wave of saves: about 7 s
def test_a_burst_of_500_changes_then_deletions_and_renames(own: tuple[Running, Path]) -> None:
    running, root = own
    port = port_of(running)
    content = root / "content"
    settle(running)
    before = running.preview.snapshot.build
    statuses: list[int] = []
    stop = threading.Event()

    def poll() -> None:  # a reader keeps the page open all along
        while not stop.is_set():
            statuses.append(get(port, "/")[0])
            time.sleep(0.02)

    poller = threading.Thread(target=poll)
    poller.start()
    try:
        slugs = [f"burst-{i:02d}" for i in range(50)]
        for n in range(10):
            for slug in slugs:
                (content / f"{slug}.md").write_text(entry(slug, n), encoding="utf-8")

        def all_written() -> bool:
            snapshot = running.preview.snapshot
            pages = [snapshot.files.get(f"glossary/{slug}/index.html", b"") for slug in slugs]
            return not snapshot.errors and all(b"Version 9." in page for page in pages)

        wait_until(all_written, what="the last version of all 50 entries")
        settle(running)
        assert all_written()
        rebuilds = running.preview.snapshot.build - before
        assert 1 <= rebuilds <= 8, f"500 changes cost {rebuilds} rebuilds"

        for slug in slugs[:10]:
            (content / f"{slug}.md").unlink()
        for slug in slugs[10:20]:
            (content / f"{slug}.md").rename(content / f"renamed-{slug}.md")
        wait_until(lambda: f"glossary/renamed-{slugs[19]}/index.html" in running.preview.snapshot.files)
        wait_until(lambda: f"glossary/{slugs[0]}/index.html" not in running.preview.snapshot.files)
        settle(running)
        for slug in slugs[:10]:
            assert get(port, f"/glossary/{slug}/")[0] == 404
        for slug in slugs[10:20]:
            assert get(port, f"/glossary/{slug}/")[0] == 404
            assert get(port, f"/glossary/renamed-{slug}/")[0] == 200
    finally:
        stop.set()
        poller.join()
    assert statuses and set(statuses) == {200}, sorted(set(statuses))


@pytest.mark.slow  # three rebuilds of the starter and a folder watched anew: about 6 s
def test_losing_the_content_folder_and_getting_it_back(own: tuple[Running, Path]) -> None:
    running, root = own
    port = port_of(running)
    content = root / "content"
    backup = root.parent / "content-backup"
    shutil.copytree(content, backup)
    settle(running)
    before = running.preview.snapshot.build
    shutil.rmtree(content)
    wait_until(lambda: running.preview.snapshot.build > before or bool(running.preview.snapshot.errors))
    settle(running)
    assert_up(port)
    shutil.copytree(backup, content)
    wait_until(lambda: "glossary/rag/index.html" in running.preview.snapshot.files, what="the restored entries")
    settle(running)
    assert_up(port)
    assert get(port, "/glossary/rag/")[0] == 200
    # The folder is watched again: an edit inside the new content/ is picked up.
    rag = content / "rag.md"
    rag.write_text(rag.read_text(encoding="utf-8") + "\nWatched again.\n", encoding="utf-8")
    wait_until(lambda: b"Watched again." in running.preview.snapshot.files["glossary/rag/index.html"], 60)
    assert_up(port)
