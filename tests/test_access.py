"""The rule that other machines reach only the participant page (concept/access.py)."""

import pytest

from concept.access import is_local_client, may_open_concepts


@pytest.mark.parametrize("ip", ["127.0.0.1", "::1", "::ffff:127.0.0.1", None])
def test_this_computer_is_local(ip):
    assert is_local_client(ip)
    assert may_open_concepts(ip)


@pytest.mark.parametrize("ip", ["192.168.1.23", "10.0.0.5", "127.0.0.2", "fe80::1", "",
                                "0.0.0.0", "127.0.0.1.evil", "::ffff:192.168.1.2"])
def test_other_machines_are_not(ip):
    assert not is_local_client(ip)
    assert not may_open_concepts(ip)


def test_sign_in_decides_once_configured():
    assert may_open_concepts("192.168.1.23", signed_in=True)
    assert not may_open_concepts("127.0.0.1", signed_in=False)
