"""Shared constants and helpers of the web tests."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

TOKEN = "test-token-7f3a"
XSS = '<script>alert("pwned")</script> and <img src=x onerror=alert(1)>'


def csrf_of(client: TestClient) -> str:
    """The CSRF token the pages hand out to this session."""
    html = client.get("/review").text
    m = re.search(r'name="csrf" value="([0-9a-f]{64})"', html)
    assert m, "no CSRF token in the page"
    return m.group(1)
