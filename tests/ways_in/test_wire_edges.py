"""The wire edges (issue 12): bodies of every size, shape and encoding, HEAD, CORS and the
account header, on every way in: in-process, a ThreadedMotoServer (``server_url``) and
``python -m workmail_mock`` run as a subprocess. Nothing may give a 5xx, an
InternalFailure, a hang or unbounded memory."""

from __future__ import annotations

import gzip
import io
import json
import os
import socket
import subprocess
import sys
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from typing import Any

import boto3
import pytest
import requests
from botocore.config import Config

from tests.support import (
    CONTENT_TYPE,
    REGION,
    free_port,
    raises,
    reset,
    server_client,
    workmail_client,
)
from tests.support.internals import dispatcher
from workmail_mock import mock_workmail
from workmail_mock.protocol import body as body_module

TARGET = "WorkMailService."
LIST_ORGS = TARGET + "ListOrganizations"
ACCOUNT = "123456789012"

#: ``python -m workmail_mock`` in a child that exits by itself when this process is gone
#: (or after ten minutes at most), so a killed test run leaves no server behind.
_CHILD = """
import os, sys, threading, time
parent = os.getppid()
def watch():
    for _ in range(6000):
        if os.getppid() != parent:
            break
        time.sleep(0.1)
    os._exit(0)
threading.Thread(target=watch, daemon=True).start()
from workmail_mock.__main__ import main
main(["--host", "127.0.0.1", "--port", sys.argv[1]])
"""


def _wait_until_up(url: str, process: subprocess.Popen[bytes]) -> None:
    for _ in range(300):  # bounded: 300 tries of at most 0.1 s + 1 s each
        try:
            requests.get(f"{url}/moto-api/", timeout=1)
            return
        except requests.ConnectionError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    pytest.fail("python -m workmail_mock did not start")


@pytest.fixture(scope="module")
def module_server() -> Iterator[str]:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MOTO_", "WORKMAIL_MOCK_"))}
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    process = subprocess.Popen(
        [sys.executable, "-c", _CHILD, str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(url, process)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(params=["threaded", "subprocess"])
def url(request: pytest.FixtureRequest) -> Iterator[str]:
    """The base URL of each server mode, reset before and after the test."""
    name = "server_url" if request.param == "threaded" else "module_server"
    base = str(request.getfixturevalue(name))
    reset(base)
    yield base
    reset(base)


def raw_http(url: str, head: str, payload: bytes = b"") -> tuple[int, dict[str, str], bytes]:
    """Send one hand-written HTTP/1.1 request (``Connection: close``) and read the whole
    answer: (status, lower-cased headers, body bytes as sent, even for HEAD)."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=20) as sock:
        sock.sendall(head.replace("\n", "\r\n").encode() + b"\r\n" + payload)
        chunks: list[bytes] = []
        for _ in range(10_000):  # bounded: the server closes the connection
            try:
                chunk = sock.recv(65536)
            except ConnectionResetError:
                break
            if not chunk:
                break
            chunks.append(chunk)
    raw = b"".join(chunks)
    header_block, _, rest = raw.partition(b"\r\n\r\n")
    lines = header_block.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return status, headers, rest


def _head(method: str, target: str, extra: str = "") -> str:
    return (
        f"{method} / HTTP/1.1\nHost: localhost\nX-Amz-Target: {target}\n"
        f"Content-Type: {CONTENT_TYPE}\nConnection: close\n{extra}"
    )


def _error(status: int, payload: bytes) -> tuple[str, str]:
    assert 400 <= status < 500, (status, payload[:300])
    data = json.loads(payload)
    return data["__type"], data["Message"]


def _in_process(target: str, payload: Any, **kwargs: Any) -> tuple[int, dict[str, Any]]:
    status, _headers, raw = dispatcher.handle(target, payload, REGION, ACCOUNT, **kwargs)
    return status, json.loads(raw)


# --- 1. deep JSON -----------------------------------------------------------------------

DEEP_ARRAYS = b"[" * 100_000
DEEP_MEMBER = json.dumps({"Alias": "a"})[:-1].encode() + b', "X": ' + b"[" * 900 + b"]" * 900 + b"}"
TOO_DEEP = (
    f"The request body nests JSON arrays and objects more than {body_module.MAX_NESTING} deep"
)


@pytest.mark.parametrize("payload", [DEEP_ARRAYS, DEEP_MEMBER], ids=["100k-brackets", "900-deep"])
def test_deep_json_is_a_serialization_exception_in_process(payload: bytes) -> None:
    status, data = _in_process(TARGET + "CreateOrganization", payload)
    assert (status, data["__type"], data["Message"]) == (400, "SerializationException", TOO_DEEP)


@pytest.mark.parametrize("payload", [DEEP_ARRAYS, DEEP_MEMBER], ids=["100k-brackets", "900-deep"])
def test_deep_json_is_a_serialization_exception_on_the_server(url: str, payload: bytes) -> None:
    response = requests.post(url + "/", data=payload, timeout=20,
                             headers={"X-Amz-Target": TARGET + "CreateOrganization"})
    assert _error(response.status_code, response.content) == ("SerializationException", TOO_DEEP)


def test_nesting_up_to_the_limit_is_read() -> None:
    depth = body_module.MAX_NESTING
    assert body_module.parse(b"[" * depth + b"]" * depth) == json.loads(b"[" * depth + b"]" * depth)


# --- 2. huge or broken Content-Length ---------------------------------------------------


@pytest.mark.parametrize("length", ["1000000000000000", str(10**20), str(2**63), "5000000"])
def test_huge_content_length_is_refused_without_reading(url: str, length: str) -> None:
    status, headers, payload = raw_http(
        url, _head("POST", LIST_ORGS, f"Content-Length: {length}\n"), b"{}"
    )
    code, message = _error(status, payload)
    assert code == "SerializationException"
    assert message.startswith(f"The request body is {length[:40]} bytes; workmail_mock reads at most")
    assert headers["content-type"] == CONTENT_TYPE


@pytest.mark.parametrize("length", ["-1", "abc", "1e3", "²"])
def test_malformed_content_length_is_a_serialization_exception(url: str, length: str) -> None:
    status, _headers, payload = raw_http(
        url, _head("POST", LIST_ORGS, f"Content-Length: {length}\n"), b"{}"
    )
    assert status < 500, payload[:300]
    if status >= 400 and payload.startswith(b"{"):
        assert json.loads(payload)["__type"] == "SerializationException"


# --- 3. chunked bodies ------------------------------------------------------------------


def _chunked(payload: bytes, size: int = 5) -> bytes:
    parts = [payload[i:i + size] for i in range(0, len(payload), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"


def test_chunked_body_is_read(url: str) -> None:
    status, _headers, payload = raw_http(
        url, _head("POST", LIST_ORGS, "Transfer-Encoding: chunked\n"),
        _chunked(b'{"MaxResults":0}'),
    )
    assert _error(status, payload) == (
        "ValidationException",
        "1 validation error detected: Value '0' at 'maxResults' failed to satisfy constraint: "
        "Member must have value greater than or equal to 1",
    )
    status, _headers, payload = raw_http(
        url, _head("POST", TARGET + "CreateOrganization", "Transfer-Encoding: chunked\n"),
        _chunked(b'{"Alias":"chunky"}'),
    )
    assert status == 200, payload
    assert [o["Alias"] for o in server_client(url).list_organizations()["OrganizationSummaries"]] == [
        "chunky"
    ]


@pytest.mark.parametrize("chunks", [b"zz\r\n{}\r\n0\r\n\r\n", b"2\r\n{}XX0\r\n\r\n"],
                         ids=["bad-size", "no-terminator"])
def test_malformed_chunked_body_is_a_serialization_exception(url: str, chunks: bytes) -> None:
    status, _headers, payload = raw_http(
        url, _head("POST", LIST_ORGS, "Transfer-Encoding: chunked\n"), chunks
    )
    code, message = _error(status, payload)
    assert code == "SerializationException"
    assert message.startswith("The request body can't be read: ")


def test_chunked_body_over_the_limit_is_refused(url: str) -> None:
    big = b'{"Alias":"' + b"x" * (body_module.MAX_BODY_BYTES + 10) + b'"}'
    status, _headers, payload = raw_http(
        url, _head("POST", TARGET + "CreateOrganization", "Transfer-Encoding: chunked\n"),
        _chunked(big, 1 << 20),
    )
    code, message = _error(status, payload)
    assert code == "SerializationException"
    assert message.startswith("The request body is more than")


# --- 4. compressed bodies ---------------------------------------------------------------

#: 64 MiB of spaces, gzipped to about 64 KiB.
BOMB = gzip.compress(b" " * (64 << 20), compresslevel=9, mtime=0)
BOMB_MESSAGE = (
    f"The request body decompresses to more than {body_module.MAX_BODY_BYTES} bytes; "
    f"workmail_mock reads at most {body_module.MAX_BODY_BYTES}"
)


def test_gzip_and_deflate_bodies_are_decoded(url: str) -> None:
    for encoding, data in [("gzip", gzip.compress(b'{"MaxResults":0}')),
                           ("deflate", zlib.compress(b'{"MaxResults":0}'))]:
        response = requests.post(url + "/", data=data, timeout=20, headers={
            "X-Amz-Target": LIST_ORGS, "Content-Encoding": encoding})
        code, _message = _error(response.status_code, response.content)
        assert code == "ValidationException", encoding


def test_every_member_of_a_multi_member_gzip_body_is_decoded(url: str) -> None:
    """RFC 1952 lets a gzip body be several members: all of them are the body (the
    second member used to be dropped silently)."""
    two = gzip.compress(b'{"MaxResults":', mtime=0) + gzip.compress(b"0}", mtime=0)
    response = requests.post(url + "/", data=two, timeout=20, headers={
        "X-Amz-Target": LIST_ORGS, "Content-Encoding": "gzip"})
    code, _message = _error(response.status_code, response.content)
    assert code == "ValidationException"
    assert body_module.decode_content(two, "gzip") == b'{"MaxResults":0}'


def test_gzip_bomb_is_refused_on_the_server(url: str) -> None:
    response = requests.post(url + "/", data=BOMB, timeout=30, headers={
        "X-Amz-Target": LIST_ORGS, "Content-Encoding": "gzip"})
    assert _error(response.status_code, response.content) == ("SerializationException", BOMB_MESSAGE)


def test_gzip_bomb_memory_is_bounded_in_process() -> None:
    tracemalloc.start()
    try:
        status, data = _in_process(LIST_ORGS, BOMB, content_encoding="gzip")
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (status, data["__type"], data["Message"]) == (400, "SerializationException", BOMB_MESSAGE)
    assert peak < 3 * body_module.MAX_BODY_BYTES, peak


@pytest.mark.parametrize("encoding,payload,message", [
    ("gzip", b"not gzip", "The request body is not valid gzip data"),
    ("gzip", gzip.compress(b'{"MaxResults": 5}', mtime=0)[:-12],
     "The request body is truncated gzip data"),
    ("br", b"{}", "The Content-Encoding 'br' is not supported"),
], ids=["not-gzip", "truncated-gzip", "brotli"])
def test_bad_encodings_in_process(encoding: str, payload: bytes, message: str) -> None:
    status, data = _in_process(LIST_ORGS, payload, content_encoding=encoding)
    assert (status, data["__type"], data["Message"]) == (400, "SerializationException", message)


# --- 8. bodies of any Python type in-process --------------------------------------------


@pytest.mark.parametrize("make", [
    bytes, bytearray, memoryview, io.BytesIO, lambda b: io.StringIO(b.decode()), bytes.decode,
], ids=["bytes", "bytearray", "memoryview", "BytesIO", "StringIO", "str"])
def test_any_body_type_in_process(make: Any) -> None:
    status, data = _in_process(LIST_ORGS, make(b'{"MaxResults": 0}'))
    assert (status, data["__type"]) == (400, "ValidationException")


def test_an_unreadable_body_object_is_a_serialization_exception() -> None:
    status, data = _in_process(LIST_ORGS, 12345)
    assert (status, data["__type"], data["Message"]) == (
        400, "SerializationException",
        "The request body is a int; expected bytes, str or a stream",
    )


def test_file_like_body_through_boto3_in_process() -> None:
    with mock_workmail():
        client = workmail_client()

        def to_stream(request: Any, **_kwargs: Any) -> None:
            request.body = io.BytesIO(request.body if isinstance(request.body, bytes)
                                      else request.body.encode())

        client.meta.events.register_first("before-send.workmail", to_stream)
        client.create_organization(Alias="streamed")
        assert [o["Alias"] for o in client.list_organizations()["OrganizationSummaries"]] == [
            "streamed"
        ]


def test_oversized_body_in_process() -> None:
    payload = b'{"Alias":"' + b"x" * body_module.MAX_BODY_BYTES + b'"}'
    status, data = _in_process(TARGET + "CreateOrganization", payload)
    assert (status, data["__type"], data["Message"]) == (
        400, "SerializationException",
        f"The request body is {len(payload)} bytes; workmail_mock reads at most "
        f"{body_module.MAX_BODY_BYTES}",
    )


# --- 10. HEAD ---------------------------------------------------------------------------


def test_head_gets_headers_and_no_body(url: str) -> None:
    status, headers, payload = raw_http(url, _head("HEAD", LIST_ORGS, "Content-Length: 0\n"))
    assert status == 200
    assert headers["content-type"] == CONTENT_TYPE
    assert payload == b""


# --- CORS: a page of another origin can't change state ----------------------------------


def test_cross_origin_request_is_refused_before_it_runs(url: str) -> None:
    response = requests.post(url + "/", data=b'{"Alias":"evil"}', timeout=20, headers={
        "X-Amz-Target": TARGET + "CreateOrganization", "Origin": "https://evil.example"})
    assert _error(response.status_code, response.content) == (
        "AccessDeniedException",
        "workmail_mock refuses cross-origin requests (Origin 'https://evil.example'); only "
        "pages served from a loopback address may call it",
    )
    assert response.status_code == 403
    assert "access-control-allow-origin" not in {k.lower() for k in response.headers}
    assert server_client(url).list_organizations()["OrganizationSummaries"] == []


@pytest.mark.parametrize("origin", ["http://127.evil.com", "http://127.0.0.1.evil.com",
                                    "https://localhost.evil.com", "http://127.1", "null"])
def test_origins_that_only_look_like_loopback_are_refused(url: str, origin: str) -> None:
    response = requests.post(url + "/", data=b'{"Alias":"evil"}', timeout=20, headers={
        "X-Amz-Target": TARGET + "CreateOrganization", "Origin": origin})
    assert response.status_code == 403
    assert _error(response.status_code, response.content) == (
        "AccessDeniedException",
        f"workmail_mock refuses cross-origin requests (Origin {origin!r}); only "
        "pages served from a loopback address may call it",
    )
    assert server_client(url).list_organizations()["OrganizationSummaries"] == []


@pytest.mark.parametrize("origin", ["http://localhost:3000", "http://127.0.0.1:8080",
                                    "http://[::1]:9000", "http://127.0.0.1:3000",
                                    "http://localhost:5173", "http://[::1]:8000",
                                    "http://127.0.0.2"])
def test_loopback_origins_are_served(url: str, origin: str) -> None:
    response = requests.post(url + "/", data=b"{}", timeout=20, headers={
        "X-Amz-Target": LIST_ORGS, "Origin": origin})
    assert response.status_code == 200, response.text


# --- x-moto-account-id ------------------------------------------------------------------

BAD_ACCOUNTS = ["../../x", "12345", "1234567890123", "12345678901a", "١٢٣٤٥٦٧٨٩٠١٢"]


def _account_message(account: str) -> str:
    return f"The account id {account!r} is not valid: an AWS account id is 12 digits"


@pytest.mark.parametrize("account", BAD_ACCOUNTS)
def test_invalid_account_header_on_the_server(url: str, account: str) -> None:
    response = requests.post(url + "/", data=b"{}", timeout=20, headers={
        "X-Amz-Target": LIST_ORGS, "x-moto-account-id": account.encode().decode("latin-1")})
    code, message = _error(response.status_code, response.content)
    assert code == "UnrecognizedClientException"
    assert response.status_code == 403
    if account.isascii():
        assert message == _account_message(account)


@pytest.mark.parametrize("account", BAD_ACCOUNTS)
def test_invalid_account_header_in_process(account: str) -> None:
    with mock_workmail():
        client = workmail_client()

        def add_header(request: Any, **_kwargs: Any) -> None:
            request.headers["x-moto-account-id"] = account

        client.meta.events.register_first("before-send.workmail", add_header)
        with raises("UnrecognizedClientException", _account_message(account)):
            client.list_organizations()


# --- 1 and 9 through boto3: both modes ----------------------------------------------------


@pytest.fixture(params=["inprocess", "threaded", "subprocess"])
def any_client(request: pytest.FixtureRequest) -> Iterator[Any]:
    config = Config(parameter_validation=False)
    if request.param == "inprocess":
        with mock_workmail():
            yield workmail_client(config=config)
        return
    name = "server_url" if request.param == "threaded" else "module_server"
    base = str(request.getfixturevalue(name))
    reset(base)
    yield server_client(base, config=config)
    reset(base)


@pytest.mark.parametrize("password", [["s3cret-Passw0rd"], 123456789, {"p": "s3cret-Passw0rd"},
                                      True])
def test_password_of_the_wrong_type_is_never_echoed(any_client: Any, password: Any) -> None:
    org = any_client.create_organization(Alias="pw")["OrganizationId"]
    with pytest.raises(Exception) as info:
        any_client.create_user(OrganizationId=org, Name="u", DisplayName="U", Password=password)
    error = info.value.response["Error"]  # type: ignore[attr-defined]
    assert error["Code"] == "SerializationException"
    assert "s3cret" not in error["Message"] and "123456789" not in error["Message"]
    assert error["Message"].startswith("Value at 'password' must be a string, not ")


def test_rejected_values_are_echoed_bounded(any_client: Any) -> None:
    alias = "x" * 1_000_000
    with raises("ValidationException", "1 validation error detected: Value '" + "x" * 4096
                + "...' at 'alias' failed to satisfy constraint: Member must have length less "
                "than or equal to 62"):
        any_client.create_organization(Alias=alias)


def test_many_unknown_members_give_a_bounded_message(any_client: Any) -> None:
    # botocore drops unknown members; send them raw through the before-send body.
    def stuff(request: Any, **_kwargs: Any) -> None:
        request.body = json.dumps({f"Unknown{'k' * 5000}{i}": i for i in range(700)}).encode()
        request.headers["Content-Length"] = str(len(request.body))

    any_client.meta.events.register_first("before-send.workmail", stuff)
    with pytest.raises(Exception) as info:
        any_client.list_organizations()
    error = info.value.response["Error"]  # type: ignore[attr-defined]
    assert error["Code"] == "ValidationException"
    assert error["Message"].startswith("700 validation errors detected: Value at 'unknown")
    assert error["Message"].endswith("; and 690 more")
    assert len(error["Message"]) < 10 * 4300


def test_other_services_on_the_server_still_work(url: str) -> None:
    sts = boto3.client("sts", region_name=REGION, endpoint_url=url,
                       aws_access_key_id="testing", aws_secret_access_key="testing")
    assert sts.get_caller_identity()["Account"] == ACCOUNT
