"""The config file's [keys]: unsafe remaps are reported with their line and the default is kept."""

from studytui.cli.launch import launch_parser, settings_from, with_keymap
from studytui.ui.app import config_summary
from studytui.ui.keymap_check import check_keymap
from studytui.user_config import load_user_config


def load(tmp_path, text):
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    config = load_user_config(path)
    return path, config, check_keymap(dict(config.get("keys")), config.lines, config.path)


def test_safe_remaps_are_kept_and_every_unsafe_one_is_reported_at_its_line(tmp_path):
    path, _, checked = load(
        tmp_path,
        '[keys]\ntoggle_clock = "a"\nquit = "ctrl+n"\nrun_cell = "enter"\nbogus = "f13"\n'
        'new_note = "ctrl+bogus"\nhelp = "f13"\nfocus_code = "ctrl+space"\nseek_back = "ctrl+w"\n'
        'revisit = "shift+x"\ngoto_stamp = "space"\n',
    )
    assert checked.keymap == {"help": "f13", "focus_code": "ctrl+space"}
    lines = [problem.split(": [keys] ")[0] for problem in checked.problems]
    assert lines == [f"{path}:{n}" for n in (2, 3, 4, 5, 6, 9, 10, 11)]
    text = "\n".join(checked.problems)
    assert "toggle_clock: 'a' types text" in text
    assert "quit: 'ctrl+n' is already bound to new_note" in text
    assert "run_cell: Enter runs code" in text
    assert "bogus: no such action" in text
    assert "'ctrl+bogus' is not a key name" in text
    assert "'ctrl+w' is an editing key" in text
    assert all(problem.endswith("; the default is kept") for problem in checked.problems)


def test_two_actions_on_one_new_key_the_first_line_wins(tmp_path):
    path, _, checked = load(tmp_path, '[keys]\nhelp = "f13"\nrevisit = "f13"\n')
    assert checked.keymap == {"help": "f13"}
    assert checked.problems == (f"{path}:3: [keys] revisit: 'f13' is already bound to help; the default is kept",)


def test_an_action_may_take_a_key_another_action_gave_up(tmp_path):
    _, _, checked = load(tmp_path, '[keys]\nquit = "ctrl+t"\ntoggle_clock = "ctrl+space"\n')
    assert checked.keymap == {"quit": "ctrl+t", "toggle_clock": "ctrl+space"} and checked.problems == ()


def test_the_launch_settings_carry_the_checked_keymap_and_its_problems(tmp_path):
    path, config, _ = load(tmp_path, 'colour = 1\n[keys]\ntoggle_clock = "a"\nhelp = "f13"\n')
    settings = with_keymap(settings_from(launch_parser(config).parse_args([]), config, tmp_path), config)
    assert settings.keymap == {"help": "f13"}
    assert settings.config_problems == (
        f"{path}:1: unknown option 'colour' (ignored)",
        f"{path}:3: [keys] toggle_clock: 'a' types text: use a key with ctrl or alt, or a function key; "
        "the default is kept",
    )


def test_thousands_of_unknown_options_load_at_once_and_make_one_short_summary(tmp_path):
    text = "".join(f"option_{number} = {number}\n" for number in range(5000))
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    config = load_user_config(path)  # bench/bench_hostile.py measures it: milliseconds, minutes before
    assert len(config.problems) == 5000
    assert config.problems[4999] == f"{path}:5000: unknown option 'option_4999' (ignored)"
    summary = config_summary(config.problems)
    assert summary.count("\n") == 8 and summary.endswith("... and 4992 more")
