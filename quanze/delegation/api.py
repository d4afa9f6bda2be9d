from ninja import Router

router = Router(tags=["赋权"])

# Approval, claims and the item timeline (part B).
from quanze.delegation.api_b import router as _part_b  # noqa: E402

router.add_router("", _part_b)

# Projects, assessment, consultation and legality review (part A).
from quanze.delegation.api_a import router as _part_a  # noqa: E402

router.add_router("", _part_a)

# Background publication and claim deadlines (part C).
from quanze.delegation.api_c import router as _part_c  # noqa: E402

router.add_router("", _part_c)
