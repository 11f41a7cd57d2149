"""The agencies that report: a registry the clerk edits in ``templates/agencies.toml``."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import ConfigError
from ..files import read_toml

GROUPS = {"so-nganh": "Sở, ban, ngành", "huyen": "UBND huyện, thị xã, thành phố", "khac": "Khác"}
_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,15}$")
_CONTACT = ("contact", "phone", "email")


@dataclass(frozen=True)
class Agency:
    code: str
    name: str
    short: str
    group: str
    order: int
    # Whom the Sở calls about the round; optional, shown by ``qnreport status``.
    contact: str = ""
    phone: str = ""
    email: str = ""


class Registry:
    """Agencies in listing order, looked up by code; ``@group`` names a whole group."""

    def __init__(
        self, agencies: Iterable[Agency], source: Path | None = None, issuer: str = ""
    ) -> None:
        self._agencies = sorted(agencies, key=lambda a: (a.order, a.code))
        self._by_code = {a.code: a for a in self._agencies}
        self.source = source
        #: The agency that issues the consolidated reports (the Sở): its own contribution
        #: is its own work, not a reply, so it is never counted among those who reported.
        self.issuer = issuer

    def __iter__(self) -> Iterator[Agency]:
        return iter(self._agencies)

    def __len__(self) -> int:
        return len(self._agencies)

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, code: str) -> Agency:
        return self._by_code[code]

    def find(self, code: str) -> Agency | None:
        return self._by_code.get(code)

    def canonical(self, typed: str) -> str | None:
        """The code a clerk meant, whatever the case typed ("skhcn" is SKHCN), or None."""
        folded = typed.strip().casefold()
        return next((a.code for a in self._agencies if a.code.casefold() == folded), None)

    def expand(self, refs: Iterable[str]) -> list[str]:
        """Agency codes named by ``refs`` ("SCT", "@huyen"), in registry order, once each."""
        wanted: set[str] = set()
        for ref in refs:
            if ref.startswith("@"):
                wanted.update(a.code for a in self._agencies if a.group == ref[1:])
            else:
                wanted.add(ref)
        return [a.code for a in self._agencies if a.code in wanted]

    def is_known_ref(self, ref: str) -> bool:
        return ref[1:] in GROUPS if ref.startswith("@") else ref in self._by_code

    def rank(self, code: str) -> int:
        """Position in listing order; unknown codes sort last."""
        agency = self._by_code.get(code)
        return self._agencies.index(agency) if agency else len(self._agencies)


def load_registry(path: Path) -> Registry:
    data = read_toml(path)
    rows = data.get("agency")
    if not isinstance(rows, list) or not rows:
        raise ConfigError(f"{path}: không có cơ quan nào (cần các khối [[agency]]).")
    agencies: list[Agency] = []
    seen: set[str] = set()
    problems: list[str] = []
    for index, row in enumerate(rows, start=1):
        where = f"cơ quan thứ {index}" + (f" ({row.get('code')})" if row.get("code") else "")
        missing = [k for k in ("code", "name", "group", "order") if k not in row]
        if missing:
            problems.append(f"{where}: thiếu {', '.join(missing)}")
            continue
        code = str(row["code"])
        if not _CODE.match(code):
            problems.append(f"{where}: mã '{code}' phải là chữ in hoa không dấu và chữ số")
        if code in seen:
            problems.append(f"{where}: mã '{code}' bị trùng")
        seen.add(code)
        if row["group"] not in GROUPS:
            problems.append(
                f"{where}: nhóm '{row['group']}' không hợp lệ (chọn: {', '.join(GROUPS)})"
            )
        if not isinstance(row["order"], int):
            problems.append(f"{where}: 'order' phải là số nguyên")
            continue
        name = unicodedata.normalize("NFC", str(row["name"]).strip())
        short = unicodedata.normalize("NFC", str(row.get("short") or name).strip())
        contact = {k: unicodedata.normalize("NFC", str(row.get(k, "")).strip()) for k in _CONTACT}
        agencies.append(Agency(code, name, short, str(row["group"]), row["order"], **contact))
    issuer = str(data.get("issuer", ""))
    if issuer and issuer not in seen:
        problems.append(f"'issuer' = '{issuer}' không phải mã của một cơ quan trong danh sách")
    if problems:
        raise ConfigError(f"Danh sách cơ quan {path} có lỗi:\n- " + "\n- ".join(problems))
    return Registry(agencies, source=path, issuer=issuer)
