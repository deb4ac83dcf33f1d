import pytest

from studytui.core.timecode import format_clock, format_time, parse_time


@pytest.mark.parametrize(
    "text, seconds",
    [("00:19:09", 1149), ("19:09", 1149), ("1:02:03", 3723), ("0:05", 5), ("2:25:52", 8752)],
)
def test_parse_time(text, seconds):
    assert parse_time(text) == seconds


@pytest.mark.parametrize("text", ["", "12", "1:2:3", "00:61", "1:61:00", "a:bc", "12:34:56:78", "-1:00"])
def test_parse_time_rejects(text):
    with pytest.raises(ValueError):
        parse_time(text)


def test_format_round_trips():
    for seconds in [0, 5, 59, 60, 754, 3599, 3600, 3723, 8752]:
        assert parse_time(format_time(seconds)) == seconds
    assert format_time(754) == "12:34"
    assert format_time(3723) == "1:02:03"
    assert format_clock(754) == "0:12:34"
    assert format_time(-3) == "00:00"
