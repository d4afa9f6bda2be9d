"""What an adjustment project is asked to change: the contract between the processes
that propose changes (evaluation rounds, law changes) and the adjustment that carries
them out through the existing review, decision and publication services."""

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class ChangeKind(StrEnum):
    """The results an evaluation can reach for an item (issue 12, seeds 002 and 004)."""

    KEEP = "keep"  # 保留
    TRANSFER = "transfer"  # 调整主责单位 (效率低下、群众不满意)
    RETURN = "return"  # 收回县级 (乡镇不能承担)
    ADD = "add"  # 新增赋权 (清单中没有但基层需要)
    REPORT_UPWARD = "report_upward"  # 上报建议 (本级无权调整)
    AMEND_BASIS = "amend_basis"  # 依据变更 (立改废释)


@dataclass(frozen=True)
class ChangeSpec:
    """One change an adjustment project should make.

    `power_id` is the catalog power concerned; `township_id` the township division it
    concerns (None: every township holding it); `unit_id` the department or division
    that becomes primary for a transfer; `matter_id` the territorial matter for a
    transfer of a primary unit in a territorial list; `facts` the person-readable facts
    that led to the change ("行权率 0 % over 12 months; 3 of 5 towns asked to return it"),
    shown on the project and in every notice; `source` names where it came from
    ("evaluation.proposal:17", "evaluation.lawchange:3"); `new_basis` the power's legal
    basis after an amendment (AMEND_BASIS; may be filled in on the project before it is
    carried out).
    """

    kind: ChangeKind
    power_id: int | None
    reason: str
    facts: str = ""
    township_id: int | None = None
    unit_id: int | None = None
    matter_id: int | None = None
    effective_from: date | None = None
    source: str = ""
    articles: tuple[str, ...] = field(default_factory=tuple)
    new_basis: str = ""
