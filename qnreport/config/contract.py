"""The named-cell contract between a blank template and its readers.

Parsing never depends on row or column positions: every scalar input is an Excel defined
name, every list is an Excel table, and a hidden sheet records where the workbook came
from. Writers (``workbook.py``) and readers (``reader.py``) both take names from here;
the README documents the same table for other tools.
"""

from __future__ import annotations

from dataclasses import dataclass

SHEET_GUIDE = "Hướng dẫn"
SHEET_INFO = "Thông tin chung"
SHEET_INDICATORS = "Chỉ tiêu"
SHEET_TASKS = "Nhiệm vụ"
SHEET_META = "_meta"
SHEET_CHOICES = "_danhmuc"

#: Bumped when the layout of the contract itself changes (not the outline).
FORMAT = "1"

YES = "Có"
NO = "Không"


@dataclass(frozen=True)
class InfoField:
    key: str
    name: str
    label: str
    type: str = "text"  # text, date, choice, prefilled
    max: int = 200
    hint: str = ""
    #: Templates made before the field existed lack it: reading them is no error.
    optional: bool = False


INFO_FIELDS: tuple[InfoField, ...] = (
    InfoField("agency_name", "CQ_TEN", "Cơ quan báo cáo", "prefilled"),
    InfoField("agency", "CQ_MA", "Mã cơ quan", "prefilled"),
    InfoField(
        "letter_number",
        "VB_SO",
        "Số, ký hiệu văn bản báo cáo",
        max=60,
        hint="Ví dụ: 125/SKHCN-QLKH",
    ),
    InfoField(
        "letter_date",
        "VB_NGAY",
        "Ngày văn bản báo cáo",
        "date",
        hint="Nhập ngày dạng 08/12/2023",
    ),
    InfoField("signer", "NGUOI_KY", "Người ký văn bản (họ và tên)", max=100),
    InfoField(
        "signer_title",
        "CHUC_VU_KY",
        "Chức vụ người ký",
        max=100,
        hint="Ví dụ: Phó Giám đốc",
    ),
    InfoField("contact", "LIEN_HE_TEN", "Người liên hệ (họ và tên)", max=100),
    InfoField("phone", "LIEN_HE_DT", "Điện thoại người liên hệ", max=40),
    InfoField("email", "LIEN_HE_EMAIL", "Thư điện tử người liên hệ", max=100),
    InfoField(
        "no_task",
        "KHONG_NHIEM_VU",
        "Không được giao nhiệm vụ",
        "choice",
        hint=f'Chọn "{YES}" nếu cơ quan không được giao nhiệm vụ nào trong kế hoạch; '
        "khi đó không cần điền các trang khác.",
    ),
    InfoField(
        "no_task_reason",
        "LY_DO_KHONG_NV",
        "Lý do không được giao nhiệm vụ",
        max=1000,
        hint=f'Khi chọn "{YES}" ở dòng trên, ghi lý do, ví dụ: "qua rà soát nhiệm vụ được '
        "giao tại Kế hoạch số …, cơ quan không được giao nhiệm vụ chủ trì tham mưu các nhiệm "
        'vụ cụ thể liên quan đến lĩnh vực công nghiệp".',
        optional=True,
    ),
)

INFO_BY_KEY = {f.key: f for f in INFO_FIELDS}

#: Indicator columns: (suffix of the Excel name, key in the submission).
INDICATOR_INPUTS: tuple[tuple[str, str], ...] = (
    ("NAM_TRUOC", "previous"),
    ("NAM_NAY", "actual"),
    ("KE_HOACH", "next_target"),
    ("GHI_CHU", "note"),
)


def indicator_name(code: str, suffix: str) -> str:
    return f"CT_{code}_{suffix}"


def section_name(name_key: str) -> str:
    """The result cell of a free-text heading ("DM_II_4_1_KQ")."""
    return f"DM_{name_key}_KQ"


def task_result_name(code: str) -> str:
    return f"NV_{code}_KQ"


def task_status_name(code: str) -> str:
    return f"NV_{code}_TT"


TASK_STATUSES = ("Đã hoàn thành", "Đang thực hiện", "Chưa thực hiện")

#: Keys written to the hidden metadata sheet (column A key, column B value).
META_KEYS = (
    "round",
    "outline",
    "outline_version",
    "outline_digest",
    "agency",
    "format",
    "generator",
)
