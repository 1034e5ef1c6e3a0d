"""Who may open the concepts: the seam between the room and the data (no streamlit here).

When the app serves a network address so that phones can join a live workshop, the concepts
must not open to the room. Without sign-in, only a browser on this computer opens them; any
other reaches the participant page alone. Sign-in (the team-server issue) decides instead
once it is configured.
"""

from __future__ import annotations

# The loopback addresses a browser on this computer connects from ("::ffff:127.0.0.1" is
# 127.0.0.1 on a dual-stack socket). Other loopback addresses (127.0.0.2...) count as other
# machines: a relay or container can come from them.
LOCAL_ADDRESSES = frozenset({"127.0.0.1", "::1", "::ffff:127.0.0.1"})


def is_local_client(ip: str | None) -> bool:
    """True for a browser on this computer. None (no network peer: AppTest, a bare script run)
    counts as local."""
    return ip is None or ip.strip() in LOCAL_ADDRESSES


def may_open_concepts(ip: str | None, *, signed_in: bool | None = None) -> bool:
    """Whether this browser may see pages other than the participant page. `signed_in` is None
    while no sign-in is configured (the computer's own browser only); once sign-in is
    configured, it alone decides."""
    if signed_in is not None:
        return signed_in
    return is_local_client(ip)
