"""An offline Chinese text matcher: which matters a complaint most likely concerns.

Pure Python, no model files. Text is cut into character bigrams (Chinese words are
mostly two characters; bigrams need no dictionary) plus whole ASCII words, and scored
with BM25 against two indexes:

- labels: each matter's name and synonyms, one document per matter;
- examples: past events a person confirmed, one document per event, a matter
  scoring by the sum of its best few examples (many similar past complaints are
  stronger evidence than one).

The two scores are normalised by the best score of each and added, the labels
weighing a little more, so a new matter with no history can still come first.
"""

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

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


def tokens(text: str, *, query: bool = False) -> list[str]:
    """Bigrams; single characters too for a query, so a one-character synonym (狗, 坟)
    written alone in a label is found inside a longer run of the complaint."""
    out = []
    for run in _CJK.findall(text or ""):
        if run.isascii():
            out.append(run.lower())
            continue
        if len(run) == 1 or query:
            out.extend(run)
        out.extend(run[i : i + 2] for i in range(len(run) - 1))
    return [t for t in out if t not in STOP]


class _BM25:
    def __init__(self, docs: list[list[str]]):
        self.postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
        lengths = [len(d) for d in docs]
        average = (sum(lengths) / len(lengths)) if lengths else 1.0
        df = Counter(t for d in docs for t in set(d))
        n = len(docs)
        self.idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in df.items()}
        for index, doc in enumerate(docs):
            norm = K1 * (1 - B + B * lengths[index] / (average or 1.0))
            for term, tf in Counter(doc).items():
                weight = self.idf[term] * tf * (K1 + 1) / (tf + norm)
                self.postings[term].append((index, weight))

    def scores(self, query: Iterable[str]) -> dict[int, float]:
        out: dict[int, float] = defaultdict(float)
        for term in set(query):
            factor = PLACE_WEIGHT if term in PLACE else 1.0
            for index, weight in self.postings.get(term, ()):
                out[index] += factor * weight
        return out


@dataclass(frozen=True)
class Suggestion:
    matter_id: int
    score: float


class MatterIndex:
    """Build once from (matter id, name, synonyms) and (matter id, past description) pairs."""

    def __init__(self, labels: Iterable[tuple[int, str, str]], examples=()):
        self.label_ids, label_docs, self.names = [], [], {}
        for matter_id, name, synonyms in labels:
            self.label_ids.append(matter_id)
            self.names[matter_id] = name
            # The name counts twice: it is the most specific text a matter has.
            label_docs.append(tokens(name) * 2 + tokens(synonyms))
        self.labels = _BM25(label_docs)
        self.example_ids, example_docs = [], []
        for matter_id, text in examples:
            self.example_ids.append(matter_id)
            example_docs.append(tokens(text))
        self.examples = _BM25(example_docs)
        frequency = Counter(self.example_ids)
        self.popular = sorted(self.label_ids, key=lambda m: (-frequency[m], m))

    def __len__(self) -> int:
        return len(self.label_ids)

    def suggest(self, text: str, k: int = 3) -> list[Suggestion]:
        query = tokens(text, query=True)
        combined: dict[int, float] = defaultdict(float)
        label_scores = self.labels.scores(query)
        if label_scores:
            top = max(label_scores.values())
            for index, score in label_scores.items():
                combined[self.label_ids[index]] += LABEL_WEIGHT * score / top
        per_matter: dict[int, list[float]] = defaultdict(list)
        for index, score in self.examples.scores(query).items():
            per_matter[self.example_ids[index]].append(score)
        if per_matter:
            summed = {
                m: sum(sorted(s, reverse=True)[:EXAMPLES_PER_MATTER]) for m, s in per_matter.items()
            }
            top = max(summed.values())
            for matter_id, score in summed.items():
                combined[matter_id] += EXAMPLE_WEIGHT * score / top
        ranked = sorted(combined.items(), key=lambda item: (-item[1], item[0]))[:k]
        if len(ranked) < k:  # too little text: fill up with the most frequent matters
            chosen = {m for m, _ in ranked}
            ranked += [(m, 0.0) for m in self.popular if m not in chosen][: k - len(ranked)]
        return [Suggestion(matter_id, round(score, 4)) for matter_id, score in ranked]
