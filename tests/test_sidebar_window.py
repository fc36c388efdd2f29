"""The window as a whole: a broken book's message, placement on screen, remembered geometry."""

from dataclasses import replace

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication

from assist.ui.app import create_window
from assist.ui.geometry import DEFAULT_WIDTH
from assist.ui.navigator import Page
from assist.ui.settings import Settings
from tests.ui_fixtures import press, reload_when_the_watcher_sees_it


def test_broken_book_opens_the_builtin_one_and_shows_where_it_is_wrong(qtbot, write_book, settings, clipboard):
    broken = write_book("name: 坏的\nsituations:\n  - id: hold\n    titel: x\n", name="centre.yaml")
    window = create_window(broken, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.navigator.book.name == "96128政务信息查询规范服务用语"
    assert window.banner.isVisible()
    assert "centre.yaml" in window.banner.title.text()
    details = window.banner.details.text()
    assert details.splitlines() == [  # the file once, then each problem with its line and column
        str(broken),
        "第 3 行第 5 列：情形“hold”缺少“title”",
        "第 3 行第 5 列：情形“hold”缺少“phrases”",
        "第 4 行第 5 列：情形“hold”中有未知的键“titel”，是否应为“title”？",
    ]
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    press(qtbot, window, "Alt+5")  # the built-in book works as usual
    press(qtbot, window, "Ctrl+3")
    qtbot.waitUntil(lambda: clipboard.text() == "谢谢您的耐心等待")


def test_closed_banner_stays_reachable_from_the_header(qtbot, write_book, settings):
    window = create_window(write_book("{{{"), settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.problems_button.isVisible()
    window.banner.hide()
    window.problems_button.click()
    assert window.banner.isVisible()
    assert "YAML 语法错误" in window.banner.details.text()


def test_missing_book_file_is_reported_too(qtbot, tmp_path, settings):
    window = create_window(tmp_path / "gone.yaml", settings)
    qtbot.addWidget(window)
    assert window.navigator.book.situations and "gone.yaml" in window.banner.title.text()
    assert [problem.message for problem in window.banner.problems] == ["no such file"]


def test_long_problem_lists_are_shortened(qtbot, write_book, settings):
    situations = "".join(f"  - id: s{i}\n    title: t\n    phrases: []\n" for i in range(6))
    window = create_window(write_book("name: x\nsituations:\n" + situations), settings)
    qtbot.addWidget(window)
    assert "3 more" in window.banner.details.text() or "另有 3 个问题" in window.banner.details.text()
    assert len(window.banner.problems) == 6


def test_first_start_docks_at_the_right_edge_with_full_height(window):
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert window.width() == DEFAULT_WIDTH
    assert window.geometry().right() == area.right()
    assert window.height() == area.height()


def test_geometry_is_remembered(qtbot, open_window, default_book, settings):
    first = open_window(default_book, settings)
    first.setGeometry(100, 120, 380, 600)
    first.close()
    second = open_window(default_book, Settings.at(settings.location))
    assert second.geometry() == QRect(100, 120, 380, 600)


def test_geometry_off_every_screen_is_replaced(qtbot, open_window, default_book, settings):
    first = open_window(default_book, settings)
    first.setGeometry(20_000, 20_000, 380, 600)  # as if saved on a monitor that is now unplugged
    first.save_geometry()
    first.close()
    second = open_window(default_book, Settings.at(settings.location))
    area = QGuiApplication.primaryScreen().availableGeometry()
    assert area.contains(second.geometry())


def test_moving_the_window_saves_its_place_without_closing(qtbot, window, settings):
    window.move(50, 60)
    qtbot.waitUntil(window._geometry_timer.isActive)  # the move event arms the save delay …
    window._geometry_timer.stop()
    window._geometry_timer.timeout.emit()  # … which the test ends by hand
    assert settings.get("window/geometry") == window.geometry()
    assert Settings.at(settings.location).get("window/geometry").topLeft() == window.geometry().topLeft()


def test_a_long_copy_message_does_not_widen_the_window(qtbot, window):
    width = window.width()
    press(qtbot, window, "Alt+3")
    press(qtbot, window, "Ctrl+2")  # the longest phrase of the book, echoed in the status line
    qtbot.waitUntil(lambda: "对不起" in window.status.toolTip())
    assert window.width() == width
    assert window.status.text().endswith("…")


def test_a_live_update_that_breaks_the_book_keeps_it_and_shows_where(qtbot, settings, tmp_path):
    book = tmp_path / "centre.yaml"
    good = "name: 本中心\nsituations:\n  - id: hold\n    title: 查询等待\n    phrases:\n      - text: 请您稍候。\n"
    book.write_text(good, encoding="utf-8")
    window = create_window(book, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert window.navigator.book.situation("hold").phrases[0].text == "请您稍候。"
    temporary = tmp_path / "centre.yaml.tmp"
    temporary.write_text(good.replace("phrases:", "phrasez:"), encoding="utf-8")
    temporary.replace(book)  # saved the way many editors save
    reload_when_the_watcher_sees_it(qtbot, window.source)
    assert window.banner.isVisible()
    assert "第 5 行第 5 列：情形“hold”中有未知的键“phrasez”，是否应为“phrases”？" in window.banner.details.text()
    assert window.navigator.book.situation("hold").phrases[0].text == "请您稍候。"  # the last good book
    assert window.problems_button.isVisible()
    book.write_text(good.replace("请您稍候。", "请您稍候，马上就好。"), encoding="utf-8")
    reload_when_the_watcher_sees_it(qtbot, window.source)
    assert window.navigator.book.situation("hold").phrases[0].text == "请您稍候，马上就好。"
    assert not window.banner.isVisible() and not window.problems_button.isVisible()


def test_esc_on_the_settings_page_after_the_book_changed_goes_back(qtbot, window, default_book):
    """Alt+5, Ctrl+, then the phrasebook is updated (a file saved, a URL polled), then Esc: back to
    the situations with the situation that was open selected, not an exception."""
    press(qtbot, window, "Esc")  # put off the first-start prompt
    press(qtbot, window, "Alt+5")
    press(qtbot, window, "Ctrl+,")
    hold = default_book.situation("hold")
    changed = replace(hold, phrases=(replace(hold.phrases[0], text="请您稍候。"), *hold.phrases[1:]))
    window.navigator.set_book(
        replace(default_book, situations=tuple(changed if s.id == "hold" else s for s in default_book.situations))
    )
    press(qtbot, window, "Esc")
    assert window.navigator.page is Page.SITUATIONS
    assert window.navigator.book.situations[window.navigator.selected].id == "hold"


def test_an_unusable_address_at_start_is_explained_in_the_interface_language(qtbot, settings):
    """Seen in English: the banner of a book loaded at start came in Chinese (the language was chosen after)."""
    from assist.ui.i18n import choose

    settings.set("appearance/language", "en")
    try:
        window = create_window("ftp://x/y", settings)
        qtbot.addWidget(window)
        assert window.banner.title.text() == (
            "The phrasebook address ftp://x/y cannot be used; showing the built-in phrasebook."
        )
        assert window.banner.details.text() == (
            "ftp://x/y:1:1: Assist reads a phrasebook from a file or an http(s) address; ftp:// is not supported"
        )
    finally:
        choose("zh")
