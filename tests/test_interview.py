"""Interview detection and roles on invented articles."""

from __future__ import annotations

from climadiplo.read.interview import guess_interviewee, looks_like_interview, paragraph_roles

INTERVIEW = [
    "Maria Chen, an energy analyst at the Harbor Institute, has studied the talks for years.",
    "Chen returned from Geneva last week. We spoke with her about the negotiations.",
    "What did you expect from the meeting?",
    "Very little. Both sides needed to be seen talking.",
    "And did anything surprise you?",
    "The tone did. It was warmer than in March. Why? Because both had domestic reasons.",
    "This interview has been edited for length and clarity.",
]


def test_detects_interview_and_assigns_roles_and_voice():
    assert looks_like_interview(INTERVIEW)
    roles = paragraph_roles(INTERVIEW, genre=None, interviewee=None)
    assert [role for role, _ in roles] == [
        "narration",
        "narration",
        "question",
        "answer",
        "question",
        "answer",
        "narration",
    ]
    assert roles[3] == ("answer", "Maria Chen")
    assert roles[2] == ("question", "author")


def test_catalogue_genre_and_interviewee_win():
    roles = paragraph_roles(INTERVIEW, genre="interview", interviewee="Dr. M. Chen")
    assert roles[5] == ("answer", "Dr. M. Chen")


def test_q_and_a_prefixes():
    paragraphs = ["An exchange with a negotiator.", "Q: Will talks resume?", "A: Yes.", "Q: When?", "A: Soon, we hope."]
    assert looks_like_interview(paragraphs)
    assert [role for role, _ in paragraph_roles(paragraphs, None, None)] == [
        "narration",
        "question",
        "answer",
        "question",
        "answer",
    ]


def test_news_with_rhetorical_questions_is_not_an_interview():
    news = [
        "The envoys met in Geneva on Monday.",
        "Will the talks succeed?",
        "Analysts are divided. Some expect a deal by autumn.",
        "What happens next?",
        "The next round is due in May.",
    ]
    assert not looks_like_interview(news)
    assert set(paragraph_roles(news, None, None)) == {("narration", "author")}


def test_a_news_genre_is_never_read_as_interview():
    assert set(paragraph_roles(INTERVIEW, genre="news", interviewee=None)) == {("narration", "author")}


def test_guess_interviewee_prefers_the_recurring_surname():
    assert guess_interviewee("according to Alex Wang of UCLA. Wang recently returned.") == "Alex Wang"
    assert guess_interviewee("no names here.") is None
