"""The review pages: organise a round, score a file, finish, what the unit then reads."""

from datetime import date

from quanze.enforcement.cases.tests.test_steps import go, to_decided
from quanze.enforcement.review.models import ReviewedFile, ReviewRound


def test_round_through_the_pages(client, ew):
    to_decided(ew)
    go(ew, "serve", date(2025, 3, 20))
    go(ew, "pay", date(2025, 4, 7), paid_amount="2000")
    go(ew, "close", date(2025, 4, 8), summary="执行完毕")
    client.force_login(ew.cast.reviewer)
    answer = client.post(
        "/enforcement/review/new/",
        {
            "title": "2025年评查",
            "period_start": "2025-01-01",
            "period_end": "2025-12-31",
            "per_unit": 3,
            "seed": 9,
        },
    )
    review = ReviewRound.objects.get()
    assert answer.status_code == 302 and review.seed == 9
    file = ReviewedFile.objects.get()
    page = client.get(f"/enforcement/review/files/{file.pk}/")
    assert "给予处罚的案件没有登记证据" in page.content.decode()
    veto = review.sheet.items.get(text="适用法律依据错误")
    client.post(
        f"/enforcement/review/files/{file.pk}/", {f"item-{veto.pk}": "1", "notes": "依据错误"}
    )
    file.refresh_from_db()
    assert file.vetoed and file.grade == "不合格"
    # the township sees nothing until the round is finished
    client.force_login(ew.cast.town_a_clerk)
    assert client.get(f"/enforcement/review/{review.pk}/").status_code == 404
    client.force_login(ew.cast.reviewer)
    client.post(f"/enforcement/review/{review.pk}/finish/")
    client.force_login(ew.cast.town_a_clerk)
    page = client.get(f"/enforcement/review/{review.pk}/")
    assert page.status_code == 200 and page.context["results"][0]["vetoes"] == 1
    csv_text = client.get(f"/enforcement/review/{review.pk}/export.csv").content.decode("utf-8-sig")
    assert "适用法律依据错误(否决)" in csv_text
