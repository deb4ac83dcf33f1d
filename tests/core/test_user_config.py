"""The config file: good values used, bad ones reported with their line and replaced by defaults."""

from studytui.cli.launch import launch_parser, settings_from
from studytui.user_config import load_user_config


def test_missing_file_gives_defaults(tmp_path):
    config = load_user_config(tmp_path / "none.toml")
    assert config.problems == ()
    assert config.get("pause_on_note") is True and config.get("notes_paste_limit") == 80


def test_values_and_bad_values_with_lines(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text(
        'stamp_offset = 3\npause_on_note = "yes"\nnotes_paste_limit = 200\ncolour = "blue"\n'
        'player = "vlc"\n\n[keys]\ntoggle_clock = "ctrl+space"\n',
        encoding="utf-8",
    )
    config = load_user_config(path)
    assert config.get("stamp_offset") == 3
    assert config.get("pause_on_note") is True, "bad value: the default is used"
    assert config.get("notes_paste_limit") == 200
    assert config.get("player") == "stopwatch"
    assert config.get("keys") == {"toggle_clock": "ctrl+space"}
    assert config.problems == (
        f"{path}:2: pause_on_note: expected true or false, got 'yes'; using the default (True)",
        f"{path}:4: unknown option 'colour' (ignored)",
        f"{path}:5: player: must be 'stopwatch' or 'mpv', got 'vlc'; using the default ('stopwatch')",
    )


def test_broken_toml_is_reported_with_its_line(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("stamp_offset = 3\npause_on_note = \n", encoding="utf-8")
    config = load_user_config(path)
    assert config.values == {}
    assert config.problems[0].startswith(f"{path}:2: ")


def test_command_line_wins_over_environment_over_config(tmp_path, monkeypatch):
    path = tmp_path / "config.toml"
    path.write_text(f'notes_dir = "{tmp_path / "from-config"}"\nkernel = "k-config"\n', encoding="utf-8")
    config = load_user_config(path)
    parser = launch_parser(config)
    settings = settings_from(parser.parse_args([]), config, tmp_path)
    assert settings.notes_dir == tmp_path / "from-config" and settings.kernel_name == "k-config"
    monkeypatch.setenv("STUDYTUI_NOTES", str(tmp_path / "from-env"))
    monkeypatch.setenv("STUDYTUI_KERNEL", "k-env")
    settings = settings_from(parser.parse_args([]), config, tmp_path)
    assert settings.notes_dir == tmp_path / "from-env" and settings.kernel_name == "k-env"
    args = parser.parse_args(["--notes", str(tmp_path / "from-flag"), "--kernel", "k-flag", "--pass", "1"])
    settings = settings_from(args, config, tmp_path)
    assert settings.notes_dir == tmp_path / "from-flag" and settings.kernel_name == "k-flag"
    assert settings.start_pass == 1


def test_a_copy_of_the_bundled_curriculum_is_the_bundled_curriculum(tmp_path):
    import shutil

    from studytui.config import bundled_lessons_dir, default_lessons_dir

    shutil.copytree(bundled_lessons_dir(), tmp_path / "lessons")
    assert default_lessons_dir(tmp_path) == bundled_lessons_dir(), "a clone's ./lessons needs no trust step"
    lesson = next((tmp_path / "lessons").rglob("01-*.md"))
    lesson.write_text(lesson.read_text() + "\nmy own words\n")
    assert default_lessons_dir(tmp_path) == tmp_path / "lessons", "an edited folder is the learner's own"


def test_mpv_options_reach_the_mpv_studytui_starts(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('mpv_options = ["--vo=null", "--ao=null"]\ntorch_cpu_index = ""\n', encoding="utf-8")
    config = load_user_config(path)
    assert config.problems == ()
    settings = settings_from(launch_parser(config).parse_args([]), config, tmp_path)
    assert settings.mpv_args == ("--vo=null", "--ao=null")
    assert settings.torch_cpu_index == ""
    empty = load_user_config(tmp_path / "no.toml")
    assert settings_from(launch_parser(empty).parse_args([]), empty, tmp_path).torch_cpu_index is None
    for value, says in [('"--vo=null"', "expected a list"), ('["vo=null"]', "starting with --"),
                        ("[1]", "starting with --")]:
        path.write_text(f"mpv_options = {value}\n", encoding="utf-8")
        config = load_user_config(path)
        assert config.get("mpv_options") == [] and says in config.problems[0], config.problems


def test_configs_nested_too_deeply_give_defaults_and_say_why(tmp_path):
    arrays = tmp_path / "arrays.toml"
    arrays.write_text("stamp_offset = 5\nx = " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    tables = tmp_path / "tables.toml"
    tables.write_text("x = " + "{a = " * 50_000 + "1" + "}" * 50_000 + "\n", encoding="utf-8")
    for path in (arrays, tables):
        config = load_user_config(path)
        assert config.get("stamp_offset") == 0 and config.get("player") == "stopwatch"
        assert config.problems == (
            f"{path}:1: values nested too deeply to read (arrays or inline tables inside each other); "
            "using defaults for every option",
        )


def test_a_config_file_too_large_gives_defaults_and_says_why(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("# padding\n" * 200_000, encoding="utf-8")
    config = load_user_config(path)
    assert config.get("pause_on_note") is True
    assert config.problems == (
        f"{path}:1: cannot read the config file: it is 1.9 MB, more than the 1 MB studytui reads; using defaults",
    )


def test_a_value_of_the_wrong_type_in_a_table_is_reported(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text('[videos]\nlesson-1 = ["a", "b"]\n\n[keys]\ntoggle_clock = 3\n', encoding="utf-8")
    config = load_user_config(path)
    assert config.get("videos") == {} and config.get("keys") == {}
    assert len(config.problems) == 2 and all("must be a string" in problem for problem in config.problems)
