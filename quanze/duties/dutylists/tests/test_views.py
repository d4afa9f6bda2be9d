from django.urls import reverse

from quanze.duties.dutylists import services as dutylists


def test_the_township_adds_and_judges_raw_items_and_the_report_counts_them(cast, client):
    duty_list = dutylists.duty_list_for(by=None, township=cast.town_a)
    client.force_login(cast.town_a_clerk)
    client.post(
        reverse("duties:rawitems_add", args=[duty_list.pk]), {"texts": "做党建工作\n协助城管巡查"}
    )
    item = duty_list.raw_items.get(position=1)
    response = client.post(
        reverse("duties:rawitem_assess", args=[item.pk]),
        {
            "basis_sufficient": "1",
            "needed_locally": "1",
            "can_carry_out": "0",
            "name": "党建",
            "duty_class": "basic",
            "row_version": 1,
        },
    )
    assert "列为基本权责须依据充分、基层需要且能有效实施" in response.content.decode()
    client.post(
        reverse("duties:rawitem_assess", args=[item.pk]),
        {
            "basis_sufficient": "1",
            "needed_locally": "1",
            "can_carry_out": "1",
            "name": "党建",
            "duty_class": "basic",
            "row_version": 1,
        },
    )
    item.refresh_from_db()
    assert item.duty_class == "basic"
    assert client.get(reverse("duties:dutylist_detail", args=[duty_list.pk])).status_code == 200
    assert client.get(reverse("duties:dutylist_report")).status_code == 200
