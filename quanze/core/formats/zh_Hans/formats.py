"""zh-hans formats where Django's own do not fit the browser.

An `<input type="date">` takes only ISO dates (2026-12-03); Django renders a date field
with the first of DATE_INPUT_FORMATS, which for zh-hans is "2026/12/03", so every date
field's value (today's date as initial, the stored date on an edit) came out empty in a
Chinese browser. ISO first; the other Chinese spellings are still read.
"""

DATE_INPUT_FORMATS = [
    "%Y-%m-%d",  # '2016-09-05'
    "%Y/%m/%d",  # '2016/09/05'
    "%Y年%m月%d日",  # '2016年9月5日'
]

DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",  # '2016-09-05 20:45:29'
    "%Y-%m-%d %H:%M",  # '2016-09-05 20:45'
    "%Y-%m-%dT%H:%M",  # '2016-09-05T20:45' (datetime-local)
    "%Y/%m/%d %H:%M",  # '2016/09/05 20:45'
    "%Y/%m/%d %H:%M:%S",  # '2016/09/05 20:45:29'
    "%Y年%m月%d日 %H:%M",  # '2016年9月5日 20:45'
]
