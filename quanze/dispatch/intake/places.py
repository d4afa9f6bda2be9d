"""Places: a township of the county and, optionally, one of its villages or communities."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError

from quanze.org.models import Division


def clean_place(*, township, village=None):
    """Check the place exists and hangs together; answers name the field in Chinese."""
    if township is None:
        raise ValidationError({"township": "乡镇(街道):不能为空"})
    if not isinstance(township, Division) or not township.is_township:
        raise ValidationError({"township": f"乡镇(街道):「{township}」不是乡镇或街道"})
    if village is not None and village.parent_id != township.pk:
        raise ValidationError({"village": f"村(社区):「{village}」不属于「{township}」"})
    return township, village


def township_named(text: str, *, county) -> Division:
    """A township of the county by its name or 9/12-digit code."""
    text = (text or "").strip()
    if not text:
        raise ValidationError({"township": "乡镇(街道):不能为空"})
    found = Division.objects.filter(level=Division.Level.TOWNSHIP, code__startswith=county.code[:6])
    code = text.ljust(12, "0") if text.isdigit() else None
    match = found.filter(code=code).first() if code else found.filter(name=text).first()
    if match is None:
        raise ValidationError({"township": f"乡镇(街道):「{county}」没有「{text}」"})
    return match


def village_named(text: str, *, township) -> Division | None:
    text = (text or "").strip()
    if not text:
        return None
    match = Division.objects.filter(parent=township, name=text).first()
    if match is None:
        raise ValidationError({"village": f"村(社区):「{township}」没有「{text}」"})
    return match


# ---------------------------------------------------------------------------------------
# The gazetteer: which township a text's place names point to.


@dataclass(frozen=True)
class PlaceMatch:
    township: object  # the one township the names point to, or None
    candidates: tuple  # the townships named, when more than one (the clerk chooses)
    names: tuple  # the place names found in the text

    @property
    def ambiguous(self) -> bool:
        return self.township is None and len(self.candidates) > 1

    def question(self) -> str:
        """What to ask the clerk when the names do not settle the township."""
        found = "、".join(f"「{n}」" for n in self.names)
        if self.ambiguous:
            towns = "「" + "」「".join(str(t) for t in self.candidates) + "」"
            return f"地址中的{found}可能在{towns},请选择乡镇(街道)"
        return "无法从地址判断所在乡镇(街道),请选择"


def gazetteer(county) -> dict[str, set]:
    """Every place name of the county → the townships it may lie in: the townships'
    own names, their villages and communities (Division), and the county's 地名库."""
    from quanze.dispatch.intake.models import PlaceName

    towns = {
        t.pk: t
        for t in Division.objects.filter(
            level=Division.Level.TOWNSHIP, code__startswith=county.code[:6]
        )
    }
    names: dict[str, set] = {}
    for town in towns.values():
        names.setdefault(town.name, set()).add(town.pk)
    for name, parent in Division.objects.filter(parent_id__in=list(towns)).values_list(
        "name", "parent_id"
    ):
        names.setdefault(name, set()).add(parent)
    for name, town_id in PlaceName.objects.filter(county=county).values_list("name", "township_id"):
        names.setdefault(name, set()).add(town_id)
    return {name: {towns[t] for t in ids if t in towns} for name, ids in names.items()}


def resolve(text: str, *, names: dict[str, set]) -> PlaceMatch:
    """The township a text's places point to. A township's own name decides; else the
    villages, communities, roads and landmarks found (longest names first, a name inside
    a longer found one not counted) must all point to one township; several is a
    question for the clerk, none is no answer."""
    from quanze.core.spreadsheets import simplified

    text = simplified(text or "")
    found: list[str] = []
    for name in sorted(names, key=len, reverse=True):
        if len(name) >= 2 and name in text and not any(name in longer for longer in found):
            found.append(name)
    towns_named = [n for n in found if any(t.name == n for t in names[n])]
    pool = towns_named or found
    candidates: set = set()
    for name in pool:
        candidates |= names[name]
    ordered = tuple(sorted(candidates, key=lambda t: t.code))
    if len(ordered) == 1:
        return PlaceMatch(ordered[0], (), tuple(found))
    return PlaceMatch(None, ordered, tuple(found))
