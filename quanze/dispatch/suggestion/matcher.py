"""An offline Chinese text matcher: which matters a complaint most likely concerns.

Pure Python, no model files. Text is first brought to simplified characters (OpenCC
t2s: 井蓋 is 井盖), then cut into character bigrams (Chinese words are mostly two
characters; bigrams need no dictionary) plus whole ASCII words, and scored with BM25
against two indexes:

- labels: each matter's name, synonyms and vocabulary (the words citizens use for it:
  小摊 and 叫卖 for 占道经营, 噪音 for 噪声 …), one document per matter;
- examples: past events a person confirmed, one document per event, a matter
  scoring by the sum of its best few examples (many similar past complaints are
  stronger evidence than one).

The two scores are normalised by the best score of each and added, the labels
weighing a little more, so a new matter with no history can still come first.

Both indexes grow in place: `learn` adds a confirmed event, `add_terms` a vocabulary
word, in time proportional to the text, without rebuilding anything (inverse document
frequencies and lengths are computed when a query is scored, from counts kept up to
date). Every suggestion carries its reasons (the words that matched, and where) and
`confident` says whether the first one is clear enough to take without asking.
"""

import math
import re
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

_CJK = re.compile(r"[\u4e00-\u9fff]+|[a-zA-Z0-9]+")
# Words every complaint carries; they say nothing about the matter.
STOP = frozenset(
    [
        "市民",
        "来电",
        "反映",
        "反应",
        "希望",
        "要求",
        "诉求",
        "相关",
        "部门",
        "处理",
        "解决",
        "问题",
        "情况",
        "现在",
        "目前",
        "一直",
        "已经",
        "多次",
        "严重",
        "影响",
        "请求",
        "尽快",
        "核实",
        "协调",
        "联系",
        "电话",
        "工作",
        "人员",
        "我们",
        "他们",
        "没有",
        "不能",
        "附近",
        "这个",
        "那个",
        "是否",
        "什么",
        "为什么",
        "进行",
        "存在",
        "导致",
        "造成",
        "周边",
        "居民",
        "群众",
        "投诉",
        "举报",
    ]
)
# Where a complaint happens, not what it is about: these words appear in most complaints
# (a third of the labelled set says 小区) but also in a few labels (老旧小区改造, 店门口,
# 老房子), which they would otherwise win for any complaint set in a housing estate.
PLACE = frozenset(
    ["小区", "门口", "村里", "房子", "老房", "路边", "楼下", "楼上", "家里", "院子", "街上"]
    + ["路口", "店铺", "商场", "地下", "下室", "附近", "旁边", "对面", "隔壁", "镇上"]
)
PLACE_WEIGHT = 0.3
K1, B = 1.4, 0.6
LABEL_WEIGHT, EXAMPLE_WEIGHT, EXAMPLES_PER_MATTER = 1.0, 0.5, 3
# Past events: a word in more than this share of them (小区, 门口 in thousands) is not
# scored: it hardly tells matters apart and its postings are the longest to walk.
EXAMPLE_COMMON, COMMON_FLOOR = 0.02, 50
# Below this the first suggestion is not taken as given: the clerk chooses among the
# candidates, each shown with its reasons. Set on the real complaints of bench/data
# (docs/dispatch.md): above it the first matter was right far more often than not.
CONFIDENT_SCORE, CONFIDENT_MARGIN = 0.9, 0.15


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def normalize(text: str) -> str:
    """Simplified characters (OpenCC t2s) and half-width ASCII: a complaint written in
    traditional characters (井蓋, 擺賣) meets the matters' simplified names."""
    text = (text or "").translate(_FULL_WIDTH)
    if not text or text.isascii():
        return text
    return _converter().convert(text)


_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


def tokens(text: str, *, query: bool = False) -> list[str]:
    """Bigrams; single characters too for a query, so a one-character synonym (狗, 坟)
    written alone in a label is found inside a longer run of the complaint."""
    out = []
    for run in _CJK.findall(normalize(text)):
        if run.isascii():
            out.append(run.lower())
            continue
        if len(run) == 1 or query:
            out.extend(run)
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return [t for t in out if t not in STOP]


class BM25:
    """BM25 over documents that can be added one at a time: term frequencies are kept
    per posting, document frequencies and lengths as counts, and the weights computed
    at query time (a few float operations per posting), so adding a document never
    rebuilds the others. Postings are two integer arrays per term (document, frequency):
    a county's index with 20,000 past events stays a few MB (docs/performance.md)."""

    def __init__(self, docs: Iterable[list[str]] = ()):
        self.postings: dict[str, tuple[array, array]] = {}
        self.lengths = array("i")
        self.total = 0
        for doc in docs:
            self.add(doc)

    def _posting(self, term: str) -> tuple[array, array]:
        found = self.postings.get(term)
        if found is None:
            found = self.postings[term] = (array("i"), array("i"))
        return found

    def add(self, doc: list[str]) -> int:
        index = len(self.lengths)
        self.lengths.append(len(doc))
        self.total += len(doc)
        for term, tf in Counter(doc).items():
            ids, tfs = self._posting(term)
            ids.append(index)
            tfs.append(tf)
        return index

    def extend(self, index: int, doc: list[str]) -> None:
        """More words for an existing document (a vocabulary word for a matter)."""
        self.lengths[index] += len(doc)
        self.total += len(doc)
        for term, tf in Counter(doc).items():
            ids, tfs = self._posting(term)
            for position, doc_index in enumerate(ids):
                if doc_index == index:
                    tfs[position] += tf
                    break
            else:
                ids.append(index)
                tfs.append(tf)

    def scores(
        self, query: Iterable[str], terms: dict | None = None, common: float = 1.0
    ) -> dict[int, float]:
        """BM25 of every document sharing a term with the query; a term found in more
        than `common` of the documents is skipped (it says little and costs most)."""
        n = len(self.lengths)
        if not n:
            return {}
        too_many = max(COMMON_FLOOR, common * n)
        average = self.total / n or 1.0
        lengths = self.lengths
        short, scale = K1 * (1 - B), K1 * B / average
        out: dict[int, float] = defaultdict(float)
        for term in set(query):
            posting = self.postings.get(term)
            if posting is None:
                continue
            ids, tfs = posting
            df = len(ids)
            if df > too_many:
                continue
            idf = math.log(1 + (n - df + 0.5) / (df + 0.5)) * (K1 + 1)
            if term in PLACE:
                idf *= PLACE_WEIGHT
            for index, tf in zip(ids, tfs, strict=True):
                weight = idf * tf / (tf + short + scale * lengths[index])
                out[index] += weight
                if terms is not None:
                    terms[index].append((weight, term))
        return out


@dataclass(frozen=True)
class Suggestion:
    matter_id: int
    score: float
    reasons: tuple = field(default=(), compare=False)


class MatterIndex:
    """Build once from (matter id, name, synonyms) and (matter id, past description) pairs,
    then grow it with `learn` (a confirmation) and `add_terms` (a vocabulary word)."""

    def __init__(self, labels: Iterable[tuple[int, str, str]], examples=(), vocabulary=()):
        self.label_ids, self.names, self._row = [], {}, {}
        self.labels = BM25()
        self._sources: dict[int, dict[str, str]] = {}
        for matter_id, name, synonyms in labels:
            self._row[matter_id] = len(self.label_ids)
            self.label_ids.append(matter_id)
            self.names[matter_id] = name
            # The name counts twice: it is the most specific text a matter has.
            self.labels.add(tokens(name) * 2 + tokens(synonyms))
            self._sources[matter_id] = dict.fromkeys(tokens(synonyms), "同义词")
            self._sources[matter_id].update(dict.fromkeys(tokens(name), "事项名称"))
        self.example_ids: list[int] = []
        self.examples = BM25()
        self.frequency: Counter = Counter()
        for matter_id, text in examples:
            self.learn(matter_id, text)
        for matter_id, term in vocabulary:
            self.add_terms(matter_id, term)

    def __len__(self) -> int:
        return len(self.label_ids)

    @property
    def popular(self) -> list[int]:
        return sorted(self.label_ids, key=lambda m: (-self.frequency[m], m))

    def learn(self, matter_id: int, text: str) -> None:
        """A person confirmed (or corrected to) `matter_id` for this text: the next query
        already sees it."""
        if matter_id not in self._row:
            return
        self.example_ids.append(matter_id)
        self.examples.add(tokens(text))
        self.frequency[matter_id] += 1

    def add_terms(self, matter_id: int, words: str, source: str = "词表") -> None:
        """Words citizens use for this matter (the county's vocabulary), added to the
        matter's label at once."""
        row = self._row.get(matter_id)
        if row is None:
            return
        doc = tokens(words)
        if doc:
            self.labels.extend(row, doc)
            for term in doc:
                self._sources[matter_id].setdefault(term, source)

    def ranked(self, text: str, k: int = 3) -> list[Suggestion]:
        query = tokens(text, query=True)
        combined: dict[int, float] = defaultdict(float)
        label_terms: dict[int, list] = defaultdict(list)
        label_scores = self.labels.scores(query, label_terms)
        if label_scores:
            top = max(label_scores.values())
            for index, score in label_scores.items():
                combined[self.label_ids[index]] += LABEL_WEIGHT * score / top
        per_matter: dict[int, list[float]] = defaultdict(list)
        for index, score in self.examples.scores(query, common=EXAMPLE_COMMON).items():
            per_matter[self.example_ids[index]].append(score)
        summed = {}
        if per_matter:
            summed = {
                m: sum(sorted(s, reverse=True)[:EXAMPLES_PER_MATTER]) for m, s in per_matter.items()
            }
            top = max(summed.values())
            for matter_id, score in summed.items():
                combined[matter_id] += EXAMPLE_WEIGHT * score / top
        ranked = sorted(combined.items(), key=lambda item: (-item[1], item[0]))[:k]
        out = []
        for matter_id, score in ranked:
            reasons = self._reasons(matter_id, label_terms.get(self._row[matter_id], ()))
            if matter_id in summed:
                reasons += (f"与{len(per_matter[matter_id])}件已确认事件相似",)
            out.append(Suggestion(matter_id, round(score, 4), reasons))
        if len(out) < k:  # too little text: fill up with the most frequent matters
            chosen = {s.matter_id for s in out}
            out += [
                Suggestion(m, 0.0, ("文字不足,按常见事项补足",))
                for m in self.popular
                if m not in chosen
            ][: k - len(out)]
        return out

    def suggest(self, text: str, k: int = 3) -> list[Suggestion]:
        return self.ranked(text, k)

    def _reasons(self, matter_id: int, matched) -> tuple:
        sources = self._sources.get(matter_id, {})
        words = [term for _weight, term in sorted(matched, reverse=True) if len(term) > 1][:3]
        return tuple(f"{sources.get(term, '事项名称')}「{term}」" for term in words)


def confident(suggestions: list[Suggestion]) -> bool:
    """Whether the first suggestion is clear enough to stand without the clerk choosing."""
    if not suggestions or suggestions[0].score < CONFIDENT_SCORE:
        return False
    second = suggestions[1].score if len(suggestions) > 1 else 0.0
    return suggestions[0].score - second >= CONFIDENT_MARGIN
