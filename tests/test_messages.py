"""Every problem a user can meet is worded in Chinese: each error and warning the tests
make planmaker produce has a message in cli/messages.py that formats with the params the
problem really carries (recorded by conftest.py for the whole session; this test runs
after all the others)."""

from __future__ import annotations

import pytest


@pytest.mark.after_all
def test_every_problem_met_has_a_chinese_message_that_formats(problems_seen):
    assert problems_seen.unworded() == []
