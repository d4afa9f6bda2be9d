"""A province's year of enforcement cases for benchmarks: set-based, deterministic.

On top of the province `quanze generate` writes (its township lists published with
snapshots): every township gets a team of certified officers, the county a justice-bureau
reviewer with 法律职业资格, and each township `per_township` cases of one year with their
full-process log (`CaseStep`, two certified officers on each investigative step),
evidence and its first custody entry, and one ChangeRecord per case. Rows go in through
`quanze.core.bulk` (COPY on PostgreSQL, one prepared INSERT for many rows on SQLite) with
ids given here, no per-row ORM and no services: a data generator, not a service. What it
writes is what the services would write:

- the power of each case is a 行政处罚 power on the township's list in force on the case's
  date (the generated lists name no delegation decision: mode 乡镇清单事项, the township's
  own name, basis = that list's version, as `cases/powers.py` answers);
- each case follows one path of the lifecycle, checked step by step by `machine.step` (each
  distinct path once, then remembered); a case stops where its next step would fall after
  the end of the year, so late cases are still open, as in a real year;
- certificates are valid all year and cover the fields of the township's penalty powers;
  due dates, reply periods and payment periods come from `deadlines` (chinese-calendar);
- numbers follow `services.case_number` with the sequence per acting name and year (as
  `_next_sequence` counts them: two townships of the same name in different counties share
  one series).

Same province, same seed and options → the same rows. Event-sourced cases (案源 吹哨报到)
are not generated: the generated province has no dispatch events.
"""

import random
from bisect import bisect
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cache
from itertools import accumulate

from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from quanze.catalog.models import Catalog, CatalogEntry, CatalogVersion
from quanze.core import bulk
from quanze.core.models import ChangeRecord
from quanze.enforcement.cases import deadlines, rules
from quanze.enforcement.cases import machine as m
from quanze.enforcement.cases.models import Case, CaseStep, Custody, Evidence
from quanze.enforcement.cases.services import case_number
from quanze.enforcement.officers.models import Certificate, Officer
from quanze.org.models import Department, Division, User

PENALTY = "行政处罚"
OFFICERS_PER_TEAM = 6
REVIEWERS_PER_COUNTY = 2
FLUSH_CASES = 20_000
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华玉兰萍红娟峰建国"
SHOPS = ["商店", "餐馆", "建材商行", "养殖场", "物流有限公司", "建设工程有限公司", "超市", "加工厂"]
PLACES = ["人民路", "建设路", "解放路", "中心街", "新华路", "文化路", "工业园区", "农贸市场"]
SOURCES = [("inspection", 45), ("complaint", 30), ("transfer", 10), ("random", 15)]
KINDS = [  # general procedure penalties: (kinds, weight)
    (["fine"], 62),
    (["warning"], 12),
    (["warning", "fine"], 10),
    (["confiscation", "fine"], 8),
    (["suspend_business"], 3),
    (["restrict"], 2),
]
SUMMARIES = {
    "open": "",
    "file": "经审查,符合立案条件,同意立案",
    "investigate": "现场检查,制作现场检查笔录,询问当事人并制作询问笔录",
    "conclude": "违法事实清楚,证据确凿",
    "review": "事实清楚,证据充分,适用依据正确,程序合法",
    "notify": "拟作出行政处罚,告知当事人陈述、申辩(和听证)的权利",
    "request_hearing": "当事人书面要求听证",
    "hold_hearing": "依法举行听证,听取当事人陈述申辩",
    "decide": "作出行政处罚决定",
    "decide_on_spot": "当场作出行政处罚决定并交付决定书",
    "serve": "直接送达",
    "pay": "当事人已缴纳罚款",
    "execute": "当事人已履行处罚决定",
    "close": "处罚决定执行完毕,结案",
    "archive": "案卷整理归档",
    "drop": "经核查,违法事实不成立,不予立案",
}
EVIDENCE_KINDS = [
    (Evidence.Kind.RECORD, "现场检查笔录"),
    (Evidence.Kind.STATEMENT, "询问笔录"),
    (Evidence.Kind.DOCUMENT, "营业执照复印件"),
    (Evidence.Kind.ELECTRONIC, "现场照片"),
]
Progress = Callable[[str, int], None]


@dataclass
class Team:
    township_id: int
    county_id: int
    name: str
    basis: dict
    starts: date  # the list's effective date (cases start no earlier)
    ends: date  # the day before the next version of the list (cases start no later)
    powers: list[tuple[int, int | None, str]]  # (power id, field id, case title)
    weights: list[float]
    officers: list[tuple[int, str, str]] = field(default_factory=list)  # (id, name, cert no.)


@dataclass
class Ids:
    """The next id of each table written with given ids."""

    case: int
    step: int
    evidence: int
    officer: int
    certificate: int


def _next_id(model) -> int:
    return (model.objects.aggregate(n=Max("pk"))["n"] or 0) + 1


@cache
def _path(actions: tuple[tuple[str, tuple], ...]) -> tuple[list[tuple[str, str]], m.Facts]:
    """(from, to) state of each step of a path, checked by the machine; the final facts."""
    procedure = m.SIMPLE if actions and actions[0][0] == "decide_on_spot" else m.GENERAL
    state, facts, moves = m.REGISTERED, m.Facts(procedure=procedure), []
    for action, given in actions:
        new, facts = m.step(state, action, facts, **dict(given))
        if action == "notify":  # the service stores what the notice offers (art. 63)
            facts = replace(facts, hearing_offered=dict(given)["hearing_offered"])
        moves.append((state, new))
        state = new
    return moves, facts


@cache
def _due(state: str, entered: date, filed: date | None):
    return deadlines.due_for(state, entered=entered, filed=filed)


@cache
def _reply_due(notified: date) -> date:
    return deadlines.REPLY.due(notified).on


@cache
def _payment_due(served: date) -> date:
    return deadlines.LIMITS[m.SERVED].due(served).on


@cache
def _at(on: date, minute: int) -> datetime:
    return timezone.make_aware(datetime.combine(on, time(9, 0)) + timedelta(minutes=minute))


def _title(name: str) -> str:
    title = name.removeprefix("对")
    for tail in ("的行政处罚", "的处罚"):
        title = title.removesuffix(tail)
    return title[:200]


class CaseFabricator:
    """`run()` writes the cases; see the module docstring."""

    def __init__(
        self, *, seed: int, per_township: int, year: int, progress: Progress | None = None
    ):
        self.seed, self.per_township, self.year = seed, per_township, year
        self.progress = progress or (lambda step, n: None)
        self.rng = random.Random(f"cases-{seed}")
        self.end = date(year, 12, 31)
        self.now = timezone.now()

    # ---- the teams ------------------------------------------------------------------------

    def teams(self) -> list[Team]:
        """Each township with a list in force on 1 January (or from its effective date within
        the year), its penalty powers, and weights skewed so that many are never used."""
        versions = {}
        rows = (
            CatalogVersion.objects.filter(
                catalog__kind=Catalog.Kind.TOWNSHIP_LIST,
                published_at__isnull=False,
                effective_date__lte=self.end,
            )
            .order_by("catalog__owner_id", "effective_date", "number")
            .values_list(
                "id", "catalog__owner_id", "catalog__owner__parent_id", "catalog__owner__name",
                "catalog__name", "number", "effective_date", "document_number",
            )
        )  # fmt: skip
        until: dict[int, date] = {}  # the day before a later version takes over
        for vid, owner, county, name, list_name, number, effective, document in rows:
            if (
                owner in versions
                and versions[owner][5] < effective
                and (effective > date(self.year, 1, 1))
            ):
                until.setdefault(owner, effective - timedelta(days=1))
            elif effective <= date(self.year, 1, 1) or owner not in versions:
                versions[owner] = (vid, county, name, list_name, number, effective, document)
        powers: dict[int, list] = {}
        entries = (
            CatalogEntry.objects.filter(
                version_id__in=[v[0] for v in versions.values()],
                power__power_type__name=PENALTY,
            )
            .order_by("version_id", "position")
            .values_list("version_id", "power_id", "power__field_id", "power__name")
        )
        for vid, power_id, field_id, name in entries.iterator(chunk_size=20_000):
            powers.setdefault(vid, []).append((power_id, field_id, _title(name)))
        # One popularity order over all penalty powers: a few are used often, most rarely.
        order = sorted({p for rows in powers.values() for p, _, _ in rows})
        random.Random(self.seed).shuffle(order)
        rank = {p: i for i, p in enumerate(order)}
        teams = []
        for owner, (vid, county, name, list_name, number, effective, document) in sorted(
            versions.items()
        ):
            held = powers.get(vid)
            if not held:
                continue
            basis = {
                "list": list_name, "version_id": vid, "version": number,
                "effective_date": effective.isoformat(), "document_number": document,
            }  # fmt: skip
            weights = list(accumulate(1 / (rank[p] + 1) ** 1.1 for p, _, _ in held))
            starts = max(effective, date(self.year, 1, 1))
            ends = until.get(owner, self.end)
            teams.append(Team(owner, county, name, basis, starts, ends, held, weights))
        return teams

    def officers(self, teams: list[Team], ids: Ids) -> dict[int, tuple[int, str]]:
        """Six certified officers per team; two reviewers per county in its 司法局.
        Returns county id -> (reviewer id, reviewer name)."""
        officer_rows, cert_rows, field_rows, reviewers = [], [], [], {}
        valid = (date(self.year - 1, 1, 1), date(self.year + 3, 12, 31))
        bureaus = dict(
            Department.objects.filter(short_name="县司法局").values_list("division_id", "id")
        )
        for t, team in enumerate(teams):
            fields = sorted({f for _, f, _ in team.powers if f})
            for k in range(OFFICERS_PER_TEAM):
                name = self._person()
                number = f"{self.seed % 100:02d}{t:06d}{k:02d}"
                officer_rows.append(
                    [ids.officer, name, team.county_id, team.township_id, None, None,
                     "执法队员", "", True, self.now, 1]
                )  # fmt: skip
                cert_rows.append(
                    [ids.certificate, ids.officer, number, "省人民政府", *valid, "valid", self.now]
                )
                field_rows += [[ids.certificate, f] for f in fields]
                team.officers.append((ids.officer, name, number))
                ids.officer += 1
                ids.certificate += 1
        for county_id in sorted({t.county_id for t in teams}):
            for k in range(REVIEWERS_PER_COUNTY):
                name = self._person()
                officer_rows.append(
                    [ids.officer, name, county_id, None, bureaus.get(county_id), None, "法制审核员",
                     f"A{self.year - 5}{county_id:08d}{k}", True, self.now, 1]
                )  # fmt: skip
                if k == 0:
                    reviewers[county_id] = (ids.officer, name)
                ids.officer += 1
        if any(row[4] is None and row[3] is None for row in officer_rows):
            raise ValueError("县司法局不存在:请在 quanze generate 生成的省份上运行")
        bulk.insert_rows(
            Officer, officer_rows,
            ["id", "name", "county", "township", "department", "user", "position",
             "legal_qualification", "active", "created_at", "row_version"],
        )  # fmt: skip
        bulk.insert_rows(
            Certificate, cert_rows,
            ["id", "officer", "number", "issuer", "valid_from", "valid_to", "status", "created_at"],
        )  # fmt: skip
        bulk.insert_rows(Certificate.fields.through, field_rows, ["certificate", "field"])
        self.officer_count = len(officer_rows)
        self.progress("officers", len(officer_rows))
        return reviewers

    def _person(self) -> str:
        return self.rng.choice(SURNAMES) + "".join(
            self.rng.choices(GIVEN, k=self.rng.randint(1, 2))
        )

    # ---- the cases ------------------------------------------------------------------------

    @transaction.atomic
    def run(self) -> dict:
        teams = self.teams()
        if not teams:
            raise ValueError(f"没有在{self.year}年施行、含行政处罚事项的乡镇权责清单")
        ids = Ids(
            _next_id(Case), _next_id(CaseStep), _next_id(Evidence), _next_id(Officer),
            _next_id(Certificate),
        )  # fmt: skip
        reviewers = self.officers(teams, ids)
        user, _ = User.objects.get_or_create(
            username="generator", defaults={"is_active": False, "display_name": "数据生成"}
        )
        self.user_id = user.pk
        self.case_type = ContentType.objects.get_for_model(Case).pk
        self.sequences: dict[str, int] = {}
        self.buffers = {name: [] for name in ("case", "step", "officer", "evidence", "custody", "history")}  # fmt: skip
        counts = dict.fromkeys(["cases", "steps", "step_officers", "evidence", "custody"], 0)
        for team in teams:
            days = (team.ends - team.starts).days + 1
            opened = sorted(
                team.starts + timedelta(days=self.rng.randrange(days))
                for _ in range(self.per_township)
            )
            for on in opened:
                self.case(team, on, ids, reviewers[team.county_id])
            if len(self.buffers["case"]) >= FLUSH_CASES:
                self.flush(counts)
        self.flush(counts)
        self.reset_sequences()
        counts["officers"] = self.officer_count
        return counts

    def case(self, team: Team, opened: date, ids: Ids, reviewer: tuple[int, str]) -> None:
        rng = self.rng
        power_id, field_id, title = team.powers[
            bisect(team.weights, rng.random() * team.weights[-1])
        ]
        organisation = rng.random() < 0.35
        party = (
            f"{team.name}{rng.choice(SURNAMES)}记{rng.choice(SHOPS)}"
            if organisation
            else f"{rng.choice(SURNAMES)}某"
        )
        kind = m.ORGANISATION if organisation else m.INDIVIDUAL
        place = f"{team.name}{rng.choice(PLACES)}{rng.randint(1, 199)}号"
        simple = rng.random() < 0.35
        plan = self.simple_plan(kind) if simple else self.general_plan(kind, rng)
        # dates: each step some days after the one before; stop at the end of the year
        on, dated = opened, []
        notified = served = None
        payment_due = None
        for action, given, gap in plan["steps"]:
            if action == "decide" and notified:
                on = max(on, _reply_due(notified)) + timedelta(days=rng.randint(1, 5))
            elif action == "pay" and served:
                payment_due = _payment_due(served)
                on = (
                    payment_due + timedelta(days=rng.randint(1, 10))
                    if rng.random() < 0.05
                    else min(on + timedelta(days=gap), payment_due)
                )
            else:
                on = on + timedelta(days=gap)
            if on > self.end or rng.random() < 0.01:  # 1 in 100 steps is left undone
                break
            dated.append((action, given, on))
            if action == "notify":
                notified = on
            elif action in ("serve", "decide_on_spot"):
                served = on
        moves, facts = _path(tuple((a, g) for a, g, _ in dated))
        state = moves[-1][1] if moves else m.REGISTERED
        sequence = self.sequences.get(team.name, 0) + 1
        self.sequences[team.name] = sequence
        case_id = ids.case
        ids.case += 1
        number = case_number(team.name, self.year, sequence)
        on_of = {a: d for a, _, d in dated}
        decided = on_of.get("decide") or on_of.get("decide_on_spot")
        served_on = on_of.get("serve") or on_of.get("decide_on_spot")
        payment_due = _payment_due(served_on) if served_on and plan["fine"] else None
        paid_on = on_of.get("pay")
        late = (paid_on - payment_due).days if paid_on and payment_due else 0
        surcharge = m.late_surcharge(plan["fine"], late) if paid_on else None
        filed = on_of.get("file") or (decided if simple else None)
        state_since = opened  # the date the current state was entered (as the service sets it)
        for (a, _, d), (before, after) in zip(dated, moves, strict=True):
            if before != after or a == "conclude":
                state_since = d
        grounds = list(plan["grounds"]) if "conclude" in on_of else []
        if "hold_hearing" in on_of and on_of.get("review", opened) > on_of["hold_hearing"]:
            grounds.append(m.HEARD_GROUND)  # the service adds it at the review after a hearing
        limit, due = _due(state, state_since, filed)
        notify_on = on_of.get("notify")
        self.buffers["case"].append([
            case_id, number, self.year, sequence, team.county_id, team.township_id, None,
            power_id, field_id, Case.Mode.TOWNSHIP, None, team.name,
            team.basis | {"checked_on": opened.isoformat()},
            plan["source"], "", None, m.SIMPLE if simple else m.GENERAL, state, opened, title, "",
            place, kind, party, "", "", "",
            filed, grounds, facts.review_required,
            facts.reviewed, reviewer[0] if "review" in on_of else None,
            notify_on, _reply_due(notify_on) if notify_on else None,
            plan["hearing_offered"] if notify_on else False, facts.hearing_held,
            plan["proposal"] if notify_on else "",
            ("penalty" if plan["penalised"] else "no_penalty") if decided else "",
            plan["kinds"] if decided and plan["penalised"] else [],
            plan["fine"] if decided else None,
            plan["decision"] if decided else "", decided, served_on, payment_due,
            paid_on, (plan["fine"] + surcharge) if paid_on else None, surcharge, None,
            on_of.get("close") or on_of.get("drop"), on_of.get("archive"),
            due.on if due else None, limit.label if limit else "", limit.basis if limit else "",
            bool(due and due.estimated), "", state_since, self.user_id, _at(opened, 0),
            1 + len(dated),
        ])  # fmt: skip
        self.buffers["history"].append(
            [self.case_type, case_id, number, "create", None, _at(opened, 0), {},
             {"number": number, "state": m.REGISTERED}, "generate"]
        )  # fmt: skip
        steps = [("open", "", m.REGISTERED, opened, {})]
        steps += [(a, b, c, d, {}) for (a, _, d), (b, c) in zip(dated, moves, strict=True)]
        for minute, (action, before, after, day, data) in enumerate(steps):
            step_id = ids.step
            ids.step += 1
            chosen = ()
            if action in m.INVESTIGATIVE:
                chosen = rng.sample(team.officers, 2)
                data = {"certificates": {name: number for _, name, number in chosen}}
                for officer_id, _, _ in chosen:
                    self.buffers["officer"].append([step_id, officer_id])
            elif action == "review":
                data = {"reviewer": reviewer[1]}
            elif action in ("notify", "decide", "decide_on_spot"):
                data = {"penalty_kinds": plan["kinds"], "fine_amount": str(plan["fine"] or "")}
            self.buffers["step"].append(
                [step_id, case_id, action, before, after, _at(day, minute), day, self.user_id,
                 place if chosen else "", SUMMARIES[action], data]
            )  # fmt: skip
            if chosen:
                for k in range(1 if action == "decide_on_spot" else rng.randint(1, 2)):
                    evidence_kind, label = EVIDENCE_KINDS[k if action != "decide_on_spot" else 0]
                    at = _at(day, 60 + k)
                    self.buffers["evidence"].append(
                        [ids.evidence, case_id, evidence_kind, label, chosen[0][0], at, place,
                         "", "", 0, "", self.user_id, at]
                    )  # fmt: skip
                    self.buffers["custody"].append(
                        [ids.evidence, Custody.Action.COLLECTED, at, chosen[0][1], place, self.user_id]
                    )  # fmt: skip
                    # evidence_add logs it in the case's record too
                    self.buffers["step"].append(
                        [ids.step, case_id, "annotate", after, after, _at(day, 60 + k), day,
                         self.user_id, "", f"登记证据:{evidence_kind.label} {label}",
                         {"evidence": ids.evidence, "sha256": ""}]
                    )  # fmt: skip
                    ids.step += 1
                    ids.evidence += 1

    def general_plan(self, kind: str, rng: random.Random) -> dict:
        dropped = rng.random() < 0.06
        source = rng.choices([s for s, _ in SOURCES], [w for _, w in SOURCES])[0]
        steps = [("file", (), rng.randint(0, 3))]
        if dropped:
            if rng.random() < 0.5:
                return self._plan(source, [("drop", (), rng.randint(1, 10))], kind, [], None)
            steps.append(("investigate", (), rng.randint(1, 5)))
            return self._plan(source, [*steps, ("drop", (), rng.randint(3, 15))], kind, [], None)
        steps += [("investigate", (), rng.randint(1, 7)) for _ in range(rng.randint(1, 3))]
        grounds = ["complex"] if rng.random() < 0.12 else []
        steps.append(("conclude", (("review_grounds", tuple(grounds)),), rng.randint(3, 12)))
        if grounds:
            steps.append(("review", (), rng.randint(2, 6)))
        penalised = rng.random() > 0.03
        kinds = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0] if penalised else []
        fine = None
        if "fine" in kinds:
            top = 20_000 if kind == m.INDIVIDUAL else 200_000
            fine = Decimal(rng.randrange(200, top, 100)).quantize(Decimal("0.01"))
        proposed = kinds or ["warning"]
        hearing = rules.hearing_offered(party_kind=kind, kinds=proposed, fine=fine)
        steps.append(("notify", (("hearing_offered", hearing),), rng.randint(1, 4)))
        if hearing and rng.random() < 0.3:
            steps += [
                ("request_hearing", (), rng.randint(1, 3)),
                ("hold_hearing", (), rng.randint(5, 12)),
                ("review", (), rng.randint(2, 5)),
            ]
        decide = (("penalised", penalised), ("fine_due", bool(fine)))
        steps += [("decide", decide, 0), ("serve", (), rng.randint(1, 5))]
        if fine:
            steps.append(("pay", (), rng.randint(1, 14)))
        elif penalised:
            steps.append(("execute", (), rng.randint(1, 14)))
        steps += [("close", (), rng.randint(1, 10)), ("archive", (), rng.randint(3, 20))]
        plan = self._plan(source, steps, kind, kinds, fine, penalised=penalised)
        plan["grounds"], plan["hearing_offered"] = grounds, hearing
        return plan

    def simple_plan(self, kind: str) -> dict:
        rng = self.rng
        fine = None
        kinds = ["warning"]
        if rng.random() < 0.7:
            kinds = ["fine"] if rng.random() < 0.8 else ["warning", "fine"]
            top = 200 if kind == m.INDIVIDUAL else 3000
            fine = Decimal(
                rng.choice([x for x in (20, 50, 100, 200, 500, 1000, 2000, 3000) if x <= top])
            )
            fine = fine.quantize(Decimal("0.01"))
        m.simple_procedure_check(party_kind=kind, penalty_kinds=kinds, fine=fine)
        steps = [("decide_on_spot", (("fine_due", bool(fine)),), 0)]
        steps.append(("pay", (), rng.randint(0, 10)) if fine else ("execute", (), 0))
        steps += [("close", (), rng.randint(1, 10)), ("archive", (), rng.randint(3, 20))]
        return self._plan(rng.choice(["inspection", "complaint"]), steps, kind, kinds, fine)

    def _plan(self, source, steps, kind, kinds, fine, *, penalised=True) -> dict:
        words = "、".join(rules.PENALTY_KINDS[k] for k in kinds)
        text = f"{words}{f',罚款{fine}元' if fine else ''}" if kinds else "不予行政处罚"
        return {
            "source": source, "steps": steps, "kinds": kinds, "fine": fine,
            "penalised": penalised and bool(kinds), "grounds": [], "hearing_offered": False,
            "proposal": f"拟作出{text}", "decision": text,
        }  # fmt: skip

    # ---- writing --------------------------------------------------------------------------

    def flush(self, counts: dict) -> None:
        b = self.buffers
        bulk.insert_rows(Case, b["case"], CASE_FIELDS)
        bulk.insert_rows(CaseStep, b["step"], STEP_FIELDS)
        bulk.insert_rows(CaseStep.officers.through, b["officer"], ["casestep", "officer"])
        bulk.insert_rows(Evidence, b["evidence"], EVIDENCE_FIELDS)
        bulk.insert_rows(
            Custody, b["custody"], ["evidence", "action", "at", "holder", "note", "by"]
        )
        bulk.insert_rows(ChangeRecord, b["history"], HISTORY_FIELDS)
        counts["cases"] += len(b["case"])
        counts["steps"] += len(b["step"])
        counts["step_officers"] += len(b["officer"])
        counts["evidence"] += len(b["evidence"])
        counts["custody"] += len(b["custody"])
        for rows in b.values():
            rows.clear()
        self.progress("cases", counts["cases"])

    def reset_sequences(self) -> None:
        """Ids were given here: move PostgreSQL's sequences past them (SQLite follows by itself)."""
        models = [Case, CaseStep, Evidence, Officer, Certificate]
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)


CASE_FIELDS = [
    "id", "number", "year", "sequence", "county", "township", "department", "power", "field",
    "mode", "acting_department", "acting_name", "basis", "source", "source_detail", "event",
    "procedure", "state", "opened_on", "title", "facts", "place", "party_kind", "party_name",
    "party_id_number", "party_phone", "party_address", "filed_on", "review_grounds",
    "review_required", "reviewed", "reviewer", "notified_on", "reply_due", "hearing_offered",
    "hearing_held", "proposed_penalty", "outcome", "penalty_kinds", "fine_amount",
    "decision_text", "decided_on", "served_on", "payment_due", "paid_on", "paid_amount",
    "surcharge", "enforcement_applied_on", "closed_on", "archived_on", "due_on", "due_label",
    "due_basis", "due_estimated", "escalated_state", "state_since", "created_by", "created_at",
    "row_version",
]  # fmt: skip
STEP_FIELDS = ["id", "case", "action", "from_state", "to_state", "at", "on", "actor", "place",
               "summary", "data"]  # fmt: skip
EVIDENCE_FIELDS = [
    "id", "case", "kind", "description", "collected_by", "collected_at", "place", "file",
    "file_name", "size", "sha256", "recorded_by", "created_at",
]  # fmt: skip
HISTORY_FIELDS = ["content_type", "object_id", "object_repr", "action", "actor", "at", "before",
                  "after", "reason"]  # fmt: skip


def generate_cases(*, seed: int, per_township: int, year: int, progress: Progress | None = None):
    """Write a year of cases over the generated province; the counts written."""
    if not Division.objects.filter(level=Division.Level.TOWNSHIP).exists():
        raise ValueError("数据库中没有乡镇:请先运行 quanze generate")
    return CaseFabricator(seed=seed, per_township=per_township, year=year, progress=progress).run()
