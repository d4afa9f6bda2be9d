"""The measures page."""


def test_the_measures_page_draws_charts(client, cast, dispatched):
    client.force_login(cast.town_b_clerk)
    page = client.get("/dispatch/measures/").content.decode()
    assert (
        "vendor/echarts/echarts.min.js" in page
        and "chart-data" in page
        and "平阴县城市管理局" in page
    )
