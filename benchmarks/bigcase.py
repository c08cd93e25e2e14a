"""Large generated cases: an example case with N IP identifiers spread over R requests.

    python -m benchmarks.bigcase OUT.json [--identifiers 1000] [--requests 1]

The identifiers are documentation addresses (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24,
2001:db8::/32) with a time, a zone and a source port each, as a botnet or DDoS case lists them.
The same arguments always give the same case.
"""

from __future__ import annotations

import argparse
import datetime as dt
import ipaddress
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "examples" / "ddos-for-hire.json"
_V4 = [ipaddress.ip_network(n) for n in ("192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24")]
_V6 = ipaddress.ip_network("2001:db8::/32")


def address(i: int) -> str:
    """The i-th documentation address: the IPv4 ones first, then IPv6."""
    if i < 3 * 254:
        net = _V4[i // 254]
        return str(net.network_address + 1 + i % 254)
    return str(_V6.network_address + i)


def _numbered(nexus: dict | str, n: int) -> dict | str:
    if isinstance(nexus, str):
        return f"{nexus} [{n}]"
    return {**nexus, "text": f"{nexus['text']} [{n}]",
            "translations": {k: f"{v} [{n}]" for k, v in nexus.get("translations", {}).items()}}


def identifier_items(n: int, start: int = 0, nexus: dict | None = None) -> list[dict]:
    first = dt.datetime(2026, 8, 15, 0, 0, 0)
    items = []
    for i in range(start, start + n):
        when = first + dt.timedelta(seconds=97 * i)
        items.append({
            "identifier": {"type": "ip", "address": address(i), "timestamp": when.isoformat(),
                           "timezone": "Asia/Shanghai", "port": 1024 + i % 60000,
                           "source": "Web server logs of the attacked site"},
            "categories": ["connection_logs", "ip_history"],
            "date_range": {"start": when.date().isoformat(), "end": when.date().isoformat(),
                           "timezone": "Asia/Shanghai"},
            # Each its own link with the offence, as an investigator writes it per address.
            **({"nexus": _numbered(nexus, i + 1)} if nexus else {}),
        })
    return items


def make_case(identifiers: int, requests: int = 1) -> dict:
    """The example case with `requests` requests (copies of its traffic request) sharing
    `identifiers` IP identifiers between them as evenly as they go."""
    data = json.loads(BASE.read_text("utf-8"))
    data.pop("trainer_note", None)
    template = next(r for r in data["requests"] if r["kind"] == "traffic")
    reqs, given = [], 0
    for k in range(requests):
        share = identifiers // requests + (1 if k < identifiers % requests else 0)
        req = json.loads(json.dumps(template))
        req["id"] = f"R{k + 1}"
        req["items"] = identifier_items(share, given, template["items"][0].get("nexus"))
        given += share
        reqs.append(req)
    data["requests"] = reqs
    data["reference"] = f"BENCH-{identifiers}-{requests}"
    return data


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bigcase", description=__doc__.splitlines()[0])
    p.add_argument("out", type=Path)
    p.add_argument("--identifiers", type=int, default=1000)
    p.add_argument("--requests", type=int, default=1)
    a = p.parse_args(argv)
    a.out.write_text(json.dumps(make_case(a.identifiers, a.requests), ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
